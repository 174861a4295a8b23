-- strace_dissector_state.lua: per-capture state kept per frame, and the record's tree.
-- A part of strace.lua, which runs it with the names the earlier parts left in
-- WS; run alone, as Wireshark runs every .lua file in its plugins folder, it
-- does nothing.

local WS = ...
if type(WS) ~= "table" or WS.SR == nil then return {} end
local D, F_GROUPSTOP, F_NORETURN, F_SUPERSEDED = WS.D, WS.F_GROUPSTOP, WS.F_NORETURN, WS.F_SUPERSEDED
local KIND, SEC, TWO32, U, band, concat, ef = WS.KIND, WS.SEC, WS.TWO32, WS.U, WS.band, WS.concat, WS.ef
local errno_of, exit_line, f, failed_text, fd_yy = WS.errno_of, WS.exit_line, WS.f, WS.failed_text, WS.fd_yy
local flag_trees, floor, fmt, has, int32, le32 = WS.flag_trees, WS.floor, WS.fmt, WS.has, WS.int32, WS.le32
local lshift, mem_fdinfo, mem_fdpath, n32, pad = WS.lshift, WS.mem_fdinfo, WS.mem_fdpath, WS.n32, WS.pad
local proc_label, sdec, sec_names, section = WS.proc_label, WS.sdec, WS.sec_names, WS.section
local sig_code, signal_line, signal_string, strace = WS.sig_code, WS.signal_line, WS.signal_string, WS.strace
local string_limit, syscall_line, text_vs, uandnot = WS.string_limit, WS.syscall_line, WS.text_vs, WS.uandnot
local SU = WS.SU

----------------------------------------------------------------------------
-- Per-capture state, built on the first pass in frame order and kept per
-- frame so that later (random order) dissections show the same.

-- reset_state makes a new one, in WS.state too: the other parts read it
-- from there, at the time they use it.
local state

local function reset_state()
    state = {
        limit = 0,     -- the capture's -s, from its capture record
        comm = {},     -- pid -> comm, from process records
        cwd = {},      -- pid -> {path, frame}, from process records
        pending = {},  -- tid -> frame of an entry record waiting for its call
        frames = {},   -- frame number -> what the first pass decided
        plain = {},    -- pid -> the frame state shared by its unlinked calls
    }
    WS.state = state
end
reset_state()

function strace.init()
    reset_state()
end

-- plain_fs is the frame state of a call of pid that links to no other
-- frame: one table per process, shared while its name and the capture's
-- string limit stay (nothing changes a frame state once it has no link
-- to gain).
local function plain_fs(pid)
    local comm, cwd = state.comm[pid], state.cwd[pid]
    local p = state.plain[pid]
    if p and p.comm == comm and p.cwd == cwd and p.limit == state.limit then return p end
    p = { limit = state.limit, comm = comm, cwd = cwd }
    state.plain[pid] = p
    return p
end

-- first_pass updates the capture state with rec and returns what this frame
-- keeps.
local function first_pass(rec, number)
    if rec.kind == KIND.syscall and not state.pending[rec.tid] then return plain_fs(rec.pid) end
    local fs = {}
    if rec.kind == KIND.capture then
        state.limit = rec.args[1][1] == 0 and rec.args[1][2] or 0
    elseif rec.kind == KIND.process then
        local s = section(rec, SEC.comm)
        if s then state.comm[rec.pid] = s.data:gsub("\n$", "") end
        s = section(rec, SEC.cwd)
        if s then state.cwd[rec.pid] = { path = s.data, frame = number } end
    end
    fs.limit = state.limit
    fs.comm = state.comm[rec.pid]
    fs.cwd = state.cwd[rec.pid]
    if rec.kind == KIND.entry then
        if not state.pending[rec.tid] then state.pending[rec.tid] = number end
    elseif rec.kind == KIND.syscall then
        local e = state.pending[rec.tid]
        if e then
            fs.request_in = e
            local efs = state.frames[e]
            if efs then efs.response_in = number end
            state.pending[rec.tid] = nil
        end
    elseif rec.kind == KIND.exit then
        state.pending[rec.tid] = nil
        if has(rec.flags, F_SUPERSEDED) then
            -- The thread that called execve took the leader's tid: its
            -- execve completes there.
            state.pending[rec.tid] = state.pending[rec.nr[2]]
            state.pending[rec.nr[2]] = nil
        end
    end
    return fs
end

-- nstime is the nanoseconds ns ({hi, lo}) as an NSTime, exact for all 64
-- bits: a long division by 1e9 in 16-bit digits keeps every step below 2^53.
local function nstime(ns)
    local q, r = 0, 0
    for _, d in ipairs({ floor(ns[1] / 65536), ns[1] % 65536, floor(ns[2] / 65536), ns[2] % 65536 }) do
        local x = r * 65536 + d
        local qd = floor(x / 1e9)
        r = x - qd * 1e9
        q = q * 65536 + qd
    end
    return NSTime(q, r)
end

local function tvb_range(tvb, off, n)
    if not off or off < 0 or n < 0 or off + n > tvb:len() then return nil end
    return tvb(off, n)
end

-- add adds a field with an explicit value, over range when there is one.
local function add(tree, field, range, value)
    if range then return tree:add(field, range, value) end
    return tree:add(field, value)
end

-- at_range is the range of a record position from parse, nil for a value
-- the record leaves out.
local function at_range(tvb, p)
    return p and tvb_range(tvb, p[1], p[2])
end

-- packet_time is the packet's timestamp as an NSTime, to the nanosecond
-- (pinfo.abs_ts is a float of seconds, which cannot hold nanoseconds).
-- The field extractor makes tshark build a tree for every packet; the
-- dissector fills it only where something reads it (strace_wanted).
-- frame_field.ifdesc is the interface description, where a remote capture
-- names its host ("host: web1; ls -l /"): merged captures of several
-- hosts keep one interface per file.
local frame_field = { time = Field.new("frame.time"), ifdesc = Field.new("frame.interface_description") }
local function packet_time(pinfo)
    local fi = frame_field.time()
    if fi then return fi.value end
    local t = pinfo.abs_ts
    local secs = floor(t)
    return NSTime(secs, floor((t - secs) * 1e9 + 0.5))
end

-- add_flag_tree adds a flag word's bits under item: each flag's bit field
-- as the record's arch has it.
local function add_flag_tree(item, set, v, arch, range)
    local t = flag_trees[set]
    if not t then return end
    if t.value then add(item, t.value, range, v[2]) end
    local vhi, vlo = v[1], v[2]
    for _, fl in ipairs(t.flags) do
        local e = fl.arch[arch]
        if e == nil then e = fl end
        if e then
            if e.computed then
                add(item, e.field, range, n32(band(vhi, e.hi)) == e.hi and n32(band(vlo, e.lo)) == e.lo)
            else
                add(item, e.field, range, vlo)
            end
        end
    end
end

-- flag_item adds a flag argument as its set's field, its bits below.
local function flag_item(tree, set, v, arch, range)
    local t = flag_trees[set]
    if not t then return nil end
    local item
    if D.flag_fields[set].wide then
        item = add(tree, t.field, range, UInt64(v[2], v[1]))
    else
        item = add(tree, t.field, range, v[2])
    end
    add_flag_tree(item, set, v, arch, range)
    return item
end

-- add_members adds the structure members an argument's rendering noted.
-- Numbers come from the tvb in the tracee's byte order (network order for
-- ports and addresses), so 64-bit values stay exact.
local function add_members(tree, tvb, members)
    for _, m in ipairs(members or {}) do
        local pf = f[m.key]
        local r = pf and tvb_range(tvb, m.off, m.n)
        if m.how == "str" then
            if pf then add(tree, pf, r, m.value) end
        elseif r then
            if m.how == "be" or m.big then tree:add(pf, r) else tree:add_le(pf, r) end
        end
    end
end

-- add_fdinfo adds the fields of an fdinfo section (docs/format.md): a
-- socket's protocol and endpoints, a device's type and numbers, a pidfd's
-- process.
local function add_fdinfo(tree, tvb, sec)
    if not sec then return end
    local d, n = sec.data, #sec.data
    local function r(off, len) return tvb_range(tvb, sec.doff + off, len) end
    local kind = d:byte(1)
    if kind == 4 and n == 5 then
        if r(1, 4) then tree:add_le(f.fd_pid, r(1, 4)) end
        return
    end
    if kind == 1 or kind == 2 then
        -- major and minor: two varints of at most 5 bytes.
        local vals, p = {}, 1
        for i = 1, 2 do
            local v, mul, start = 0, 1, p
            repeat
                local x = d:byte(p + 1)
                if not x or p - start >= 5 then return end
                v, mul, p = v + (x % 128) * mul, mul * 128, p + 1
            until x < 128
            if v > 4294967295 then return end
            vals[i] = { v, start, p - start }
        end
        if p ~= n then return end
        tree:add(f.fd_dev_type, kind == 1 and "char" or "block")
        add(tree, f.fd_dev_major, r(vals[1][2], vals[1][3]), vals[1][1])
        add(tree, f.fd_dev_minor, r(vals[2][2], vals[2][3]), vals[2][1])
        return
    end
    if kind ~= 3 or n < 2 then return end
    local p = 2 + d:byte(2) -- the inode's offset
    if n < p + 5 or not r(0, n) then return end
    add(tree, f.fd_proto, r(2, p - 2), d:sub(3, p))
    tree:add_le(f.fd_inode, r(p, 4))
    local fam = d:byte(p + 5)
    p = p + 5
    if (fam == 2 and n == p + 12) or (fam == 10 and n == p + 36) then
        local a = fam == 2 and 4 or 16
        tree:add(fam == 2 and f.fd_local_addr or f.fd_local_addr6, r(p, a))
        tree:add(f.fd_local_port, r(p + a, 2))
        tree:add(fam == 2 and f.fd_peer_addr or f.fd_peer_addr6, r(p + a + 2, a))
        tree:add(f.fd_peer_port, r(p + 2 * a + 2, 2))
    elseif fam == 1 and n >= p + 4 then
        tree:add_le(f.fd_unix_peer, r(p, 4))
        if n > p + 4 then
            local name = d:sub(p + 5)
            if name:byte(1) == 0 then
                name = "@" .. name:sub(2):match("^[^%z]*")
            else
                name = name:match("^[^%z]*")
            end
            add(tree, f.fd_unix_path, r(p + 4, n - p - 4), name)
        end
    elseif fam == 16 and n == p + 8 then
        tree:add_le(f.fd_netlink_proto, r(p, 4))
        tree:add_le(f.fd_netlink_portid, r(p + 4, 4))
    end
end

-- labels caches each process's Source/Destination text.
local labels = {}

local function label(pid, comm)
    local l = labels[pid]
    if l and l.comm == comm then return l.text end
    local text = proc_label(pid, comm)
    labels[pid] = { comm = comm, text = text }
    return text
end

local PATH_KINDS = { Path = true }
local DATA_KINDS = { Str = true, Buf = true }

-- add_fd adds an fd's number, path and what strace -yy shows of it.
local function add_fd(tree, tvb, rec, fd, exit)
    tree:add(f.fd, fd)
    -- The path and its details of one phase: a dup2 onto the fd changes
    -- both between entry and exit.
    local phase = exit
    local p = mem_fdpath(rec, phase, n32(fd))
    if not p then
        phase = not exit
        p = mem_fdpath(rec, phase, n32(fd))
    end
    if p then tree:add(f.fd_path, p) end
    local sec = mem_fdinfo(rec, phase, n32(fd)) or (not p and mem_fdinfo(rec, not phase, n32(fd))) or nil
    local yy = fd_yy(p, sec, rec.arch)
    if yy then tree:add(f.fd_yy, yy) end
    add_fdinfo(tree, tvb, sec)
end

-- add_arg adds one argument as one item, "flags: O_RDONLY|O_CLOEXEC": a
-- flag word as its set's bit field, anything else as strace.arg; below
-- it what the argument points at or names (members, fd, path, data).
-- The raw value, name and text stay filterable as hidden fields.
local function add_arg(tree, tvb, rec, fs, n)
    local a = n.arg
    local ar = at_range(tvb, rec.at.args[a.i + 1])
    local v = rec.args[a.i + 1]
    local k = a.k.k
    local item
    if k == "Flags" then
        item = flag_item(tree, a.k.set, a.k.long and v or U(v[2]), rec.arch, ar)
    elseif k == "CloneFlags" then
        item = flag_item(tree, "clone_flags", uandnot(v, U(0xff)), rec.arch, ar)
    end
    local raw
    if item then
        raw = add(item, f.arg, ar, UInt64(v[2], v[1]))
        raw:set_hidden()
    else
        item = add(tree, f.arg, ar, UInt64(v[2], v[1]))
    end
    -- clone's arguments render as "flags=...": the item names it once.
    local shown = n.text
    if shown:sub(1, #a.name + 1) == a.name .. "=" then shown = shown:sub(#a.name + 2) end
    item:set_text(fmt("%s: %s", a.name, shown))
    item:add(f.arg_name, a.name):set_hidden()
    item:add(f.arg_text, n.text):set_hidden()
    add_members(item, tvb, n.members)
    if k == "FD" or (k == "DirFD" and int32(v[2]) ~= -100) then
        add_fd(item, tvb, rec, int32(v[2]), a.exit or false)
    elseif k == "DirFD" and fs.cwd then
        -- AT_FDCWD: the working directory its process had when last
        -- seen in a process record (a chdir since is not followed).
        item:add(f.dirfd_cwd, fs.cwd.path):append_text(fmt(" (from frame %d)", fs.cwd.frame))
    elseif PATH_KINDS[k] and n.data then
        add(item, f.path, tvb_range(tvb, n.off, #n.data), n.data)
    elseif DATA_KINDS[k] and n.data and #n.data > 0 then
        local r = tvb_range(tvb, n.off, #n.data)
        if r then item:add(f.data, r) end
    end
end

-- add_uring adds an io_uring_enter's submissions and completions, each
-- an item with its comment line (decode --io-uring's) and its fields.
local function add_uring(tree, rec, fs)
    local u = SU.entries and SU.entries(rec, string_limit(fs))
    if not u then return end
    for _, s in ipairs(u.sqes) do
        local it = tree:add(f.uring_sqe, (s.line:gsub("^# io_uring sqe: ", "")))
        it:add(f.uring_opcode, s.opcode)
        if s.opcode ~= 0 then
            if s.flags % 2 == 1 then
                it:add(f.uring_fixed, s.fd)
            else
                it:add(f.uring_fd, s.fd)
                local p = s.fd >= 0 and mem_fdpath(rec, false, s.fd)
                if p then it:add(f.uring_fd_path, p) end
            end
            it:add(f.uring_addr, UInt64(s.addr[2], s.addr[1]))
            it:add(f.uring_len, s.len)
            it:add(f.uring_off, Int64(s.off[2], s.off[1]))
            it:add(f.uring_op_flags, s.op_flags)
        end
        it:add(f.uring_flags, s.flags)
        it:add(f.uring_user_data, UInt64(s.user_data[2], s.user_data[1]))
    end
    for _, q in ipairs(u.cqes) do
        local it = tree:add(f.uring_cqe, (q.line:gsub("^# io_uring cqe: ", "")))
        it:add(f.uring_user_data, UInt64(q.user_data[2], q.user_data[1]))
        it:add(f.uring_res, q.res)
        if q.res < 0 and q.res > -4096 then it:add(f.uring_errno, -q.res) end
        it:add(f.uring_cqe_flags, q.flags)
    end
end

-- dissect_syscall adds a call's meaning: its arguments, result, errno,
-- duration and the fd it returned. It returns the Info text, strace's
-- line and a short summary for the tree's top line.
local function dissect_syscall(rec, tvb, tree, fs)
    local info, cl, notes, x, call, result = syscall_line(rec, string_limit(fs))
    local st = tree:add(f.syscall, cl.name)
    if cl.class and cl.class ~= 0 then
        local names = {}
        for i, n in ipairs(D.classes) do
            if band(cl.class, lshift(1, i - 1)) ~= 0 then names[#names + 1] = n end
        end
        st:add(f.class, concat(names, "|"))
    end
    for _, n in ipairs(notes) do add_arg(tree, tvb, rec, fs, n) end
    add_uring(tree, rec, fs)
    if rec.kind ~= KIND.syscall then
        if not fs.response_in then
            -- Only a call whose completion the capture lacks: with two
            -- passes (tshark -2, the GUI) the completion is known.
            tree:add_proto_expert_info(ef.unfinished)
        end
        return info, call, cl.name .. " <unfinished ...>"
    end
    local rt = tree:add(f.result, result)
    add(rt, f.ret, at_range(tvb, rec.at.ret), Int64(rec.ret[2], rec.ret[1]))
    if not has(rec.flags, F_NORETURN) then
        if x:failed() then
            local e = TWO32 - x:slong(x.rec.ret)[2]
            local en = errno_of(e)
            local et = tree:add(f.errno, e)
            et:add(f.errno_msg, en and en[2] or fmt("Unknown error %d", e))
            et:add_proto_expert_info(ef.failed, failed_text(cl.name, x))
        elseif cl.ret and cl.ret.k == "FD" then
            add_fd(tree, tvb, rec, int32(rec.ret[2]), true)
        end
    end
    add(tree, f.duration, at_range(tvb, rec.at.duration), nstime(rec.duration))
    return info, pad(call) .. "= " .. result, cl.name .. " = " .. result
end

-- The signals the kernel sends a thread for the instruction it ran:
-- SIGILL, SIGTRAP, SIGBUS, SIGFPE, SIGSEGV, SIGSYS (seccomp).
local KERNEL_FAULTS = { [4] = true, [5] = true, [7] = true, [8] = true, [11] = true, [31] = true }

local function dissect_signal(rec, tvb, tree)
    local st = add(tree, f.signal, at_range(tvb, rec.at.nr), rec.nr[2])
    local line, info = signal_line(rec)
    if info then
        if info.code then
            st:add(f.si_code, info.code)
            st:add(f.si_code_name, sig_code(info.signo, info.code))
        end
        if info.errno and info.errno ~= 0 then st:add(f.si_errno, info.errno) end
        if info.pid then st:add(f.si_pid, info.pid) end
        if info.uid then st:add(f.si_uid, info.uid) end
        if info.status then st:add(f.si_status, info.status) end
        if info.addr then st:add(f.si_addr, UInt64(info.addr[2], info.addr[1])) end
    end
    if not has(rec.flags, F_GROUPSTOP) then
        -- A fault: the kernel sent it for what the thread just did (si_code
        -- > 0), not a kill() of it (SI_USER and the other codes <= 0).
        if rec.nr[1] == 0 and KERNEL_FAULTS[rec.nr[2]] and info and info.code and info.code > 0 then
            st:add_proto_expert_info(ef.fatal, "Fault signal " .. signal_string(rec.nr[2]) .. " (" .. sig_code(info.signo, info.code) .. ")")
        else
            st:add_proto_expert_info(ef.signal, "Signal " .. (D.signals[rec.nr[2]] or sdec(rec.nr)))
        end
    end
    return line
end

local function dissect_exit(rec, tvb, tree)
    local ws = rec.ret[2]
    local et = add(tree, f.exit_status, at_range(tvb, rec.at.ret), ws)
    if ws % 128 == 0 or ws % 128 == 0x7f then
        et:add(f.exit_code, floor(ws / 256) % 256)
    else
        et:add(f.exit_signal, ws % 128)
        et:add(f.exit_core, band(ws, 0x80) ~= 0)
        et:add_proto_expert_info(ef.killed, "Killed by " .. signal_string(ws % 128))
    end
    return exit_line(rec)
end

local CRED_NAMES = { "uid", "euid", "suid", "fsuid", "gid", "egid", "sgid", "fsgid" }
local function dissect_contents(rec, tvb, tree)
    local creds_tree
    for _, sec in ipairs(rec.sections) do
        local dlen = #sec.data
        local dr = dlen > 0 and tvb_range(tvb, sec.doff, dlen) or nil
        local t = sec.type
        if t == SEC.comm then
            add(tree, f.comm, dr, (sec.data:gsub("\n$", "")))
        elseif t == SEC.exe then
            add(tree, f.exe, dr, sec.data)
        elseif t == SEC.cwd then
            add(tree, f.cwd, dr, sec.data)
        elseif t == SEC.argv then
            local args = {}
            for a in (sec.data .. "\0"):gmatch("([^%z]*)%z") do args[#args + 1] = a end
            if #args > 0 and args[#args] == "" then args[#args] = nil end
            local ct = add(tree, f.cmdline, dr, concat(args, " "))
            for _, a in ipairs(args) do add(ct, f.argv, dr, a) end
        elseif t == SEC.creds and dlen >= 32 then
            local v = {}
            for j = 1, 8 do v[j] = le32(sec.data, 4 * (j - 1)) end
            creds_tree = dr and tree:add(f.creds, dr) or tree:add(f.creds)
            creds_tree:set_text(fmt("Credentials: uid %d, gid %d", v[1], v[5]))
            for j, n in ipairs(CRED_NAMES) do
                creds_tree:add_le(f[n], tvb_range(tvb, sec.doff + 4 * (j - 1), 4))
            end
        elseif t == SEC.fdpath and rec.kind == KIND.process then
            local ft = tree:add(f.proc_fd, int32(sec.key[2]))
            ft:append_text(": " .. sec.data)
            add(ft, f.proc_fd_path, dr, sec.data)
        elseif t == SEC.text then
            local tt = add(tree, f.text, dr, sec.data)
            tt:set_text(fmt("%s: %s", text_vs[sec.key[2]] or "Text", sec.data))
            tt:add(f.text_kind, UInt64(sec.key[2], sec.key[1])):set_hidden()
        end
    end
end

-- dissect_sections adds the record's raw sections (docs/format.md).
local function dissect_sections(rec, tvb, tree)
    for i, sec in ipairs(rec.sections) do
        local dlen = #sec.data
        local range = tvb_range(tvb, sec.off, sec.size)
        local st = range and tree:add(f.section, range) or tree:add(f.section)
        st:set_text(fmt("Section %d: %s, %d bytes", i - 1, sec_names[sec.type] or tostring(sec.type), dlen))
        local sa = sec.at
        add(st, f.sec_type, at_range(tvb, sa.type), sec.type)
        add(st, f.sec_flags, at_range(tvb, sa.flags), sec.flags)
        local lt = add(st, f.sec_len, at_range(tvb, sa.len), dlen)
        if sec.ref then lt:append_text(fmt(" (the data of section %d)", sec.ref)) end
        local kt = add(st, f.sec_key, at_range(tvb, sa.key), UInt64(sec.key[2], sec.key[1]))
        if sec.keyref then kt:append_text(" (= " .. sec.keyref .. ")") end
        local dr = dlen > 0 and tvb_range(tvb, sec.doff, dlen) or nil
        if dr then st:add(f.sec_data, dr) end
    end
end

WS.add, WS.dissect_contents, WS.dissect_exit = add, dissect_contents, dissect_exit
WS.dissect_sections, WS.dissect_signal, WS.dissect_syscall = dissect_sections, dissect_signal, dissect_syscall
WS.first_pass, WS.frame_field, WS.label, WS.nstime = first_pass, frame_field, label, nstime
WS.packet_time, WS.tvb_range = packet_time, tvb_range
