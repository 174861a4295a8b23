-- strace_render_ioctl.lua: ioctl arguments beyond terminals: network interfaces, block and loop devices, the random pool.
-- A part of strace_render.lua, which runs it with the names the earlier parts
-- left in SR; run alone, as Wireshark runs every .lua file in its plugins
-- folder, it does nothing.

local SR = ...
if type(SR) ~= "table" or SR.D == nil then return {} end
local Ctx, TWO32, U, byte, chex, concat, cstring = SR.Ctx, SR.TWO32, SR.U, SR.byte, SR.chex, SR.concat, SR.cstring
local floor, fmt, format_enum, format_flags, int32 = SR.floor, SR.fmt, SR.format_enum, SR.format_flags, SR.int32
local mem_read, n32, ptr_string, quote, sdec = SR.mem_read, SR.n32, SR.ptr_string, SR.quote, SR.sdec
local structs, uadd, udec, ueq, uzero = SR.structs, SR.uadd, SR.udec, SR.ueq, SR.uzero

----------------------------------------------------------------------------
-- ioctl arguments beyond terminals: network interfaces, block and loop
-- devices, the random pool (a port of decoder/render_ioctl.go for the
-- default options).

-- IO holds the helpers of these renderers.
local IO = {}

-- IO.num_ptr prints the number of n bytes at addr in brackets.
function IO.num_ptr(c, addr, n, signed)
    local b = c:fetch(addr, n)
    if not b then return end
    local v = c:uint(b)
    if signed then
        if n == 4 then v = c:slong({ 0, v[2] }) end
        c:out("[" .. sdec(v) .. "]")
        return
    end
    c:out("[" .. udec(v) .. "]")
end
structs.ushort = function(c, addr) IO.num_ptr(c, addr, 2, false) end
structs.uint = function(c, addr) IO.num_ptr(c, addr, 4, false) end
structs.ulong = function(c, addr) IO.num_ptr(c, addr, c.ws, false) end
structs.slong = function(c, addr) IO.num_ptr(c, addr, c.ws, true) end
structs.u64 = function(c, addr) IO.num_ptr(c, addr, 8, false) end
structs.u64_pair = function(c, addr)
    local b = c:fetch(addr, 16)
    if not b then return end
    c:out("[" .. udec(c:field(b, 0, 8)) .. ", " .. udec(c:field(b, 8, 8)) .. "]")
end

-- IO.hwaddr renders sa_data as a hardware address of ARPHRD_* type typ,
-- as long as the netlink part's table says.
function IO.hwaddr(b, typ)
    local n = Ctx.NL.hwaddr_sizes[typ]
    if n and n < #b then b = b:sub(1, n) end
    local t = {}
    for i = 1, #b do t[i] = fmt("%02x", b:byte(i)) end
    return concat(t, ":")
end

-- IO.ifreq_member renders the member of struct ifreq a request reads or
-- fills; "" for none.
function IO.ifreq_member(c, code, b, l, base)
    local uo = l.m["ifr_map.mem_start"][1]
    local un = b:sub(uo + 1)
    local function d(name) return name .. "=" .. fmt("%d", int32(c:field(un, 0, 4)[2])) end
    local function sa(name) return name .. "=" .. c:sockaddr_text(un:sub(1, 16), base and base + uo) end
    if code == 0x8915 or code == 0x8916 then return sa("ifr_addr") end
    if code == 0x8917 or code == 0x8918 then return sa("ifr_dstaddr") end
    if code == 0x8919 or code == 0x891a then return sa("ifr_broadaddr") end
    if code == 0x891b or code == 0x891c then return sa("ifr_netmask") end
    if code == 0x8931 or code == 0x8932 or code == 0x8927 or code == 0x8924 or code == 0x8937 then
        local fam = c:field(un, 0, 2)
        return "ifr_hwaddr={sa_family=" .. format_enum("arp_hardware_types", fam, c.rec.arch) ..
            ", sa_data=" .. IO.hwaddr(un:sub(3, 16), fam[2]) .. "}"
    end
    if code == 0x8913 or code == 0x8914 then
        return "ifr_flags=" .. format_flags("iffflags", c:field(un, 0, 2), c.rec.arch)
    end
    if code == 0x8933 then return d("ifr_ifindex") end
    if code == 0x891d or code == 0x891e then return d("ifr_metric") end
    if code == 0x8921 or code == 0x8922 then return d("ifr_mtu") end
    if code == 0x8942 or code == 0x8943 then return d("ifr_qlen") end
    if code == 0x8929 or code == 0x8930 then return "ifr_slave=" .. cstring(un:sub(1, 16)) end
    if code == 0x8923 then return "ifr_newname=" .. cstring(un:sub(1, 16)) end
    if code == 0x8910 then return "ifr_name=" .. cstring(b:sub(1, 16)) end
    if code == 0x8970 or code == 0x8971 then
        local t = {}
        for _, name in ipairs({ "mem_start", "mem_end", "base_addr", "irq", "dma", "port" }) do
            t[#t + 1] = name .. "=" .. chex(c:mu(b, l, "ifr_map." .. name))
        end
        return "ifr_map={" .. concat(t, ", ") .. "}"
    end
    return ""
end

structs.ifreq_set = function(c, addr)
    local l = c:layout("ifreq")
    if not l then
        c:ptr(addr)
        return
    end
    local b, base = c:fetch(addr, l.size)
    if not b then return end
    c:fields({ "ifr_name", cstring(b:sub(1, 16)), "", IO.ifreq_member(c, c.rec.args[2][2], b, l, base) })
end

structs.ifreq_get = function(c, addr)
    local l = c:layout("ifreq")
    if not l then
        c:ptr(addr)
        return
    end
    local inb = mem_read(c.rec, false, addr, l.size)
    if not inb then
        c:ptr(addr)
        return
    end
    local code = c.rec.args[2][2]
    local kv = { "ifr_name", cstring(inb:sub(1, 16)) }
    if code == 0x8910 then
        kv = { "ifr_ifindex", fmt("%d", int32(c:field(inb, l.m["ifr_map.mem_start"][1], 4)[2])) }
    end
    if not c:failed() then
        local b, _, base = c:read(addr, l.size)
        if b then
            kv[#kv + 1], kv[#kv + 2] = "", IO.ifreq_member(c, code, b, l, base)
        end
    end
    c:fields(kv)
end

function IO.ifc_len(n, size)
    local s = fmt("%d", n)
    local k = floor(n32(n) / size)
    if n > 0 and k * size == n then s = s .. fmt(" /* %d * sizeof(struct ifreq) */", k) end
    return s
end

function IO.ifreq_array(c, addr, n, l)
    if uzero(addr) then
        c:out("NULL")
        return
    end
    if n == 0 then
        c:out("[]")
        return
    end
    local uo = l.m["ifr_map.mem_start"][1]
    local i = 0
    while i < n do
        local at = c:word(uadd(addr, i * l.size))
        if i > 0 then c:out(", ") end
        local b, _, base = c:read(at, l.size)
        if not b then
            if i == 0 then
                c:ptr(at)
                return
            end
            c:out("... /* " .. chex(at) .. " */]")
            return
        end
        if i == 0 then c:out("[") end
        if i >= c.limit or i >= 1024 then
            c:out("...")
            break
        end
        c:fields({ "ifr_name", cstring(b:sub(1, 16)), "ifr_addr",
            c:sockaddr_text(b:sub(uo + 1, uo + 16), base and base + uo) })
        i = i + 1
    end
    c:out("]")
end

structs.ifconf = function(c, addr)
    local l, rl = c:layout("ifconf"), c:layout("ifreq")
    if not l or not rl then
        c:ptr(addr)
        return
    end
    local inb = mem_read(c.rec, false, addr, l.size)
    if not inb then
        c:ptr(addr)
        return
    end
    local in_len, in_buf = int32(c:mu(inb, l, "ifc_len")[2]), c:word(c:mu(inb, l, "ifc_buf"))
    local s = "{ifc_len="
    if not uzero(in_buf) then s = s .. IO.ifc_len(in_len, rl.size) end
    local b = c:read(addr, l.size)
    if not b then
        if uzero(in_buf) then s = s .. IO.ifc_len(in_len, rl.size) end
        c:out(s .. ", ifc_buf=" .. ptr_string(in_buf) .. "}")
        return
    end
    local out_len, out_buf = int32(c:mu(b, l, "ifc_len")[2]), c:word(c:mu(b, l, "ifc_buf"))
    if not uzero(in_buf) and in_len ~= out_len then s = s .. " => " end
    if uzero(in_buf) or in_len ~= out_len then s = s .. IO.ifc_len(out_len, rl.size) end
    c:out(s .. ", ifc_buf=")
    if uzero(in_buf) or c:failed() then
        c:out(ptr_string(in_buf))
        if not ueq(in_buf, out_buf) then c:out(" => " .. ptr_string(out_buf)) end
        c:out("}")
        return
    end
    IO.ifreq_array(c, out_buf, floor(n32(out_len) / rl.size), rl)
    c:out("}")
end

structs.rand_pool_info = function(c, addr)
    local l = c:layout("rand_pool_info")
    if not l then
        c:ptr(addr)
        return
    end
    local b = c:fetch(addr, l.size)
    if not b then return end
    local n = int32(c:mu(b, l, "buf_size")[2])
    c:out(fmt("{entropy_count=%d, buf_size=%d, buf=", int32(c:mu(b, l, "entropy_count")[2]), n))
    local len = U(n)
    if n < 0 then len = c:word({ 0xffffffff, n + TWO32 }) end
    c:read_buf(uadd(addr, l.size), len, false)
    c:out("}")
end

-- IO.loop_info64_text renders struct loop_info64 abbreviated, as
-- strace prints it without -v.
function IO.loop_info64_text(c, b, l)
    local function u(name) return udec(c:mu(b, l, name)) end
    local kv = { "lo_offset", chex(c:mu(b, l, "lo_offset")), "lo_number", u("lo_number") }
    local function add(k, v) kv[#kv + 1], kv[#kv + 2] = k, v end
    local enc = c:mu(b, l, "lo_encrypt_type")
    if not uzero(enc) then
        add("lo_encrypt_type", format_enum("loop_crypt_type_options", enc, c.rec.arch))
        add("lo_encrypt_key_size", u("lo_encrypt_key_size"))
    end
    add("lo_flags", format_flags("loop_flags_options", c:mu(b, l, "lo_flags"), c.rec.arch))
    local fm = l.m.lo_file_name
    add("lo_file_name", cstring(b:sub(fm[1] + 1, fm[1] + fm[2])))
    if not uzero(enc) then
        local cm, km = l.m.lo_crypt_name, l.m.lo_encrypt_key
        local key = b:sub(km[1] + 1, km[1] + km[2])
        local ks = c:mu(b, l, "lo_encrypt_key_size")
        if ks[1] == 0 and ks[2] < #key then key = key:sub(1, ks[2]) end
        add("lo_crypt_name", cstring(b:sub(cm[1] + 1, cm[1] + cm[2])))
        add("lo_encrypt_key", quote(key, false))
    end
    add("", "...")
    return c:capture(function() c:fields(kv) end)
end

structs.loop_info64 = function(c, addr)
    local l = c:layout("loop_info64")
    if not l then
        c:ptr(addr)
        return
    end
    local b = c:fetch(addr, l.size)
    if b then c:out(IO.loop_info64_text(c, b, l)) end
end

structs.loop_config = function(c, addr)
    local l, il = c:layout("loop_config"), c:layout("loop_info64")
    if not l or not il then
        c:ptr(addr)
        return
    end
    local b = c:fetch(addr, l.size)
    if not b then return end
    local io = l.m["info.lo_device"][1]
    c:out("{fd=")
    c:fd(c:mu(b, l, "fd"))
    c:out(", block_size=" .. udec(c:mu(b, l, "block_size")) .. ", info=" ..
        IO.loop_info64_text(c, b:sub(io + 1, io + il.size), il))
    local res, zero = {}, true
    for i = 0, 7 do
        local v = c:mu(b, l, "__reserved[" .. i .. "]")
        zero = zero and uzero(v)
        res[#res + 1] = chex(v)
    end
    if not zero then c:out(", __reserved=[" .. concat(res, ", ") .. "]") end
    c:out("}")
end

-- ioctl_number_name is the name strace makes of a request number
-- whose type takes its parameter in the number ("EVIOCGNAME(256)",
-- "MIXER_READ(0)"), or nil (decoder's ioctlNumberName).
IO.evdev_sized = { [6] = "EVIOCGNAME", [7] = "EVIOCGPHYS", [8] = "EVIOCGUNIQ", [9] = "EVIOCGPROP",
    [0x0a] = "EVIOCGMTSLOTS", [0x18] = "EVIOCGKEY", [0x19] = "EVIOCGLED", [0x1a] = "EVIOCGSND", [0x1b] = "EVIOCGSW" }
IO.hiddev_read = { [4] = "HIDIOCGRAWNAME", [5] = "HIDIOCGRAWPHYS", [6] = "HIDIOCSFEATURE",
    [8] = "HIDIOCGRAWUNIQ", [0x12] = "HIDIOCGPHYS" }
function Ctx.ioctl_number_name(c, code)
    local dir, typ, nr = floor(code / 0x40000000), floor(code / 256) % 256, code % 256
    local size = floor(code / 65536) % 0x4000
    local function val(set, x) return format_enum(set, U(x), c.rec.arch) end
    local function call(name, a, b)
        if b then return name .. "(" .. a .. ", " .. b .. ")" end
        return name .. "(" .. a .. ")"
    end
    local sz = fmt("%d", size)
    if typ == 0x21 then
        if dir == 2 and nr == 2 and size == 8 then return "SECCOMP_IOCTL_NOTIF_ID_VALID_WRONG_DIR" end
    elseif typ == 0x45 then
        if dir == 1 and nr >= 0xc0 then return call("EVIOCSABS", val("evdev_abs", nr - 0xc0)) end
        if dir ~= 2 then return nil end
        if nr == 0x20 then return call("EVIOCGBIT", "0", sz) end
        if nr > 0x20 and nr <= 0x3f then return call("EVIOCGBIT", val("evdev_ev", nr - 0x20), sz) end
        if nr >= 0x40 and nr <= 0x7f then return call("EVIOCGABS", val("evdev_abs", nr - 0x40)) end
        if IO.evdev_sized[nr] then return call(IO.evdev_sized[nr], sz) end
    elseif typ == 0x48 then
        if dir == 2 and IO.hiddev_read[nr] then return call(IO.hiddev_read[nr], sz) end
        if dir == 3 and nr == 6 then return call("HIDIOCSFEATURE", sz) end
        if dir == 3 and nr == 7 then return call("HIDIOCGFEATURE", sz) end
    elseif typ == 0x4d then
        if dir == 1 then return call("MIXER_WRITE", fmt("%d", nr)) end
        if dir == 2 then return call("MIXER_READ", fmt("%d", nr)) end
    elseif typ == 0x55 then
        if dir == 2 and nr == 0x2c then return call("UI_GET_SYSNAME", sz) end
    elseif typ == 0x6a then
        if dir == 2 and nr == 0x13 then return call("JSIOCGNAME", sz) end
    elseif typ == 0x6b then
        if dir == 1 and nr == 0 then return call("SPI_IOC_MESSAGE", sz) end
    end
    return nil
end

