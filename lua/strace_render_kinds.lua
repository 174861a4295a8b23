-- strace_render_kinds.lua: the process and signal structures and the renderers of argument kinds.
-- A part of strace_render.lua, which runs it with the names the earlier parts
-- left in SR; run alone, as Wireshark runs every .lua file in its plugins
-- folder, it does nothing.

local SR = ...
if type(SR) ~= "table" or SR.D == nil then return {} end
local Ctx, D, F_NORETURN, SEC, U, band, bnot = SR.Ctx, SR.D, SR.F_NORETURN, SR.SEC, SR.U, SR.band, SR.bnot
local chex, concat, fmt, format_enum = SR.chex, SR.concat, SR.fmt, SR.format_enum
local format_flags, gohex, gomode, gooct, has = SR.format_flags, SR.gohex, SR.gomode, SR.gooct, SR.has
local in_phase, int32, isneg, le32, lshift = SR.in_phase, SR.int32, SR.isneg, SR.le32, SR.lshift
local makedev, mode_string, n32, ptr_string, sdec = SR.makedev, SR.mode_string, SR.n32, SR.ptr_string, SR.sdec
local signal_string, structs, time_pair, uadd = SR.signal_string, SR.structs, SR.time_pair, SR.uadd
local uandnot, udec, unum, uzero, xlat_lookup = SR.uandnot, SR.udec, SR.unum, SR.uzero, SR.xlat_lookup

-- Process, identity and signal structures (decoder/render_proc.go).
structs.tms = function(c, addr)
    local l = c:layout("tms")
    if not l then
        c:ptr(addr)
        return
    end
    local b = c:fetch(addr, l.size)
    if not b then return end
    local function w(n) return sdec(c:ms(b, l, n)) end
    c:fields({ "tms_utime", w("tms_utime"), "tms_stime", w("tms_stime"), "tms_cutime", w("tms_cutime"), "tms_cstime", w("tms_cstime") })
end

structs.rusage = function(c, addr)
    local l = c:layout("rusage")
    if not l then
        c:ptr(addr)
        return
    end
    local b, base = c:fetch(addr, l.size)
    if not b then return end
    c:note_group("rusage", l, base)
    c:fields({ "ru_utime", time_pair(c, b, l, "ru_utime.", "tv_usec"), "ru_stime", time_pair(c, b, l, "ru_stime.", "tv_usec"), "", "..." })
end

-- count is a Struct's element count: the return value for len_arg -1.
local function struct_count(c, k)
    if k.len_arg < 0 then return c:slong(c.rec.ret) end
    local v = c.rec.args[k.len_arg + 1][2]
    if v >= 0x80000000 then return { 0xffffffff, v } end
    return { 0, v }
end

structs.cpu_set = function(c, addr, k)
    local n
    if k.len_arg >= 0 then n = c:word(c.rec.args[k.len_arg + 1]) else n = struct_count(c, k) end
    if n[1] ~= 0 or n[2] == 0 or n[2] > 4096 then
        c:ptr(addr)
        return
    end
    local b = c:fetch(addr, n[2])
    if not b then return end
    local cpus = {}
    for i = 1, #b do
        local by = b:byte(i)
        for bit = 0, 7 do
            if band(by, lshift(1, bit)) ~= 0 then cpus[#cpus + 1] = fmt("%d", 8 * (i - 1) + bit) end
        end
    end
    c:out("[" .. concat(cpus, " ") .. "]")
end

local function uid_string(v)
    if v == 0xffffffff then return "-1" end
    return fmt("%d", v)
end

structs.gid_list = function(c, addr, k)
    local n = struct_count(c, k)
    if isneg(n) or n[1] ~= 0 or n[2] > 65536 then
        c:ptr(addr)
        return
    end
    local show = math.min(n[2], c.limit)
    local b = c:fetch(addr, 4 * show)
    if not b then return end
    local parts = {}
    for i = 0, show - 1 do parts[#parts + 1] = uid_string(c:field(b, 4 * i, 4)[2]) end
    if show < n[2] then parts[#parts + 1] = "..." end
    c:out("[" .. concat(parts, ", ") .. "]")
end

structs.uid = function(c, addr)
    local b = c:fetch(addr, 4)
    if not b then return end
    c:out("[" .. uid_string(c:uint(b)[2]) .. "]")
end

structs.loff = function(c, addr)
    local b = c:fetch(addr, 8)
    if not b then return end
    c:out("[" .. sdec(c:uint(b)) .. "]")
end

structs.signal_ptr = function(c, addr)
    local b = c:fetch(addr, 4)
    if not b then return end
    c:out("[" .. signal_string(int32(c:uint(b)[2])) .. "]")
end

structs.cap_header = function(c, addr)
    local l = c:layout("__user_cap_header_struct")
    if not l then
        c:ptr(addr)
        return
    end
    local b = c:fetch(addr, l.size)
    if not b then return end
    c:fields({ "version", format_enum("cap_versions", c:mu(b, l, "version"), c.rec.arch),
        "pid", sdec(c:ms(b, l, "pid")) })
end

local function caps_string(lo, hi)
    if lo == 0 and hi == 0 then return "0" end
    local parts = {}
    local rest = { hi, lo }
    for i = 0, 63 do
        local w = i < 32 and lo or hi
        if band(w, lshift(1, i % 32)) ~= 0 then
            local n = xlat_lookup(D.xlats.capabilities, U(i), 0)
            if n then
                parts[#parts + 1] = "1<<" .. n
                if i < 32 then rest[2] = n32(band(rest[2], bnot(lshift(1, i)))) else rest[1] = n32(band(rest[1], bnot(lshift(1, i - 32)))) end
            end
        end
    end
    if not uzero(rest) then parts[#parts + 1] = gohex(rest) end
    return concat(parts, "|")
end

structs.cap_data = function(c, addr)
    local l = c:layout("__user_cap_data_struct")
    if not l then
        c:ptr(addr)
        return
    end
    local words = 2
    local h = c:read(c:word(c.rec.args[1]), 4)
    if h and c:uint(h)[2] == 0x19980330 then words = 1 end
    local b = c:fetch(addr, l.size * words)
    if not b then return end
    local function set(name)
        local lo = c:mu(b, l, name)[2]
        local hi = words == 2 and c:mu(b:sub(l.size + 1), l, name)[2] or 0
        return caps_string(lo, hi)
    end
    c:fields({ "effective", set("effective"), "permitted", set("permitted"), "inheritable", set("inheritable") })
end

structs.stack_t = function(c, addr)
    local l = c:layout("stack_t")
    if not l then
        c:ptr(addr)
        return
    end
    local b = c:fetch(addr, l.size)
    if not b then return end
    c:fields({ "ss_sp", ptr_string(c:mu(b, l, "ss_sp")), "ss_flags", format_flags("ss_flags", c:mu(b, l, "ss_flags"), c.rec.arch),
        "ss_size", udec(c:mu(b, l, "ss_size")) })
end

-- Kind renderers, by the kind names of decoder/desc.go.
local R = {}
R.Int = function(c, k, v) c:out(fmt("%d", int32(v[2]))) end
-- A pid prints as an int (decode -Y names it; the Info column does not).
R.Pid = R.Int
R.Uint = function(c, k, v) c:out(fmt("%d", v[2])) end
R.Long = function(c, k, v) c:out(sdec(c:slong(v))) end
R.Ulong = function(c, k, v) c:out(udec(c:word(v))) end
R.KLong = function(c, k, v) c:out(sdec(v)) end
R.Hex = function(c, k, v) c:out(chex(c:word(v))) end
R.Octal = function(c, k, v) c:out(gooct(v[2])) end
R.Ptr = function(c, k, v) c:ptr(v) end
R.FD = function(c, k, v) c:fd(v) end
R.Mode = function(c, k, v) c:out(gomode(v[2])) end
R.Path = function(c, k, v) return c:read_string(v, 4096) end
R.Str = function(c, k, v) return c:read_string(v, c.limit) end
R.DirFD = function(c, k, v)
    if int32(v[2]) == -100 then c:out("AT_FDCWD") else c:fd(v) end
end
R.Buf = function(c, k, v)
    local n
    if k.from_ret then n = c:word(c.rec.ret) else n = c:word(c.rec.args[k.len_arg + 1]) end
    if k.netlink then
        local family = c:nl_socket(int32(c.rec.args[1][2]))
        if family then return c:netlink(v, unum(n), family) end
    end
    return c:read_buf(v, n, k.hex)
end
R.Flags = function(c, k, v)
    if not k.long then v = U(v[2]) end
    c:out(format_flags(k.set, c:word(v), c.rec.arch))
end
R.Enum = function(c, k, v)
    if not k.long then v = U(v[2]) end
    c:out(format_enum(k.set, c:word(v), c.rec.arch))
end
R.FlagsRet = function(c, k, v)
    v = c:word(v)
    if uzero(v) and not k.zero then
        c:out("0")
        return
    end
    local f = format_flags(k.set, v, c.rec.arch)
    -- strace's sprintflags writes unknown bits as a bare number.
    if f:sub(-6) == "??? */" then f = chex(v) end
    c:out(chex(v) .. " (" .. k.word .. " " .. f .. ")")
end
R.Signal = function(c, k, v) c:out(signal_string(int32(v[2]))) end
R.CloneFlags = function(c, k, v)
    local sig = v[2] % 256
    local flags = uandnot(v, U(0xff))
    if not uzero(flags) and sig ~= 0 then
        c:out(format_flags("clone_flags", flags, c.rec.arch) .. "|" .. signal_string(sig))
    elseif not uzero(flags) then
        c:out(format_flags("clone_flags", flags, c.rec.arch))
    else
        c:out(signal_string(sig))
    end
end
R.Sigset = function(c, k, v)
    local addr = c:word(v)
    if uzero(addr) then
        c:out("NULL")
        return
    end
    local n = c:word(c.rec.args[k.size_arg + 1])
    if n[1] ~= 0 or n[2] == 0 or n[2] > 128 or n[2] % 4 ~= 0 then
        c:ptr(addr)
        return
    end
    local b = c:fetch(addr, n[2])
    if not b then return end
    c:out(c:sigset_string(b))
end
R.StrArray = function(c, k, v)
    local addr = c:word(v)
    if uzero(addr) then
        c:out("NULL")
        return
    end
    local ws = c.ws
    local function word_at(a)
        local b = c:read(c:word(a), ws)
        if not b then return nil end
        return c:uint(b)
    end
    if k.env then
        c:ptr(addr)
        local n, a = 0, addr
        while true do
            local w = word_at(a)
            if not w then
                if n == 0 then return end
                break
            end
            if uzero(w) then break end
            n = n + 1
            a = uadd(a, ws)
        end
        c:out(fmt(" /* %d var%s */", n, n == 1 and "" or "s"))
        return
    end
    local n, a = 0, addr
    while true do
        local w = word_at(a)
        if not w then
            if n == 0 then
                c:ptr(addr)
                return
            end
            c:out(", ... /* " .. gohex(a) .. " */")
            break
        end
        if n == 0 then c:out("[") end
        if uzero(w) then break end
        if n ~= 0 then c:out(", ") end
        if n >= c.limit then
            c:out("...")
            break
        end
        c:read_string(w, c.limit)
        n = n + 1
        a = uadd(a, ws)
    end
    c:out("]")
end

R.ModeType = function(c, k, v) c:out(mode_string(v[2])) end
R.Dev = function(c, k, v) c:out(makedev(c:word(v))) end
R.EnumRet = function(c, k, v)
    local n = c:slong(v)
    if k.hex then c:out(chex(c:word(v))) else c:out(sdec(n)) end
    local x = D.xlats[k.set]
    local name = x and xlat_lookup(x, n, c.rec.arch)
    if name then c:out(" (" .. name .. ")") end
end
R.SignalRet = function(c, k, v)
    local n = c:slong(v)
    c:out(sdec(n))
    if n[1] == 0 and n[2] > 0 and n[2] < 65 then c:out(" (" .. signal_string(n[2]) .. ")") end
end

-- The offset of the mask rt_sigreturn restores from the stack pointer at
-- its entry, per arch (decoder/render_proc.go's sigmaskOffset).
local SIGMASK_OFFSET = { [0xc000003e] = 296, [0x40000003] = 248, [0xc00000b7] = 168 }

R.SigFrame = function(c, k, v)
    local off = SIGMASK_OFFSET[c.rec.arch]
    local regs
    for _, sec in ipairs(c.rec.sections) do
        if sec.type == SEC.regs and in_phase(sec, c.exit) and #sec.data >= 16 then regs = sec break end
    end
    if not regs then return end
    local sp = { le32(regs.data, 12), le32(regs.data, 8) }
    if k.old then
        -- i386's sigreturn: the sigcontext's oldmask (80) and the
        -- extramask after the 624-byte FPU state (88 + 624), from the
        -- stack pointer (decoder/render_proc.go).
        local low, high = 80, 88 + 624
        sp = c:word(sp)
        local b = c:read(sp, high + 4)
        if not b or #b < high + 4 then
            c:ptr(sp)
            return
        end
        local mask = b:sub(low + 1, low + 4) .. b:sub(high + 1, high + 4)
        c:out("{mask=" .. c:sigset_string(mask) .. "}")
        return
    end
    if not off then return end
    local addr = c:word(uadd(sp, off))
    local b = c:read(addr, 8)
    if not b then
        c:out("{mask=")
        c:ptr(addr)
        c:out("}")
        return
    end
    c:out("{mask=" .. c:sigset_string(b) .. "}")
end
R.Struct = function(c, k, v)
    local addr = c:word(v)
    if uzero(addr) then
        c:out("NULL")
        return
    end
    local f = structs[k.type]
    if not f then
        c:ptr(addr)
        return
    end
    f(c, addr, k)
end

local reads_memory = { Path = true, Str = true, Buf = true, Sigset = true, StrArray = true, Struct = true, SigFrame = true }

-- render_arg prints one argument; it returns what the argument read (a
-- string's or buffer's bytes) for the tree.
function Ctx:render_arg(a)
    if a.label then self:out(a.name .. "=") end
    if self:arg_text(a.i) then return end
    local v = self.rec.args[a.i + 1]
    if a.exit and not a.input and reads_memory[a.k.k] and (self:failed() or has(self.rec.flags, F_NORETURN)) then
        self:ptr(v)
        return
    end
    local f = R[a.k.k]
    if not f then
        self:ptr(v)
        return
    end
    return f(self, a.k, v)
end

SR.R = R
