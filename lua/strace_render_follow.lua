-- strace_render_follow.lua: Follow fd and the statistics tables (per process, per file, errors).
-- A part of strace_render.lua, which runs it with the names the earlier parts
-- left in SR; run alone, as Wireshark runs every .lua file in its plugins
-- folder, it does nothing.

local SR = ...
if type(SR) ~= "table" or SR.D == nil then return {} end
local F_NORETURN, KIND, byte, concat, errno_of = SR.F_NORETURN, SR.KIND, SR.byte, SR.concat, SR.errno_of
local facts, floor, fmt, has, new_procs = SR.facts, SR.floor, SR.fmt, SR.has, SR.new_procs
local note_proc, proc_label, quote, signal_string = SR.note_proc, SR.proc_label, SR.quote, SR.signal_string
local unum = SR.unum

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

SR.errors_text, SR.files_text, SR.follow_record = errors_text, files_text, follow_record
SR.follow_text, SR.new_follow, SR.new_stats = follow_text, new_follow, new_stats
SR.processes_text, SR.stats_record, SR.stream_at = processes_text, stats_record, stream_at
SR.stream_filter = stream_filter
