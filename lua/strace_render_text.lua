-- strace_render_text.lua: memory reads from a record's sections, text quoting and the flag and value sets.
-- A part of strace_render.lua, which runs it with the names the earlier parts
-- left in SR; run alone, as Wireshark runs every .lua file in its plugins
-- folder, it does nothing.

local SR = ...
if type(SR) ~= "table" or SR.D == nil then return {} end
local D, SEC, SF_EXIT, SF_FAULT, SF_STRING = SR.D, SR.SEC, SR.SF_EXIT, SR.SF_FAULT, SR.SF_STRING
local SF_TERMINATED, ZERO, band, bnot, bor = SR.SF_TERMINATED, SR.ZERO, SR.band, SR.bnot, SR.bor
local chex, concat, fmt, has, lshift, n32 = SR.chex, SR.concat, SR.fmt, SR.has, SR.lshift, SR.n32
local rshift, uand, uandnot, udec, udiff, ueq = SR.rshift, SR.uand, SR.uandnot, SR.udec, SR.udiff, SR.ueq
local ult, ushr, uzero = SR.ult, SR.ushr, SR.uzero

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

SR.cstring, SR.errno_of, SR.format_enum, SR.format_flags = cstring, errno_of, format_enum, format_flags
SR.in_phase, SR.mem_captured, SR.mem_fdinfo, SR.mem_fdpath = in_phase, mem_captured, mem_fdinfo, mem_fdpath
SR.mem_read, SR.mem_string, SR.quote, SR.signal_string = mem_read, mem_string, quote, signal_string
SR.xlat_lookup, SR.xlat_value = xlat_lookup, xlat_value
