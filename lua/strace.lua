-- strace.lua: Wireshark dissector for stracedump captures.
--
-- Each packet is one stracedump record (docs/format.md): a traced process's
-- syscall, signal, exit or metadata. The dissector shows the record's fields
-- and renders it as the line `stracedump decode` prints (the Info column),
-- from the raw record alone. This file is the Wireshark side: the protocol,
-- fields, tree, columns, taps and menus. The record parser and renderer are
-- in strace_render.lua, which uses no Wireshark API, over the tables of the
-- decode helper strace_decode.lua that `go generate` writes next to this
-- file from the Go decoder's tables.
--
-- Portable from Wireshark 4.0 (Lua 5.2) to 4.6 (Lua 5.4): bit operations go
-- through the global `bit` library (32 bits; 64-bit values are {hi, lo}
-- pairs), no native operators, unpack, loadstring or utf8.
--
-- Install: copy strace.lua, strace_render.lua, strace_uring.lua and
-- strace_decode.lua into the same folder, either Wireshark's personal Lua
-- plugins folder (`tshark -G folders`, "Personal Lua Plugins") or anywhere
-- for `tshark -X lua_script:/path/to/strace.lua`. The other three are found next to this file
-- (loaded from this script's own path), which works for both. Loaded as
-- plugins themselves, they only return a table.

local function script_dir()
    local info = debug.getinfo(1, "S")
    local src = info and info.source or ""
    if src:sub(1, 1) == "@" then
        src = src:sub(2)
    end
    return src:match("^(.*[/\\])") or ""
end

-- beside runs the Lua file name from this file's folder with arg and
-- returns the table it returns.
local function beside(name, what, arg)
    local chunk, err = loadfile(script_dir() .. name)
    local ok, res = chunk ~= nil, err
    if chunk then ok, res = pcall(chunk, arg) end
    if not ok or type(res) ~= "table" then
        error("strace.lua: cannot load its " .. what .. " " .. name .. ", which must sit next to it: " .. tostring(res))
    end
    return res
end

local D = beside("strace_decode.lua", "decode helper")
local SR = beside("strace_render.lua", "renderer", D)
if not SR.syscall_line then
    error("strace.lua: strace_render.lua did not take the decode helper strace_decode.lua")
end
local SU = beside("strace_uring.lua", "io_uring decoder", { D = D, SR = SR })

local proc_label, quick_head, exact_key, loose_key, held_runs = SR.proc_label, SR.quick_head, SR.exact_key, SR.loose_key, SR.held_runs
local band, lshift = bit.band, bit.lshift
local fmt, concat, floor = string.format, table.concat, math.floor
local TWO32, n32, U, uandnot, uzero, ult = SR.TWO32, SR.n32, SR.U, SR.uandnot, SR.uzero, SR.ult
local uadd, udiff, unum, isneg, sdec, int32 = SR.uadd, SR.udiff, SR.unum, SR.isneg, SR.sdec, SR.int32
local le32, KIND, kind_names, F_NORETURN, F_GROUPSTOP, F_ATTACH = SR.le32, SR.KIND, SR.kind_names, SR.F_NORETURN, SR.F_GROUPSTOP, SR.F_ATTACH
local F_EXEC, F_FORK, F_FOLLOW, F_LAUNCHED, F_SUPERSEDED, SEC = SR.F_EXEC, SR.F_FORK, SR.F_FOLLOW, SR.F_LAUNCHED, SR.F_SUPERSEDED, SR.SEC
local sec_names, SF_STRING, has, byte, uv, parse_quick = SR.sec_names, SR.SF_STRING, SR.has, SR.byte, SR.uv, SR.parse_quick
local parse, section, in_phase, mem_read, mem_string, mem_captured = SR.parse, SR.section, SR.in_phase, SR.mem_read, SR.mem_string, SR.mem_captured
local mem_fdpath, mem_fdinfo, quote, signal_string, errno_of, new_ctx = SR.mem_fdpath, SR.mem_fdinfo, SR.quote, SR.signal_string, SR.errno_of, SR.new_ctx
local member_fields, plan, pad, syscall_line, sig_code, signal_line = SR.member_fields, SR.plan, SR.pad, SR.syscall_line, SR.sig_code, SR.signal_line
local exit_line, fd_yy, failed_text, string_limit, meta_line = SR.exit_line, SR.fd_yy, SR.failed_text, SR.string_limit, SR.meta_line

----------------------------------------------------------------------------
-- Protocol, fields and experts.

local strace = Proto("strace", "strace system call record")

local function vs_from(list)
    local t = {}
    for k, v in pairs(list) do t[k] = v end
    return t
end

local errno_vs = {}
for n, e in pairs(D.errnos) do errno_vs[n] = e[1] end
local signal_vs = vs_from(D.signals)
local arch_vs = {}
for audit, a in pairs(D.arches) do arch_vs[audit] = a.name end
local text_vs = { [1] = "Command", [2] = "Host", [3] = "Tool", [4] = "Kernel", [5] = "Machine", [6] = "Host arch" }

local f = {
    version = ProtoField.uint16("strace.version", "Format version", base.DEC),
    header_len = ProtoField.uint16("strace.header_len", "Header length", base.DEC),
    kind = ProtoField.uint16("strace.kind", "Kind", base.DEC, kind_names),
    flags = ProtoField.uint16("strace.flags", "Flags", base.HEX),
    flag_no_return = ProtoField.bool("strace.flags.no_return", "No return", 16, nil, F_NORETURN),
    flag_group_stop = ProtoField.bool("strace.flags.group_stop", "Group stop", 16, nil, F_GROUPSTOP),
    flag_attach = ProtoField.bool("strace.flags.attach", "Attach", 16, nil, F_ATTACH),
    flag_exec = ProtoField.bool("strace.flags.exec", "Exec", 16, nil, F_EXEC),
    flag_fork = ProtoField.bool("strace.flags.fork", "Fork", 16, nil, F_FORK),
    flag_follow = ProtoField.bool("strace.flags.follow_forks", "Follow forks", 16, nil, F_FOLLOW),
    flag_launched = ProtoField.bool("strace.flags.launched", "Launched", 16, nil, F_LAUNCHED),
    flag_superseded = ProtoField.bool("strace.flags.superseded", "Superseded by execve", 16, nil, F_SUPERSEDED),
    flag_arg_text = ProtoField.bool("strace.flags.arg_text", "Arguments as text", 16, nil, SEC.F_ARGTEXT),
    arch = ProtoField.uint32("strace.arch", "Arch", base.HEX, arch_vs),
    pid = ProtoField.uint32("strace.pid", "PID", base.DEC),
    tid = ProtoField.uint32("strace.tid", "TID", base.DEC),
    process = ProtoField.string("strace.process", "Process name"),
    host = ProtoField.string("strace.host", "Host"),
    nsections = ProtoField.uint32("strace.nsections", "Sections", base.DEC),
    record = ProtoField.none("strace.record", "Record"),
    section = ProtoField.none("strace.section", "Section"),
    tracer_pid = ProtoField.uint32("strace.capture.pid", "stracedump's PID", base.DEC),
    dirfd_cwd = ProtoField.string("strace.dirfd.cwd", "Working directory"),
    creds = ProtoField.none("strace.proc.creds", "Credentials"),
    nr = ProtoField.int64("strace.nr", "Number", base.DEC),
    syscall = ProtoField.string("strace.syscall", "Syscall"),
    class = ProtoField.string("strace.class", "Classes"),
    arg = ProtoField.uint64("strace.arg", "Argument", base.HEX),
    arg_name = ProtoField.string("strace.arg.name", "Name"),
    arg_text = ProtoField.string("strace.arg.text", "Rendered"),
    result = ProtoField.string("strace.result", "Result"),
    ret = ProtoField.int64("strace.ret", "Return value", base.DEC),
    errno = ProtoField.uint32("strace.errno", "Errno", base.DEC, errno_vs),
    errno_msg = ProtoField.string("strace.errno.message", "Error message"),
    timestamp = ProtoField.absolute_time("strace.timestamp", "Time", base.UTC),
    duration = ProtoField.relative_time("strace.duration", "Duration"),
    fd = ProtoField.int32("strace.fd", "File descriptor", base.DEC),
    fd_path = ProtoField.string("strace.fd.path", "File descriptor path"),
    fd_yy = ProtoField.string("strace.fd.yy", "File descriptor (-yy)"),
    fd_proto = ProtoField.string("strace.fd.proto", "Socket protocol"),
    fd_inode = ProtoField.uint32("strace.fd.inode", "Socket inode", base.DEC),
    fd_local_addr = ProtoField.ipv4("strace.fd.local.addr", "Local address"),
    fd_local_addr6 = ProtoField.ipv6("strace.fd.local.addr6", "Local address"),
    fd_local_port = ProtoField.uint16("strace.fd.local.port", "Local port", base.DEC),
    fd_peer_addr = ProtoField.ipv4("strace.fd.peer.addr", "Peer address"),
    fd_peer_addr6 = ProtoField.ipv6("strace.fd.peer.addr6", "Peer address"),
    fd_peer_port = ProtoField.uint16("strace.fd.peer.port", "Peer port", base.DEC),
    fd_unix_path = ProtoField.string("strace.fd.unix.path", "Unix socket path"),
    fd_unix_peer = ProtoField.uint32("strace.fd.unix.peer", "Unix peer inode", base.DEC),
    fd_netlink_proto = ProtoField.uint32("strace.fd.netlink.protocol", "Netlink protocol", base.DEC),
    fd_netlink_portid = ProtoField.uint32("strace.fd.netlink.portid", "Netlink port id", base.DEC),
    fd_dev_type = ProtoField.string("strace.fd.dev.type", "Device type"),
    fd_dev_major = ProtoField.uint32("strace.fd.dev.major", "Device major", base.DEC),
    fd_dev_minor = ProtoField.uint32("strace.fd.dev.minor", "Device minor", base.DEC),
    fd_pid = ProtoField.int32("strace.fd.pid", "Pidfd's process", base.DEC),
    path = ProtoField.string("strace.path", "Path"),
    data = ProtoField.bytes("strace.data", "Data"),
    line = ProtoField.string("strace.line", "strace line"),
    signal = ProtoField.uint32("strace.signal", "Signal", base.DEC, signal_vs),
    si_code = ProtoField.int32("strace.siginfo.code", "si_code", base.DEC),
    si_code_name = ProtoField.string("strace.siginfo.code_name", "si_code name"),
    si_errno = ProtoField.int32("strace.siginfo.errno", "si_errno", base.DEC),
    si_pid = ProtoField.uint32("strace.siginfo.pid", "si_pid", base.DEC),
    si_uid = ProtoField.uint32("strace.siginfo.uid", "si_uid", base.DEC),
    si_status = ProtoField.int32("strace.siginfo.status", "si_status", base.DEC),
    si_addr = ProtoField.uint64("strace.siginfo.addr", "si_addr", base.HEX),
    exit_status = ProtoField.uint32("strace.exit.status", "Wait status", base.HEX),
    exit_code = ProtoField.uint8("strace.exit.code", "Exit code", base.DEC),
    exit_signal = ProtoField.uint32("strace.exit.signal", "Killed by", base.DEC, signal_vs),
    exit_core = ProtoField.bool("strace.exit.core_dumped", "Core dumped"),
    ppid = ProtoField.uint32("strace.proc.ppid", "Parent PID", base.DEC),
    comm = ProtoField.string("strace.proc.comm", "Command name"),
    exe = ProtoField.string("strace.proc.exe", "Executable"),
    cwd = ProtoField.string("strace.proc.cwd", "Working directory"),
    argv = ProtoField.string("strace.proc.argv", "Argument"),
    cmdline = ProtoField.string("strace.proc.cmdline", "Command line"),
    uid = ProtoField.uint32("strace.proc.uid", "uid", base.DEC),
    euid = ProtoField.uint32("strace.proc.euid", "euid", base.DEC),
    suid = ProtoField.uint32("strace.proc.suid", "suid", base.DEC),
    fsuid = ProtoField.uint32("strace.proc.fsuid", "fsuid", base.DEC),
    gid = ProtoField.uint32("strace.proc.gid", "gid", base.DEC),
    egid = ProtoField.uint32("strace.proc.egid", "egid", base.DEC),
    sgid = ProtoField.uint32("strace.proc.sgid", "sgid", base.DEC),
    fsgid = ProtoField.uint32("strace.proc.fsgid", "fsgid", base.DEC),
    proc_fd = ProtoField.int32("strace.proc.fd", "Open fd", base.DEC),
    proc_fd_path = ProtoField.string("strace.proc.fd.path", "Open fd path"),
    string_limit = ProtoField.uint32("strace.capture.string_limit", "String limit (-s)", base.DEC),
    capture_length = ProtoField.uint32("strace.capture.length", "Capture length", base.DEC),
    capture_socket_length = ProtoField.uint32("strace.capture.socket_length", "Capture length of socket data", base.DEC),
    text_kind = ProtoField.uint64("strace.capture.text_kind", "Text kind", base.DEC),
    text = ProtoField.string("strace.capture.text", "Text"),
    sec_type = ProtoField.uint16("strace.section.type", "Section type", base.DEC, sec_names),
    sec_flags = ProtoField.uint16("strace.section.flags", "Section flags", base.HEX),
    sec_len = ProtoField.uint32("strace.section.len", "Section length", base.DEC),
    sec_key = ProtoField.uint64("strace.section.key", "Section key", base.HEX),
    sec_data = ProtoField.bytes("strace.section.data", "Section data"),
    request_in = ProtoField.framenum("strace.request_in", "Entry in", base.NONE, frametype.REQUEST),
    response_in = ProtoField.framenum("strace.response_in", "Completed in", base.NONE, frametype.RESPONSE),
    time = ProtoField.relative_time("strace.time", "Time since entry"),
}

-- Flag sets as bit trees, as Wireshark's own dissectors show flag words:
-- a field per set (strace.open_flags), a value field for its multi-bit
-- part with that part's mask (strace.open_flags.access == O_WRONLY), and
-- a boolean bit field per flag with the flag's mask
-- (strace.open_flags.O_CREAT == 1). Masks are the set's own values (those
-- of x86_64 and the generic UAPI headers); where an arch gives a flag
-- other bits (arm64 moves O_DIRECTORY, O_NOFOLLOW, O_DIRECT, O_LARGEFILE),
-- the flag gets a second field of the same name with that arch's mask,
-- so one filter finds the flag on every arch and the bit notation shows
-- the record's own bits. A flag past bit 31 (two of clone's) has no
-- mask, which Wireshark 4.0 takes only as a 32-bit number: its boolean
-- is computed here.
local SET_VS = { "Set", "Not set" }
-- Labels of the multi-bit value fields, by their value set.
local VALUE_LABELS = { open_access = "Access mode", mmap_type = "Mapping type", futex_cmds = "Operation",
    sched_policies = "Policy", statx_sync = "Sync mode" }
local flag_trees = {}
for set, ff in pairs(D.flag_fields) do
    local abbr = "strace." .. set
    local t = { flags = {} }
    if ff.wide then
        t.field = ProtoField.uint64(abbr, set, base.HEX)
    else
        t.field = ProtoField.uint32(abbr, set, base.HEX)
    end
    f["flagset_" .. set] = t.field
    if ff.field then
        local x = D.xlats[set]
        local mask = x.field_mask[2]
        -- Wireshark shifts a masked value down before naming it.
        local shift = 1
        while mask % (shift * 2) == 0 do shift = shift * 2 end
        local vs = {}
        for _, e in ipairs(D.xlats[x.field].entries) do
            if e[1] == 0 and n32(band(e[2], mask)) == e[2] then vs[e[2] / shift] = e[3] end
        end
        t.value = ProtoField.uint32(abbr .. "." .. ff.field, VALUE_LABELS[x.field] or x.field, base.HEX, vs, mask)
        f["flagset_" .. set .. "_value"] = t.value
    end
    for i, fl in ipairs(ff.flags) do
        local name, fabbr = fl[1], abbr .. "." .. fl[1]
        local wide = fl[3] ~= 0
        for _, v in pairs(fl.arch or {}) do
            if v and v[1] ~= 0 then wide = true end
        end
        local e = { name = name, entry = fl[2], hi = fl[3], lo = fl[4], arch = {} }
        if wide then
            e.field = ProtoField.bool(fabbr, name, base.NONE, SET_VS)
            e.computed = true
        else
            e.field = ProtoField.bool(fabbr, name, 32, SET_VS, fl[4])
        end
        f["flag_" .. set .. "_" .. i] = e.field
        for audit, v in pairs(fl.arch or {}) do
            if not v then
                e.arch[audit] = false
            elseif wide then
                e.arch[audit] = { field = e.field, hi = v[1], lo = v[2], computed = true }
            else
                local pf = ProtoField.bool(fabbr, name, 32, SET_VS, v[2])
                f["flag_" .. set .. "_" .. i .. "_" .. audit] = pf
                e.arch[audit] = { field = pf, hi = v[1], lo = v[2] }
            end
        end
        t.flags[#t.flags + 1] = e
    end
    flag_trees[set] = t
end

for _, m in ipairs(member_fields) do
    local key, ty = m[1], m[2]
    local label = key:match("[^.]+%.(.*)$")
    if ty == "string" or ty == "ipv4" or ty == "ipv6" then
        f[key] = ProtoField[ty]("strace." .. key, label)
    else
        f[key] = ProtoField[ty]("strace." .. key, label, base[m[3]], m[4])
    end
end

-- An io_uring_enter's submissions and completions (strace_uring.lua).
local uring_ops_vs = {}
for _, e in ipairs(D.xlats.uring_ops.entries) do uring_ops_vs[e[2]] = e[3] end
f.uring_sqe = ProtoField.string("strace.uring.sqe", "io_uring submission")
f.uring_cqe = ProtoField.string("strace.uring.cqe", "io_uring completion")
f.uring_opcode = ProtoField.uint8("strace.uring.opcode", "Opcode", base.DEC, uring_ops_vs)
f.uring_fd = ProtoField.int32("strace.uring.fd", "File descriptor", base.DEC)
f.uring_fd_path = ProtoField.string("strace.uring.fd.path", "File descriptor path")
f.uring_fixed = ProtoField.int32("strace.uring.fixed_file", "Registered file index", base.DEC)
f.uring_addr = ProtoField.uint64("strace.uring.addr", "Address", base.HEX)
f.uring_len = ProtoField.uint32("strace.uring.len", "Length", base.DEC)
f.uring_off = ProtoField.int64("strace.uring.off", "Offset", base.DEC)
f.uring_op_flags = ProtoField.uint32("strace.uring.op_flags", "Operation flags", base.HEX)
f.uring_flags = ProtoField.uint8("strace.uring.flags", "SQE flags (IOSQE_*)", base.HEX)
f.uring_user_data = ProtoField.uint64("strace.uring.user_data", "User data", base.HEX)
f.uring_res = ProtoField.int32("strace.uring.res", "Result", base.DEC)
f.uring_errno = ProtoField.uint32("strace.uring.errno", "Errno", base.DEC, errno_vs)
f.uring_cqe_flags = ProtoField.uint32("strace.uring.cqe_flags", "CQE flags (IORING_CQE_F_*)", base.HEX)

local fields = {}
for _, v in pairs(f) do fields[#fields + 1] = v end
strace.fields = fields

local ef = {
    failed = ProtoExpert.new("strace.failed", "System call failed", expert.group.RESPONSE_CODE, expert.severity.NOTE),
    signal = ProtoExpert.new("strace.signal.delivered", "Signal delivered", expert.group.SEQUENCE, expert.severity.CHAT),
    fatal = ProtoExpert.new("strace.signal.fatal", "Fault signal", expert.group.SEQUENCE, expert.severity.WARN),
    killed = ProtoExpert.new("strace.killed", "Process killed by a signal", expert.group.SEQUENCE, expert.severity.WARN),
    malformed = ProtoExpert.new("strace.malformed", "Malformed record", expert.group.MALFORMED, expert.severity.ERROR),
    render = ProtoExpert.new("strace.render_error", "Record could not be rendered", expert.group.MALFORMED, expert.severity.ERROR),
    unfinished = ProtoExpert.new("strace.unfinished", "Call has not returned yet", expert.group.SEQUENCE, expert.severity.CHAT),
}
strace.experts = { ef.failed, ef.signal, ef.fatal, ef.killed, ef.malformed, ef.render, ef.unfinished }

----------------------------------------------------------------------------
-- Per-capture state, built on the first pass in frame order and kept per
-- frame so that later (random order) dissections show the same.

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

----------------------------------------------------------------------------
-- Info without a tree. tshark builds no tree when nothing reads one (no
-- display filter, no -V, no fields): then the dissector only sets the
-- columns and keeps the per-capture state. Most records of a capture
-- repeat an earlier one but for their pid, tid and duration (dd's reads
-- and writes, a poll loop, a build's stats): their Info comes from a cache
-- keyed by the record's other bytes, which are all its line depends on
-- (the keys: quick_head, exact_key and loose_key in strace_render.lua).

-- The cache: key -> {line, expert} (expert is a failed call's expert
-- info text), for one string limit, emptied when it grows past
-- INFO_CACHE_MAX entries.
local INFO_CACHE_MAX = 20000
local info_cache, info_cache_n, info_cache_limit = {}, 0, -1

local function cache_info(key, limit, entry)
    if info_cache_limit ~= limit or info_cache_n >= INFO_CACHE_MAX then
        info_cache, info_cache_n, info_cache_limit = {}, 0, limit
    end
    info_cache[key] = entry
    info_cache_n = info_cache_n + 1
end

local function frame_state(rec, pinfo)
    -- A frame the quick path gave up on after its first pass (to show a
    -- render error) has its state already: a second first pass would link
    -- it again.
    if not pinfo.visited and not state.frames[pinfo.number] then
        local fs = first_pass(rec, pinfo.number)
        state.frames[pinfo.number] = fs
        return fs
    end
    return state.frames[pinfo.number] or { limit = state.limit, comm = state.comm[rec.pid] }
end

-- payload: socket data to Wireshark's dissectors, filled in below with
-- the calls that move data (payload.calls) and payload.dissect.
local payload = { calls = {} }

-- payload.socket_data says whether a syscall record may carry socket payloads:
-- a data call with a socket's fdinfo section.
function payload.socket_data(rec, name)
    if not name then
        local ok, cl = pcall(plan, rec, new_ctx(rec, true, 0))
        name = ok and cl and cl.name
    end
    if not payload.calls[name or ""] then return false end
    for _, sec in ipairs(rec.sections) do
        if sec.type == SEC.fdinfo and byte(sec.data, 1) == 3 then return true end
    end
    return false
end

-- set_columns: the Process column (Source) names the process on every
-- row, a signal's and an exit's too; the capture record is stracedump's.
local function set_columns(cols, k, who, info, fenced)
    cols.src = who
    cols.dst = k == KIND.capture and "" or "kernel"
    -- A payload's dissectors (TCP) fence the Info column they wrote.
    if fenced then cols.info:clear_fence() end
    cols.info = info
end

-- info_only dissects a syscall or entry record for the columns, the
-- capture state and the expert info alone, as the tree path does. It
-- returns false for any other record, and for one it cannot read: the tree
-- path then dissects it (and says what is wrong with it).
local function info_only(s, pinfo, cols, tree)
    local kind, pid, tid, _, dstart, o, modes = quick_head(s)
    if not kind then return false end
    local number = pinfo.number
    local key = exact_key(s, dstart, o)
    local key2
    local hit = info_cache_limit == state.limit and info_cache[key]
    if not hit then
        key2 = loose_key(s, dstart, o, modes)
        if key2 and info_cache_limit == state.limit then hit = info_cache[key2] end
    end
    local fs
    if not hit then
        local rec = parse_quick(s)
        if not rec then return false end
        fs = frame_state(rec, pinfo)
        local ok, l, cl, _, x = pcall(syscall_line, rec, string_limit(fs), true)
        if not ok then
            -- The tree path shows the render error; the first pass is
            -- done, and it does not run twice.
            return false
        end
        hit = { line = l, payload = kind == KIND.syscall and payload.socket_data(rec, cl.name) }
        if kind == KIND.syscall and x:failed() then
            -- The exit context the line was rendered with (of an i386
            -- subcall's copy of rec, which keeps its nr and ret).
            hit.expert = failed_text(cl.name, x)
        end
        cache_info(key, fs.limit, hit)
        if key2 then cache_info(key2, fs.limit, hit) end
    elseif not pinfo.visited then
        -- The record's parse for the first pass: only kind, pid and tid
        -- matter for a syscall or entry record.
        fs = first_pass({ kind = kind, pid = pid, tid = tid }, number)
        state.frames[number] = fs
    else
        fs = state.frames[number] or { limit = state.limit, comm = state.comm[pid] }
    end
    if kind == KIND.syscall then
        if hit.expert then tree:add_proto_expert_info(ef.failed, hit.expert) end
    elseif not fs.response_in then
        tree:add_proto_expert_info(ef.unfinished)
    end
    if hit.payload then
        payload.dissect(parse_quick(s), pinfo, tree)
        set_columns(cols, kind, label(pid, fs.comm), hit.line, true)
        return true
    end
    cols.src = label(pid, fs.comm)
    cols.dst = "kernel"
    cols.info = hit.line
    return true
end

-- strace_wanted: whether anything reads this protocol's fields in the tree
-- (it is shown, or a filter, a column or a tap names a field). tshark
-- builds a tree for every packet (the frame.time extractor does), most of
-- the time for nothing: then the dissector sets the columns and the state
-- alone. TreeItem:referenced is in Wireshark from 2.4; where it fails,
-- every tree is filled.
local strace_handle
local function referenced(tree) return tree:referenced(strace_handle) end
local function strace_wanted(tree)
    if strace_handle == nil then
        local ok, h = pcall(function() return Dissector.get("strace") end)
        strace_handle = ok and h or false
    end
    if not strace_handle then return true end
    local ok, r = pcall(referenced, tree)
    return not ok or r
end

-- wants.record says whether anything needs the Record subtree: a tree
-- someone sees (the details pane, -V), or a filter, column or tap naming
-- one of its fields. Where the Lua API cannot tell, it is built.
local wants = {}
function wants.field(tree, field)
    local ok, r = pcall(tree.referenced, tree, field)
    return not ok or r
end
local record_fields
function wants.record(tree)
    local ok, visible = pcall(function() return tree.visible end)
    if not ok or visible then return true end
    if not record_fields then
        record_fields = { f.record, f.version, f.header_len, f.flags, f.flag_no_return, f.flag_group_stop,
            f.flag_attach, f.flag_exec, f.flag_fork, f.flag_follow, f.flag_launched, f.flag_superseded, f.flag_arg_text, f.arch,
            f.tracer_pid, f.nr, f.nsections, f.section, f.sec_type, f.sec_flags, f.sec_len, f.sec_key, f.sec_data }
    end
    for _, field in ipairs(record_fields) do
        if wants.field(tree, field) then return true end
    end
    return false
end

function strace.dissector(tvb, pinfo, tree)
    local cols = pinfo.cols
    cols.protocol = "STRACE"
    local len = tvb:len()
    local s = len > 0 and tvb:raw(0, len) or ""
    if not strace_wanted(tree) and info_only(s, pinfo, cols, tree) then return len end
    local rec, perr = parse(s)
    local root = tree:add(strace, tvb_range(tvb, 0, len))
    local ifdesc = frame_field.ifdesc()
    local host = ifdesc and tostring(ifdesc.value):match("^host: (.-); ")
    if host then root:add(f.host, host):set_generated() end
    if perr then
        root:add_proto_expert_info(ef.malformed, perr)
        cols.info = "[Malformed strace record: " .. perr .. "]"
        if rec.version then root:add(f.version, tvb_range(tvb, 0, 2), rec.version) end
        return len
    end
    local fs = frame_state(rec, pinfo)

    local at = rec.at
    local function rng(p) return p and tvb_range(tvb, p[1], p[2]) end
    local k = rec.kind
    local who = k == KIND.capture and "stracedump" or label(rec.pid, fs.comm)

    -- First what the record means: the call with its arguments, result,
    -- errno and duration; the signal; the exit; the process.
    local info, line, summary
    local ok, err = pcall(function()
        if k == KIND.syscall or k == KIND.entry then
            info, line, summary = dissect_syscall(rec, tvb, root, fs)
        elseif k == KIND.signal then
            line = dissect_signal(rec, tvb, root)
        elseif k == KIND.exit then
            line = dissect_exit(rec, tvb, root)
        elseif k == KIND.capture then
            add(root, f.string_limit, rng(at.args[1]), rec.args[1][2])
            -- Captures before the capture length (args[2] zero) kept -s bytes.
            local caplen = rec.args[2][2] ~= 0 and rec.args[2] or rec.args[1]
            add(root, f.capture_length, rng(caplen == rec.args[2] and at.args[2] or at.args[1]), caplen[2])
            -- Zero (or absent, before it existed): the capture length.
            if rec.args[3][2] ~= 0 then
                add(root, f.capture_socket_length, rng(at.args[3]), rec.args[3][2])
            else
                root:add(f.capture_socket_length, caplen[2]):set_generated()
            end
        elseif k == KIND.process then
            add(root, f.ppid, rng(at.args[1]), rec.args[1][2])
        end
    end)
    if not ok then
        root:add_proto_expert_info(ef.render, tostring(err))
    end
    if k == KIND.process or k == KIND.capture then dissect_contents(rec, tvb, root) end
    local t
    if rec.time then
        t = nstime(rec.time)
    else
        -- Version 2: the packet's own timestamp is the record's, less the
        -- duration of a completed call (docs/format.md).
        t = packet_time(pinfo)
        if k == KIND.syscall then t = t - nstime(rec.duration) end
    end
    add(root, f.timestamp, rng(at.time), t)
    if k ~= KIND.capture then
        local pt = add(root, f.pid, rng(at.pid), rec.pid)
        if fs.comm then
            -- The process's name as last known: from its process records.
            pt:append_text(" (" .. fs.comm .. ")")
            pt:add(f.process, fs.comm):set_hidden()
        end
        add(pt, f.tid, rng(at.tid), rec.tid)
    end
    if fs.request_in then
        root:add(f.request_in, fs.request_in)
        root:add(f.time, nstime(rec.duration))
    end
    if fs.response_in then root:add(f.response_in, fs.response_in) end
    if line then root:add(f.line, line) end

    -- Then the record's own structure, one collapsed subtree down: only
    -- for a tree someone sees or a filter, column or colouring rule that
    -- names one of its fields. The colouring rules name the kind alone.
    if not wants.record(tree) then
        if wants.field(tree, f.kind) then add(root, f.kind, rng(at.kind), k):set_hidden() end
        if not line then line = meta_line(rec, fs) end
        root:set_text(fmt("strace: %s, %s", summary or line, k == KIND.capture and who or "pid " .. who))
        local sock = k == KIND.syscall and payload.socket_data(rec)
        if sock then payload.dissect(rec, pinfo, tree) end
        set_columns(cols, k, who, info or line, sock)
        return len
    end
    local rt = root:add(f.record, tvb(0, len))
    rt:set_text(fmt("Record: format version %d, %s, %d section%s", rec.version, kind_names[k] or tostring(k),
        rec.nsections, rec.nsections == 1 and "" or "s"))
    rt:add(f.version, tvb_range(tvb, 0, 2), rec.version)
    -- Version 2 has no header length field: the item spans the header.
    add(rt, f.header_len, rng(at.hlen) or tvb_range(tvb, 0, rec.hlen), rec.hlen)
    add(rt, f.kind, rng(at.kind), k)
    local ft = add(rt, f.flags, rng(at.flags), rec.flags)
    for _, fl in ipairs({ f.flag_no_return, f.flag_group_stop, f.flag_attach, f.flag_exec, f.flag_fork,
        f.flag_follow, f.flag_launched, f.flag_superseded, f.flag_arg_text }) do
        -- The flags word, not a boolean: the field's mask picks its bit.
        add(ft, fl, rng(at.flags), rec.flags)
    end
    if rec.arch ~= 0 then add(rt, f.arch, rng(at.arch), rec.arch) end
    if k == KIND.capture then
        -- The tracer's own process, not a traced one.
        add(rt, f.tracer_pid, rng(at.pid), rec.pid)
    end
    if k == KIND.syscall or k == KIND.entry then
        add(rt, f.nr, rng(at.nr), Int64(rec.nr[2], rec.nr[1]))
    end
    add(rt, f.nsections, rng(at.nsections), rec.nsections)
    dissect_sections(rec, tvb, rt)

    if not line then line = meta_line(rec, fs) end
    root:set_text(fmt("strace: %s, %s", summary or line, k == KIND.capture and who or "pid " .. who))
    local sock = k == KIND.syscall and payload.socket_data(rec)
    if sock then payload.dissect(rec, pinfo, tree) end
    set_columns(cols, k, who, info or line, sock)
    return len
end

DissectorTable.get("wtap_encap"):add(wtap_encaps.USER0, strace)

----------------------------------------------------------------------------
-- Follow and statistics: `tshark -z strace,...` and the Statistics and
-- packet list menus. One function holds the section, so that its locals do
-- not count against the file's limit of 200.
--
-- Every view reads each record from the packet's own bytes in a tap with
-- no filter: `tshark -z` then never builds a tree, and a plain `tshark -r`
-- runs none of this.

-- The semicolon: a line starting with "(" would call the previous line's value.
;(function()

local min, char = math.min, string.char
local summary_text, DATA_CALLS, MMSG_CALLS, facts, be16 = SR.summary_text, SR.DATA_CALLS, SR.MMSG_CALLS, SR.facts, SR.be16
local MAX_SEGMENT, IPPROTO_TCP, IPPROTO_UDP, ip_packet, endpoints = SR.MAX_SEGMENT, SR.IPPROTO_TCP, SR.IPPROTO_UDP, SR.ip_packet, SR.endpoints
local sockaddr_in, new_procs, note_proc, family_text, new_follow = SR.sockaddr_in, SR.new_procs, SR.note_proc, SR.family_text, SR.new_follow
local follow_record, stream_at, stream_filter, follow_text, new_stats = SR.follow_record, SR.stream_at, SR.stream_filter, SR.follow_text, SR.new_stats
local stats_record, processes_text, files_text, errors_text = SR.stats_record, SR.processes_text, SR.files_text, SR.errors_text

----------------------------------------------------------------------------
-- Records from packet bytes.

-- record_bytes is the stracedump record in a frame's bytes: after the
-- exported PDU tags when the tags name the strace dissector (link type
-- 252), the whole frame for link type USER0. nil for anything else.
local function record_bytes(tvb)
    local n = tvb:len()
    if n < 2 then return nil end
    local s = tvb:raw(0, n)
    -- A record starts with its version, little-endian: 1 or 2, then 0.
    if byte(s, 1) ~= 0 then return s end
    local off, name = 0, nil
    while off + 4 <= n do
        local tag = byte(s, off + 1) * 256 + byte(s, off + 2)
        local l = byte(s, off + 3) * 256 + byte(s, off + 4)
        off = off + 4
        if tag == 0 then
            if name == "strace" then return s:sub(off + 1) end
            return nil
        end
        if tag == 12 then name = (s:sub(off + 1, off + l):gsub("%z+$", "")) end
        off = off + l
    end
    return nil
end

----------------------------------------------------------------------------
-- Socket payloads: what a process moved through a TCP or UDP socket goes
-- to Wireshark's own dissectors behind IP and TCP or UDP headers rebuilt
-- from the socket's endpoints (docs/dissector.md), so that Wireshark picks
-- the protocol as it does on the wire (port, heuristics, Decode As), TCP
-- reassembles what several calls moved, and Follow TCP Stream works. Bytes
-- of a unix socket go to the dissector its path is given (the
-- strace.unix.path table: Decode As or the preference), reassembled the
-- way TCP does it.

-- MSG_PEEK reads leave the bytes to the next read: they are not the
-- stream's.
local MSG_PEEK = 2
local PEEK_ARG = { recv = 4, recvfrom = 4, recvmsg = 3 }

-- The payloads' state lives in the dissector's state, which each new
-- capture resets.
local function payload_state()
    local p = state.payload
    if not p then
        p = {
            frames = {}, -- frame number -> list of what to dissect, or false
            seq = {},    -- TCP direction -> next sequence number
            owner = {},  -- direction -> the socket end whose calls carry it
            dgrams = {}, -- datagram -> copies moved at one end, not yet at the other
            paths = {},  -- unix socket inode -> the path bound or connected to
            pending = {}, -- unix stream direction -> bytes a dissector asked more for
        }
        state.payload = p
    end
    return p
end

-- owns says whether the socket end (inode, direction) carries the
-- direction's bytes: the first end seen to move bytes in a direction does,
-- so that a conversation traced at both ends is dissected once (from the
-- writer when it comes first, as it does unless the reader peeks).
local function owns(key, who)
    local owner = payload_state().owner
    local o = owner[key]
    if o == nil then
        owner[key] = who
        return true
    end
    return o == who
end

-- seen_at_other_end says whether a datagram (its ports and bytes) is the
-- copy of one the other end already moved: sent by one traced process and
-- received by another, it is dissected once. The addresses do not count:
-- an unbound or unconnected socket's own are unspecified.
local function seen_at_other_end(key, dir)
    local dgrams = payload_state().dgrams
    local m = dgrams[key]
    if not m then
        m = { w = 0, r = 0 }
        dgrams[key] = m
    end
    local other = dir == "w" and "r" or "w"
    if m[other] > 0 then
        m[other] = m[other] - 1
        return true
    end
    m[dir] = m[dir] + 1
    return false
end

local function inet_items(e, io, x, out)
    local tcp = e.proto:sub(1, 3) == "TCP"
    if not tcp and e.proto:sub(1, 3) ~= "UDP" then return end
    local la, lp, pa, pp = e.laddr, e.lport, e.paddr, e.pport
    if not tcp then
        -- An unconnected datagram socket's peer is the call's own address.
        local a, port = sockaddr_in(x.sockaddr)
        if a and #a == #la then pa, pp = a, port end
    end
    local src, sp, dst, dp = la, lp, pa, pp
    if io.dir == "r" then src, sp, dst, dp = pa, pp, la, lp end
    local key = src .. be16(sp) .. dst .. be16(dp)
    local runs = held_runs(io.pieces)
    if not tcp then
        -- One datagram a message, as much of it as the capture holds.
        local data = #runs > 0 and runs[1][1] == 0 and runs[1][2] or ""
        if seen_at_other_end(be16(sp) .. be16(dp) .. data, io.dir) then return end
        out[#out + 1] = { ip = ip_packet(IPPROTO_UDP, src, dst, sp, dp, 0, 0, data:sub(1, MAX_SEGMENT)) }
        return
    end
    if not owns(key, e.inode .. io.dir) then return end
    do
        local rkey = dst .. be16(dp) .. src .. be16(sp)
        local seqs = payload_state().seq
        local seq, ack = seqs[key] or 1, seqs[rkey] or 1
        for _, run in ipairs(runs) do
            for o = 1, #run[2], MAX_SEGMENT do
                out[#out + 1] = { ip = ip_packet(IPPROTO_TCP, src, dst, sp, dp, seq + run[1] + o - 1, ack,
                    run[2]:sub(o, o + MAX_SEGMENT - 1)) }
            end
        end
        seqs[key] = seq + io.count
    end
end

-- strace.unix.path: the dissector for the bytes of a unix socket by its
-- path (an abstract name with "@"), filled from the preference below and
-- open to other Lua scripts (DissectorTable.get("strace.unix.path")).
local unix_table
do
    local ok, t = pcall(DissectorTable.new, "strace.unix.path", "strace unix socket path", ftypes.STRING, base.NONE, strace)
    if ok then unix_table = t end
end

-- The preference names the protocol of a unix socket's bytes by its path:
-- "/run/app.sock=http, @bus=dbus". Wireshark 4.0's Decode As offers a Lua
-- string table only Lua protocols, hence the preference: its entries go
-- into the table.
strace.prefs.unix_protocols = Pref.string("Unix socket protocols", "",
    "Comma-separated PATH=PROTOCOL pairs: the bytes moved through unix sockets bound or connected to PATH " ..
    "(@NAME for an abstract name) go to the dissector PROTOCOL (http, http2, json, dns, ...)")
local unix_added = {}
local function apply_unix_protocols()
    if not unix_table then return end
    for path, h in pairs(unix_added) do pcall(unix_table.remove, unix_table, path, h) end
    unix_added = {}
    for item in (strace.prefs.unix_protocols or ""):gmatch("[^,]+") do
        local path, name = item:match("^%s*(.-)%s*=%s*([%w_.%-]+)%s*$")
        local ok, h = pcall(Dissector.get, name or "")
        if path and path ~= "" and ok and h then
            unix_table:add(path, h)
            unix_added[path] = h
        end
    end
end
function strace.prefs_changed() apply_unix_protocols() end
apply_unix_protocols()

-- unix_path is the path a unix socket's conversation goes by: its own
-- (a server's), the one it connected to, or its peer's.
local function unix_path(e)
    local paths = payload_state().paths
    if e.path then paths[e.inode] = e.path end
    return e.path or paths[e.inode] or (e.peer ~= 0 and paths[e.peer]) or nil
end

-- unix_dissector is the dissector a unix socket's path is given in the
-- strace.unix.path table (Decode As), or nil.
local function unix_dissector(path)
    if not path or not unix_table then return nil end
    local ok, h = pcall(unix_table.get_dissector, unix_table, path)
    return ok and h or nil
end

-- desegment hands a unix stream's bytes to h as TCP does to the protocol
-- on top: the bytes a dissector asked more for (desegment_len) wait for
-- the next call in the same direction. It returns the bytes dissected,
-- which the later passes show again, or nil.
local function desegment(h, key, data, pinfo, tree)
    local pending = payload_state().pending
    local buf = (pending[key] or "") .. data
    pending[key] = nil
    local ok, n
    pinfo.desegment_len, pinfo.desegment_offset = 0, 0
    pinfo.can_desegment = 2
    ok = pcall(function() n = h:call(ByteArray.new(buf, true):tvb("Socket data"), pinfo, tree) end)
    local want, at = pinfo.desegment_len, pinfo.desegment_offset
    pinfo.can_desegment = 0
    pinfo.desegment_len, pinfo.desegment_offset = 0, 0
    if ok and want > 0 and at < #buf then
        pending[key] = buf:sub(at + 1)
        return at > 0 and buf:sub(1, at) or nil
    end
    return buf
end

local function unix_items(e, io, x, out, pinfo, tree)
    local path = unix_path(e)
    local h = unix_dissector(path)
    if not h then return end
    local stream = e.proto == "UNIX-STREAM"
    local from, to = e.inode, e.peer
    if io.dir == "r" then from, to = e.peer, e.inode end
    local key = from .. ">" .. to
    if not owns(key, e.inode .. io.dir) then return end
    local runs = held_runs(io.pieces)
    if stream then
        local pending = payload_state().pending
        for i, run in ipairs(runs) do
            -- A gap the capture cut ends what a dissector can reassemble.
            if i > 1 or run[1] > 0 then pending[key] = nil end
            local done = desegment(h, key, run[2], pinfo, tree)
            if done then out[#out + 1] = { unix = done, path = path, dissected = true } end
        end
        if #runs == 0 or runs[#runs][1] + #runs[#runs][2] < io.count then pending[key] = nil end
    elseif #runs > 0 and runs[1][1] == 0 then
        out[#out + 1] = { unix = runs[1][2], path = path }
    end
end

-- payload_items: what a record's socket data calls hand to dissectors,
-- decided once, in the first pass, since TCP sequence numbers and unix
-- stream reassembly depend on the calls before.
local function payload_items(rec, pinfo, tree)
    local x = facts(rec)
    if not x then return false end
    if x.name == "connect" and x.fd and not x.failed and x.sockaddr and byte(x.sockaddr, 1) == 1 then
        -- A unix client's path, for its later calls.
        local sec = mem_fdinfo(rec, true, x.fd)
        local e = sec and endpoints(sec)
        local name = x.sockaddr:sub(3)
        if byte(name, 1) == 0 then name = "@" .. name:sub(2):match("^[^%z]*") else name = name:match("^[^%z]*") end
        if e and e.inode and name ~= "" and name ~= "@" then payload_state().paths[e.inode] = name end
        return false
    end
    if #x.io == 0 then return false end
    local peek = PEEK_ARG[x.name]
    if peek and band(rec.args[peek][2], MSG_PEEK) ~= 0 then return false end
    local out = {}
    for _, io in ipairs(x.io) do
        local sec = not io.copy and (mem_fdinfo(rec, true, io.fd) or mem_fdinfo(rec, false, io.fd))
        local e = sec and endpoints(sec)
        if e and e.laddr then
            inet_items(e, io, x, out)
        elseif e and e.fam == 1 then
            unix_items(e, io, x, out, pinfo, tree)
        end
    end
    return #out > 0 and out
end

local handles = {}
local function handle(name)
    if handles[name] == nil then
        local ok, h = pcall(Dissector.get, name)
        handles[name] = ok and h or false
    end
    return handles[name]
end

local function call(h, tvb, pinfo, tree) return h:call(tvb, pinfo, tree) end

-- payload.dissect hands the record's socket data to Wireshark's
-- dissectors. They set the Protocol column and their own Info, Source
-- and Destination; the caller sets the Process, Result and Info columns
-- back (the call's line is the Info).
function payload.dissect(rec, pinfo, tree)
    local frames = payload_state().frames
    local items = frames[pinfo.number]
    local first = items == nil
    if first then
        if pinfo.visited then return end
        local ok, r = pcall(payload_items, rec, pinfo, tree)
        items = ok and r or false
        frames[pinfo.number] = items
    end
    if not items then return end
    -- IP sets the packet's addresses, which would fill the Process column
    -- (Source) with the rebuilt header's.
    local src, dst, nsrc, ndst = pinfo.src, pinfo.dst, pinfo.net_src, pinfo.net_dst
    for _, it in ipairs(items) do
        local h = it.ip and handle(byte(it.ip, 1) == 69 and "ip" or "ipv6")
        if it.unix and not (first and it.dissected) then
            -- A datagram, or a stream's bytes the first pass dissected.
            h = unix_dissector(it.path)
            if h then pcall(call, h, ByteArray.new(it.unix, true):tvb("Socket data"), pinfo, tree) end
            h = nil
        end
        if h then
            -- A dissector's exception is shown in its tree; it is not this
            -- dissector's error.
            pcall(call, h, ByteArray.new(it.ip, true):tvb("Socket data"), pinfo, tree)
        end
    end
    pinfo.src, pinfo.dst, pinfo.net_src, pinfo.net_dst = src, dst, nsrc, ndst
end

-- payload.calls: the calls whose records may carry socket payloads.
for name in pairs(DATA_CALLS) do payload.calls[name] = true end
for name in pairs(MMSG_CALLS) do payload.calls[name] = true end

-- record_tap calls on_record(rec, frame number) for every strace record in
-- frame order, and on_draw() when the packets are done; on_reset() before
-- each pass.
local function record_tap(on_record, on_draw, on_reset)
    local tap = Listener.new()
    function tap.packet(pinfo, tvb)
        local s = tvb and record_bytes(tvb)
        if not s then return end
        local rec = parse_quick(s)
        if not rec then
            local perr
            rec, perr = parse(s)
            if perr then return end
        end
        on_record(rec, pinfo.number)
    end
    tap.draw = on_draw
    tap.reset = on_reset
    return tap
end

-- summary_tap collects each completed call's name, number, result and
-- time from the records (see record_tap), for summary_text.
local function summary_tap(on_draw)
    local seen = {}
    return record_tap(function(rec, number)
        if rec.kind ~= KIND.syscall then return end
        local c = new_ctx(rec, true, 0)
        local ok, cl = pcall(plan, rec, c)
        if not ok or not cl then return end
        c.rec = cl.rec or rec
        seen[number] = { name = cl.name, nr = rec.nr[2], failed = c:failed(), counted = not has(rec.flags, F_NORETURN),
            ns = unum(rec.duration) }
    end, function() on_draw(summary_text(seen)) end, function() seen = {} end)
end

local function follow_tap(pid, fd, on_draw)
    local fw = new_follow(pid, fd)
    return record_tap(function(rec, number) follow_record(fw, rec, number) end,
        function() on_draw(fw) end,
        function()
            fw.procs, fw.streams = new_procs(), {}
        end)
end

local function process_tap(on_draw)
    local p = new_procs()
    return record_tap(function(rec)
        note_proc(p, rec)
    end, function() on_draw(p) end, function()
        local q = new_procs()
        for k, v in pairs(q) do p[k] = v end
    end)
end

local function stats_tap(render, on_draw)
    local st = new_stats()
    return record_tap(function(rec) stats_record(st, rec) end,
        function() on_draw(render(st)) end,
        function()
            local n = new_stats()
            for k, v in pairs(n) do st[k] = v end
        end)
end

----------------------------------------------------------------------------
-- tshark -z.

local function say(text) io.write("\n" .. text) end

-- In the GUI, `wireshark -r FILE -z strace,...` runs the same callbacks
-- (after the file is read): they open the window the menu entry opens,
-- filled by the GUI section below, instead of writing to stdout.
local gui_open = {}

register_stat_cmd_arg("strace,summary", function()
    if gui_open.summary then return gui_open.summary() end
    summary_tap(function(text)
        io.write("\n=== strace summary (strace -c -w) ===\n" .. text)
    end)
end)

for name, render in pairs({ processes = processes_text, files = files_text, errors = errors_text }) do
    register_stat_cmd_arg("strace," .. name, function()
        if gui_open[name] then return gui_open[name]() end
        stats_tap(render, say)
    end)
end

-- -z strace,follow,PID,FD[,MODE][,FRAME]: the streams of fd FD of process
-- PID (MODE ascii or hex; FRAME picks the stream that holds that frame).
-- -z strace,follow,PID: the process and its descendants.
register_stat_cmd_arg("strace,follow", function(arg)
    local words = {}
    for w in (arg or ""):gmatch("[^,]+") do words[#words + 1] = w end
    local pid, fd = tonumber(words[3]), tonumber(words[4])
    local mode, frame = "ascii", nil
    for i = 5, #words do
        if words[i] == "hex" or words[i] == "ascii" then mode = words[i] else frame = tonumber(words[i]) end
    end
    if not pid or (words[4] and not fd) then
        -- tshark reports a callback's error without its text.
        io.stderr:write("tshark: usage: -z strace,follow,PID,FD[,ascii|hex][,FRAME] or -z strace,follow,PID (got "
            .. tostring(arg) .. ")\n")
        return
    end
    if not fd then
        if gui_open.family then return gui_open.family(pid) end
        process_tap(function(p) say((family_text(p, pid))) end)
        return
    end
    if gui_open.follow then return gui_open.follow(pid, fd, frame) end
    follow_tap(pid, fd, function(fw) say(follow_text(fw, mode, frame)) end)
end)

----------------------------------------------------------------------------
-- The GUI: Statistics entries on every version, packet list entries where
-- Lua can add them (register_packet_menu: not in 4.0, in 4.4 and 4.6).

if not gui_enabled() then return end

-- Statistics menu entries. MENU_STAT_UNSORTED is the group that shows in
-- Statistics on 4.0, 4.4 and 4.6 (checked in each GUI): 4.0 drops
-- MENU_STAT_GENERIC. A "/" in the name makes a submenu only from 4.6 on;
-- before, it shows literally, so older versions get "strace: Name".
local function stat_menu_name(name)
    local major, minor = string.match(get_version and get_version() or "", "^(%d+)%.(%d+)")
    major, minor = tonumber(major), tonumber(minor)
    if major and (major > 4 or major == 4 and minor >= 6) then
        return "strace/" .. name
    end
    return "strace: " .. name
end

-- text_window opens a window filled by a tap over every packet.
local function text_window(title, make_tap)
    local win = TextWindow.new(title)
    local tap = make_tap(win)
    win:set_atclose(function() tap:remove() end)
    retap_packets()
    return win
end

local function apply(filter)
    set_filter(filter)
    apply_filter()
end

-- bad_input says what a dialog was given that is not a number.
local function bad_input(what, ...)
    local win = TextWindow.new("strace: " .. what)
    local got = {}
    for i, v in ipairs({ ... }) do got[i] = fmt("%q", tostring(v)) end
    win:set(fmt("%s needs numbers: a process ID (strace.pid) and, for an fd, a file descriptor (strace.fd); got %s.\n",
        what, concat(got, ", ")))
end

local function open_follow(pid, fd, frame)
    if not pid or not fd then return bad_input("Follow fd", pid, fd) end
    text_window(fmt("strace: Follow fd %d of process %d", fd, pid), function(win)
        -- The window keeps the streams of its first pass: a filter the
        -- buttons apply retaps the packets again.
        local drawn = false
        return follow_tap(pid, fd, function(live)
            if drawn then return end
            drawn = true
            local fw = { pid = live.pid, fd = live.fd, procs = live.procs, streams = live.streams }
            local mode = "ascii"
            local function show() win:set(follow_text(fw, mode, frame)) end
            show()
            win:add_button("ASCII / hex", function()
                mode = mode == "ascii" and "hex" or "ascii"
                show()
            end)
            if frame then
                win:add_button("Filter this stream", function()
                    local st = stream_at(fw, frame)
                    if st then apply(stream_filter(fw, st)) end
                end)
            end
            win:add_button("Filter fd in process", function()
                apply(fmt("strace.pid == %d && strace.fd == %d", pid, fd))
            end)
        end)
    end)
end

local function open_family(pid)
    if not pid then return bad_input("Follow process", pid) end
    text_window(fmt("strace: Follow process %d", pid), function(win)
        local drawn = false
        return process_tap(function(p)
            if drawn then return end
            drawn = true
            local text, filter = family_text(p, pid)
            win:set(text)
            win:add_button("Apply as filter", function() apply(filter) end)
        end)
    end)
end

-- The selected packet's values of the fields named, from the field
-- infos a packet menu receives.
local function picked(fields, ...)
    local want, got = {}, {}
    for _, n in ipairs({ ... }) do want[n] = true end
    for _, fi in ipairs(fields) do
        local ok, name = pcall(function() return fi.name end)
        if ok and want[name] and got[name] == nil then
            local ok2, v = pcall(function() return fi.value end)
            if ok2 then got[name] = tonumber(tostring(v)) end
        end
    end
    return got
end

gui_open.follow, gui_open.family = open_follow, open_family

function gui_open.summary()
    text_window("strace summary", function(win)
        return summary_tap(function(text) win:set(text) end)
    end)
end
register_menu(stat_menu_name("Summary (strace -c)"), gui_open.summary, MENU_STAT_UNSORTED)

for _, m in ipairs({ { "Processes", processes_text }, { "Files", files_text }, { "Errors", errors_text } }) do
    local name = m[1]:lower()
    gui_open[name] = function()
        text_window("strace " .. name, function(win)
            return stats_tap(m[2], function(text) win:set(text) end)
        end)
    end
    register_menu(stat_menu_name(m[1]), gui_open[name], MENU_STAT_UNSORTED)
end

-- filter_number is the number the display filter compares field with
-- (`strace.fd == 3`), or nil.
local function filter_number(field)
    local ok, flt = pcall(get_filter)
    if not ok or type(flt) ~= "string" then return nil end
    return tonumber(flt:match(field:gsub("%.", "%%.") .. "%s*==%s*(%-?%d+)"))
end

-- Follow from the Statistics menu takes the process and descriptor from
-- the display filter (Apply as Filter on them) or else asks for them: 4.0
-- has no packet menus, and no Lua API gives the selected packet. From the
-- packet list it takes them from the selected record.
register_menu(stat_menu_name("Follow fd..."), function()
    local pid, fd = filter_number("strace.pid"), filter_number("strace.fd")
    if pid and fd then return open_follow(pid, fd) end
    new_dialog("strace: Follow fd", function(pid, fd)
        if not tonumber(pid) or not tonumber(fd) then return bad_input("Follow fd", pid, fd) end
        open_follow(tonumber(pid), tonumber(fd))
    end,
        "Process ID (strace.pid)", "File descriptor (strace.fd)")
end, MENU_STAT_UNSORTED)
register_menu(stat_menu_name("Follow process..."), function()
    local pid = filter_number("strace.pid")
    if pid then return open_family(pid) end
    new_dialog("strace: Follow process", function(pid)
        if not tonumber(pid) then return bad_input("Follow process", pid) end
        open_family(tonumber(pid))
    end, "Process ID (strace.pid)")
end, MENU_STAT_UNSORTED)

if register_packet_menu then
    register_packet_menu("strace/Follow fd", function(...)
        local got = picked({ ... }, "strace.pid", "strace.fd", "frame.number")
        open_follow(got["strace.pid"], got["strace.fd"], got["frame.number"])
    end, "strace.fd")
    register_packet_menu("strace/Follow process", function(...)
        local got = picked({ ... }, "strace.pid")
        open_family(got["strace.pid"])
    end, "strace.pid")
end

end)()
