package decoder

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/stracedump/stracedump/pcapng"
)

// Renderers of sockets, polling and terminal ioctls: socket addresses,
// msghdr and iovec with their data, pollfd, fd_set, epoll_event, termios.
// Each reads its structures through the arch's layouts (layout_decls.go),
// so one renderer serves x86_64, i386 and aarch64.

func netStructs() structRenderers {
	return structRenderers{
		"socket_address":     (*ctx).socketAddress,
		"socket_address_out": (*ctx).socketAddressOut,
		"epoll_event":        (*ctx).epollEvent,
		"epoll_events":       (*ctx).epollEvents,
		"termios":            (*ctx).termios,
		"pselect6_sig":       (*ctx).pselect6Sig,
		"char":               (*ctx).charPtr,
		"user_desc":          (*ctx).userDesc,
		"timespec64":         (*ctx).timespec64,
		"rlimit_native":      (*ctx).rlimitNative,
	}
}

// Kinds of socket and polling arguments whose rendering needs more than
// one register or memory of both phases. Each names the registers it
// reads, so descriptions stay declarative.
type (
	// SockLen is a socklen_t pointer read at entry and exit: "[16]", or
	// "[110 => 16]" when the kernel changed it. A failed call shows the
	// entry value.
	SockLen struct{}
	// Sockopt is setsockopt's or getsockopt's optval, decoded by level
	// and option name (registers Level and Name). Its size is register
	// Len, or for Get the int Len points to at exit.
	Sockopt struct {
		Level, Name, Len int
		Get              bool
	}
	// Iovec is an array of CountArg iovecs with the data they point to;
	// Out marks one the kernel filled (readv), whose data prints at exit
	// up to the return value, and only as addresses when the call failed.
	Iovec struct {
		CountArg int
		Out      bool
	}
	// Msghdr is sendmsg's (at entry) or recvmsg's (Out, at exit) struct
	// msghdr with its name, iovecs and control messages.
	Msghdr struct{ Out bool }
	// Mmsghdr is sendmmsg's or recvmmsg's vector, shown at exit for as
	// many messages as the call returned.
	Mmsghdr struct{ Out bool }
	// PollFDs is poll's array of Count pollfds at entry.
	PollFDs struct{ Count int }
	// FDSet is an fd_set of register Nfds descriptors: "[0 7]".
	FDSet struct{ Nfds int }
	// PollRet is poll's and ppoll's result: the count and the revents of
	// array Fds, and with Timeout >= 0 the time left (a 64-bit timespec
	// when Time64).
	PollRet struct {
		Fds, Count, Timeout int
		Time64              bool
	}
	// SelectRet is select's and pselect6's result: the count, the ready
	// sets and the time left (a timespec when Timespec).
	SelectRet struct {
		Nfds, Timeout    int
		Sets             [3]int
		Timespec, Time64 bool
	}
	// SockProto is socket's protocol, named by the family in register
	// Domain.
	SockProto struct{ Domain int }
)

// entryPeeker is a kind printed at exit that also needs a value as it was
// at entry (socklen in/out, recvmsg's msg_namelen). entryText calls peek,
// so that a live capture records the entry read and a replay finds it.
type entryPeeker interface {
	peek(c *ctx, v uint64)
}

// entryMemory returns the memory of the entry phase of the record that m
// answers for, or nil. At exit a live recorder's record already holds the
// entry's sections, so replaying them serves both backends.
func entryMemory(m Memory) Memory {
	switch m := m.(type) {
	case *recorder:
		return NewReplay(m.rec, false)
	case *replay:
		return NewReplay(m.rec, false)
	}
	return nil
}

// entryInt reads a 4-byte int at addr as it was at entry.
func (c *ctx) entryInt(addr uint64) (uint32, bool) {
	m := c.mem
	if c.exit {
		m = entryMemory(c.mem)
	}
	if m == nil || addr == 0 {
		return 0, false
	}
	b, err := m.Read(addr, 4)
	if err != nil {
		return 0, false
	}
	return uint32(c.uint(b)), true
}

func (SockLen) peek(c *ctx, v uint64) { c.entryInt(c.word(v)) }

func (SockLen) render(c *ctx, v uint64) {
	addr := c.word(v)
	if addr == 0 {
		c.str("NULL")
		return
	}
	in, inOK := c.entryInt(addr)
	if c.failed() {
		if !inOK {
			c.ptr(addr)
			return
		}
		c.printf("[%d]", int32(in))
		return
	}
	b, err := c.mem.Read(addr, 4)
	if err != nil {
		c.ptr(addr)
		return
	}
	out := uint32(c.uint(b))
	if inOK && in != out {
		c.printf("[%d => %d]", int32(in), int32(out))
		return
	}
	c.printf("[%d]", int32(out))
}

func (p SockProto) render(c *ctx, v uint64) {
	v = uint64(uint32(v))
	switch c.rec.Args[p.Domain] & 0xffffffff {
	case 2, 10: // AF_INET, AF_INET6
		c.str(c.xenum("inet_protocols", v))
	case 16: // AF_NETLINK
		c.str(c.xenum("netlink_protocols", v))
	case 17: // AF_PACKET: the protocol is in network byte order
		c.str("htons(" + c.xenum("ethernet_protocols", uint64(uint16(v)>>8|uint16(v)<<8)) + ")")
	default:
		c.str(strconv.FormatUint(v, 10))
	}
}

// sockoptNames are the option sets of each level (socket_levels values).
var sockoptNames = map[uint64]string{
	0: "sockopt_ip", 1: "sockopt_socket", 6: "sockopt_tcp", 17: "sockopt_udp", 41: "sockopt_ipv6",
	270: "sockopt_netlink",
}

// SockoptName is an option name in the set of the level in register Level.
type SockoptName struct{ Level int }

func (s SockoptName) render(c *ctx, v uint64) {
	v = uint64(uint32(v))
	if set, ok := sockoptNames[uint64(uint32(c.rec.Args[s.Level]))]; ok {
		c.str(c.xenum(set, v))
		return
	}
	c.str(strconv.FormatUint(v, 10))
}

func (s Sockopt) peek(c *ctx, v uint64) {
	if s.Get {
		c.entryInt(c.word(c.rec.Args[s.Len]))
	}
}

func (s Sockopt) render(c *ctx, v uint64) {
	addr := c.word(v)
	var n int
	if s.Get {
		if c.failed() {
			c.ptr(addr)
			return
		}
		b, err := c.mem.Read(c.word(c.rec.Args[s.Len]), 4)
		if err != nil {
			c.ptr(addr)
			return
		}
		n = int(int32(c.uint(b)))
	} else {
		n = int(int32(c.rec.Args[s.Len]))
	}
	if addr == 0 {
		c.str("NULL")
		return
	}
	level, name := uint32(c.rec.Args[s.Level]), uint32(c.rec.Args[s.Name])
	linger, cred := c.layout("linger"), c.layout("ucred")
	switch {
	case level == 1 && name == 13 && linger != nil && n >= linger.Size: // SO_LINGER
		b, ok := c.fetch(addr, linger.Size)
		if ok {
			c.fields("l_onoff", d10(c.ms(b, linger, "l_onoff")), "l_linger", d10(c.ms(b, linger, "l_linger")))
		}
		return
	case level == 1 && name == 17 && s.Get && n > 0 && cred != nil: // SO_PEERCRED: the fields that fit
		if n > cred.Size {
			n = cred.Size
		}
		b, ok := c.fetch(addr, n)
		if !ok {
			return
		}
		var kv []string
		for _, m := range cred.Members {
			if m.Off+m.Size <= n {
				kv = append(kv, m.Name, u10(c.mu(b, cred, m.Name)))
			}
		}
		c.fields(kv...)
		return
	case level == 1 && name == 4 && s.Get && n == 4: // SO_ERROR: an errno
		b, ok := c.fetch(addr, 4)
		if !ok {
			return
		}
		e := int32(c.uint(b))
		if name := ErrnoName(int(e)); e > 0 && name != "" {
			c.printf("[%s]", c.styled(d10(int64(e)), name))
		} else {
			c.printf("[%d]", e)
		}
		return
	case level == 270 && n < 4: // SOL_NETLINK options are ints
		c.ptr(addr)
		return
	}
	if n == 4 {
		b, ok := c.fetch(addr, 4)
		if ok {
			c.printf("[%d]", int32(c.uint(b)))
		}
		return
	}
	if n < 0 {
		c.ptr(addr)
		return
	}
	c.readBuf(addr, uint64(n), false)
}

// sockaddrText renders the n bytes of a socket address, as strace's
// print_sockaddr does.
func (c *ctx) sockaddrText(b []byte) string {
	n := len(b)
	fam := c.mu(b, c.layout("sockaddr"), "sa_family")
	kv := []string{"sa_family", c.xenum("address_families", fam)}
	in, in6, nl := c.layout("sockaddr_in"), c.layout("sockaddr_in6"), c.layout("sockaddr_nl")
	switch {
	case n == 2:
	case fam == 1: // AF_UNIX
		path := b[2:]
		if un := c.layout("sockaddr_un"); un != nil {
			m, _ := un.Member("sun_path")
			path = b[m.Off:]
		}
		if path[0] == 0 {
			// Abstract: every byte of the address counts, NULs too.
			kv = append(kv, "sun_path", "@"+c.quoted(path[1:]))
		} else {
			if i := bytes.IndexByte(path, 0); i >= 0 {
				path = path[:i]
			}
			kv = append(kv, "sun_path", c.quoted(path))
		}
	case fam == 2 && in != nil && n >= in.Size: // AF_INET
		port, addr := in.mb(b, "sin_port"), in.mb(b, "sin_addr.s_addr")
		kv = append(kv, "sin_port", c.styled(c.hexBytes(port), fmt.Sprintf("htons(%d)", c.mu(b, in, "sin_port"))),
			"sin_addr", c.styled(c.hexBytes(addr), fmt.Sprintf("inet_addr(\"%d.%d.%d.%d\")", addr[0], addr[1], addr[2], addr[3])))
	case fam == 10 && in6 != nil && n >= in6.off("sin6_scope_id"): // AF_INET6; sin6_scope_id only when present
		kv = append(kv, "sin6_port", c.styled(c.hexBytes(in6.mb(b, "sin6_port")), fmt.Sprintf("htons(%d)", c.mu(b, in6, "sin6_port"))),
			"sin6_flowinfo", c.styled(c.hexBytes(in6.mb(b, "sin6_flowinfo")), fmt.Sprintf("htonl(%d)", c.mu(b, in6, "sin6_flowinfo"))))
		// strace names the address field only when it shows the bytes.
		a6 := in6.mb(b, "sin6_addr")
		addr := inet6String(a6)
		switch c.opts.Xlat {
		case XlatRaw:
			kv = append(kv, "sin6_addr", c.hexBytes(a6))
		case XlatVerbose:
			kv = append(kv, "sin6_addr", c.hexBytes(a6)+" /* inet_pton(AF_INET6, \""+addr+"\") */")
		default:
			kv = append(kv, "", "inet_pton(AF_INET6, \""+addr+"\", &sin6_addr)")
		}
		if n >= in6.Size {
			// strace names the interface of the tracing host; a capture
			// decoded elsewhere can only show the index.
			kv = append(kv, "sin6_scope_id", u10(c.mu(b, in6, "sin6_scope_id")))
		}
	case fam == 16 && nl != nil && n >= nl.Size: // AF_NETLINK
		kv = append(kv, "nl_pid", d10(c.ms(b, nl, "nl_pid")), "nl_groups", fmt.Sprintf("%08x", c.mu(b, nl, "nl_groups")))
	default:
		kv = append(kv, "sa_data", c.quoted(b[2:]))
	}
	var sb strings.Builder
	sb.WriteByte('{')
	for i := 0; i+1 < len(kv); i += 2 {
		if i > 0 {
			sb.WriteString(", ")
		}
		if kv[i] != "" {
			sb.WriteString(kv[i])
			sb.WriteByte('=')
		}
		sb.WriteString(kv[i+1])
	}
	sb.WriteByte('}')
	return sb.String()
}

// sockaddrStorage is sizeof(struct sockaddr_storage): strace reads no more.
const sockaddrStorage = 128

// printSockaddr reads and prints n bytes of a socket address at addr.
func (c *ctx) printSockaddr(addr uint64, n int) {
	if addr == 0 {
		c.str("NULL")
		return
	}
	if n > sockaddrStorage {
		n = sockaddrStorage
	}
	if n < 2 {
		c.ptr(addr)
		return
	}
	b, ok := c.fetch(addr, n)
	if !ok {
		return
	}
	c.str(c.sockaddrText(b))
}

// socketAddress renders a socket address of the length in argument
// LenArg.
func (c *ctx) socketAddress(addr uint64, s Struct) {
	c.printSockaddr(addr, int(int32(c.rec.Args[s.LenArg])))
}

// socketAddressOut renders an address the kernel wrote, of the length the
// socklen_t pointer in argument LenArg holds at exit, no longer than the
// buffer it had at entry.
func (c *ctx) socketAddressOut(addr uint64, s Struct) {
	lp := c.word(c.rec.Args[s.LenArg])
	b, err := c.mem.Read(lp, 4)
	if err != nil {
		c.ptr(addr)
		return
	}
	n := int(int32(c.uint(b)))
	if in, ok := c.entryInt(lp); ok && int(int32(in)) < n {
		n = int(int32(in))
	}
	c.printSockaddr(addr, n)
}

func (s Struct) peek(c *ctx, v uint64) {
	if s.Type == "socket_address_out" {
		c.entryInt(c.word(c.rec.Args[s.LenArg]))
	}
}

// inet6String formats an IPv6 address as glibc's inet_ntop does: the
// first longest run of two or more zero groups as "::", and an embedded
// IPv4 address in an IPv4-compatible or -mapped address.
func inet6String(a []byte) string {
	var w [8]int
	for i := range w {
		w[i] = int(a[2*i])<<8 | int(a[2*i+1])
	}
	best, bestLen := -1, 0
	for i := 0; i < 8; {
		if w[i] != 0 {
			i++
			continue
		}
		j := i
		for j < 8 && w[j] == 0 {
			j++
		}
		if j-i > bestLen && j-i >= 2 {
			best, bestLen = i, j-i
		}
		i = j
	}
	var sb strings.Builder
	for i := 0; i < 8; i++ {
		if i == best {
			sb.WriteByte(':')
			if i == 0 {
				sb.WriteByte(':')
			}
			i += bestLen - 1
			continue
		}
		if i == 6 && best == 0 && (bestLen == 6 || bestLen == 5 && w[5] == 0xffff) {
			fmt.Fprintf(&sb, "%d.%d.%d.%d", a[12], a[13], a[14], a[15])
			break
		}
		fmt.Fprintf(&sb, "%x", w[i])
		if i < 7 {
			sb.WriteByte(':')
		}
	}
	return sb.String()
}

// arrayLimit is how many elements of an array print: -s of them unless -v.
func (c *ctx) arrayLimit(n int) (shown int, more bool) {
	if !c.opts.Verbose && n > c.limit {
		return c.limit, true
	}
	return n, false
}

// maxIov is UIO_MAXIOV: the kernel takes no more iovecs, strace reads no
// more.
const maxIov = 1024

// iovecs prints count iovecs at addr. budget is how much data the call
// moved (-1 for all of it); decode false prints the buffers as addresses.
func (c *ctx) iovecs(addr uint64, count uint64, budget int64, decode bool) {
	c.iovecsOf(addr, count, budget, decode, notNetlink)
}

// notNetlink, as iovecsOf's netlink family, prints the buffers as strings.
const notNetlink = -2

// iovecsOf is iovecs whose buffers hold netlink messages of the protocol
// family (-1 when unknown), unless it is notNetlink.
func (c *ctx) iovecsOf(addr uint64, count uint64, budget int64, decode bool, family int) {
	addr = c.word(addr)
	if addr == 0 {
		c.str("NULL")
		return
	}
	if count > maxIov {
		c.ptr(addr)
		return
	}
	ok := true
	s := c.capture(func() { ok = c.iovecArray(addr, count, budget, decode, family) })
	if !ok {
		c.ptr(addr)
		return
	}
	c.str(s)
}

// iovecArray prints the array of iovecs; false when not even the first
// could be read.
func (c *ctx) iovecArray(addr uint64, count uint64, budget int64, decode bool, family int) bool {
	l := c.layout("iovec")
	if l == nil {
		return false
	}
	shown, more := c.arrayLimit(int(count))
	c.sb.WriteByte('[')
	for i := 0; i < shown; i++ {
		b, err := c.mem.Read(addr+uint64(i*l.Size), l.Size)
		if err != nil {
			if i == 0 {
				return false
			}
			c.printf(", ... /* %#x */", addr+uint64(i*l.Size))
			break
		}
		if i > 0 {
			c.str(", ")
		}
		base, n := c.mu(b, l, "iov_base"), c.mu(b, l, "iov_len")
		c.str("{iov_base=")
		data := c.readBuf
		if family != notNetlink {
			data = func(addr, n uint64, _ bool) { c.netlink(addr, n, family) }
		}
		switch {
		case !decode:
			c.ptr(base)
		case budget < 0:
			data(base, n, false)
		default:
			m := n
			if uint64(budget) < m {
				m = uint64(budget)
			}
			data(base, m, false)
			budget -= int64(m)
		}
		c.printf(", iov_len=%d}", n)
	}
	if more {
		c.str(", ...")
	}
	c.sb.WriteByte(']')
	return true
}

func (v Iovec) render(c *ctx, x uint64) {
	count := c.word(c.rec.Args[v.CountArg])
	switch {
	case !v.Out:
		c.iovecs(x, count, -1, true)
	case c.failed():
		c.iovecs(x, count, 0, false)
	default:
		c.iovecs(x, count, c.slong(uint64(c.rec.Ret)), true)
	}
}

// noNamelen is msghdrString's entryNamelen when it is not known: no int
// is, so that a negative msg_namelen shows as strace shows it.
const noNamelen = math.MinInt64

// msghdr prints the struct msghdr at addr. budget is the data the call
// moved (-1 for all); entryNamelen, unless noNamelen, is msg_namelen as
// the caller set it, shown before the kernel's value when they differ.
func (c *ctx) msghdrString(addr uint64, budget int64, entryNamelen int64) (string, bool) {
	l := c.layout("msghdr")
	if l == nil {
		return "", false
	}
	b, err := c.mem.Read(addr, l.Size)
	if err != nil {
		return "", false
	}
	// The kernel's msg_namelen is an int.
	name, namelen := c.mu(b, l, "msg_name"), c.ms(b, l, "msg_namelen")
	iov, iovlen := c.mu(b, l, "msg_iov"), c.mu(b, l, "msg_iovlen")
	ctl, ctllen := c.mu(b, l, "msg_control"), c.mu(b, l, "msg_controllen")
	flags := c.mu(b, l, "msg_flags")

	var kv []string
	n := namelen
	if entryNamelen != noNamelen && entryNamelen < n {
		n = entryNamelen
	}
	switch {
	case name == 0:
		kv = append(kv, "msg_name", "NULL")
	case n <= 0:
		kv = append(kv, "msg_name", hex(name))
	default:
		kv = append(kv, "msg_name", c.capture(func() { c.printSockaddr(name, int(n)) }))
	}
	nl := d10(namelen)
	if entryNamelen != noNamelen && entryNamelen != namelen {
		nl = d10(entryNamelen) + " => " + nl
	}
	// strace decodes the data as netlink messages when the address is
	// an AF_NETLINK one (print_struct_msghdr), of the socket's protocol.
	family := notNetlink
	if name != 0 && n >= 2 {
		if fb, err := c.mem.Read(name, int(min(n, sockaddrStorage))); err == nil && c.uint(fb[0:2]) == afNetlink {
			family = -1
			if f, ok := c.netlinkSocket(int32(c.rec.Args[0])); ok {
				family = f
			}
		}
	}
	kv = append(kv, "msg_namelen", nl,
		"msg_iov", c.capture(func() { c.iovecsOf(iov, iovlen, budget, true, family) }), "msg_iovlen", u10(iovlen))
	if ctllen != 0 {
		kv = append(kv, "msg_control", c.capture(func() { c.cmsgs(ctl, ctllen) }))
	}
	kv = append(kv, "msg_controllen", u10(ctllen), "msg_flags", c.xflags("msg_flags", flags))
	return c.capture(func() { c.fields(kv...) }), true
}

// hexBytes is b as a string of \xNN escapes, as -X raw shows the bytes
// of an address.
func (c *ctx) hexBytes(b []byte) string {
	var sb strings.Builder
	quote(&sb, b, true)
	return sb.String()
}

// quoted is b quoted as a string, in hex under -x/-xx as strace's are.
func (c *ctx) quoted(b []byte) string { return c.capture(func() { c.quote(b, false) }) }

// capture runs f and returns what it printed instead of printing it.
func (c *ctx) capture(f func()) string {
	saved := c.sb.String()
	c.sb.Reset()
	f()
	s := c.sb.String()
	c.sb.Reset()
	c.sb.WriteString(saved)
	return s
}

// maxCmsg bounds the control buffer read, as the kernel's own limit on
// optmem does.
const maxCmsg = 4096

// cmsgs prints the control messages of a msghdr.
func (c *ctx) cmsgs(addr, n uint64) {
	if addr == 0 {
		c.str("NULL")
		return
	}
	if n > maxCmsg {
		n = maxCmsg
	}
	b, err := c.mem.Read(addr, int(n))
	if err != nil {
		c.ptr(addr)
		return
	}
	l := c.layout("cmsghdr")
	if l == nil {
		c.ptr(addr)
		return
	}
	// CMSG_ALIGN rounds to a long.
	ws := c.wordSize()
	hdr := l.Size
	align := func(x int) int { return (x + ws - 1) &^ (ws - 1) }
	cred := c.layout("ucred")
	c.sb.WriteByte('[')
	for off, i := 0, 0; off+hdr <= len(b); i++ {
		if i > 0 {
			c.str(", ")
		}
		clen := c.mu(b[off:], l, "cmsg_len")
		level, typ := c.mu(b[off:], l, "cmsg_level"), c.mu(b[off:], l, "cmsg_type")
		c.printf("{cmsg_len=%d, cmsg_level=%s, cmsg_type=", clen, c.xenum("socket_levels", level))
		if level == 1 {
			c.str(c.xenum("scm_types", typ))
		} else {
			c.str(hex(typ))
		}
		end := len(b)
		if clen < uint64(len(b)-off) {
			end = off + int(clen)
		}
		data := b[off+align(hdr) : max(off+align(hdr), end)]
		switch {
		case level == 1 && typ == 1: // SCM_RIGHTS
			c.str(", cmsg_data=[")
			for j := 0; j+4 <= len(data); j += 4 {
				if j > 0 {
					c.str(", ")
				}
				c.fd(c.field(data, j, 4))
			}
			c.sb.WriteByte(']')
		case level == 1 && typ == 2 && cred != nil && len(data) >= cred.Size: // SCM_CREDENTIALS
			c.printf(", cmsg_data={pid=%d, uid=%d, gid=%d}", c.mu(data, cred, "pid"), c.mu(data, cred, "uid"), c.mu(data, cred, "gid"))
		}
		c.sb.WriteByte('}')
		// A length shorter than the header or past the buffer ends the list.
		if clen < uint64(hdr) || clen > uint64(len(b)-off) {
			break
		}
		off += align(int(clen))
	}
	c.sb.WriteByte(']')
}

// namelenAddr is the address of msg_namelen in the msghdr at addr.
func (c *ctx) namelenAddr(addr uint64) uint64 {
	if l := c.layout("msghdr"); l != nil {
		return addr + uint64(l.off("msg_namelen"))
	}
	return addr
}

func (m Msghdr) peek(c *ctx, v uint64) {
	if m.Out {
		c.entryInt(c.namelenAddr(c.word(v)))
		// Whether the data is netlink messages is asked at entry.
		c.netlinkSocket(int32(c.rec.Args[0]))
	}
}

func (m Msghdr) render(c *ctx, v uint64) {
	addr := c.word(v)
	if addr == 0 {
		c.str("NULL")
		return
	}
	if !m.Out {
		if s, ok := c.msghdrString(addr, -1, noNamelen); ok {
			c.str(s)
			return
		}
		c.ptr(addr)
		return
	}
	in, inOK := c.entryInt(c.namelenAddr(addr))
	if c.failed() {
		if inOK {
			c.printf("{msg_namelen=%d}", int32(in))
		} else {
			c.ptr(addr)
		}
		return
	}
	entry := int64(noNamelen)
	if inOK {
		entry = int64(int32(in))
	}
	if s, ok := c.msghdrString(addr, c.slong(uint64(c.rec.Ret)), entry); ok {
		c.str(s)
		return
	}
	c.ptr(addr)
}

func (m Mmsghdr) render(c *ctx, v uint64) {
	addr := c.word(v)
	if addr == 0 {
		c.str("NULL")
		return
	}
	if c.failed() {
		c.ptr(addr)
		return
	}
	l := c.layout("mmsghdr")
	if l == nil {
		c.ptr(addr)
		return
	}
	count := int(c.slong(uint64(c.rec.Ret)))
	shown, more := c.arrayLimit(count)
	var parts []string
	for i := 0; i < shown; i++ {
		el := addr + uint64(i*l.Size)
		lb, err := c.mem.Read(el+uint64(l.off("msg_len")), 4)
		if err != nil {
			break
		}
		msgLen := c.uint(lb)
		budget := int64(-1)
		if m.Out {
			budget = int64(msgLen)
		}
		s, ok := c.msghdrString(el, budget, noNamelen)
		if !ok {
			break
		}
		parts = append(parts, fmt.Sprintf("{msg_hdr=%s, msg_len=%d}", s, msgLen))
	}
	if len(parts) == 0 {
		c.ptr(addr)
		return
	}
	if more {
		parts = append(parts, "...")
	}
	c.str("[" + strings.Join(parts, ", ") + "]")
}

// timeString renders a timeval or timespec (a 64-bit one when time64) at
// addr with the current memory, or "" when it cannot be read.
func (c *ctx) timeString(addr uint64, timespec, time64 bool) string {
	typ := "timeval"
	switch {
	case time64:
		typ = "timespec64"
	case timespec:
		typ = "timespec"
	}
	s := c.capture(func() { structs()[typ](c, addr, Struct{Type: typ}) })
	if !strings.HasPrefix(s, "{") {
		return ""
	}
	return s
}

// timespec64 is struct __kernel_timespec: 64-bit times on every arch.
func (c *ctx) timespec64(addr uint64, _ Struct) { c.timeStruct(addr, "__kernel_timespec", "tv_nsec") }

// pollfd is struct pollfd: fd, events, revents.
func (c *ctx) pollfds(addr uint64, n uint64, exit bool) (string, bool) {
	l := c.layout("pollfd")
	if n > 1<<16 || l == nil {
		return "", false
	}
	b, err := c.mem.Read(addr, int(n)*l.Size)
	if err != nil {
		return "", false
	}
	var parts []string
	shown, more := c.arrayLimit(int(n))
	for i := 0; i < int(n); i++ {
		e := b[i*l.Size:]
		fd := c.mu(e, l, "fd")
		ev, rev := c.mu(e, l, "events"), c.mu(e, l, "revents")
		if exit {
			if rev == 0 {
				continue
			}
			if len(parts) == shown {
				more = true
				break
			}
			// strace shows the ready fds without their paths.
			parts = append(parts, "{fd="+d10(int64(int32(fd)))+", revents="+c.xflags("poll_events", rev)+"}")
			continue
		}
		if i == shown {
			break
		}
		s := "{fd=" + c.capture(func() { c.fd(fd) })
		if int32(fd) >= 0 {
			s += ", events=" + c.xflags("poll_events", ev)
		}
		parts = append(parts, s+"}")
	}
	if exit {
		more = more && len(parts) == shown
	}
	if more {
		parts = append(parts, "...")
	}
	return "[" + strings.Join(parts, ", ") + "]", true
}

func (p PollFDs) render(c *ctx, v uint64) {
	addr := c.word(v)
	if addr == 0 {
		c.str("NULL")
		return
	}
	if s, ok := c.pollfds(addr, c.word(c.rec.Args[p.Count]), false); ok {
		c.str(s)
		return
	}
	c.ptr(addr)
}

func (p PollRet) render(c *ctx, v uint64) {
	r := c.slong(v)
	c.str(d10(r))
	if r == 0 {
		c.str(" (Timeout)")
		return
	}
	var parts []string
	if s, ok := c.pollfds(c.word(c.rec.Args[p.Fds]), c.word(c.rec.Args[p.Count]), true); ok {
		parts = append(parts, s)
	}
	if p.Timeout >= 0 {
		if t := c.word(c.rec.Args[p.Timeout]); t != 0 {
			if s := c.timeString(t, true, p.Time64); s != "" {
				parts = append(parts, "left "+s)
			}
		}
	}
	if len(parts) > 0 {
		c.str(" (" + strings.Join(parts, ", ") + ")")
	}
}

// maxFDSet bounds the fds of an fd_set read, as strace does.
const maxFDSet = 1024 * 1024

// fdSet reads the fd_set of nfds descriptors at addr and lists its fds.
func (c *ctx) fdSet(addr uint64, nfds int) ([]int, bool) {
	if nfds < 0 || nfds > maxFDSet {
		return nil, false
	}
	ws := c.wordSize()
	n := (nfds + 8*ws - 1) / (8 * ws) * ws
	b, err := c.mem.Read(addr, n)
	if err != nil {
		return nil, false
	}
	var fds []int
	for w := 0; w < n/ws; w++ {
		word := c.field(b, w*ws, ws)
		for bit := 0; bit < 8*ws && word != 0; bit++ {
			if word&(1<<bit) != 0 {
				if fd := w*8*ws + bit; fd < nfds {
					fds = append(fds, fd)
				}
			}
		}
	}
	return fds, true
}

// fdList prints fds as "[0 7]", with their paths under -y when decorate.
func (c *ctx) fdList(fds []int, decorate bool) string {
	return c.capture(func() {
		c.sb.WriteByte('[')
		for i, fd := range fds {
			if i > 0 {
				c.sb.WriteByte(' ')
			}
			if decorate {
				c.fd(uint64(fd))
			} else {
				c.str(strconv.Itoa(fd))
			}
		}
		c.sb.WriteByte(']')
	})
}

func (f FDSet) render(c *ctx, v uint64) {
	addr := c.word(v)
	if addr == 0 {
		c.str("NULL")
		return
	}
	fds, ok := c.fdSet(addr, int(int32(c.rec.Args[f.Nfds])))
	if !ok {
		c.ptr(addr)
		return
	}
	c.str(c.fdList(fds, true))
}

func (s SelectRet) render(c *ctx, v uint64) {
	r := c.slong(v)
	c.str(d10(r))
	if r == 0 {
		c.str(" (Timeout)")
		return
	}
	nfds := int(int32(c.rec.Args[s.Nfds]))
	var parts []string
	for i, name := range []string{"in", "out", "except"} {
		addr := c.word(c.rec.Args[s.Sets[i]])
		if addr == 0 {
			continue
		}
		fds, ok := c.fdSet(addr, nfds)
		if !ok || len(fds) == 0 {
			continue
		}
		// strace shows the ready fds without their paths.
		parts = append(parts, name+" "+c.fdList(fds, false))
	}
	if t := c.word(c.rec.Args[s.Timeout]); t != 0 {
		if ts := c.timeString(t, s.Timespec, s.Time64); ts != "" {
			parts = append(parts, "left "+ts)
		}
	}
	if len(parts) > 0 {
		c.str(" (" + strings.Join(parts, ", ") + ")")
	}
}

// pselect6Sig is pselect6's sixth argument: a sigset pointer and size.
func (c *ctx) pselect6Sig(addr uint64, _ Struct) {
	ws := c.wordSize()
	b, ok := c.fetch(addr, 2*ws)
	if !ok {
		return
	}
	set, size := c.field(b, 0, ws), c.field(b, ws, ws)
	var ss string
	switch {
	case set == 0:
		ss = "NULL"
	case size == 0 || size > 128 || size%4 != 0:
		ss = hex(set)
	default:
		sb, err := c.mem.Read(set, int(size))
		if err != nil {
			ss = hex(set)
		} else {
			ss = sigsetString(c, sb)
		}
	}
	c.fields("sigmask", ss, "sigsetsize", u10(size))
}

func (c *ctx) epollEventString(b []byte, l *Layout) string {
	data := c.mu(b, l, "data")
	return fmt.Sprintf("{events=%s, data={u32=%d, u64=%d}}",
		c.xflags("epoll_events", c.mu(b, l, "events")), uint32(data), data)
}

func (c *ctx) epollEvent(addr uint64, _ Struct) {
	l := c.layout("epoll_event")
	if l == nil {
		c.ptr(addr)
		return
	}
	b, ok := c.fetch(addr, l.Size)
	if !ok {
		return
	}
	c.str(c.epollEventString(b, l))
}

// epollEvents renders epoll_wait's array: as many events as it returned.
func (c *ctx) epollEvents(addr uint64, _ Struct) {
	n := int(c.slong(uint64(c.rec.Ret)))
	l := c.layout("epoll_event")
	if l == nil || n < 0 || n > 1<<16 {
		c.ptr(addr)
		return
	}
	b, ok := c.fetch(addr, n*l.Size)
	if !ok {
		return
	}
	shown, more := c.arrayLimit(n)
	parts := make([]string, 0, shown+1)
	for i := 0; i < shown; i++ {
		parts = append(parts, c.epollEventString(b[i*l.Size:], l))
	}
	if more {
		parts = append(parts, "...")
	}
	c.str("[" + strings.Join(parts, ", ") + "]")
}

// termios renders the kernel's struct termios (asm-generic/termbits.h):
// four flag words, c_line, c_cc[19]. strace prints the flag words with
// their fields first and an empty list for no flags.
func (c *ctx) termios(addr uint64, _ Struct) {
	l := c.layout("termios")
	if l == nil {
		c.ptr(addr)
		return
	}
	b, ok := c.fetch(addr, l.Size)
	if !ok {
		return
	}
	arch := c.rec.Arch
	// Each part prints in the -X style: "0x500 /* ICRNL|IXON */" under
	// -X verbose; an empty flags part prints nothing in every style.
	flags := func(set string, v uint64) string {
		if v == 0 {
			return ""
		}
		return c.xflags(set, v)
	}
	iflag, oflag, cflag, lflag := c.mu(b, l, "c_iflag"), c.mu(b, l, "c_oflag"), c.mu(b, l, "c_cflag"), c.mu(b, l, "c_lflag")
	var o strings.Builder
	for _, f := range []struct {
		mask  uint64
		names []string
	}{
		{0o400, []string{"NL0", "NL1"}},
		{0o3000, []string{"CR0", "CR1", "CR2", "CR3"}},
		{0o14000, []string{"TAB0", "TAB1", "TAB2", "XTABS"}},
		{0o20000, []string{"BS0", "BS1"}},
		{0o40000, []string{"VT0", "VT1"}},
		{0o100000, []string{"FF0", "FF1"}},
	} {
		shift := 0
		for f.mask>>shift&1 == 0 {
			shift++
		}
		o.WriteString(c.styled(hex(oflag&f.mask), f.names[oflag&f.mask>>shift]) + "|")
	}
	o.WriteString(flags("term_oflags", oflag&^0o177400))
	var cf strings.Builder
	cf.WriteString(c.xenum("baud_options", cflag&0o10017) + "|")
	if ib := cflag >> 16 & 0o10017; ib != 0 {
		cf.WriteString(c.xenum("baud_options", ib) + "<<IBSHIFT|")
	}
	cf.WriteString(c.xenum("term_csize", cflag&0o60) + "|")
	cf.WriteString(flags("term_cflags", cflag&^(0o10017|0o10017<<16|0o60)))
	kv := []string{"c_iflag", flags("term_iflags", iflag), "c_oflag", o.String(), "c_cflag", cf.String(),
		"c_lflag", flags("term_lflags", lflag)}
	if !c.opts.Verbose {
		c.fields(append(kv, "", "...")...)
		return
	}
	var cc strings.Builder
	cc.WriteByte('[')
	for i := 0; ; i++ {
		m := "c_cc[" + strconv.Itoa(i) + "]"
		if !l.has(m) {
			break
		}
		if i > 0 {
			cc.WriteString(", ")
		}
		name := strconv.Itoa(i)
		if i < len(termCC) {
			name = termCC[i]
		}
		cc.WriteString("[" + name + "]=" + hex(c.mu(b, l, m)))
	}
	cc.WriteByte(']')
	c.fields(append(kv, "c_line", formatEnum("line_disciplines", c.mu(b, l, "c_line"), arch), "c_cc", cc.String())...)
}

// charPtr is one byte to print as a string (TIOCSTI).
func (c *ctx) charPtr(addr uint64, _ Struct) { c.readBuf(addr, 1, false) }

// IoctlReq is an ioctl request: every name of its number ("SNDCTL_TMR_START
// or TCSETS"), or its _IOC() decoding.
type IoctlReq struct{}

func (IoctlReq) render(c *ctx, v uint64) {
	v = uint64(uint32(v))
	var names []string
	for _, set := range []string{"ioctl_aliases", "ioctl_requests"} {
		if n := xlats()[set].lookup(v, c.rec.Arch); n != "" {
			names = append(names, n)
		}
	}
	if len(names) > 0 {
		c.str(c.styled(hex(v), strings.Join(names, " or ")))
		return
	}
	// include/uapi/asm-generic/ioctl.h: dir(2) size(14) type(8) nr(8).
	dir := []string{"_IOC_NONE", "_IOC_WRITE", "_IOC_READ", "_IOC_READ|_IOC_WRITE"}[v>>30]
	c.str(c.styled(hex(v), fmt.Sprintf("_IOC(%s, %s, %s, %s)", dir, hex(v>>8&0xff), hex(v&0xff), hex(v>>16&0x3fff))))
}

// Off64 is a 64-bit file offset; a 32-bit tracee passes its high half in
// register Hi (preadv's pos_h).
type Off64 struct{ Hi int }

func (o Off64) render(c *ctx, v uint64) {
	if c.wordSize() == 4 {
		c.str(d10(int64(uint64(uint32(v)) | uint64(uint32(c.rec.Args[o.Hi]))<<32)))
		return
	}
	c.str(d10(int64(v)))
}

// subcall resolves a multiplexed call to the one it stands for, as strace
// prints it: socketcall(call, args) reads the call's arguments from
// memory at args, ipc(call, ...) shifts its own down by one, and i386's
// old select reads its five from memory too. ok is false for any other
// call, or when the arguments cannot be read (strace then prints the
// multiplexer itself).
func subcall(rec *pcapng.Record, arch *Arch, name string, mem Memory) (sub string, nargs int, args [6]uint64, ok bool) {
	if arch == nil || mem == nil {
		return "", 0, args, false
	}
	fromMemory := func(addr uint64, n int) bool {
		ws := arch.WordSize
		b, err := mem.Read(addr, n*ws)
		if err != nil {
			return false
		}
		c := &ctx{arch: arch}
		for i := 0; i < n && i < 6; i++ {
			args[i] = c.uint(b[i*ws : (i+1)*ws])
		}
		return true
	}
	switch {
	case name == "socketcall":
		s, found := arch.SocketSubcalls[int(uint32(rec.Args[0]))]
		if !found || !fromMemory(uint64(uint32(rec.Args[1])), s.NArgs) {
			return "", 0, args, false
		}
		return s.Name, s.NArgs, args, true
	case name == "ipc":
		s, found := arch.IPCSubcalls[int(rec.Args[0]&0xffff)]
		if !found {
			return "", 0, args, false
		}
		copy(args[:], rec.Args[1:])
		return s.Name, s.NArgs, args, true
	case name == "mmap" && arch.Audit == AuditArchI386:
		// old_mmap: one pointer to struct mmap_arg_struct.
		if !fromMemory(uint64(uint32(rec.Args[0])), 6) {
			return "", 0, args, false
		}
		return "mmap", 6, args, true
	case name == "select" && arch.Audit == AuditArchI386:
		// old_select: one pointer to struct sel_arg_struct.
		if !fromMemory(uint64(uint32(rec.Args[0])), 5) {
			return "", 0, args, false
		}
		return "select", 5, args, true
	}
	return "", 0, args, false
}

// useArgs makes the ctx render the arguments of cl's real call: a copy of
// the record whose registers are those arguments. Memory reads still go
// to the record itself, through c.mem.
func (c *ctx) useArgs(cl callPlan) {
	if cl.args == nil || c.rec.Args == *cl.args {
		return
	}
	r := *c.rec
	r.Args = *cl.args
	c.rec = &r
}

// SockType is socket's type: a known type and the flags, or when the type
// is unknown the whole value as flags ("0x4d /* SOCK_??? */"), as
// strace's tprint_sock_type prints it.
type SockType struct{}

func (SockType) render(c *ctx, v uint64) {
	v = uint64(uint32(v))
	if n := xlats()["socket_types"].lookup(v&0xf, c.rec.Arch); n != "" {
		s := c.styled(hex(v&0xf), n)
		if rest := v &^ 0xf; rest != 0 {
			s += "|" + c.xflags("sock_flags", rest)
		}
		c.str(s)
		return
	}
	s := formatFlags("sock_flags", v, c.rec.Arch)
	switch {
	case c.opts.Xlat == XlatRaw:
		s = hex(v)
	case s == hex(v):
		s += " /* SOCK_??? */"
	default:
		s = c.styled(hex(v), s)
	}
	c.str(s)
}

// PageOffset is mmap2's offset in 4096-byte pages, printed in bytes.
type PageOffset struct{}

func (PageOffset) render(c *ctx, v uint64) { c.str(hex(c.word(v) * 4096)) }

// DecEnum is an enum whose unknown values print in decimal (socketcall's
// call number).
type DecEnum struct{ Set string }

func (e DecEnum) render(c *ctx, v uint64) {
	v = uint64(uint32(v))
	if n := xlats()[e.Set].lookup(v, c.rec.Arch); n != "" {
		c.str(c.styled(u10(v), n))
		return
	}
	c.str(u10(v))
}

// IPCKey is a SysV IPC key: IPC_PRIVATE or hex.
type IPCKey struct{}

func (IPCKey) render(c *ctx, v uint64) {
	if uint32(v) == 0 {
		c.str("IPC_PRIVATE")
		return
	}
	c.printf("%#x", uint32(v))
}

// IPCFlags are the flags of semget, shmget and msgget: IPC_CREAT and
// friends, then the permission bits in octal.
type IPCFlags struct{}

func (IPCFlags) render(c *ctx, v uint64) {
	v = uint64(uint32(v))
	perm := v & 0o777
	var parts []string
	if f := v &^ 0o777; f != 0 {
		parts = append(parts, c.xflags("ipc_flags", f))
	}
	parts = append(parts, fmt.Sprintf("%#03o", perm))
	c.str(strings.Join(parts, "|"))
}

// userDesc is struct user_desc: three words, then bit-fields; lm exists
// only for 64-bit tracees. strace shows entry_number signed.
func (c *ctx) userDesc(addr uint64, _ Struct) {
	l := c.layout("user_desc")
	if l == nil {
		c.ptr(addr)
		return
	}
	b, ok := c.fetch(addr, l.Size)
	if !ok {
		return
	}
	kv := []string{"entry_number", d10(c.ms(b, l, "entry_number")), "base_addr", cHex08(c.mu(b, l, "base_addr")),
		"limit", cHex08(c.mu(b, l, "limit"))}
	for _, n := range [...]string{"seg_32bit", "contents", "read_exec_only", "limit_in_pages", "seg_not_present", "useable", "lm"} {
		if l.has(n) {
			kv = append(kv, n, u10(c.mu(b, l, n)))
		}
	}
	c.fields(kv...)
}

// ThreadAreaRet is set_thread_area's result: the entry the kernel chose
// when the caller asked for any (entry_number -1).
type ThreadAreaRet struct{ Arg int }

func (t ThreadAreaRet) render(c *ctx, v uint64) {
	c.str(d10(c.slong(v)))
	addr := c.word(c.rec.Args[t.Arg])
	if in, ok := c.entryInt(addr); !ok || in != 0xffffffff {
		return
	}
	if b, err := c.mem.Read(addr, 4); err == nil {
		c.printf(" (entry_number=%d)", int32(c.uint(b)))
	}
}

// rlimitNative is struct rlimit in the tracee's words (getrlimit,
// ugetrlimit): RLIM_INFINITY is all ones.
func (c *ctx) rlimitNative(addr uint64, _ Struct) {
	l := c.layout("rlimit")
	if l == nil {
		c.ptr(addr)
		return
	}
	b, ok := c.fetch(addr, l.Size)
	if !ok {
		return
	}
	lim := func(v uint64) string {
		if v == c.word(^uint64(0)) {
			return c.styled(u10(v), "RLIM_INFINITY")
		}
		return c.styled(u10(v), rlimValue(v))
	}
	c.fields("rlim_cur", lim(c.mu(b, l, "rlim_cur")), "rlim_max", lim(c.mu(b, l, "rlim_max")))
}

// cHex08 formats v as C's "%#08x": eight characters with the 0x, and no
// 0x at all for zero.
func cHex08(v uint64) string {
	if v == 0 {
		return "00000000"
	}
	d := strconv.FormatUint(v, 16)
	if len(d) < 6 {
		d = strings.Repeat("0", 6-len(d)) + d
	}
	return "0x" + d
}

// CallName returns the name a syscall record prints under: its syscall's,
// or for a call multiplexed through i386's socketcall or ipc the call it
// stands for, as strace prints and counts it (strace -c); "" when the
// arch or number is unknown.
func CallName(rec *pcapng.Record) string {
	arch := ArchByAudit(rec.Arch)
	if arch == nil {
		return ""
	}
	name := arch.SyscallName(rec.Nr)
	if sub, _, _, ok := subcall(rec, arch, name, NewReplay(rec, false)); ok {
		return sub
	}
	return name
}
