package decoder

import (
	"encoding/binary"
	"fmt"
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

// nlaDecoder prints an attribute's n bytes of data at addr; false prints
// them as a hex string instead.
type nlaDecoder func(c *ctx, addr, n uint64) bool

// nlattrs prints a list of attributes whose types are values of set;
// decoder picks the decoder of a type.
func (c *ctx) nlattrs(addr, n uint64, set string, decoder func(typ uint64) nlaDecoder) {
	c.tlvList(addr, n, nlaHdrLen, func(b []byte) uint64 { return c.uint(b[0:2]) },
		func(addr, n uint64, b []byte) {
			l := min(c.uint(b[0:2]), n)
			if l > nlaHdrLen {
				c.sb.WriteByte('[')
			}
			typ := c.uint(b[2:4])
			c.str("{nla_len=")
			c.udec(c.uint(b[0:2]))
			c.str(", nla_type=")
			if typ&nlaFNested != 0 {
				c.str(c.styled("0x8000", "NLA_F_NESTED"))
				c.sb.WriteByte('|')
			}
			if typ&nlaFNetOrder != 0 {
				c.str(c.styled("0x4000", "NLA_F_NET_BYTEORDER"))
				c.sb.WriteByte('|')
			}
			typ &^= nlaFNested | nlaFNetOrder
			c.enum(set, typ)
			c.sb.WriteByte('}')
			if l > nlaHdrLen {
				c.str(", ")
				var d nlaDecoder
				if decoder != nil {
					d = decoder(typ)
				}
				if d == nil || !d(c, addr+nlaHdrLen, l-nlaHdrLen) {
					c.readBuf(addr+nlaHdrLen, l-nlaHdrLen, true)
				}
				c.sb.WriteByte(']')
			}
		})
}

// nlaStr prints a string attribute without its trailing NUL, as strace's
// decode_nla_str; a string that lacks one ends in "...".
func (c *ctx) nlaStr(addr, n uint64) bool {
	size := min(n, uint64(c.limit))
	b, err := c.mem.Read(addr, int(size))
	if err != nil {
		c.ptr(addr)
		return true
	}
	// Under -x the trailing NUL counts as unprintable: the string then
	// prints whole in hex, NUL included, and ends in "...".
	if size > 0 && b[size-1] == 0 && !c.hexString(b) {
		c.quote(b[:size-1], false)
		return true
	}
	c.quote(b, false)
	if n > 0 {
		c.str("...")
	}
	return true
}

// hexString says whether quote prints b in hex: always under -xx, under
// -x when b holds an unprintable byte.
func (c *ctx) hexString(b []byte) bool {
	switch {
	case c.opts.HexStrings >= 2:
		return true
	case c.opts.HexStrings == 1:
		for _, x := range b {
			if x > 0x7e || (x < ' ' && (x < '\t' || x > '\r')) {
				return true
			}
		}
	}
	return false
}

// styledBytes prints what an address's bytes b mean, text, in the -X
// style: the text (abbrev), the bytes in hex (raw), or both (verbose:
// "\x7f\x00\x00\x01" /* inet_addr("127.0.0.1") */).
func (c *ctx) styledBytes(b []byte, text string) {
	if c.opts.Xlat == XlatAbbrev {
		c.str(text)
		return
	}
	c.quote(b, true)
	if c.opts.Xlat == XlatVerbose {
		c.str(" /* " + text + " */")
	}
}

// nlaU32 prints a u32 attribute; a shorter one is a hex string.
func (c *ctx) nlaU32(addr, n uint64) bool {
	if n < 4 {
		return false
	}
	if b, ok := c.fetch(addr, 4); ok {
		c.udec(c.uint(b))
	}
	return true
}

// nlaU8 prints a u8 attribute.
func (c *ctx) nlaU8(addr, n uint64) bool {
	if n < 1 {
		return false
	}
	if b, ok := c.fetch(addr, 1); ok {
		c.udec(uint64(b[0]))
	}
	return true
}

// nlaFlags32 returns a decoder of a u32 attribute that is a bitmask of set.
func nlaFlags32(set string) nlaDecoder {
	return func(c *ctx, addr, n uint64) bool {
		if n < 4 {
			return false
		}
		if b, ok := c.fetch(addr, 4); ok {
			c.flags(set, c.uint(b))
		}
		return true
	}
}

// nlaInetAddr returns a decoder of an address of family: inet_addr("...")
// or inet_pton(AF_INET6, "..."), as strace's decode_inet_addr.
func nlaInetAddr(family uint64) nlaDecoder {
	return func(c *ctx, addr, n uint64) bool {
		switch {
		case family == 2 && n >= 4:
			if b, ok := c.fetch(addr, 4); ok {
				c.styledBytes(b, fmt.Sprintf("inet_addr(\"%d.%d.%d.%d\")", b[0], b[1], b[2], b[3]))
			}
			return true
		case family == 10 && n >= 16:
			if b, ok := c.fetch(addr, 16); ok {
				c.styledBytes(b, "inet_pton(AF_INET6, \""+inet6String(b)+"\")")
			}
			return true
		}
		return false
	}
}

// nlaIfindex prints an interface index attribute.
func (c *ctx) nlaIfindex(addr, n uint64) bool {
	if n < 4 {
		return false
	}
	if b, ok := c.fetch(addr, 4); ok {
		c.ifindex(c.uint(b))
	}
	return true
}

// nlaU64 prints a u64 attribute.
func (c *ctx) nlaU64(addr, n uint64) bool {
	if n < 8 {
		return false
	}
	if b, ok := c.fetch(addr, 8); ok {
		c.udec(c.uint(b))
	}
	return true
}

// nlaS32 prints an s32 attribute.
func (c *ctx) nlaS32(addr, n uint64) bool {
	if n < 4 {
		return false
	}
	if b, ok := c.fetch(addr, 4); ok {
		c.dec(int64(int32(c.uint(b))))
	}
	return true
}

// nlaU32s returns a decoder printing a structure of u32 fields named
// names, when the attribute holds it whole (struct ifa_cacheinfo).
func nlaU32s(names ...string) nlaDecoder {
	return func(c *ctx, addr, n uint64) bool {
		if n < uint64(4*len(names)) {
			return false
		}
		b, ok := c.fetch(addr, 4*len(names))
		if !ok {
			return true
		}
		c.sb.WriteByte('{')
		for i, name := range names {
			if i > 0 {
				c.str(", ")
			}
			c.str(name)
			c.sb.WriteByte('=')
			c.udec(c.uint(b[4*i : 4*i+4]))
		}
		c.sb.WriteByte('}')
		return true
	}
}

// Sizes of the NETLINK_ROUTE message headers (include/uapi/linux/
// rtnetlink.h, if_link.h, if_addr.h), the same on every arch.
const (
	ifinfomsgLen = 16
	ifaddrmsgLen = 8
	rtmsgLen     = 12
)

// rtnetlink prints the payload of a NETLINK_ROUTE message of type typ,
// as strace's decode_netlink_route: a header picked by the type, then
// its attributes; a type without a decoder shows its family and data.
func (c *ctx) rtnetlink(addr, n, typ uint64) {
	b, ok := c.fetch(addr, 1)
	if !ok {
		return
	}
	fam := uint64(b[0])
	switch typ {
	case 16, 17, 18, 19: // RTM_*LINK
		c.rtnlHeader(addr, n, fam, "ifi_family", ifinfomsgLen, "rtnl_link_attrs", func(b []byte) {
			c.str(", ifi_type=")
			c.enum("arp_hardware_types", c.uint(b[2:4]))
			c.str(", ifi_index=")
			c.ifindex(c.uint(b[4:8]))
			c.str(", ifi_flags=")
			c.flags("iffflags", c.uint(b[8:12]))
			c.str(", ifi_change=")
			c.hex(c.uint(b[12:16]))
		}, linkAttrs(fam))
	case 20, 21, 22, 58, 62: // RTM_*ADDR, RTM_GETMULTICAST, RTM_GETANYCAST
		c.rtnlHeader(addr, n, fam, "ifa_family", ifaddrmsgLen, "rtnl_addr_attrs", func(b []byte) {
			c.str(", ifa_prefixlen=")
			c.udec(uint64(b[1]))
			c.str(", ifa_flags=")
			c.flags("ifaddrflags", uint64(b[2]))
			c.str(", ifa_scope=")
			c.enum("routing_scopes", uint64(b[3]))
			c.str(", ifa_index=")
			c.ifindex(c.uint(b[4:8]))
		}, addrAttr(fam))
	case 24, 25, 26: // RTM_*ROUTE
		c.rtnlHeader(addr, n, fam, "rtm_family", rtmsgLen, "rtnl_route_attrs", func(b []byte) {
			c.str(", rtm_dst_len=")
			c.udec(uint64(b[1]))
			c.str(", rtm_src_len=")
			c.udec(uint64(b[2]))
			c.str(", rtm_tos=")
			c.flags("ip_type_of_services", uint64(b[3]))
			c.str(", rtm_table=")
			c.enum("routing_table_ids", uint64(b[4]))
			c.str(", rtm_protocol=")
			c.enum("routing_protocols", uint64(b[5]))
			c.str(", rtm_scope=")
			c.enum("routing_scopes", uint64(b[6]))
			c.str(", rtm_type=")
			c.enum("routing_types", uint64(b[7]))
			c.str(", rtm_flags=")
			c.flags("routing_flags", c.uint(b[8:12]))
		}, routeAttr(fam))
	case 30: // RTM_GETNEIGH: a bridge's asks by link
		if fam == afBridge {
			c.rtnetlink(addr, n, 18)
			return
		}
		c.ndmsg(addr, n, fam)
	case 28, 29: // RTM_NEWNEIGH, RTM_DELNEIGH
		c.ndmsg(addr, n, fam)
	case 32, 33, 34: // RTM_*RULE
		c.fibRuleHdr(addr, n, fam)
	default:
		c.str("{family=")
		c.enum("address_families", fam)
		if n > 1 {
			c.str(", data=")
			c.readBuf(addr+1, n-1, true)
		}
		c.sb.WriteByte('}')
	}
}

// fibRuleHdrLen is sizeof(struct fib_rule_hdr) (include/uapi/linux/fib_rules.h).
const fibRuleHdrLen = 12

// fibRuleHdr prints a routing rule: struct fib_rule_hdr and its FRA_*
// attributes.
func (c *ctx) fibRuleHdr(addr, n, fam uint64) {
	c.rtnlHeader(addr, n, fam, "family", fibRuleHdrLen, "rtnl_rule_attrs", func(b []byte) {
		c.str(", dst_len=")
		c.udec(uint64(b[1]))
		c.str(", src_len=")
		c.udec(uint64(b[2]))
		c.str(", tos=")
		c.flags("ip_type_of_services", uint64(b[3]))
		c.str(", table=")
		// Here strace names an unknown table, unlike rtm_table.
		if v := uint64(b[4]); xlats()["routing_table_ids"].lookup(v, c.rec.Arch) == "" {
			c.str(hex(v))
			if c.opts.Xlat != XlatRaw {
				c.str(" /* RT_TABLE_??? */")
			}
		} else {
			c.enum("routing_table_ids", v)
		}
		c.str(", action=")
		c.enum("fib_rule_actions", uint64(b[7]))
		c.str(", flags=")
		c.flags("fib_rule_flags", c.uint(b[8:12]))
	}, func(typ uint64) nlaDecoder {
		switch typ {
		case 1, 2: // FRA_DST, FRA_SRC
			return nlaInetAddr(fam)
		case 3, 17: // FRA_IIFNAME, FRA_OIFNAME
			return (*ctx).nlaStr
		case 4, 6, 10, 11, 13, 14, 16: // GOTO, PRIORITY, FWMARK, FLOW, SUPPRESS_IFGROUP, SUPPRESS_PREFIXLEN, FWMASK
			return (*ctx).nlaU32
		case 15: // FRA_TABLE
			return routeAttr(fam)(15)
		case 19: // FRA_L3MDEV
			return (*ctx).nlaU8
		case 20: // FRA_UID_RANGE
			return nlaU32s("start", "end")
		case 21: // FRA_PROTOCOL
			return func(c *ctx, addr, n uint64) bool {
				if n < 1 {
					return false
				}
				if b, ok := c.fetch(addr, 1); ok {
					c.enum("routing_protocols", uint64(b[0]))
				}
				return true
			}
		case 22: // FRA_IP_PROTO
			return nlaIPProto
		}
		return nil
	})
}

// afBridge is AF_BRIDGE.
const afBridge = 7

// ndmsgLen is sizeof(struct ndmsg) (include/uapi/linux/neighbour.h).
const ndmsgLen = 12

// ndmsg prints a neighbour message: struct ndmsg and its NDA_* attributes.
func (c *ctx) ndmsg(addr, n, fam uint64) {
	c.rtnlHeader(addr, n, fam, "ndm_family", ndmsgLen, "rtnl_neigh_attrs", func(b []byte) {
		c.str(", ndm_ifindex=")
		c.ifindex(c.uint(b[4:8]))
		c.str(", ndm_state=")
		c.flags("neighbor_cache_entry_states", c.uint(b[8:10]))
		c.str(", ndm_flags=")
		c.flags("neighbor_cache_entry_flags", uint64(b[10]))
		c.str(", ndm_type=")
		c.enum("routing_types", uint64(b[11]))
	}, func(typ uint64) nlaDecoder {
		switch typ {
		case 1: // NDA_DST
			return nlaInetAddr(fam)
		case 2: // NDA_LLADDR, of no particular hardware type
			return nlaHwaddr(^uint64(0))
		case 3: // NDA_CACHEINFO
			return nlaU32s("ndm_confirmed", "ndm_used", "ndm_updated", "ndm_refcnt")
		case 4, 7, 10, 11, 13: // PROBES, VNI, LINK_NETNSID, SRC_VNI, NH_ID
			return (*ctx).nlaU32
		case 8, 9: // IFINDEX, MASTER
			return (*ctx).nlaIfindex
		case 12: // NDA_PROTOCOL
			return nlaIPProto
		}
		return nil
	})
}

// rtnlHeader prints a NETLINK_ROUTE header of size bytes whose first
// byte, the family, is fam (named famName); fields prints the rest from
// the whole header. Attributes of set follow when the payload is longer.
func (c *ctx) rtnlHeader(addr, n, fam uint64, famName string, size int, set string, fields func([]byte), attr func(uint64) nlaDecoder) {
	c.sb.WriteByte('{')
	c.str(famName)
	c.sb.WriteByte('=')
	c.enum("address_families", fam)
	decodeAttrs := false
	if n >= uint64(size) {
		// strace reads the rest of the header after the family.
		if b, err := c.mem.Read(addr+1, size-1); err != nil {
			c.str(", ")
			c.ptr(addr + 1)
		} else {
			fields(append([]byte{byte(fam)}, b...))
			decodeAttrs = true
		}
	} else {
		c.str(", ...")
	}
	c.sb.WriteByte('}')
	if off := uint64(size+3) &^ 3; decodeAttrs && n > off {
		c.str(", ")
		c.nlattrs(addr+off, n-off, set, attr)
	}
}

// linkAttrs returns the decoder of an IFLA_* attribute of a link of
// family fam.
func linkAttrs(fam uint64) func(uint64) nlaDecoder {
	return func(typ uint64) nlaDecoder {
		switch typ {
		case 1, 2, 54: // ADDRESS, BROADCAST, PERM_ADDRESS
			return nlaHwaddr(fam)
		}
		return linkAttr(typ)
	}
}

// linkStatsNames are the members of struct rtnl_link_stats and
// rtnl_link_stats64 (include/uapi/linux/if_link.h), in order.
var linkStatsNames = []string{"rx_packets", "tx_packets", "rx_bytes", "tx_bytes", "rx_errors", "tx_errors",
	"rx_dropped", "tx_dropped", "multicast", "collisions", "rx_length_errors", "rx_over_errors",
	"rx_crc_errors", "rx_frame_errors", "rx_fifo_errors", "rx_missed_errors", "tx_aborted_errors",
	"tx_carrier_errors", "tx_fifo_errors", "tx_heartbeat_errors", "tx_window_errors", "rx_compressed",
	"tx_compressed", "rx_nohandler", "rx_otherhost_dropped"}

// nlaCounters returns a decoder of a structure of unsigned counters of
// width bytes named names, which the kernel has grown: counts are the
// numbers of members of its versions, oldest first. An attribute of one
// of those sizes, or longer than the newest, prints; another is a string.
func nlaCounters(width int, names []string, counts ...int) nlaDecoder {
	return func(c *ctx, addr, n uint64) bool {
		count := 0
		newest := counts[len(counts)-1]
		if n >= uint64(newest*width) {
			count = newest
		} else {
			for _, k := range counts {
				if n == uint64(k*width) {
					count = k
				}
			}
		}
		if count == 0 {
			return false
		}
		b, ok := c.fetch(addr, count*width)
		if !ok {
			return true
		}
		c.sb.WriteByte('{')
		for i := 0; i < count; i++ {
			if i > 0 {
				c.str(", ")
			}
			c.str(names[i])
			c.sb.WriteByte('=')
			c.udec(c.uint(b[i*width : (i+1)*width]))
		}
		c.sb.WriteByte('}')
		return true
	}
}

// maxAddrLen is MAX_ADDR_LEN (include/linux/netdevice.h).
const maxAddrLen = 32

// hwaddrSizes are the lengths of the hardware addresses of the ARPHRD_*
// types that strace knows them for (src/print_mac.c); others show whole.
var hwaddrSizes = map[uint64]int{0: 7, 1: 6, 3: 7, 6: 6, 7: 1, 15: 2, 24: 16, 27: 8, 32: 20}

// nlaHwaddr returns a decoder of a hardware address, as strace's
// decode_nla_hwaddr_family, which is given the link's address family
// where an ARPHRD_* type belongs: "00:00:00:00:00:00".
func nlaHwaddr(fam uint64) nlaDecoder {
	return func(c *ctx, addr, n uint64) bool {
		if n > maxAddrLen {
			return false
		}
		b, ok := c.fetch(addr, int(n))
		if !ok {
			return true
		}
		if c.opts.Xlat != XlatAbbrev {
			c.quote(b, true)
			if c.opts.Xlat == XlatRaw {
				return true
			}
			c.str(" /* ")
		}
		mac := b
		if sz, ok := hwaddrSizes[fam]; ok && sz < len(mac) {
			mac = mac[:sz]
		}
		for i, x := range mac {
			if i > 0 {
				c.sb.WriteByte(':')
			}
			c.printf("%02x", x)
		}
		if c.opts.Xlat != XlatAbbrev {
			c.str(" */")
		}
		return true
	}
}

// linkAttr is the decoder of an IFLA_* attribute that needs no more than
// its type.
func linkAttr(typ uint64) nlaDecoder {
	switch typ {
	case 3, 6, 20, 38, 53, 56, 57: // IFNAME, QDISC, IFALIAS, PHYS_PORT_NAME, ALT_IFNAME, PARENT_DEV_NAME, PARENT_DEV_BUS_NAME
		return (*ctx).nlaStr
	case 49: // IFLA_NEW_IFINDEX
		return (*ctx).nlaIfindex
	case 7: // IFLA_STATS: struct rtnl_link_stats
		return nlaCounters(4, linkStatsNames, 23, 24)
	case 23: // IFLA_STATS64: struct rtnl_link_stats64
		return nlaCounters(8, linkStatsNames, 23, 24, 25)
	case 4, 5, 10, 13, 15, 19, 21, 27, 30, 31, 32, 35, 40, 41, 47, 48, 50, 51, 58, 59, 60, 61:
		return (*ctx).nlaU32
	case 16, 17, 33, 39: // OPERSTATE, LINKMODE, CARRIER, PROTO_DOWN
		return (*ctx).nlaU8
	case 37, 45, 46: // LINK_NETNSID, NEW_NETNSID, IF_NETNSID
		return (*ctx).nlaS32
	case 29: // IFLA_EXT_MASK
		return nlaFlags32("rtnl_ifla_ext_filter_flags")
	}
	return nil
}

// addrAttr returns the decoder of an IFA_* attribute of an address of
// family fam.
func addrAttr(fam uint64) func(uint64) nlaDecoder {
	return func(typ uint64) nlaDecoder {
		switch typ {
		case 1, 2, 4, 5, 7: // ADDRESS, LOCAL, BROADCAST, ANYCAST, MULTICAST
			return nlaInetAddr(fam)
		case 3: // IFA_LABEL
			return (*ctx).nlaStr
		case 6: // IFA_CACHEINFO
			return nlaU32s("ifa_prefered", "ifa_valid", "cstamp", "tstamp")
		case 8: // IFA_FLAGS
			return nlaFlags32("ifaddrflags")
		case 9: // IFA_RT_PRIORITY
			return (*ctx).nlaU32
		case 10: // IFA_TARGET_NETNSID
			return (*ctx).nlaS32
		}
		return nil
	}
}

// routeAttr returns the decoder of an RTA_* attribute of a route of
// family fam.
func routeAttr(fam uint64) func(uint64) nlaDecoder {
	return func(typ uint64) nlaDecoder {
		switch typ {
		case 1, 2, 5, 7, 19: // DST, SRC, GATEWAY, PREFSRC, NEWDST
			return nlaInetAddr(fam)
		case 3, 4: // IIF, OIF
			return (*ctx).nlaIfindex
		case 6, 10, 11, 14, 16, 25: // PRIORITY, PROTOINFO, FLOW, MP_ALGO, MARK, UID
			return (*ctx).nlaU32
		case 15: // RTA_TABLE
			return func(c *ctx, addr, n uint64) bool {
				if n < 4 {
					return false
				}
				if b, ok := c.fetch(addr, 4); ok {
					c.enum("routing_table_ids", c.uint(b))
				}
				return true
			}
		case 20, 26, 27: // PREF, TTL_PROPAGATE, IP_PROTO
			return (*ctx).nlaU8
		}
		return nil
	}
}
