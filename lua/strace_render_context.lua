-- strace_render_context.lua: the renderer's context (Ctx): argument output, memory fetches and structure member fields.
-- A part of strace_render.lua, which runs it with the names the earlier parts
-- left in SR; run alone, as Wireshark runs every .lua file in its plugins
-- folder, it does nothing.

local SR = ...
if type(SR) ~= "table" or SR.D == nil then return {} end
local D, F_NORETURN, P2, SEC, TWO32, U, band = SR.D, SR.F_NORETURN, SR.P2, SR.SEC, SR.TWO32, SR.U, SR.band
local bnot, chex, concat, floor, fmt = SR.bnot, SR.chex, SR.concat, SR.floor, SR.fmt
local format_enum, gomode, has, int32, lshift = SR.format_enum, SR.gomode, SR.has, SR.int32, SR.lshift
local mem_captured, mem_read, mem_string, n32 = SR.mem_captured, SR.mem_read, SR.mem_string, SR.n32
local quote, signal_string, uadd, uand, uandnot = SR.quote, SR.signal_string, SR.uadd, SR.uand, SR.uandnot
local udec, uor, ushr, uzero = SR.udec, SR.uor, SR.ushr, SR.uzero

----------------------------------------------------------------------------
-- The renderer: a port of decoder/render*.go for the default options
-- (no -v, no -y) and the capture's string limit.

local Ctx = {}
Ctx.__index = Ctx

local function new_ctx(rec, exit, limit)
    local a = D.arches[rec.arch]
    local c = setmetatable({ rec = rec, arch = a, exit = exit, limit = limit, sb = {} }, Ctx)
    c.ws = (a and a.word == 4) and 4 or 8
    c.big = a and a.big or false
    return c
end

function Ctx:out(s) self.sb[#self.sb + 1] = s end
-- arg_text prints the text an imported record gives in place of the value
-- of key (an argument's register, 6 the result, 7 the siginfo); false
-- when it gives none.
function Ctx:arg_text(key)
    if not has(self.rec.flags, SEC.F_ARGTEXT) then return false end
    for _, sec in ipairs(self.rec.sections) do
        if sec.type == SEC.argtext and sec.key[1] == 0 and sec.key[2] == key then
            self:out(sec.data)
            return true
        end
    end
    return false
end
-- call_text prints the phase's part of an imported call's arguments given
-- as one text (key 8); false when the record gives them one by one.
function Ctx:call_text(exit)
    if not has(self.rec.flags, SEC.F_ARGTEXT) then return false end
    local found = false
    for _, sec in ipairs(self.rec.sections) do
        if sec.type == SEC.argtext and sec.key[1] == 0 and sec.key[2] == 8 then
            found = true
            if has(sec.flags, 1) == exit then self:out(sec.data) end
        end
    end
    return found
end
function Ctx:text() return concat(self.sb) end
function Ctx:reset() self.sb = {} end

function Ctx:word(v)
    if self.ws == 4 then return { 0, v[2] } end
    return v
end

-- slong is v as the tracee's signed long, sign-extended to 64 bits.
function Ctx:slong(v)
    if self.ws == 4 then
        if v[2] >= 0x80000000 then return { 0xffffffff, v[2] } end
        return { 0, v[2] }
    end
    return v
end

function Ctx:read(addr, n) return mem_read(self.rec, self.exit, addr, n) end

-- uint decodes len(b) bytes in the tracee's byte order.
function Ctx:uint(b)
    local n = #b
    local hi, lo = 0, 0
    for i = 1, n do
        local j = self.big and i or (n + 1 - i)
        -- v = v<<8 | byte, on two halves.
        hi = n32(hi * 256 + floor(lo / 16777216))
        lo = (lo % 16777216) * 256 + b:byte(j)
    end
    return { hi, lo }
end

function Ctx:field(b, off, n) return self:uint(b:sub(off + 1, off + n)) end

function Ctx:never_fails()
    local a = self.arch
    if not a or self.rec.nr[1] ~= 0 then return false end
    local e = a.sys[self.rec.nr[2]]
    return e ~= nil and e[4]
end

-- in_errno_range: r is -4095 .. -1.
local function in_errno_range(r) return r[1] == 0xffffffff and r[2] >= TWO32 - 4095 end

function Ctx:failed()
    if self:never_fails() then return false end
    local r = self:slong(self.rec.ret)
    return not has(self.rec.flags, F_NORETURN) and in_errno_range(r)
end

function Ctx:ptr(v)
    v = self:word(v)
    if uzero(v) then self:out("NULL") else self:out(chex(v)) end
end

local function ptr_string(v)
    if uzero(v) then return "NULL" end
    return chex(v)
end

function Ctx:fd(v)
    self:out(fmt("%d", int32(v[2])))
end

function Ctx:read_string(addr, max)
    addr = self:word(addr)
    if uzero(addr) then
        self:out("NULL")
        return
    end
    local s, term, err, aoff = mem_string(self.rec, self.exit, addr, max + 1)
    if err then
        self:ptr(addr)
        return
    end
    if not term and #s > max then s = s:sub(1, max) end
    self:out(quote(s, false))
    if not term then self:out("...") end
    local all, off = mem_captured(self.rec, self.exit, addr, math.huge, true)
    if all and #all > #s then return all, off end
    return s, aoff
end

function Ctx:read_buf(addr, n, hexall)
    addr = self:word(addr)
    if uzero(addr) then
        self:out("NULL")
        return
    end
    local show = self.limit
    local longer = true
    if n[1] == 0 and n[2] <= self.limit then
        show = n[2]
        longer = false
    end
    local b, _, aoff = self:read(addr, show)
    if not b then
        self:ptr(addr)
        return
    end
    self:out(quote(b, hexall))
    if longer then self:out("...") end
    local all, off = mem_captured(self.rec, self.exit, addr, n[1] == 0 and n[2] or math.huge, false)
    if all and #all > #b then return all, off end
    return b, aoff
end

-- fetch reads n bytes at addr, printing the address when it cannot; it
-- also returns where the bytes sit in the record, for the tree.
function Ctx:fetch(addr, n)
    local b, _, aoff = self:read(addr, n)
    if not b then self:ptr(addr) end
    return b, aoff
end

-- fetch_struct reads the structure of layout l at addr, whole when the
-- record holds it (with where it sits, for the tree). An imported record
-- may hold only the members its line showed, each run of them in a
-- section of its own: then they come at their offsets, zeros elsewhere,
-- no tree offset, and whole is false. It prints the address when the
-- record has neither (decoder's fetchStruct).
function Ctx:fetch_struct(addr, l)
    local b, err, aoff = self:read(addr, l.size)
    if b then return b, aoff, true end
    if err ~= "missing" then
        self:ptr(addr)
        return nil
    end
    local parts, any = {}, false
    for _, m in pairs(l.m) do
        local mb = self:read(uadd(addr, m[1]), m[2])
        if mb then
            parts[#parts + 1] = { m[1], mb }
            any = true
        end
    end
    if not any then
        self:ptr(addr)
        return nil
    end
    table.sort(parts, function(x, y) return x[1] < y[1] end)
    local out, at = {}, 0
    for _, pt in ipairs(parts) do
        local off, mb = pt[1], pt[2]
        if off >= at then
            out[#out + 1] = string.rep("\0", off - at)
            out[#out + 1] = mb
            at = off + #mb
        elseif off + #mb > at then
            out[#out + 1] = mb:sub(at - off + 1)
            at = off + #mb
        end
    end
    out[#out + 1] = string.rep("\0", l.size - at)
    return table.concat(out), nil, false
end

-- Structure members: strace.<struct>.<member>, filled from the bytes the
-- renderer read (Ctx:member). Word-sized members of 32-bit tracees are 4
-- bytes wide; 64-bit fields take any width up to 8.
local family_vs = {}
for _, e in ipairs(D.xlats.address_families.entries) do
    if e[1] == 0 then family_vs[e[2]] = e[3] end
end
-- m names the layout member a field shows where it is not the part of the
-- field's name after its group (rlimit.cur is rlim_cur).
local member_fields = {
    { "stat.st_ino", "uint64", "DEC" }, { "stat.st_mode", "uint32", "OCT" }, { "stat.st_nlink", "uint64", "DEC" },
    { "stat.st_uid", "uint32", "DEC" }, { "stat.st_gid", "uint32", "DEC" }, { "stat.st_rdev", "uint64", "HEX" },
    { "stat.st_size", "int64", "DEC" },
    { "statx.stx_mask", "uint32", "HEX" }, { "statx.stx_nlink", "uint32", "DEC" }, { "statx.stx_uid", "uint32", "DEC" },
    { "statx.stx_gid", "uint32", "DEC" }, { "statx.stx_mode", "uint32", "OCT" }, { "statx.stx_ino", "uint64", "DEC" },
    { "statx.stx_size", "uint64", "DEC" },
    { "statfs.f_type", "uint64", "HEX" }, { "statfs.f_bsize", "uint64", "DEC" }, { "statfs.f_blocks", "uint64", "DEC" },
    { "statfs.f_bfree", "uint64", "DEC" }, { "statfs.f_bavail", "uint64", "DEC" }, { "statfs.f_files", "uint64", "DEC" },
    { "statfs.f_ffree", "uint64", "DEC" },
    { "sockaddr.family", "uint32", "DEC", family_vs }, { "sockaddr.port", "uint32", "DEC" },
    { "sockaddr.addr", "ipv4" }, { "sockaddr.addr6", "ipv6" }, { "sockaddr.flowinfo", "uint32", "DEC" },
    { "sockaddr.scope_id", "uint32", "DEC" }, { "sockaddr.path", "string" },
    { "sockaddr.nl_pid", "uint32", "DEC" }, { "sockaddr.nl_groups", "uint32", "HEX" },
    { "timespec.tv_sec", "int64", "DEC" }, { "timespec.tv_nsec", "int64", "DEC" },
    { "timeval.tv_sec", "int64", "DEC" }, { "timeval.tv_usec", "int64", "DEC" },
    { "itimerspec.it_interval.tv_sec", "int64", "DEC" }, { "itimerspec.it_interval.tv_nsec", "int64", "DEC" },
    { "itimerspec.it_value.tv_sec", "int64", "DEC" }, { "itimerspec.it_value.tv_nsec", "int64", "DEC" },
    { "itimerval.it_interval.tv_sec", "int64", "DEC" }, { "itimerval.it_interval.tv_usec", "int64", "DEC" },
    { "itimerval.it_value.tv_sec", "int64", "DEC" }, { "itimerval.it_value.tv_usec", "int64", "DEC" },
    { "rusage.ru_utime.tv_sec", "int64", "DEC" }, { "rusage.ru_utime.tv_usec", "int64", "DEC" },
    { "rusage.ru_stime.tv_sec", "int64", "DEC" }, { "rusage.ru_stime.tv_usec", "int64", "DEC" },
    { "rusage.ru_maxrss", "int64", "DEC" },
    { "pollfd.fd", "int32", "DEC" }, { "pollfd.events", "uint32", "HEX" }, { "pollfd.revents", "uint32", "HEX" },
    { "epoll.events", "uint32", "HEX" }, { "epoll.data", "uint64", "HEX" },
    { "rlimit.cur", "uint64", "DEC", m = "rlim_cur" }, { "rlimit.max", "uint64", "DEC", m = "rlim_max" },
    { "sigaction.handler", "uint64", "HEX", m = "sa_handler" }, { "sigaction.flags", "uint64", "HEX", m = "sa_flags" },
    { "utsname.sysname", "string" }, { "utsname.nodename", "string" }, { "utsname.release", "string" },
    { "utsname.version", "string" }, { "utsname.machine", "string" },
    { "sysinfo.uptime", "int64", "DEC" }, { "sysinfo.totalram", "uint64", "DEC" }, { "sysinfo.freeram", "uint64", "DEC" },
    { "sysinfo.procs", "uint32", "DEC" }, { "sysinfo.mem_unit", "uint32", "DEC" },
    { "iovec.base", "uint64", "HEX", m = "iov_base" }, { "iovec.len", "uint64", "DEC", m = "iov_len" },
    { "msghdr.namelen", "int32", "DEC", m = "msg_namelen" }, { "msghdr.iovlen", "uint64", "DEC", m = "msg_iovlen" },
    { "msghdr.controllen", "uint64", "DEC", m = "msg_controllen" }, { "msghdr.flags", "uint32", "HEX", m = "msg_flags" },
}
-- member_groups lists each group's fields with the layout member they show.
local member_groups = {}
for _, mf in ipairs(member_fields) do
    local group, rest = mf[1]:match("^([^.]+)%.(.*)$")
    member_groups[group] = member_groups[group] or {}
    local g = member_groups[group]
    g[#g + 1] = { key = mf[1], member = mf.m or rest }
end

-- layout returns structure name as the record's arch lays it out (the
-- generated D.layouts, from decoder/layout_decls.go), or nil.
function Ctx:layout(name)
    local t = D.layouts[name]
    return t and t[self.rec.arch]
end

-- mu reads member name of layout l from b, which holds l from its start,
-- zero-extended; a member l lacks reads as 0.
function Ctx:mu(b, l, name)
    local m = l.m[name]
    if not m or m[1] + m[2] > #b then return { 0, 0 } end
    if m[5] then return { 0, floor(self:field(b, m[1], m[2])[2] / P2[m[4]]) % P2[m[5]] } end
    if m[3] ~= "n" then return self:field(b, m[1], m[2]) end
    local hi, lo = 0, 0
    for i = m[1] + 1, m[1] + m[2] do
        hi = n32(hi * 256 + floor(lo / 16777216))
        lo = (lo % 16777216) * 256 + b:byte(i)
    end
    return { hi, lo }
end

-- ms reads member name sign-extended from its size, whatever its kind.
function Ctx:ms(b, l, name)
    local v = self:mu(b, l, name)
    local m = l.m[name]
    if not m or m[2] >= 8 or m[2] == 0 then return v end
    local bits = P2[m[5] or m[2] * 8]
    if v[2] >= bits / 2 then return { 0xffffffff, v[2] + (TWO32 - bits) } end
    return v
end

-- mv reads member name as its kind says: signed members sign-extended.
function Ctx:mv(b, l, name)
    local m = l.m[name]
    if m and m[3] == "s" then return self:ms(b, l, name) end
    return self:mu(b, l, name)
end

-- member notes a structure member for the tree: n bytes at off in a
-- structure read from record offset base. how is nil for a number in the
-- tracee's byte order, "be" for network order, "str" for value's text.
-- Rendering notes members only while an argument is being rendered.
function Ctx:member(key, base, off, n, how, value)
    local m = self.members
    if not m or not base then return end
    m[#m + 1] = { key = key, off = base + off, n = n, how = how, value = value, big = self.big }
end

-- note notes member name of layout l as field key, for a structure read
-- from record offset base; off moves it to an array element.
function Ctx:note(key, l, base, name, off)
    if not self.members then return end
    local m = l.m[name]
    if not m then return end
    self:member(key, base, (off or 0) + m[1], m[2], m[3] == "n" and "be" or nil)
end

-- note_group notes every field of group (strace.<group>.*) that l has.
function Ctx:note_group(group, l, base, off)
    if not self.members then return end
    for _, g in ipairs(member_groups[group]) do self:note(g.key, l, base, g.member, off) end
end

-- sockaddr_members notes a socket address's members: the family, then by
-- family the path, port and address, or netlink's pid and groups.
function Ctx:sockaddr_members(b, base)
    local n = #b
    if n < 2 then return end
    local sa = self:layout("sockaddr")
    self:note("sockaddr.family", sa, base, "sa_family")
    local fam = self:mu(b, sa, "sa_family")[2]
    local in4, in6, nl = self:layout("sockaddr_in"), self:layout("sockaddr_in6"), self:layout("sockaddr_nl")
    if fam == 1 and n > 2 then
        local off = self:layout("sockaddr_un").m.sun_path[1]
        local path = b:sub(off + 1)
        local text
        if path:byte(1) == 0 then
            text = "@" .. path:sub(2)
        else
            text = path:match("^[^%z]*")
        end
        self:member("sockaddr.path", base, off, n - off, "str", text)
    elseif fam == 2 and n >= in4.m["sin_addr.s_addr"][1] + 4 then
        self:note("sockaddr.port", in4, base, "sin_port")
        self:note("sockaddr.addr", in4, base, "sin_addr.s_addr")
    elseif fam == 10 and n >= in6.m.sin6_scope_id[1] then
        self:note("sockaddr.port", in6, base, "sin6_port")
        self:note("sockaddr.flowinfo", in6, base, "sin6_flowinfo")
        local a6 = in6.m.sin6_addr
        self:member("sockaddr.addr6", base, a6[1], a6[2], "be")
        if n >= in6.size then self:note("sockaddr.scope_id", in6, base, "sin6_scope_id") end
    elseif fam == 16 and n >= nl.size then
        self:note("sockaddr.nl_pid", nl, base, "nl_pid")
        self:note("sockaddr.nl_groups", nl, base, "nl_groups")
    end
end

function Ctx:fields(kv)
    local parts = {}
    for i = 1, #kv - 1, 2 do
        if kv[i] ~= "" then
            parts[#parts + 1] = kv[i] .. "=" .. kv[i + 1]
        else
            parts[#parts + 1] = kv[i + 1]
        end
    end
    self:out("{" .. concat(parts, ", ") .. "}")
end

local function mode_string(m)
    local parts = {}
    local t = band(m, 0xf000)
    if t ~= 0 then parts[#parts + 1] = format_enum("mode_types", U(n32(t)), 0) end
    if band(m, 0x800) ~= 0 then parts[#parts + 1] = "S_ISUID" end
    if band(m, 0x400) ~= 0 then parts[#parts + 1] = "S_ISGID" end
    if band(m, 0x200) ~= 0 then parts[#parts + 1] = "S_ISVTX" end
    parts[#parts + 1] = gomode(n32(band(m, 0x1ff)))
    return concat(parts, "|")
end

local function makedev(d)
    local major = uor(uand(ushr(d, 8), U(0xfff)), uandnot(ushr(d, 32), U(0xfff)))
    local minor = uor(uand(d, U(0xff)), uandnot(ushr(d, 12), U(0xff)))
    return "makedev(" .. chex(U(major[2])) .. ", " .. chex(U(minor[2])) .. ")"
end

-- sigset_string renders a signal mask as strace's sprintsigmask_n.
function Ctx:sigset_string(b)
    local nwords = floor(#b / 4)
    local words, pop = {}, 0
    for i = 0, nwords - 1 do
        local w = self:field(b, 4 * i, 4)[2]
        words[i] = w
        local x = w
        while x ~= 0 do
            if x % 2 == 1 then pop = pop + 1 end
            x = floor(x / 2)
        end
    end
    if self.big and self.ws == 8 then
        for i = 0, nwords - 2, 2 do
            words[i], words[i + 1] = words[i + 1], words[i]
        end
    end
    local t = {}
    if pop >= floor(nwords * 32 * 2 / 3) then
        t[#t + 1] = "~"
        for i = 0, nwords - 1 do words[i] = n32(bnot(words[i])) end
    end
    local names = {}
    for i = 0, nwords * 32 - 1 do
        if band(words[floor(i / 32)], lshift(1, i % 32)) ~= 0 then
            local s = signal_string(i + 1)
            if s:sub(1, 3) == "SIG" then s = s:sub(4) end
            names[#names + 1] = s
        end
    end
    return concat(t) .. "[" .. concat(names, " ") .. "]"
end

local function rlim_value(v)
    if v[1] == 0xffffffff and v[2] == 0xffffffff then return "RLIM64_INFINITY" end
    if (v[1] > 0 or v[2] > 1024) and v[2] % 1024 == 0 then
        return udec(ushr(v, 10)) .. "*1024"
    end
    return udec(v)
end

local function wait_status_string(s)
    local out
    local low = s % 256
    if low == 0x7f then
        out = "WIFSTOPPED(s) && WSTOPSIG(s) == " .. signal_string(floor(s / 256) % 256)
    elseif s == 0xffff then
        out = "WIFCONTINUED(s)"
    elseif s % 128 == 0 then
        out = fmt("WIFEXITED(s) && WEXITSTATUS(s) == %d", floor(s / 256) % 256)
    else
        out = "WIFSIGNALED(s) && WTERMSIG(s) == " .. signal_string(s % 128)
        if band(s, 0x80) ~= 0 then out = out .. " && WCOREDUMP(s)" end
    end
    local ev = floor(s / 65536)
    if ev ~= 0 and low == 0x7f then
        return "{" .. out .. "} | " .. fmt("0x%x", ev * 65536)
    end
    return "{" .. out .. "}"
end

SR.Ctx, SR.in_errno_range, SR.makedev, SR.member_fields = Ctx, in_errno_range, makedev, member_fields
SR.member_groups, SR.mode_string, SR.new_ctx, SR.ptr_string = member_groups, mode_string, new_ctx, ptr_string
SR.rlim_value, SR.wait_status_string = rlim_value, wait_status_string
