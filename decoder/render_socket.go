package decoder

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
)

// Socket calls' arguments: addresses, socklen, options, protocols, types.

// netStructs are the struct renderers of the socket, poll, ioctl and i386 files.
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

// Kinds of socket arguments whose rendering needs more than one register
// or memory of both phases. Each names the registers it reads, so
// descriptions stay declarative.
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
	switch s.Type {
	case "socket_address_out":
		c.entryInt(c.word(c.rec.Args[s.LenArg]))
	case "ifreq_get", "ifconf": // shown at exit with their entry values
		if l := c.layout(strings.TrimSuffix(s.Type, "_get")); l != nil {
			c.entryBytes(c.word(v), l.Size)
		}
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
