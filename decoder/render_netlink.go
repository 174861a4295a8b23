package decoder

import (
	"encoding/binary"
	"strings"
)

// Netlink messages in the data of a netlink socket's calls, printed as
// strace 6.1's decode_netlink prints them (src/netlink.c, nlattr.c,
// netlink_route.c). Every structure is read on its own, as strace's
// umove does, so a capture holds exactly what any later decoding reads.

const (
	nlmsgHdrLen  = 16 // NLMSG_HDRLEN: struct nlmsghdr, the same on every arch
	nlaHdrLen    = 4  // NLA_HDRLEN: struct nlattr
	nlmsgMinType = 0x10
	nlmsgError   = 2
	nlmsgDone    = 3
	nlmFCapped   = 0x100
	nlaFNested   = 1 << 15
	nlaFNetOrder = 1 << 14

	netlinkRoute    = 0
	netlinkSockDiag = 4
	netlinkXfrm     = 6
	netlinkAudit    = 9

	netlinkKobjectUevent = 15
	rtmDelAction         = 49
)

// netlinkSocket says whether fd is a netlink socket (the kernel names its
// protocol "NETLINK") and, when the capture holds its details, its
// netlink protocol; -1 when it does not, as strace's get_fd_nl_family.
// It asks at entry (an exit argument peeks at it then), so a call's data
// read at exit costs no second copy of the fd's details.
func (c *ctx) netlinkSocket(fd int32) (family int, ok bool) {
	m := c.mem
	if c.exit {
		m = entryMemory(c.mem)
	}
	if m == nil || fd < 0 {
		return 0, false
	}
	p, ok := m.FDPath(fd)
	if !ok || !strings.HasPrefix(p, "socket:") {
		return 0, false
	}
	d, ok := m.FDInfo(fd, p)
	if !ok {
		return 0, false
	}
	f, ok := ParseFDInfo(d)
	if !ok || f.Kind != FDInfoSocket || f.Proto != "NETLINK" {
		return 0, false
	}
	if f.Family != afNetlink {
		return -1, true
	}
	return int(f.NetlinkProto), true
}

// ifindex prints a network interface index as strace's print_ifindex:
// if_nametoindex("lo") when the capturing host named it, else the number.
func (c *ctx) ifindex(v uint64) {
	if v != 0 && c.mem != nil {
		if name, ok := c.mem.IfName(uint32(v)); ok {
			var q strings.Builder
			quote(&q, []byte(name), false)
			c.str(c.styled(u10(v), "if_nametoindex("+q.String()+")"))
			return
		}
	}
	c.udec(v)
}

// udevHeaderLen is sizeof(struct udev_monitor_netlink_header), libudev's
// header of the events it forwards (strace's netlink_kobject_uevent.h).
const udevHeaderLen = 40

// uevent prints a NETLINK_KOBJECT_UEVENT message: the kernel's is text,
// libudev's a header, then text.
func (c *ctx) uevent(addr, n uint64) {
	if addr == 0 || n < udevHeaderLen || c.exit && c.failed() {
		c.readBuf(addr, n, false)
		return
	}
	b, err := c.mem.Read(addr, udevHeaderLen)
	if err != nil || string(b[:8]) != "libudev\x00" {
		c.readBuf(addr, n, false)
		return
	}
	if n > udevHeaderLen {
		c.sb.WriteByte('[')
	}
	c.str(`{prefix="libudev", magic=htonl(`)
	c.hex(uint64(binary.BigEndian.Uint32(b[8:12])))
	c.str(")")
	for i, name := range []string{"header_size", "properties_off", "properties_len"} {
		c.str(", " + name + "=")
		c.udec(c.uint(b[12+4*i : 16+4*i]))
	}
	for i, name := range []string{"filter_subsystem_hash", "filter_devtype_hash", "filter_tag_bloom_hi", "filter_tag_bloom_lo"} {
		c.str(", " + name + "=htonl(")
		c.hex(uint64(binary.BigEndian.Uint32(b[24+4*i : 28+4*i])))
		c.str(")")
	}
	c.sb.WriteByte('}')
	if n > udevHeaderLen {
		c.str(", ")
		c.readBuf(addr+udevHeaderLen, n-udevHeaderLen, false)
		c.sb.WriteByte(']')
	}
}

// peek asks at entry whether a netlink buffer read at exit is a netlink
// socket's.
func (b Buf) peek(c *ctx, _ uint64) {
	if b.Netlink {
		c.netlinkSocket(int32(c.rec.Args[0]))
	}
}

// tlvList walks a list of netlink messages or attributes of n bytes at
// addr, as decode_netlink and decode_nlattr do: each element starts with a
// header of hdr bytes whose length field lenOf reads, the next element
// starts at that length aligned to 4, and the list prints in brackets
// once a second element follows. elem prints one element, given the bytes
// left from its start.
func (c *ctx) tlvList(addr, n uint64, hdr int, lenOf func([]byte) uint64, elem func(addr, n uint64, b []byte)) {
	inArray := false
	for elt := 0; ; elt++ {
		if n < uint64(hdr) {
			c.readBuf(addr, n, true)
			break
		}
		b, err := c.mem.Read(addr, hdr)
		if err != nil {
			if inArray {
				c.str("... /* ")
				c.hex(addr)
				c.str(" */")
			} else {
				c.ptr(addr)
			}
			break
		}
		if !c.opts.Verbose && elt == c.limit {
			c.str("...")
			break
		}
		l := lenOf(b)
		// The kernel's unsigned int: a length near 4G wraps to 0.
		aligned := uint64(uint32(l+3) &^ 3)
		var next, nextLen uint64
		if l >= uint64(hdr) {
			if n >= aligned {
				nextLen = n - aligned
			}
			if nextLen != 0 && addr+aligned > addr {
				next = addr + aligned
			}
		}
		if !inArray && next != 0 {
			c.sb.WriteByte('[')
			inArray = true
		}
		elem(addr, n, b)
		if next == 0 {
			break
		}
		c.str(", ")
		addr, n = next, nextLen
	}
	if inArray {
		c.sb.WriteByte(']')
	}
}

// netlink prints n bytes of netlink messages at addr of a socket of
// netlink protocol family (-1 when unknown).
func (c *ctx) netlink(addr, n uint64, family int) {
	addr = c.word(addr)
	if family == netlinkKobjectUevent {
		c.uevent(addr, n)
		return
	}
	c.tlvList(addr, n, nlmsgHdrLen, func(b []byte) uint64 { return c.uint(b[0:4]) },
		func(addr, n uint64, b []byte) { c.nlmsg(addr, n, b, family) })
}

// nlmsg prints one message, its header b and its payload: "[{nlmsg_len=...}, payload]".
func (c *ctx) nlmsg(addr, n uint64, b []byte, family int) {
	l := min(c.uint(b[0:4]), n)
	if l > nlmsgHdrLen {
		c.sb.WriteByte('[')
	}
	typ, flags := c.uint(b[4:6]), c.uint(b[6:8])
	c.str("{nlmsg_len=")
	c.udec(c.uint(b[0:4]))
	c.str(", nlmsg_type=")
	c.enum(nlmsgTypeSet(typ, family), typ)
	c.str(", nlmsg_flags=")
	c.flags(nlmsgFlagSet(typ, family), flags)
	c.str(", nlmsg_seq=")
	c.udec(c.uint(b[8:12]))
	c.str(", nlmsg_pid=")
	c.dec(int64(int32(c.uint(b[12:16]))))
	c.sb.WriteByte('}')
	if l > nlmsgHdrLen {
		c.str(", ")
		c.nlPayload(addr+nlmsgHdrLen, l-nlmsgHdrLen, typ, flags, family)
		c.sb.WriteByte(']')
	}
}

// nlmsgTypeSet is the set nlmsg_type's value is in: the control messages
// below NLMSG_MIN_TYPE are every protocol's.
func nlmsgTypeSet(typ uint64, family int) string {
	if typ >= nlmsgMinType {
		switch family {
		case netlinkRoute:
			return "nl_route_types"
		case netlinkSockDiag:
			return "nl_sock_diag_types"
		case netlinkXfrm:
			return "nl_xfrm_types"
		case netlinkAudit:
			return "nl_audit_types"
		}
	}
	return "netlink_types"
}

// nlmsgFlagSet is the set of nlmsg_flags: the common flags and those of
// the kind of request (new, delete, get) the type is.
func nlmsgFlagSet(typ uint64, family int) string {
	switch {
	case typ < nlmsgMinType:
		if typ == nlmsgError {
			return "netlink_ack_flags"
		}
	case family == netlinkSockDiag:
		return "netlink_get_flags"
	case family == netlinkRoute:
		if typ == rtmDelAction {
			return "netlink_get_flags"
		}
		switch typ & 3 {
		case 0:
			return "netlink_new_flags"
		case 1:
			return "netlink_delete_flags"
		case 2:
			return "netlink_get_flags"
		}
	case family == netlinkXfrm:
		switch typ {
		case 0x10, 0x13, 0x1e, 0x22, 0x24: // XFRM_MSG_NEW{SA,POLICY,AE,SADINFO,SPDINFO}
			return "netlink_new_flags"
		case 0x11, 0x14: // XFRM_MSG_DEL{SA,POLICY}
			return "netlink_delete_flags"
		case 0x12, 0x15, 0x1f, 0x23, 0x25: // XFRM_MSG_GET{SA,POLICY,AE,SADINFO,SPDINFO}
			return "netlink_get_flags"
		}
	}
	return "netlink_flags"
}

// nlPayload prints the n bytes after a message's header.
func (c *ctx) nlPayload(addr, n, typ, flags uint64, family int) {
	if typ == nlmsgError {
		c.nlmsgerr(addr, n, flags&nlmFCapped != 0, family)
		return
	}
	// NLMSG_DONE goes to a protocol's decoder in strace too, but both
	// of these decline it.
	if typ >= nlmsgMinType {
		switch family {
		case netlinkRoute:
			c.rtnetlink(addr, n, typ)
			return
		case netlinkSockDiag:
			c.sockDiag(addr, n, typ, flags)
			return
		}
	}
	if typ == nlmsgDone && n == 4 {
		if b, ok := c.fetch(addr, 4); ok {
			c.dec(int64(int32(c.uint(b))))
		}
		return
	}
	c.readBuf(addr, n, true)
}

// nlmsgerr prints an NLMSG_ERROR's struct nlmsgerr: the error and the
// header of the message it answers (with its payload unless capped), then
// any extended ack attributes.
func (c *ctx) nlmsgerr(addr, n uint64, capped bool, family int) {
	const size = 4 + nlmsgHdrLen
	if n < size {
		c.readBuf(addr, n, true)
		return
	}
	b, ok := c.fetch(addr, size)
	if !ok {
		return
	}
	errv := int64(int32(c.uint(b[0:4])))
	msg := b[4:size]
	addr, n = addr+4, n-4
	payload := uint64(nlmsgHdrLen)
	if !capped {
		payload = max(payload, c.uint(msg[0:4]))
	}
	payload = min(payload, n)
	if n > payload {
		c.sb.WriteByte('[')
	}
	c.str("{error=")
	c.nlErrno(errv)
	c.str(", msg=")
	c.nlmsg(addr, payload, msg, family)
	c.sb.WriteByte('}')
	if n > payload {
		c.str(", ")
		c.nlattrs(addr+payload, n-payload, "nlmsgerr_attrs", func(typ uint64) nlaDecoder {
			switch typ {
			case 1: // NLMSGERR_ATTR_MSG
				return (*ctx).nlaStr
			case 2: // NLMSGERR_ATTR_OFFS
				return (*ctx).nlaU32
			}
			return nil
		})
		c.sb.WriteByte(']')
	}
}

// nlErrno prints an error field as strace's print_err: "-ENODEV".
func (c *ctx) nlErrno(v int64) {
	name := ""
	if v < 0 && v > -4096 {
		name = ErrnoName(int(-v))
	}
	if name == "" {
		c.dec(v)
		return
	}
	c.str(c.styled(d10(v), "-"+name))
}
