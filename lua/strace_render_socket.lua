-- strace_render_socket.lua: sockets, socket addresses, message headers and vectored I/O.
-- A part of strace_render.lua, which runs it with the names the earlier parts
-- left in SR; run alone, as Wireshark runs every .lua file in its plugins
-- folder, it does nothing.

local SR = ...
if type(SR) ~= "table" or SR.D == nil then return {} end
local Ctx, D, R, TWO32, U, chex, concat = SR.Ctx, SR.D, SR.R, SR.TWO32, SR.U, SR.chex, SR.concat
local cstring, errno_of, floor, fmt, format_enum = SR.cstring, SR.errno_of, SR.floor, SR.fmt, SR.format_enum
local format_flags, int32, mem_read, quote, sdec = SR.format_flags, SR.int32, SR.mem_read, SR.quote, SR.sdec
local structs, uadd, udec, unum, uzero = SR.structs, SR.uadd, SR.udec, SR.unum, SR.uzero
local xlat_lookup = SR.xlat_lookup

----------------------------------------------------------------------------
-- Sockets, vectored I/O, polling, terminal ioctls and the i386 layouts: a
-- port of decoder/render_net.go for the default options.

-- entry_int reads a 4-byte int at addr as it was at entry: a value the
-- kernel may have changed by the exit (socklen_t in/out).
function Ctx:entry_int(addr)
    if uzero(addr) then return nil end
    local b = mem_read(self.rec, false, addr, 4)
    if not b then return nil end
    return self:uint(b)[2]
end

-- capture runs f and returns what it printed instead of printing it.
function Ctx:capture(f)
    local saved = self.sb
    self.sb = {}
    f()
    local s = concat(self.sb)
    self.sb = saved
    return s
end

local function i32s(x) return fmt("%d", int32(x)) end

local function limited(c, n)
    if n > c.limit then return c.limit, true end
    return n, false
end

R.SockLen = function(c, k, v)
    local addr = c:word(v)
    if uzero(addr) then
        c:out("NULL")
        return
    end
    local inv = c:entry_int(addr)
    if c:failed() then
        if inv then c:out("[" .. i32s(inv) .. "]") else c:ptr(addr) end
        return
    end
    local b = c:read(addr, 4)
    if not b then
        c:ptr(addr)
        return
    end
    local out = c:uint(b)[2]
    if inv and inv ~= out then
        c:out("[" .. i32s(inv) .. " => " .. i32s(out) .. "]")
    else
        c:out("[" .. i32s(out) .. "]")
    end
end

R.SockProto = function(c, k, v)
    local p, arch = U(v[2]), c.rec.arch
    local d = c.rec.args[k.domain + 1][2]
    if d == 2 or d == 10 then
        c:out(format_enum("inet_protocols", p, arch))
    elseif d == 16 then
        c:out(format_enum("netlink_protocols", p, arch))
    elseif d == 17 then
        local x = v[2] % 65536
        c:out("htons(" .. format_enum("ethernet_protocols", U(floor(x / 256) + (x % 256) * 256), arch) .. ")")
    else
        c:out(fmt("%d", v[2]))
    end
end

R.SockType = function(c, k, v)
    local t, arch = v[2], c.rec.arch
    local n = xlat_lookup(D.xlats.socket_types, U(t % 16), arch)
    if n then
        if t < 16 then c:out(n) else c:out(n .. "|" .. format_flags("sock_flags", U(t - t % 16), arch)) end
        return
    end
    local s = format_flags("sock_flags", U(t), arch)
    if s == chex(U(t)) then s = s .. " /* SOCK_??? */" end
    c:out(s)
end

local sockopt_names = { [0] = "sockopt_ip", [1] = "sockopt_socket", [6] = "sockopt_tcp", [17] = "sockopt_udp",
    [41] = "sockopt_ipv6", [270] = "sockopt_netlink" }

R.SockoptName = function(c, k, v)
    local set = sockopt_names[c.rec.args[k.level + 1][2]]
    if set then c:out(format_enum(set, U(v[2]), c.rec.arch)) else c:out(fmt("%d", v[2])) end
end

R.Sockopt = function(c, k, v)
    local addr = c:word(v)
    local n
    if k.get then
        if c:failed() then
            c:ptr(addr)
            return
        end
        local b = c:read(c:word(c.rec.args[k.len + 1]), 4)
        if not b then
            c:ptr(addr)
            return
        end
        n = int32(c:uint(b)[2])
    else
        n = int32(c.rec.args[k.len + 1][2])
    end
    if uzero(addr) then
        c:out("NULL")
        return
    end
    local level, name = c.rec.args[k.level + 1][2], c.rec.args[k.name + 1][2]
    local linger, cred = c:layout("linger"), c:layout("ucred")
    if level == 1 and name == 13 and n >= linger.size then -- SO_LINGER
        local b = c:fetch(addr, linger.size)
        if b then c:fields({ "l_onoff", sdec(c:ms(b, linger, "l_onoff")), "l_linger", sdec(c:ms(b, linger, "l_linger")) }) end
        return
    elseif level == 1 and name == 17 and k.get and n > 0 then -- SO_PEERCRED
        if n > cred.size then n = cred.size end
        local b = c:fetch(addr, n)
        if not b then return end
        local kv = {}
        for _, f in ipairs({ "pid", "uid", "gid" }) do
            local m = cred.m[f]
            if m[1] + m[2] <= n then kv[#kv + 1], kv[#kv + 2] = f, udec(c:mu(b, cred, f)) end
        end
        c:fields(kv)
        return
    elseif level == 1 and name == 4 and k.get and n == 4 then -- SO_ERROR
        local b = c:fetch(addr, 4)
        if not b then return end
        local e = int32(c:uint(b)[2])
        local en = e > 0 and errno_of(e)
        if en then c:out("[" .. en[1] .. "]") else c:out(fmt("[%d]", e)) end
        return
    elseif level == 270 and n < 4 then
        c:ptr(addr)
        return
    end
    if n == 4 then
        local b = c:fetch(addr, 4)
        if b then c:out(fmt("[%d]", int32(c:uint(b)[2]))) end
        return
    end
    if n < 0 then
        c:ptr(addr)
        return
    end
    c:read_buf(addr, U(n), false)
end

-- inet6_string is glibc's inet_ntop for AF_INET6.
local function inet6_string(a)
    local w = {}
    for i = 0, 7 do w[i] = a:byte(2 * i + 1) * 256 + a:byte(2 * i + 2) end
    local best, best_len = -1, 0
    local i = 0
    while i < 8 do
        if w[i] ~= 0 then
            i = i + 1
        else
            local j = i
            while j < 8 and w[j] == 0 do j = j + 1 end
            if j - i > best_len and j - i >= 2 then best, best_len = i, j - i end
            i = j
        end
    end
    local t = {}
    i = 0
    while i < 8 do
        if i == best then
            t[#t + 1] = (i == 0) and "::" or ":"
            i = i + best_len
        elseif i == 6 and best == 0 and (best_len == 6 or (best_len == 5 and w[5] == 0xffff)) then
            t[#t + 1] = fmt("%d.%d.%d.%d", a:byte(13), a:byte(14), a:byte(15), a:byte(16))
            break
        else
            t[#t + 1] = fmt("%x", w[i])
            if i < 7 then t[#t + 1] = ":" end
            i = i + 1
        end
    end
    return concat(t)
end

function Ctx:sockaddr_text(b, base)
    self:sockaddr_members(b, base)
    local n = #b
    local fam = self:mu(b, self:layout("sockaddr"), "sa_family")[2]
    local kv = { "sa_family", format_enum("address_families", U(fam), self.rec.arch) }
    local function add(k2, v2) kv[#kv + 1], kv[#kv + 2] = k2, v2 end
    local in4, in6, nl = self:layout("sockaddr_in"), self:layout("sockaddr_in6"), self:layout("sockaddr_nl")
    if n == 2 then
    elseif fam == 1 then
        local path = b:sub(self:layout("sockaddr_un").m.sun_path[1] + 1)
        if path:byte(1) == 0 then add("sun_path", "@" .. quote(path:sub(2), false)) else add("sun_path", cstring(path)) end
    elseif fam == 2 and n >= in4.size then
        local a = in4.m["sin_addr.s_addr"][1]
        add("sin_port", fmt("htons(%d)", self:mu(b, in4, "sin_port")[2]))
        add("sin_addr", fmt('inet_addr("%d.%d.%d.%d")', b:byte(a + 1), b:byte(a + 2), b:byte(a + 3), b:byte(a + 4)))
    elseif fam == 10 and n >= in6.m.sin6_scope_id[1] then
        local a6 = in6.m.sin6_addr
        add("sin6_port", fmt("htons(%d)", self:mu(b, in6, "sin6_port")[2]))
        add("sin6_flowinfo", fmt("htonl(%.0f)", self:mu(b, in6, "sin6_flowinfo")[2]))
        add("", 'inet_pton(AF_INET6, "' .. inet6_string(b:sub(a6[1] + 1, a6[1] + a6[2])) .. '", &sin6_addr)')
        if n >= in6.size then add("sin6_scope_id", udec(self:mu(b, in6, "sin6_scope_id"))) end
    elseif fam == 16 and n >= nl.size then
        add("nl_pid", sdec(self:ms(b, nl, "nl_pid")))
        add("nl_groups", fmt("%08x", self:mu(b, nl, "nl_groups")[2]))
    else
        add("sa_data", quote(b:sub(3), false))
    end
    return self:capture(function() self:fields(kv) end)
end

function Ctx:print_sockaddr(addr, n)
    if uzero(addr) then
        self:out("NULL")
        return
    end
    if n > 128 then n = 128 end
    if n < 2 then
        self:ptr(addr)
        return
    end
    local b, base = self:fetch(addr, n)
    if b then self:out(self:sockaddr_text(b, base)) end
end

structs.socket_address = function(c, addr, k)
    c:print_sockaddr(addr, int32(c.rec.args[k.len_arg + 1][2]))
end

structs.socket_address_out = function(c, addr, k)
    local lp = c:word(c.rec.args[k.len_arg + 1])
    local b = c:read(lp, 4)
    if not b then
        c:ptr(addr)
        return
    end
    local n = int32(c:uint(b)[2])
    local inv = c:entry_int(lp)
    if inv and int32(inv) < n then n = int32(inv) end
    c:print_sockaddr(addr, n)
end

-- iovecs prints count iovecs at addr with up to budget bytes of data (nil:
-- all of it); decode false prints the buffers as addresses.
-- family, when set, is the netlink protocol of the buffers' messages
-- (-1 unknown).
function Ctx:iovecs(addr, count, budget, decode, family)
    addr = self:word(addr)
    if uzero(addr) then
        self:out("NULL")
        return
    end
    if count[1] ~= 0 or count[2] > 1024 then
        self:ptr(addr)
        return
    end
    local l = self:layout("iovec")
    if not l then
        self:ptr(addr)
        return
    end
    local shown, more = limited(self, count[2])
    local ok = true
    local s = self:capture(function()
        self:out("[")
        for i = 0, shown - 1 do
            local ea = uadd(addr, i * l.size)
            local b = self:read(ea, l.size)
            if not b then
                if i == 0 then
                    ok = false
                    return
                end
                self:out(", ... /* " .. chex(ea) .. " */")
                break
            end
            if i > 0 then self:out(", ") end
            local base, n = self:mu(b, l, "iov_base"), self:mu(b, l, "iov_len")
            local _, _, at = self:read(ea, l.size)
            self:note_group("iovec", l, at)
            self:out("{iov_base=")
            if not decode then
                self:ptr(base)
            elseif not budget then
                if family then self:netlink(base, unum(n), family) else self:read_buf(base, n, false) end
            else
                -- The part of the budget this buffer took; a length of
                -- 2^32 and more fits in one, too.
                local m, mn = n, unum(n)
                if mn > budget then m, mn = { floor(budget / TWO32), budget % TWO32 }, budget end
                if family then self:netlink(base, mn, family) else self:read_buf(base, m, false) end
                budget = budget - mn
            end
            self:out(", iov_len=" .. udec(n) .. "}")
        end
        if more then self:out(", ...") end
        self:out("]")
    end)
    if ok then self:out(s) else self:ptr(addr) end
end

-- ret_count is the return value as a count of bytes or items.
local function ret_count(c) return unum(c:slong(c.rec.ret)) end

R.Iovec = function(c, k, v)
    local count = c:word(c.rec.args[k.count + 1])
    if not k.out then
        c:iovecs(v, count, nil, true)
    elseif c:failed() then
        c:iovecs(v, count, 0, false)
    else
        c:iovecs(v, count, ret_count(c), true)
    end
end

-- cmsgs prints the control messages of a msghdr.
function Ctx:cmsgs(addr, n)
    if uzero(addr) then
        self:out("NULL")
        return
    end
    if n > 4096 then n = 4096 end
    local b = self:read(addr, n)
    if not b then
        self:ptr(addr)
        return
    end
    local l = self:layout("cmsghdr")
    local cred = self:layout("ucred")
    -- CMSG_ALIGN rounds to a long.
    local ws = self.ws
    local hdr = l.size
    local function align(x) return floor((x + ws - 1) / ws) * ws end
    self:out("[")
    local off, i = 0, 0
    while off + hdr <= #b do
        if i > 0 then self:out(", ") end
        i = i + 1
        local h = b:sub(off + 1)
        local clen64 = self:mu(h, l, "cmsg_len")
        local clen = unum(clen64)
        local level, typ = self:mu(h, l, "cmsg_level"), self:mu(h, l, "cmsg_type")
        self:out(fmt("{cmsg_len=%s, cmsg_level=%s, cmsg_type=", udec(clen64), format_enum("socket_levels", level, self.rec.arch)))
        if level[2] == 1 then self:out(format_enum("scm_types", typ, self.rec.arch)) else self:out(chex(typ)) end
        local stop = off + clen
        if stop > #b then stop = #b end
        local start = off + align(hdr)
        local data = start < stop and b:sub(start + 1, stop) or ""
        if level[2] == 1 and typ[2] == 1 then
            self:out(", cmsg_data=[")
            local j = 0
            while j + 4 <= #data do
                if j > 0 then self:out(", ") end
                self:fd(self:field(data, j, 4))
                j = j + 4
            end
            self:out("]")
        elseif level[2] == 1 and typ[2] == 2 and #data >= cred.size then
            self:out(fmt(", cmsg_data={pid=%s, uid=%s, gid=%s}", udec(self:mu(data, cred, "pid")),
                udec(self:mu(data, cred, "uid")), udec(self:mu(data, cred, "gid"))))
        end
        self:out("}")
        -- A length shorter than the header or past the buffer ends the list.
        if clen < hdr or clen > #b - off then break end
        off = off + align(clen)
    end
    self:out("]")
end

-- msghdr_string renders the struct msghdr at addr, or nil; budget is the
-- data the call moved (nil: all), entry_namelen msg_namelen at entry.
function Ctx:msghdr_string(addr, budget, entry_namelen)
    local l = self:layout("msghdr")
    local b, _, base = self:read(addr, l.size)
    if not b then return nil end
    self:note_group("msghdr", l, base)
    -- The kernel's msg_namelen is an int.
    local name, namelen = self:mu(b, l, "msg_name"), int32(self:mu(b, l, "msg_namelen")[2])
    local iov, iovlen = self:mu(b, l, "msg_iov"), self:mu(b, l, "msg_iovlen")
    local ctl, ctllen = self:mu(b, l, "msg_control"), self:mu(b, l, "msg_controllen")
    local flags = self:mu(b, l, "msg_flags")
    local kv = {}
    local n = namelen
    if entry_namelen and entry_namelen < n then n = entry_namelen end
    if uzero(name) then
        kv[#kv + 1], kv[#kv + 2] = "msg_name", "NULL"
    elseif n <= 0 then
        kv[#kv + 1], kv[#kv + 2] = "msg_name", chex(name)
    else
        kv[#kv + 1], kv[#kv + 2] = "msg_name", self:capture(function() self:print_sockaddr(name, n) end)
    end
    local nl = fmt("%d", namelen)
    if entry_namelen and entry_namelen ~= namelen then nl = fmt("%d => %d", entry_namelen, namelen) end
    kv[#kv + 1], kv[#kv + 2] = "msg_namelen", nl
    -- Data sent to or from a netlink address is netlink messages.
    local family
    if not uzero(name) and n >= 2 then
        local fb = self:read(name, math.min(n, 128))
        if fb and self:nl_u(fb, 0, 2) == 16 then family = self:nl_socket(int32(self.rec.args[1][2])) or -1 end
    end
    kv[#kv + 1], kv[#kv + 2] = "msg_iov", self:capture(function() self:iovecs(iov, iovlen, budget, true, family) end)
    kv[#kv + 1], kv[#kv + 2] = "msg_iovlen", udec(iovlen)
    if not uzero(ctllen) then
        kv[#kv + 1], kv[#kv + 2] = "msg_control", self:capture(function() self:cmsgs(ctl, unum(ctllen)) end)
    end
    kv[#kv + 1], kv[#kv + 2] = "msg_controllen", udec(ctllen)
    kv[#kv + 1], kv[#kv + 2] = "msg_flags", format_flags("msg_flags", flags, self.rec.arch)
    return self:capture(function() self:fields(kv) end)
end

R.Msghdr = function(c, k, v)
    local addr = c:word(v)
    if uzero(addr) then
        c:out("NULL")
        return
    end
    if not k.out then
        c:out(c:msghdr_string(addr, nil, nil) or chex(addr))
        return
    end
    local inv = c:entry_int(uadd(addr, c:layout("msghdr").m.msg_namelen[1]))
    if c:failed() then
        if inv then c:out("{msg_namelen=" .. i32s(inv) .. "}") else c:ptr(addr) end
        return
    end
    c:out(c:msghdr_string(addr, ret_count(c), inv and int32(inv)) or chex(addr))
end

SR.i32s, SR.inet6_string, SR.limited, SR.ret_count = i32s, inet6_string, limited, ret_count
