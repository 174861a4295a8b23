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
-- Install: copy strace.lua, strace_render.lua and strace_decode.lua into the
-- same folder, either Wireshark's personal Lua plugins folder (`tshark -G
-- folders`, "Personal Lua Plugins") or anywhere for `tshark -X
-- lua_script:/path/to/strace.lua`. The other two are found next to this file
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

local function proc_label(pid, comm)
    if comm and comm ~= "" then return fmt("%d %s", pid, comm) end
    return fmt("%d", pid)
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
-- keyed by the record's other bytes, which are all its line depends on.

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

----------------------------------------------------------------------------
-- Socket payloads: what a process moved through a TCP or UDP socket goes
-- to Wireshark's own dissectors behind IP and TCP or UDP headers rebuilt
-- from the socket's endpoints (docs/dissector.md), so that Wireshark picks
-- the protocol as it does on the wire (port, heuristics, Decode As), TCP
-- reassembles what several calls moved, and Follow TCP Stream works. Bytes
-- of a unix socket go to the dissector its path is given (the
-- strace.unix.path table: Decode As or the preference), reassembled the
-- way TCP does it.

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
