package decoder

// NETLINK_ROUTE messages (links, addresses, routes, rules, neighbours) and
// their attributes, as strace's netlink_route.c and rtnl_*.c print them.

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
		if sz, ok := arphrdAddrLen(fam); ok && sz < len(mac) {
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
