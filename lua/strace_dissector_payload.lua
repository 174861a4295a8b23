-- strace_dissector_payload.lua: socket payloads handed to Wireshark's dissectors behind rebuilt IP, TCP and UDP headers.
-- A part of strace.lua, which runs it with the names the earlier parts left in
-- WS; run alone, as Wireshark runs every .lua file in its plugins folder, it
-- does nothing.

local WS = ...
if type(WS) ~= "table" or WS.SR == nil then return {} end
local SR, band, byte, held_runs, mem_fdinfo = WS.SR, WS.band, WS.byte, WS.held_runs, WS.mem_fdinfo
local payload, strace = WS.payload, WS.strace

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
    local p = WS.state.payload
    if not p then
        p = {
            frames = {}, -- frame number -> list of what to dissect, or false
            seq = {},    -- TCP direction -> next sequence number
            owner = {},  -- direction -> the socket end whose calls carry it
            dgrams = {}, -- datagram -> copies moved at one end, not yet at the other
            paths = {},  -- unix socket inode -> the path bound or connected to
            pending = {}, -- unix stream direction -> bytes a dissector asked more for
        }
        WS.state.payload = p
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

WS.errors_text, WS.family_text, WS.files_text = errors_text, family_text, files_text
WS.follow_record, WS.follow_text, WS.new_follow = follow_record, follow_text, new_follow
WS.new_procs, WS.new_stats, WS.note_proc, WS.processes_text = new_procs, new_stats, note_proc, processes_text
WS.record_bytes, WS.stats_record, WS.stream_at = record_bytes, stats_record, stream_at
WS.stream_filter, WS.summary_text = stream_filter, summary_text
