-- strace_render_structs.lua: the structure renderers of files, clone, time, message queues and NUMA.
-- A part of strace_render.lua, which runs it with the names the earlier parts
-- left in SR; run alone, as Wireshark runs every .lua file in its plugins
-- folder, it does nothing.

local SR = ...
if type(SR) ~= "table" or SR.D == nil then return {} end
local Ctx, TWO32, U, band, chex, concat = SR.Ctx, SR.TWO32, SR.U, SR.band, SR.chex, SR.concat
local cstring, errno_of, floor, fmt, format_enum = SR.cstring, SR.errno_of, SR.floor, SR.fmt, SR.format_enum
local format_flags, gohex, in_errno_range, int32 = SR.format_flags, SR.gohex, SR.in_errno_range, SR.int32
local isneg, makedev, member_groups, mode_string = SR.isneg, SR.makedev, SR.member_groups, SR.mode_string
local ptr_string, rlim_value, sdec, signal_string = SR.ptr_string, SR.rlim_value, SR.sdec, SR.signal_string
local uand, udec, ueq, uneg, unum, uzero = SR.uand, SR.udec, SR.ueq, SR.uneg, SR.unum, SR.uzero
local wait_status_string, xlat_value = SR.wait_status_string, SR.xlat_value

local structs = {}

-- stat_of renders the stat structure of layout name: struct stat on every
-- arch, i386's struct stat64 and its __old_kernel_stat.
local function stat_of(name)
    return function(c, addr)
        local l = c:layout(name)
        if not l then
            c:ptr(addr)
            return
        end
        local b, base = c:fetch_struct(addr, l)
        if not b then return end
        c:note_group("stat", l, base)
        local mode = c:mu(b, l, "st_mode")[2]
        local kv = { "st_mode", mode_string(mode) }
        local t = band(mode, 0xf000)
        if t == 0x2000 or t == 0x6000 then
            kv[#kv + 1], kv[#kv + 2] = "st_rdev", makedev(c:mu(b, l, "st_rdev"))
        else
            kv[#kv + 1], kv[#kv + 2] = "st_size", sdec(c:mv(b, l, "st_size"))
        end
        kv[#kv + 1], kv[#kv + 2] = "", "..."
        c:fields(kv)
    end
end
structs.stat = stat_of("stat")
structs.stat64 = stat_of("stat64")
structs.oldstat = stat_of("__old_kernel_stat")

structs.statx = function(c, addr)
    local l = c:layout("statx")
    if not l then
        c:ptr(addr)
        return
    end
    local b, base = c:fetch_struct(addr, l)
    if not b then return end
    local arch = c.rec.arch
    local mask = c:mu(b, l, "stx_mask")
    c:note_group("statx", l, base)
    local kv = { "stx_mask", format_flags("statx_mask", mask, arch),
        "stx_attributes", format_flags("statx_attrs", c:mu(b, l, "stx_attributes"), arch) }
    if band(mask[2], 0x3) ~= 0 then
        kv[#kv + 1], kv[#kv + 2] = "stx_mode", mode_string(c:mu(b, l, "stx_mode")[2])
    end
    if band(mask[2], 0x200) ~= 0 then
        kv[#kv + 1], kv[#kv + 2] = "stx_size", udec(c:mu(b, l, "stx_size"))
    end
    kv[#kv + 1], kv[#kv + 2] = "", "..."
    c:fields(kv)
end

structs.sigaction = function(c, addr)
    local l = c:layout("sigaction")
    if not l then
        c:ptr(addr)
        return
    end
    local b, base = c:fetch_struct(addr, l)
    if not b then return end
    c:note_group("sigaction", l, base)
    local h = c:mu(b, l, "sa_handler")
    local sh = c:slong(h)
    local hs
    if uzero(sh) then
        hs = "SIG_DFL"
    elseif ueq(sh, U(1)) then
        hs = "SIG_IGN"
    elseif ueq(sh, { 0xffffffff, 0xffffffff }) then
        hs = "SIG_ERR"
    else
        hs = gohex(h)
    end
    local flags = c:mu(b, l, "sa_flags")
    local mask = l.m.sa_mask
    local kv = { "sa_handler", hs, "sa_mask", c:sigset_string(b:sub(mask[1] + 1, mask[1] + mask[2])),
        "sa_flags", format_flags("sigact_flags", flags, c.rec.arch) }
    local sr = xlat_value("sigact_flags", "SA_RESTORER", c.rec.arch)
    if sr and not uzero(uand(flags, sr)) then
        kv[#kv + 1], kv[#kv + 2] = "sa_restorer", gohex(c:mu(b, l, "sa_restorer"))
    end
    c:fields(kv)
end

structs.rlimit64 = function(c, addr)
    local l = c:layout("rlimit64")
    if not l then
        c:ptr(addr)
        return
    end
    local b, base = c:fetch(addr, l.size)
    if not b then return end
    c:note_group("rlimit", l, base)
    c:fields({ "rlim_cur", rlim_value(c:mu(b, l, "rlim_cur")), "rlim_max", rlim_value(c:mu(b, l, "rlim_max")) })
end

structs.wait_status = function(c, addr)
    local r = c.rec.ret
    if r[1] == 0 and r[2] == 0 then
        -- WNOHANG and no child changed state: nothing was stored.
        c:ptr(addr)
        return
    end
    local b = c:fetch(addr, 4)
    if not b then return end
    c:out("[" .. wait_status_string(c:uint(b)[2]) .. "]")
end

local function int_ptr(c, addr)
    local b = c:fetch(addr, 4)
    if not b then return end
    c:out(fmt("[%d]", int32(c:uint(b)[2])))
end
structs.int = int_ptr
structs.tid = int_ptr

structs.fd_pair = function(c, addr)
    local b = c:fetch(addr, 8)
    if not b then return end
    c:out("[")
    c:fd(c:field(b, 0, 4))
    c:out(", ")
    c:fd(c:field(b, 4, 4))
    c:out("]")
end

structs.utsname = function(c, addr)
    local l = c:layout("new_utsname")
    if not l then
        c:ptr(addr)
        return
    end
    local b, base = c:fetch(addr, l.size)
    if not b then return end
    local function f(name)
        local m = l.m[name]
        return cstring(b:sub(m[1] + 1, m[1] + m[2]))
    end
    for _, g in ipairs(member_groups.utsname) do
        local m = l.m[g.member]
        c:member(g.key, base, m[1], m[2], "str", f(g.member):sub(2, -2))
    end
    c:fields({ "sysname", f("sysname"), "nodename", f("nodename"), "", "..." })
end

structs.sysinfo = function(c, addr)
    local l = c:layout("sysinfo")
    if not l then
        c:ptr(addr)
        return
    end
    local b, base = c:fetch(addr, l.size)
    if not b then return end
    local function u(name) return udec(c:mu(b, l, name)) end
    c:note_group("sysinfo", l, base)
    c:fields({ "uptime", sdec(c:ms(b, l, "uptime")),
        "loads", "[" .. u("loads[0]") .. ", " .. u("loads[1]") .. ", " .. u("loads[2]") .. "]",
        "totalram", u("totalram"), "freeram", u("freeram"), "sharedram", u("sharedram"), "bufferram", u("bufferram"),
        "totalswap", u("totalswap"), "freeswap", u("freeswap"), "procs", u("procs"),
        "totalhigh", u("totalhigh"), "freehigh", u("freehigh"), "mem_unit", u("mem_unit") })
end

structs.dirents64 = function(c, addr)
    local l = c:layout("dirent64")
    local n = c.rec.ret
    if not l or isneg(n) or n[1] ~= 0 or n[2] > 1048576 then
        c:ptr(addr)
        return
    end
    local b = c:read(addr, n[2])
    if not b then
        c:ptr(addr)
        return
    end
    local hdr = l.m.d_name[1]
    local rl = l.m.d_reclen
    local count, off = 0, 0
    while off + hdr <= #b do
        -- d_reclen read in place: a copy of the rest of the buffer per
        -- entry made a 32 KiB buffer quadratic.
        local reclen = c:field(b, off + rl[1], rl[2])[2]
        if reclen < hdr or off + reclen > #b then break end
        count = count + 1
        off = off + reclen
    end
    c:out(gohex(addr) .. fmt(" /* %d entries */", count))
end

-- CLONE_ARGS_SIZE_VER0: the first struct clone_args.
local CLONE_ARGS_SIZE_VER0 = 64

structs.clone_args = function(c, addr)
    local l = c:layout("clone_args")
    local size = c:word(c.rec.args[2])
    if not l or (size[1] == 0 and size[2] < CLONE_ARGS_SIZE_VER0) then
        c:ptr(addr)
        return
    end
    local n = l.size
    if size[1] == 0 and size[2] < n then n = size[2] end
    local b = c:fetch(addr, n)
    if not b then return end
    local function f(name) return c:mu(b, l, name) end
    local flags = f("flags")
    local fl = flags[2]
    local kv = { "flags", format_flags("clone_flags", flags, c.rec.arch) }
    if band(fl, 0x1000) ~= 0 then kv[#kv + 1], kv[#kv + 2] = "pidfd", ptr_string(f("pidfd")) end
    if band(fl, 0x1200000) ~= 0 then kv[#kv + 1], kv[#kv + 2] = "child_tid", ptr_string(f("child_tid")) end
    if band(fl, 0x100000) ~= 0 then kv[#kv + 1], kv[#kv + 2] = "parent_tid", ptr_string(f("parent_tid")) end
    local sig = f("exit_signal")
    if sig[1] == 0 and sig[2] < 0x7fffffff then
        kv[#kv + 1], kv[#kv + 2] = "exit_signal", signal_string(sig[2])
    else
        kv[#kv + 1], kv[#kv + 2] = "exit_signal", udec(sig)
    end
    kv[#kv + 1], kv[#kv + 2] = "stack", ptr_string(f("stack"))
    kv[#kv + 1], kv[#kv + 2] = "stack_size", chex(f("stack_size"))
    if band(fl, 0x80000) ~= 0 then kv[#kv + 1], kv[#kv + 2] = "tls", ptr_string(f("tls")) end
    local cg = l.m.cgroup
    if n >= cg[1] + cg[2] and (not uzero(f("cgroup")) or band(flags[1], 0x2) ~= 0) then
        kv[#kv + 1], kv[#kv + 2] = "cgroup", udec(f("cgroup"))
    end
    c:fields(kv)
end

function Ctx:num_at(addr)
    local b = self:read(addr, 4)
    if not b then
        if uzero(addr) then return "NULL" end
        return gohex(addr)
    end
    return fmt("[%d]", int32(self:uint(b)[2]))
end

structs.clone_result = function(c, addr)
    local l = c:layout("clone_args")
    if not l then
        c:ptr(addr)
        return
    end
    local pt = l.m.parent_tid
    local b = c:fetch(addr, pt[1] + pt[2])
    if not b then return end
    local fl = c:mu(b, l, "flags")[2]
    local kv = {}
    if band(fl, 0x1000) ~= 0 then kv[#kv + 1], kv[#kv + 2] = "pidfd", c:num_at(c:mu(b, l, "pidfd")) end
    if band(fl, 0x100000) ~= 0 then kv[#kv + 1], kv[#kv + 2] = "parent_tid", c:num_at(c:mu(b, l, "parent_tid")) end
    c:fields(kv)
end

-- time_struct renders a timespec or timeval of layout name, sub being its
-- second member, noting group's fields.
local function time_struct(c, addr, name, group, sub)
    local l = c:layout(name)
    if not l then
        c:ptr(addr)
        return
    end
    local b, base = c:fetch(addr, l.size)
    if not b then return end
    c:note_group(group, l, base)
    c:fields({ "tv_sec", sdec(c:ms(b, l, "tv_sec")), sub, sdec(c:ms(b, l, sub)) })
end

structs.timespec = function(c, addr) time_struct(c, addr, "timespec", "timespec", "tv_nsec") end

structs.winsize = function(c, addr)
    local l = c:layout("winsize")
    if not l then
        c:ptr(addr)
        return
    end
    local b = c:fetch(addr, l.size)
    if not b then return end
    local function u(name) return udec(c:mu(b, l, name)) end
    c:fields({ "ws_row", u("ws_row"), "ws_col", u("ws_col"), "ws_xpixel", u("ws_xpixel"), "ws_ypixel", u("ws_ypixel") })
end

-- struct statfs, or statfs64 of the size argument 1 gives, shown only
-- at the structure's own size or the 88 bytes of its padded form.
structs.statfs = function(c, addr, k)
    local l = c:layout(k.type)
    if l and k.type == "statfs64" then
        local size = c:word(c.rec.args[2])
        if size[1] ~= 0 or (size[2] ~= l.size and size[2] ~= 88) then l = nil end
    end
    if not l then
        c:ptr(addr)
        return
    end
    local b, base = c:fetch(addr, l.size)
    if not b then return end
    c:note_group("statfs", l, base)
    local function u(name) return udec(c:mu(b, l, name)) end
    local kv = { "f_type", format_enum("fsmagic", c:mu(b, l, "f_type"), c.rec.arch), "f_bsize", u("f_bsize"),
        "f_blocks", u("f_blocks"), "f_bfree", u("f_bfree"), "f_bavail", u("f_bavail"), "f_files", u("f_files"),
        "f_ffree", u("f_ffree"),
        "f_fsid", "{val=[" .. chex(c:mu(b, l, "f_fsid.val[0]")) .. ", " .. chex(c:mu(b, l, "f_fsid.val[1]")) .. "]}",
        "f_namelen", u("f_namelen"), "f_frsize", u("f_frsize") }
    local flags = c:mu(b, l, "f_flags")
    if band(flags[2], 0x20) ~= 0 then
        kv[#kv + 1], kv[#kv + 2] = "f_flags", format_flags("statfs_flags", flags, c.rec.arch)
    end
    c:fields(kv)
end
structs.statfs64 = structs.statfs

-- Time structures (decoder/render_time.go).
local function time_pair(c, b, l, prefix, sub)
    return "{tv_sec=" .. sdec(c:ms(b, l, prefix .. "tv_sec")) .. ", " .. sub .. "=" .. sdec(c:ms(b, l, prefix .. sub)) .. "}"
end

-- time_comment is decoder's timeComment, strace's sprinttime_nsec: the
-- date in local time as the C library's strftime writes it (os.date), nil
-- where strace prints none: for zero, and for a time whose year localtime
-- cannot hold (tm_year, the year less 1900, past an int). os.date takes
-- the seconds as a number, exact below 2^53; a time further off moves by
-- whole 400-year Gregorian cycles, which repeat the calendar and the
-- rules of local time (beyond the zone's last and before its first
-- change, where the moved time lands too), and the year moves back.
local CYCLE = 12622780800 -- seconds in 400 Gregorian years
local function time_comment(sec, nsec)
    if uzero(sec) and nsec == 0 then return nil end
    local neg = isneg(sec)
    local mag = neg and uneg(sec) or sec
    local t, years = nil, 0
    if mag[1] < 0x200000 then
        t = unum(mag)
    elseif mag[1] >= 0x2000000 then
        return nil -- 2^57 seconds and more: years past 4 billion
    else
        -- mag = q * CYCLE + r, by long division in 16-bit digits: every
        -- step stays below 2^50, exact.
        local q, r = 0, 0
        for _, d in ipairs({ floor(mag[1] / 65536), mag[1] % 65536, floor(mag[2] / 65536), mag[2] % 65536 }) do
            local x = r * 65536 + d
            local qd = floor(x / CYCLE)
            r = x - qd * CYCLE
            q = q * 65536 + qd
        end
        t, years = r + CYCLE, 400 * (q - 1)
    end
    if neg then t, years = -t, -years end
    local ok, y = pcall(os.date, "%Y", t)
    local ok2, rest = pcall(os.date, "-%m-%dT%H:%M:%S", t)
    local ok3, z = pcall(os.date, "%z", t)
    if not (ok and ok2 and ok3) or type(y) ~= "string" or type(rest) ~= "string" or type(z) ~= "string" then return nil end
    local year = tonumber(y) + years
    if year - 1900 > 2147483647 or year - 1900 < -2147483648 then return nil end
    local s = fmt("%d", year) .. rest
    if nsec ~= 0 then s = s .. fmt(".%09d", nsec) end
    return s .. z
end

structs.timeval = function(c, addr)
    local l = c:layout("timeval")
    if not l then
        c:ptr(addr)
        return
    end
    local b, base = c:fetch(addr, l.size)
    if not b then return end
    c:note_group("timeval", l, base)
    c:out(time_pair(c, b, l, "", "tv_usec"))
end

local function itimer(c, addr, name, sub)
    local l = c:layout(name)
    if not l then
        c:ptr(addr)
        return
    end
    local b, base = c:fetch(addr, l.size)
    if not b then return end
    c:note_group(name, l, base)
    c:fields({ "it_interval", time_pair(c, b, l, "it_interval.", sub), "it_value", time_pair(c, b, l, "it_value.", sub) })
end
structs.itimerval = function(c, addr) itimer(c, addr, "itimerval", "tv_usec") end
structs.itimerspec = function(c, addr) itimer(c, addr, "itimerspec", "tv_nsec") end

structs.utimens = function(c, addr)
    local l = c:layout("timespec")
    if not l then
        c:ptr(addr)
        return
    end
    local b, base = c:fetch(addr, 2 * l.size)
    if not b then return end
    local parts = {}
    for i = 0, 1 do
        c:note_group("timespec", l, base, i * l.size)
        local t = b:sub(i * l.size + 1)
        local sec = c:ms(t, l, "tv_sec")
        local nsec = c:ms(t, l, "tv_nsec")
        if nsec[1] == 0 and nsec[2] == 0x3fffffff then
            parts[#parts + 1] = "UTIME_NOW"
        elseif nsec[1] == 0 and nsec[2] == 0x3ffffffe then
            parts[#parts + 1] = "UTIME_OMIT"
        else
            local p = "{tv_sec=" .. sdec(sec) .. ", tv_nsec=" .. sdec(nsec) .. "}"
            local tc = nsec[1] == 0 and nsec[2] < 1000000000 and time_comment(sec, nsec[2])
            if tc then p = p .. " /* " .. tc .. " */" end
            parts[#parts + 1] = p
        end
    end
    c:out("[" .. concat(parts, ", ") .. "]")
end

structs.sigevent = function(c, addr)
    local l = c:layout("sigevent")
    if not l then
        c:ptr(addr)
        return
    end
    -- strace reads no further than the thread members.
    local at = l.m["_sigev_un._sigev_thread._attribute"]
    local b = c:fetch(addr, at[1] + at[2])
    if not b then return end
    local notify = c:mu(b, l, "sigev_notify")
    local val = c:mu(b, l, "sigev_value.sival_ptr")
    local kv = {}
    -- strace 6.1 leaves a zero value out, and names the signal only
    -- where the notification sends one.
    if not uzero(val) then
        kv[1], kv[2] = "sigev_value", "{sival_int=" .. sdec(c:ms(b, l, "sigev_value.sival_int")) ..
            ", sival_ptr=" .. ptr_string(val) .. "}"
    end
    local n = notify[2]
    local signo = int32(c:mu(b, l, "sigev_signo")[2])
    kv[#kv + 1] = "sigev_signo"
    if notify[1] == 0 and (n == 0 or n == 2 or n == 4) then
        kv[#kv + 1] = signal_string(signo)
    else
        kv[#kv + 1] = fmt("%d", signo)
    end
    kv[#kv + 1], kv[#kv + 2] = "sigev_notify", format_enum("sigev_notify", notify, c.rec.arch)
    if notify[2] == 2 then
        kv[#kv + 1], kv[#kv + 2] = "sigev_notify_function", ptr_string(c:mu(b, l, "_sigev_un._sigev_thread._function"))
        kv[#kv + 1], kv[#kv + 2] = "sigev_notify_attributes", ptr_string(c:mu(b, l, "_sigev_un._sigev_thread._attribute"))
    elseif notify[2] == 4 then
        kv[#kv + 1], kv[#kv + 2] = "sigev_notify_thread_id", sdec(c:ms(b, l, "_sigev_un._tid"))
    end
    c:fields(kv)
end

-- A sleep's remaining time: the timespec only after a restart code.
-- (Helpers of this file's families sit in do blocks: the main chunk may
-- hold at most 200 locals.)
do
local function sleep_rem(c, addr, layout)
    local r = c:slong(c.rec.ret)
    local en = in_errno_range(r) and errno_of(TWO32 - r[2])
    if not (en and en[3]) then
        c:ptr(addr)
        return
    end
    time_struct(c, addr, layout, "timespec", "tv_nsec")
end
structs.sleep_rem = function(c, addr) sleep_rem(c, addr, "timespec") end
structs.sleep_rem64 = function(c, addr) sleep_rem(c, addr, "__kernel_timespec") end
end

-- A message queue's attributes (decoder/render_mqueue.go).
structs.mq_attr = function(c, addr)
    local l = c:layout("mq_attr")
    if not l then
        c:ptr(addr)
        return
    end
    local b = c:fetch(addr, l.size)
    if not b then return end
    local flags = c:mu(b, l, "mq_flags")
    local f = "0"
    if not uzero(flags) then f = format_flags("mq_flags", flags, c.rec.arch) end
    c:fields({ "mq_flags", f, "mq_maxmsg", sdec(c:ms(b, l, "mq_maxmsg")),
        "mq_msgsize", sdec(c:ms(b, l, "mq_msgsize")), "mq_curmsgs", sdec(c:ms(b, l, "mq_curmsgs")) })
end

-- NUMA node masks and move_pages' arrays (decoder/render_numa.go).
do
-- numa_array renders n ({hi, lo}) elements of size bytes as print_array does.
local function numa_array(c, addr, n, size, elem)
    if uzero(addr) then
        c:out("NULL")
        return
    end
    if uzero(n) then
        c:out("[]")
        return
    end
    if n[1] ~= 0 or n[2] > 1048576 then
        c:ptr(addr)
        return
    end
    local show = math.min(n[2], c.limit)
    local b = c:fetch(addr, size * show)
    if not b then return end
    local parts = {}
    for i = 0, show - 1 do parts[#parts + 1] = elem(c:field(b, size * i, size)) end
    if show < n[2] then parts[#parts + 1] = "..." end
    c:out("[" .. concat(parts, ", ") .. "]")
end

structs.nodemask = function(c, addr, k)
    local maxnode = c:word(c.rec.args[k.len_arg + 1])
    local ws = c.ws
    local bits = 8 * ws
    if maxnode[1] ~= 0 then
        c:ptr(addr)
        return
    end
    local n = math.floor((maxnode[2] + bits - 2) / bits)
    if maxnode[2] ~= 0 and n == 0 then
        c:ptr(addr)
        return
    end
    numa_array(c, addr, U(n), ws, function(v)
        if uzero(v) then return string.rep("0", 2 * ws) end
        local h = chex(v):sub(3)
        return "0x" .. string.rep("0", 2 * ws - 2 - #h) .. h
    end)
end
structs.page_ptrs = function(c, addr, k)
    numa_array(c, addr, c:word(c.rec.args[k.len_arg + 1]), c.ws, ptr_string)
end
structs.page_nodes = function(c, addr, k)
    numa_array(c, addr, c:word(c.rec.args[k.len_arg + 1]), 4, function(v) return fmt("%d", int32(v[2])) end)
end
structs.page_status = function(c, addr, k)
    numa_array(c, addr, c:word(c.rec.args[k.len_arg + 1]), 4, function(v)
        local n = int32(v[2])
        local en = n < 0 and errno_of(-n)
        if en then return "-" .. en[1] end
        return fmt("%d", n)
    end)
end
structs.mpol_mode_ptr = function(c, addr)
    if uzero(addr) then
        c:out("NULL")
        return
    end
    local b = c:fetch(addr, 4)
    if not b then return end
    c:out("[" .. format_enum("mpol_modes", c:uint(b), c.rec.arch) .. "]")
end
end

-- fcntl's locks and owner (decoder/render_fcntl.go).
do
local function flock(c, addr, name, with_pid)
    local l = c:layout(name)
    if not l then
        c:ptr(addr)
        return
    end
    local b = c:fetch_struct(addr, l)
    if not b then return end
    local arch = c.rec.arch
    local kv = { "l_type", format_enum("lock_types", c:mu(b, l, "l_type"), arch),
        "l_whence", format_enum("whence", c:mu(b, l, "l_whence"), arch),
        "l_start", sdec(c:ms(b, l, "l_start")), "l_len", sdec(c:ms(b, l, "l_len")) }
    if with_pid then kv[#kv + 1], kv[#kv + 2] = "l_pid", sdec(c:ms(b, l, "l_pid")) end
    c:fields(kv)
end
structs.flock = function(c, addr) flock(c, addr, "flock", false) end
structs.flock_pid = function(c, addr) flock(c, addr, "flock", true) end
structs.flock64 = function(c, addr) flock(c, addr, "flock64", false) end
structs.flock64_pid = function(c, addr) flock(c, addr, "flock64", true) end
end
structs.f_owner_ex = function(c, addr)
    local l = c:layout("f_owner_ex")
    if not l then
        c:ptr(addr)
        return
    end
    local b = c:fetch(addr, l.size)
    if not b then return end
    c:fields({ "type", format_enum("f_owner_types", c:mu(b, l, "type"), c.rec.arch), "pid", sdec(c:ms(b, l, "pid")) })
end

SR.structs, SR.time_pair, SR.time_struct = structs, time_pair, time_struct
