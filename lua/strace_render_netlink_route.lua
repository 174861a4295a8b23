-- strace_render_netlink_route.lua: netlink route (rtnetlink) and sock_diag messages.
-- A part of strace_render.lua, which runs it with the names the earlier parts
-- left in SR; run alone, as Wireshark runs every .lua file in its plugins
-- folder, it does nothing.

local SR = ...
if type(SR) ~= "table" or SR.D == nil then return {} end
local Ctx, D, R, U, chex, concat, floor, fmt = SR.Ctx, SR.D, SR.R, SR.U, SR.chex, SR.concat, SR.floor, SR.fmt
local format_enum, format_flags, inet6_string = SR.format_enum, SR.format_flags, SR.inet6_string
local limited, quote, ret_count, uadd, uzero = SR.limited, SR.quote, SR.ret_count, SR.uadd, SR.uzero
local xlat_lookup = SR.xlat_lookup

function Ctx:rtnetlink(addr, n, typ)
    local b = self:fetch(addr, 1)
    if not b then return end
    local fam = b:byte(1)
    local arch = self.rec.arch
    local NL = Ctx.NL
    if typ >= 16 and typ <= 19 then
        self:nl_header(addr, n, fam, "ifi_family", 16, function(h)
            self:out(", ifi_type=" .. format_enum("arp_hardware_types", U(self:nl_u(h, 2, 2)), arch) .. ", ifi_index=")
            self:nl_ifindex(self:nl_u(h, 4, 4))
            self:out(", ifi_flags=" .. format_flags("iffflags", U(self:nl_u(h, 8, 4)), arch) ..
                ", ifi_change=" .. chex(U(self:nl_u(h, 12, 4))))
        end, "rtnl_link_attrs", function(t)
            if t == 1 or t == 2 or t == 54 then return Ctx.nla_hwaddr(fam) end
            if NL.link_str[t] then return Ctx.nla_str end
            if NL.link_u32[t] then return Ctx.nla_u32 end
            if NL.link_u8[t] then return Ctx.nla_u8 end
            if NL.link_s32[t] then return Ctx.nla_s32 end
            if t == 49 then return Ctx.nla_ifindex end
            if t == 7 then return Ctx.nla_counters(4, { 23, 24 }) end
            if t == 23 then return Ctx.nla_counters(8, { 23, 24, 25 }) end
            if t == 29 then return Ctx.nla_set("rtnl_ifla_ext_filter_flags", true) end
        end)
    elseif (typ >= 20 and typ <= 22) or typ == 58 or typ == 62 then
        self:nl_header(addr, n, fam, "ifa_family", 8, function(h)
            self:out(fmt(", ifa_prefixlen=%d, ifa_flags=%s, ifa_scope=%s, ifa_index=", h:byte(2),
                format_flags("ifaddrflags", U(h:byte(3)), arch), format_enum("routing_scopes", U(h:byte(4)), arch)))
            self:nl_ifindex(self:nl_u(h, 4, 4))
        end, "rtnl_addr_attrs", function(t)
            if t == 1 or t == 2 or t == 4 or t == 5 or t == 7 then return Ctx.nla_inet_addr(fam) end
            if t == 3 then return Ctx.nla_str end
            if t == 6 then return Ctx.nla_u32s({ "ifa_prefered", "ifa_valid", "cstamp", "tstamp" }) end
            if t == 8 then return Ctx.nla_set("ifaddrflags", true) end
            if t == 9 then return Ctx.nla_u32 end
            if t == 10 then return Ctx.nla_s32 end
        end)
    elseif typ >= 24 and typ <= 26 then
        self:nl_header(addr, n, fam, "rtm_family", 12, function(h)
            self:out(fmt(", rtm_dst_len=%d, rtm_src_len=%d, rtm_tos=%s, rtm_table=%s, rtm_protocol=%s, rtm_scope=%s, rtm_type=%s, rtm_flags=%s",
                h:byte(2), h:byte(3), format_flags("ip_type_of_services", U(h:byte(4)), arch),
                format_enum("routing_table_ids", U(h:byte(5)), arch), format_enum("routing_protocols", U(h:byte(6)), arch),
                format_enum("routing_scopes", U(h:byte(7)), arch), format_enum("routing_types", U(h:byte(8)), arch),
                format_flags("routing_flags", U(self:nl_u(h, 8, 4)), arch)))
        end, "rtnl_route_attrs", function(t)
            if t == 1 or t == 2 or t == 5 or t == 7 or t == 19 then return Ctx.nla_inet_addr(fam) end
            if t == 3 or t == 4 then return Ctx.nla_ifindex end
            if t == 6 or t == 10 or t == 11 or t == 14 or t == 16 or t == 25 then return Ctx.nla_u32 end
            if t == 15 then return Ctx.nla_set("routing_table_ids") end
            if t == 20 or t == 26 or t == 27 then return Ctx.nla_u8 end
        end)
    elseif typ >= 32 and typ <= 34 then
        self:nl_header(addr, n, fam, "family", 12, function(h)
            local tv = h:byte(5)
            local tname = xlat_lookup(D.xlats.routing_table_ids, U(tv), arch) or (chex(U(tv)) .. " /* RT_TABLE_??? */")
            self:out(fmt(", dst_len=%d, src_len=%d, tos=%s, table=%s, action=%s, flags=%s", h:byte(2), h:byte(3),
                format_flags("ip_type_of_services", U(h:byte(4)), arch), tname,
                format_enum("fib_rule_actions", U(h:byte(8)), arch), format_flags("fib_rule_flags", U(self:nl_u(h, 8, 4)), arch)))
        end, "rtnl_rule_attrs", function(t)
            if t == 1 or t == 2 then return Ctx.nla_inet_addr(fam) end
            if t == 3 or t == 17 then return Ctx.nla_str end
            if t == 4 or t == 6 or t == 10 or t == 11 or t == 13 or t == 14 or t == 16 then return Ctx.nla_u32 end
            if t == 15 then return Ctx.nla_set("routing_table_ids") end
            if t == 19 then return Ctx.nla_u8 end
            if t == 20 then return Ctx.nla_u32s({ "start", "end" }) end
            if t == 21 then return Ctx.nla_set("routing_protocols", false, 1) end
            if t == 22 then return Ctx.nla_set("inet_protocols", false, 1) end
        end)
    elseif typ == 30 and fam == 7 then
        self:rtnetlink(addr, n, 18)
    elseif typ >= 28 and typ <= 30 then
        self:nl_header(addr, n, fam, "ndm_family", 12, function(h)
            self:out(", ndm_ifindex=")
            self:nl_ifindex(self:nl_u(h, 4, 4))
            self:out(", ndm_state=" .. format_flags("neighbor_cache_entry_states", U(self:nl_u(h, 8, 2)), arch) ..
                ", ndm_flags=" .. format_flags("neighbor_cache_entry_flags", U(h:byte(11)), arch) ..
                ", ndm_type=" .. format_enum("routing_types", U(h:byte(12)), arch))
        end, "rtnl_neigh_attrs", function(t)
            if t == 1 then return Ctx.nla_inet_addr(fam) end
            if t == 2 then return Ctx.nla_hwaddr(-1) end
            if t == 3 then return Ctx.nla_u32s({ "ndm_confirmed", "ndm_used", "ndm_updated", "ndm_refcnt" }) end
            if t == 4 or t == 7 or t == 10 or t == 11 or t == 13 then return Ctx.nla_u32 end
            if t == 8 or t == 9 then return Ctx.nla_ifindex end
            if t == 12 then return Ctx.nla_set("inet_protocols", false, 1) end
        end)
    else
        self:nl_family_data(addr, n, fam)
    end
end

function Ctx:nl_cookie(b, off) return fmt("[%d, %d]", self:nl_u(b, off, 4), self:nl_u(b, off + 4, 4)) end

function Ctx:nl_inet_field(b, fam, name)
    if fam == 2 then
        return fmt('%s=inet_addr("%d.%d.%d.%d")', name, b:byte(1), b:byte(2), b:byte(3), b:byte(4))
    elseif fam == 10 then
        return 'inet_pton(AF_INET6, "' .. inet6_string(b) .. '", &' .. name .. ")"
    end
    return name .. "=" .. quote(b, true)
end

function Ctx:nl_sockid(b, fam)
    self:out(fmt("{idiag_sport=htons(%d), idiag_dport=htons(%d), %s, %s, idiag_if=",
        b:byte(1) * 256 + b:byte(2), b:byte(3) * 256 + b:byte(4),
        self:nl_inet_field(b:sub(5, 20), fam, "idiag_src"), self:nl_inet_field(b:sub(21, 36), fam, "idiag_dst")))
    self:nl_ifindex(self:nl_u(b, 36, 4))
    self:out(", idiag_cookie=" .. self:nl_cookie(b, 40) .. "}")
end

function Ctx:nla_shutdown(addr, n)
    if n < 1 then return false end
    local b = self:fetch(addr, 1)
    if not b then return true end
    local v = b:byte(1)
    self:out(chex(U(v)))
    if v ~= 0 then self:out(" /* " .. format_flags("inet_diag_shutdown_flags", U(v), self.rec.arch) .. " */") end
    return true
end

function Ctx:nla_sockopt(addr, n)
    if n < 2 then return false end
    local b = self:fetch(addr, 2)
    if not b then return true end
    local v = b:byte(1) + 256 * b:byte(2)
    local parts = {}
    for i, name in ipairs(Ctx.NL.sockopt_bits) do
        local bit1 = floor(v / 2 ^ (i - 1)) % 2
        if bit1 ~= 0 then parts[#parts + 1] = name .. "=1" end
    end
    local unused = floor(v / 2 ^ #Ctx.NL.sockopt_bits)
    if unused ~= 0 then parts[#parts + 1] = "unused=" .. chex(U(unused)) .. " /* bits 3..8 */" end
    self:out("{" .. concat(parts, ", ") .. "}")
    return true
end

function Ctx:sock_diag(addr, n, typ, flags)
    local b = self:fetch(addr, 1)
    if not b then return end
    local fam = b:byte(1)
    local arch = self.rec.arch
    local req = flags % 2 == 1
    local function E(set, v) return format_enum(set, U(v), arch) end
    local function F(set, v) return format_flags(set, U(v), arch) end
    if n > 1 and fam == 1 and req then
        self:nl_header(addr, math.min(n, 24), fam, "sdiag_family", 24, function(h)
            self:out(fmt(", sdiag_protocol=%d, udiag_states=%s, udiag_ino=%d, udiag_show=%s, udiag_cookie=%s",
                h:byte(2), F("tcp_state_flags", self:nl_u(h, 4, 4)), self:nl_u(h, 8, 4),
                F("unix_diag_show", self:nl_u(h, 12, 4)), self:nl_cookie(h, 16)))
        end)
    elseif n > 1 and fam == 1 then
        self:nl_header(addr, n, fam, "udiag_family", 16, function(h)
            self:out(fmt(", udiag_type=%s, udiag_state=%s, udiag_ino=%d, udiag_cookie=%s", E("socket_types", h:byte(2)),
                E("tcp_states", h:byte(3)), self:nl_u(h, 4, 4), self:nl_cookie(h, 8)))
        end, "unix_diag_attrs", function(t)
            if t == 0 then return Ctx.nla_str end
            if t == 2 then return Ctx.nla_u32 end
            if t == 4 then return Ctx.nla_u32s({ "udiag_rqueue", "udiag_wqueue" }) end
            if t == 6 then return Ctx.nla_u8 end
        end)
    elseif n > 1 and (fam == 2 or fam == 10) and req and (typ == 18 or typ == 19) then
        self:nl_header(addr, n, fam, "idiag_family", 60, function(h)
            self:out(fmt(", idiag_src_len=%d, idiag_dst_len=%d, idiag_ext=%s, id=", h:byte(2), h:byte(3),
                F("inet_diag_extended_flags", h:byte(4))))
            self:nl_sockid(h:sub(5, 52), fam)
            self:out(fmt(", idiag_states=%s, idiag_dbs=%d", F("tcp_state_flags", self:nl_u(h, 52, 4)), self:nl_u(h, 56, 4)))
        end, "inet_diag_req_attrs", function(t)
            if t == 3 then return Ctx.nla_set("inet_protocols", false, 1) end
        end)
    elseif n > 1 and (fam == 2 or fam == 10) and req then
        self:nl_header(addr, n, fam, "sdiag_family", 56, function(h)
            self:out(fmt(", sdiag_protocol=%s, idiag_ext=%s, idiag_states=%s, id=", E("inet_protocols", h:byte(2)),
                F("inet_diag_extended_flags", h:byte(3)), F("tcp_state_flags", self:nl_u(h, 4, 4))))
            self:nl_sockid(h:sub(9, 56), fam)
        end, "inet_diag_req_attrs", function(t)
            if t == 3 then return Ctx.nla_set("inet_protocols", false, 1) end
        end)
    elseif n > 1 and (fam == 2 or fam == 10) then
        self:nl_header(addr, n, fam, "idiag_family", 72, function(h)
            self:out(fmt(", idiag_state=%s, idiag_timer=%d, idiag_retrans=%d, id=", E("tcp_states", h:byte(2)),
                h:byte(3), h:byte(4)))
            self:nl_sockid(h:sub(5, 52), fam)
            self:out(fmt(", idiag_expires=%d, idiag_rqueue=%d, idiag_wqueue=%d, idiag_uid=%d, idiag_inode=%d",
                self:nl_u(h, 52, 4), self:nl_u(h, 56, 4), self:nl_u(h, 60, 4), self:nl_u(h, 64, 4), self:nl_u(h, 68, 4)))
        end, "inet_diag_attrs", function(t)
            if t == 1 then return Ctx.nla_u32s({ "idiag_rmem", "idiag_wmem", "idiag_fmem", "idiag_tmem" }) end
            if t == 4 then return Ctx.nla_str end
            if t == 5 or t == 6 or t == 11 then return Ctx.nla_u8 end
            if t == 10 then return Ctx.nla_set("inet_protocols", false, 1) end
            if t == 15 or t == 17 then return Ctx.nla_u32 end
            if t == 8 then return Ctx.nla_shutdown end
            if t == 21 then return Ctx.nla_u64 end
            if t == 22 then return Ctx.nla_sockopt end
        end)
    elseif n > 1 and fam == 17 and req then
        self:nl_header(addr, math.min(n, 20), fam, "sdiag_family", 20, function(h)
            self:out(fmt(", sdiag_protocol=%s, pdiag_ino=%d, pdiag_show=%s, pdiag_cookie=%s", chex(U(h:byte(2))),
                self:nl_u(h, 4, 4), F("packet_diag_show", self:nl_u(h, 8, 4)), self:nl_cookie(h, 12)))
        end)
    elseif n > 1 and fam == 16 and req then
        self:nl_header(addr, math.min(n, 20), fam, "sdiag_family", 20, function(h)
            local p = h:byte(2) == 255 and "NDIAG_PROTO_ALL" or E("netlink_protocols", h:byte(2))
            self:out(fmt(", sdiag_protocol=%s, ndiag_ino=%d, ndiag_show=%s, ndiag_cookie=%s", p, self:nl_u(h, 4, 4),
                F("netlink_diag_show", self:nl_u(h, 8, 4)), self:nl_cookie(h, 12)))
        end)
    elseif n > 1 and fam == 16 then
        self:nl_header(addr, n, fam, "ndiag_family", 28, function(h)
            self:out(fmt(", ndiag_type=%s, ndiag_protocol=%s, ndiag_state=%s, ndiag_portid=%d, ndiag_dst_portid=%d, ndiag_dst_group=%d, ndiag_ino=%d, ndiag_cookie=%s",
                E("socket_types", h:byte(2)), E("netlink_protocols", h:byte(3)), E("netlink_states", h:byte(4)),
                self:nl_u(h, 4, 4), self:nl_u(h, 8, 4), self:nl_u(h, 12, 4), self:nl_u(h, 16, 4), self:nl_cookie(h, 20)))
        end, "netlink_diag_attrs", function(t)
            if t == 4 then return Ctx.nla_set("netlink_socket_flags", true) end
        end)
    else
        self:nl_family_data(addr, n, fam)
    end
end

R.Mmsghdr = function(c, k, v)
    local addr = c:word(v)
    if uzero(addr) then
        c:out("NULL")
        return
    end
    if c:failed() then
        c:ptr(addr)
        return
    end
    local l = c:layout("mmsghdr")
    local shown, more = limited(c, ret_count(c))
    local parts = {}
    for i = 0, shown - 1 do
        local el = uadd(addr, i * l.size)
        local lb = c:read(uadd(el, l.m.msg_len[1]), 4)
        if not lb then break end
        local msg_len = c:uint(lb)[2]
        local s = c:msghdr_string(el, k.out and msg_len or nil, nil)
        if not s then break end
        parts[#parts + 1] = fmt("{msg_hdr=%s, msg_len=%.0f}", s, msg_len)
    end
    if #parts == 0 then
        c:ptr(addr)
        return
    end
    if more then parts[#parts + 1] = "..." end
    c:out("[" .. concat(parts, ", ") .. "]")
end
