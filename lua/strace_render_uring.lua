-- strace_render_uring.lua: io_uring_setup's params and io_uring_register's arguments, as strace prints them.
-- A part of strace_render.lua, which runs it with the names the earlier parts
-- left in SR; run alone, as Wireshark runs every .lua file in its plugins
-- folder, it does nothing.

local SR = ...
if type(SR) ~= "table" or SR.D == nil then return {} end
local U, band, chex, concat, format_flags = SR.U, SR.band, SR.chex, SR.concat, SR.format_flags
local pad, structs, uadd, udec, uzero = SR.pad, SR.structs, SR.uadd, SR.udec, SR.uzero

-- io_uring_setup's params and io_uring_register's descriptors
-- (decoder/render_uring.go).
structs.io_uring_params = function(c, addr)
    local l = c:layout("io_uring_params")
    if not l then
        c:ptr(addr)
        return
    end
    local b = c:fetch(addr, l.size)
    if not b then return end
    local function u(name) return udec(c:mu(b, l, name)) end
    local flags = c:mu(b, l, "flags")
    local parts = { "{flags=", format_flags("uring_setup_flags", flags, c.rec.arch),
        ", sq_thread_cpu=", chex(c:mu(b, l, "sq_thread_cpu")), ", sq_thread_idle=", u("sq_thread_idle") }
    c:out(concat(parts))
    if band(flags[2], 0x20) ~= 0 then
        c:out(", wq_fd=")
        c:fd(c:mu(b, l, "wq_fd"))
    end
    local resv, zero = {}, true
    for i = 0, 2 do
        local v = c:mu(b, l, "resv[" .. i .. "]")
        zero = zero and uzero(v)
        resv[#resv + 1] = chex(v)
    end
    if not zero then c:out(", resv=[" .. concat(resv, ", ") .. "]") end
    if c:failed() then
        c:out("}")
        return
    end
    local function offsets(prefix, names)
        local o = {}
        for _, n in ipairs(names) do o[#o + 1] = n .. "=" .. u(prefix .. n) end
        for _, n in ipairs({ "resv1", "resv2" }) do
            local v = c:mu(b, l, prefix .. n)
            if not uzero(v) then o[#o + 1] = n .. "=" .. chex(v) end
        end
        return "{" .. concat(o, ", ") .. "}"
    end
    c:out(concat({ ", sq_entries=", u("sq_entries"), ", cq_entries=", u("cq_entries"),
        ", features=", format_flags("uring_setup_features", c:mu(b, l, "features"), c.rec.arch),
        ", sq_off=", offsets("sq_off.", { "head", "tail", "ring_mask", "ring_entries", "flags", "dropped", "array" }),
        ", cq_off=", offsets("cq_off.", { "head", "tail", "ring_mask", "ring_entries", "overflow", "cqes", "flags" }), "}" }))
end

structs.uring_iovecs = function(c, addr, k)
    c:iovecs(addr, U(c.rec.args[k.len_arg + 1][2]), nil, false)
end

-- uring_array renders n elements of size bytes as print_array does
-- (decoder/render_uring.go's uringArray); elem(b) prints one.
local function uring_array(c, addr, n, size, elem)
    if n == 0 then
        c:out("[]")
        return
    end
    local show = math.min(n, c.limit, 65536)
    local b = c:read(addr, size * show)
    if not b and not c:read(addr, size) then
        c:ptr(addr)
        return
    end
    c:out("[")
    for i = 0, show - 1 do
        if i > 0 then c:out(", ") end
        local at = uadd(addr, size * i)
        local e = b and b:sub(size * i + 1, size * (i + 1)) or c:read(at, size)
        if not e then
            c:out("... /* " .. chex(at) .. " */]")
            return
        end
        elem(e)
    end
    if show < n then c:out(", ...") end
    c:out("]")
end

local function uring_rsrc_updates(c, addr, k, register)
    local l = c:layout("io_uring_rsrc_update")
    if not l then
        c:ptr(addr)
        return
    end
    uring_array(c, addr, c.rec.args[k.len_arg + 1][2], l.size, function(b)
        local off = c:mu(b, l, "offset")
        if register and off[2] == 0xffffffff then c:out("{offset=-1") else c:out("{offset=" .. udec(off)) end
        local resv = c:mu(b, l, "resv")
        if not uzero(resv) then c:out(", resv=" .. chex(resv)) end
        local data = c:mu(b, l, "data")
        if register then
            c:out(", data=")
            c:fd(data)
        elseif not uzero(data) then
            c:out(", data=" .. chex(data))
        end
        c:out("}")
    end)
end

structs.uring_ring_fds = function(c, addr, k) uring_rsrc_updates(c, addr, k, true) end
structs.uring_ring_fds_off = function(c, addr, k) uring_rsrc_updates(c, addr, k, false) end

structs.io_uring_buf_reg = function(c, addr)
    local l = c:layout("io_uring_buf_reg")
    if not l then
        c:ptr(addr)
        return
    end
    local b = c:fetch(addr, l.size)
    if not b then return end
    local ring = c:mu(b, l, "ring_addr")
    c:out("{ring_addr=" .. (uzero(ring) and "NULL" or chex(ring)) .. ", ring_entries=" .. udec(c:mu(b, l, "ring_entries"))
        .. ", bgid=" .. udec(c:mu(b, l, "bgid")))
    local pad = c:mu(b, l, "pad")
    if not uzero(pad) then c:out(", pad=" .. chex(pad)) end
    local resv, zero = {}, true
    for i = 0, 2 do
        local v = c:mu(b, l, "resv[" .. i .. "]")
        zero = zero and uzero(v)
        resv[#resv + 1] = chex(v)
    end
    if not zero then c:out(", resv=[" .. concat(resv, ", ") .. "]") end
    c:out("}")
end

structs.uring_fds = function(c, addr, k)
    local n = c.rec.args[k.len_arg + 1][2]
    if n == 0 then
        c:out("[]")
        return
    end
    local show = math.min(n, c.limit, 65536)
    local b = c:read(addr, 4 * show)
    if not b and not c:read(addr, 4) then
        c:ptr(addr)
        return
    end
    c:out("[")
    for i = 0, show - 1 do
        if i > 0 then c:out(", ") end
        local e = b and b:sub(4 * i + 1, 4 * i + 4) or c:read(uadd(addr, 4 * i), 4)
        if not e then
            c:out("... /* " .. chex(uadd(addr, 4 * i)) .. " */]")
            return
        end
        c:fd(c:uint(e))
    end
    if show < n then c:out(", ...") end
    c:out("]")
end

