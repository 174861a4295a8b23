-- strace_render.lua: the record parser and renderer of the Wireshark
-- dissector strace.lua, free of Wireshark's API.
--
-- It reads stracedump records (docs/format.md) from their raw bytes and
-- renders them as `stracedump decode` prints them: a port of
-- decoder/render*.go for the options the dissector's Info column shows,
-- over the tables of the generated decode helper strace_decode.lua. It
-- also makes what the dissector's taps show of a whole capture (strace
-- -c's table, Follow fd, the statistics, the IP packets rebuilt around
-- socket payloads). It uses nothing of Wireshark, so plain lua5.2 and
-- lua5.4 run it too: the differential test (lua/difffuzz_test.go) feeds
-- it records the Go side made and compares its lines with the Go
-- decoder's.
--
-- strace.lua loads it from its own folder and calls the chunk with the
-- decode helper's table; the chunk returns its functions and constants.
-- Installed in Wireshark's plugins folder, Wireshark also runs it as a
-- plugin of its own, without that table: it then returns at once.
--
-- Portable from Lua 5.2 to 5.4 by the same rules as strace.lua: bit
-- operations through the global `bit` library (32 bits, signed results;
-- 64-bit values are {hi, lo} pairs), no native operators, unpack,
-- loadstring or utf8.

local D = ...
if type(D) ~= "table" or type(D.arches) ~= "table" then
    return {}
end

-- bit is Wireshark's LuaBitOp; plain Lua has none. Under lua5.2 the shim
-- wraps bit32, under 5.3 and later the native operators, compiled from a
-- string at run time so that the 5.2 parser never reads them. Both give
-- LuaBitOp's signed 32-bit results.
local bit = rawget(_G, "bit")
if not bit then
    local function signed(x)
        if x >= 0x80000000 then return x - 0x100000000 end
        return x
    end
    local b32 = rawget(_G, "bit32")
    if b32 then
        bit = {
            band = function(...) return signed(b32.band(...)) end,
            bor = function(...) return signed(b32.bor(...)) end,
            bnot = function(a) return signed(b32.bnot(a)) end,
            rshift = function(a, n) return signed(b32.rshift(a, n % 32)) end,
            lshift = function(a, n) return signed(b32.lshift(a, n % 32)) end,
        }
    else
        bit = load(
            "local signed = ...\n" ..
            "local function u(x) return math.tointeger(x % 4294967296) end\n" ..
            "local function w(x) return signed(x & 0xffffffff) end\n" ..
            "local function fold(op, a, ...)\n" ..
            "    local r = u(a)\n" ..
            "    for i = 1, select('#', ...) do r = op(r, u((select(i, ...)))) end\n" ..
            "    return w(r)\n" ..
            "end\n" ..
            "local function and2(a, b) return a & b end\n" ..
            "local function or2(a, b) return a | b end\n" ..
            "return {\n" ..
            "    band = function(...) return fold(and2, ...) end,\n" ..
            "    bor = function(...) return fold(or2, ...) end,\n" ..
            "    bnot = function(a) return w(~u(a)) end,\n" ..
            "    rshift = function(a, n) return w(u(a) >> (n % 32)) end,\n" ..
            "    lshift = function(a, n) return w(u(a) << (n % 32)) end,\n" ..
            "}\n", "=bit shim")(signed)
    end
end

local band, bor, bnot, rshift, lshift = bit.band, bit.bor, bit.bnot, bit.rshift, bit.lshift
local fmt, concat, floor = string.format, table.concat, math.floor

local TWO32 = 4294967296

----------------------------------------------------------------------------
-- 64-bit values as {hi, lo}, each half 0 .. 2^32-1.

-- n32 folds the bit library's signed results back to 0 .. 2^32-1.
local function n32(x) return x % TWO32 end

local ZERO = { 0, 0 }
local function U(lo) return { 0, lo } end
local function uand(a, b) return { n32(band(a[1], b[1])), n32(band(a[2], b[2])) } end
local function uor(a, b) return { n32(bor(a[1], b[1])), n32(bor(a[2], b[2])) } end
local function uandnot(a, b) return { n32(band(a[1], bnot(b[1]))), n32(band(a[2], bnot(b[2]))) } end
local function ueq(a, b) return a[1] == b[1] and a[2] == b[2] end
local function uzero(a) return a[1] == 0 and a[2] == 0 end
local function ult(a, b) return a[1] < b[1] or (a[1] == b[1] and a[2] < b[2]) end

local function ushr(a, n)
    if n == 0 then return a end
    if n >= 32 then return { 0, n32(rshift(a[1], n - 32)) } end
    return { n32(rshift(a[1], n)), n32(bor(rshift(a[2], n), lshift(a[1], 32 - n))) }
end

local function uadd(a, n)
    local lo = a[2] + n
    local hi = a[1]
    if lo >= TWO32 then
        lo = lo - TWO32
        hi = n32(hi + 1)
    end
    return { hi, lo }
end

-- udiff is a - b as a number, exact while it is small (the only case
-- callers act on).
-- From 2^53 on it is a float, as everywhere on Lua 5.2: Lua 5.4's
-- integers would wrap past 2^63 and turn a huge difference negative.
local function udiff(a, b)
    local h = a[1] - b[1]
    if h >= 0x200000 or h <= -0x200000 then return h * 4294967296.0 + (a[2] - b[2]) end
    return h * TWO32 + (a[2] - b[2])
end

-- unum is a as a number: exact below 2^53, a float from there (as udiff).
local function unum(a)
    if a[1] >= 0x200000 then return a[1] * 4294967296.0 + a[2] end
    return a[1] * TWO32 + a[2]
end

local function uneg(a)
    local r = { n32(bnot(a[1])), n32(bnot(a[2])) }
    return uadd(r, 1)
end

local function isneg(a) return a[1] >= 0x80000000 end

-- udec is a in decimal, unsigned.
local function udec(a)
    if a[1] < 0x200000 then
        return fmt("%.0f", unum(a))
    end
    local hi, lo = a[1], a[2]
    local digits = {}
    while hi > 0 or lo > 0 do
        local qh = floor(hi / 10)
        local r = hi - qh * 10
        local x = r * TWO32 + lo
        local ql = floor(x / 10)
        digits[#digits + 1] = fmt("%d", x - ql * 10)
        hi, lo = qh, ql
    end
    local out = {}
    for i = #digits, 1, -1 do out[#out + 1] = digits[i] end
    return concat(out)
end

-- sdec is a in decimal, as a signed 64-bit value.
local function sdec(a)
    if isneg(a) then return "-" .. udec(uneg(a)) end
    return udec(a)
end

-- chex is C's %#x: "0" for zero.
local function chex(a)
    if a[1] == 0 then
        if a[2] == 0 then return "0" end
        return fmt("0x%x", a[2])
    end
    return fmt("0x%x%08x", a[1], a[2])
end

-- gohex is Go's %#x: "0x0" for zero.
local function gohex(a)
    if uzero(a) then return "0x0" end
    return chex(a)
end

local function int32(x)
    if x >= 0x80000000 then return x - TWO32 end
    return x
end

-- Go's %#o, and %#03o as modes print.
local function gooct(v)
    if v == 0 then return "0" end
    return fmt("0%o", v)
end

local function gomode(v)
    local s = gooct(v)
    while #s < 3 do s = "0" .. s end
    return s
end

----------------------------------------------------------------------------
-- Bytes.

local function le(s, off, n)
    local v = 0
    for i = n, 1, -1 do
        v = v * 256 + s:byte(off + i)
    end
    return v
end

local function le32(s, off) return le(s, off, 4) end
local function le64(s, off) return { le(s, off + 4, 4), le(s, off, 4) } end

----------------------------------------------------------------------------
-- Records.

local KIND = { syscall = 1, entry = 2, signal = 3, exit = 4, process = 5, capture = 6, detach = 7, comment = 8 }
local kind_names = { [1] = "syscall", [2] = "syscall-entry", [3] = "signal", [4] = "exit",
    [5] = "process", [6] = "capture", [7] = "detach", [8] = "comment" }

local F_NORETURN, F_GROUPSTOP, F_ATTACH, F_EXEC, F_FORK, F_FOLLOW, F_LAUNCHED = 1, 2, 4, 8, 16, 32, 64
local F_SUPERSEDED = 128

-- argtext: an imported record's argument given as text (docs/format.md);
-- F_ARGTEXT, the record flag saying it has some, is kept here too: the
-- main chunk has no local to spare.
local SEC = { mem = 1, fdpath = 2, siginfo = 3, comm = 4, exe = 5, cwd = 6, argv = 7, creds = 8, text = 9, regs = 10,
    fdinfo = 11, ifname = 12, argtext = 13, F_ARGTEXT = 256 }
local sec_names = { [1] = "mem", [2] = "fdpath", [3] = "siginfo", [4] = "comm", [5] = "exe", [6] = "cwd",
    [7] = "argv", [8] = "creds", [9] = "text", [10] = "regs", [11] = "fdinfo", [12] = "ifname", [13] = "argtext",
    [14] = "uring" }
local SF_EXIT, SF_STRING, SF_TERMINATED, SF_FAULT = 1, 2, 4, 8

local HEADER_LEN, SECTION_HEADER_LEN, VERSION = 104, 16, 2

local function has(flags, f) return band(flags, f) ~= 0 end

-- Record positions: at[field] = {offset, length} of the bytes holding it,
-- absent for a value version 2 leaves out (zero, or the tid equal to the
-- pid).
local function pos(off, n) return { off, n } end

-- parse_v1 reads a version 1 record: a fixed 104-byte header, then
-- sections with 16-byte headers.
local function parse_v1(s, r)
    local n = #s
    if n < 4 then
        return r, fmt("malformed record at byte 0: %d bytes, shorter than the version and header length", n)
    end
    r.hlen = le(s, 2, 2)
    if r.hlen < HEADER_LEN then
        return r, fmt("malformed record at byte 2: header length %d, want at least %d", r.hlen, HEADER_LEN)
    end
    if n < r.hlen then
        return r, fmt("malformed record at byte %d: record ends inside its %d-byte header", n, r.hlen)
    end
    r.kind = le(s, 4, 2)
    r.flags = le(s, 6, 2)
    r.arch = le32(s, 8)
    r.pid = le32(s, 12)
    r.tid = le32(s, 16)
    r.nsections = le32(s, 20)
    r.nr = le64(s, 24)
    r.args = {}
    for i = 1, 6 do r.args[i] = le64(s, 32 + 8 * (i - 1)) end
    r.ret = le64(s, 80)
    r.time = le64(s, 88)
    r.duration = le64(s, 96)
    r.at = {
        hlen = pos(2, 2), kind = pos(4, 2), flags = pos(6, 2), arch = pos(8, 4), pid = pos(12, 4), tid = pos(16, 4),
        nsections = pos(20, 4), nr = pos(24, 8), ret = pos(80, 8), time = pos(88, 8), duration = pos(96, 8), args = {},
    }
    for i = 1, 6 do r.at.args[i] = pos(32 + 8 * (i - 1), 8) end
    local off = r.hlen
    if r.nsections > floor((n - off) / SECTION_HEADER_LEN) then
        return r, fmt("malformed record at byte 20: %d sections cannot fit in %d bytes", r.nsections, n - off)
    end
    for i = 0, r.nsections - 1 do
        if n - off < SECTION_HEADER_LEN then
            return r, fmt("malformed record at byte %d: section %d header truncated", off, i)
        end
        local dlen = le32(s, off + 4)
        local start = off + SECTION_HEADER_LEN
        if dlen > n - start then
            return r, fmt("malformed record at byte %d: section %d length %d runs past the record end (%d bytes left)",
                off + 4, i, dlen, n - start)
        end
        r.sections[#r.sections + 1] = {
            type = le(s, off, 2), flags = le(s, off + 2, 2), key = le64(s, off + 8),
            off = off, doff = start, size = SECTION_HEADER_LEN + dlen, data = s:sub(start + 1, start + dlen),
            at = { type = pos(off, 2), flags = pos(off + 2, 2), len = pos(off + 4, 4), key = pos(off + 8, 8) },
        }
        off = start + dlen
    end
    if off ~= n then
        return r, fmt("malformed record at byte %d: %d trailing bytes after the last section", off, n - off)
    end
    return r, nil
end

-- uvarint reads an unsigned LEB128 varint at byte offset off of s. It
-- returns the value as {hi, lo} and the offset after it, or nil and the
-- reason. Arithmetic only: exact for all 64 bits on Lua 5.2 and 5.4.
local function uvarint(s, off)
    local hi, lo, mul, himul = 0, 0, 1, 8
    for i = 0, 9 do
        local b = s:byte(off + i + 1)
        if not b then return nil, "truncated" end
        local c = b % 128
        if i <= 4 then
            lo = lo + c * mul -- byte 4 holds bits 28-34: the carry goes to hi below
            mul = mul * 128
        else
            if i == 9 and c > 1 then return nil, "overflows 64 bits" end
            hi = hi + c * himul
            himul = himul * 128
        end
        if b < 128 then
            local carry = floor(lo / TWO32)
            return { hi + carry, lo - carry * TWO32 }, off + i + 1
        end
    end
    return nil, "overflows 64 bits"
end

-- Value modes of version 2 (docs/format.md): zero, the value, a 64-bit
-- negative stored as ^v, a 32-bit negative stored as 0xffffffff - v.
local function from_mode(mode, m)
    if mode == 1 then return m end
    if mode == 2 then return { TWO32 - 1 - m[1], TWO32 - 1 - m[2] } end
    if m[1] ~= 0 then return nil end
    return { 0, TWO32 - 1 - m[2] }
end

-- P2[k] is 2^k as an integer (2 ^ k is a float on Lua 5.3+, which
-- tostring prints as "8.0").
local P2 = { [0] = 1 }
for k = 1, 62 do P2[k] = P2[k - 1] * 2 end

local ARG_NAMES = { "args[0]", "args[1]", "args[2]", "args[3]", "args[4]", "args[5]" }

-- parse_v2 reads a version 2 record: varints after the version, values
-- the head's bits say are there, then sections to the end.
local function parse_v2(s, r)
    local n = #s
    local off = 2
    local err
    local function bad(at, what) err = fmt("malformed record at byte %d: %s", at, what) end
    -- field reads a varint; what names it in errors.
    local function field(what)
        if err then return nil end
        local start = off
        local v, nxt = uvarint(s, off)
        if not v then
            bad(start, what .. " " .. nxt)
            return nil
        end
        off = nxt
        return v, pos(start, nxt - start)
    end
    local function bounded(what, max)
        local v, p = field(what)
        if v and (v[1] ~= 0 or v[2] > max) then
            bad(p[1], fmt("%s %s out of range (at most %d)", what, udec(v), max))
            return nil
        end
        return v and v[2], p
    end
    r.at = { args = {} }
    local h, hp = field("header")
    if not h then return r, err end
    if h[1] ~= 0 or h[2] >= 4194304 then
        return r, fmt("malformed record at byte 2: header bits %s unknown",
            chex({ h[1], h[2] - h[2] % 4194304 }))
    end
    h = h[2]
    local function hbits(shift, width) return floor(h / P2[shift]) % P2[width] end
    r.at.head = hp
    r.kind, r.at.kind = hbits(0, 3), hp
    if r.kind == 0 then r.kind, r.at.kind = bounded("kind", 0xffff) end
    local code
    code, r.at.arch = bounded("arch", 0xffffffff)
    r.pid, r.at.pid = bounded("pid", 0xffffffff)
    if err then return r, err end
    -- The arch is stored rotated left by 2 bits.
    r.arch = (code % 4) * 1073741824 + floor(code / 4)
    r.flags = 0
    if hbits(3, 1) == 1 then r.flags, r.at.flags = bounded("flags", 0xffff) end
    r.tid = r.pid
    if hbits(4, 1) == 1 then
        local z, p = field("tid")
        if z then
            -- zig-zag: the tid's difference from the pid.
            local d = unum(z)
            if d % 2 == 0 then d = d / 2 else d = -(d + 1) / 2 end
            if z[1] >= 0x200000 or r.pid + d < 0 or r.pid + d >= TWO32 then
                bad(p[1], "tid out of range")
            else
                r.tid, r.at.tid = floor(r.pid + d), p
            end
        end
    end
    r.duration = ZERO
    if hbits(5, 1) == 1 then r.duration, r.at.duration = field("duration") end
    local function value(mode, what)
        if mode == 0 then return ZERO, nil end
        local m, p = field(what)
        if not m then return ZERO, nil end
        local v = from_mode(mode, m)
        if not v then
            bad(p[1], what .. " (32-bit negative) out of range")
            return ZERO, nil
        end
        return v, p
    end
    r.nr, r.at.nr = value(hbits(6, 2), "nr")
    r.ret, r.at.ret = value(hbits(8, 2), "ret")
    r.args = {}
    for i = 1, 6 do r.args[i], r.at.args[i] = value(hbits(10 + 2 * (i - 1), 2), ARG_NAMES[i]) end
    if err then return r, err end
    r.hlen = off
    local i = 0
    while off < n do
        local start = off
        local desc = field("section type")
        if not desc then break end
        -- Descriptor: key mode in bits 0-3, data reference in bit 4, type.
        local km = desc[2] % 16
        local ref = floor(desc[2] / 16) % 2 == 1
        local t = floor(desc[2] / 32) + desc[1] * 134217728
        if t > 0xffff or km >= 9 then
            bad(start, fmt("section %d descriptor %s: type or key mode out of range", i, chex(desc)))
            break
        end
        local sec = { type = t, off = start, at = { type = pos(start, off - start) } }
        sec.flags, sec.at.flags = bounded("section flags", 0xffff)
        if km == 0 then
            sec.key = ZERO
        elseif km == 1 then
            sec.key, sec.at.key = field("section key")
        elseif km == 2 then
            sec.key, sec.keyref = r.ret, "ret"
        else
            sec.key, sec.keyref = r.args[km - 2], ARG_NAMES[km - 2]
        end
        if ref then
            -- The data of an earlier section, by its index.
            local j, jp = field("section data reference")
            if not j then break end
            local from = (j[1] == 0 and j[2] < i) and r.sections[j[2] + 1]
            if not from then
                bad(jp[1], fmt("section %d repeats the data of section %s, not an earlier one", i, udec(j)))
                break
            end
            sec.ref, sec.at.ref = j[2], jp
            sec.doff, sec.data = from.doff, from.data
        else
            local dlen, lp = field("section length")
            if err then
                err = err:gsub(": ", fmt(": section %d: ", i), 1)
                break
            end
            sec.at.len = lp
            if dlen[1] ~= 0 or dlen[2] > n - off then
                bad(lp[1], fmt("section %d length %s runs past the record end (%d bytes left)", i, udec(dlen), n - off))
                break
            end
            sec.doff = off
            sec.data = s:sub(off + 1, off + dlen[2])
            off = off + dlen[2]
        end
        sec.size = off - start
        r.sections[#r.sections + 1] = sec
        i = i + 1
    end
    r.nsections = #r.sections
    return r, err
end

-- uv reads an unsigned LEB128 varint at byte offset off of s, as uvarint
-- does, without a table: its high and low 32-bit halves and the offset
-- after it, or nil.
local byte = string.byte
local function uv(s, off)
    -- One call for up to ten bytes: string.byte per byte was a third of
    -- the quick path's time.
    local b0, b1, b2, b3, b4, b5, b6, b7, b8, b9 = byte(s, off + 1, off + 10)
    if not b0 then return nil end
    if b0 < 128 then return 0, b0, off + 1 end
    if not b1 then return nil end
    local lo = b0 - 128
    if b1 < 128 then return 0, lo + b1 * 128, off + 2 end
    lo = lo + (b1 - 128) * 128
    if not b2 then return nil end
    if b2 < 128 then return 0, lo + b2 * 16384, off + 3 end
    lo = lo + (b2 - 128) * 16384
    if not b3 then return nil end
    if b3 < 128 then return 0, lo + b3 * 2097152, off + 4 end
    lo = lo + (b3 - 128) * 2097152
    if not b4 then return nil end
    local hi, n
    if b4 < 128 then
        lo, hi, n = lo + b4 * 268435456, 0, 5
    else
        -- Byte 4 holds bits 28-34: its top bits carry into hi below.
        lo = lo + (b4 - 128) * 268435456
        if not b5 then return nil end
        if b5 < 128 then
            hi, n = b5 * 8, 6
        else
            hi = (b5 - 128) * 8
            if not b6 then return nil end
            if b6 < 128 then
                hi, n = hi + b6 * 1024, 7
            else
                hi = hi + (b6 - 128) * 1024
                if not b7 then return nil end
                if b7 < 128 then
                    hi, n = hi + b7 * 131072, 8
                else
                    hi = hi + (b7 - 128) * 131072
                    if not b8 then return nil end
                    if b8 < 128 then
                        hi, n = hi + b8 * 16777216, 9
                    else
                        hi = hi + (b8 - 128) * 16777216
                        if not b9 or b9 > 1 then return nil end
                        hi, n = hi + b9 * 2147483648, 10
                    end
                end
            end
        end
    end
    if lo >= TWO32 then
        local carry = floor(lo / TWO32)
        return hi + carry, lo - carry * TWO32, off + n
    end
    return hi, lo, off + n
end

-- uvalue reads a header value of value mode mode (from_mode) at off: the
-- value as {hi, lo} and the offset after it, or nil.
local function uvalue(s, off, mode)
    if mode == 0 then return ZERO, off end
    local hi, lo, nxt = uv(s, off)
    if not hi then return nil end
    if mode == 1 then return { hi, lo }, nxt end
    if mode == 2 then return { TWO32 - 1 - hi, TWO32 - 1 - lo }, nxt end
    if hi ~= 0 then return nil end
    return { 0, TWO32 - 1 - lo }, nxt
end

-- parse_quick reads a version 2 record as parse_v2 does, for the Info
-- alone: no positions for the tree, no closures, no table per varint. It
-- returns nil for any record parse_v2 would not read whole, which then
-- reads it and says why.
local function parse_quick(s)
    local n = #s
    if n < 2 or byte(s, 1) ~= 2 or byte(s, 2) ~= 0 then return nil end
    local x, h, off = uv(s, 2)
    if not x or x ~= 0 or h >= 4194304 then return nil end
    -- Every field in the constructor: a table grown field by field rehashes.
    local r = { version = 2, len = n, sections = {}, kind = 0, arch = 0, pid = 0, flags = 0, tid = 0,
        duration = ZERO, nr = ZERO, ret = ZERO, args = false, hlen = 0, nsections = 0 }
    local kind = h % 8
    if kind == 0 then
        x, kind, off = uv(s, off)
        if not x or x ~= 0 or kind > 0xffff then return nil end
    end
    r.kind = kind
    local code, pid
    x, code, off = uv(s, off)
    if not x or x ~= 0 then return nil end
    x, pid, off = uv(s, off)
    if not x or x ~= 0 then return nil end
    r.arch = (code % 4) * 1073741824 + floor(code / 4)
    r.pid = pid
    h = floor(h / 8)
    local flags = 0
    if h % 2 == 1 then
        x, flags, off = uv(s, off)
        if not x or x ~= 0 or flags > 0xffff then return nil end
    end
    r.flags = flags
    h = floor(h / 2)
    r.tid = pid
    if h % 2 == 1 then
        local z
        x, z, off = uv(s, off)
        if not x or x >= 0x200000 then return nil end
        local d = x * TWO32 + z
        if d % 2 == 0 then d = d / 2 else d = -(d + 1) / 2 end
        if pid + d < 0 or pid + d >= TWO32 then return nil end
        r.tid = floor(pid + d)
    end
    h = floor(h / 2)
    r.duration = ZERO
    if h % 2 == 1 then
        local lo
        x, lo, off = uv(s, off)
        if not x then return nil end
        r.duration = { x, lo }
    end
    h = floor(h / 2)
    r.nr, off = uvalue(s, off, h % 4)
    if not r.nr then return nil end
    h = floor(h / 4)
    r.ret, off = uvalue(s, off, h % 4)
    if not r.ret then return nil end
    h = floor(h / 4)
    local args = { ZERO, ZERO, ZERO, ZERO, ZERO, ZERO }
    for i = 1, 6 do
        args[i], off = uvalue(s, off, h % 4)
        if not args[i] then return nil end
        h = floor(h / 4)
    end
    r.args = args
    r.hlen = off
    local secs = r.sections
    local i = 0
    while off < n do
        local start = off
        local d
        x, d, off = uv(s, off)
        if not x then return nil end
        local km = d % 16
        local ref = floor(d / 16) % 2 == 1
        local t = floor(d / 32) + x * 134217728
        if t > 0xffff or km >= 9 then return nil end
        local sf
        x, sf, off = uv(s, off)
        if not x or x ~= 0 or sf > 0xffff then return nil end
        local key
        if km == 0 then
            key = ZERO
        elseif km == 1 then
            local lo
            x, lo, off = uv(s, off)
            if not x then return nil end
            key = { x, lo }
        elseif km == 2 then
            key = r.ret
        else
            key = args[km - 2]
        end
        local sec = { type = t, flags = sf, key = key, off = start, ref = nil, doff = 0, data = "", size = 0 }
        if ref then
            local j
            x, j, off = uv(s, off)
            if not x or x ~= 0 or j >= i then return nil end
            local from = secs[j + 1]
            sec.ref, sec.doff, sec.data = j, from.doff, from.data
        else
            local dlen
            x, dlen, off = uv(s, off)
            if not x or x ~= 0 or dlen > n - off then return nil end
            sec.doff = off
            sec.data = s:sub(off + 1, off + dlen)
            off = off + dlen
        end
        sec.size = off - start
        i = i + 1
        secs[i] = sec
    end
    r.nsections = i
    return r
end

-- parse reads a record from the byte string s, as pcapng.Unmarshal does.
-- On a malformed record it returns what it could read and the reason. A
-- version 2 record holds no time: the dissector takes it from the packet.
local function parse(s)
    local n = #s
    local r = { len = n, sections = {} }
    if n < 2 then
        return r, fmt("malformed record at byte 0: %d bytes, shorter than the version", n)
    end
    r.version = le(s, 0, 2)
    if r.version == 1 then return parse_v1(s, r) end
    if r.version == 2 then return parse_v2(s, r) end
    return r, fmt("unknown record version %d (this dissector reads up to %d)", r.version, VERSION)
end

local function section(r, t, key)
    for _, sec in ipairs(r.sections) do
        if sec.type == t and (key == nil or ueq(sec.key, key)) then return sec end
    end
    return nil
end

----------------------------------------------------------------------------
-- Memory: answers reads from a record's sections of one phase, as the Go
-- decoder's Replay does. Errors are "fault" (the tracee could not read it)
-- or "missing" (the capture does not hold it); both render as an address.

local function in_phase(sec, exit) return has(sec.flags, SF_EXIT) == exit end

local function mem_read(r, exit, addr, n)
    if n < 0 then return nil, "fault" end
    local fault = false
    for _, sec in ipairs(r.sections) do
        if sec.type == SEC.mem and in_phase(sec, exit) and not has(sec.flags, SF_STRING) and not ult(addr, sec.key) then
            local off = udiff(addr, sec.key)
            local dl = #sec.data
            if off <= dl and dl - off >= n then
                return sec.data:sub(off + 1, off + n), nil, sec.doff + off
            end
            if ueq(sec.key, addr) and has(sec.flags, SF_FAULT) then fault = true end
        end
    end
    if fault then return nil, "fault" end
    return nil, "missing"
end

local function mem_string(r, exit, addr, max)
    for _, sec in ipairs(r.sections) do
        if sec.type == SEC.mem and in_phase(sec, exit) and has(sec.flags, SF_STRING) and ueq(sec.key, addr) then
            local d = sec.data
            local aoff = sec.doff
            if #d >= max then return d:sub(1, max), false, nil, aoff end
            if has(sec.flags, SF_TERMINATED) then return d, true, nil, aoff end
            if has(sec.flags, SF_FAULT) then return d, false, "fault", aoff end
            return nil, false, "missing"
        end
    end
    return nil, false, "missing"
end

-- mem_captured is every byte the capture holds of the buffer (string when
-- str) at addr, at most n of a buffer, and its offset in the record: the
-- data fields show it all, while the text shows what the string limit
-- allows. nil when no section holds it.
local function mem_captured(r, exit, addr, n, str)
    local best, boff
    for _, sec in ipairs(r.sections) do
        if sec.type == SEC.mem and in_phase(sec, exit) and has(sec.flags, SF_STRING) == str and not ult(addr, sec.key) then
            local off = udiff(addr, sec.key)
            if off <= #sec.data and (not str or off == 0) then
                local d = sec.data:sub(off + 1, off + math.min(n, #sec.data - off))
                if not best or #d > #best then best, boff = d, sec.doff + off end
            end
        end
    end
    return best, boff
end

local function mem_fdpath(r, exit, fd)
    for _, sec in ipairs(r.sections) do
        if sec.type == SEC.fdpath and sec.key[1] == 0 and sec.key[2] == fd and in_phase(sec, exit) then
            return sec.data
        end
    end
    return nil
end

-- mem_fdinfo is fd's fdinfo section (what -yy adds to its path), or nil.
local function mem_fdinfo(r, exit, fd)
    for _, sec in ipairs(r.sections) do
        if sec.type == SEC.fdinfo and sec.key[1] == 0 and sec.key[2] == fd and in_phase(sec, exit) then
            return sec
        end
    end
    return nil
end

----------------------------------------------------------------------------
-- Text helpers shared with the Go renderer.

-- QUOTED matches a byte quote must escape: controls, '"', '\\' and
-- everything from DEL up.
local QUOTED = "[\0-\31\"\\\127-\255]"

-- quote is strace's string quoting (decoder/escape.go).
local function quote(s, hexall)
    if not hexall and not s:find(QUOTED) then return '"' .. s .. '"' end
    local t = { '"' }
    local n = #s
    for i = 1, n do
        local c = s:byte(i)
        if hexall then
            t[#t + 1] = fmt("\\x%02x", c)
        elseif c == 34 or c == 92 then
            t[#t + 1] = "\\" .. string.char(c)
        elseif c == 12 then
            t[#t + 1] = "\\f"
        elseif c == 10 then
            t[#t + 1] = "\\n"
        elseif c == 13 then
            t[#t + 1] = "\\r"
        elseif c == 9 then
            t[#t + 1] = "\\t"
        elseif c == 11 then
            t[#t + 1] = "\\v"
        elseif c >= 32 and c < 127 then
            t[#t + 1] = string.char(c)
        else
            local nx = i < n and s:byte(i + 1) or 0
            if nx >= 48 and nx <= 55 then
                t[#t + 1] = fmt("\\%03o", c)
            else
                t[#t + 1] = fmt("\\%o", c)
            end
        end
    end
    t[#t + 1] = '"'
    return concat(t)
end

local function cstring(b)
    local i = b:find("\0", 1, true)
    if i then b = b:sub(1, i - 1) end
    return quote(b, false)
end

local function signal_string(n)
    return D.signals[n] or fmt("%d", n)
end

-- Flag and value sets.

local function xentries(x, arch)
    return (x.arch and x.arch[arch]) or x.entries
end

local function xlat_value(set, name, arch)
    local x = D.xlats[set]
    if not x then return nil end
    for _, e in ipairs(xentries(x, arch)) do
        if e[3] == name then return { e[1], e[2] } end
    end
    return nil
end

-- xlat_index maps each entry list's values, low half then high half, to
-- the name of the first entry with that value, built on first use: a scan
-- of the list per lookup was most of the cost of an enum.
local xlat_index = setmetatable({}, { __mode = "k" })

local function xlat_lookup(x, v, arch)
    local entries = xentries(x, arch)
    local idx = xlat_index[entries]
    if not idx then
        idx = {}
        for _, e in ipairs(entries) do
            local byhi = idx[e[2]]
            if not byhi then
                byhi = {}
                idx[e[2]] = byhi
            end
            if byhi[e[1]] == nil then byhi[e[1]] = e[3] end
        end
        xlat_index[entries] = idx
    end
    local byhi = idx[v[2]]
    return byhi and byhi[v[1]]
end

local function format_enum(set, v, arch)
    local x = D.xlats[set]
    if x then
        local n = xlat_lookup(x, v, arch)
        if n then return n end
    end
    if x and not x.unknown then
        -- A set without a name for the unknown prints the bare number.
        return chex(v)
    end
    local unknown = (x and x.unknown) or "???"
    -- C's %#x: a zero prints as "0".
    return chex(v) .. " /* " .. unknown .. " */"
end

local function format_flags(set, v, arch)
    local x = D.xlats[set]
    if not x then return chex(v) end
    local parts = {}
    if x.field and not (x.field_if_known and not xlat_lookup(D.xlats[x.field], uand(v, x.field_mask), arch)) then
        parts[#parts + 1] = format_enum(x.field, uand(v, x.field_mask), arch)
        v = uandnot(v, x.field_mask)
    end
    local shifted = ZERO
    if x.shift_name and ueq(uand(v, x.shift_when), x.shift_when) then
        shifted = uand(ushr(v, x.shift), x.shift_mask)
        local m = x.shift_mask
        -- shift_mask << shift, for the shifts in use (below 32).
        local sm = { n32(bor(lshift(m[1], x.shift), rshift(m[2], 32 - x.shift))), n32(lshift(m[2], x.shift)) }
        v = uandnot(v, sm)
    end
    local zero
    -- The value's halves as numbers: two tables per entry tested were
    -- most of the cost of a flag word.
    local vhi, vlo = v[1], v[2]
    for _, e in ipairs(xentries(x, arch)) do
        local eh, el = e[1], e[2]
        if eh == 0 and el == 0 then
            zero = zero or e[3]
        elseif n32(band(vhi, eh)) == eh and n32(band(vlo, el)) == el then
            parts[#parts + 1] = e[3]
            vhi, vlo = n32(band(vhi, bnot(eh))), n32(band(vlo, bnot(el)))
        end
    end
    v = { vhi, vlo }
    if not uzero(v) then
        if #parts == 0 and uzero(shifted) and x.unknown_flags then
            return chex(v) .. " /* " .. x.unknown_flags .. " */"
        end
        parts[#parts + 1] = chex(v)
    end
    if not uzero(shifted) then parts[#parts + 1] = udec(shifted) .. "<<" .. x.shift_name end
    if #parts == 0 then return zero or "0" end
    return concat(parts, "|")
end

local function errno_of(r)
    return D.errnos[r]
end

----------------------------------------------------------------------------
-- The renderer: a port of decoder/render*.go for the default options
-- (no -v, no -y) and the capture's string limit.

local Ctx = {}
Ctx.__index = Ctx

local function new_ctx(rec, exit, limit)
    local a = D.arches[rec.arch]
    local c = setmetatable({ rec = rec, arch = a, exit = exit, limit = limit, sb = {} }, Ctx)
    c.ws = (a and a.word == 4) and 4 or 8
    c.big = a and a.big or false
    return c
end

function Ctx:out(s) self.sb[#self.sb + 1] = s end
-- arg_text prints the text an imported record gives in place of the value
-- of key (an argument's register, 6 the result, 7 the siginfo); false
-- when it gives none.
function Ctx:arg_text(key)
    if not has(self.rec.flags, SEC.F_ARGTEXT) then return false end
    for _, sec in ipairs(self.rec.sections) do
        if sec.type == SEC.argtext and sec.key[1] == 0 and sec.key[2] == key then
            self:out(sec.data)
            return true
        end
    end
    return false
end
-- call_text prints the phase's part of an imported call's arguments given
-- as one text (key 8); false when the record gives them one by one.
function Ctx:call_text(exit)
    if not has(self.rec.flags, SEC.F_ARGTEXT) then return false end
    local found = false
    for _, sec in ipairs(self.rec.sections) do
        if sec.type == SEC.argtext and sec.key[1] == 0 and sec.key[2] == 8 then
            found = true
            if has(sec.flags, 1) == exit then self:out(sec.data) end
        end
    end
    return found
end
function Ctx:text() return concat(self.sb) end
function Ctx:reset() self.sb = {} end

function Ctx:word(v)
    if self.ws == 4 then return { 0, v[2] } end
    return v
end

-- slong is v as the tracee's signed long, sign-extended to 64 bits.
function Ctx:slong(v)
    if self.ws == 4 then
        if v[2] >= 0x80000000 then return { 0xffffffff, v[2] } end
        return { 0, v[2] }
    end
    return v
end

function Ctx:read(addr, n) return mem_read(self.rec, self.exit, addr, n) end

-- uint decodes len(b) bytes in the tracee's byte order.
function Ctx:uint(b)
    local n = #b
    local hi, lo = 0, 0
    for i = 1, n do
        local j = self.big and i or (n + 1 - i)
        -- v = v<<8 | byte, on two halves.
        hi = n32(hi * 256 + floor(lo / 16777216))
        lo = (lo % 16777216) * 256 + b:byte(j)
    end
    return { hi, lo }
end

function Ctx:field(b, off, n) return self:uint(b:sub(off + 1, off + n)) end

function Ctx:never_fails()
    local a = self.arch
    if not a or self.rec.nr[1] ~= 0 then return false end
    local e = a.sys[self.rec.nr[2]]
    return e ~= nil and e[4]
end

-- in_errno_range: r is -4095 .. -1.
local function in_errno_range(r) return r[1] == 0xffffffff and r[2] >= TWO32 - 4095 end

function Ctx:failed()
    if self:never_fails() then return false end
    local r = self:slong(self.rec.ret)
    return not has(self.rec.flags, F_NORETURN) and in_errno_range(r)
end

function Ctx:ptr(v)
    v = self:word(v)
    if uzero(v) then self:out("NULL") else self:out(chex(v)) end
end

local function ptr_string(v)
    if uzero(v) then return "NULL" end
    return chex(v)
end

function Ctx:fd(v)
    self:out(fmt("%d", int32(v[2])))
end

function Ctx:read_string(addr, max)
    addr = self:word(addr)
    if uzero(addr) then
        self:out("NULL")
        return
    end
    local s, term, err, aoff = mem_string(self.rec, self.exit, addr, max + 1)
    if err then
        self:ptr(addr)
        return
    end
    if not term and #s > max then s = s:sub(1, max) end
    self:out(quote(s, false))
    if not term then self:out("...") end
    local all, off = mem_captured(self.rec, self.exit, addr, math.huge, true)
    if all and #all > #s then return all, off end
    return s, aoff
end

function Ctx:read_buf(addr, n, hexall)
    addr = self:word(addr)
    if uzero(addr) then
        self:out("NULL")
        return
    end
    local show = self.limit
    local longer = true
    if n[1] == 0 and n[2] <= self.limit then
        show = n[2]
        longer = false
    end
    local b, _, aoff = self:read(addr, show)
    if not b then
        self:ptr(addr)
        return
    end
    self:out(quote(b, hexall))
    if longer then self:out("...") end
    local all, off = mem_captured(self.rec, self.exit, addr, n[1] == 0 and n[2] or math.huge, false)
    if all and #all > #b then return all, off end
    return b, aoff
end

-- fetch reads n bytes at addr, printing the address when it cannot; it
-- also returns where the bytes sit in the record, for the tree.
function Ctx:fetch(addr, n)
    local b, _, aoff = self:read(addr, n)
    if not b then self:ptr(addr) end
    return b, aoff
end

-- fetch_struct reads the structure of layout l at addr, whole when the
-- record holds it (with where it sits, for the tree). An imported record
-- may hold only the members its line showed, each run of them in a
-- section of its own: then they come at their offsets, zeros elsewhere,
-- no tree offset, and whole is false. It prints the address when the
-- record has neither (decoder's fetchStruct).
function Ctx:fetch_struct(addr, l)
    local b, err, aoff = self:read(addr, l.size)
    if b then return b, aoff, true end
    if err ~= "missing" then
        self:ptr(addr)
        return nil
    end
    local parts, any = {}, false
    for _, m in pairs(l.m) do
        local mb = self:read(uadd(addr, m[1]), m[2])
        if mb then
            parts[#parts + 1] = { m[1], mb }
            any = true
        end
    end
    if not any then
        self:ptr(addr)
        return nil
    end
    table.sort(parts, function(x, y) return x[1] < y[1] end)
    local out, at = {}, 0
    for _, pt in ipairs(parts) do
        local off, mb = pt[1], pt[2]
        if off >= at then
            out[#out + 1] = string.rep("\0", off - at)
            out[#out + 1] = mb
            at = off + #mb
        elseif off + #mb > at then
            out[#out + 1] = mb:sub(at - off + 1)
            at = off + #mb
        end
    end
    out[#out + 1] = string.rep("\0", l.size - at)
    return table.concat(out), nil, false
end

-- Structure members: strace.<struct>.<member>, filled from the bytes the
-- renderer read (Ctx:member). Word-sized members of 32-bit tracees are 4
-- bytes wide; 64-bit fields take any width up to 8.
local family_vs = {}
for _, e in ipairs(D.xlats.address_families.entries) do
    if e[1] == 0 then family_vs[e[2]] = e[3] end
end
-- m names the layout member a field shows where it is not the part of the
-- field's name after its group (rlimit.cur is rlim_cur).
local member_fields = {
    { "stat.st_ino", "uint64", "DEC" }, { "stat.st_mode", "uint32", "OCT" }, { "stat.st_nlink", "uint64", "DEC" },
    { "stat.st_uid", "uint32", "DEC" }, { "stat.st_gid", "uint32", "DEC" }, { "stat.st_rdev", "uint64", "HEX" },
    { "stat.st_size", "int64", "DEC" },
    { "statx.stx_mask", "uint32", "HEX" }, { "statx.stx_nlink", "uint32", "DEC" }, { "statx.stx_uid", "uint32", "DEC" },
    { "statx.stx_gid", "uint32", "DEC" }, { "statx.stx_mode", "uint32", "OCT" }, { "statx.stx_ino", "uint64", "DEC" },
    { "statx.stx_size", "uint64", "DEC" },
    { "statfs.f_type", "uint64", "HEX" }, { "statfs.f_bsize", "uint64", "DEC" }, { "statfs.f_blocks", "uint64", "DEC" },
    { "statfs.f_bfree", "uint64", "DEC" }, { "statfs.f_bavail", "uint64", "DEC" }, { "statfs.f_files", "uint64", "DEC" },
    { "statfs.f_ffree", "uint64", "DEC" },
    { "sockaddr.family", "uint32", "DEC", family_vs }, { "sockaddr.port", "uint32", "DEC" },
    { "sockaddr.addr", "ipv4" }, { "sockaddr.addr6", "ipv6" }, { "sockaddr.flowinfo", "uint32", "DEC" },
    { "sockaddr.scope_id", "uint32", "DEC" }, { "sockaddr.path", "string" },
    { "sockaddr.nl_pid", "uint32", "DEC" }, { "sockaddr.nl_groups", "uint32", "HEX" },
    { "timespec.tv_sec", "int64", "DEC" }, { "timespec.tv_nsec", "int64", "DEC" },
    { "timeval.tv_sec", "int64", "DEC" }, { "timeval.tv_usec", "int64", "DEC" },
    { "itimerspec.it_interval.tv_sec", "int64", "DEC" }, { "itimerspec.it_interval.tv_nsec", "int64", "DEC" },
    { "itimerspec.it_value.tv_sec", "int64", "DEC" }, { "itimerspec.it_value.tv_nsec", "int64", "DEC" },
    { "itimerval.it_interval.tv_sec", "int64", "DEC" }, { "itimerval.it_interval.tv_usec", "int64", "DEC" },
    { "itimerval.it_value.tv_sec", "int64", "DEC" }, { "itimerval.it_value.tv_usec", "int64", "DEC" },
    { "rusage.ru_utime.tv_sec", "int64", "DEC" }, { "rusage.ru_utime.tv_usec", "int64", "DEC" },
    { "rusage.ru_stime.tv_sec", "int64", "DEC" }, { "rusage.ru_stime.tv_usec", "int64", "DEC" },
    { "rusage.ru_maxrss", "int64", "DEC" },
    { "pollfd.fd", "int32", "DEC" }, { "pollfd.events", "uint32", "HEX" }, { "pollfd.revents", "uint32", "HEX" },
    { "epoll.events", "uint32", "HEX" }, { "epoll.data", "uint64", "HEX" },
    { "rlimit.cur", "uint64", "DEC", m = "rlim_cur" }, { "rlimit.max", "uint64", "DEC", m = "rlim_max" },
    { "sigaction.handler", "uint64", "HEX", m = "sa_handler" }, { "sigaction.flags", "uint64", "HEX", m = "sa_flags" },
    { "utsname.sysname", "string" }, { "utsname.nodename", "string" }, { "utsname.release", "string" },
    { "utsname.version", "string" }, { "utsname.machine", "string" },
    { "sysinfo.uptime", "int64", "DEC" }, { "sysinfo.totalram", "uint64", "DEC" }, { "sysinfo.freeram", "uint64", "DEC" },
    { "sysinfo.procs", "uint32", "DEC" }, { "sysinfo.mem_unit", "uint32", "DEC" },
    { "iovec.base", "uint64", "HEX", m = "iov_base" }, { "iovec.len", "uint64", "DEC", m = "iov_len" },
    { "msghdr.namelen", "int32", "DEC", m = "msg_namelen" }, { "msghdr.iovlen", "uint64", "DEC", m = "msg_iovlen" },
    { "msghdr.controllen", "uint64", "DEC", m = "msg_controllen" }, { "msghdr.flags", "uint32", "HEX", m = "msg_flags" },
}
-- member_groups lists each group's fields with the layout member they show.
local member_groups = {}
for _, mf in ipairs(member_fields) do
    local group, rest = mf[1]:match("^([^.]+)%.(.*)$")
    member_groups[group] = member_groups[group] or {}
    local g = member_groups[group]
    g[#g + 1] = { key = mf[1], member = mf.m or rest }
end

-- layout returns structure name as the record's arch lays it out (the
-- generated D.layouts, from decoder/layout_decls.go), or nil.
function Ctx:layout(name)
    local t = D.layouts[name]
    return t and t[self.rec.arch]
end

-- mu reads member name of layout l from b, which holds l from its start,
-- zero-extended; a member l lacks reads as 0.
function Ctx:mu(b, l, name)
    local m = l.m[name]
    if not m or m[1] + m[2] > #b then return { 0, 0 } end
    if m[5] then return { 0, floor(self:field(b, m[1], m[2])[2] / P2[m[4]]) % P2[m[5]] } end
    if m[3] ~= "n" then return self:field(b, m[1], m[2]) end
    local hi, lo = 0, 0
    for i = m[1] + 1, m[1] + m[2] do
        hi = n32(hi * 256 + floor(lo / 16777216))
        lo = (lo % 16777216) * 256 + b:byte(i)
    end
    return { hi, lo }
end

-- ms reads member name sign-extended from its size, whatever its kind.
function Ctx:ms(b, l, name)
    local v = self:mu(b, l, name)
    local m = l.m[name]
    if not m or m[2] >= 8 or m[2] == 0 then return v end
    local bits = P2[m[5] or m[2] * 8]
    if v[2] >= bits / 2 then return { 0xffffffff, v[2] + (TWO32 - bits) } end
    return v
end

-- mv reads member name as its kind says: signed members sign-extended.
function Ctx:mv(b, l, name)
    local m = l.m[name]
    if m and m[3] == "s" then return self:ms(b, l, name) end
    return self:mu(b, l, name)
end

-- member notes a structure member for the tree: n bytes at off in a
-- structure read from record offset base. how is nil for a number in the
-- tracee's byte order, "be" for network order, "str" for value's text.
-- Rendering notes members only while an argument is being rendered.
function Ctx:member(key, base, off, n, how, value)
    local m = self.members
    if not m or not base then return end
    m[#m + 1] = { key = key, off = base + off, n = n, how = how, value = value, big = self.big }
end

-- note notes member name of layout l as field key, for a structure read
-- from record offset base; off moves it to an array element.
function Ctx:note(key, l, base, name, off)
    if not self.members then return end
    local m = l.m[name]
    if not m then return end
    self:member(key, base, (off or 0) + m[1], m[2], m[3] == "n" and "be" or nil)
end

-- note_group notes every field of group (strace.<group>.*) that l has.
function Ctx:note_group(group, l, base, off)
    if not self.members then return end
    for _, g in ipairs(member_groups[group]) do self:note(g.key, l, base, g.member, off) end
end

-- sockaddr_members notes a socket address's members: the family, then by
-- family the path, port and address, or netlink's pid and groups.
function Ctx:sockaddr_members(b, base)
    local n = #b
    if n < 2 then return end
    local sa = self:layout("sockaddr")
    self:note("sockaddr.family", sa, base, "sa_family")
    local fam = self:mu(b, sa, "sa_family")[2]
    local in4, in6, nl = self:layout("sockaddr_in"), self:layout("sockaddr_in6"), self:layout("sockaddr_nl")
    if fam == 1 and n > 2 then
        local off = self:layout("sockaddr_un").m.sun_path[1]
        local path = b:sub(off + 1)
        local text
        if path:byte(1) == 0 then
            text = "@" .. path:sub(2)
        else
            text = path:match("^[^%z]*")
        end
        self:member("sockaddr.path", base, off, n - off, "str", text)
    elseif fam == 2 and n >= in4.m["sin_addr.s_addr"][1] + 4 then
        self:note("sockaddr.port", in4, base, "sin_port")
        self:note("sockaddr.addr", in4, base, "sin_addr.s_addr")
    elseif fam == 10 and n >= in6.m.sin6_scope_id[1] then
        self:note("sockaddr.port", in6, base, "sin6_port")
        self:note("sockaddr.flowinfo", in6, base, "sin6_flowinfo")
        local a6 = in6.m.sin6_addr
        self:member("sockaddr.addr6", base, a6[1], a6[2], "be")
        if n >= in6.size then self:note("sockaddr.scope_id", in6, base, "sin6_scope_id") end
    elseif fam == 16 and n >= nl.size then
        self:note("sockaddr.nl_pid", nl, base, "nl_pid")
        self:note("sockaddr.nl_groups", nl, base, "nl_groups")
    end
end

function Ctx:fields(kv)
    local parts = {}
    for i = 1, #kv - 1, 2 do
        if kv[i] ~= "" then
            parts[#parts + 1] = kv[i] .. "=" .. kv[i + 1]
        else
            parts[#parts + 1] = kv[i + 1]
        end
    end
    self:out("{" .. concat(parts, ", ") .. "}")
end

local function mode_string(m)
    local parts = {}
    local t = band(m, 0xf000)
    if t ~= 0 then parts[#parts + 1] = format_enum("mode_types", U(n32(t)), 0) end
    if band(m, 0x800) ~= 0 then parts[#parts + 1] = "S_ISUID" end
    if band(m, 0x400) ~= 0 then parts[#parts + 1] = "S_ISGID" end
    if band(m, 0x200) ~= 0 then parts[#parts + 1] = "S_ISVTX" end
    parts[#parts + 1] = gomode(n32(band(m, 0x1ff)))
    return concat(parts, "|")
end

local function makedev(d)
    local major = uor(uand(ushr(d, 8), U(0xfff)), uandnot(ushr(d, 32), U(0xfff)))
    local minor = uor(uand(d, U(0xff)), uandnot(ushr(d, 12), U(0xff)))
    return "makedev(" .. chex(U(major[2])) .. ", " .. chex(U(minor[2])) .. ")"
end

-- sigset_string renders a signal mask as strace's sprintsigmask_n.
function Ctx:sigset_string(b)
    local nwords = floor(#b / 4)
    local words, pop = {}, 0
    for i = 0, nwords - 1 do
        local w = self:field(b, 4 * i, 4)[2]
        words[i] = w
        local x = w
        while x ~= 0 do
            if x % 2 == 1 then pop = pop + 1 end
            x = floor(x / 2)
        end
    end
    if self.big and self.ws == 8 then
        for i = 0, nwords - 2, 2 do
            words[i], words[i + 1] = words[i + 1], words[i]
        end
    end
    local t = {}
    if pop >= floor(nwords * 32 * 2 / 3) then
        t[#t + 1] = "~"
        for i = 0, nwords - 1 do words[i] = n32(bnot(words[i])) end
    end
    local names = {}
    for i = 0, nwords * 32 - 1 do
        if band(words[floor(i / 32)], lshift(1, i % 32)) ~= 0 then
            local s = signal_string(i + 1)
            if s:sub(1, 3) == "SIG" then s = s:sub(4) end
            names[#names + 1] = s
        end
    end
    return concat(t) .. "[" .. concat(names, " ") .. "]"
end

local function rlim_value(v)
    if v[1] == 0xffffffff and v[2] == 0xffffffff then return "RLIM64_INFINITY" end
    if (v[1] > 0 or v[2] > 1024) and v[2] % 1024 == 0 then
        return udec(ushr(v, 10)) .. "*1024"
    end
    return udec(v)
end

local function wait_status_string(s)
    local out
    local low = s % 256
    if low == 0x7f then
        out = "WIFSTOPPED(s) && WSTOPSIG(s) == " .. signal_string(floor(s / 256) % 256)
    elseif s == 0xffff then
        out = "WIFCONTINUED(s)"
    elseif s % 128 == 0 then
        out = fmt("WIFEXITED(s) && WEXITSTATUS(s) == %d", floor(s / 256) % 256)
    else
        out = "WIFSIGNALED(s) && WTERMSIG(s) == " .. signal_string(s % 128)
        if band(s, 0x80) ~= 0 then out = out .. " && WCOREDUMP(s)" end
    end
    local ev = floor(s / 65536)
    if ev ~= 0 and low == 0x7f then
        return "{" .. out .. "} | " .. fmt("0x%x", ev * 65536)
    end
    return "{" .. out .. "}"
end

local structs = {}

-- stat_of renders the stat structure of layout name: struct stat on every
-- arch, i386's struct stat64 and its __old_kernel_stat.
local function stat_of(name)
    return function(c, addr)
        local l = c:layout(name)
        if not l then
            c:ptr(addr)
            return
        end
        local b, base = c:fetch_struct(addr, l)
        if not b then return end
        c:note_group("stat", l, base)
        local mode = c:mu(b, l, "st_mode")[2]
        local kv = { "st_mode", mode_string(mode) }
        local t = band(mode, 0xf000)
        if t == 0x2000 or t == 0x6000 then
            kv[#kv + 1], kv[#kv + 2] = "st_rdev", makedev(c:mu(b, l, "st_rdev"))
        else
            kv[#kv + 1], kv[#kv + 2] = "st_size", sdec(c:mv(b, l, "st_size"))
        end
        kv[#kv + 1], kv[#kv + 2] = "", "..."
        c:fields(kv)
    end
end
structs.stat = stat_of("stat")
structs.stat64 = stat_of("stat64")
structs.oldstat = stat_of("__old_kernel_stat")

structs.statx = function(c, addr)
    local l = c:layout("statx")
    if not l then
        c:ptr(addr)
        return
    end
    local b, base = c:fetch_struct(addr, l)
    if not b then return end
    local arch = c.rec.arch
    local mask = c:mu(b, l, "stx_mask")
    c:note_group("statx", l, base)
    local kv = { "stx_mask", format_flags("statx_mask", mask, arch),
        "stx_attributes", format_flags("statx_attrs", c:mu(b, l, "stx_attributes"), arch) }
    if band(mask[2], 0x3) ~= 0 then
        kv[#kv + 1], kv[#kv + 2] = "stx_mode", mode_string(c:mu(b, l, "stx_mode")[2])
    end
    if band(mask[2], 0x200) ~= 0 then
        kv[#kv + 1], kv[#kv + 2] = "stx_size", udec(c:mu(b, l, "stx_size"))
    end
    kv[#kv + 1], kv[#kv + 2] = "", "..."
    c:fields(kv)
end

structs.sigaction = function(c, addr)
    local l = c:layout("sigaction")
    if not l then
        c:ptr(addr)
        return
    end
    local b, base = c:fetch_struct(addr, l)
    if not b then return end
    c:note_group("sigaction", l, base)
    local h = c:mu(b, l, "sa_handler")
    local sh = c:slong(h)
    local hs
    if uzero(sh) then
        hs = "SIG_DFL"
    elseif ueq(sh, U(1)) then
        hs = "SIG_IGN"
    elseif ueq(sh, { 0xffffffff, 0xffffffff }) then
        hs = "SIG_ERR"
    else
        hs = gohex(h)
    end
    local flags = c:mu(b, l, "sa_flags")
    local mask = l.m.sa_mask
    local kv = { "sa_handler", hs, "sa_mask", c:sigset_string(b:sub(mask[1] + 1, mask[1] + mask[2])),
        "sa_flags", format_flags("sigact_flags", flags, c.rec.arch) }
    local sr = xlat_value("sigact_flags", "SA_RESTORER", c.rec.arch)
    if sr and not uzero(uand(flags, sr)) then
        kv[#kv + 1], kv[#kv + 2] = "sa_restorer", gohex(c:mu(b, l, "sa_restorer"))
    end
    c:fields(kv)
end

structs.rlimit64 = function(c, addr)
    local l = c:layout("rlimit64")
    if not l then
        c:ptr(addr)
        return
    end
    local b, base = c:fetch(addr, l.size)
    if not b then return end
    c:note_group("rlimit", l, base)
    c:fields({ "rlim_cur", rlim_value(c:mu(b, l, "rlim_cur")), "rlim_max", rlim_value(c:mu(b, l, "rlim_max")) })
end

structs.wait_status = function(c, addr)
    local r = c.rec.ret
    if r[1] == 0 and r[2] == 0 then
        -- WNOHANG and no child changed state: nothing was stored.
        c:ptr(addr)
        return
    end
    local b = c:fetch(addr, 4)
    if not b then return end
    c:out("[" .. wait_status_string(c:uint(b)[2]) .. "]")
end

local function int_ptr(c, addr)
    local b = c:fetch(addr, 4)
    if not b then return end
    c:out(fmt("[%d]", int32(c:uint(b)[2])))
end
structs.int = int_ptr
structs.tid = int_ptr

structs.fd_pair = function(c, addr)
    local b = c:fetch(addr, 8)
    if not b then return end
    c:out("[")
    c:fd(c:field(b, 0, 4))
    c:out(", ")
    c:fd(c:field(b, 4, 4))
    c:out("]")
end

structs.utsname = function(c, addr)
    local l = c:layout("new_utsname")
    if not l then
        c:ptr(addr)
        return
    end
    local b, base = c:fetch(addr, l.size)
    if not b then return end
    local function f(name)
        local m = l.m[name]
        return cstring(b:sub(m[1] + 1, m[1] + m[2]))
    end
    for _, g in ipairs(member_groups.utsname) do
        local m = l.m[g.member]
        c:member(g.key, base, m[1], m[2], "str", f(g.member):sub(2, -2))
    end
    c:fields({ "sysname", f("sysname"), "nodename", f("nodename"), "", "..." })
end

structs.sysinfo = function(c, addr)
    local l = c:layout("sysinfo")
    if not l then
        c:ptr(addr)
        return
    end
    local b, base = c:fetch(addr, l.size)
    if not b then return end
    local function u(name) return udec(c:mu(b, l, name)) end
    c:note_group("sysinfo", l, base)
    c:fields({ "uptime", sdec(c:ms(b, l, "uptime")),
        "loads", "[" .. u("loads[0]") .. ", " .. u("loads[1]") .. ", " .. u("loads[2]") .. "]",
        "totalram", u("totalram"), "freeram", u("freeram"), "sharedram", u("sharedram"), "bufferram", u("bufferram"),
        "totalswap", u("totalswap"), "freeswap", u("freeswap"), "procs", u("procs"),
        "totalhigh", u("totalhigh"), "freehigh", u("freehigh"), "mem_unit", u("mem_unit") })
end

structs.dirents64 = function(c, addr)
    local l = c:layout("dirent64")
    local n = c.rec.ret
    if not l or isneg(n) or n[1] ~= 0 or n[2] > 1048576 then
        c:ptr(addr)
        return
    end
    local b = c:read(addr, n[2])
    if not b then
        c:ptr(addr)
        return
    end
    local hdr = l.m.d_name[1]
    local rl = l.m.d_reclen
    local count, off = 0, 0
    while off + hdr <= #b do
        -- d_reclen read in place: a copy of the rest of the buffer per
        -- entry made a 32 KiB buffer quadratic.
        local reclen = c:field(b, off + rl[1], rl[2])[2]
        if reclen < hdr or off + reclen > #b then break end
        count = count + 1
        off = off + reclen
    end
    c:out(gohex(addr) .. fmt(" /* %d entries */", count))
end

-- CLONE_ARGS_SIZE_VER0: the first struct clone_args.
local CLONE_ARGS_SIZE_VER0 = 64

structs.clone_args = function(c, addr)
    local l = c:layout("clone_args")
    local size = c:word(c.rec.args[2])
    if not l or (size[1] == 0 and size[2] < CLONE_ARGS_SIZE_VER0) then
        c:ptr(addr)
        return
    end
    local n = l.size
    if size[1] == 0 and size[2] < n then n = size[2] end
    local b = c:fetch(addr, n)
    if not b then return end
    local function f(name) return c:mu(b, l, name) end
    local flags = f("flags")
    local fl = flags[2]
    local kv = { "flags", format_flags("clone_flags", flags, c.rec.arch) }
    if band(fl, 0x1000) ~= 0 then kv[#kv + 1], kv[#kv + 2] = "pidfd", ptr_string(f("pidfd")) end
    if band(fl, 0x1200000) ~= 0 then kv[#kv + 1], kv[#kv + 2] = "child_tid", ptr_string(f("child_tid")) end
    if band(fl, 0x100000) ~= 0 then kv[#kv + 1], kv[#kv + 2] = "parent_tid", ptr_string(f("parent_tid")) end
    local sig = f("exit_signal")
    if sig[1] == 0 and sig[2] < 0x7fffffff then
        kv[#kv + 1], kv[#kv + 2] = "exit_signal", signal_string(sig[2])
    else
        kv[#kv + 1], kv[#kv + 2] = "exit_signal", udec(sig)
    end
    kv[#kv + 1], kv[#kv + 2] = "stack", ptr_string(f("stack"))
    kv[#kv + 1], kv[#kv + 2] = "stack_size", chex(f("stack_size"))
    if band(fl, 0x80000) ~= 0 then kv[#kv + 1], kv[#kv + 2] = "tls", ptr_string(f("tls")) end
    local cg = l.m.cgroup
    if n >= cg[1] + cg[2] and (not uzero(f("cgroup")) or band(flags[1], 0x2) ~= 0) then
        kv[#kv + 1], kv[#kv + 2] = "cgroup", udec(f("cgroup"))
    end
    c:fields(kv)
end

function Ctx:num_at(addr)
    local b = self:read(addr, 4)
    if not b then
        if uzero(addr) then return "NULL" end
        return gohex(addr)
    end
    return fmt("[%d]", int32(self:uint(b)[2]))
end

structs.clone_result = function(c, addr)
    local l = c:layout("clone_args")
    if not l then
        c:ptr(addr)
        return
    end
    local pt = l.m.parent_tid
    local b = c:fetch(addr, pt[1] + pt[2])
    if not b then return end
    local fl = c:mu(b, l, "flags")[2]
    local kv = {}
    if band(fl, 0x1000) ~= 0 then kv[#kv + 1], kv[#kv + 2] = "pidfd", c:num_at(c:mu(b, l, "pidfd")) end
    if band(fl, 0x100000) ~= 0 then kv[#kv + 1], kv[#kv + 2] = "parent_tid", c:num_at(c:mu(b, l, "parent_tid")) end
    c:fields(kv)
end

-- time_struct renders a timespec or timeval of layout name, sub being its
-- second member, noting group's fields.
local function time_struct(c, addr, name, group, sub)
    local l = c:layout(name)
    if not l then
        c:ptr(addr)
        return
    end
    local b, base = c:fetch(addr, l.size)
    if not b then return end
    c:note_group(group, l, base)
    c:fields({ "tv_sec", sdec(c:ms(b, l, "tv_sec")), sub, sdec(c:ms(b, l, sub)) })
end

structs.timespec = function(c, addr) time_struct(c, addr, "timespec", "timespec", "tv_nsec") end

structs.winsize = function(c, addr)
    local l = c:layout("winsize")
    if not l then
        c:ptr(addr)
        return
    end
    local b = c:fetch(addr, l.size)
    if not b then return end
    local function u(name) return udec(c:mu(b, l, name)) end
    c:fields({ "ws_row", u("ws_row"), "ws_col", u("ws_col"), "ws_xpixel", u("ws_xpixel"), "ws_ypixel", u("ws_ypixel") })
end

-- struct statfs, or statfs64 of the size argument 1 gives, shown only
-- at the structure's own size or the 88 bytes of its padded form.
structs.statfs = function(c, addr, k)
    local l = c:layout(k.type)
    if l and k.type == "statfs64" then
        local size = c:word(c.rec.args[2])
        if size[1] ~= 0 or (size[2] ~= l.size and size[2] ~= 88) then l = nil end
    end
    if not l then
        c:ptr(addr)
        return
    end
    local b, base = c:fetch(addr, l.size)
    if not b then return end
    c:note_group("statfs", l, base)
    local function u(name) return udec(c:mu(b, l, name)) end
    local kv = { "f_type", format_enum("fsmagic", c:mu(b, l, "f_type"), c.rec.arch), "f_bsize", u("f_bsize"),
        "f_blocks", u("f_blocks"), "f_bfree", u("f_bfree"), "f_bavail", u("f_bavail"), "f_files", u("f_files"),
        "f_ffree", u("f_ffree"),
        "f_fsid", "{val=[" .. chex(c:mu(b, l, "f_fsid.val[0]")) .. ", " .. chex(c:mu(b, l, "f_fsid.val[1]")) .. "]}",
        "f_namelen", u("f_namelen"), "f_frsize", u("f_frsize") }
    local flags = c:mu(b, l, "f_flags")
    if band(flags[2], 0x20) ~= 0 then
        kv[#kv + 1], kv[#kv + 2] = "f_flags", format_flags("statfs_flags", flags, c.rec.arch)
    end
    c:fields(kv)
end
structs.statfs64 = structs.statfs

-- Time structures (decoder/render_time.go).
local function time_pair(c, b, l, prefix, sub)
    return "{tv_sec=" .. sdec(c:ms(b, l, prefix .. "tv_sec")) .. ", " .. sub .. "=" .. sdec(c:ms(b, l, prefix .. sub)) .. "}"
end

-- time_comment is decoder's timeComment, strace's sprinttime_nsec: the
-- date in local time as the C library's strftime writes it (os.date), nil
-- where strace prints none: for zero, and for a time whose year localtime
-- cannot hold (tm_year, the year less 1900, past an int). os.date takes
-- the seconds as a number, exact below 2^53; a time further off moves by
-- whole 400-year Gregorian cycles, which repeat the calendar and the
-- rules of local time (beyond the zone's last and before its first
-- change, where the moved time lands too), and the year moves back.
local CYCLE = 12622780800 -- seconds in 400 Gregorian years
local function time_comment(sec, nsec)
    if uzero(sec) and nsec == 0 then return nil end
    local neg = isneg(sec)
    local mag = neg and uneg(sec) or sec
    local t, years = nil, 0
    if mag[1] < 0x200000 then
        t = unum(mag)
    elseif mag[1] >= 0x2000000 then
        return nil -- 2^57 seconds and more: years past 4 billion
    else
        -- mag = q * CYCLE + r, by long division in 16-bit digits: every
        -- step stays below 2^50, exact.
        local q, r = 0, 0
        for _, d in ipairs({ floor(mag[1] / 65536), mag[1] % 65536, floor(mag[2] / 65536), mag[2] % 65536 }) do
            local x = r * 65536 + d
            local qd = floor(x / CYCLE)
            r = x - qd * CYCLE
            q = q * 65536 + qd
        end
        t, years = r + CYCLE, 400 * (q - 1)
    end
    if neg then t, years = -t, -years end
    local ok, y = pcall(os.date, "%Y", t)
    local ok2, rest = pcall(os.date, "-%m-%dT%H:%M:%S", t)
    local ok3, z = pcall(os.date, "%z", t)
    if not (ok and ok2 and ok3) or type(y) ~= "string" or type(rest) ~= "string" or type(z) ~= "string" then return nil end
    local year = tonumber(y) + years
    if year - 1900 > 2147483647 or year - 1900 < -2147483648 then return nil end
    local s = fmt("%d", year) .. rest
    if nsec ~= 0 then s = s .. fmt(".%09d", nsec) end
    return s .. z
end

structs.timeval = function(c, addr)
    local l = c:layout("timeval")
    if not l then
        c:ptr(addr)
        return
    end
    local b, base = c:fetch(addr, l.size)
    if not b then return end
    c:note_group("timeval", l, base)
    c:out(time_pair(c, b, l, "", "tv_usec"))
end

local function itimer(c, addr, name, sub)
    local l = c:layout(name)
    if not l then
        c:ptr(addr)
        return
    end
    local b, base = c:fetch(addr, l.size)
    if not b then return end
    c:note_group(name, l, base)
    c:fields({ "it_interval", time_pair(c, b, l, "it_interval.", sub), "it_value", time_pair(c, b, l, "it_value.", sub) })
end
structs.itimerval = function(c, addr) itimer(c, addr, "itimerval", "tv_usec") end
structs.itimerspec = function(c, addr) itimer(c, addr, "itimerspec", "tv_nsec") end

structs.utimens = function(c, addr)
    local l = c:layout("timespec")
    if not l then
        c:ptr(addr)
        return
    end
    local b, base = c:fetch(addr, 2 * l.size)
    if not b then return end
    local parts = {}
    for i = 0, 1 do
        c:note_group("timespec", l, base, i * l.size)
        local t = b:sub(i * l.size + 1)
        local sec = c:ms(t, l, "tv_sec")
        local nsec = c:ms(t, l, "tv_nsec")
        if nsec[1] == 0 and nsec[2] == 0x3fffffff then
            parts[#parts + 1] = "UTIME_NOW"
        elseif nsec[1] == 0 and nsec[2] == 0x3ffffffe then
            parts[#parts + 1] = "UTIME_OMIT"
        else
            local p = "{tv_sec=" .. sdec(sec) .. ", tv_nsec=" .. sdec(nsec) .. "}"
            local tc = nsec[1] == 0 and nsec[2] < 1000000000 and time_comment(sec, nsec[2])
            if tc then p = p .. " /* " .. tc .. " */" end
            parts[#parts + 1] = p
        end
    end
    c:out("[" .. concat(parts, ", ") .. "]")
end

structs.sigevent = function(c, addr)
    local l = c:layout("sigevent")
    if not l then
        c:ptr(addr)
        return
    end
    -- strace reads no further than the thread members.
    local at = l.m["_sigev_un._sigev_thread._attribute"]
    local b = c:fetch(addr, at[1] + at[2])
    if not b then return end
    local notify = c:mu(b, l, "sigev_notify")
    local val = c:mu(b, l, "sigev_value.sival_ptr")
    local kv = {}
    -- strace 6.1 leaves a zero value out, and names the signal only
    -- where the notification sends one.
    if not uzero(val) then
        kv[1], kv[2] = "sigev_value", "{sival_int=" .. sdec(c:ms(b, l, "sigev_value.sival_int")) ..
            ", sival_ptr=" .. ptr_string(val) .. "}"
    end
    local n = notify[2]
    local signo = int32(c:mu(b, l, "sigev_signo")[2])
    kv[#kv + 1] = "sigev_signo"
    if notify[1] == 0 and (n == 0 or n == 2 or n == 4) then
        kv[#kv + 1] = signal_string(signo)
    else
        kv[#kv + 1] = fmt("%d", signo)
    end
    kv[#kv + 1], kv[#kv + 2] = "sigev_notify", format_enum("sigev_notify", notify, c.rec.arch)
    if notify[2] == 2 then
        kv[#kv + 1], kv[#kv + 2] = "sigev_notify_function", ptr_string(c:mu(b, l, "_sigev_un._sigev_thread._function"))
        kv[#kv + 1], kv[#kv + 2] = "sigev_notify_attributes", ptr_string(c:mu(b, l, "_sigev_un._sigev_thread._attribute"))
    elseif notify[2] == 4 then
        kv[#kv + 1], kv[#kv + 2] = "sigev_notify_thread_id", sdec(c:ms(b, l, "_sigev_un._tid"))
    end
    c:fields(kv)
end

-- A sleep's remaining time: the timespec only after a restart code.
-- (Helpers of this file's families sit in do blocks: the main chunk may
-- hold at most 200 locals.)
do
local function sleep_rem(c, addr, layout)
    local r = c:slong(c.rec.ret)
    local en = in_errno_range(r) and errno_of(TWO32 - r[2])
    if not (en and en[3]) then
        c:ptr(addr)
        return
    end
    time_struct(c, addr, layout, "timespec", "tv_nsec")
end
structs.sleep_rem = function(c, addr) sleep_rem(c, addr, "timespec") end
structs.sleep_rem64 = function(c, addr) sleep_rem(c, addr, "__kernel_timespec") end
end

-- A message queue's attributes (decoder/render_mqueue.go).
structs.mq_attr = function(c, addr)
    local l = c:layout("mq_attr")
    if not l then
        c:ptr(addr)
        return
    end
    local b = c:fetch(addr, l.size)
    if not b then return end
    local flags = c:mu(b, l, "mq_flags")
    local f = "0"
    if not uzero(flags) then f = format_flags("mq_flags", flags, c.rec.arch) end
    c:fields({ "mq_flags", f, "mq_maxmsg", sdec(c:ms(b, l, "mq_maxmsg")),
        "mq_msgsize", sdec(c:ms(b, l, "mq_msgsize")), "mq_curmsgs", sdec(c:ms(b, l, "mq_curmsgs")) })
end

-- io_uring_setup's params and io_uring_register's descriptors
-- (decoder/render_uring.go).
structs.io_uring_params = function(c, addr)
    local l = c:layout("io_uring_params")
    if not l then
        c:ptr(addr)
        return
    end
    local b = c:fetch(addr, l.size)
    if not b then return end
    local function u(name) return udec(c:mu(b, l, name)) end
    local flags = c:mu(b, l, "flags")
    local parts = { "{flags=", format_flags("uring_setup_flags", flags, c.rec.arch),
        ", sq_thread_cpu=", chex(c:mu(b, l, "sq_thread_cpu")), ", sq_thread_idle=", u("sq_thread_idle") }
    c:out(concat(parts))
    if band(flags[2], 0x20) ~= 0 then
        c:out(", wq_fd=")
        c:fd(c:mu(b, l, "wq_fd"))
    end
    local resv, zero = {}, true
    for i = 0, 2 do
        local v = c:mu(b, l, "resv[" .. i .. "]")
        zero = zero and uzero(v)
        resv[#resv + 1] = chex(v)
    end
    if not zero then c:out(", resv=[" .. concat(resv, ", ") .. "]") end
    if c:failed() then
        c:out("}")
        return
    end
    local function offsets(prefix, names)
        local o = {}
        for _, n in ipairs(names) do o[#o + 1] = n .. "=" .. u(prefix .. n) end
        for _, n in ipairs({ "resv1", "resv2" }) do
            local v = c:mu(b, l, prefix .. n)
            if not uzero(v) then o[#o + 1] = n .. "=" .. chex(v) end
        end
        return "{" .. concat(o, ", ") .. "}"
    end
    c:out(concat({ ", sq_entries=", u("sq_entries"), ", cq_entries=", u("cq_entries"),
        ", features=", format_flags("uring_setup_features", c:mu(b, l, "features"), c.rec.arch),
        ", sq_off=", offsets("sq_off.", { "head", "tail", "ring_mask", "ring_entries", "flags", "dropped", "array" }),
        ", cq_off=", offsets("cq_off.", { "head", "tail", "ring_mask", "ring_entries", "overflow", "cqes", "flags" }), "}" }))
end

structs.uring_iovecs = function(c, addr, k)
    c:iovecs(addr, U(c.rec.args[k.len_arg + 1][2]), nil, false)
end

-- uring_array renders n elements of size bytes as print_array does
-- (decoder/render_uring.go's uringArray); elem(b) prints one.
local function uring_array(c, addr, n, size, elem)
    if n == 0 then
        c:out("[]")
        return
    end
    local show = math.min(n, c.limit, 65536)
    local b = c:read(addr, size * show)
    if not b and not c:read(addr, size) then
        c:ptr(addr)
        return
    end
    c:out("[")
    for i = 0, show - 1 do
        if i > 0 then c:out(", ") end
        local at = uadd(addr, size * i)
        local e = b and b:sub(size * i + 1, size * (i + 1)) or c:read(at, size)
        if not e then
            c:out("... /* " .. chex(at) .. " */]")
            return
        end
        elem(e)
    end
    if show < n then c:out(", ...") end
    c:out("]")
end

local function uring_rsrc_updates(c, addr, k, register)
    local l = c:layout("io_uring_rsrc_update")
    if not l then
        c:ptr(addr)
        return
    end
    uring_array(c, addr, c.rec.args[k.len_arg + 1][2], l.size, function(b)
        local off = c:mu(b, l, "offset")
        if register and off[2] == 0xffffffff then c:out("{offset=-1") else c:out("{offset=" .. udec(off)) end
        local resv = c:mu(b, l, "resv")
        if not uzero(resv) then c:out(", resv=" .. chex(resv)) end
        local data = c:mu(b, l, "data")
        if register then
            c:out(", data=")
            c:fd(data)
        elseif not uzero(data) then
            c:out(", data=" .. chex(data))
        end
        c:out("}")
    end)
end

structs.uring_ring_fds = function(c, addr, k) uring_rsrc_updates(c, addr, k, true) end
structs.uring_ring_fds_off = function(c, addr, k) uring_rsrc_updates(c, addr, k, false) end

structs.io_uring_buf_reg = function(c, addr)
    local l = c:layout("io_uring_buf_reg")
    if not l then
        c:ptr(addr)
        return
    end
    local b = c:fetch(addr, l.size)
    if not b then return end
    local ring = c:mu(b, l, "ring_addr")
    c:out("{ring_addr=" .. (uzero(ring) and "NULL" or chex(ring)) .. ", ring_entries=" .. udec(c:mu(b, l, "ring_entries"))
        .. ", bgid=" .. udec(c:mu(b, l, "bgid")))
    local pad = c:mu(b, l, "pad")
    if not uzero(pad) then c:out(", pad=" .. chex(pad)) end
    local resv, zero = {}, true
    for i = 0, 2 do
        local v = c:mu(b, l, "resv[" .. i .. "]")
        zero = zero and uzero(v)
        resv[#resv + 1] = chex(v)
    end
    if not zero then c:out(", resv=[" .. concat(resv, ", ") .. "]") end
    c:out("}")
end

structs.uring_fds = function(c, addr, k)
    local n = c.rec.args[k.len_arg + 1][2]
    if n == 0 then
        c:out("[]")
        return
    end
    local show = math.min(n, c.limit, 65536)
    local b = c:read(addr, 4 * show)
    if not b and not c:read(addr, 4) then
        c:ptr(addr)
        return
    end
    c:out("[")
    for i = 0, show - 1 do
        if i > 0 then c:out(", ") end
        local e = b and b:sub(4 * i + 1, 4 * i + 4) or c:read(uadd(addr, 4 * i), 4)
        if not e then
            c:out("... /* " .. chex(uadd(addr, 4 * i)) .. " */]")
            return
        end
        c:fd(c:uint(e))
    end
    if show < n then c:out(", ...") end
    c:out("]")
end

-- NUMA node masks and move_pages' arrays (decoder/render_numa.go).
do
-- numa_array renders n ({hi, lo}) elements of size bytes as print_array does.
local function numa_array(c, addr, n, size, elem)
    if uzero(addr) then
        c:out("NULL")
        return
    end
    if uzero(n) then
        c:out("[]")
        return
    end
    if n[1] ~= 0 or n[2] > 1048576 then
        c:ptr(addr)
        return
    end
    local show = math.min(n[2], c.limit)
    local b = c:fetch(addr, size * show)
    if not b then return end
    local parts = {}
    for i = 0, show - 1 do parts[#parts + 1] = elem(c:field(b, size * i, size)) end
    if show < n[2] then parts[#parts + 1] = "..." end
    c:out("[" .. concat(parts, ", ") .. "]")
end

structs.nodemask = function(c, addr, k)
    local maxnode = c:word(c.rec.args[k.len_arg + 1])
    local ws = c.ws
    local bits = 8 * ws
    if maxnode[1] ~= 0 then
        c:ptr(addr)
        return
    end
    local n = math.floor((maxnode[2] + bits - 2) / bits)
    if maxnode[2] ~= 0 and n == 0 then
        c:ptr(addr)
        return
    end
    numa_array(c, addr, U(n), ws, function(v)
        if uzero(v) then return string.rep("0", 2 * ws) end
        local h = chex(v):sub(3)
        return "0x" .. string.rep("0", 2 * ws - 2 - #h) .. h
    end)
end
structs.page_ptrs = function(c, addr, k)
    numa_array(c, addr, c:word(c.rec.args[k.len_arg + 1]), c.ws, ptr_string)
end
structs.page_nodes = function(c, addr, k)
    numa_array(c, addr, c:word(c.rec.args[k.len_arg + 1]), 4, function(v) return fmt("%d", int32(v[2])) end)
end
structs.page_status = function(c, addr, k)
    numa_array(c, addr, c:word(c.rec.args[k.len_arg + 1]), 4, function(v)
        local n = int32(v[2])
        local en = n < 0 and errno_of(-n)
        if en then return "-" .. en[1] end
        return fmt("%d", n)
    end)
end
structs.mpol_mode_ptr = function(c, addr)
    if uzero(addr) then
        c:out("NULL")
        return
    end
    local b = c:fetch(addr, 4)
    if not b then return end
    c:out("[" .. format_enum("mpol_modes", c:uint(b), c.rec.arch) .. "]")
end
end

-- fcntl's locks and owner (decoder/render_fcntl.go).
do
local function flock(c, addr, name, with_pid)
    local l = c:layout(name)
    if not l then
        c:ptr(addr)
        return
    end
    local b = c:fetch_struct(addr, l)
    if not b then return end
    local arch = c.rec.arch
    local kv = { "l_type", format_enum("lock_types", c:mu(b, l, "l_type"), arch),
        "l_whence", format_enum("whence", c:mu(b, l, "l_whence"), arch),
        "l_start", sdec(c:ms(b, l, "l_start")), "l_len", sdec(c:ms(b, l, "l_len")) }
    if with_pid then kv[#kv + 1], kv[#kv + 2] = "l_pid", sdec(c:ms(b, l, "l_pid")) end
    c:fields(kv)
end
structs.flock = function(c, addr) flock(c, addr, "flock", false) end
structs.flock_pid = function(c, addr) flock(c, addr, "flock", true) end
structs.flock64 = function(c, addr) flock(c, addr, "flock64", false) end
structs.flock64_pid = function(c, addr) flock(c, addr, "flock64", true) end
end
structs.f_owner_ex = function(c, addr)
    local l = c:layout("f_owner_ex")
    if not l then
        c:ptr(addr)
        return
    end
    local b = c:fetch(addr, l.size)
    if not b then return end
    c:fields({ "type", format_enum("f_owner_types", c:mu(b, l, "type"), c.rec.arch), "pid", sdec(c:ms(b, l, "pid")) })
end

-- Process, identity and signal structures (decoder/render_proc.go).
structs.tms = function(c, addr)
    local l = c:layout("tms")
    if not l then
        c:ptr(addr)
        return
    end
    local b = c:fetch(addr, l.size)
    if not b then return end
    local function w(n) return sdec(c:ms(b, l, n)) end
    c:fields({ "tms_utime", w("tms_utime"), "tms_stime", w("tms_stime"), "tms_cutime", w("tms_cutime"), "tms_cstime", w("tms_cstime") })
end

structs.rusage = function(c, addr)
    local l = c:layout("rusage")
    if not l then
        c:ptr(addr)
        return
    end
    local b, base = c:fetch(addr, l.size)
    if not b then return end
    c:note_group("rusage", l, base)
    c:fields({ "ru_utime", time_pair(c, b, l, "ru_utime.", "tv_usec"), "ru_stime", time_pair(c, b, l, "ru_stime.", "tv_usec"), "", "..." })
end

-- count is a Struct's element count: the return value for len_arg -1.
local function struct_count(c, k)
    if k.len_arg < 0 then return c:slong(c.rec.ret) end
    local v = c.rec.args[k.len_arg + 1][2]
    if v >= 0x80000000 then return { 0xffffffff, v } end
    return { 0, v }
end

structs.cpu_set = function(c, addr, k)
    local n
    if k.len_arg >= 0 then n = c:word(c.rec.args[k.len_arg + 1]) else n = struct_count(c, k) end
    if n[1] ~= 0 or n[2] == 0 or n[2] > 4096 then
        c:ptr(addr)
        return
    end
    local b = c:fetch(addr, n[2])
    if not b then return end
    local cpus = {}
    for i = 1, #b do
        local by = b:byte(i)
        for bit = 0, 7 do
            if band(by, lshift(1, bit)) ~= 0 then cpus[#cpus + 1] = fmt("%d", 8 * (i - 1) + bit) end
        end
    end
    c:out("[" .. concat(cpus, " ") .. "]")
end

local function uid_string(v)
    if v == 0xffffffff then return "-1" end
    return fmt("%d", v)
end

structs.gid_list = function(c, addr, k)
    local n = struct_count(c, k)
    if isneg(n) or n[1] ~= 0 or n[2] > 65536 then
        c:ptr(addr)
        return
    end
    local show = math.min(n[2], c.limit)
    local b = c:fetch(addr, 4 * show)
    if not b then return end
    local parts = {}
    for i = 0, show - 1 do parts[#parts + 1] = uid_string(c:field(b, 4 * i, 4)[2]) end
    if show < n[2] then parts[#parts + 1] = "..." end
    c:out("[" .. concat(parts, ", ") .. "]")
end

structs.uid = function(c, addr)
    local b = c:fetch(addr, 4)
    if not b then return end
    c:out("[" .. uid_string(c:uint(b)[2]) .. "]")
end

structs.loff = function(c, addr)
    local b = c:fetch(addr, 8)
    if not b then return end
    c:out("[" .. sdec(c:uint(b)) .. "]")
end

structs.signal_ptr = function(c, addr)
    local b = c:fetch(addr, 4)
    if not b then return end
    c:out("[" .. signal_string(int32(c:uint(b)[2])) .. "]")
end

structs.cap_header = function(c, addr)
    local l = c:layout("__user_cap_header_struct")
    if not l then
        c:ptr(addr)
        return
    end
    local b = c:fetch(addr, l.size)
    if not b then return end
    c:fields({ "version", format_enum("cap_versions", c:mu(b, l, "version"), c.rec.arch),
        "pid", sdec(c:ms(b, l, "pid")) })
end

local function caps_string(lo, hi)
    if lo == 0 and hi == 0 then return "0" end
    local parts = {}
    local rest = { hi, lo }
    for i = 0, 63 do
        local w = i < 32 and lo or hi
        if band(w, lshift(1, i % 32)) ~= 0 then
            local n = xlat_lookup(D.xlats.capabilities, U(i), 0)
            if n then
                parts[#parts + 1] = "1<<" .. n
                if i < 32 then rest[2] = n32(band(rest[2], bnot(lshift(1, i)))) else rest[1] = n32(band(rest[1], bnot(lshift(1, i - 32)))) end
            end
        end
    end
    if not uzero(rest) then parts[#parts + 1] = gohex(rest) end
    return concat(parts, "|")
end

structs.cap_data = function(c, addr)
    local l = c:layout("__user_cap_data_struct")
    if not l then
        c:ptr(addr)
        return
    end
    local words = 2
    local h = c:read(c:word(c.rec.args[1]), 4)
    if h and c:uint(h)[2] == 0x19980330 then words = 1 end
    local b = c:fetch(addr, l.size * words)
    if not b then return end
    local function set(name)
        local lo = c:mu(b, l, name)[2]
        local hi = words == 2 and c:mu(b:sub(l.size + 1), l, name)[2] or 0
        return caps_string(lo, hi)
    end
    c:fields({ "effective", set("effective"), "permitted", set("permitted"), "inheritable", set("inheritable") })
end

structs.stack_t = function(c, addr)
    local l = c:layout("stack_t")
    if not l then
        c:ptr(addr)
        return
    end
    local b = c:fetch(addr, l.size)
    if not b then return end
    c:fields({ "ss_sp", ptr_string(c:mu(b, l, "ss_sp")), "ss_flags", format_flags("ss_flags", c:mu(b, l, "ss_flags"), c.rec.arch),
        "ss_size", udec(c:mu(b, l, "ss_size")) })
end

-- Kind renderers, by the kind names of decoder/desc.go.
local R = {}
R.Int = function(c, k, v) c:out(fmt("%d", int32(v[2]))) end
R.Uint = function(c, k, v) c:out(fmt("%d", v[2])) end
R.Long = function(c, k, v) c:out(sdec(c:slong(v))) end
R.Ulong = function(c, k, v) c:out(udec(c:word(v))) end
R.KLong = function(c, k, v) c:out(sdec(v)) end
R.Hex = function(c, k, v) c:out(chex(c:word(v))) end
R.Octal = function(c, k, v) c:out(gooct(v[2])) end
R.Ptr = function(c, k, v) c:ptr(v) end
R.FD = function(c, k, v) c:fd(v) end
R.Mode = function(c, k, v) c:out(gomode(v[2])) end
R.Path = function(c, k, v) return c:read_string(v, 4096) end
R.Str = function(c, k, v) return c:read_string(v, c.limit) end
R.DirFD = function(c, k, v)
    if int32(v[2]) == -100 then c:out("AT_FDCWD") else c:fd(v) end
end
R.Buf = function(c, k, v)
    local n
    if k.from_ret then n = c:word(c.rec.ret) else n = c:word(c.rec.args[k.len_arg + 1]) end
    if k.netlink then
        local family = c:nl_socket(int32(c.rec.args[1][2]))
        if family then return c:netlink(v, unum(n), family) end
    end
    return c:read_buf(v, n, k.hex)
end
R.Flags = function(c, k, v)
    if not k.long then v = U(v[2]) end
    c:out(format_flags(k.set, c:word(v), c.rec.arch))
end
R.Enum = function(c, k, v)
    if not k.long then v = U(v[2]) end
    c:out(format_enum(k.set, c:word(v), c.rec.arch))
end
R.FlagsRet = function(c, k, v)
    v = c:word(v)
    if uzero(v) and not k.zero then
        c:out("0")
        return
    end
    local f = format_flags(k.set, v, c.rec.arch)
    -- strace's sprintflags writes unknown bits as a bare number.
    if f:sub(-6) == "??? */" then f = chex(v) end
    c:out(chex(v) .. " (" .. k.word .. " " .. f .. ")")
end
R.Signal = function(c, k, v) c:out(signal_string(int32(v[2]))) end
R.CloneFlags = function(c, k, v)
    local sig = v[2] % 256
    local flags = uandnot(v, U(0xff))
    if not uzero(flags) and sig ~= 0 then
        c:out(format_flags("clone_flags", flags, c.rec.arch) .. "|" .. signal_string(sig))
    elseif not uzero(flags) then
        c:out(format_flags("clone_flags", flags, c.rec.arch))
    else
        c:out(signal_string(sig))
    end
end
R.Sigset = function(c, k, v)
    local addr = c:word(v)
    if uzero(addr) then
        c:out("NULL")
        return
    end
    local n = c:word(c.rec.args[k.size_arg + 1])
    if n[1] ~= 0 or n[2] == 0 or n[2] > 128 or n[2] % 4 ~= 0 then
        c:ptr(addr)
        return
    end
    local b = c:fetch(addr, n[2])
    if not b then return end
    c:out(c:sigset_string(b))
end
R.StrArray = function(c, k, v)
    local addr = c:word(v)
    if uzero(addr) then
        c:out("NULL")
        return
    end
    local ws = c.ws
    local function word_at(a)
        local b = c:read(c:word(a), ws)
        if not b then return nil end
        return c:uint(b)
    end
    if k.env then
        c:ptr(addr)
        local n, a = 0, addr
        while true do
            local w = word_at(a)
            if not w then
                if n == 0 then return end
                break
            end
            if uzero(w) then break end
            n = n + 1
            a = uadd(a, ws)
        end
        c:out(fmt(" /* %d var%s */", n, n == 1 and "" or "s"))
        return
    end
    local n, a = 0, addr
    while true do
        local w = word_at(a)
        if not w then
            if n == 0 then
                c:ptr(addr)
                return
            end
            c:out(", ... /* " .. gohex(a) .. " */")
            break
        end
        if n == 0 then c:out("[") end
        if uzero(w) then break end
        if n ~= 0 then c:out(", ") end
        if n >= c.limit then
            c:out("...")
            break
        end
        c:read_string(w, c.limit)
        n = n + 1
        a = uadd(a, ws)
    end
    c:out("]")
end

R.ModeType = function(c, k, v) c:out(mode_string(v[2])) end
R.Dev = function(c, k, v) c:out(makedev(c:word(v))) end
R.EnumRet = function(c, k, v)
    local n = c:slong(v)
    if k.hex then c:out(chex(c:word(v))) else c:out(sdec(n)) end
    local x = D.xlats[k.set]
    local name = x and xlat_lookup(x, n, c.rec.arch)
    if name then c:out(" (" .. name .. ")") end
end
R.SignalRet = function(c, k, v)
    local n = c:slong(v)
    c:out(sdec(n))
    if n[1] == 0 and n[2] > 0 and n[2] < 65 then c:out(" (" .. signal_string(n[2]) .. ")") end
end

-- The offset of the mask rt_sigreturn restores from the stack pointer at
-- its entry, per arch (decoder/render_proc.go's sigmaskOffset).
local SIGMASK_OFFSET = { [0xc000003e] = 296, [0x40000003] = 248, [0xc00000b7] = 168 }

R.SigFrame = function(c, k, v)
    local off = SIGMASK_OFFSET[c.rec.arch]
    local regs
    for _, sec in ipairs(c.rec.sections) do
        if sec.type == SEC.regs and in_phase(sec, c.exit) and #sec.data >= 16 then regs = sec break end
    end
    if not regs then return end
    local sp = { le32(regs.data, 12), le32(regs.data, 8) }
    if k.old then
        -- i386's sigreturn: the sigcontext's oldmask (80) and the
        -- extramask after the 624-byte FPU state (88 + 624), from the
        -- stack pointer (decoder/render_proc.go).
        local low, high = 80, 88 + 624
        sp = c:word(sp)
        local b = c:read(sp, high + 4)
        if not b or #b < high + 4 then
            c:ptr(sp)
            return
        end
        local mask = b:sub(low + 1, low + 4) .. b:sub(high + 1, high + 4)
        c:out("{mask=" .. c:sigset_string(mask) .. "}")
        return
    end
    if not off then return end
    local addr = c:word(uadd(sp, off))
    local b = c:read(addr, 8)
    if not b then
        c:out("{mask=")
        c:ptr(addr)
        c:out("}")
        return
    end
    c:out("{mask=" .. c:sigset_string(b) .. "}")
end
R.Struct = function(c, k, v)
    local addr = c:word(v)
    if uzero(addr) then
        c:out("NULL")
        return
    end
    local f = structs[k.type]
    if not f then
        c:ptr(addr)
        return
    end
    f(c, addr, k)
end

local reads_memory = { Path = true, Str = true, Buf = true, Sigset = true, StrArray = true, Struct = true, SigFrame = true }

-- render_arg prints one argument; it returns what the argument read (a
-- string's or buffer's bytes) for the tree.
function Ctx:render_arg(a)
    if a.label then self:out(a.name .. "=") end
    if self:arg_text(a.i) then return end
    local v = self.rec.args[a.i + 1]
    if a.exit and not a.input and reads_memory[a.k.k] and (self:failed() or has(self.rec.flags, F_NORETURN)) then
        self:ptr(v)
        return
    end
    local f = R[a.k.k]
    if not f then
        self:ptr(v)
        return
    end
    return f(self, a.k, v)
end

----------------------------------------------------------------------------
-- Sockets, vectored I/O, polling, terminal ioctls and the i386 layouts: a
-- port of decoder/render_net.go for the default options.

-- entry_int reads a 4-byte int at addr as it was at entry: a value the
-- kernel may have changed by the exit (socklen_t in/out).
function Ctx:entry_int(addr)
    if uzero(addr) then return nil end
    local b = mem_read(self.rec, false, addr, 4)
    if not b then return nil end
    return self:uint(b)[2]
end

-- capture runs f and returns what it printed instead of printing it.
function Ctx:capture(f)
    local saved = self.sb
    self.sb = {}
    f()
    local s = concat(self.sb)
    self.sb = saved
    return s
end

local function i32s(x) return fmt("%d", int32(x)) end

local function limited(c, n)
    if n > c.limit then return c.limit, true end
    return n, false
end

R.SockLen = function(c, k, v)
    local addr = c:word(v)
    if uzero(addr) then
        c:out("NULL")
        return
    end
    local inv = c:entry_int(addr)
    if c:failed() then
        if inv then c:out("[" .. i32s(inv) .. "]") else c:ptr(addr) end
        return
    end
    local b = c:read(addr, 4)
    if not b then
        c:ptr(addr)
        return
    end
    local out = c:uint(b)[2]
    if inv and inv ~= out then
        c:out("[" .. i32s(inv) .. " => " .. i32s(out) .. "]")
    else
        c:out("[" .. i32s(out) .. "]")
    end
end

R.SockProto = function(c, k, v)
    local p, arch = U(v[2]), c.rec.arch
    local d = c.rec.args[k.domain + 1][2]
    if d == 2 or d == 10 then
        c:out(format_enum("inet_protocols", p, arch))
    elseif d == 16 then
        c:out(format_enum("netlink_protocols", p, arch))
    elseif d == 17 then
        local x = v[2] % 65536
        c:out("htons(" .. format_enum("ethernet_protocols", U(floor(x / 256) + (x % 256) * 256), arch) .. ")")
    else
        c:out(fmt("%d", v[2]))
    end
end

R.SockType = function(c, k, v)
    local t, arch = v[2], c.rec.arch
    local n = xlat_lookup(D.xlats.socket_types, U(t % 16), arch)
    if n then
        if t < 16 then c:out(n) else c:out(n .. "|" .. format_flags("sock_flags", U(t - t % 16), arch)) end
        return
    end
    local s = format_flags("sock_flags", U(t), arch)
    if s == chex(U(t)) then s = s .. " /* SOCK_??? */" end
    c:out(s)
end

local sockopt_names = { [0] = "sockopt_ip", [1] = "sockopt_socket", [6] = "sockopt_tcp", [17] = "sockopt_udp",
    [41] = "sockopt_ipv6", [270] = "sockopt_netlink" }

R.SockoptName = function(c, k, v)
    local set = sockopt_names[c.rec.args[k.level + 1][2]]
    if set then c:out(format_enum(set, U(v[2]), c.rec.arch)) else c:out(fmt("%d", v[2])) end
end

R.Sockopt = function(c, k, v)
    local addr = c:word(v)
    local n
    if k.get then
        if c:failed() then
            c:ptr(addr)
            return
        end
        local b = c:read(c:word(c.rec.args[k.len + 1]), 4)
        if not b then
            c:ptr(addr)
            return
        end
        n = int32(c:uint(b)[2])
    else
        n = int32(c.rec.args[k.len + 1][2])
    end
    if uzero(addr) then
        c:out("NULL")
        return
    end
    local level, name = c.rec.args[k.level + 1][2], c.rec.args[k.name + 1][2]
    local linger, cred = c:layout("linger"), c:layout("ucred")
    if level == 1 and name == 13 and n >= linger.size then -- SO_LINGER
        local b = c:fetch(addr, linger.size)
        if b then c:fields({ "l_onoff", sdec(c:ms(b, linger, "l_onoff")), "l_linger", sdec(c:ms(b, linger, "l_linger")) }) end
        return
    elseif level == 1 and name == 17 and k.get and n > 0 then -- SO_PEERCRED
        if n > cred.size then n = cred.size end
        local b = c:fetch(addr, n)
        if not b then return end
        local kv = {}
        for _, f in ipairs({ "pid", "uid", "gid" }) do
            local m = cred.m[f]
            if m[1] + m[2] <= n then kv[#kv + 1], kv[#kv + 2] = f, udec(c:mu(b, cred, f)) end
        end
        c:fields(kv)
        return
    elseif level == 1 and name == 4 and k.get and n == 4 then -- SO_ERROR
        local b = c:fetch(addr, 4)
        if not b then return end
        local e = int32(c:uint(b)[2])
        local en = e > 0 and errno_of(e)
        if en then c:out("[" .. en[1] .. "]") else c:out(fmt("[%d]", e)) end
        return
    elseif level == 270 and n < 4 then
        c:ptr(addr)
        return
    end
    if n == 4 then
        local b = c:fetch(addr, 4)
        if b then c:out(fmt("[%d]", int32(c:uint(b)[2]))) end
        return
    end
    if n < 0 then
        c:ptr(addr)
        return
    end
    c:read_buf(addr, U(n), false)
end

-- inet6_string is glibc's inet_ntop for AF_INET6.
local function inet6_string(a)
    local w = {}
    for i = 0, 7 do w[i] = a:byte(2 * i + 1) * 256 + a:byte(2 * i + 2) end
    local best, best_len = -1, 0
    local i = 0
    while i < 8 do
        if w[i] ~= 0 then
            i = i + 1
        else
            local j = i
            while j < 8 and w[j] == 0 do j = j + 1 end
            if j - i > best_len and j - i >= 2 then best, best_len = i, j - i end
            i = j
        end
    end
    local t = {}
    i = 0
    while i < 8 do
        if i == best then
            t[#t + 1] = (i == 0) and "::" or ":"
            i = i + best_len
        elseif i == 6 and best == 0 and (best_len == 6 or (best_len == 5 and w[5] == 0xffff)) then
            t[#t + 1] = fmt("%d.%d.%d.%d", a:byte(13), a:byte(14), a:byte(15), a:byte(16))
            break
        else
            t[#t + 1] = fmt("%x", w[i])
            if i < 7 then t[#t + 1] = ":" end
            i = i + 1
        end
    end
    return concat(t)
end

function Ctx:sockaddr_text(b, base)
    self:sockaddr_members(b, base)
    local n = #b
    local fam = self:mu(b, self:layout("sockaddr"), "sa_family")[2]
    local kv = { "sa_family", format_enum("address_families", U(fam), self.rec.arch) }
    local function add(k2, v2) kv[#kv + 1], kv[#kv + 2] = k2, v2 end
    local in4, in6, nl = self:layout("sockaddr_in"), self:layout("sockaddr_in6"), self:layout("sockaddr_nl")
    if n == 2 then
    elseif fam == 1 then
        local path = b:sub(self:layout("sockaddr_un").m.sun_path[1] + 1)
        if path:byte(1) == 0 then add("sun_path", "@" .. quote(path:sub(2), false)) else add("sun_path", cstring(path)) end
    elseif fam == 2 and n >= in4.size then
        local a = in4.m["sin_addr.s_addr"][1]
        add("sin_port", fmt("htons(%d)", self:mu(b, in4, "sin_port")[2]))
        add("sin_addr", fmt('inet_addr("%d.%d.%d.%d")', b:byte(a + 1), b:byte(a + 2), b:byte(a + 3), b:byte(a + 4)))
    elseif fam == 10 and n >= in6.m.sin6_scope_id[1] then
        local a6 = in6.m.sin6_addr
        add("sin6_port", fmt("htons(%d)", self:mu(b, in6, "sin6_port")[2]))
        add("sin6_flowinfo", fmt("htonl(%.0f)", self:mu(b, in6, "sin6_flowinfo")[2]))
        add("", 'inet_pton(AF_INET6, "' .. inet6_string(b:sub(a6[1] + 1, a6[1] + a6[2])) .. '", &sin6_addr)')
        if n >= in6.size then add("sin6_scope_id", udec(self:mu(b, in6, "sin6_scope_id"))) end
    elseif fam == 16 and n >= nl.size then
        add("nl_pid", sdec(self:ms(b, nl, "nl_pid")))
        add("nl_groups", fmt("%08x", self:mu(b, nl, "nl_groups")[2]))
    else
        add("sa_data", quote(b:sub(3), false))
    end
    return self:capture(function() self:fields(kv) end)
end

function Ctx:print_sockaddr(addr, n)
    if uzero(addr) then
        self:out("NULL")
        return
    end
    if n > 128 then n = 128 end
    if n < 2 then
        self:ptr(addr)
        return
    end
    local b, base = self:fetch(addr, n)
    if b then self:out(self:sockaddr_text(b, base)) end
end

structs.socket_address = function(c, addr, k)
    c:print_sockaddr(addr, int32(c.rec.args[k.len_arg + 1][2]))
end

structs.socket_address_out = function(c, addr, k)
    local lp = c:word(c.rec.args[k.len_arg + 1])
    local b = c:read(lp, 4)
    if not b then
        c:ptr(addr)
        return
    end
    local n = int32(c:uint(b)[2])
    local inv = c:entry_int(lp)
    if inv and int32(inv) < n then n = int32(inv) end
    c:print_sockaddr(addr, n)
end

-- iovecs prints count iovecs at addr with up to budget bytes of data (nil:
-- all of it); decode false prints the buffers as addresses.
-- family, when set, is the netlink protocol of the buffers' messages
-- (-1 unknown).
function Ctx:iovecs(addr, count, budget, decode, family)
    addr = self:word(addr)
    if uzero(addr) then
        self:out("NULL")
        return
    end
    if count[1] ~= 0 or count[2] > 1024 then
        self:ptr(addr)
        return
    end
    local l = self:layout("iovec")
    if not l then
        self:ptr(addr)
        return
    end
    local shown, more = limited(self, count[2])
    local ok = true
    local s = self:capture(function()
        self:out("[")
        for i = 0, shown - 1 do
            local ea = uadd(addr, i * l.size)
            local b = self:read(ea, l.size)
            if not b then
                if i == 0 then
                    ok = false
                    return
                end
                self:out(", ... /* " .. chex(ea) .. " */")
                break
            end
            if i > 0 then self:out(", ") end
            local base, n = self:mu(b, l, "iov_base"), self:mu(b, l, "iov_len")
            local _, _, at = self:read(ea, l.size)
            self:note_group("iovec", l, at)
            self:out("{iov_base=")
            if not decode then
                self:ptr(base)
            elseif not budget then
                if family then self:netlink(base, unum(n), family) else self:read_buf(base, n, false) end
            else
                -- The part of the budget this buffer took; a length of
                -- 2^32 and more fits in one, too.
                local m, mn = n, unum(n)
                if mn > budget then m, mn = { floor(budget / TWO32), budget % TWO32 }, budget end
                if family then self:netlink(base, mn, family) else self:read_buf(base, m, false) end
                budget = budget - mn
            end
            self:out(", iov_len=" .. udec(n) .. "}")
        end
        if more then self:out(", ...") end
        self:out("]")
    end)
    if ok then self:out(s) else self:ptr(addr) end
end

-- ret_count is the return value as a count of bytes or items.
local function ret_count(c) return unum(c:slong(c.rec.ret)) end

R.Iovec = function(c, k, v)
    local count = c:word(c.rec.args[k.count + 1])
    if not k.out then
        c:iovecs(v, count, nil, true)
    elseif c:failed() then
        c:iovecs(v, count, 0, false)
    else
        c:iovecs(v, count, ret_count(c), true)
    end
end

-- cmsgs prints the control messages of a msghdr.
function Ctx:cmsgs(addr, n)
    if uzero(addr) then
        self:out("NULL")
        return
    end
    if n > 4096 then n = 4096 end
    local b = self:read(addr, n)
    if not b then
        self:ptr(addr)
        return
    end
    local l = self:layout("cmsghdr")
    local cred = self:layout("ucred")
    -- CMSG_ALIGN rounds to a long.
    local ws = self.ws
    local hdr = l.size
    local function align(x) return floor((x + ws - 1) / ws) * ws end
    self:out("[")
    local off, i = 0, 0
    while off + hdr <= #b do
        if i > 0 then self:out(", ") end
        i = i + 1
        local h = b:sub(off + 1)
        local clen64 = self:mu(h, l, "cmsg_len")
        local clen = unum(clen64)
        local level, typ = self:mu(h, l, "cmsg_level"), self:mu(h, l, "cmsg_type")
        self:out(fmt("{cmsg_len=%s, cmsg_level=%s, cmsg_type=", udec(clen64), format_enum("socket_levels", level, self.rec.arch)))
        if level[2] == 1 then self:out(format_enum("scm_types", typ, self.rec.arch)) else self:out(chex(typ)) end
        local stop = off + clen
        if stop > #b then stop = #b end
        local start = off + align(hdr)
        local data = start < stop and b:sub(start + 1, stop) or ""
        if level[2] == 1 and typ[2] == 1 then
            self:out(", cmsg_data=[")
            local j = 0
            while j + 4 <= #data do
                if j > 0 then self:out(", ") end
                self:fd(self:field(data, j, 4))
                j = j + 4
            end
            self:out("]")
        elseif level[2] == 1 and typ[2] == 2 and #data >= cred.size then
            self:out(fmt(", cmsg_data={pid=%s, uid=%s, gid=%s}", udec(self:mu(data, cred, "pid")),
                udec(self:mu(data, cred, "uid")), udec(self:mu(data, cred, "gid"))))
        end
        self:out("}")
        -- A length shorter than the header or past the buffer ends the list.
        if clen < hdr or clen > #b - off then break end
        off = off + align(clen)
    end
    self:out("]")
end

-- msghdr_string renders the struct msghdr at addr, or nil; budget is the
-- data the call moved (nil: all), entry_namelen msg_namelen at entry.
function Ctx:msghdr_string(addr, budget, entry_namelen)
    local l = self:layout("msghdr")
    local b, _, base = self:read(addr, l.size)
    if not b then return nil end
    self:note_group("msghdr", l, base)
    -- The kernel's msg_namelen is an int.
    local name, namelen = self:mu(b, l, "msg_name"), int32(self:mu(b, l, "msg_namelen")[2])
    local iov, iovlen = self:mu(b, l, "msg_iov"), self:mu(b, l, "msg_iovlen")
    local ctl, ctllen = self:mu(b, l, "msg_control"), self:mu(b, l, "msg_controllen")
    local flags = self:mu(b, l, "msg_flags")
    local kv = {}
    local n = namelen
    if entry_namelen and entry_namelen < n then n = entry_namelen end
    if uzero(name) then
        kv[#kv + 1], kv[#kv + 2] = "msg_name", "NULL"
    elseif n <= 0 then
        kv[#kv + 1], kv[#kv + 2] = "msg_name", chex(name)
    else
        kv[#kv + 1], kv[#kv + 2] = "msg_name", self:capture(function() self:print_sockaddr(name, n) end)
    end
    local nl = fmt("%d", namelen)
    if entry_namelen and entry_namelen ~= namelen then nl = fmt("%d => %d", entry_namelen, namelen) end
    kv[#kv + 1], kv[#kv + 2] = "msg_namelen", nl
    -- Data sent to or from a netlink address is netlink messages.
    local family
    if not uzero(name) and n >= 2 then
        local fb = self:read(name, math.min(n, 128))
        if fb and self:nl_u(fb, 0, 2) == 16 then family = self:nl_socket(int32(self.rec.args[1][2])) or -1 end
    end
    kv[#kv + 1], kv[#kv + 2] = "msg_iov", self:capture(function() self:iovecs(iov, iovlen, budget, true, family) end)
    kv[#kv + 1], kv[#kv + 2] = "msg_iovlen", udec(iovlen)
    if not uzero(ctllen) then
        kv[#kv + 1], kv[#kv + 2] = "msg_control", self:capture(function() self:cmsgs(ctl, unum(ctllen)) end)
    end
    kv[#kv + 1], kv[#kv + 2] = "msg_controllen", udec(ctllen)
    kv[#kv + 1], kv[#kv + 2] = "msg_flags", format_flags("msg_flags", flags, self.rec.arch)
    return self:capture(function() self:fields(kv) end)
end

R.Msghdr = function(c, k, v)
    local addr = c:word(v)
    if uzero(addr) then
        c:out("NULL")
        return
    end
    if not k.out then
        c:out(c:msghdr_string(addr, nil, nil) or chex(addr))
        return
    end
    local inv = c:entry_int(uadd(addr, c:layout("msghdr").m.msg_namelen[1]))
    if c:failed() then
        if inv then c:out("{msg_namelen=" .. i32s(inv) .. "}") else c:ptr(addr) end
        return
    end
    c:out(c:msghdr_string(addr, ret_count(c), inv and int32(inv)) or chex(addr))
end

----------------------------------------------------------------------------
-- Netlink messages in a netlink socket's data, as decoder/render_netlink.go
-- and render_sockdiag.go print them. Methods of Ctx and data in Ctx.NL: the
-- main chunk has no locals to spare. Lengths are Lua numbers, addresses
-- {hi, lo} pairs.

Ctx.NL = {
    hdr = 16, nla_hdr = 4,
    -- The u32 attributes of a link (IFLA_*).
    link_u32 = { [4] = true, [5] = true, [10] = true, [13] = true, [15] = true, [19] = true, [21] = true,
        [27] = true, [30] = true, [31] = true, [32] = true, [35] = true, [40] = true, [41] = true, [47] = true,
        [48] = true, [50] = true, [51] = true, [58] = true, [59] = true, [60] = true, [61] = true },
    link_str = { [3] = true, [6] = true, [20] = true, [38] = true, [53] = true, [56] = true, [57] = true },
    link_u8 = { [16] = true, [17] = true, [33] = true, [39] = true },
    link_s32 = { [37] = true, [45] = true, [46] = true },
    stats = { "rx_packets", "tx_packets", "rx_bytes", "tx_bytes", "rx_errors", "tx_errors",
        "rx_dropped", "tx_dropped", "multicast", "collisions", "rx_length_errors", "rx_over_errors",
        "rx_crc_errors", "rx_frame_errors", "rx_fifo_errors", "rx_missed_errors", "tx_aborted_errors",
        "tx_carrier_errors", "tx_fifo_errors", "tx_heartbeat_errors", "tx_window_errors", "rx_compressed",
        "tx_compressed", "rx_nohandler", "rx_otherhost_dropped" },
    hwaddr_sizes = { [0] = 7, [1] = 6, [3] = 7, [6] = 6, [7] = 1, [15] = 2, [24] = 16, [27] = 8, [32] = 20 },
    -- The flags of an XFRM message by its type (new, delete, get).
    xfrm_flags = { [0x10] = "netlink_new_flags", [0x13] = "netlink_new_flags", [0x1e] = "netlink_new_flags",
        [0x22] = "netlink_new_flags", [0x24] = "netlink_new_flags", [0x11] = "netlink_delete_flags",
        [0x14] = "netlink_delete_flags", [0x12] = "netlink_get_flags", [0x15] = "netlink_get_flags",
        [0x1f] = "netlink_get_flags", [0x23] = "netlink_get_flags", [0x25] = "netlink_get_flags" },
    sockopt_bits = { "recverr", "is_icsk", "freebind", "hdrincl", "mc_loop", "transparent", "mc_all",
        "nodefrag", "bind_address_no_port", "recverr_rfc4884", "defer_connect" },
}

-- nl_socket is fd's netlink protocol (-1 when its details are unknown),
-- or nil when fd is not a netlink socket, as the call's entry saw it.
function Ctx:nl_socket(fd)
    if fd < 0 then return nil end
    local p = mem_fdpath(self.rec, false, fd)
    if not p or p:sub(1, 7) ~= "socket:" then return nil end
    local sec = mem_fdinfo(self.rec, false, fd)
    if not sec then return nil end
    local d = sec.data
    if #d < 2 or d:byte(1) ~= 3 then return nil end
    local pl = d:byte(2)
    if d:sub(3, 2 + pl) ~= "NETLINK" then return nil end
    local at = 2 + pl + 4 + 1
    if #d < at or d:byte(at) ~= 16 then return -1 end
    if #d < at + 4 then return nil end
    return self:uint(d:sub(at + 1, at + 4))[2]
end

function Ctx:nl_u(b, off, n) return self:field(b, off, n)[2] end

function Ctx:nl_hexbuf(addr, n) self:read_buf(addr, { floor(n / TWO32), n % TWO32 }, true) end

-- nl_tlvs walks messages or attributes: hdr bytes of header, whose length
-- lenof reads; elem prints one, given the bytes left.
function Ctx:nl_tlvs(addr, n, hdr, lenof, elem)
    local in_array = false
    local elt = 0
    while true do
        if n < hdr then
            self:nl_hexbuf(addr, n)
            break
        end
        local b = self:read(addr, hdr)
        if not b then
            if in_array then self:out("... /* " .. chex(addr) .. " */") else self:ptr(addr) end
            break
        end
        if elt == self.limit then
            self:out("...")
            break
        end
        local l = lenof(b)
        local aligned = (floor((l + 3) / 4) * 4) % TWO32
        local next_len, has_next = 0, false
        if l >= hdr then
            if n >= aligned then next_len = n - aligned end
            has_next = next_len ~= 0 and aligned ~= 0
        end
        if not in_array and has_next then
            self:out("[")
            in_array = true
        end
        elem(addr, n, b)
        if not has_next then break end
        self:out(", ")
        addr, n = uadd(addr, aligned), next_len
        elt = elt + 1
    end
    if in_array then self:out("]") end
end

function Ctx:netlink(addr, n, family)
    addr = self:word(addr)
    if family == 15 then return self:nl_uevent(addr, n) end
    self:nl_tlvs(addr, n, 16, function(b) return self:nl_u(b, 0, 4) end,
        function(a, left, b) self:nlmsg(a, left, b, family) end)
end

-- nl_uevent prints a NETLINK_KOBJECT_UEVENT message: text, or libudev's
-- header then text.
function Ctx:nl_uevent(addr, n)
    local P = function(x) return { floor(x / TWO32), x % TWO32 } end
    local b = not uzero(addr) and n >= 40 and not (self.exit and self:failed()) and self:read(addr, 40)
    if not b or b:sub(1, 8) ~= "libudev\0" then
        self:read_buf(addr, P(n), false)
        return
    end
    local be = function(off) return ((b:byte(off + 1) * 256 + b:byte(off + 2)) * 256 + b:byte(off + 3)) * 256 + b:byte(off + 4) end
    if n > 40 then self:out("[") end
    self:out(fmt('{prefix="libudev", magic=htonl(%s), header_size=%d, properties_off=%d, properties_len=%d, ' ..
        'filter_subsystem_hash=htonl(%s), filter_devtype_hash=htonl(%s), filter_tag_bloom_hi=htonl(%s), filter_tag_bloom_lo=htonl(%s)}',
        chex(U(be(8))), self:nl_u(b, 12, 4), self:nl_u(b, 16, 4), self:nl_u(b, 20, 4), chex(U(be(24))), chex(U(be(28))),
        chex(U(be(32))), chex(U(be(36)))))
    if n > 40 then
        self:out(", ")
        self:read_buf(uadd(addr, 40), P(n - 40), false)
        self:out("]")
    end
end

function Ctx:nlmsg(addr, n, b, family)
    local len = self:nl_u(b, 0, 4)
    local l = math.min(len, n)
    local typ, flags = self:nl_u(b, 4, 2), self:nl_u(b, 6, 2)
    if l > 16 then self:out("[") end
    local tset, fset = "netlink_types", "netlink_flags"
    if typ >= 16 then
        if family == 0 then
            tset = "nl_route_types"
            if typ == 49 or typ % 4 == 2 then fset = "netlink_get_flags"
            elseif typ % 4 == 0 then fset = "netlink_new_flags"
            elseif typ % 4 == 1 then fset = "netlink_delete_flags" end
        elseif family == 4 then
            tset, fset = "nl_sock_diag_types", "netlink_get_flags"
        elseif family == 9 then
            tset = "nl_audit_types"
        elseif family == 6 then
            tset = "nl_xfrm_types"
            local k = Ctx.NL.xfrm_flags[typ]
            if k then fset = k end
        end
    elseif typ == 2 then
        fset = "netlink_ack_flags"
    end
    local arch = self.rec.arch
    self:out(fmt("{nlmsg_len=%d, nlmsg_type=%s, nlmsg_flags=%s, nlmsg_seq=%d, nlmsg_pid=%d}", len,
        format_enum(tset, U(typ), arch), format_flags(fset, U(flags), arch), self:nl_u(b, 8, 4),
        int32(self:nl_u(b, 12, 4))))
    if l > 16 then
        self:out(", ")
        self:nl_payload(uadd(addr, 16), l - 16, typ, flags, family)
        self:out("]")
    end
end

function Ctx:nl_payload(addr, n, typ, flags, family)
    if typ == 2 then
        self:nlmsgerr(addr, n, band(flags, 0x100) ~= 0, family)
        return
    end
    if typ >= 16 and family == 0 then
        self:rtnetlink(addr, n, typ)
        return
    end
    if typ >= 16 and family == 4 then
        self:sock_diag(addr, n, typ, flags)
        return
    end
    if typ == 3 and n == 4 then
        local b = self:fetch(addr, 4)
        if b then self:out(fmt("%d", int32(self:nl_u(b, 0, 4)))) end
        return
    end
    self:nl_hexbuf(addr, n)
end

function Ctx:nlmsgerr(addr, n, capped, family)
    if n < 20 then
        self:nl_hexbuf(addr, n)
        return
    end
    local b = self:fetch(addr, 20)
    if not b then return end
    local e = int32(self:nl_u(b, 0, 4))
    local msg = b:sub(5, 20)
    addr, n = uadd(addr, 4), n - 4
    local payload = 16
    if not capped then payload = math.max(payload, self:nl_u(msg, 0, 4)) end
    payload = math.min(payload, n)
    if n > payload then self:out("[") end
    local en = e < 0 and e > -4096 and errno_of(-e)
    self:out("{error=" .. (en and ("-" .. en[1]) or fmt("%d", e)) .. ", msg=")
    self:nlmsg(addr, payload, msg, family)
    self:out("}")
    if n > payload then
        self:out(", ")
        self:nlattrs(uadd(addr, payload), n - payload, "nlmsgerr_attrs", function(t)
            if t == 1 then return Ctx.nla_str end
            if t == 2 then return Ctx.nla_u32 end
        end)
        self:out("]")
    end
end

function Ctx:nlattrs(addr, n, set, decoder)
    self:nl_tlvs(addr, n, 4, function(b) return self:nl_u(b, 0, 2) end, function(a, left, b)
        local len = self:nl_u(b, 0, 2)
        local l = math.min(len, left)
        local t = self:nl_u(b, 2, 2)
        if l > 4 then self:out("[") end
        self:out("{nla_len=" .. len .. ", nla_type=")
        if t >= 0x8000 then self:out("NLA_F_NESTED|"); t = t - 0x8000 end
        if t >= 0x4000 then self:out("NLA_F_NET_BYTEORDER|"); t = t - 0x4000 end
        self:out(format_enum(set, U(t), self.rec.arch) .. "}")
        if l > 4 then
            self:out(", ")
            local d = decoder and decoder(t)
            if not d or not d(self, uadd(a, 4), l - 4) then self:nl_hexbuf(uadd(a, 4), l - 4) end
            self:out("]")
        end
    end)
end

function Ctx:nla_str(addr, n)
    local size = math.min(n, self.limit)
    local b = self:read(addr, size)
    if not b then
        self:ptr(addr)
        return true
    end
    if size > 0 and b:byte(size) == 0 then
        self:out(quote(b:sub(1, size - 1), false))
        return true
    end
    self:out(quote(b, false))
    if n > 0 then self:out("...") end
    return true
end

function Ctx:nla_uint(addr, n, width, signed)
    if n < width then return false end
    local b = self:fetch(addr, width)
    if b then
        local v = self:field(b, 0, width)
        if signed then self:out(fmt("%d", int32(v[2]))) else self:out(udec(v)) end
    end
    return true
end
function Ctx:nla_u8(addr, n) return self:nla_uint(addr, n, 1) end
function Ctx:nla_u32(addr, n) return self:nla_uint(addr, n, 4) end
function Ctx:nla_s32(addr, n) return self:nla_uint(addr, n, 4, true) end
function Ctx:nla_u64(addr, n) return self:nla_uint(addr, n, 8) end

-- nla_enum returns a decoder of a u32 (or width) value of set: flags
-- when flags.
function Ctx.nla_set(set, flags, width)
    width = width or 4
    return function(c, addr, n)
        if n < width then return false end
        local b = c:fetch(addr, width)
        if b then
            local v = c:field(b, 0, width)
            c:out(flags and format_flags(set, v, c.rec.arch) or format_enum(set, v, c.rec.arch))
        end
        return true
    end
end

function Ctx.nla_u32s(names)
    return function(c, addr, n)
        if n < 4 * #names then return false end
        local b = c:fetch(addr, 4 * #names)
        if not b then return true end
        local parts = {}
        for i, name in ipairs(names) do parts[i] = name .. "=" .. c:nl_u(b, 4 * (i - 1), 4) end
        c:out("{" .. concat(parts, ", ") .. "}")
        return true
    end
end

function Ctx.nla_counters(width, counts)
    return function(c, addr, n)
        local count = 0
        local newest = counts[#counts]
        if n >= newest * width then
            count = newest
        else
            for _, k in ipairs(counts) do if n == k * width then count = k end end
        end
        if count == 0 then return false end
        local b = c:fetch(addr, count * width)
        if not b then return true end
        local parts = {}
        for i = 1, count do parts[i] = Ctx.NL.stats[i] .. "=" .. udec(c:field(b, (i - 1) * width, width)) end
        c:out("{" .. concat(parts, ", ") .. "}")
        return true
    end
end

function Ctx.nla_hwaddr(fam)
    return function(c, addr, n)
        if n > 32 then return false end
        local b = c:fetch(addr, n)
        if not b then return true end
        local sz = Ctx.NL.hwaddr_sizes[fam]
        if sz and sz < #b then b = b:sub(1, sz) end
        local parts = {}
        for i = 1, #b do parts[i] = fmt("%02x", b:byte(i)) end
        c:out(concat(parts, ":"))
        return true
    end
end

function Ctx.nla_inet_addr(fam)
    return function(c, addr, n)
        if fam == 2 and n >= 4 then
            local b = c:fetch(addr, 4)
            if b then c:out(fmt('inet_addr("%d.%d.%d.%d")', b:byte(1), b:byte(2), b:byte(3), b:byte(4))) end
            return true
        elseif fam == 10 and n >= 16 then
            local b = c:fetch(addr, 16)
            if b then c:out('inet_pton(AF_INET6, "' .. inet6_string(b) .. '")') end
            return true
        end
        return false
    end
end

function Ctx:nl_ifindex(v)
    if v ~= 0 then
        for _, sec in ipairs(self.rec.sections) do
            if sec.type == SEC.ifname and sec.key[1] == 0 and sec.key[2] == v and in_phase(sec, self.exit) then
                self:out("if_nametoindex(" .. quote(sec.data, false) .. ")")
                return
            end
        end
    end
    self:out(fmt("%d", v))
end

function Ctx:nla_ifindex(addr, n)
    if n < 4 then return false end
    local b = self:fetch(addr, 4)
    if b then self:nl_ifindex(self:nl_u(b, 0, 4)) end
    return true
end

-- nl_header prints a header of size bytes whose first byte is the family
-- fam; fields prints the rest from the whole header; attributes of set
-- follow (none when set is nil).
function Ctx:nl_header(addr, n, fam, famname, size, fields, set, attr)
    self:out("{" .. famname .. "=" .. format_enum("address_families", U(fam), self.rec.arch))
    local attrs = false
    if n >= size then
        local b = self:read(uadd(addr, 1), size - 1)
        if not b then
            self:out(", ")
            self:ptr(uadd(addr, 1))
        else
            fields(string.char(fam) .. b)
            attrs = true
        end
    else
        self:out(", ...")
    end
    self:out("}")
    local off = floor((size + 3) / 4) * 4
    if attrs and set and n > off then
        self:out(", ")
        self:nlattrs(uadd(addr, off), n - off, set, attr)
    end
end

function Ctx:nl_family_data(addr, n, fam)
    self:out("{family=" .. format_enum("address_families", U(fam), self.rec.arch))
    if n > 1 then
        self:out(", data=")
        self:nl_hexbuf(uadd(addr, 1), n - 1)
    end
    self:out("}")
end

function Ctx:rtnetlink(addr, n, typ)
    local b = self:fetch(addr, 1)
    if not b then return end
    local fam = b:byte(1)
    local arch = self.rec.arch
    local NL = Ctx.NL
    if typ >= 16 and typ <= 19 then
        self:nl_header(addr, n, fam, "ifi_family", 16, function(h)
            self:out(", ifi_type=" .. format_enum("arp_hardware_types", U(self:nl_u(h, 2, 2)), arch) .. ", ifi_index=")
            self:nl_ifindex(self:nl_u(h, 4, 4))
            self:out(", ifi_flags=" .. format_flags("iffflags", U(self:nl_u(h, 8, 4)), arch) ..
                ", ifi_change=" .. chex(U(self:nl_u(h, 12, 4))))
        end, "rtnl_link_attrs", function(t)
            if t == 1 or t == 2 or t == 54 then return Ctx.nla_hwaddr(fam) end
            if NL.link_str[t] then return Ctx.nla_str end
            if NL.link_u32[t] then return Ctx.nla_u32 end
            if NL.link_u8[t] then return Ctx.nla_u8 end
            if NL.link_s32[t] then return Ctx.nla_s32 end
            if t == 49 then return Ctx.nla_ifindex end
            if t == 7 then return Ctx.nla_counters(4, { 23, 24 }) end
            if t == 23 then return Ctx.nla_counters(8, { 23, 24, 25 }) end
            if t == 29 then return Ctx.nla_set("rtnl_ifla_ext_filter_flags", true) end
        end)
    elseif (typ >= 20 and typ <= 22) or typ == 58 or typ == 62 then
        self:nl_header(addr, n, fam, "ifa_family", 8, function(h)
            self:out(fmt(", ifa_prefixlen=%d, ifa_flags=%s, ifa_scope=%s, ifa_index=", h:byte(2),
                format_flags("ifaddrflags", U(h:byte(3)), arch), format_enum("routing_scopes", U(h:byte(4)), arch)))
            self:nl_ifindex(self:nl_u(h, 4, 4))
        end, "rtnl_addr_attrs", function(t)
            if t == 1 or t == 2 or t == 4 or t == 5 or t == 7 then return Ctx.nla_inet_addr(fam) end
            if t == 3 then return Ctx.nla_str end
            if t == 6 then return Ctx.nla_u32s({ "ifa_prefered", "ifa_valid", "cstamp", "tstamp" }) end
            if t == 8 then return Ctx.nla_set("ifaddrflags", true) end
            if t == 9 then return Ctx.nla_u32 end
            if t == 10 then return Ctx.nla_s32 end
        end)
    elseif typ >= 24 and typ <= 26 then
        self:nl_header(addr, n, fam, "rtm_family", 12, function(h)
            self:out(fmt(", rtm_dst_len=%d, rtm_src_len=%d, rtm_tos=%s, rtm_table=%s, rtm_protocol=%s, rtm_scope=%s, rtm_type=%s, rtm_flags=%s",
                h:byte(2), h:byte(3), format_flags("ip_type_of_services", U(h:byte(4)), arch),
                format_enum("routing_table_ids", U(h:byte(5)), arch), format_enum("routing_protocols", U(h:byte(6)), arch),
                format_enum("routing_scopes", U(h:byte(7)), arch), format_enum("routing_types", U(h:byte(8)), arch),
                format_flags("routing_flags", U(self:nl_u(h, 8, 4)), arch)))
        end, "rtnl_route_attrs", function(t)
            if t == 1 or t == 2 or t == 5 or t == 7 or t == 19 then return Ctx.nla_inet_addr(fam) end
            if t == 3 or t == 4 then return Ctx.nla_ifindex end
            if t == 6 or t == 10 or t == 11 or t == 14 or t == 16 or t == 25 then return Ctx.nla_u32 end
            if t == 15 then return Ctx.nla_set("routing_table_ids") end
            if t == 20 or t == 26 or t == 27 then return Ctx.nla_u8 end
        end)
    elseif typ >= 32 and typ <= 34 then
        self:nl_header(addr, n, fam, "family", 12, function(h)
            local tv = h:byte(5)
            local tname = xlat_lookup(D.xlats.routing_table_ids, U(tv), arch) or (chex(U(tv)) .. " /* RT_TABLE_??? */")
            self:out(fmt(", dst_len=%d, src_len=%d, tos=%s, table=%s, action=%s, flags=%s", h:byte(2), h:byte(3),
                format_flags("ip_type_of_services", U(h:byte(4)), arch), tname,
                format_enum("fib_rule_actions", U(h:byte(8)), arch), format_flags("fib_rule_flags", U(self:nl_u(h, 8, 4)), arch)))
        end, "rtnl_rule_attrs", function(t)
            if t == 1 or t == 2 then return Ctx.nla_inet_addr(fam) end
            if t == 3 or t == 17 then return Ctx.nla_str end
            if t == 4 or t == 6 or t == 10 or t == 11 or t == 13 or t == 14 or t == 16 then return Ctx.nla_u32 end
            if t == 15 then return Ctx.nla_set("routing_table_ids") end
            if t == 19 then return Ctx.nla_u8 end
            if t == 20 then return Ctx.nla_u32s({ "start", "end" }) end
            if t == 21 then return Ctx.nla_set("routing_protocols", false, 1) end
            if t == 22 then return Ctx.nla_set("inet_protocols", false, 1) end
        end)
    elseif typ == 30 and fam == 7 then
        self:rtnetlink(addr, n, 18)
    elseif typ >= 28 and typ <= 30 then
        self:nl_header(addr, n, fam, "ndm_family", 12, function(h)
            self:out(", ndm_ifindex=")
            self:nl_ifindex(self:nl_u(h, 4, 4))
            self:out(", ndm_state=" .. format_flags("neighbor_cache_entry_states", U(self:nl_u(h, 8, 2)), arch) ..
                ", ndm_flags=" .. format_flags("neighbor_cache_entry_flags", U(h:byte(11)), arch) ..
                ", ndm_type=" .. format_enum("routing_types", U(h:byte(12)), arch))
        end, "rtnl_neigh_attrs", function(t)
            if t == 1 then return Ctx.nla_inet_addr(fam) end
            if t == 2 then return Ctx.nla_hwaddr(-1) end
            if t == 3 then return Ctx.nla_u32s({ "ndm_confirmed", "ndm_used", "ndm_updated", "ndm_refcnt" }) end
            if t == 4 or t == 7 or t == 10 or t == 11 or t == 13 then return Ctx.nla_u32 end
            if t == 8 or t == 9 then return Ctx.nla_ifindex end
            if t == 12 then return Ctx.nla_set("inet_protocols", false, 1) end
        end)
    else
        self:nl_family_data(addr, n, fam)
    end
end

function Ctx:nl_cookie(b, off) return fmt("[%d, %d]", self:nl_u(b, off, 4), self:nl_u(b, off + 4, 4)) end

function Ctx:nl_inet_field(b, fam, name)
    if fam == 2 then
        return fmt('%s=inet_addr("%d.%d.%d.%d")', name, b:byte(1), b:byte(2), b:byte(3), b:byte(4))
    elseif fam == 10 then
        return 'inet_pton(AF_INET6, "' .. inet6_string(b) .. '", &' .. name .. ")"
    end
    return name .. "=" .. quote(b, true)
end

function Ctx:nl_sockid(b, fam)
    self:out(fmt("{idiag_sport=htons(%d), idiag_dport=htons(%d), %s, %s, idiag_if=",
        b:byte(1) * 256 + b:byte(2), b:byte(3) * 256 + b:byte(4),
        self:nl_inet_field(b:sub(5, 20), fam, "idiag_src"), self:nl_inet_field(b:sub(21, 36), fam, "idiag_dst")))
    self:nl_ifindex(self:nl_u(b, 36, 4))
    self:out(", idiag_cookie=" .. self:nl_cookie(b, 40) .. "}")
end

function Ctx:nla_shutdown(addr, n)
    if n < 1 then return false end
    local b = self:fetch(addr, 1)
    if not b then return true end
    local v = b:byte(1)
    self:out(chex(U(v)))
    if v ~= 0 then self:out(" /* " .. format_flags("inet_diag_shutdown_flags", U(v), self.rec.arch) .. " */") end
    return true
end

function Ctx:nla_sockopt(addr, n)
    if n < 2 then return false end
    local b = self:fetch(addr, 2)
    if not b then return true end
    local v = b:byte(1) + 256 * b:byte(2)
    local parts = {}
    for i, name in ipairs(Ctx.NL.sockopt_bits) do
        local bit1 = floor(v / 2 ^ (i - 1)) % 2
        if bit1 ~= 0 then parts[#parts + 1] = name .. "=1" end
    end
    local unused = floor(v / 2 ^ #Ctx.NL.sockopt_bits)
    if unused ~= 0 then parts[#parts + 1] = "unused=" .. chex(U(unused)) .. " /* bits 3..8 */" end
    self:out("{" .. concat(parts, ", ") .. "}")
    return true
end

function Ctx:sock_diag(addr, n, typ, flags)
    local b = self:fetch(addr, 1)
    if not b then return end
    local fam = b:byte(1)
    local arch = self.rec.arch
    local req = flags % 2 == 1
    local function E(set, v) return format_enum(set, U(v), arch) end
    local function F(set, v) return format_flags(set, U(v), arch) end
    if n > 1 and fam == 1 and req then
        self:nl_header(addr, math.min(n, 24), fam, "sdiag_family", 24, function(h)
            self:out(fmt(", sdiag_protocol=%d, udiag_states=%s, udiag_ino=%d, udiag_show=%s, udiag_cookie=%s",
                h:byte(2), F("tcp_state_flags", self:nl_u(h, 4, 4)), self:nl_u(h, 8, 4),
                F("unix_diag_show", self:nl_u(h, 12, 4)), self:nl_cookie(h, 16)))
        end)
    elseif n > 1 and fam == 1 then
        self:nl_header(addr, n, fam, "udiag_family", 16, function(h)
            self:out(fmt(", udiag_type=%s, udiag_state=%s, udiag_ino=%d, udiag_cookie=%s", E("socket_types", h:byte(2)),
                E("tcp_states", h:byte(3)), self:nl_u(h, 4, 4), self:nl_cookie(h, 8)))
        end, "unix_diag_attrs", function(t)
            if t == 0 then return Ctx.nla_str end
            if t == 2 then return Ctx.nla_u32 end
            if t == 4 then return Ctx.nla_u32s({ "udiag_rqueue", "udiag_wqueue" }) end
            if t == 6 then return Ctx.nla_u8 end
        end)
    elseif n > 1 and (fam == 2 or fam == 10) and req and (typ == 18 or typ == 19) then
        self:nl_header(addr, n, fam, "idiag_family", 60, function(h)
            self:out(fmt(", idiag_src_len=%d, idiag_dst_len=%d, idiag_ext=%s, id=", h:byte(2), h:byte(3),
                F("inet_diag_extended_flags", h:byte(4))))
            self:nl_sockid(h:sub(5, 52), fam)
            self:out(fmt(", idiag_states=%s, idiag_dbs=%d", F("tcp_state_flags", self:nl_u(h, 52, 4)), self:nl_u(h, 56, 4)))
        end, "inet_diag_req_attrs", function(t)
            if t == 3 then return Ctx.nla_set("inet_protocols", false, 1) end
        end)
    elseif n > 1 and (fam == 2 or fam == 10) and req then
        self:nl_header(addr, n, fam, "sdiag_family", 56, function(h)
            self:out(fmt(", sdiag_protocol=%s, idiag_ext=%s, idiag_states=%s, id=", E("inet_protocols", h:byte(2)),
                F("inet_diag_extended_flags", h:byte(3)), F("tcp_state_flags", self:nl_u(h, 4, 4))))
            self:nl_sockid(h:sub(9, 56), fam)
        end, "inet_diag_req_attrs", function(t)
            if t == 3 then return Ctx.nla_set("inet_protocols", false, 1) end
        end)
    elseif n > 1 and (fam == 2 or fam == 10) then
        self:nl_header(addr, n, fam, "idiag_family", 72, function(h)
            self:out(fmt(", idiag_state=%s, idiag_timer=%d, idiag_retrans=%d, id=", E("tcp_states", h:byte(2)),
                h:byte(3), h:byte(4)))
            self:nl_sockid(h:sub(5, 52), fam)
            self:out(fmt(", idiag_expires=%d, idiag_rqueue=%d, idiag_wqueue=%d, idiag_uid=%d, idiag_inode=%d",
                self:nl_u(h, 52, 4), self:nl_u(h, 56, 4), self:nl_u(h, 60, 4), self:nl_u(h, 64, 4), self:nl_u(h, 68, 4)))
        end, "inet_diag_attrs", function(t)
            if t == 1 then return Ctx.nla_u32s({ "idiag_rmem", "idiag_wmem", "idiag_fmem", "idiag_tmem" }) end
            if t == 4 then return Ctx.nla_str end
            if t == 5 or t == 6 or t == 11 then return Ctx.nla_u8 end
            if t == 10 then return Ctx.nla_set("inet_protocols", false, 1) end
            if t == 15 or t == 17 then return Ctx.nla_u32 end
            if t == 8 then return Ctx.nla_shutdown end
            if t == 21 then return Ctx.nla_u64 end
            if t == 22 then return Ctx.nla_sockopt end
        end)
    elseif n > 1 and fam == 17 and req then
        self:nl_header(addr, math.min(n, 20), fam, "sdiag_family", 20, function(h)
            self:out(fmt(", sdiag_protocol=%s, pdiag_ino=%d, pdiag_show=%s, pdiag_cookie=%s", chex(U(h:byte(2))),
                self:nl_u(h, 4, 4), F("packet_diag_show", self:nl_u(h, 8, 4)), self:nl_cookie(h, 12)))
        end)
    elseif n > 1 and fam == 16 and req then
        self:nl_header(addr, math.min(n, 20), fam, "sdiag_family", 20, function(h)
            local p = h:byte(2) == 255 and "NDIAG_PROTO_ALL" or E("netlink_protocols", h:byte(2))
            self:out(fmt(", sdiag_protocol=%s, ndiag_ino=%d, ndiag_show=%s, ndiag_cookie=%s", p, self:nl_u(h, 4, 4),
                F("netlink_diag_show", self:nl_u(h, 8, 4)), self:nl_cookie(h, 12)))
        end)
    elseif n > 1 and fam == 16 then
        self:nl_header(addr, n, fam, "ndiag_family", 28, function(h)
            self:out(fmt(", ndiag_type=%s, ndiag_protocol=%s, ndiag_state=%s, ndiag_portid=%d, ndiag_dst_portid=%d, ndiag_dst_group=%d, ndiag_ino=%d, ndiag_cookie=%s",
                E("socket_types", h:byte(2)), E("netlink_protocols", h:byte(3)), E("netlink_states", h:byte(4)),
                self:nl_u(h, 4, 4), self:nl_u(h, 8, 4), self:nl_u(h, 12, 4), self:nl_u(h, 16, 4), self:nl_cookie(h, 20)))
        end, "netlink_diag_attrs", function(t)
            if t == 4 then return Ctx.nla_set("netlink_socket_flags", true) end
        end)
    else
        self:nl_family_data(addr, n, fam)
    end
end

R.Mmsghdr = function(c, k, v)
    local addr = c:word(v)
    if uzero(addr) then
        c:out("NULL")
        return
    end
    if c:failed() then
        c:ptr(addr)
        return
    end
    local l = c:layout("mmsghdr")
    local shown, more = limited(c, ret_count(c))
    local parts = {}
    for i = 0, shown - 1 do
        local el = uadd(addr, i * l.size)
        local lb = c:read(uadd(el, l.m.msg_len[1]), 4)
        if not lb then break end
        local msg_len = c:uint(lb)[2]
        local s = c:msghdr_string(el, k.out and msg_len or nil, nil)
        if not s then break end
        parts[#parts + 1] = fmt("{msg_hdr=%s, msg_len=%.0f}", s, msg_len)
    end
    if #parts == 0 then
        c:ptr(addr)
        return
    end
    if more then parts[#parts + 1] = "..." end
    c:out("[" .. concat(parts, ", ") .. "]")
end


-- timespec64 is struct __kernel_timespec: 64-bit times on every arch.
structs.timespec64 = function(c, addr) time_struct(c, addr, "__kernel_timespec", "timespec", "tv_nsec") end

-- time_string renders a timeval, timespec or (time64) 64-bit timespec at
-- addr, or nil.
function Ctx:time_string(addr, timespec, time64)
    local f = structs.timeval
    if time64 then f = structs.timespec64 elseif timespec then f = structs.timespec end
    local s = self:capture(function() f(self, addr) end)
    if s:sub(1, 1) ~= "{" then return nil end
    return s
end

-- pollfds renders count pollfds at addr: at entry with their events, at
-- exit those with revents; nil when unreadable.
function Ctx:pollfds(addr, count, exit)
    local l = self:layout("pollfd")
    if count[1] ~= 0 or count[2] > 65536 then return nil end
    local n = count[2]
    local b, _, base = self:read(addr, l.size * n)
    if not b then return nil end
    local parts = {}
    local shown, more = limited(self, n)
    local function note(i, what)
        self:note("pollfd.fd", l, base, "fd", l.size * i)
        self:note("pollfd." .. what, l, base, what, l.size * i)
    end
    for i = 0, n - 1 do
        local e = b:sub(l.size * i + 1)
        local fd = self:mu(e, l, "fd")
        local ev, rev = self:mu(e, l, "events"), self:mu(e, l, "revents")
        if exit then
            if not uzero(rev) then
                if #parts == shown then
                    more = true
                    break
                end
                note(i, "revents")
                parts[#parts + 1] = "{fd=" .. i32s(fd[2]) .. ", revents=" .. format_flags("poll_events", rev, self.rec.arch) .. "}"
            end
        else
            if i == shown then break end
            note(i, "events")
            local s = "{fd=" .. i32s(fd[2])
            if int32(fd[2]) >= 0 then s = s .. ", events=" .. format_flags("poll_events", ev, self.rec.arch) end
            parts[#parts + 1] = s .. "}"
        end
    end
    if exit then more = more and #parts == shown end
    if more then parts[#parts + 1] = "..." end
    return "[" .. concat(parts, ", ") .. "]"
end

R.PollFDs = function(c, k, v)
    local addr = c:word(v)
    if uzero(addr) then
        c:out("NULL")
        return
    end
    local s = c:pollfds(addr, c:word(c.rec.args[k.count + 1]), false)
    if s then c:out(s) else c:ptr(addr) end
end

R.PollRet = function(c, k, v)
    local r = c:slong(v)
    c:out(sdec(r))
    if uzero(r) then
        c:out(" (Timeout)")
        return
    end
    local parts = {}
    local s = c:pollfds(c:word(c.rec.args[k.fds + 1]), c:word(c.rec.args[k.count + 1]), true)
    if s then parts[#parts + 1] = s end
    if k.timeout >= 0 then
        local t = c:word(c.rec.args[k.timeout + 1])
        if not uzero(t) then
            local ts = c:time_string(t, true, k.time64)
            if ts then parts[#parts + 1] = "left " .. ts end
        end
    end
    if #parts > 0 then c:out(" (" .. concat(parts, ", ") .. ")") end
end

-- fd_set lists the fds of the fd_set of nfds descriptors at addr, or nil.
function Ctx:fd_set(addr, nfds)
    if nfds < 0 or nfds > 1048576 then return nil end
    local ws = self.ws
    local n = floor((nfds + 8 * ws - 1) / (8 * ws)) * ws
    local b = self:read(addr, n)
    if not b then return nil end
    local fds = {}
    for byte_i = 0, n - 1 do
        -- A little-endian word's bits are its bytes' bits in order.
        local j = byte_i
        if self.big then j = floor(byte_i / ws) * ws + (ws - 1 - byte_i % ws) end
        local x = b:byte(j + 1)
        for bit_i = 0, 7 do
            if x % 2 == 1 then
                local fd = byte_i * 8 + bit_i
                if fd < nfds then fds[#fds + 1] = fmt("%d", fd) end
            end
            x = floor(x / 2)
        end
    end
    return "[" .. concat(fds, " ") .. "]", #fds
end

R.FDSet = function(c, k, v)
    local addr = c:word(v)
    if uzero(addr) then
        c:out("NULL")
        return
    end
    local s = c:fd_set(addr, int32(c.rec.args[k.nfds + 1][2]))
    if s then c:out(s) else c:ptr(addr) end
end

R.SelectRet = function(c, k, v)
    local r = c:slong(v)
    c:out(sdec(r))
    if uzero(r) then
        c:out(" (Timeout)")
        return
    end
    local nfds = int32(c.rec.args[k.nfds + 1][2])
    local parts = {}
    for i, name in ipairs({ "in", "out", "except" }) do
        local addr = c:word(c.rec.args[k.sets[i] + 1])
        if not uzero(addr) then
            local s, n = c:fd_set(addr, nfds)
            if s and n > 0 then parts[#parts + 1] = name .. " " .. s end
        end
    end
    local t = c:word(c.rec.args[k.timeout + 1])
    if not uzero(t) then
        local ts = c:time_string(t, k.timespec, k.time64)
        if ts then parts[#parts + 1] = "left " .. ts end
    end
    if #parts > 0 then c:out(" (" .. concat(parts, ", ") .. ")") end
end

structs.pselect6_sig = function(c, addr)
    local ws = c.ws
    local b = c:fetch(addr, 2 * ws)
    if not b then return end
    local set, size = c:field(b, 0, ws), c:field(b, ws, ws)
    local ss
    if uzero(set) then
        ss = "NULL"
    elseif size[1] ~= 0 or size[2] == 0 or size[2] > 128 or size[2] % 4 ~= 0 then
        ss = chex(set)
    else
        local sb = c:read(set, size[2])
        ss = sb and c:sigset_string(sb) or chex(set)
    end
    c:fields({ "sigmask", ss, "sigsetsize", udec(size) })
end

local function epoll_event_string(c, b, l, base, off)
    c:note_group("epoll", l, base, off)
    local data = c:mu(b, l, "data")
    return "{events=" .. format_flags("epoll_events", c:mu(b, l, "events"), c.rec.arch) ..
        ", data={u32=" .. udec(U(data[2])) .. ", u64=" .. udec(data) .. "}}"
end

structs.epoll_event = function(c, addr)
    local l = c:layout("epoll_event")
    if not l then
        c:ptr(addr)
        return
    end
    local b, base = c:fetch(addr, l.size)
    if b then c:out(epoll_event_string(c, b, l, base)) end
end

structs.epoll_events = function(c, addr)
    local n = ret_count(c)
    local l = c:layout("epoll_event")
    if not l or n < 0 or n > 65536 then
        c:ptr(addr)
        return
    end
    local b, base = c:fetch(addr, n * l.size)
    if not b then return end
    local shown, more = limited(c, n)
    local parts = {}
    for i = 0, shown - 1 do
        parts[#parts + 1] = epoll_event_string(c, b:sub(i * l.size + 1), l, base, i * l.size)
    end
    if more then parts[#parts + 1] = "..." end
    c:out("[" .. concat(parts, ", ") .. "]")
end

local TERM_DELAYS = {
    { 0x100, { "NL0", "NL1" } }, { 0x600, { "CR0", "CR1", "CR2", "CR3" } },
    { 0x1800, { "TAB0", "TAB1", "TAB2", "XTABS" } }, { 0x2000, { "BS0", "BS1" } },
    { 0x4000, { "VT0", "VT1" } }, { 0x8000, { "FF0", "FF1" } },
}

structs.termios = function(c, addr)
    local l = c:layout("termios")
    if not l then
        c:ptr(addr)
        return
    end
    local b = c:fetch(addr, l.size)
    if not b then return end
    local arch = c.rec.arch
    local function flags(set, v)
        if v == 0 then return "" end
        return format_flags(set, U(v), arch)
    end
    local iflag, oflag, cflag, lflag = c:mu(b, l, "c_iflag")[2], c:mu(b, l, "c_oflag")[2], c:mu(b, l, "c_cflag")[2], c:mu(b, l, "c_lflag")[2]
    local o = {}
    for _, f in ipairs(TERM_DELAYS) do
        local mask, names = f[1], f[2]
        local low = mask
        local shift = 1
        while low % 2 == 0 do
            low = low / 2
            shift = shift * 2
        end
        o[#o + 1] = names[floor(band(oflag, mask) / shift) + 1] .. "|"
    end
    o[#o + 1] = flags("term_oflags", n32(band(oflag, bnot(0xff00))))
    local cbaud = 0x100f -- CBAUD
    local cf = { format_enum("baud_options", U(band(cflag, cbaud)), arch), "|" }
    local ib = band(floor(cflag / 65536), cbaud)
    if ib ~= 0 then cf[#cf + 1] = format_enum("baud_options", U(ib), arch) .. "<<IBSHIFT|" end
    cf[#cf + 1] = format_enum("term_csize", U(band(cflag, 0x30)), arch) .. "|"
    cf[#cf + 1] = flags("term_cflags", n32(band(cflag, bnot(0x100f100f + 0x30))))
    c:fields({ "c_iflag", flags("term_iflags", iflag), "c_oflag", concat(o), "c_cflag", concat(cf),
        "c_lflag", flags("term_lflags", lflag), "", "..." })
end

structs.char = function(c, addr) c:read_buf(addr, U(1), false) end

-- c_hex08 is C's "%#08x".
local function c_hex08(v)
    if v == 0 then return "00000000" end
    return fmt("0x%06x", v)
end

structs.user_desc = function(c, addr)
    local l = c:layout("user_desc")
    if not l then
        c:ptr(addr)
        return
    end
    local b = c:fetch(addr, l.size)
    if not b then return end
    local kv = { "entry_number", sdec(c:ms(b, l, "entry_number")), "base_addr", c_hex08(c:mu(b, l, "base_addr")[2]),
        "limit", c_hex08(c:mu(b, l, "limit")[2]) }
    for _, n in ipairs({ "seg_32bit", "contents", "read_exec_only", "limit_in_pages", "seg_not_present", "useable", "lm" }) do
        if l.m[n] then kv[#kv + 1], kv[#kv + 2] = n, udec(c:mu(b, l, n)) end
    end
    c:fields(kv)
end

R.ThreadAreaRet = function(c, k, v)
    c:out(sdec(c:slong(v)))
    local addr = c:word(c.rec.args[k.arg + 1])
    if c:entry_int(addr) ~= 0xffffffff then return end
    local b = c:read(addr, 4)
    if b then c:out(" (entry_number=" .. i32s(c:uint(b)[2]) .. ")") end
end

structs.rlimit_native = function(c, addr)
    local l = c:layout("rlimit")
    if not l then
        c:ptr(addr)
        return
    end
    local b, base = c:fetch(addr, l.size)
    if not b then return end
    c:note_group("rlimit", l, base)
    local inf = c:word({ 0xffffffff, 0xffffffff })
    local function lim(v)
        if ueq(v, inf) then return "RLIM_INFINITY" end
        return rlim_value(v)
    end
    c:fields({ "rlim_cur", lim(c:mu(b, l, "rlim_cur")), "rlim_max", lim(c:mu(b, l, "rlim_max")) })
end

-- FUTEX_WAKE_OP's val3, each part shifted into place as strace prints it.
R.FutexOp = function(c, k, v)
    local lo = v[2]
    local function part(set, n, shift)
        local x = D.xlats[set]
        local name = xlat_lookup(x, { 0, n }, c.rec.arch)
        if name then return name .. shift end
        return string.format("%#x", n) .. shift .. " /* " .. x.unknown .. " */"
    end
    local op, cmp = math.floor(lo / 2 ^ 28) % 16, math.floor(lo / 2 ^ 24) % 16
    local oparg, cmparg = math.floor(lo / 2 ^ 12) % 4096, lo % 4096
    if op >= 8 then
        c:out("FUTEX_OP_OPARG_SHIFT<<28|")
        op = op - 8
    end
    c:out(part("futex_wake_ops", op, "<<28") .. "|" .. string.format("%#x", oparg) .. "<<12|" ..
        part("futex_wake_cmps", cmp, "<<24") .. "|" .. string.format("%#x", cmparg))
end

R.Off64 = function(c, k, v)
    if c.ws == 4 then
        c:out(sdec({ c.rec.args[k.hi + 1][2], v[2] }))
    else
        c:out(sdec(v))
    end
end

R.PageOffset = function(c, k, v)
    local p = c:word(v)
    -- p * 4096: shift left by 12 on the two halves.
    c:out(chex({ n32(p[1] * 4096 + floor(p[2] / 1048576)), (p[2] % 1048576) * 4096 }))
end

R.DecEnum = function(c, k, v)
    local n = xlat_lookup(D.xlats[k.set], U(v[2]), c.rec.arch)
    c:out(n or fmt("%d", v[2]))
end

R.IPCKey = function(c, k, v)
    if v[2] == 0 then c:out("IPC_PRIVATE") else c:out(fmt("0x%x", v[2])) end
end

R.IPCFlags = function(c, k, v)
    local perm = v[2] % 512
    local rest = v[2] - perm
    local s = gomode(perm)
    if rest ~= 0 then s = format_flags("ipc_flags", U(rest), c.rec.arch) .. "|" .. s end
    c:out(s)
end

-- IoctlReq: every name of the request number, or its _IOC() decoding.
R.IoctlReq = function(c, k, v)
    local names = {}
    for _, set in ipairs({ "ioctl_aliases", "ioctl_requests" }) do
        local n = xlat_lookup(D.xlats[set], U(v[2]), c.rec.arch)
        if n then names[#names + 1] = n end
    end
    if #names > 0 then
        c:out(concat(names, " or "))
        return
    end
    local w = v[2]
    local dirs = { [0] = "_IOC_NONE", "_IOC_WRITE", "_IOC_READ", "_IOC_READ|_IOC_WRITE" }
    c:out(fmt("_IOC(%s, %s, %s, %s)", dirs[floor(w / 0x40000000)], chex(U(floor(w / 256) % 256)),
        chex(U(w % 256)), chex(U(floor(w / 65536) % 0x4000))))
end

-- subcall resolves i386's multiplexed calls to the call they stand for,
-- as decoder.subcall does: it returns the call's name, its argument count
-- and a copy of rec holding its arguments, or nil.
local function subcall(rec, a, name)
    if not a then return nil end
    local ws = a.word
    local function from_memory(addr, n)
        local b = mem_read(rec, false, { 0, addr[2] }, n * ws)
        if not b then return nil end
        local c = new_ctx(rec, false, 0)
        local args = {}
        for i = 1, 6 do args[i] = (i <= n) and c:field(b, (i - 1) * ws, ws) or ZERO end
        return args
    end
    local sub, nargs, args
    if name == "socketcall" and a.socketcall then
        local s = a.socketcall[rec.args[1][2]]
        if not s then return nil end
        args = from_memory(rec.args[2], s[2])
        sub, nargs = s[1], s[2]
    elseif name == "ipc" and a.ipc then
        local s = a.ipc[rec.args[1][2] % 65536]
        if not s then return nil end
        args = { rec.args[2], rec.args[3], rec.args[4], rec.args[5], rec.args[6], ZERO }
        sub, nargs = s[1], s[2]
    elseif (name == "select" or name == "mmap") and a.name == "i386" then
        nargs = name == "select" and 5 or 6
        args = from_memory(rec.args[1], nargs)
        sub = name
    end
    if not args then return nil end
    local r = {}
    for key, val in pairs(rec) do r[key] = val end
    r.args = args
    return sub, nargs, r
end

-- Conditions of decoder/desc.go, decided on entry memory.
local function cond_holds(cd, c)
    if cd.c == "Not" then return not cond_holds(cd.cond, c) end
    if cd.c == "All" then
        for _, sub in ipairs(cd.conds) do
            if not cond_holds(sub, c) then return false end
        end
        return true
    end
    local v
    if cd.c == "HasFlag" then
        v = c.rec.args[cd.arg + 1]
    elseif cd.c == "MemHasFlag" then
        local b = mem_read(c.rec, false, uadd(c:word(c.rec.args[cd.arg + 1]), cd.off), cd.size)
        if not b then return false end
        v = c:uint(b)
    else
        return false
    end
    for _, name in ipairs(cd.names) do
        local f = xlat_value(cd.set, name, c.rec.arch)
        if f and not uzero(f) and ueq(uand(v, f), f) then return true end
    end
    return false
end

local HEX = { k = "Hex" }

-- plans caches, per arch and call number, the plan of a call whose
-- description has no condition and no switch (as the Go decoder's table
-- does): it is the same for every record of the call. Plans are never
-- changed once made.
local plans = {}

local function plain_desc(d)
    if d.sw then return false end
    for _, x in ipairs(d.args) do
        if x.cond then return false end
    end
    return true
end

local SUBCALLS = { socketcall = true, ipc = true, select = true, mmap = true }

-- plan resolves which arguments print at entry and at exit.
local plan_uncached

local function plan(rec, c)
    if rec.nr[1] ~= 0 then return plan_uncached(rec, c) end
    local per = plans[rec.arch]
    local cl = per and per[rec.nr[2]]
    if cl then return cl end
    cl = plan_uncached(rec, c)
    if cl.cacheable then
        if not per then
            per = {}
            plans[rec.arch] = per
        end
        per[rec.nr[2]] = cl
    end
    return cl
end

function plan_uncached(rec, c)
    local cl = { entry = {}, exit = {} }
    local a = D.arches[rec.arch]
    local info = a and rec.nr[1] == 0 and a.sys[rec.nr[2]]
    local nargs = 6
    if info and info[1] ~= "" then
        cl.name, nargs, cl.class = info[1], info[2], info[3]
    else
        cl.name = "syscall_" .. gohex(rec.nr)
        nargs = 6
        info = nil
    end
    if info then
        local sub, n, r = subcall(rec, a, cl.name)
        if sub then
            cl.name, nargs, cl.rec = sub, n, r
            rec, c.rec = r, r
        end
    end
    local d = info and ((a.descs and a.descs[cl.name]) or D.descs[cl.name])
    if not d then
        for i = 0, math.min(nargs, 6) - 1 do
            cl.entry[#cl.entry + 1] = { name = "arg" .. i, i = i, k = HEX }
        end
        return cl
    end
    cl.cacheable = not cl.rec and not SUBCALLS[info[1]] and plain_desc(d)
    cl.known = true
    cl.ret = d.ret
    local all = {}
    for _, x in ipairs(d.args) do all[#all + 1] = x end
    local sw = d.sw
    if sw then
        local t = sw.default
        local v = U(rec.args[sw.arg + 1][2])
        if not uzero(sw.mask) then v = uand(v, sw.mask) end
        local x = D.xlats[sw.set]
        local n = x and xlat_lookup(x, v, rec.arch)
        if n and sw.cases[n] then t = sw.cases[n] end
        for _, x2 in ipairs(t.args) do all[#all + 1] = x2 end
        if t.ret then cl.ret = t.ret end
    end
    for _, x in ipairs(all) do
        if not x.cond or cond_holds(x.cond, c) then
            if x.exit then cl.exit[#cl.exit + 1] = x else cl.entry[#cl.entry + 1] = x end
        end
    end
    return cl
end

-- Each phase's text; every rendered argument is noted for the tree,
-- unless notes is nil (the Info alone).
local function entry_text(c, cl, notes)
    c:out(cl.name .. "(")
    if c:call_text(false) then return end
    for i, a in ipairs(cl.entry) do
        if i > 1 then c:out(", ") end
        if notes then
            local mark = #c.sb
            c.members = {}
            local data, doff = c:render_arg(a)
            notes[#notes + 1] = { arg = a, text = concat(c.sb, "", mark + 1), data = data, off = doff, members = c.members }
            c.members = nil
        else
            c:render_arg(a)
        end
    end
    local e1 = cl.exit[1]
    if e1 and #cl.entry > 0 and not e1.update and not e1.late then c:out(", ") end
end

local function exit_text(c, cl, notes)
    if c:call_text(true) then
        c:out(")")
        return
    end
    if has(c.rec.flags, F_NORETURN) and #cl.exit > 0 then
        -- The call never came back to fill its exit arguments in.
        c:out(" <unfinished ...>)")
        return
    end
    for i, a in ipairs(cl.exit) do
        local skip = false
        if a.update then
            if c:failed() or uzero(c:word(c.rec.args[a.i + 1])) or (a.update_ret and uzero(c.rec.ret)) then
                skip = true
            else
                c:out(" => ")
            end
        elseif i > 1 or a.late then
            c:out(", ")
        end
        if skip then
            -- nothing
        elseif notes then
            local mark = #c.sb
            c.members = {}
            local data, doff = c:render_arg(a)
            notes[#notes + 1] = { arg = a, text = concat(c.sb, "", mark + 1), data = data, off = doff, members = c.members }
            c.members = nil
        else
            c:render_arg(a)
        end
    end
    c:out(")")
end

local function ret_text(c, cl)
    local rec = c.rec
    if has(rec.flags, F_NORETURN) then
        c:out("= ?")
        return
    end
    local mark = #c.sb
    c:out("= ")
    if c:arg_text(6) then return end
    c.sb[mark + 1] = nil
    local r = c:slong(rec.ret)
    if in_errno_range(r) and not c:never_fails() then
        local e = TWO32 - r[2]
        local en = errno_of(e)
        local name = en and en[1] or fmt("%d", e)
        local msg = en and en[2] or fmt("Unknown error %d", e)
        if en and en[3] then
            c:out(fmt("= ? %s (%s)", name, msg))
        else
            c:out(fmt("= -1 %s (%s)", name, msg))
        end
        return
    end
    c:out("= ")
    if not cl.ret then
        c:out(sdec(r))
        return
    end
    local f = R[cl.ret.k]
    if f then f(c, cl.ret, rec.ret) else c:out(sdec(r)) end
end

local RESULT_COLUMN = 40

local function pad(s)
    if #s < RESULT_COLUMN then return s .. string.rep(" ", RESULT_COLUMN - #s) end
    return s .. " "
end

-- syscall_line renders a syscall or syscall-entry record as the Info
-- column shows it: strace's line without the padding to its result
-- column, which would only waste the column. It also returns the plan,
-- the notes on each argument (none with bare: the Info alone), the exit
-- context, the call's text and its result's text as strace prints it
-- after "= " (nil for an entry record); pad(call) .. "= " .. result is
-- strace's own line.
local function syscall_line(rec, limit, bare)
    local c = new_ctx(rec, false, limit)
    local cl = plan(rec, c)
    local notes = not bare and {} or nil
    entry_text(c, cl, notes)
    local entry = c:text()
    if rec.kind == KIND.entry then
        local call = entry .. " <unfinished ...>"
        return call, cl, notes, nil, call, nil
    end
    local x = new_ctx(cl.rec or rec, true, limit)
    exit_text(x, cl, notes)
    local call = entry .. x:text()
    x:reset()
    ret_text(x, cl)
    local ret = x:text()
    return call .. " " .. ret, cl, notes, x, call, ret:sub(3)
end

-- udivmod is a divided by d (below 2^21): the quotient as {hi, lo} and
-- the remainder, exact.
local function udivmod(a, d)
    local qh = floor(a[1] / d)
    local x = (a[1] - qh * d) * TWO32 + a[2]
    local ql = floor(x / d)
    return { qh, ql }, x - ql * d
end

-- clock_ticks is decoder's clockTicks: unsigned, as strace's print_clock_t.
local function clock_ticks(t)
    if uzero(t) then return "0" end
    local q, r = udivmod(t, 100)
    return udec(t) .. " /* " .. udec(q) .. "." .. fmt("%02d", r) .. " s */"
end

local function sig_code(signo, code)
    local n = D.si_codes.generic[code] or (D.si_codes[signo] and D.si_codes[signo][code])
    if n then return n end
    return gohex(U(n32(code)))
end

local FAULT_SIGNALS = { [11] = true, [7] = true, [4] = true, [8] = true }

-- siginfo renders a raw siginfo_t as strace's printsiginfo; it returns the
-- decoded basics for the tree.
local function siginfo_text(c, b)
    -- An unknown arch reads as a 64-bit one, as Ctx.ws has it.
    local l = c:layout("siginfo_t") or D.layouts.siginfo_t[0xc000003e]
    -- Members past the end of b read as 0.
    local function i32(name) return int32(c:mu(b, l, name)[2]) end
    local function word(name) return c:mu(b, l, name) end
    local code_m = l.m.si_code
    if #b < code_m[1] + code_m[2] then return "{}", {} end
    local signo, errno, code = i32("si_signo"), i32("si_errno"), i32("si_code")
    local info = { signo = signo, errno = errno, code = code }
    c:out("{si_signo=" .. signal_string(signo))
    c:out(", si_code=" .. sig_code(signo, code))
    if errno ~= 0 then
        local en = errno_of(errno)
        if en then c:out(", si_errno=" .. en[1]) else c:out(fmt(", si_errno=%d", errno)) end
    end
    local function pid_uid()
        info.pid, info.uid = n32(i32("_sifields._kill._pid")), n32(i32("_sifields._kill._uid"))
        c:out(fmt(", si_pid=%d, si_uid=%d", info.pid, info.uid))
    end
    if code == 0 or code == -6 then
        pid_uid()
    elseif code == -1 or code == -3 then
        pid_uid()
        c:out(fmt(", si_int=%d, si_ptr=", i32("_sifields._rt._sigval.sival_int")))
        c:ptr(word("_sifields._rt._sigval.sival_ptr"))
    elseif code == -2 then
        c:out(fmt(", si_timerid=%s, si_overrun=%d, si_int=%d, si_ptr=", chex(U(n32(i32("_sifields._timer._tid")))),
            i32("_sifields._timer._overrun"), i32("_sifields._timer._sigval.sival_int")))
        c:ptr(word("_sifields._timer._sigval.sival_ptr"))
    elseif code < 0 or code == 0x80 then
        if FAULT_SIGNALS[signo] then
            info.addr = c:word(word("_sifields._sigfault._addr"))
            c:out(", si_addr=")
            c:ptr(word("_sifields._sigfault._addr"))
        end
    elseif signo == 17 then
        pid_uid()
        local status = i32("_sifields._sigchld._status")
        info.status = status
        if code == 1 then
            c:out(fmt(", si_status=%d", status))
        else
            c:out(", si_status=" .. signal_string(status))
        end
        c:out(", si_utime=" .. clock_ticks(c:ms(b, l, "_sifields._sigchld._utime")))
        c:out(", si_stime=" .. clock_ticks(c:ms(b, l, "_sifields._sigchld._stime")))
    elseif FAULT_SIGNALS[signo] or signo == 5 then
        info.addr = c:word(word("_sifields._sigfault._addr"))
        c:out(", si_addr=")
        c:ptr(word("_sifields._sigfault._addr"))
    elseif signo == 29 then
        c:out(", si_band=" .. sdec(c:ms(b, l, "_sifields._sigpoll._band")) .. fmt(", si_fd=%d", i32("_sifields._sigpoll._fd")))
    elseif signo == 31 then
        c:out(", si_call_addr=")
        c:ptr(word("_sifields._sigsys._call_addr"))
        c:out(fmt(", si_syscall=%d, si_arch=%s", i32("_sifields._sigsys._syscall"), gohex(U(n32(i32("_sifields._sigsys._arch"))))))
    end
    c:out("}")
    return c:text(), info
end

-- A siginfo_t in tracee memory (rt_sigtimedwait's info).
structs.siginfo = function(c, addr)
    local l = c:layout("siginfo_t")
    if not l then
        c:ptr(addr)
        return
    end
    local b = c:fetch(addr, l.size)
    if not b then return end
    c:out((siginfo_text(new_ctx(c.rec, c.exit, c.limit), b)))
end

local function signal_line(rec)
    local sig = rec.nr
    local name
    if sig[1] == 0 then name = signal_string(sig[2]) else name = sdec(sig) end
    if has(rec.flags, F_GROUPSTOP) then
        return fmt("--- stopped by %s ---", name), nil
    end
    local s = section(rec, SEC.siginfo)
    local body, info
    local t = has(rec.flags, SEC.F_ARGTEXT) and section(rec, SEC.argtext, U(7))
    if t then
        body = t.data
    elseif s then
        -- The section's key is the arch whose layout it is in: the
        -- tracer's own, in which PTRACE_GETSIGINFO answers.
        local layout = rec
        if not uzero(s.key) then
            layout = setmetatable({ arch = s.key[2] }, { __index = rec })
        end
        body, info = siginfo_text(new_ctx(layout, false, 32), s.data)
    else
        body = "{si_signo=" .. name .. "}"
    end
    return "--- " .. name .. " " .. body .. " ---", info
end

local function exit_line(rec)
    if has(rec.flags, F_SUPERSEDED) then
        return fmt("+++ superseded by execve in pid %d +++", rec.nr[2])
    end
    local ws = rec.ret[2]
    if ws % 128 == 0 then
        return fmt("+++ exited with %d +++", floor(ws / 256) % 256)
    elseif ws % 128 ~= 0x7f then
        local core = band(ws, 0x80) ~= 0 and " (core dumped)" or ""
        return fmt("+++ killed by %s%s +++", signal_string(ws % 128), core)
    end
    return fmt("+++ exited with %d +++", floor(ws / 256) % 256)
end


-- fd_yy is what strace -yy prints between an fd's angle brackets: its
-- path, with what the fdinfo section sec adds (a device's numbers, a
-- socket's endpoints, a pidfd's process), as the Go decoder prints it
-- (decoder/fdinfo.go). nil without a path.
local function fd_yy(path, sec, arch)
    local d = sec and sec.data
    local kind = d and #d > 0 and byte(d, 1)
    if kind == 4 and #d == 5 then return fmt("pid:%d", int32(le32(d, 1))) end
    if not path then return nil end
    if kind == 1 or kind == 2 then
        local vals, p = {}, 1
        for i = 1, 2 do
            local v, mul, start = 0, 1, p
            repeat
                local x = byte(d, p + 1)
                if not x or p - start >= 5 then return path end
                v, mul, p = v + (x % 128) * mul, mul * 128, p + 1
            until x < 128
            vals[i] = v
        end
        if p ~= #d then return path end
        return fmt("%s<%s %d:%d>", path, kind == 1 and "char" or "block", vals[1], vals[2])
    end
    if kind ~= 3 or #d < 2 then return path end
    local n = #d
    local p = 2 + byte(d, 2)
    if n < p + 5 then return path end
    local proto, inode, fam = d:sub(3, p), le32(d, p), byte(d, p + 5)
    p = p + 5
    local body
    local a = fam == 2 and 4 or fam == 10 and 16
    if a and n == p + 2 * a + 4 then
        local function endpoint(at)
            local addr, port = d:sub(at + 1, at + a), byte(d, at + a + 1) * 256 + byte(d, at + a + 2)
            if a == 16 then return fmt("[%s]:%d", inet6_string(addr), port) end
            return fmt("%d.%d.%d.%d:%d", byte(addr, 1), byte(addr, 2), byte(addr, 3), byte(addr, 4), port)
        end
        body = endpoint(p)
        local peer = d:sub(p + a + 3, p + 2 * a + 4)
        if peer:find("[^%z]") then body = body .. "->" .. endpoint(p + a + 2) end
    elseif fam == 1 and n >= p + 4 then
        local peer, name = le32(d, p), d:sub(p + 5, p + 4 + 108)
        body = fmt("%d", inode)
        if peer ~= 0 then body = body .. fmt("->%d", peer) end
        if name ~= "" then
            local at = ""
            if byte(name, 1) == 0 then at, name = "@", name:sub(2) end
            body = body .. "," .. at .. quote(name:match("^[^%z]*"))
        end
    elseif fam == 16 and n == p + 8 then
        local x = D.xlats["netlink_protocols"]
        local pname = x and xlat_lookup(x, U(le32(d, p)), arch)
        if pname then
            body = fmt("%s:%d", pname:sub(#"NETLINK_" + 1), le32(d, p + 4))
        else
            body = fmt("%d", le32(d, p))
        end
    elseif fam == 0 and n == p then
        body = fmt("%d", inode)
    else
        return path
    end
    return proto .. ":[" .. body .. "]"
end

-- failed_text is the expert info text of a failed call, as the tree's.
local function failed_text(name, c)
    local e = TWO32 - c:slong(c.rec.ret)[2]
    local en = errno_of(e)
    return fmt("%s failed: %s", name, en and en[1] or fmt("%d", e))
end

local function string_limit(fs)
    return (fs.limit > 0 and fs.limit < 32) and fs.limit or 32
end

-- The info text of records strace prints nothing for.
local function meta_line(rec, fs)
    if rec.kind == KIND.process then
        local why = has(rec.flags, F_ATTACH) and "attached" or has(rec.flags, F_EXEC) and "exec"
            or has(rec.flags, F_FORK) and "new child" or "process"
        local exe = section(rec, SEC.exe)
        return fmt("[process %d: %s%s]", rec.pid, why, exe and (" " .. exe.data) or "")
    elseif rec.kind == KIND.capture then
        local cmd = section(rec, SEC.text, U(1))
        return fmt("[capture: -s %d%s]", fs.limit, cmd and (", " .. cmd.data) or "")
    elseif rec.kind == KIND.detach then
        return fmt("[detached %d]", rec.tid)
    elseif rec.kind == KIND.comment then
        -- A line of an imported log that the importer could not read.
        local t = section(rec, SEC.text, U(7))
        return t and t.data or ""
    end
    return fmt("[record kind %d]", rec.kind)
end

-- dissect_contents adds what a process or capture record's sections say,
-- by meaning: the name, executable, working directory, command line,
-- credentials and open fds of a process; the command, host and tool of
-- a capture. dissect_sections shows the same sections raw.

----------------------------------------------------------------------------
-- The dissector's quick path and its Info cache: most records of a
-- capture repeat an earlier one but for their pid, tid and duration, and
-- take their Info from a cache keyed by the record's other bytes.

local function proc_label(pid, comm)
    if comm and comm ~= "" then return fmt("%d %s", pid, comm) end
    return fmt("%d", pid)
end

-- quick_head reads the head of a version 2 syscall or entry record: its
-- kind, pid, tid, duration in nanoseconds, and where the duration's bytes
-- start and end. It returns nil for any other record, and for one whose
-- values need the full parser.
local function quick_head(s)
    if byte(s, 1) ~= 2 or byte(s, 2) ~= 0 then return nil end
    local _
    local x, h, o = uv(s, 2)
    if not x or x ~= 0 or h >= 4194304 then return nil end
    local kind = h % 8
    if kind ~= 1 and kind ~= 2 then return nil end
    x, _, o = uv(s, o) -- arch
    if not x or x ~= 0 then return nil end
    local pid
    x, pid, o = uv(s, o)
    if not x or x ~= 0 then return nil end
    local bits = floor(h / 8)
    if bits % 2 == 1 then
        local fl
        x, fl, o = uv(s, o) -- flags
        if not x or x ~= 0 or fl > 0xffff then return nil end
    end
    local tid = pid
    if floor(bits / 2) % 2 == 1 then
        local z
        x, z, o = uv(s, o)
        if not x or x ~= 0 then return nil end
        if z % 2 == 0 then tid = pid + z / 2 else tid = pid - (z + 1) / 2 end
        if tid < 0 or tid >= TWO32 then return nil end
    end
    local dur, dstart = 0, o
    if floor(bits / 4) % 2 == 1 then
        local lo
        x, lo, o = uv(s, o)
        if not x or x >= 0x200000 then return nil end
        dur = x * TWO32 + lo
    end
    return kind, pid, tid, dur, dstart, o, floor(bits / 8)
end

-- exact_key is the record without its duration (at dstart, up to o): the
-- same call with the same arguments, results and memory.
local function exact_key(s, dstart, o)
    if dstart == o then return s end
    return s:sub(1, dstart) .. s:sub(o + 1)
end

-- loose_key is also without the fd path sections (what `-y` would show;
-- the Info line never does): the same call on descriptors now open on
-- other files. It returns nil for a record whose kept sections repeat
-- data by an index the removed sections would shift, and for one the
-- full parser would not read whole. modes are the value modes of nr, ret
-- and the arguments, from the head.
local function loose_key(s, dstart, o, modes)
    local x, _
    local parts = { s:sub(1, dstart) }
    local from = o -- the start of the bytes kept next
    -- nr, ret and the six arguments: a varint each unless zero.
    for _ = 1, 8 do
        local m = modes % 4
        if m ~= 0 then
            x, _, o = uv(s, o)
            if not x or (m == 3 and x ~= 0) then return nil end
        end
        modes = floor(modes / 4)
    end
    local n = #s
    local i, stripped, refs = 0, false, false
    while o < n do
        local start = o
        local d
        x, d, o = uv(s, o)
        if not x then return nil end
        local km = d % 16
        local ref = floor(d / 16) % 2 == 1
        local t = floor(d / 32) + x * 134217728
        if t > 0xffff or km >= 9 then return nil end
        local sf
        x, sf, o = uv(s, o)
        if not x or x ~= 0 or sf > 0xffff then return nil end
        if km == 1 then
            x, _, o = uv(s, o)
            if not x then return nil end
        end
        local v
        x, v, o = uv(s, o)
        if not x or x ~= 0 then return nil end
        if ref then
            if v >= i then return nil end
            refs = true
        else
            if v > n - o then return nil end
            o = o + v
        end
        if t == SEC.fdpath then
            parts[#parts + 1] = s:sub(from + 1, start)
            from = o
            stripped = true
        end
        i = i + 1
    end
    if stripped and refs then return nil end
    parts[#parts + 1] = s:sub(from + 1)
    return concat(parts)
end

-- held_runs turns a data call's pieces into runs of held bytes with their
-- offsets in the call's data: a piece the capture cut short leaves a gap.
local function held_runs(pieces)
    local runs, off, cur, curoff = {}, 0, nil, 0
    for _, p in ipairs(pieces) do
        if #p[1] > 0 then
            if cur and curoff + #cur == off then
                cur = cur .. p[1]
            else
                if cur then runs[#runs + 1] = { curoff, cur } end
                cur, curoff = p[1], off
            end
        end
        off = off + #p[1] + p[2]
        if p[2] > 0 and cur then
            runs[#runs + 1] = { curoff, cur }
            cur = nil
        end
    end
    if cur then runs[#runs + 1] = { curoff, cur } end
    return runs
end

----------------------------------------------------------------------------
-- What the dissector's taps make of a whole capture: strace -c's table, the
-- data a record moved (facts), IP packets rebuilt around socket payloads,
-- the processes, Follow fd and the statistics tables. One function holds
-- them, so that their locals do not count against this chunk's limit of
-- 200.

local V = (function()

local min = math.min

----------------------------------------------------------------------------
-- The strace -c table.

-- Seconds are each call's wall-clock time from entry to exit (strace -c
-- -w), the only time a capture holds.
local function summary_text(calls)
    local by = {}
    local order = {}
    for _, c in pairs(calls) do
        if c.counted then
            local s = by[c.name]
            if not s then
                s = { name = c.name, nr = c.nr, ns = 0, calls = 0, errors = 0 }
                by[c.name] = s
                order[#order + 1] = s
            end
            s.ns = s.ns + c.ns
            s.calls = s.calls + 1
            if c.failed then s.errors = s.errors + 1 end
        end
    end
    table.sort(order, function(a, b)
        if a.ns ~= b.ns then return a.ns > b.ns end
        if a.nr ~= b.nr then return a.nr < b.nr end
        return a.name < b.name
    end)
    local total = { ns = 0, calls = 0, errors = 0 }
    for _, s in ipairs(order) do
        total.ns = total.ns + s.ns
        total.calls = total.calls + s.calls
        total.errors = total.errors + s.errors
    end
    -- strace's name column: at least 16 dashes, one more than the
    -- longest name otherwise.
    local width = 16
    for _, s in ipairs(order) do
        if #s.name + 1 > width then width = #s.name + 1 end
    end
    local sep = "------ ----------- ----------- --------- --------- " .. string.rep("-", width)
    local out = { fmt("%6.6s %11.11s %11.11s %9.9s %9.9s %s", "% time", "seconds", "usecs/call", "calls", "errors", "syscall"), sep }
    local function row(pct, s, name)
        local usecs = s.calls > 0 and floor(s.ns / s.calls / 1000) or 0
        local errs = s.errors > 0 and fmt("%9d", s.errors) or string.rep(" ", 9)
        out[#out + 1] = fmt("%6.2f %11.6f %11d %9d %s %s", pct, s.ns / 1e9, usecs, s.calls, errs, name)
    end
    for _, s in ipairs(order) do
        row(total.ns > 0 and 100 * s.ns / total.ns or 0, s, s.name)
    end
    out[#out + 1] = sep
    row(100, total, "total")
    return concat(out, "\n") .. "\n"
end

-- held_at is what the record holds of want bytes at addr in one phase:
-- the longest run from addr that a memory section keeps, maybe "".
local function held_at(r, exit, addr, want)
    local best = ""
    for _, sec in ipairs(r.sections) do
        if sec.type == SEC.mem and in_phase(sec, exit) and not has(sec.flags, SF_STRING) and not ult(addr, sec.key) then
            local off = udiff(addr, sec.key)
            if off < #sec.data then
                local s = sec.data:sub(off + 1, off + want)
                if #s > #best then best = s end
            end
        end
    end
    return best
end

-- Data calls: dir "w" moves bytes from the process to the descriptor
-- (written, sent), "r" from the descriptor to the process (read,
-- received). Their buffer argument's kind (Buf, Iovec, Msghdr) says where
-- the bytes are; the return value says how many moved.
local DATA_CALLS = {
    read = "r", pread64 = "r", readv = "r", preadv = "r", preadv2 = "r", recv = "r", recvfrom = "r", recvmsg = "r",
    write = "w", pwrite64 = "w", writev = "w", pwritev = "w", pwritev2 = "w", send = "w", sendto = "w", sendmsg = "w",
}
-- Calls that move bytes between two descriptors inside the kernel: the
-- argument indexes of the descriptor read from and the one written to.
-- No memory of the process holds those bytes.
local KERNEL_COPIES = {
    sendfile = { from = 1, to = 0 }, sendfile64 = { from = 1, to = 0 }, splice = { from = 0, to = 2 },
    tee = { from = 0, to = 1 }, copy_file_range = { from = 0, to = 2 },
}
-- Calls that move several messages (datagrams) and return their number:
-- each message's length is in its mmsghdr.
local MMSG_CALLS = { sendmmsg = "w", recvmmsg = "r" }

-- iov_pieces reads count iovecs at addr and up to want bytes of their
-- buffers: a list of {bytes held, bytes not held} in stream order.
local function iov_pieces(c, exit, addr, count, want)
    local pieces = {}
    local l = c:layout("iovec")
    addr = c:word(addr)
    if l and count[1] == 0 and not uzero(addr) then
        for i = 0, count[2] - 1 do
            if want <= 0 then break end
            local b = mem_read(c.rec, exit, uadd(addr, i * l.size), l.size)
            if not b then break end
            local n = min(unum(c:mu(b, l, "iov_len")), want)
            local s = held_at(c.rec, exit, c:word(c:mu(b, l, "iov_base")), n)
            pieces[#pieces + 1] = { s, n - #s }
            want = want - n
        end
    end
    if want > 0 then pieces[#pieces + 1] = { "", want } end
    return pieces
end

-- data_pieces is what a data call's buffer argument a holds of the n
-- bytes the call moved.
local function data_pieces(c, a, n)
    local r, exit, k = c.rec, a.exit and true or false, a.k
    local v = r.args[a.i + 1]
    if k.k == "Buf" then
        local s = held_at(r, exit, c:word(v), n)
        return { { s, n - #s } }
    elseif k.k == "Iovec" then
        return iov_pieces(c, exit, v, c:word(r.args[k.count + 1]), n)
    elseif k.k == "Msghdr" then
        local l = c:layout("msghdr")
        local b = l and mem_read(r, exit, c:word(v), l.size)
        if b then return iov_pieces(c, exit, c:mu(b, l, "msg_iov"), c:mu(b, l, "msg_iovlen"), n) end
    end
    return { { "", n } }
end

-- facts reads what the views need of a completed call: its name, result,
-- errno, descriptors with their paths, path argument and data moved. nil
-- when the call is not known.
local function facts(rec)
    local c = new_ctx(rec, true, 0)
    local ok, cl = pcall(plan, rec, c)
    if not ok or not cl or not cl.known then return nil end
    local r = cl.rec or rec
    c.rec = r
    local x = { name = cl.name, nr = rec.nr[2], fds = {}, io = {} }
    local noret = has(rec.flags, F_NORETURN)
    x.failed = not noret and c:failed()
    if x.failed then x.errno = TWO32 - c:slong(r.ret)[2] end
    local ret = (not noret and not x.failed) and c:slong(r.ret) or nil
    local count = (ret and not isneg(ret)) and unum(ret) or nil
    local args = {}
    for _, a in ipairs(cl.entry) do args[#args + 1] = a end
    for _, a in ipairs(cl.exit) do args[#args + 1] = a end
    local buf
    for _, a in ipairs(args) do
        local k = a.k.k
        if k == "FD" then
            local fd = int32(r.args[a.i + 1][2])
            x.fds[#x.fds + 1] = fd
            x.fd = x.fd or fd
        elseif k == "DirFD" then
            x.dirfd = x.dirfd or int32(r.args[a.i + 1][2])
        elseif k == "Path" and not x.path then
            x.path = mem_string(r, a.exit and true or false, c:word(r.args[a.i + 1]), 4097)
        elseif k == "Buf" or k == "Iovec" or k == "Msghdr" or k == "Mmsghdr" then
            buf = buf or a
            local l = k == "Msghdr" and c:layout("msghdr")
            local ex = a.exit and true or false
            local b = l and mem_read(r, ex, c:word(r.args[a.i + 1]), l.size)
            local name = b and c:word(c:mu(b, l, "msg_name"))
            if name and not uzero(name) then
                -- sendmsg's destination, recvmsg's source.
                x.sockaddr = x.sockaddr or mem_captured(r, ex, name, 128, false)
            end
        elseif k == "Struct" and (a.k.type == "socket_address" or a.k.type == "socket_address_out") and not x.sockaddr then
            -- connect's, sendto's destination, recvfrom's source: what the
            -- record holds of it.
            local ex, at = a.exit and true or false, c:word(r.args[a.i + 1])
            x.sockaddr = mem_captured(r, ex, at, 128, false)
        elseif k == "Struct" and a.k.type == "fd_pair" and count then
            -- pipe, pipe2, socketpair: two new descriptors.
            local b = mem_read(r, true, c:word(r.args[a.i + 1]), 8)
            if b then x.new_fds = { int32(c:field(b, 0, 4)[2]), int32(c:field(b, 4, 4)[2]) } end
        end
    end
    if cl.ret and cl.ret.k == "FD" and count then
        x.ret_fd = count
        x.ret_path = mem_fdpath(r, true, count)
    end
    -- opened[fd]: the call made fd; its path, or false.
    x.opened = {}
    if x.ret_fd then x.opened[x.ret_fd] = x.ret_path or false end
    for _, fd in ipairs(x.new_fds or {}) do
        if fd >= 0 then x.opened[fd] = mem_fdpath(r, true, fd) or false end
    end
    -- A path relative to a directory descriptor (not AT_FDCWD) as that
    -- directory's path; an empty one (AT_EMPTY_PATH) as the descriptor's.
    local dirpath = x.dirfd and x.dirfd >= 0 and (mem_fdpath(r, false, x.dirfd) or mem_fdpath(r, true, x.dirfd))
    if x.path == "" then
        x.path = dirpath or nil
    elseif x.path and dirpath and x.path:sub(1, 1) ~= "/" then
        x.path = dirpath .. "/" .. x.path
    end
    x.paths = {}
    for _, fd in ipairs(x.fds) do
        if fd >= 0 then x.paths[fd] = mem_fdpath(r, false, fd) or mem_fdpath(r, true, fd) end
    end
    local dir = DATA_CALLS[cl.name]
    if dir and x.fd and count and count > 0 then
        x.io[1] = { fd = x.fd, dir = dir, count = count, pieces = buf and data_pieces(c, buf, count) or { { "", count } } }
    end
    local mdir = MMSG_CALLS[cl.name]
    local ml, hl = c:layout("mmsghdr"), c:layout("msghdr")
    if mdir and x.fd and count and buf and buf.k.k == "Mmsghdr" and ml and hl then
        local exit = buf.exit and true or false
        local addr = c:word(r.args[buf.i + 1])
        for i = 0, min(count, 1024) - 1 do
            local el = uadd(addr, i * ml.size)
            local lb = mem_read(r, exit, uadd(el, ml.m.msg_len[1]), 4)
            if not lb then break end
            local n = c:uint(lb)[2]
            local b = mem_read(r, exit, el, hl.size)
            local pieces = b and iov_pieces(c, exit, c:mu(b, hl, "msg_iov"), c:mu(b, hl, "msg_iovlen"), n) or { { "", n } }
            x.io[#x.io + 1] = { fd = x.fd, dir = mdir, count = n, pieces = pieces }
        end
    end
    local kc = KERNEL_COPIES[cl.name]
    if kc and count and count > 0 then
        local from, to = int32(r.args[kc.from + 1][2]), int32(r.args[kc.to + 1][2])
        x.io[1] = { fd = from, dir = "r", count = count, pieces = { { "", count } }, copy = to }
        x.io[2] = { fd = to, dir = "w", count = count, pieces = { { "", count } }, copy = from }
    end
    return x
end

local char = string.char

local function be16(n) return char(floor(n / 256) % 256, n % 256) end
local function be32(n)
    n = n % TWO32
    return char(floor(n / 16777216), floor(n / 65536) % 256, floor(n / 256) % 256, n % 256)
end

-- sum16 adds s as big-endian 16-bit words to sum (the Internet checksum's
-- sum, folded by cksum).
local function sum16(s, sum)
    local n = #s
    for i = 1, n - 1, 2 do sum = sum + byte(s, i) * 256 + byte(s, i + 1) end
    if n % 2 == 1 then sum = sum + byte(s, n) * 256 end
    return sum
end
local function cksum(sum)
    while sum > 0xffff do sum = sum % 65536 + floor(sum / 65536) end
    return 0xffff - sum
end

-- MAX_SEGMENT keeps a rebuilt packet within IP's 16-bit lengths.
local MAX_SEGMENT = 65000
local IPPROTO_TCP, IPPROTO_UDP = 6, 17

-- ip_packet is an IPv4 or IPv6 packet (by the address length) around a
-- TCP segment or a UDP datagram with data, with correct checksums but
-- TCP's (which Wireshark does not check by default).
local function ip_packet(proto, src, dst, sport, dport, seq, ack, data)
    local l4
    if proto == IPPROTO_TCP then
        -- Data offset 5 words, PSH and ACK, the largest window.
        l4 = be16(sport) .. be16(dport) .. be32(seq) .. be32(ack) .. "\80\24\255\255\0\0\0\0" .. data
    else
        local len = 8 + #data
        local sum = sum16(src, sum16(dst, 0)) + IPPROTO_UDP + len
        sum = sum16(data, sum16(be16(sport) .. be16(dport) .. be16(len), sum))
        local c = cksum(sum)
        if c == 0 then c = 0xffff end
        l4 = be16(sport) .. be16(dport) .. be16(len) .. be16(c) .. data
    end
    if #src == 4 then
        local h = "\69\0" .. be16(20 + #l4) .. "\0\0\64\0\64" .. char(proto)
        return h .. be16(cksum(sum16(src .. dst, sum16(h, 0)))) .. src .. dst .. l4
    end
    return "\96\0\0\0" .. be16(#l4) .. char(proto) .. "\64" .. src .. dst .. l4
end

-- endpoints reads a socket's fdinfo section (docs/format.md): its
-- protocol, inode, family and, for TCP and UDP, the local and peer
-- address (network order bytes) and port; for a unix socket the peer's
-- inode and the bound path. nil for anything else.
local function endpoints(sec)
    local d, n = sec.data, #sec.data
    if n < 2 or byte(d, 1) ~= 3 then return nil end
    local p = 2 + byte(d, 2)
    if n < p + 5 then return nil end
    local e = { proto = d:sub(3, p), inode = le32(d, p), fam = byte(d, p + 5) }
    p = p + 5
    local a = e.fam == 2 and 4 or e.fam == 10 and 16
    if a and n == p + 2 * a + 4 then
        e.laddr, e.paddr = d:sub(p + 1, p + a), d:sub(p + a + 3, p + 2 * a + 2)
        e.lport = byte(d, p + a + 1) * 256 + byte(d, p + a + 2)
        e.pport = byte(d, p + 2 * a + 3) * 256 + byte(d, p + 2 * a + 4)
        return e
    end
    if e.fam == 1 and n >= p + 4 then
        e.peer = le32(d, p)
        local name = d:sub(p + 5)
        if byte(name, 1) == 0 then
            e.path = "@" .. name:sub(2):match("^[^%z]*")
        elseif name ~= "" then
            e.path = name:match("^[^%z]*")
        end
        return e
    end
    return nil
end

-- sockaddr_in reads an AF_INET or AF_INET6 address (a call's own
-- destination or source) as its address bytes and port.
local function sockaddr_in(b)
    if not b or #b < 8 then return nil end
    local fam = byte(b, 1) + byte(b, 2) * 256
    local port = byte(b, 3) * 256 + byte(b, 4)
    if fam == 2 and #b >= 8 then return b:sub(5, 8), port end
    if fam == 10 and #b >= 24 then return b:sub(9, 24), port end
    return nil
end

-- Processes as the capture's process records tell them: a new child's
-- record names its parent (a clone's result may be a thread's id).
local function new_procs() return { ppid = {}, comm = {}, order = {}, seen = {} } end

local function note_proc(p, rec)
    local pid = rec.pid
    if not p.seen[pid] and (rec.kind == KIND.process or rec.kind == KIND.syscall) then
        p.seen[pid] = true
        p.order[#p.order + 1] = pid
    end
    if rec.kind == KIND.process then
        p.ppid[pid] = rec.args[1][2]
        local s = section(rec, SEC.comm)
        if s then p.comm[pid] = (s.data:gsub("\n$", "")) end
    end
end

-- family is pid and its descendants, pid first, each after its parent.
local function family(p, pid)
    local kids = {}
    for child, parent in pairs(p.ppid) do
        if child ~= parent then
            kids[parent] = kids[parent] or {}
            local k = kids[parent]
            k[#k + 1] = child
        end
    end
    local out, depth, seen = {}, {}, {}
    local function walk(q, d)
        if seen[q] then return end
        seen[q] = true
        out[#out + 1] = q
        depth[q] = d
        local k = kids[q] or {}
        table.sort(k)
        for _, c in ipairs(k) do walk(c, d + 1) end
    end
    walk(pid, 0)
    return out, depth
end

local function pid_filter(pids)
    local t = {}
    for i, q in ipairs(pids) do t[i] = fmt("strace.pid == %d", q) end
    return concat(t, " || ")
end

-- family_text is Follow process: pid's tree and the display filter that
-- shows it.
local function family_text(p, pid)
    local pids, depth = family(p, pid)
    local out = {
        string.rep("=", 67),
        fmt("Follow: strace,process %d", pid),
        "Filter: " .. pid_filter(pids),
    }
    for _, q in ipairs(pids) do
        out[#out + 1] = string.rep("  ", depth[q]) .. proc_label(q, p.comm[q])
    end
    out[#out + 1] = string.rep("=", 67)
    return concat(out, "\n") .. "\n", pid_filter(pids)
end

----------------------------------------------------------------------------
-- Follow fd: the bytes one process wrote to and read from one descriptor,
-- as Wireshark's Follow Stream shows a conversation. The descriptor's
-- life from the call that opened it to its close is one stream; a number
-- reused for another file starts another.

local function new_follow(pid, fd)
    return { pid = pid, fd = fd, procs = new_procs(), streams = {} }
end

local function follow_record(fw, rec, number)
    note_proc(fw.procs, rec)
    if rec.kind ~= KIND.syscall or rec.pid ~= fw.pid then return end
    local x = facts(rec)
    if not x then return end
    local fd = fw.fd
    local opens = x.opened[fd] ~= nil
    local uses = opens
    for _, v in ipairs(x.fds) do
        if v == fd then uses = true end
    end
    for _, io in ipairs(x.io) do
        if io.fd == fd then uses = true end
    end
    if not uses then return end
    local path = x.paths[fd]
    local cur = fw.streams[#fw.streams]
    if not cur or cur.closed or (opens and cur.first ~= number) or (path and cur.path and path ~= cur.path) then
        cur = { first = number, chunks = {}, failed = 0, written = 0, read = 0 }
        fw.streams[#fw.streams + 1] = cur
    end
    if opens then
        cur.path = x.opened[fd] or cur.path
        -- strace.fd is not on a pipe's or socketpair's new descriptors.
        cur.pair = x.ret_fd ~= fd
        cur.opened = number
    end
    cur.path = cur.path or path
    cur.last = number
    if x.failed then cur.failed = cur.failed + 1 end
    for _, io in ipairs(x.io) do
        if io.fd == fd then
            cur.chunks[#cur.chunks + 1] = { frame = number, name = x.name, dir = io.dir, count = io.count,
                pieces = io.pieces, copy = io.copy }
            if io.dir == "w" then cur.written = cur.written + io.count else cur.read = cur.read + io.count end
        end
    end
    if x.name == "close" and x.fd == fd and x.errno ~= 9 then
        cur.closed = number
    end
end

-- escaped is s in strace's quoting without the quotes, one line per
-- newline of s and per 64 bytes of a longer line, or per 16 where escapes
-- would make 64 bytes longer than 80 characters.
local function escaped(s, indent)
    local out = {}
    local function add(b)
        local q = quote(b, false)
        if q:sub(1, 1) == '"' then q = q:sub(2, -2) end
        out[#out + 1] = indent .. q
        return #q
    end
    for line in s:gmatch("[^\n]*\n?") do
        for i = 1, #line, 64 do
            local b = line:sub(i, i + 63)
            local q = quote(b, false)
            if #q <= 82 then
                add(b)
            else
                for j = 1, #b, 16 do add(b:sub(j, j + 15)) end
            end
        end
    end
    return out
end

-- hexdump is Wireshark's hex view: offset (from the start of this
-- direction's stream), 16 bytes in hex, the same as ASCII.
local function hexdump(s, at, indent)
    local out = {}
    for i = 1, #s, 16 do
        local chunk = s:sub(i, i + 15)
        local hx, asc = {}, {}
        for j = 1, 16 do
            local b = byte(chunk, j)
            hx[#hx + 1] = b and fmt("%02x", b) or "  "
            if j == 8 then hx[#hx + 1] = "" end
            asc[#asc + 1] = b and ((b >= 32 and b < 127) and string.char(b) or ".") or ""
        end
        out[#out + 1] = fmt("%s%08x  %s  %s", indent, at + i - 1, concat(hx, " "), concat(asc))
    end
    return out
end

-- stream_at is the stream that holds frame: the one whose calls span it,
-- else the next one (frame is then the entry record of a call that
-- completes later, as the first call of a stream may), or nil.
local function stream_at(fw, frame)
    for _, st in ipairs(fw.streams) do
        if frame >= st.first and frame <= st.last then return st end
    end
    for _, st in ipairs(fw.streams) do
        if st.first > frame then return st end
    end
    return nil
end

local function stream_filter(fw, st)
    local fd = fmt("strace.fd == %d", fw.fd)
    if st.pair then fd = fmt("(%s || frame.number == %d)", fd, st.first) end
    return fmt("strace.pid == %d && %s && frame.number >= %d && frame.number <= %d", fw.pid, fd, st.first, st.last)
end

-- follow_text is the streams of fw as tshark's `-z follow` prints a
-- stream: what the process wrote flush left, what it read indented by a
-- tab, each call's bytes under a line naming the frame, the call and the
-- count it returned. mode is "ascii" (strace's escapes) or "hex". only,
-- when given, picks the stream that holds that frame.
local function follow_text(fw, mode, only)
    local out = {}
    local p = fw.procs
    local shown = 0
    local chosen = only and stream_at(fw, only)
    for _, st in ipairs(fw.streams) do
        -- Without a frame, the streams that moved data or failed.
        local pick = (only and st == chosen) or (not only and (#st.chunks > 0 or st.failed > 0))
        if pick then
            shown = shown + 1
            out[#out + 1] = string.rep("=", 67)
            out[#out + 1] = fmt("Follow: strace,%s", mode)
            out[#out + 1] = "Filter: " .. stream_filter(fw, st)
            out[#out + 1] = "Node 0: process " .. proc_label(fw.pid, p.comm[fw.pid])
            out[#out + 1] = fmt("Node 1: fd %d %s", fw.fd, st.path or "(path not captured)")
            local cut = 0
            local at = { w = 0, r = 0 }
            for _, ch in ipairs(st.chunks) do
                local indent = ch.dir == "w" and "" or "\t"
                local held = 0
                for _, pc in ipairs(ch.pieces) do held = held + #pc[1] end
                local head = fmt("%sframe %d: %s %d bytes", indent, ch.frame, ch.name, ch.count)
                if ch.copy then
                    head = head .. fmt(" %s fd %d inside the kernel, none captured",
                        ch.dir == "w" and "from" or "to", ch.copy)
                elseif held < ch.count then
                    head = head .. fmt(", %d captured", held)
                end
                out[#out + 1] = head
                -- Bytes held back to back show as one run; a gap says
                -- how many bytes the capture lacks there.
                local run = {}
                local function flush()
                    local b = concat(run)
                    run = {}
                    local lines
                    if mode == "hex" then lines = hexdump(b, at[ch.dir], indent) else lines = escaped(b, indent) end
                    for _, l in ipairs(lines) do out[#out + 1] = l end
                    at[ch.dir] = at[ch.dir] + #b
                end
                for _, pc in ipairs(ch.pieces) do
                    run[#run + 1] = pc[1]
                    if pc[2] > 0 then
                        flush()
                        at[ch.dir] = at[ch.dir] + pc[2]
                        if not ch.copy then
                            out[#out + 1] = fmt("%s[%d bytes not captured]", indent, pc[2])
                            cut = cut + pc[2]
                        end
                    end
                end
                flush()
            end
            local calls, last = 0, nil
            for _, ch in ipairs(st.chunks) do
                if ch.frame ~= last then calls = calls + 1 end
                last = ch.frame
            end
            out[#out + 1] = fmt("Written: %d bytes, read: %d bytes, calls moving data: %d, frames %d-%d%s%s",
                st.written, st.read, calls, st.first, st.last,
                st.failed > 0 and fmt(", %d failed calls", st.failed) or "",
                cut > 0 and fmt("; %d bytes not in the capture (record with a larger --snaplen, or --snaplen-socket for sockets, to keep them)", cut) or "")
        end
    end
    if shown == 0 then
        out[#out + 1] = string.rep("=", 67)
        out[#out + 1] = fmt("Follow: strace,%s", mode)
        out[#out + 1] = fmt("Process %d has no calls on fd %d%s in this capture.", fw.pid, fw.fd,
            only and fmt(" around frame %d", only) or "")
    end
    out[#out + 1] = string.rep("=", 67)
    return concat(out, "\n") .. "\n"
end

----------------------------------------------------------------------------
-- Statistics: per process, per file, errors.

-- table_text lays out rows under a header: numbers right-aligned to their
-- column's width, the last column (a name) left as it is.
local function table_text(title, header, rows)
    local w = {}
    for i, h in ipairs(header) do w[i] = #h end
    for _, r in ipairs(rows) do
        for i = 1, #header - 1 do
            if #tostring(r[i]) > w[i] then w[i] = #tostring(r[i]) end
        end
    end
    local out = { string.rep("=", 67), title }
    local function line(r, pad)
        local t = {}
        for i = 1, #header - 1 do t[i] = string.rep(" ", w[i] - #tostring(r[i])) .. tostring(r[i]) end
        t[#header] = tostring(r[#header])
        out[#out + 1] = concat(t, "  ")
    end
    line(header)
    local dashes = {}
    for i = 1, #header - 1 do dashes[i] = string.rep("-", w[i]) end
    dashes[#header] = string.rep("-", math.max(#header[#header], 16))
    line(dashes)
    for _, r in ipairs(rows) do line(r) end
    out[#out + 1] = string.rep("=", 67)
    return concat(out, "\n") .. "\n"
end

local function errno_name(e)
    local en = errno_of(e)
    return en and en[1] or fmt("errno %d", e)
end

local function new_stats()
    return { procs = new_procs(), per = {}, files = {}, forder = {}, errors = {}, eorder = {}, exits = {} }
end

local function file_row(st, path)
    local f = st.files[path]
    if not f then
        f = { path = path, opens = 0, calls = 0, errors = 0, read = 0, written = 0 }
        st.files[path] = f
        st.forder[#st.forder + 1] = f
    end
    return f
end

local function stats_record(st, rec)
    local x = rec.kind == KIND.syscall and facts(rec) or nil
    note_proc(st.procs, rec)
    local pid = rec.pid
    if rec.kind == KIND.exit then
        local ws = rec.ret[2]
        if ws % 128 == 0 then
            st.exits[pid] = fmt("exit %d", floor(ws / 256) % 256)
        elseif ws % 128 ~= 0x7f then
            st.exits[pid] = "killed by " .. signal_string(ws % 128)
        end
        return
    end
    if rec.kind ~= KIND.syscall or has(rec.flags, F_NORETURN) then return end
    local pp = st.per[pid]
    if not pp then
        pp = { calls = 0, errors = 0, ns = 0, threads = {}, nthreads = 0 }
        st.per[pid] = pp
    end
    pp.calls = pp.calls + 1
    pp.ns = pp.ns + unum(rec.duration)
    if not pp.threads[rec.tid] then
        pp.threads[rec.tid] = true
        pp.nthreads = pp.nthreads + 1
    end
    if not x then return end
    if x.failed then pp.errors = pp.errors + 1 end
    -- The file of the call: its descriptor's path, the path it opened, or
    -- its path argument as given.
    local path = x.fd and x.paths[x.fd]
    if x.ret_fd then path = x.ret_path or x.path or path end
    path = path or x.path
    if path then
        local f = file_row(st, path)
        f.calls = f.calls + 1
        if x.ret_fd and (x.path or x.ret_path) then f.opens = f.opens + 1 end
        if x.failed then f.errors = f.errors + 1 end
    end
    for _, io in ipairs(x.io) do
        local p = x.paths[io.fd]
        if p then
            local f = file_row(st, p)
            if p ~= path then f.calls = f.calls + 1 end
            if io.dir == "w" then f.written = f.written + io.count else f.read = f.read + io.count end
        end
    end
    if x.failed then
        local key = x.errno .. "\0" .. (path or "")
        local e = st.errors[key]
        if not e then
            e = { errno = x.errno, path = path or "", calls = 0, names = {}, list = {} }
            st.errors[key] = e
            st.eorder[#st.eorder + 1] = e
        end
        e.calls = e.calls + 1
        if not e.names[x.name] then
            e.names[x.name] = true
            e.list[#e.list + 1] = x.name
        end
    end
end

local function processes_text(st)
    local p = st.procs
    local rows = {}
    for _, pid in ipairs(p.order) do
        local pp = st.per[pid] or { calls = 0, errors = 0, ns = 0, nthreads = 0 }
        rows[#rows + 1] = { pid, p.ppid[pid] or "", pp.nthreads, pp.calls, pp.errors, fmt("%.6f", pp.ns / 1e9),
            st.exits[pid] or "", p.comm[pid] or "" }
    end
    return table_text("Processes: calls, errors and seconds in calls (-z strace,processes)",
        { "pid", "ppid", "threads", "calls", "errors", "seconds", "end", "command" }, rows)
end

local function files_text(st)
    local fs = {}
    for _, f in ipairs(st.forder) do fs[#fs + 1] = f end
    table.sort(fs, function(a, b)
        if a.read + a.written ~= b.read + b.written then return a.read + a.written > b.read + b.written end
        if a.calls ~= b.calls then return a.calls > b.calls end
        return a.path < b.path
    end)
    local rows = {}
    for _, f in ipairs(fs) do
        rows[#rows + 1] = { f.opens, f.calls, f.errors, f.read, f.written, f.path }
    end
    return table_text("Files: calls by fd path or path argument (-z strace,files)",
        { "opens", "calls", "errors", "bytes read", "bytes written", "path" }, rows)
end

local function errors_text(st)
    local es = {}
    for _, e in ipairs(st.eorder) do es[#es + 1] = e end
    table.sort(es, function(a, b)
        if a.calls ~= b.calls then return a.calls > b.calls end
        if a.errno ~= b.errno then return a.errno < b.errno end
        return a.path < b.path
    end)
    local rows = {}
    for _, e in ipairs(es) do
        rows[#rows + 1] = { errno_name(e.errno), e.calls, concat(e.list, ","), e.path ~= "" and e.path or "-" }
    end
    -- errno and syscalls are words: left-aligned.
    local w1, w3 = 5, 8
    for _, r in ipairs(rows) do
        if #r[1] > w1 then w1 = #r[1] end
        if #r[3] > w3 then w3 = #r[3] end
    end
    for _, r in ipairs(rows) do
        r[1] = r[1] .. string.rep(" ", w1 - #r[1])
        r[3] = r[3] .. string.rep(" ", w3 - #r[3])
    end
    return table_text("Errors: failed calls by errno and path (-z strace,errors)",
        { "errno" .. string.rep(" ", w1 - 5), "calls", "syscalls" .. string.rep(" ", w3 - 8), "path" }, rows)
end

return {
    summary_text = summary_text,
    DATA_CALLS = DATA_CALLS,
    MMSG_CALLS = MMSG_CALLS,
    facts = facts,
    be16 = be16,
    MAX_SEGMENT = MAX_SEGMENT,
    IPPROTO_TCP = IPPROTO_TCP,
    IPPROTO_UDP = IPPROTO_UDP,
    ip_packet = ip_packet,
    endpoints = endpoints,
    sockaddr_in = sockaddr_in,
    new_procs = new_procs,
    note_proc = note_proc,
    family_text = family_text,
    new_follow = new_follow,
    follow_record = follow_record,
    stream_at = stream_at,
    stream_filter = stream_filter,
    follow_text = follow_text,
    new_stats = new_stats,
    stats_record = stats_record,
    processes_text = processes_text,
    files_text = files_text,
    errors_text = errors_text,
}
end)()

----------------------------------------------------------------------------
-- What strace.lua and the differential test use.

return {
    proc_label = proc_label,
    quick_head = quick_head,
    exact_key = exact_key,
    loose_key = loose_key,
    held_runs = held_runs,
    summary_text = V.summary_text,
    DATA_CALLS = V.DATA_CALLS,
    MMSG_CALLS = V.MMSG_CALLS,
    facts = V.facts,
    be16 = V.be16,
    MAX_SEGMENT = V.MAX_SEGMENT,
    IPPROTO_TCP = V.IPPROTO_TCP,
    IPPROTO_UDP = V.IPPROTO_UDP,
    ip_packet = V.ip_packet,
    endpoints = V.endpoints,
    sockaddr_in = V.sockaddr_in,
    new_procs = V.new_procs,
    note_proc = V.note_proc,
    family_text = V.family_text,
    new_follow = V.new_follow,
    follow_record = V.follow_record,
    stream_at = V.stream_at,
    stream_filter = V.stream_filter,
    follow_text = V.follow_text,
    new_stats = V.new_stats,
    stats_record = V.stats_record,
    processes_text = V.processes_text,
    files_text = V.files_text,
    errors_text = V.errors_text,
    TWO32 = TWO32,
    n32 = n32,
    U = U,
    uandnot = uandnot,
    uzero = uzero,
    ult = ult,
    uadd = uadd,
    udiff = udiff,
    unum = unum,
    isneg = isneg,
    sdec = sdec,
    int32 = int32,
    le32 = le32,
    KIND = KIND,
    kind_names = kind_names,
    F_NORETURN = F_NORETURN,
    F_GROUPSTOP = F_GROUPSTOP,
    F_ATTACH = F_ATTACH,
    F_EXEC = F_EXEC,
    F_FORK = F_FORK,
    F_FOLLOW = F_FOLLOW,
    F_LAUNCHED = F_LAUNCHED,
    F_SUPERSEDED = F_SUPERSEDED,
    SEC = SEC,
    sec_names = sec_names,
    SF_STRING = SF_STRING,
    has = has,
    byte = byte,
    uv = uv,
    parse_quick = parse_quick,
    parse = parse,
    section = section,
    in_phase = in_phase,
    mem_read = mem_read,
    mem_string = mem_string,
    mem_captured = mem_captured,
    mem_fdpath = mem_fdpath,
    mem_fdinfo = mem_fdinfo,
    quote = quote,
    signal_string = signal_string,
    errno_of = errno_of,
    new_ctx = new_ctx,
    member_fields = member_fields,
    plan = plan,
    pad = pad,
    syscall_line = syscall_line,
    sig_code = sig_code,
    signal_line = signal_line,
    exit_line = exit_line,
    fd_yy = fd_yy,
    failed_text = failed_text,
    string_limit = string_limit,
    meta_line = meta_line,
    chex = chex,
    format_flags = format_flags,
}
