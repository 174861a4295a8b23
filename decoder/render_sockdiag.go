package decoder

import (
	"encoding/binary"
	"fmt"
)

// NETLINK_SOCK_DIAG messages, as strace 6.1 prints them
// (src/netlink_sock_diag.c, netlink_inet_diag.c, netlink_unix_diag.c,
// netlink_netlink_diag.c): a request or a reply of the family its first
// byte names.

// Sizes of the sock_diag structures (include/uapi/linux/inet_diag.h,
// unix_diag.h, netlink_diag.h), the same on every arch.
const (
	inetDiagSockidLen  = 48
	inetDiagReqV2Len   = 56
	inetDiagReqLen     = 60
	inetDiagMsgLen     = 72
	unixDiagReqLen     = 24
	unixDiagMsgLen     = 16
	netlinkDiagReqLen  = 20
	packetDiagReqLen   = 20
	afPacketFamily     = 17
	netlinkDiagMsgLen  = 28
	nlmFRequest        = 0x1
	tcpdiagGetsock     = 18
	dccpdiagGetsock    = 19
	ndiagProtoAll      = 255
	afUnixFamily       = 1
	afInetFamily       = 2
	afInet6Family      = 10
	afNetlinkFamily    = 16
	sockDiagFamilyName = "address_families"
)

// sockDiag prints the payload of a NETLINK_SOCK_DIAG message; a family
// without a decoder shows its family and data.
func (c *ctx) sockDiag(addr, n, typ, flags uint64) {
	b, ok := c.fetch(addr, 1)
	if !ok {
		return
	}
	fam := uint64(b[0])
	req := flags&nlmFRequest != 0
	if n > 1 {
		switch {
		case fam == afUnixFamily && req:
			c.diagStruct(addr, n, fam, "sdiag_family", unixDiagReqLen, func(b []byte) {
				c.str(", sdiag_protocol=")
				c.udec(uint64(b[1]))
				c.str(", udiag_states=")
				c.flags("tcp_state_flags", c.uint(b[4:8]))
				c.str(", udiag_ino=")
				c.udec(c.uint(b[8:12]))
				c.str(", udiag_show=")
				c.flags("unix_diag_show", c.uint(b[12:16]))
				c.str(", udiag_cookie=")
				c.diagCookie(b[16:24])
			}, "", nil)
			return
		case fam == afUnixFamily:
			c.diagStruct(addr, n, fam, "udiag_family", unixDiagMsgLen, func(b []byte) {
				c.str(", udiag_type=")
				c.enum("socket_types", uint64(b[1]))
				c.str(", udiag_state=")
				c.enum("tcp_states", uint64(b[2]))
				c.str(", udiag_ino=")
				c.udec(c.uint(b[4:8]))
				c.str(", udiag_cookie=")
				c.diagCookie(b[8:16])
			}, "unix_diag_attrs", unixDiagAttr)
			return
		case (fam == afInetFamily || fam == afInet6Family) && req && (typ == tcpdiagGetsock || typ == dccpdiagGetsock):
			c.diagStruct(addr, n, fam, "idiag_family", inetDiagReqLen, func(b []byte) {
				c.str(", idiag_src_len=")
				c.udec(uint64(b[1]))
				c.str(", idiag_dst_len=")
				c.udec(uint64(b[2]))
				c.str(", idiag_ext=")
				c.flags("inet_diag_extended_flags", uint64(b[3]))
				c.str(", id=")
				c.inetDiagSockid(b[4:4+inetDiagSockidLen], fam)
				c.str(", idiag_states=")
				c.flags("tcp_state_flags", c.uint(b[52:56]))
				c.str(", idiag_dbs=")
				c.udec(c.uint(b[56:60]))
			}, "inet_diag_req_attrs", inetDiagReqAttr)
			return
		case fam == afInetFamily || fam == afInet6Family:
			if req {
				c.diagStruct(addr, n, fam, "sdiag_family", inetDiagReqV2Len, func(b []byte) {
					c.str(", sdiag_protocol=")
					c.enum("inet_protocols", uint64(b[1]))
					c.str(", idiag_ext=")
					c.flags("inet_diag_extended_flags", uint64(b[2]))
					c.str(", idiag_states=")
					c.flags("tcp_state_flags", c.uint(b[4:8]))
					c.str(", id=")
					c.inetDiagSockid(b[8:8+inetDiagSockidLen], fam)
				}, "inet_diag_req_attrs", inetDiagReqAttr)
				return
			}
			c.diagStruct(addr, n, fam, "idiag_family", inetDiagMsgLen, func(b []byte) {
				c.str(", idiag_state=")
				c.enum("tcp_states", uint64(b[1]))
				c.str(", idiag_timer=")
				c.udec(uint64(b[2]))
				c.str(", idiag_retrans=")
				c.udec(uint64(b[3]))
				c.str(", id=")
				c.inetDiagSockid(b[4:4+inetDiagSockidLen], fam)
				for i, name := range []string{"idiag_expires", "idiag_rqueue", "idiag_wqueue", "idiag_uid", "idiag_inode"} {
					c.str(", " + name + "=")
					c.udec(c.uint(b[52+4*i : 56+4*i]))
				}
			}, "inet_diag_attrs", inetDiagAttr)
			return
		case fam == afPacketFamily && req:
			c.diagStruct(addr, n, fam, "sdiag_family", packetDiagReqLen, func(b []byte) {
				c.str(", sdiag_protocol=")
				c.hex(uint64(b[1]))
				c.str(", pdiag_ino=")
				c.udec(c.uint(b[4:8]))
				c.str(", pdiag_show=")
				c.flags("packet_diag_show", c.uint(b[8:12]))
				c.str(", pdiag_cookie=")
				c.diagCookie(b[12:20])
			}, "", nil)
			return
		case fam == afNetlinkFamily && req:
			c.diagStruct(addr, n, fam, "sdiag_family", netlinkDiagReqLen, func(b []byte) {
				c.str(", sdiag_protocol=")
				if b[1] == ndiagProtoAll {
					c.str(c.styled("0xff", "NDIAG_PROTO_ALL"))
				} else {
					c.enum("netlink_protocols", uint64(b[1]))
				}
				c.str(", ndiag_ino=")
				c.udec(c.uint(b[4:8]))
				c.str(", ndiag_show=")
				c.flags("netlink_diag_show", c.uint(b[8:12]))
				c.str(", ndiag_cookie=")
				c.diagCookie(b[12:20])
			}, "", nil)
			return
		case fam == afNetlinkFamily:
			c.diagStruct(addr, n, fam, "ndiag_family", netlinkDiagMsgLen, func(b []byte) {
				c.str(", ndiag_type=")
				c.enum("socket_types", uint64(b[1]))
				c.str(", ndiag_protocol=")
				c.enum("netlink_protocols", uint64(b[2]))
				c.str(", ndiag_state=")
				c.enum("netlink_states", uint64(b[3]))
				for i, name := range []string{"ndiag_portid", "ndiag_dst_portid", "ndiag_dst_group", "ndiag_ino"} {
					c.str(", " + name + "=")
					c.udec(c.uint(b[4+4*i : 8+4*i]))
				}
				c.str(", ndiag_cookie=")
				c.diagCookie(b[20:28])
			}, "netlink_diag_attrs", netlinkDiagAttr)
			return
		}
	}
	c.str("{family=")
	c.enum("address_families", fam)
	if n > 1 {
		c.str(", data=")
		c.readBuf(addr+1, n-1, true)
	}
	c.sb.WriteByte('}')
}

// diagStruct is rtnlHeader for sock_diag: the same shape of a family
// byte, the rest of a fixed header and attributes (none when set is "").
func (c *ctx) diagStruct(addr, n, fam uint64, famName string, size int, fields func([]byte), set string, attr func(uint64) nlaDecoder) {
	if set == "" {
		// A request with no attributes: strace reads and prints the
		// header alone.
		c.rtnlHeader(addr, min(n, uint64(size)), fam, famName, size, set, fields, attr)
		return
	}
	c.rtnlHeader(addr, n, fam, famName, size, set, fields, attr)
}

// diagCookie prints a socket cookie, two u32: "[0, 0]".
func (c *ctx) diagCookie(b []byte) {
	c.sb.WriteByte('[')
	c.udec(c.uint(b[0:4]))
	c.str(", ")
	c.udec(c.uint(b[4:8]))
	c.sb.WriteByte(']')
}

// netPort prints a port in network byte order: "htons(80)".
func (c *ctx) netPort(b []byte) {
	c.styledBytes(b, fmt.Sprintf("htons(%d)", binary.BigEndian.Uint16(b)))
}

// inetDiagSockid prints a struct inet_diag_sockid of an address family,
// as strace's print_inet_diag_sockid.
func (c *ctx) inetDiagSockid(b []byte, fam uint64) {
	c.str("{idiag_sport=")
	c.netPort(b[0:2])
	c.str(", idiag_dport=")
	c.netPort(b[2:4])
	c.str(", ")
	c.inetAddrField(b[4:20], fam, "idiag_src")
	c.str(", ")
	c.inetAddrField(b[20:36], fam, "idiag_dst")
	c.str(", idiag_if=")
	c.ifindex(c.uint(b[36:40]))
	c.str(", idiag_cookie=")
	c.diagCookie(b[40:48])
	c.sb.WriteByte('}')
}

// inetAddrField prints an address member as strace's print_inet_addr
// with a member name: "idiag_src=inet_addr(...)", or for IPv6 the name
// inside the call, "inet_pton(AF_INET6, "::1", &idiag_src)".
func (c *ctx) inetAddrField(b []byte, fam uint64, name string) {
	switch fam {
	case afInetFamily:
		c.str(name + "=")
		c.styledBytes(b, fmt.Sprintf("inet_addr(\"%d.%d.%d.%d\")", b[0], b[1], b[2], b[3]))
	case afInet6Family:
		text := "inet_pton(AF_INET6, \"" + inet6String(b) + "\")"
		if c.opts.Xlat == XlatAbbrev {
			c.str("inet_pton(AF_INET6, \"" + inet6String(b) + "\", &" + name + ")")
			return
		}
		c.str(name + "=")
		c.styledBytes(b, text)
	default:
		c.str(name + "=")
		c.quote(b, true)
	}
}

// inetDiagReqAttr is the decoder of an INET_DIAG_REQ_* attribute.
func inetDiagReqAttr(typ uint64) nlaDecoder {
	if typ == 3 { // INET_DIAG_REQ_PROTOCOL
		return nlaIPProto
	}
	return nil
}

// nlaIPProto prints an IPPROTO_* attribute of one byte.
func nlaIPProto(c *ctx, addr, n uint64) bool {
	if n < 1 {
		return false
	}
	if b, ok := c.fetch(addr, 1); ok {
		c.enum("inet_protocols", uint64(b[0]))
	}
	return true
}

// inetDiagAttr is the decoder of an INET_DIAG_* attribute.
func inetDiagAttr(typ uint64) nlaDecoder {
	switch typ {
	case 1: // INET_DIAG_MEMINFO
		return nlaU32s("idiag_rmem", "idiag_wmem", "idiag_fmem", "idiag_tmem")
	case 4: // INET_DIAG_CONG
		return (*ctx).nlaStr
	case 5, 6, 11: // TOS, TCLASS, SKV6ONLY
		return (*ctx).nlaU8
	case 10: // INET_DIAG_PROTOCOL
		return nlaIPProto
	case 15, 17: // MARK, CLASS_ID
		return (*ctx).nlaU32
	case 8: // INET_DIAG_SHUTDOWN
		return nlaShutdown
	case 21: // INET_DIAG_CGROUP_ID
		return (*ctx).nlaU64
	case 22: // INET_DIAG_SOCKOPT
		return nlaDiagSockopt
	}
	return nil
}

// nlaShutdown prints a socket's shutdown state, a byte of RCV_SHUTDOWN
// and SEND_SHUTDOWN, which strace comments rather than names, as the
// kernel does not export them: "0x3 /* RCV_SHUTDOWN|SEND_SHUTDOWN */".
func nlaShutdown(c *ctx, addr, n uint64) bool {
	if n < 1 {
		return false
	}
	b, ok := c.fetch(addr, 1)
	if !ok {
		return true
	}
	v := uint64(b[0])
	if v == 0 || c.opts.Xlat == XlatRaw {
		c.hex(v)
		return true
	}
	c.hex(v)
	c.str(" /* " + formatFlags("inet_diag_shutdown_flags", v, c.rec.Arch) + " */")
	return true
}

// diagSockoptBits are the one-bit members of struct inet_diag_sockopt
// (include/uapi/linux/inet_diag.h), lowest bit first.
var diagSockoptBits = []string{"recverr", "is_icsk", "freebind", "hdrincl", "mc_loop", "transparent", "mc_all",
	"nodefrag", "bind_address_no_port", "recverr_rfc4884", "defer_connect"}

// nlaDiagSockopt prints a struct inet_diag_sockopt: the bits that are
// set, or under -v every bit and the unused rest.
func nlaDiagSockopt(c *ctx, addr, n uint64) bool {
	if n < 2 {
		return false
	}
	b, ok := c.fetch(addr, 2)
	if !ok {
		return true
	}
	v := uint64(b[0]) | uint64(b[1])<<8
	c.sb.WriteByte('{')
	first := true
	field := func(name string, text string) {
		if !first {
			c.str(", ")
		}
		first = false
		c.str(name + "=" + text)
	}
	for i, name := range diagSockoptBits {
		if bit := v >> i & 1; c.opts.Verbose || bit != 0 {
			field(name, u10(bit))
		}
	}
	if unused := v >> len(diagSockoptBits); c.opts.Verbose || unused != 0 {
		field("unused", hex(unused)+" /* bits 3..8 */")
	}
	c.sb.WriteByte('}')
	return true
}

// unixDiagAttr is the decoder of a UNIX_DIAG_* attribute.
func unixDiagAttr(typ uint64) nlaDecoder {
	switch typ {
	case 0: // UNIX_DIAG_NAME
		return (*ctx).nlaStr
	case 2: // UNIX_DIAG_PEER
		return (*ctx).nlaU32
	case 4: // UNIX_DIAG_RQLEN
		return nlaU32s("udiag_rqueue", "udiag_wqueue")
	case 6: // UNIX_DIAG_SHUTDOWN
		return (*ctx).nlaU8
	}
	return nil
}

// netlinkDiagAttr is the decoder of a NETLINK_DIAG_* attribute.
func netlinkDiagAttr(typ uint64) nlaDecoder {
	if typ == 4 { // NETLINK_DIAG_FLAGS
		return nlaFlags32("netlink_socket_flags")
	}
	return nil
}
