-- strace_render_quick.lua: the dissector's quick path and its Info cache keys.
-- A part of strace_render.lua, which runs it with the names the earlier parts
-- left in SR; run alone, as Wireshark runs every .lua file in its plugins
-- folder, it does nothing.

local SR = ...
if type(SR) ~= "table" or SR.D == nil then return {} end
local SEC, TWO32, byte, concat, floor, fmt, uv = SR.SEC, SR.TWO32, SR.byte, SR.concat, SR.floor, SR.fmt, SR.uv

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

SR.exact_key, SR.held_runs, SR.loose_key, SR.proc_label = exact_key, held_runs, loose_key, proc_label
SR.quick_head = quick_head
