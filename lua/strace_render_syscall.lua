-- strace_render_syscall.lua: futex and ioctl arguments, conditions, the syscall line and the other records' lines.
-- A part of strace_render.lua, which runs it with the names the earlier parts
-- left in SR; run alone, as Wireshark runs every .lua file in its plugins
-- folder, it does nothing.

local SR = ...
if type(SR) ~= "table" or SR.D == nil then return {} end
local D, F_ATTACH, F_EXEC, F_FORK, F_GROUPSTOP = SR.D, SR.F_ATTACH, SR.F_EXEC, SR.F_FORK, SR.F_GROUPSTOP
local F_NORETURN, F_SUPERSEDED, KIND, R, SEC = SR.F_NORETURN, SR.F_SUPERSEDED, SR.KIND, SR.R, SR.SEC
local TWO32, U, ZERO, band, byte, chex, concat = SR.TWO32, SR.U, SR.ZERO, SR.band, SR.byte, SR.chex, SR.concat
local errno_of, floor, fmt, format_flags, gohex = SR.errno_of, SR.floor, SR.fmt, SR.format_flags, SR.gohex
local gomode, has, in_errno_range, inet6_string = SR.gomode, SR.has, SR.in_errno_range, SR.inet6_string
local int32, le32, mem_read, n32, new_ctx = SR.int32, SR.le32, SR.mem_read, SR.n32, SR.new_ctx
local quote, sdec, section, signal_string = SR.quote, SR.sdec, SR.section, SR.signal_string
local structs, uadd, uand, udec, ueq, uzero = SR.structs, SR.uadd, SR.uand, SR.udec, SR.ueq, SR.uzero
local xlat_lookup, xlat_value = SR.xlat_lookup, SR.xlat_value

-- FUTEX_WAKE_OP's val3, each part shifted into place as strace prints it.
R.FutexOp = function(c, k, v)
    local lo = v[2]
    local function part(set, n, shift)
        local x = D.xlats[set]
        local name = xlat_lookup(x, { 0, n }, c.rec.arch)
        if name then return name .. shift end
        return string.format("%#x", n) .. shift .. " /* " .. x.unknown .. " */"
    end
    local op, cmp = math.floor(lo / 2 ^ 28) % 16, math.floor(lo / 2 ^ 24) % 16
    local oparg, cmparg = math.floor(lo / 2 ^ 12) % 4096, lo % 4096
    if op >= 8 then
        c:out("FUTEX_OP_OPARG_SHIFT<<28|")
        op = op - 8
    end
    c:out(part("futex_wake_ops", op, "<<28") .. "|" .. string.format("%#x", oparg) .. "<<12|" ..
        part("futex_wake_cmps", cmp, "<<24") .. "|" .. string.format("%#x", cmparg))
end

R.Off64 = function(c, k, v)
    if c.ws == 4 then
        c:out(sdec({ c.rec.args[k.hi + 1][2], v[2] }))
    else
        c:out(sdec(v))
    end
end

R.PageOffset = function(c, k, v)
    local p = c:word(v)
    -- p * 4096: shift left by 12 on the two halves.
    c:out(chex({ n32(p[1] * 4096 + floor(p[2] / 1048576)), (p[2] % 1048576) * 4096 }))
end

R.DecEnum = function(c, k, v)
    local n = xlat_lookup(D.xlats[k.set], U(v[2]), c.rec.arch)
    c:out(n or fmt("%d", v[2]))
end

R.IPCKey = function(c, k, v)
    if v[2] == 0 then c:out("IPC_PRIVATE") else c:out(fmt("0x%x", v[2])) end
end

R.IPCFlags = function(c, k, v)
    local perm = v[2] % 512
    local rest = v[2] - perm
    local s = gomode(perm)
    if rest ~= 0 then s = format_flags("ipc_flags", U(rest), c.rec.arch) .. "|" .. s end
    c:out(s)
end

-- IoctlReq: every name of the request number, or its _IOC() decoding.
R.IoctlReq = function(c, k, v)
    local names = {}
    local pn = c:ioctl_number_name(v[2])
    if pn then names[1] = pn end
    for _, set in ipairs({ "ioctl_aliases", "ioctl_requests" }) do
        local n = xlat_lookup(D.xlats[set], U(v[2]), c.rec.arch)
        if n then names[#names + 1] = n end
    end
    if #names > 0 then
        c:out(concat(names, " or "))
        return
    end
    local w = v[2]
    local dirs = { [0] = "_IOC_NONE", "_IOC_WRITE", "_IOC_READ", "_IOC_READ|_IOC_WRITE" }
    c:out(fmt("_IOC(%s, %s, %s, %s)", dirs[floor(w / 0x40000000)], chex(U(floor(w / 256) % 256)),
        chex(U(w % 256)), chex(U(floor(w / 65536) % 0x4000))))
end

-- subcall resolves i386's multiplexed calls to the call they stand for,
-- as decoder.subcall does: it returns the call's name, its argument count
-- and a copy of rec holding its arguments, or nil.
local function subcall(rec, a, name)
    if not a then return nil end
    local ws = a.word
    local function from_memory(addr, n)
        local b = mem_read(rec, false, { 0, addr[2] }, n * ws)
        if not b then return nil end
        local c = new_ctx(rec, false, 0)
        local args = {}
        for i = 1, 6 do args[i] = (i <= n) and c:field(b, (i - 1) * ws, ws) or ZERO end
        return args
    end
    local sub, nargs, args
    if name == "socketcall" and a.socketcall then
        local s = a.socketcall[rec.args[1][2]]
        if not s then return nil end
        args = from_memory(rec.args[2], s[2])
        sub, nargs = s[1], s[2]
    elseif name == "ipc" and a.ipc then
        local s = a.ipc[rec.args[1][2] % 65536]
        if not s then return nil end
        args = { rec.args[2], rec.args[3], rec.args[4], rec.args[5], rec.args[6], ZERO }
        sub, nargs = s[1], s[2]
    elseif (name == "select" or name == "mmap") and a.name == "i386" then
        nargs = name == "select" and 5 or 6
        args = from_memory(rec.args[1], nargs)
        sub = name
    end
    if not args then return nil end
    local r = {}
    for key, val in pairs(rec) do r[key] = val end
    r.args = args
    return sub, nargs, r
end

-- Conditions of decoder/desc.go, decided on entry memory.
local function cond_holds(cd, c)
    if cd.c == "Not" then return not cond_holds(cd.cond, c) end
    if cd.c == "All" then
        for _, sub in ipairs(cd.conds) do
            if not cond_holds(sub, c) then return false end
        end
        return true
    end
    local v
    if cd.c == "HasFlag" then
        v = c.rec.args[cd.arg + 1]
    elseif cd.c == "MemHasFlag" then
        local b = mem_read(c.rec, false, uadd(c:word(c.rec.args[cd.arg + 1]), cd.off), cd.size)
        if not b then return false end
        v = c:uint(b)
    else
        return false
    end
    for _, name in ipairs(cd.names) do
        local f = xlat_value(cd.set, name, c.rec.arch)
        if f and not uzero(f) and ueq(uand(v, f), f) then return true end
    end
    return false
end

local HEX = { k = "Hex" }

-- plans caches, per arch and call number, the plan of a call whose
-- description has no condition and no switch (as the Go decoder's table
-- does): it is the same for every record of the call. Plans are never
-- changed once made.
local plans = {}

local function plain_desc(d)
    if d.sw then return false end
    for _, x in ipairs(d.args) do
        if x.cond then return false end
    end
    return true
end

local SUBCALLS = { socketcall = true, ipc = true, select = true, mmap = true }

-- plan resolves which arguments print at entry and at exit.
local plan_uncached

local function plan(rec, c)
    if rec.nr[1] ~= 0 then return plan_uncached(rec, c) end
    local per = plans[rec.arch]
    local cl = per and per[rec.nr[2]]
    if cl then return cl end
    cl = plan_uncached(rec, c)
    if cl.cacheable then
        if not per then
            per = {}
            plans[rec.arch] = per
        end
        per[rec.nr[2]] = cl
    end
    return cl
end

function plan_uncached(rec, c)
    local cl = { entry = {}, exit = {} }
    local a = D.arches[rec.arch]
    local info = a and rec.nr[1] == 0 and a.sys[rec.nr[2]]
    local nargs = 6
    if info and info[1] ~= "" then
        cl.name, nargs, cl.class = info[1], info[2], info[3]
    else
        cl.name = "syscall_" .. gohex(rec.nr)
        nargs = 6
        info = nil
    end
    if info then
        local sub, n, r = subcall(rec, a, cl.name)
        if sub then
            cl.name, nargs, cl.rec = sub, n, r
            rec, c.rec = r, r
        end
    end
    local d = info and ((a.descs and a.descs[cl.name]) or D.descs[cl.name])
    if not d then
        for i = 0, math.min(nargs, 6) - 1 do
            cl.entry[#cl.entry + 1] = { name = "arg" .. i, i = i, k = HEX }
        end
        return cl
    end
    cl.cacheable = not cl.rec and not SUBCALLS[info[1]] and plain_desc(d)
    cl.known = true
    cl.ret = d.ret
    local all = {}
    for _, x in ipairs(d.args) do all[#all + 1] = x end
    local sw = d.sw
    if sw then
        local t = sw.default
        local v = U(rec.args[sw.arg + 1][2])
        if not uzero(sw.mask) then v = uand(v, sw.mask) end
        local x = D.xlats[sw.set]
        local n = x and xlat_lookup(x, v, rec.arch)
        if n and sw.cases[n] then t = sw.cases[n] end
        for _, x2 in ipairs(t.args) do all[#all + 1] = x2 end
        if t.ret then cl.ret = t.ret end
    end
    for _, x in ipairs(all) do
        if not x.cond or cond_holds(x.cond, c) then
            if x.exit then cl.exit[#cl.exit + 1] = x else cl.entry[#cl.entry + 1] = x end
        end
    end
    return cl
end

-- Each phase's text; every rendered argument is noted for the tree,
-- unless notes is nil (the Info alone).
local function entry_text(c, cl, notes)
    c:out(cl.name .. "(")
    if c:call_text(false) then return end
    for i, a in ipairs(cl.entry) do
        if i > 1 then c:out(", ") end
        if notes then
            local mark = #c.sb
            c.members = {}
            local data, doff = c:render_arg(a)
            notes[#notes + 1] = { arg = a, text = concat(c.sb, "", mark + 1), data = data, off = doff, members = c.members }
            c.members = nil
        else
            c:render_arg(a)
        end
    end
    local e1 = cl.exit[1]
    if e1 and #cl.entry > 0 and not e1.update and not e1.late then c:out(", ") end
end

local function exit_text(c, cl, notes)
    if c:call_text(true) then
        c:out(")")
        return
    end
    if has(c.rec.flags, F_NORETURN) and #cl.exit > 0 then
        -- The call never came back to fill its exit arguments in.
        c:out(" <unfinished ...>)")
        return
    end
    for i, a in ipairs(cl.exit) do
        local skip = false
        if a.update then
            if c:failed() or uzero(c:word(c.rec.args[a.i + 1])) or (a.update_ret and uzero(c.rec.ret)) then
                skip = true
            else
                c:out(" => ")
            end
        elseif i > 1 or a.late then
            c:out(", ")
        end
        if skip then
            -- nothing
        elseif notes then
            local mark = #c.sb
            c.members = {}
            local data, doff = c:render_arg(a)
            notes[#notes + 1] = { arg = a, text = concat(c.sb, "", mark + 1), data = data, off = doff, members = c.members }
            c.members = nil
        else
            c:render_arg(a)
        end
    end
    c:out(")")
end

local function ret_text(c, cl)
    local rec = c.rec
    if has(rec.flags, F_NORETURN) then
        c:out("= ?")
        return
    end
    local mark = #c.sb
    c:out("= ")
    if c:arg_text(6) then return end
    c.sb[mark + 1] = nil
    local r = c:slong(rec.ret)
    if in_errno_range(r) and not c:never_fails() then
        local e = TWO32 - r[2]
        local en = errno_of(e)
        local name = en and en[1] or fmt("%d", e)
        local msg = en and en[2] or fmt("Unknown error %d", e)
        if en and en[3] then
            c:out(fmt("= ? %s (%s)", name, msg))
        else
            c:out(fmt("= -1 %s (%s)", name, msg))
        end
        return
    end
    c:out("= ")
    if not cl.ret then
        c:out(sdec(r))
        return
    end
    local f = R[cl.ret.k]
    if f then f(c, cl.ret, rec.ret) else c:out(sdec(r)) end
end

local RESULT_COLUMN = 40

local function pad(s)
    if #s < RESULT_COLUMN then return s .. string.rep(" ", RESULT_COLUMN - #s) end
    return s .. " "
end

-- syscall_line renders a syscall or syscall-entry record as the Info
-- column shows it: strace's line without the padding to its result
-- column, which would only waste the column. It also returns the plan,
-- the notes on each argument (none with bare: the Info alone), the exit
-- context, the call's text and its result's text as strace prints it
-- after "= " (nil for an entry record); pad(call) .. "= " .. result is
-- strace's own line.
local function syscall_line(rec, limit, bare)
    local c = new_ctx(rec, false, limit)
    local cl = plan(rec, c)
    local notes = not bare and {} or nil
    entry_text(c, cl, notes)
    local entry = c:text()
    if rec.kind == KIND.entry then
        local call = entry .. " <unfinished ...>"
        return call, cl, notes, nil, call, nil
    end
    local x = new_ctx(cl.rec or rec, true, limit)
    exit_text(x, cl, notes)
    local call = entry .. x:text()
    x:reset()
    ret_text(x, cl)
    local ret = x:text()
    return call .. " " .. ret, cl, notes, x, call, ret:sub(3)
end

-- udivmod is a divided by d (below 2^21): the quotient as {hi, lo} and
-- the remainder, exact.
local function udivmod(a, d)
    local qh = floor(a[1] / d)
    local x = (a[1] - qh * d) * TWO32 + a[2]
    local ql = floor(x / d)
    return { qh, ql }, x - ql * d
end

-- clock_ticks is decoder's clockTicks: unsigned, as strace's print_clock_t.
local function clock_ticks(t)
    if uzero(t) then return "0" end
    local q, r = udivmod(t, 100)
    return udec(t) .. " /* " .. udec(q) .. "." .. fmt("%02d", r) .. " s */"
end

local function sig_code(signo, code)
    local n = D.si_codes.generic[code] or (D.si_codes[signo] and D.si_codes[signo][code])
    if n then return n end
    return gohex(U(n32(code)))
end

local FAULT_SIGNALS = { [11] = true, [7] = true, [4] = true, [8] = true }

-- siginfo renders a raw siginfo_t as strace's printsiginfo; it returns the
-- decoded basics for the tree.
local function siginfo_text(c, b)
    -- An unknown arch reads as a 64-bit one, as Ctx.ws has it.
    local l = c:layout("siginfo_t") or D.layouts.siginfo_t[0xc000003e]
    -- Members past the end of b read as 0.
    local function i32(name) return int32(c:mu(b, l, name)[2]) end
    local function word(name) return c:mu(b, l, name) end
    local code_m = l.m.si_code
    if #b < code_m[1] + code_m[2] then return "{}", {} end
    local signo, errno, code = i32("si_signo"), i32("si_errno"), i32("si_code")
    local info = { signo = signo, errno = errno, code = code }
    c:out("{si_signo=" .. signal_string(signo))
    c:out(", si_code=" .. sig_code(signo, code))
    if errno ~= 0 then
        local en = errno_of(errno)
        if en then c:out(", si_errno=" .. en[1]) else c:out(fmt(", si_errno=%d", errno)) end
    end
    local function pid_uid()
        info.pid, info.uid = n32(i32("_sifields._kill._pid")), n32(i32("_sifields._kill._uid"))
        c:out(fmt(", si_pid=%d, si_uid=%d", info.pid, info.uid))
    end
    if code == 0 or code == -6 then
        pid_uid()
    elseif code == -1 or code == -3 then
        pid_uid()
        c:out(fmt(", si_int=%d, si_ptr=", i32("_sifields._rt._sigval.sival_int")))
        c:ptr(word("_sifields._rt._sigval.sival_ptr"))
    elseif code == -2 then
        c:out(fmt(", si_timerid=%s, si_overrun=%d, si_int=%d, si_ptr=", chex(U(n32(i32("_sifields._timer._tid")))),
            i32("_sifields._timer._overrun"), i32("_sifields._timer._sigval.sival_int")))
        c:ptr(word("_sifields._timer._sigval.sival_ptr"))
    elseif code < 0 or code == 0x80 then
        if FAULT_SIGNALS[signo] then
            info.addr = c:word(word("_sifields._sigfault._addr"))
            c:out(", si_addr=")
            c:ptr(word("_sifields._sigfault._addr"))
        end
    elseif signo == 17 then
        pid_uid()
        local status = i32("_sifields._sigchld._status")
        info.status = status
        if code == 1 then
            c:out(fmt(", si_status=%d", status))
        else
            c:out(", si_status=" .. signal_string(status))
        end
        c:out(", si_utime=" .. clock_ticks(c:ms(b, l, "_sifields._sigchld._utime")))
        c:out(", si_stime=" .. clock_ticks(c:ms(b, l, "_sifields._sigchld._stime")))
    elseif FAULT_SIGNALS[signo] or signo == 5 then
        info.addr = c:word(word("_sifields._sigfault._addr"))
        c:out(", si_addr=")
        c:ptr(word("_sifields._sigfault._addr"))
    elseif signo == 29 then
        c:out(", si_band=" .. sdec(c:ms(b, l, "_sifields._sigpoll._band")) .. fmt(", si_fd=%d", i32("_sifields._sigpoll._fd")))
    elseif signo == 31 then
        c:out(", si_call_addr=")
        c:ptr(word("_sifields._sigsys._call_addr"))
        c:out(fmt(", si_syscall=%d, si_arch=%s", i32("_sifields._sigsys._syscall"), gohex(U(n32(i32("_sifields._sigsys._arch"))))))
    end
    c:out("}")
    return c:text(), info
end

-- A siginfo_t in tracee memory (rt_sigtimedwait's info).
structs.siginfo = function(c, addr)
    local l = c:layout("siginfo_t")
    if not l then
        c:ptr(addr)
        return
    end
    local b = c:fetch(addr, l.size)
    if not b then return end
    c:out((siginfo_text(new_ctx(c.rec, c.exit, c.limit), b)))
end

local function signal_line(rec)
    local sig = rec.nr
    local name
    if sig[1] == 0 then name = signal_string(sig[2]) else name = sdec(sig) end
    if has(rec.flags, F_GROUPSTOP) then
        return fmt("--- stopped by %s ---", name), nil
    end
    local s = section(rec, SEC.siginfo)
    local body, info
    local t = has(rec.flags, SEC.F_ARGTEXT) and section(rec, SEC.argtext, U(7))
    if t then
        body = t.data
    elseif s then
        -- The section's key is the arch whose layout it is in: the
        -- tracer's own, in which PTRACE_GETSIGINFO answers.
        local layout = rec
        if not uzero(s.key) then
            layout = setmetatable({ arch = s.key[2] }, { __index = rec })
        end
        body, info = siginfo_text(new_ctx(layout, false, 32), s.data)
    else
        body = "{si_signo=" .. name .. "}"
    end
    return "--- " .. name .. " " .. body .. " ---", info
end

local function exit_line(rec)
    if has(rec.flags, F_SUPERSEDED) then
        return fmt("+++ superseded by execve in pid %d +++", rec.nr[2])
    end
    local ws = rec.ret[2]
    if ws % 128 == 0 then
        return fmt("+++ exited with %d +++", floor(ws / 256) % 256)
    elseif ws % 128 ~= 0x7f then
        local core = band(ws, 0x80) ~= 0 and " (core dumped)" or ""
        return fmt("+++ killed by %s%s +++", signal_string(ws % 128), core)
    end
    return fmt("+++ exited with %d +++", floor(ws / 256) % 256)
end


-- fd_yy is what strace -yy prints between an fd's angle brackets: its
-- path, with what the fdinfo section sec adds (a device's numbers, a
-- socket's endpoints, a pidfd's process), as the Go decoder prints it
-- (decoder/fdinfo.go). nil without a path.
local function fd_yy(path, sec, arch)
    local d = sec and sec.data
    local kind = d and #d > 0 and byte(d, 1)
    if kind == 4 and #d == 5 then return fmt("pid:%d", int32(le32(d, 1))) end
    if not path then return nil end
    if kind == 1 or kind == 2 then
        local vals, p = {}, 1
        for i = 1, 2 do
            local v, mul, start = 0, 1, p
            repeat
                local x = byte(d, p + 1)
                if not x or p - start >= 5 then return path end
                v, mul, p = v + (x % 128) * mul, mul * 128, p + 1
            until x < 128
            vals[i] = v
        end
        if p ~= #d then return path end
        return fmt("%s<%s %d:%d>", path, kind == 1 and "char" or "block", vals[1], vals[2])
    end
    if kind ~= 3 or #d < 2 then return path end
    local n = #d
    local p = 2 + byte(d, 2)
    if n < p + 5 then return path end
    local proto, inode, fam = d:sub(3, p), le32(d, p), byte(d, p + 5)
    p = p + 5
    local body
    local a = fam == 2 and 4 or fam == 10 and 16
    if a and n == p + 2 * a + 4 then
        local function endpoint(at)
            local addr, port = d:sub(at + 1, at + a), byte(d, at + a + 1) * 256 + byte(d, at + a + 2)
            if a == 16 then return fmt("[%s]:%d", inet6_string(addr), port) end
            return fmt("%d.%d.%d.%d:%d", byte(addr, 1), byte(addr, 2), byte(addr, 3), byte(addr, 4), port)
        end
        body = endpoint(p)
        local peer = d:sub(p + a + 3, p + 2 * a + 4)
        if peer:find("[^%z]") then body = body .. "->" .. endpoint(p + a + 2) end
    elseif fam == 1 and n >= p + 4 then
        local peer, name = le32(d, p), d:sub(p + 5, p + 4 + 108)
        body = fmt("%d", inode)
        if peer ~= 0 then body = body .. fmt("->%d", peer) end
        if name ~= "" then
            local at = ""
            if byte(name, 1) == 0 then at, name = "@", name:sub(2) end
            body = body .. "," .. at .. quote(name:match("^[^%z]*"))
        end
    elseif fam == 16 and n == p + 8 then
        local x = D.xlats["netlink_protocols"]
        local pname = x and xlat_lookup(x, U(le32(d, p)), arch)
        if pname then
            body = fmt("%s:%d", pname:sub(#"NETLINK_" + 1), le32(d, p + 4))
        else
            body = fmt("%d", le32(d, p))
        end
    elseif fam == 0 and n == p then
        body = fmt("%d", inode)
    else
        return path
    end
    return proto .. ":[" .. body .. "]"
end

-- failed_text is the expert info text of a failed call, as the tree's.
local function failed_text(name, c)
    local e = TWO32 - c:slong(c.rec.ret)[2]
    local en = errno_of(e)
    return fmt("%s failed: %s", name, en and en[1] or fmt("%d", e))
end

local function string_limit(fs)
    return (fs.limit > 0 and fs.limit < 32) and fs.limit or 32
end

-- The info text of records strace prints nothing for.
local function meta_line(rec, fs)
    if rec.kind == KIND.process then
        local why = has(rec.flags, F_ATTACH) and "attached" or has(rec.flags, F_EXEC) and "exec"
            or has(rec.flags, F_FORK) and "new child" or "process"
        local exe = section(rec, SEC.exe)
        return fmt("[process %d: %s%s]", rec.pid, why, exe and (" " .. exe.data) or "")
    elseif rec.kind == KIND.capture then
        local cmd = section(rec, SEC.text, U(1))
        return fmt("[capture: -s %d%s]", fs.limit, cmd and (", " .. cmd.data) or "")
    elseif rec.kind == KIND.detach then
        return fmt("[detached %d]", rec.tid)
    elseif rec.kind == KIND.comment then
        -- A line of an imported log that the importer could not read.
        local t = section(rec, SEC.text, U(7))
        return t and t.data or ""
    end
    return fmt("[record kind %d]", rec.kind)
end

-- dissect_contents adds what a process or capture record's sections say,
-- by meaning: the name, executable, working directory, command line,
-- credentials and open fds of a process; the command, host and tool of
-- a capture. dissect_sections shows the same sections raw.

SR.exit_line, SR.failed_text, SR.fd_yy, SR.meta_line, SR.pad = exit_line, failed_text, fd_yy, meta_line, pad
SR.plan, SR.sig_code, SR.signal_line, SR.string_limit = plan, sig_code, signal_line, string_limit
SR.syscall_line = syscall_line
