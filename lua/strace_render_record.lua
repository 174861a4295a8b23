-- strace_render_record.lua: the record parser: a record's header, arguments and sections from its bytes.
-- A part of strace_render.lua, which runs it with the names the earlier parts
-- left in SR; run alone, as Wireshark runs every .lua file in its plugins
-- folder, it does nothing.

local SR = ...
if type(SR) ~= "table" or SR.D == nil then return {} end
local TWO32, ZERO, band, chex, floor, fmt, le = SR.TWO32, SR.ZERO, SR.band, SR.chex, SR.floor, SR.fmt, SR.le
local le32, le64, udec, ueq, unum = SR.le32, SR.le64, SR.udec, SR.ueq, SR.unum

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

SR.F_ATTACH, SR.F_EXEC, SR.F_FOLLOW, SR.F_FORK = F_ATTACH, F_EXEC, F_FOLLOW, F_FORK
SR.F_GROUPSTOP, SR.F_LAUNCHED, SR.F_NORETURN = F_GROUPSTOP, F_LAUNCHED, F_NORETURN
SR.F_SUPERSEDED, SR.KIND, SR.P2, SR.SEC, SR.SF_EXIT = F_SUPERSEDED, KIND, P2, SEC, SF_EXIT
SR.SF_FAULT, SR.SF_STRING, SR.SF_TERMINATED, SR.byte, SR.has = SF_FAULT, SF_STRING, SF_TERMINATED, byte, has
SR.kind_names, SR.parse, SR.parse_quick, SR.sec_names = kind_names, parse, parse_quick, sec_names
SR.section, SR.uv = section, uv
