-- strace_render.lua: the record parser and renderer of the Wireshark
-- dissector strace.lua, free of Wireshark's API.
--
-- It reads stracedump records (docs/format.md) from their raw bytes and
-- renders them as `stracedump decode` prints them: a port of
-- decoder/render*.go for the options the dissector's Info column shows,
-- over the tables of the generated decode helper strace_decode.lua. It
-- also makes what the dissector's taps show of a whole capture (strace
-- -c's table, Follow fd, the statistics, the IP packets rebuilt around
-- socket payloads). It uses nothing of Wireshark, so plain lua5.2 and
-- lua5.4 run it too: the differential test (lua/difffuzz_test.go) feeds
-- it records the Go side made and compares its lines with the Go
-- decoder's.
--
-- This file loads its parts (PARTS below) and returns what they made.
-- strace.lua loads it from its own folder and calls the chunk with the
-- decode helper's table; the chunk returns its functions and constants.
-- Installed in Wireshark's plugins folder, Wireshark also runs it as a
-- plugin of its own, without that table: it then returns at once.
--
-- Portable from Lua 5.2 to 5.4 by the same rules as strace.lua: bit
-- operations through the global `bit` library (32 bits, signed results;
-- 64-bit values are {hi, lo} pairs), no native operators, unpack,
-- loadstring or utf8.

local D = ...
if type(D) ~= "table" or type(D.arches) ~= "table" then
    return {}
end

-- PARTS are the files that hold the renderer, next to this one, in the
-- order they run: each takes the names the earlier ones left in SR and
-- adds its own. Loaded alone, as Wireshark loads every .lua file in its
-- plugins folder, a part does nothing.
local PARTS = {
    "strace_render_values.lua",
    "strace_render_record.lua",
    "strace_render_text.lua",
    "strace_render_context.lua",
    "strace_render_structs.lua",
    "strace_render_kinds.lua",
    "strace_render_socket.lua",
    "strace_render_netlink.lua",
    "strace_render_netlink_route.lua",
    "strace_render_poll.lua",
    "strace_render_syscall.lua",
    "strace_render_quick.lua",
    "strace_render_summary.lua",
    "strace_render_follow.lua",
    "strace_render_ioctl.lua",
    "strace_render_uring.lua",
}

local here = debug.getinfo(1, "S")
local dir = (here and here.source or ""):match("^@(.*[/\\])") or ""
local SR = { D = D }
for _, name in ipairs(PARTS) do
    local chunk, err = loadfile(dir .. name)
    if not chunk then
        error("strace_render.lua: cannot load its part " .. name .. ", which must sit next to it: " .. tostring(err))
    end
    chunk(SR)
end

----------------------------------------------------------------------------
-- What strace.lua and the differential test use.

return {
    proc_label = SR.proc_label,
    quick_head = SR.quick_head,
    exact_key = SR.exact_key,
    loose_key = SR.loose_key,
    held_runs = SR.held_runs,
    summary_text = SR.summary_text,
    DATA_CALLS = SR.DATA_CALLS,
    MMSG_CALLS = SR.MMSG_CALLS,
    facts = SR.facts,
    be16 = SR.be16,
    MAX_SEGMENT = SR.MAX_SEGMENT,
    IPPROTO_TCP = SR.IPPROTO_TCP,
    IPPROTO_UDP = SR.IPPROTO_UDP,
    ip_packet = SR.ip_packet,
    endpoints = SR.endpoints,
    sockaddr_in = SR.sockaddr_in,
    new_procs = SR.new_procs,
    note_proc = SR.note_proc,
    family_text = SR.family_text,
    new_follow = SR.new_follow,
    follow_record = SR.follow_record,
    stream_at = SR.stream_at,
    stream_filter = SR.stream_filter,
    follow_text = SR.follow_text,
    new_stats = SR.new_stats,
    stats_record = SR.stats_record,
    processes_text = SR.processes_text,
    files_text = SR.files_text,
    errors_text = SR.errors_text,
    TWO32 = SR.TWO32,
    n32 = SR.n32,
    U = SR.U,
    uandnot = SR.uandnot,
    uzero = SR.uzero,
    ult = SR.ult,
    uadd = SR.uadd,
    udiff = SR.udiff,
    unum = SR.unum,
    isneg = SR.isneg,
    sdec = SR.sdec,
    int32 = SR.int32,
    le32 = SR.le32,
    KIND = SR.KIND,
    kind_names = SR.kind_names,
    F_NORETURN = SR.F_NORETURN,
    F_GROUPSTOP = SR.F_GROUPSTOP,
    F_ATTACH = SR.F_ATTACH,
    F_EXEC = SR.F_EXEC,
    F_FORK = SR.F_FORK,
    F_FOLLOW = SR.F_FOLLOW,
    F_LAUNCHED = SR.F_LAUNCHED,
    F_SUPERSEDED = SR.F_SUPERSEDED,
    SEC = SR.SEC,
    sec_names = SR.sec_names,
    SF_STRING = SR.SF_STRING,
    has = SR.has,
    byte = SR.byte,
    uv = SR.uv,
    parse_quick = SR.parse_quick,
    parse = SR.parse,
    section = SR.section,
    in_phase = SR.in_phase,
    mem_read = SR.mem_read,
    mem_string = SR.mem_string,
    mem_captured = SR.mem_captured,
    mem_fdpath = SR.mem_fdpath,
    mem_fdinfo = SR.mem_fdinfo,
    quote = SR.quote,
    signal_string = SR.signal_string,
    errno_of = SR.errno_of,
    new_ctx = SR.new_ctx,
    member_fields = SR.member_fields,
    plan = SR.plan,
    pad = SR.pad,
    syscall_line = SR.syscall_line,
    sig_code = SR.sig_code,
    signal_line = SR.signal_line,
    exit_line = SR.exit_line,
    fd_yy = SR.fd_yy,
    failed_text = SR.failed_text,
    string_limit = SR.string_limit,
    meta_line = SR.meta_line,
    chex = SR.chex,
    format_flags = SR.format_flags,
}
