-- strace_render_netlink.lua: netlink messages: headers, attributes and the generic families.
-- A part of strace_render.lua, which runs it with the names the earlier parts
-- left in SR; run alone, as Wireshark runs every .lua file in its plugins
-- folder, it does nothing.

local SR = ...
if type(SR) ~= "table" or SR.D == nil then return {} end
local Ctx, SEC, TWO32, U, band, chex, concat = SR.Ctx, SR.SEC, SR.TWO32, SR.U, SR.band, SR.chex, SR.concat
local errno_of, floor, fmt, format_enum = SR.errno_of, SR.floor, SR.fmt, SR.format_enum
local format_flags, in_phase, inet6_string, int32 = SR.format_flags, SR.in_phase, SR.inet6_string, SR.int32
local mem_fdinfo, mem_fdpath, quote, uadd, udec = SR.mem_fdinfo, SR.mem_fdpath, SR.quote, SR.uadd, SR.udec
local uzero = SR.uzero

----------------------------------------------------------------------------
-- Netlink messages in a netlink socket's data, as decoder/render_netlink.go
-- and render_sockdiag.go print them. Methods of Ctx and data in Ctx.NL: the
-- main chunk has no locals to spare. Lengths are Lua numbers, addresses
-- {hi, lo} pairs.

Ctx.NL = {
    hdr = 16, nla_hdr = 4,
    -- The u32 attributes of a link (IFLA_*).
    link_u32 = { [4] = true, [5] = true, [10] = true, [13] = true, [15] = true, [19] = true, [21] = true,
        [27] = true, [30] = true, [31] = true, [32] = true, [35] = true, [40] = true, [41] = true, [47] = true,
        [48] = true, [50] = true, [51] = true, [58] = true, [59] = true, [60] = true, [61] = true },
    link_str = { [3] = true, [6] = true, [20] = true, [38] = true, [53] = true, [56] = true, [57] = true },
    link_u8 = { [16] = true, [17] = true, [33] = true, [39] = true },
    link_s32 = { [37] = true, [45] = true, [46] = true },
    stats = { "rx_packets", "tx_packets", "rx_bytes", "tx_bytes", "rx_errors", "tx_errors",
        "rx_dropped", "tx_dropped", "multicast", "collisions", "rx_length_errors", "rx_over_errors",
        "rx_crc_errors", "rx_frame_errors", "rx_fifo_errors", "rx_missed_errors", "tx_aborted_errors",
        "tx_carrier_errors", "tx_fifo_errors", "tx_heartbeat_errors", "tx_window_errors", "rx_compressed",
        "tx_compressed", "rx_nohandler", "rx_otherhost_dropped" },
    -- The length of the hardware address of each ARPHRD_* type strace
    -- knows one for (a link's address, an ifreq's sa_data); any other
    -- shows whole.
    hwaddr_sizes = {
        [0] = 7, [1] = 6, [3] = 7, [6] = 6, [7] = 1, [15] = 2, [24] = 16, [27] = 8, [32] = 20, [256] = 0,
        [270] = 5, [271] = 0, [280] = 0, [290] = 1, [512] = 0, [518] = 0, [519] = 0, [768] = 4, [769] = 16,
        [772] = 6, [773] = 1, [774] = 6, [776] = 4, [777] = 0, [778] = 4, [779] = 0, [780] = 6, [783] = 4,
        [801] = 6, [802] = 6, [803] = 6, [804] = 8, [805] = 8, [820] = 1, [821] = 1, [822] = 0, [823] = 16,
        [824] = 0, [825] = 8, [826] = 0,
    },
    -- The flags of an XFRM message by its type (new, delete, get).
    xfrm_flags = { [0x10] = "netlink_new_flags", [0x13] = "netlink_new_flags", [0x1e] = "netlink_new_flags",
        [0x22] = "netlink_new_flags", [0x24] = "netlink_new_flags", [0x11] = "netlink_delete_flags",
        [0x14] = "netlink_delete_flags", [0x12] = "netlink_get_flags", [0x15] = "netlink_get_flags",
        [0x1f] = "netlink_get_flags", [0x23] = "netlink_get_flags", [0x25] = "netlink_get_flags" },
    sockopt_bits = { "recverr", "is_icsk", "freebind", "hdrincl", "mc_loop", "transparent", "mc_all",
        "nodefrag", "bind_address_no_port", "recverr_rfc4884", "defer_connect" },
}

-- nl_socket is fd's netlink protocol (-1 when its details are unknown),
-- or nil when fd is not a netlink socket, as the call's entry saw it.
function Ctx:nl_socket(fd)
    if fd < 0 then return nil end
    local p = mem_fdpath(self.rec, false, fd)
    if not p or p:sub(1, 7) ~= "socket:" then return nil end
    local sec = mem_fdinfo(self.rec, false, fd)
    if not sec then return nil end
    local d = sec.data
    if #d < 2 or d:byte(1) ~= 3 then return nil end
    local pl = d:byte(2)
    if d:sub(3, 2 + pl) ~= "NETLINK" then return nil end
    local at = 2 + pl + 4 + 1
    if #d < at or d:byte(at) ~= 16 then return -1 end
    if #d < at + 4 then return nil end
    return self:uint(d:sub(at + 1, at + 4))[2]
end

function Ctx:nl_u(b, off, n) return self:field(b, off, n)[2] end

function Ctx:nl_hexbuf(addr, n) self:read_buf(addr, { floor(n / TWO32), n % TWO32 }, true) end

-- nl_tlvs walks messages or attributes: hdr bytes of header, whose length
-- lenof reads; elem prints one, given the bytes left.
function Ctx:nl_tlvs(addr, n, hdr, lenof, elem)
    local in_array = false
    local elt = 0
    while true do
        if n < hdr then
            self:nl_hexbuf(addr, n)
            break
        end
        local b = self:read(addr, hdr)
        if not b then
            if in_array then self:out("... /* " .. chex(addr) .. " */") else self:ptr(addr) end
            break
        end
        if elt == self.limit then
            self:out("...")
            break
        end
        local l = lenof(b)
        local aligned = (floor((l + 3) / 4) * 4) % TWO32
        local next_len, has_next = 0, false
        if l >= hdr then
            if n >= aligned then next_len = n - aligned end
            has_next = next_len ~= 0 and aligned ~= 0
        end
        if not in_array and has_next then
            self:out("[")
            in_array = true
        end
        elem(addr, n, b)
        if not has_next then break end
        self:out(", ")
        addr, n = uadd(addr, aligned), next_len
        elt = elt + 1
    end
    if in_array then self:out("]") end
end

function Ctx:netlink(addr, n, family)
    addr = self:word(addr)
    if family == 15 then return self:nl_uevent(addr, n) end
    self:nl_tlvs(addr, n, 16, function(b) return self:nl_u(b, 0, 4) end,
        function(a, left, b) self:nlmsg(a, left, b, family) end)
end

-- nl_uevent prints a NETLINK_KOBJECT_UEVENT message: text, or libudev's
-- header then text.
function Ctx:nl_uevent(addr, n)
    local P = function(x) return { floor(x / TWO32), x % TWO32 } end
    local b = not uzero(addr) and n >= 40 and not (self.exit and self:failed()) and self:read(addr, 40)
    if not b or b:sub(1, 8) ~= "libudev\0" then
        self:read_buf(addr, P(n), false)
        return
    end
    local be = function(off) return ((b:byte(off + 1) * 256 + b:byte(off + 2)) * 256 + b:byte(off + 3)) * 256 + b:byte(off + 4) end
    if n > 40 then self:out("[") end
    self:out(fmt('{prefix="libudev", magic=htonl(%s), header_size=%d, properties_off=%d, properties_len=%d, ' ..
        'filter_subsystem_hash=htonl(%s), filter_devtype_hash=htonl(%s), filter_tag_bloom_hi=htonl(%s), filter_tag_bloom_lo=htonl(%s)}',
        chex(U(be(8))), self:nl_u(b, 12, 4), self:nl_u(b, 16, 4), self:nl_u(b, 20, 4), chex(U(be(24))), chex(U(be(28))),
        chex(U(be(32))), chex(U(be(36)))))
    if n > 40 then
        self:out(", ")
        self:read_buf(uadd(addr, 40), P(n - 40), false)
        self:out("]")
    end
end

function Ctx:nlmsg(addr, n, b, family)
    local len = self:nl_u(b, 0, 4)
    local l = math.min(len, n)
    local typ, flags = self:nl_u(b, 4, 2), self:nl_u(b, 6, 2)
    if l > 16 then self:out("[") end
    local tset, fset = "netlink_types", "netlink_flags"
    if typ >= 16 then
        if family == 0 then
            tset = "nl_route_types"
            if typ == 49 or typ % 4 == 2 then fset = "netlink_get_flags"
            elseif typ % 4 == 0 then fset = "netlink_new_flags"
            elseif typ % 4 == 1 then fset = "netlink_delete_flags" end
        elseif family == 4 then
            tset, fset = "nl_sock_diag_types", "netlink_get_flags"
        elseif family == 9 then
            tset = "nl_audit_types"
        elseif family == 6 then
            tset = "nl_xfrm_types"
            local k = Ctx.NL.xfrm_flags[typ]
            if k then fset = k end
        end
    elseif typ == 2 then
        fset = "netlink_ack_flags"
    end
    local arch = self.rec.arch
    self:out(fmt("{nlmsg_len=%d, nlmsg_type=%s, nlmsg_flags=%s, nlmsg_seq=%d, nlmsg_pid=%d}", len,
        format_enum(tset, U(typ), arch), format_flags(fset, U(flags), arch), self:nl_u(b, 8, 4),
        int32(self:nl_u(b, 12, 4))))
    if l > 16 then
        self:out(", ")
        self:nl_payload(uadd(addr, 16), l - 16, typ, flags, family)
        self:out("]")
    end
end

function Ctx:nl_payload(addr, n, typ, flags, family)
    if typ == 2 then
        self:nlmsgerr(addr, n, band(flags, 0x100) ~= 0, family)
        return
    end
    if typ >= 16 and family == 0 then
        self:rtnetlink(addr, n, typ)
        return
    end
    if typ >= 16 and family == 4 then
        self:sock_diag(addr, n, typ, flags)
        return
    end
    if typ == 3 and n == 4 then
        local b = self:fetch(addr, 4)
        if b then self:out(fmt("%d", int32(self:nl_u(b, 0, 4)))) end
        return
    end
    self:nl_hexbuf(addr, n)
end

function Ctx:nlmsgerr(addr, n, capped, family)
    if n < 20 then
        self:nl_hexbuf(addr, n)
        return
    end
    local b = self:fetch(addr, 20)
    if not b then return end
    local e = int32(self:nl_u(b, 0, 4))
    local msg = b:sub(5, 20)
    addr, n = uadd(addr, 4), n - 4
    local payload = 16
    if not capped then payload = math.max(payload, self:nl_u(msg, 0, 4)) end
    payload = math.min(payload, n)
    if n > payload then self:out("[") end
    local en = e < 0 and e > -4096 and errno_of(-e)
    self:out("{error=" .. (en and ("-" .. en[1]) or fmt("%d", e)) .. ", msg=")
    self:nlmsg(addr, payload, msg, family)
    self:out("}")
    if n > payload then
        self:out(", ")
        self:nlattrs(uadd(addr, payload), n - payload, "nlmsgerr_attrs", function(t)
            if t == 1 then return Ctx.nla_str end
            if t == 2 then return Ctx.nla_u32 end
        end)
        self:out("]")
    end
end

function Ctx:nlattrs(addr, n, set, decoder)
    self:nl_tlvs(addr, n, 4, function(b) return self:nl_u(b, 0, 2) end, function(a, left, b)
        local len = self:nl_u(b, 0, 2)
        local l = math.min(len, left)
        local t = self:nl_u(b, 2, 2)
        if l > 4 then self:out("[") end
        self:out("{nla_len=" .. len .. ", nla_type=")
        if t >= 0x8000 then self:out("NLA_F_NESTED|"); t = t - 0x8000 end
        if t >= 0x4000 then self:out("NLA_F_NET_BYTEORDER|"); t = t - 0x4000 end
        self:out(format_enum(set, U(t), self.rec.arch) .. "}")
        if l > 4 then
            self:out(", ")
            local d = decoder and decoder(t)
            if not d or not d(self, uadd(a, 4), l - 4) then self:nl_hexbuf(uadd(a, 4), l - 4) end
            self:out("]")
        end
    end)
end

function Ctx:nla_str(addr, n)
    local size = math.min(n, self.limit)
    local b = self:read(addr, size)
    if not b then
        self:ptr(addr)
        return true
    end
    if size > 0 and b:byte(size) == 0 then
        self:out(quote(b:sub(1, size - 1), false))
        return true
    end
    self:out(quote(b, false))
    if n > 0 then self:out("...") end
    return true
end

function Ctx:nla_uint(addr, n, width, signed)
    if n < width then return false end
    local b = self:fetch(addr, width)
    if b then
        local v = self:field(b, 0, width)
        if signed then self:out(fmt("%d", int32(v[2]))) else self:out(udec(v)) end
    end
    return true
end
function Ctx:nla_u8(addr, n) return self:nla_uint(addr, n, 1) end
function Ctx:nla_u32(addr, n) return self:nla_uint(addr, n, 4) end
function Ctx:nla_s32(addr, n) return self:nla_uint(addr, n, 4, true) end
function Ctx:nla_u64(addr, n) return self:nla_uint(addr, n, 8) end

-- nla_enum returns a decoder of a u32 (or width) value of set: flags
-- when flags.
function Ctx.nla_set(set, flags, width)
    width = width or 4
    return function(c, addr, n)
        if n < width then return false end
        local b = c:fetch(addr, width)
        if b then
            local v = c:field(b, 0, width)
            c:out(flags and format_flags(set, v, c.rec.arch) or format_enum(set, v, c.rec.arch))
        end
        return true
    end
end

function Ctx.nla_u32s(names)
    return function(c, addr, n)
        if n < 4 * #names then return false end
        local b = c:fetch(addr, 4 * #names)
        if not b then return true end
        local parts = {}
        for i, name in ipairs(names) do parts[i] = name .. "=" .. c:nl_u(b, 4 * (i - 1), 4) end
        c:out("{" .. concat(parts, ", ") .. "}")
        return true
    end
end

function Ctx.nla_counters(width, counts)
    return function(c, addr, n)
        local count = 0
        local newest = counts[#counts]
        if n >= newest * width then
            count = newest
        else
            for _, k in ipairs(counts) do if n == k * width then count = k end end
        end
        if count == 0 then return false end
        local b = c:fetch(addr, count * width)
        if not b then return true end
        local parts = {}
        for i = 1, count do parts[i] = Ctx.NL.stats[i] .. "=" .. udec(c:field(b, (i - 1) * width, width)) end
        c:out("{" .. concat(parts, ", ") .. "}")
        return true
    end
end

function Ctx.nla_hwaddr(fam)
    return function(c, addr, n)
        if n > 32 then return false end
        local b = c:fetch(addr, n)
        if not b then return true end
        local sz = Ctx.NL.hwaddr_sizes[fam]
        if sz and sz < #b then b = b:sub(1, sz) end
        local parts = {}
        for i = 1, #b do parts[i] = fmt("%02x", b:byte(i)) end
        c:out(concat(parts, ":"))
        return true
    end
end

function Ctx.nla_inet_addr(fam)
    return function(c, addr, n)
        if fam == 2 and n >= 4 then
            local b = c:fetch(addr, 4)
            if b then c:out(fmt('inet_addr("%d.%d.%d.%d")', b:byte(1), b:byte(2), b:byte(3), b:byte(4))) end
            return true
        elseif fam == 10 and n >= 16 then
            local b = c:fetch(addr, 16)
            if b then c:out('inet_pton(AF_INET6, "' .. inet6_string(b) .. '")') end
            return true
        end
        return false
    end
end

function Ctx:nl_ifindex(v)
    if v ~= 0 then
        for _, sec in ipairs(self.rec.sections) do
            if sec.type == SEC.ifname and sec.key[1] == 0 and sec.key[2] == v and in_phase(sec, self.exit) then
                self:out("if_nametoindex(" .. quote(sec.data, false) .. ")")
                return
            end
        end
    end
    self:out(fmt("%d", v))
end

function Ctx:nla_ifindex(addr, n)
    if n < 4 then return false end
    local b = self:fetch(addr, 4)
    if b then self:nl_ifindex(self:nl_u(b, 0, 4)) end
    return true
end

-- nl_header prints a header of size bytes whose first byte is the family
-- fam; fields prints the rest from the whole header; attributes of set
-- follow (none when set is nil).
function Ctx:nl_header(addr, n, fam, famname, size, fields, set, attr)
    self:out("{" .. famname .. "=" .. format_enum("address_families", U(fam), self.rec.arch))
    local attrs = false
    if n >= size then
        local b = self:read(uadd(addr, 1), size - 1)
        if not b then
            self:out(", ")
            self:ptr(uadd(addr, 1))
        else
            fields(string.char(fam) .. b)
            attrs = true
        end
    else
        self:out(", ...")
    end
    self:out("}")
    local off = floor((size + 3) / 4) * 4
    if attrs and set and n > off then
        self:out(", ")
        self:nlattrs(uadd(addr, off), n - off, set, attr)
    end
end

function Ctx:nl_family_data(addr, n, fam)
    self:out("{family=" .. format_enum("address_families", U(fam), self.rec.arch))
    if n > 1 then
        self:out(", data=")
        self:nl_hexbuf(uadd(addr, 1), n - 1)
    end
    self:out("}")
end
