-- strace_dissector_packet.lua: the dissector function: Info with or without a tree, the columns, its registration.
-- A part of strace.lua, which runs it with the names the earlier parts left in
-- WS; run alone, as Wireshark runs every .lua file in its plugins folder, it
-- does nothing.

local WS = ...
if type(WS) ~= "table" or WS.SR == nil then return {} end
local KIND, SEC, add, byte, dissect_contents = WS.KIND, WS.SEC, WS.add, WS.byte, WS.dissect_contents
local dissect_exit, dissect_sections, dissect_signal = WS.dissect_exit, WS.dissect_sections, WS.dissect_signal
local dissect_syscall, ef, exact_key, f = WS.dissect_syscall, WS.ef, WS.exact_key, WS.f
local failed_text, first_pass, fmt, frame_field = WS.failed_text, WS.first_pass, WS.fmt, WS.frame_field
local kind_names, label, loose_key, meta_line = WS.kind_names, WS.label, WS.loose_key, WS.meta_line
local new_ctx, nstime, packet_time, parse = WS.new_ctx, WS.nstime, WS.packet_time, WS.parse
local parse_quick, plan, quick_head = WS.parse_quick, WS.plan, WS.quick_head
local strace, string_limit, syscall_line = WS.strace, WS.string_limit, WS.syscall_line
local tvb_range = WS.tvb_range

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
    if not pinfo.visited and not WS.state.frames[pinfo.number] then
        local fs = first_pass(rec, pinfo.number)
        WS.state.frames[pinfo.number] = fs
        return fs
    end
    return WS.state.frames[pinfo.number] or { limit = WS.state.limit, comm = WS.state.comm[rec.pid] }
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
    local hit = info_cache_limit == WS.state.limit and info_cache[key]
    if not hit then
        key2 = loose_key(s, dstart, o, modes)
        if key2 and info_cache_limit == WS.state.limit then hit = info_cache[key2] end
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
        WS.state.frames[number] = fs
    else
        fs = WS.state.frames[number] or { limit = WS.state.limit, comm = WS.state.comm[pid] }
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

WS.payload = payload
