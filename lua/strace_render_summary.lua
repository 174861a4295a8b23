-- strace_render_summary.lua: what the taps make of a capture: strace -c's table, data facts, rebuilt IP packets, processes.
-- A part of strace_render.lua, which runs it with the names the earlier parts
-- left in SR; run alone, as Wireshark runs every .lua file in its plugins
-- folder, it does nothing.

local SR = ...
if type(SR) ~= "table" or SR.D == nil then return {} end
local F_NORETURN, KIND, SEC, SF_STRING, TWO32 = SR.F_NORETURN, SR.KIND, SR.SEC, SR.SF_STRING, SR.TWO32
local byte, concat, floor, fmt, has, in_phase = SR.byte, SR.concat, SR.floor, SR.fmt, SR.has, SR.in_phase
local int32, isneg, le32, mem_captured = SR.int32, SR.isneg, SR.le32, SR.mem_captured
local mem_fdpath, mem_read, mem_string, new_ctx = SR.mem_fdpath, SR.mem_read, SR.mem_string, SR.new_ctx
local plan, proc_label, section, uadd, udiff = SR.plan, SR.proc_label, SR.section, SR.uadd, SR.udiff
local ult, unum, uzero = SR.ult, SR.unum, SR.uzero

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

SR.DATA_CALLS, SR.IPPROTO_TCP, SR.IPPROTO_UDP = DATA_CALLS, IPPROTO_TCP, IPPROTO_UDP
SR.MAX_SEGMENT, SR.MMSG_CALLS, SR.be16, SR.endpoints = MAX_SEGMENT, MMSG_CALLS, be16, endpoints
SR.facts, SR.family_text, SR.ip_packet, SR.new_procs = facts, family_text, ip_packet, new_procs
SR.note_proc, SR.sockaddr_in, SR.summary_text = note_proc, sockaddr_in, summary_text
