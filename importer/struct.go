package importer

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/stracedump/stracedump/decoder"
	"github.com/stracedump/stracedump/pcapng"
)

// intStructs are the structure kinds that strace prints as integers in
// brackets ("[16]", "[3, 4]"), by the size of each.
var intStructs = map[string]int{"int": 4, "uid": 4, "fd_pair": 4, "loff": 8}

// structValue reads the text of a structure argument of type typ into
// its bytes: the fields the text gives ("{tv_sec=1, tv_nsec=0}"), by the
// decoder's layout of it, or integers in brackets. A structure whose text
// leaves members out, abbreviated ("{st_mode=S_IFREG|0644, st_size=3,
// ...}") or not (a sigaction's sa_restorer without SA_RESTORER), keeps
// only the members it shows, each run of them in a section of its own:
// the decoder reads them so (decoder's fetchStruct), and the bytes the
// text does not hold are not made up.
func structValue(rec *pcapng.Record, typ string, addrlen uint64, addr uint64, p string, flags uint16) (uint64, []pcapng.Section, bool) {
	a := decoder.ArchByAudit(rec.Arch)
	if a == nil {
		return 0, nil, false
	}
	if _, isInts := intStructs[typ]; !isInts && typ != "socket_address" {
		if q, ok := strings.CutSuffix(p, ", ...}"); ok {
			p = q + "}"
		}
	}
	if strings.Contains(p, "...") {
		return 0, nil, false
	}
	if size, ok := intStructs[typ]; ok {
		if len(p) < 2 || p[0] != '[' || p[len(p)-1] != ']' {
			return 0, nil, false
		}
		var b []byte
		var paths []pcapng.Section
		for _, it := range splitArgs(p[1 : len(p)-1]) {
			// A descriptor may show its path: "[3<pipe:[1234]>, 4<...>]".
			num, path, hasPath := strings.Cut(it, "<")
			n, ok := number(num)
			if !ok {
				return 0, nil, false
			}
			if hasPath {
				path, ok = strings.CutSuffix(path, ">")
				if !ok {
					return 0, nil, false
				}
				paths = append(paths, fdSections(uint64(uint32(n)), path, flags)...)
			}
			for i := range size {
				shift := 8 * i
				if a.BigEndian {
					shift = 8 * (size - 1 - i)
				}
				b = append(b, byte(n>>shift))
			}
		}
		return addr, append([]pcapng.Section{{Type: pcapng.SecMem, Flags: flags, Key: addr, Data: b}}, paths...), true
	}
	if typ == "wait_status" {
		st, ok := waitStatus(p)
		if !ok {
			return 0, nil, false
		}
		b := make([]byte, 4)
		for i := range b {
			shift := 8 * i
			if a.BigEndian {
				shift = 8 * (3 - i)
			}
			b[i] = byte(st >> shift)
		}
		return addr, []pcapng.Section{{Type: pcapng.SecMem, Flags: flags, Key: addr, Data: b}}, true
	}
	if typ == "socket_address_out" && strings.HasPrefix(p, "{sa_family=AF_NETLINK,") {
		// An address the kernel wrote (getsockname's): its length is
		// behind a later pointer, and a netlink address's is 12.
		typ, addrlen = "socket_address", 12
	}
	if typ == "socket_address" {
		b, ok := sockaddr(p, a, addrlen)
		if !ok {
			return 0, nil, false
		}
		return addr, []pcapng.Section{{Type: pcapng.SecMem, Flags: flags, Key: addr, Data: b}}, true
	}
	l := decoder.LayoutOf(typ, rec.Arch)
	if l == nil {
		// F_GETLK's lock, which shows l_pid, is a flock all the same.
		l = decoder.LayoutOf(strings.TrimSuffix(typ, "_pid"), rec.Arch)
	}
	if l == nil {
		return 0, nil, false
	}
	b := make([]byte, l.Size)
	set := map[string]bool{}
	if !structFields(b, l, a, "", p, set) {
		return 0, nil, false
	}
	whole := true
	for _, m := range l.Members {
		// Padding is no member.
		if !set[m.Name] && !strings.Contains(m.Name, "pad") && !strings.HasPrefix(m.Name, "__") {
			whole = false
		}
	}
	if whole {
		return addr, []pcapng.Section{{Type: pcapng.SecMem, Flags: flags, Key: addr, Data: b}}, true
	}
	// The members shown, in runs of adjacent or overlapping ones (a
	// union's, a bit field's); members are in offset order.
	var secs []pcapng.Section
	start, end := -1, -1
	flush := func() {
		if start >= 0 {
			secs = append(secs, pcapng.Section{Type: pcapng.SecMem, Flags: flags, Key: addr + uint64(start), Data: b[start:end]})
		}
	}
	for _, m := range l.Members {
		if !set[m.Name] {
			continue
		}
		if start < 0 || m.Off > end {
			flush()
			start, end = m.Off, m.Off+m.Size
			continue
		}
		end = max(end, m.Off+m.Size)
	}
	flush()
	if secs == nil {
		return 0, nil, false
	}
	return addr, secs, true
}

// structFields puts the fields of "{a=1, b={c=2}}" into b, a nested
// structure's members under "b.", and notes each member it set.
func structFields(b []byte, l *decoder.Layout, a *decoder.Arch, prefix, p string, set map[string]bool) bool {
	if len(p) < 2 || p[0] != '{' || p[len(p)-1] != '}' {
		return false
	}
	for _, field := range splitArgs(p[1 : len(p)-1]) {
		k, v, ok := strings.Cut(field, "=")
		if !ok {
			return false
		}
		if _, scalar := l.Member(prefix + k); scalar && strings.HasPrefix(v, "{") {
			// A union strace shows by its members, where the layout
			// has one integer: epoll_event's data={u32=3, u64=3}.
			var u64 string
			for _, f := range splitArgs(strings.TrimSuffix(v[1:], "}")) {
				if x, ok := strings.CutPrefix(f, "u64="); ok {
					u64 = x
				}
			}
			n, ok := number(u64)
			if !ok || !putValue(b, l, a, prefix+k, n) {
				return false
			}
			set[prefix+k] = true
			continue
		}
		if strings.HasPrefix(v, "{") {
			if !structFields(b, l, a, prefix+k+".", v, set) {
				return false
			}
			continue
		}
		set[prefix+k] = true
		if strings.HasPrefix(v, "[") || strings.HasPrefix(v, "~[") {
			// A signal mask member (sa_mask): its 8 bytes.
			m, ok := sigset(v)
			if !ok {
				return false
			}
			var n uint64
			for i := range m {
				n |= uint64(m[i]) << (8 * i)
			}
			if !putValue(b, l, a, prefix+k, n) {
				return false
			}
			continue
		}
		n, ok := fieldValue(v, a.Audit)
		if !ok || !putValue(b, l, a, prefix+k, n) {
			return false
		}
	}
	return true
}

// fieldValue reads one field: a number, "8192*1024", or names of a set.
func fieldValue(v string, arch uint32) (uint64, bool) {
	if n, ok := number(v); ok {
		return n, true
	}
	switch v {
	case "SIG_DFL": // include/uapi/asm-generic/signal-defs.h
		return 0, true
	case "SIG_IGN":
		return 1, true
	}
	if v == "RLIM64_INFINITY" || v == "RLIM_INFINITY" {
		// All ones, however wide the member (include/uapi/linux/resource.h).
		return ^uint64(0), true
	}
	if dev, ok := strings.CutPrefix(v, "makedev("); ok {
		// A dev_t as glibc's makedev builds it, from major and minor.
		maj, min, ok := strings.Cut(strings.TrimSuffix(dev, ")"), ", ")
		ma, ok1 := number(maj)
		mi, ok2 := number(min)
		if !ok || !ok1 || !ok2 || !strings.HasSuffix(dev, ")") {
			return 0, false
		}
		return mi&0xff | (ma&0xfff)<<8 | (mi&^0xff)<<12 | (ma&^0xfff)<<32, true
	}
	if x, unit, ok := strings.Cut(v, "*"); ok {
		n, ok1 := number(x)
		u, ok2 := number(unit)
		return n * u, ok1 && ok2
	}
	if strings.ContainsAny(v, "{[\"(") || strings.Contains(v, "/*") {
		return 0, false
	}
	return flagValue("", v, arch)
}

// sockaddr reads an IPv4 or Unix socket address as strace prints it,
// "{sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr("1.2.3.4")}"
// or "{sa_family=AF_UNIX, sun_path="sock"}", into the structure's bytes:
// the 8 of a sockaddr_in the text shows (only when the address is that
// long), or the family and the path with its NUL.
func sockaddr(p string, a *decoder.Arch, addrlen uint64) ([]byte, bool) {
	if len(p) < 2 || p[0] != '{' || p[len(p)-1] != '}' {
		return nil, false
	}
	fields := splitArgs(p[1 : len(p)-1])
	if len(fields) < 2 {
		return nil, false
	}
	family := func(f uint16) []byte {
		if a.BigEndian {
			return []byte{byte(f >> 8), byte(f)}
		}
		return []byte{byte(f), byte(f >> 8)}
	}
	switch {
	case fields[0] == "sa_family=AF_INET" && len(fields) == 3:
		port, ok1 := strings.CutPrefix(fields[1], "sin_port=htons(")
		ip, ok2 := strings.CutPrefix(fields[2], `sin_addr=inet_addr("`)
		if !ok1 || !ok2 {
			return nil, false
		}
		n, ok := number(strings.TrimSuffix(port, ")"))
		parts := strings.Split(strings.TrimSuffix(ip, `")`), ".")
		if !ok || n > 0xffff || len(parts) != 4 {
			return nil, false
		}
		b := append(family(2), byte(n>>8), byte(n))
		for _, q := range parts {
			v, ok := number(q)
			if !ok || v > 255 || (len(q) > 1 && q[0] == '0') {
				return nil, false
			}
			b = append(b, byte(v))
		}
		if addrlen != 8 {
			// sin_zero's 8 bytes are not in the text: an address of
			// sockaddr_in's 16 bytes stays text rather than hold
			// made-up zeros.
			return nil, false
		}
		return b, true
	case fields[0] == "sa_family=AF_UNIX" && len(fields) == 2:
		path, ok := strings.CutPrefix(fields[1], "sun_path=")
		if !ok {
			return nil, false
		}
		s, more, ok := unquote(path)
		if !ok || more {
			return nil, false
		}
		b := append(append(family(1), s...), 0)
		if n := min(addrlen, sunLen); uint64(len(b)) < n && !bytes.Contains(s, []byte{0}) && len(s) > 0 {
			// The address's length reaches past the path's NUL: strace
			// shows nothing of those bytes, in any mode, and the decoder
			// reads the address by its length. They are stored as zeros.
			b = append(b, make([]byte, n-uint64(len(b)))...)
		}
		return b, true
	case fields[0] == "sa_family=AF_NETLINK" && len(fields) == 3 && addrlen == 12:
		pid, ok1 := strings.CutPrefix(fields[1], "nl_pid=")
		groups, ok2 := strings.CutPrefix(fields[2], "nl_groups=")
		// strace prints nl_pid signed: an autobound socket's is often
		// negative.
		port, ok3 := number(pid)
		if n, err := strconv.ParseInt(pid, 10, 32); err == nil && n < 0 {
			port, ok3 = uint64(uint32(n)), true
		}
		g, err := strconv.ParseUint(groups, 16, 32)
		if !ok1 || !ok2 || !ok3 || err != nil || len(groups) != 8 || port > 0xffffffff {
			return nil, false
		}
		// nl_pad, two bytes strace never shows, is zero as the kernel
		// writes it.
		b := append(family(16), 0, 0)
		return append(append(b, word32(a, uint32(port))...), word32(a, uint32(g))...), true
	}
	return nil, false
}

// sunLen is sizeof(struct sockaddr_un) (include/uapi/linux/un.h).
const sunLen = 110

// word32 is n in a's byte order.
func word32(a *decoder.Arch, n uint32) []byte {
	if a.BigEndian {
		return []byte{byte(n >> 24), byte(n >> 16), byte(n >> 8), byte(n)}
	}
	return []byte{byte(n), byte(n >> 8), byte(n >> 16), byte(n >> 24)}
}

// iovecs reads "[{iov_base="ab", iov_len=2}, ...]" into the array of
// struct iovec at addr and each buffer after it; a buffer cut with "..."
// is stored cut.
func iovecs(rec *pcapng.Record, addr uint64, p string, flags uint16) (uint64, []pcapng.Section, bool) {
	a := decoder.ArchByAudit(rec.Arch)
	l := decoder.LayoutOf("iovec", rec.Arch)
	if a == nil || l == nil || len(p) < 2 || p[0] != '[' || p[len(p)-1] != ']' {
		return 0, nil, false
	}
	items := splitArgs(p[1 : len(p)-1])
	array := make([]byte, len(items)*l.Size)
	var secs []pcapng.Section
	at := addr + 0x10000
	for i, it := range items {
		if len(it) < 2 || it[0] != '{' || it[len(it)-1] != '}' {
			return 0, nil, false
		}
		f := splitArgs(it[1 : len(it)-1])
		if len(f) != 2 || !strings.HasPrefix(f[0], "iov_base=") || !strings.HasPrefix(f[1], "iov_len=") {
			return 0, nil, false
		}
		n, ok := number(f[1][len("iov_len="):])
		if !ok {
			return 0, nil, false
		}
		el := array[i*l.Size : (i+1)*l.Size]
		base := f[0][len("iov_base="):]
		if v, isNum := number(base); isNum {
			if !putValue(el, l, a, "iov_base", v) {
				return 0, nil, false
			}
		} else {
			data, _, ok := unquote(base)
			if !ok || !putValue(el, l, a, "iov_base", at) {
				return 0, nil, false
			}
			secs = append(secs, pcapng.Section{Type: pcapng.SecMem, Flags: flags, Key: at, Data: data})
			at += uint64(len(data)+8) &^ 7
		}
		if !putValue(el, l, a, "iov_len", n) {
			return 0, nil, false
		}
	}
	return addr, append([]pcapng.Section{{Type: pcapng.SecMem, Flags: flags, Key: addr, Data: array}}, secs...), true
}

// waitStatus reads a wait status as strace prints it,
// "[{WIFEXITED(s) && WEXITSTATUS(s) == 0}]", back to its int: the exit
// code in bits 8 to 15; a terminating signal in bits 0 to 6, 0x80 for a
// core dump; a stop's signal in bits 8 to 15 over 0x7f; 0xffff for
// WIFCONTINUED (the encoding of include/uapi/linux/wait.h's users, glibc's
// bits/waitstatus.h). A ptrace event ("} | 0x30000") stays text.
func waitStatus(p string) (uint32, bool) {
	in, ok := strings.CutSuffix(strings.TrimPrefix(p, "[{"), "}]")
	if !ok || !strings.HasPrefix(p, "[{") {
		return 0, false
	}
	sig := func(s string) (uint32, bool) {
		n, ok := signal(s)
		return uint32(n), ok && n > 0 && n < 0x7f
	}
	if code, ok := strings.CutPrefix(in, "WIFEXITED(s) && WEXITSTATUS(s) == "); ok {
		n, ok := number(code)
		return uint32(n) << 8, ok && n < 256
	}
	if s, ok := strings.CutPrefix(in, "WIFSIGNALED(s) && WTERMSIG(s) == "); ok {
		s, core := strings.CutSuffix(s, " && WCOREDUMP(s)")
		n, ok := sig(s)
		if core {
			n |= 0x80
		}
		return n, ok
	}
	if s, ok := strings.CutPrefix(in, "WIFSTOPPED(s) && WSTOPSIG(s) == "); ok {
		n, ok := sig(s)
		return n<<8 | 0x7f, ok
	}
	return 0xffff, in == "WIFCONTINUED(s)"
}
