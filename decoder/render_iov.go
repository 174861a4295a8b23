package decoder

import (
	"fmt"
	"math"
	"strings"
)

// Vectored I/O and messages: iovecs with their data, msghdr, mmsghdr, cmsgs.

// Kinds of vectored I/O and message arguments.
type (
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
)

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
