-- strace_uring.lua: the io_uring operations of an io_uring_enter record,
-- free of Wireshark's API: a port of decoder/uring.go. At the call's
-- entry, the submission queue entries it hands the kernel; at its exit,
-- the completions waiting. The record holds the ring (a uring section,
-- type 14: its addresses and io_uring_params) and the ring's bytes (mem
-- sections); docs/format.md, "io_uring rings".
--
-- strace.lua loads it from its own folder and calls the chunk with
-- { D = the decode helper's table, SR = the renderer's }; it returns entries(rec,
-- limit), which gives the SQEs and CQEs with the comment lines
-- `stracedump decode --io-uring` prints for them (default options).
-- Portable from Lua 5.2 to 5.4: no bit operators, arithmetic only.

local A = ...
local D, SR = type(A) == "table" and A.D, type(A) == "table" and A.SR
if type(D) ~= "table" or type(SR) ~= "table" or not SR.new_ctx then
    return {}
end

local fmt, floor, concat = string.format, math.floor, table.concat
local U, uadd, sdec, int32, chex = SR.U, SR.uadd, SR.sdec, SR.int32, SR.chex
local format_flags, in_phase, mem_read, errno_of, has = SR.format_flags, SR.in_phase, SR.mem_read, SR.errno_of, SR.has

local SEC_URING = 14
local MAX_ENTRIES = 256
-- io_uring_enter's IORING_ENTER_REGISTERED_RING; setup flags; the
-- operations whose buffer a line quotes.
local ENTER_REGISTERED_RING = 0x10
local SETUP_SQPOLL, SETUP_SQE128, SETUP_CQE32, SETUP_NO_SQARRAY = 0x2, 0x400, 0x800, 0x10000
local FEAT_SINGLE_MMAP, FIXED_FILE, BUFFER_SELECT = 0x1, 0x1, 0x20
local WRITES = { [5] = true, [23] = true, [26] = true, [47] = true }
local READS = { [4] = true, [22] = true, [27] = true }

-- bitset: whether v (below 2^32) has bit b (a power of two).
local function bitset(v, b) return floor(v / b) % 2 == 1 end

local function le(s, off, n)
    local v = 0
    for i = n, 1, -1 do v = v * 256 + s:byte(off + i) end
    return v
end
local function u64(s, off) return { le(s, off + 4, 4), le(s, off, 4) } end

-- ring is the record's uring section for the call's fd, read at entry,
-- parsed; a registered ring's key is 1<<32 | its index.
local function ring(rec)
    local hi = bitset(rec.args[4][2], ENTER_REGISTERED_RING) and 1 or 0
    local fd = rec.args[1][2]
    for _, sec in ipairs(rec.sections) do
        if sec.type == SEC_URING and sec.key[1] == hi and sec.key[2] == fd and in_phase(sec, false) and #sec.data >= 144 then
            local d = sec.data
            local p = 24
            local r = { sq = u64(d, 0), cq = u64(d, 8), sqes = u64(d, 16),
                sq_entries = le(d, p, 4), cq_entries = le(d, p + 4, 4), flags = le(d, p + 8, 4), features = le(d, p + 20, 4),
                sq_off = {}, cq_off = {} }
            for i = 0, 7 do
                r.sq_off[i] = le(d, p + 40 + 4 * i, 4)
                r.cq_off[i] = le(d, p + 80 + 4 * i, 4)
            end
            return r
        end
    end
    return nil
end

local function zero(a) return a[1] == 0 and a[2] == 0 end
local function pow2(n) return n > 0 and floor(n) == n and 2 ^ floor(math.log(n, 2) + 0.5) == n end

local function read32(rec, exit, addr)
    local b = mem_read(rec, exit, addr, 4)
    return b and le(b, 0, 4)
end

-- sqes reads the entries as uringSQEs does.
local function sqes(rec, r)
    local entries = r.sq_entries
    if zero(r.sq) or zero(r.sqes) or not pow2(entries) then return {} end
    local head = read32(rec, false, uadd(r.sq, r.sq_off[0]))
    local tail = read32(rec, false, uadd(r.sq, r.sq_off[1]))
    if not head or not tail then return {} end
    local n = math.min((tail - head) % 4294967296, entries, MAX_ENTRIES)
    if not bitset(r.flags, SETUP_SQPOLL) then n = math.min(n, rec.args[2][2]) end
    local size = bitset(r.flags, SETUP_SQE128) and 128 or 64
    local out = {}
    for i = 0, n - 1 do
        local idx = (head + i) % entries
        local skip = false
        if not bitset(r.flags, SETUP_NO_SQARRAY) then
            idx = read32(rec, false, uadd(r.sq, r.sq_off[6] + 4 * idx))
            if not idx then break end
            skip = idx >= entries
        end
        if not skip then
            local b = mem_read(rec, false, uadd(r.sqes, size * idx), 64)
            if not b then break end
            out[#out + 1] = { opcode = b:byte(1), flags = b:byte(2), ioprio = le(b, 2, 2), fd = int32(le(b, 4, 4)),
                off = u64(b, 8), addr = u64(b, 16), len = le(b, 24, 4), op_flags = le(b, 28, 4),
                user_data = u64(b, 32), buf_index = le(b, 40, 2), personality = le(b, 42, 2) }
        end
    end
    return out
end

-- cqes reads the completions as uringCQEs does.
local function cqes(rec, r)
    local base = r.cq
    if zero(base) and bitset(r.features, FEAT_SINGLE_MMAP) then base = r.sq end
    local entries = r.cq_entries
    if zero(base) or not pow2(entries) then return {} end
    local head = read32(rec, true, uadd(base, r.cq_off[0]))
    local tail = read32(rec, true, uadd(base, r.cq_off[1]))
    if not head or not tail then return {} end
    local n = math.min((tail - head) % 4294967296, entries, MAX_ENTRIES)
    local size = bitset(r.flags, SETUP_CQE32) and 32 or 16
    local out = {}
    for i = 0, n - 1 do
        local b = mem_read(rec, true, uadd(base, r.cq_off[5] + size * ((head + i) % entries)), 16)
        if not b then break end
        out[#out + 1] = { user_data = u64(b, 0), res = int32(le(b, 8, 4)), flags = le(b, 12, 4) }
    end
    return out
end

local function op_name(op)
    local x = D.xlats.uring_ops
    for _, e in ipairs(x.entries) do
        if e[1] == 0 and e[2] == op then return e[3] end
    end
    return "op " .. op
end

-- sqe_line is the comment line of one entry, without its newline; c is
-- an entry-phase context (its buffer quoting).
local function sqe_line(c, s, arch)
    c:reset()
    c:out("# io_uring sqe: " .. op_name(s.opcode))
    if s.opcode ~= 0 then
        if bitset(s.flags, FIXED_FILE) then
            c:out(fmt(" fd=#%d", s.fd))
        else
            c:out(fmt(" fd=%d", s.fd))
        end
        c:out(" addr=" .. chex(s.addr))
        if WRITES[s.opcode] then
            c:out(" buf=")
            c:read_buf(s.addr, U(s.len), false)
        end
        c:out(fmt(" len=%d off=%s", s.len, sdec(s.off)))
        if s.op_flags ~= 0 then c:out(" op_flags=" .. chex(U(s.op_flags))) end
    end
    if s.flags ~= 0 then c:out(" flags=" .. format_flags("uring_sqe_flags", U(s.flags), arch)) end
    if s.ioprio ~= 0 then c:out(fmt(" ioprio=%d", s.ioprio)) end
    if s.buf_index ~= 0 then c:out(fmt(" buf_index=%d", s.buf_index)) end
    if s.personality ~= 0 then c:out(fmt(" personality=%d", s.personality)) end
    c:out(" user_data=" .. chex(s.user_data))
    return c:text()
end

local function cqe_line(c, q, read, arch)
    c:reset()
    c:out("# io_uring cqe: user_data=" .. chex(q.user_data) .. fmt(" res=%d", q.res))
    if q.res < 0 and q.res > -4096 then
        local en = errno_of(-q.res)
        if en and en[1] and en[1] ~= "" then c:out(" " .. en[1]) end
        c:out(" (" .. (en and en[2] or fmt("Unknown error %d", -q.res)) .. ")")
    elseif read and q.res > 0 then
        c:out(" buf=")
        c:read_buf(read.addr, U(q.res), false)
    end
    if q.flags ~= 0 then c:out(" flags=" .. format_flags("uring_cqe_flags", U(q.flags), arch)) end
    return c:text()
end

local function key(a) return a[1] .. ":" .. a[2] end

-- entries returns an io_uring_enter record's SQEs and CQEs, each with its
-- comment line (.line), or nil when the record holds no ring. limit is
-- the string limit the lines quote buffers to.
local function entries(rec, limit)
    if rec.kind ~= 1 and rec.kind ~= 2 then return nil end
    local a = D.arches[rec.arch]
    local e = a and rec.nr[1] == 0 and a.sys[rec.nr[2]]
    if not e or e[1] ~= "io_uring_enter" then return nil end
    local r = ring(rec)
    if not r then return nil end
    local ce = SR.new_ctx(rec, false, limit)
    local subs = sqes(rec, r)
    local reads = {}
    for _, s in ipairs(subs) do
        s.line = sqe_line(ce, s, rec.arch)
        if READS[s.opcode] and not bitset(s.flags, BUFFER_SELECT) then reads[key(s.user_data)] = s end
    end
    local comps = {}
    if rec.kind == 1 and not has(rec.flags, SR.F_NORETURN) then
        local cx = SR.new_ctx(rec, true, limit)
        comps = cqes(rec, r)
        for _, q in ipairs(comps) do q.line = cqe_line(cx, q, reads[key(q.user_data)], rec.arch) end
    end
    return { sqes = subs, cqes = comps }
end

-- lines is what decode --io-uring prints after the call's line.
local function lines(rec, limit)
    local u = entries(rec, limit)
    if not u then return "" end
    local out = {}
    for _, s in ipairs(u.sqes) do out[#out + 1] = s.line .. "\n" end
    for _, q in ipairs(u.cqes) do out[#out + 1] = q.line .. "\n" end
    return concat(out)
end

return { entries = entries, lines = lines, op_name = op_name }
