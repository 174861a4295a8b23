-- strace_dissector_fields.lua: the protocol strace, its fields, experts and preferences.
-- A part of strace.lua, which runs it with the names the earlier parts left in
-- WS; run alone, as Wireshark runs every .lua file in its plugins folder, it
-- does nothing.

local WS = ...
if type(WS) ~= "table" or WS.SR == nil then return {} end
local D, SR = WS.D, WS.SR

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

WS.F_GROUPSTOP, WS.F_NORETURN, WS.F_SUPERSEDED, WS.KIND = F_GROUPSTOP, F_NORETURN, F_SUPERSEDED, KIND
WS.SEC, WS.TWO32, WS.U, WS.band, WS.byte, WS.concat, WS.ef = SEC, TWO32, U, band, byte, concat, ef
WS.errno_of, WS.exact_key, WS.exit_line, WS.f, WS.failed_text = errno_of, exact_key, exit_line, f, failed_text
WS.fd_yy, WS.flag_trees, WS.floor, WS.fmt, WS.has = fd_yy, flag_trees, floor, fmt, has
WS.held_runs, WS.int32, WS.kind_names, WS.le32, WS.loose_key = held_runs, int32, kind_names, le32, loose_key
WS.lshift, WS.mem_fdinfo, WS.mem_fdpath, WS.meta_line, WS.n32 = lshift, mem_fdinfo, mem_fdpath, meta_line, n32
WS.new_ctx, WS.pad, WS.parse, WS.parse_quick, WS.plan = new_ctx, pad, parse, parse_quick, plan
WS.proc_label, WS.quick_head, WS.sdec, WS.sec_names = proc_label, quick_head, sdec, sec_names
WS.section, WS.sig_code, WS.signal_line, WS.signal_string = section, sig_code, signal_line, signal_string
WS.strace, WS.string_limit, WS.syscall_line, WS.text_vs = strace, string_limit, syscall_line, text_vs
WS.uandnot, WS.unum = uandnot, unum
