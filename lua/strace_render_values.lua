-- strace_render_values.lua: the bit library shim, 64-bit values as {hi, lo} pairs and byte reading.
-- A part of strace_render.lua, which runs it with the names the earlier parts
-- left in SR; run alone, as Wireshark runs every .lua file in its plugins
-- folder, it does nothing.

local SR = ...
if type(SR) ~= "table" or SR.D == nil then return {} end

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

SR.TWO32, SR.U, SR.ZERO, SR.band, SR.bnot, SR.bor, SR.chex = TWO32, U, ZERO, band, bnot, bor, chex
SR.concat, SR.floor, SR.fmt, SR.gohex, SR.gomode, SR.gooct = concat, floor, fmt, gohex, gomode, gooct
SR.int32, SR.isneg, SR.le, SR.le32, SR.le64, SR.lshift, SR.n32 = int32, isneg, le, le32, le64, lshift, n32
SR.rshift, SR.sdec, SR.uadd, SR.uand, SR.uandnot, SR.udec = rshift, sdec, uadd, uand, uandnot, udec
SR.udiff, SR.ueq, SR.ult, SR.uneg, SR.unum, SR.uor, SR.ushr = udiff, ueq, ult, uneg, unum, uor, ushr
SR.uzero = uzero
