-- strace_dissector_taps.lua: the taps behind tshark -z strace,... and the GUI's Follow and Statistics menus.
-- A part of strace.lua, which runs it with the names the earlier parts left in
-- WS; run alone, as Wireshark runs every .lua file in its plugins folder, it
-- does nothing.

local WS = ...
if type(WS) ~= "table" or WS.SR == nil then return {} end
local F_NORETURN, KIND, concat, errors_text = WS.F_NORETURN, WS.KIND, WS.concat, WS.errors_text
local family_text, files_text, fmt, follow_record = WS.family_text, WS.files_text, WS.fmt, WS.follow_record
local follow_text, has, new_ctx, new_follow = WS.follow_text, WS.has, WS.new_ctx, WS.new_follow
local new_procs, new_stats, note_proc, parse = WS.new_procs, WS.new_stats, WS.note_proc, WS.parse
local parse_quick, plan, processes_text = WS.parse_quick, WS.plan, WS.processes_text
local record_bytes, stats_record, stream_at = WS.record_bytes, WS.stats_record, WS.stream_at
local stream_filter, summary_text, unum = WS.stream_filter, WS.summary_text, WS.unum

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
