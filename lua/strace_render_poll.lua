-- strace_render_poll.lua: poll, select and epoll sets, termios, user_desc and the native rlimit.
-- A part of strace_render.lua, which runs it with the names the earlier parts
-- left in SR; run alone, as Wireshark runs every .lua file in its plugins
-- folder, it does nothing.

local SR = ...
if type(SR) ~= "table" or SR.D == nil then return {} end
local Ctx, R, U, band, bnot, chex, concat = SR.Ctx, SR.R, SR.U, SR.band, SR.bnot, SR.chex, SR.concat
local floor, fmt, format_enum, format_flags, i32s = SR.floor, SR.fmt, SR.format_enum, SR.format_flags, SR.i32s
local int32, limited, n32, ret_count, rlim_value = SR.int32, SR.limited, SR.n32, SR.ret_count, SR.rlim_value
local sdec, structs, time_struct, udec, ueq = SR.sdec, SR.structs, SR.time_struct, SR.udec, SR.ueq
local uzero = SR.uzero

-- timespec64 is struct __kernel_timespec: 64-bit times on every arch.
structs.timespec64 = function(c, addr) time_struct(c, addr, "__kernel_timespec", "timespec", "tv_nsec") end

-- time_string renders a timeval, timespec or (time64) 64-bit timespec at
-- addr, or nil.
function Ctx:time_string(addr, timespec, time64)
    local f = structs.timeval
    if time64 then f = structs.timespec64 elseif timespec then f = structs.timespec end
    local s = self:capture(function() f(self, addr) end)
    if s:sub(1, 1) ~= "{" then return nil end
    return s
end

-- pollfds renders count pollfds at addr: at entry with their events, at
-- exit those with revents; nil when unreadable.
function Ctx:pollfds(addr, count, exit)
    local l = self:layout("pollfd")
    if count[1] ~= 0 or count[2] > 65536 then return nil end
    local n = count[2]
    local b, _, base = self:read(addr, l.size * n)
    if not b then return nil end
    local parts = {}
    local shown, more = limited(self, n)
    local function note(i, what)
        self:note("pollfd.fd", l, base, "fd", l.size * i)
        self:note("pollfd." .. what, l, base, what, l.size * i)
    end
    for i = 0, n - 1 do
        local e = b:sub(l.size * i + 1)
        local fd = self:mu(e, l, "fd")
        local ev, rev = self:mu(e, l, "events"), self:mu(e, l, "revents")
        if exit then
            if not uzero(rev) then
                if #parts == shown then
                    more = true
                    break
                end
                note(i, "revents")
                parts[#parts + 1] = "{fd=" .. i32s(fd[2]) .. ", revents=" .. format_flags("poll_events", rev, self.rec.arch) .. "}"
            end
        else
            if i == shown then break end
            note(i, "events")
            local s = "{fd=" .. i32s(fd[2])
            if int32(fd[2]) >= 0 then s = s .. ", events=" .. format_flags("poll_events", ev, self.rec.arch) end
            parts[#parts + 1] = s .. "}"
        end
    end
    if exit then more = more and #parts == shown end
    if more then parts[#parts + 1] = "..." end
    return "[" .. concat(parts, ", ") .. "]"
end

R.PollFDs = function(c, k, v)
    local addr = c:word(v)
    if uzero(addr) then
        c:out("NULL")
        return
    end
    local s = c:pollfds(addr, c:word(c.rec.args[k.count + 1]), false)
    if s then c:out(s) else c:ptr(addr) end
end

R.PollRet = function(c, k, v)
    local r = c:slong(v)
    c:out(sdec(r))
    if uzero(r) then
        c:out(" (Timeout)")
        return
    end
    local parts = {}
    local s = c:pollfds(c:word(c.rec.args[k.fds + 1]), c:word(c.rec.args[k.count + 1]), true)
    if s then parts[#parts + 1] = s end
    if k.timeout >= 0 then
        local t = c:word(c.rec.args[k.timeout + 1])
        if not uzero(t) then
            local ts = c:time_string(t, true, k.time64)
            if ts then parts[#parts + 1] = "left " .. ts end
        end
    end
    if #parts > 0 then c:out(" (" .. concat(parts, ", ") .. ")") end
end

-- fd_set lists the fds of the fd_set of nfds descriptors at addr, or nil.
function Ctx:fd_set(addr, nfds)
    if nfds < 0 or nfds > 1048576 then return nil end
    local ws = self.ws
    local n = floor((nfds + 8 * ws - 1) / (8 * ws)) * ws
    local b = self:read(addr, n)
    if not b then return nil end
    local fds = {}
    for byte_i = 0, n - 1 do
        -- A little-endian word's bits are its bytes' bits in order.
        local j = byte_i
        if self.big then j = floor(byte_i / ws) * ws + (ws - 1 - byte_i % ws) end
        local x = b:byte(j + 1)
        for bit_i = 0, 7 do
            if x % 2 == 1 then
                local fd = byte_i * 8 + bit_i
                if fd < nfds then fds[#fds + 1] = fmt("%d", fd) end
            end
            x = floor(x / 2)
        end
    end
    return "[" .. concat(fds, " ") .. "]", #fds
end

R.FDSet = function(c, k, v)
    local addr = c:word(v)
    if uzero(addr) then
        c:out("NULL")
        return
    end
    local s = c:fd_set(addr, int32(c.rec.args[k.nfds + 1][2]))
    if s then c:out(s) else c:ptr(addr) end
end

R.SelectRet = function(c, k, v)
    local r = c:slong(v)
    c:out(sdec(r))
    if uzero(r) then
        c:out(" (Timeout)")
        return
    end
    local nfds = int32(c.rec.args[k.nfds + 1][2])
    local parts = {}
    for i, name in ipairs({ "in", "out", "except" }) do
        local addr = c:word(c.rec.args[k.sets[i] + 1])
        if not uzero(addr) then
            local s, n = c:fd_set(addr, nfds)
            if s and n > 0 then parts[#parts + 1] = name .. " " .. s end
        end
    end
    local t = c:word(c.rec.args[k.timeout + 1])
    if not uzero(t) then
        local ts = c:time_string(t, k.timespec, k.time64)
        if ts then parts[#parts + 1] = "left " .. ts end
    end
    if #parts > 0 then c:out(" (" .. concat(parts, ", ") .. ")") end
end

structs.pselect6_sig = function(c, addr)
    local ws = c.ws
    local b = c:fetch(addr, 2 * ws)
    if not b then return end
    local set, size = c:field(b, 0, ws), c:field(b, ws, ws)
    local ss
    if uzero(set) then
        ss = "NULL"
    elseif size[1] ~= 0 or size[2] == 0 or size[2] > 128 or size[2] % 4 ~= 0 then
        ss = chex(set)
    else
        local sb = c:read(set, size[2])
        ss = sb and c:sigset_string(sb) or chex(set)
    end
    c:fields({ "sigmask", ss, "sigsetsize", udec(size) })
end

local function epoll_event_string(c, b, l, base, off)
    c:note_group("epoll", l, base, off)
    local data = c:mu(b, l, "data")
    return "{events=" .. format_flags("epoll_events", c:mu(b, l, "events"), c.rec.arch) ..
        ", data={u32=" .. udec(U(data[2])) .. ", u64=" .. udec(data) .. "}}"
end

structs.epoll_event = function(c, addr)
    local l = c:layout("epoll_event")
    if not l then
        c:ptr(addr)
        return
    end
    local b, base = c:fetch(addr, l.size)
    if b then c:out(epoll_event_string(c, b, l, base)) end
end

structs.epoll_events = function(c, addr)
    local n = ret_count(c)
    local l = c:layout("epoll_event")
    if not l or n < 0 or n > 65536 then
        c:ptr(addr)
        return
    end
    local b, base = c:fetch(addr, n * l.size)
    if not b then return end
    local shown, more = limited(c, n)
    local parts = {}
    for i = 0, shown - 1 do
        parts[#parts + 1] = epoll_event_string(c, b:sub(i * l.size + 1), l, base, i * l.size)
    end
    if more then parts[#parts + 1] = "..." end
    c:out("[" .. concat(parts, ", ") .. "]")
end

local TERM_DELAYS = {
    { 0x100, { "NL0", "NL1" } }, { 0x600, { "CR0", "CR1", "CR2", "CR3" } },
    { 0x1800, { "TAB0", "TAB1", "TAB2", "XTABS" } }, { 0x2000, { "BS0", "BS1" } },
    { 0x4000, { "VT0", "VT1" } }, { 0x8000, { "FF0", "FF1" } },
}

structs.termios = function(c, addr)
    local l = c:layout("termios")
    if not l then
        c:ptr(addr)
        return
    end
    local b = c:fetch(addr, l.size)
    if not b then return end
    local arch = c.rec.arch
    local function flags(set, v)
        if v == 0 then return "" end
        return format_flags(set, U(v), arch)
    end
    local iflag, oflag, cflag, lflag = c:mu(b, l, "c_iflag")[2], c:mu(b, l, "c_oflag")[2], c:mu(b, l, "c_cflag")[2], c:mu(b, l, "c_lflag")[2]
    local o = {}
    for _, f in ipairs(TERM_DELAYS) do
        local mask, names = f[1], f[2]
        local low = mask
        local shift = 1
        while low % 2 == 0 do
            low = low / 2
            shift = shift * 2
        end
        o[#o + 1] = names[floor(band(oflag, mask) / shift) + 1] .. "|"
    end
    o[#o + 1] = flags("term_oflags", n32(band(oflag, bnot(0xff00))))
    local cbaud = 0x100f -- CBAUD
    local cf = { format_enum("baud_options", U(band(cflag, cbaud)), arch), "|" }
    local ib = band(floor(cflag / 65536), cbaud)
    if ib ~= 0 then cf[#cf + 1] = format_enum("baud_options", U(ib), arch) .. "<<IBSHIFT|" end
    cf[#cf + 1] = format_enum("term_csize", U(band(cflag, 0x30)), arch) .. "|"
    cf[#cf + 1] = flags("term_cflags", n32(band(cflag, bnot(0x100f100f + 0x30))))
    c:fields({ "c_iflag", flags("term_iflags", iflag), "c_oflag", concat(o), "c_cflag", concat(cf),
        "c_lflag", flags("term_lflags", lflag), "", "..." })
end

structs.char = function(c, addr) c:read_buf(addr, U(1), false) end

-- c_hex08 is C's "%#08x".
local function c_hex08(v)
    if v == 0 then return "00000000" end
    return fmt("0x%06x", v)
end

structs.user_desc = function(c, addr)
    local l = c:layout("user_desc")
    if not l then
        c:ptr(addr)
        return
    end
    local b = c:fetch(addr, l.size)
    if not b then return end
    local kv = { "entry_number", sdec(c:ms(b, l, "entry_number")), "base_addr", c_hex08(c:mu(b, l, "base_addr")[2]),
        "limit", c_hex08(c:mu(b, l, "limit")[2]) }
    for _, n in ipairs({ "seg_32bit", "contents", "read_exec_only", "limit_in_pages", "seg_not_present", "useable", "lm" }) do
        if l.m[n] then kv[#kv + 1], kv[#kv + 2] = n, udec(c:mu(b, l, n)) end
    end
    c:fields(kv)
end

R.ThreadAreaRet = function(c, k, v)
    c:out(sdec(c:slong(v)))
    local addr = c:word(c.rec.args[k.arg + 1])
    if c:entry_int(addr) ~= 0xffffffff then return end
    local b = c:read(addr, 4)
    if b then c:out(" (entry_number=" .. i32s(c:uint(b)[2]) .. ")") end
end

structs.rlimit_native = function(c, addr)
    local l = c:layout("rlimit")
    if not l then
        c:ptr(addr)
        return
    end
    local b, base = c:fetch(addr, l.size)
    if not b then return end
    c:note_group("rlimit", l, base)
    local inf = c:word({ 0xffffffff, 0xffffffff })
    local function lim(v)
        if ueq(v, inf) then return "RLIM_INFINITY" end
        return rlim_value(v)
    end
    c:fields({ "rlim_cur", lim(c:mu(b, l, "rlim_cur")), "rlim_max", lim(c:mu(b, l, "rlim_max")) })
end
