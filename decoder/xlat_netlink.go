package decoder

// Flag and value sets of netlink messages. Values are those of
// include/uapi/linux/netlink.h, rtnetlink.h, if_link.h, if_addr.h,
// if_arp.h, if.h, sock_diag.h and inet_diag.h; the order is strace's.

// netlinkBaseFlags are the flags of every message (NLM_F_REQUEST...),
// which strace prints before the flags of the message's kind.
var netlinkBaseFlags = []Flag{
	{0x1, "NLM_F_REQUEST"}, {0x2, "NLM_F_MULTI"}, {0x4, "NLM_F_ACK"}, {0x8, "NLM_F_ECHO"},
	{0x10, "NLM_F_DUMP_INTR"}, {0x20, "NLM_F_DUMP_FILTERED"},
}

// withNetlinkBase is netlinkBaseFlags followed by the flags of one kind.
func withNetlinkBase(fs []Flag) []Flag { return append(append([]Flag{}, netlinkBaseFlags...), fs...) }

// netlinkXlats returns the netlink sets, made when the index of sets is
// (xlats): some are numbered by seqNames, which as a package variable would
// run at every process start.
func netlinkXlats() []*Xlat {
	return []*Xlat{
		{Name: "netlink_types", Unknown: "NLMSG_???", Entries: []Flag{
			{1, "NLMSG_NOOP"}, {2, "NLMSG_ERROR"}, {3, "NLMSG_DONE"}, {4, "NLMSG_OVERRUN"},
		}},
		// The flags of a message whose kind has none of its own.
		{Name: "netlink_flags", UnknownFlags: "NLM_F_???", Entries: netlinkBaseFlags},
		{Name: "netlink_get_flags", UnknownFlags: "NLM_F_???", Entries: withNetlinkBase([]Flag{
			{0x300, "NLM_F_DUMP"}, // before NLM_F_ROOT and NLM_F_MATCH, which it is
			{0x100, "NLM_F_ROOT"}, {0x200, "NLM_F_MATCH"}, {0x400, "NLM_F_ATOMIC"}})},
		{Name: "netlink_new_flags", UnknownFlags: "NLM_F_???", Entries: withNetlinkBase([]Flag{
			{0x100, "NLM_F_REPLACE"}, {0x200, "NLM_F_EXCL"}, {0x400, "NLM_F_CREATE"}, {0x800, "NLM_F_APPEND"}})},
		{Name: "netlink_delete_flags", UnknownFlags: "NLM_F_???", Entries: withNetlinkBase([]Flag{
			{0x100, "NLM_F_NONREC"}, {0x200, "NLM_F_BULK"}})},
		{Name: "netlink_ack_flags", UnknownFlags: "NLM_F_???", Entries: withNetlinkBase([]Flag{
			{0x100, "NLM_F_CAPPED"}, {0x200, "NLM_F_ACK_TLVS"}})},
		{Name: "nlmsgerr_attrs", Unknown: "NLMSGERR_ATTR_???", Entries: []Flag{
			{0, "NLMSGERR_ATTR_UNUSED"}, {1, "NLMSGERR_ATTR_MSG"}, {2, "NLMSGERR_ATTR_OFFS"}, {3, "NLMSGERR_ATTR_COOKIE"},
			{4, "NLMSGERR_ATTR_POLICY"}, {5, "NLMSGERR_ATTR_MISS_TYPE"}, {6, "NLMSGERR_ATTR_MISS_NEST"},
		}},
		{Name: "nl_route_types", Unknown: "RTM_???", Entries: []Flag{
			{16, "RTM_NEWLINK"}, {17, "RTM_DELLINK"}, {18, "RTM_GETLINK"}, {19, "RTM_SETLINK"},
			{20, "RTM_NEWADDR"}, {21, "RTM_DELADDR"}, {22, "RTM_GETADDR"},
			{24, "RTM_NEWROUTE"}, {25, "RTM_DELROUTE"}, {26, "RTM_GETROUTE"},
			{28, "RTM_NEWNEIGH"}, {29, "RTM_DELNEIGH"}, {30, "RTM_GETNEIGH"},
			{32, "RTM_NEWRULE"}, {33, "RTM_DELRULE"}, {34, "RTM_GETRULE"},
			{36, "RTM_NEWQDISC"}, {37, "RTM_DELQDISC"}, {38, "RTM_GETQDISC"},
			{40, "RTM_NEWTCLASS"}, {41, "RTM_DELTCLASS"}, {42, "RTM_GETTCLASS"},
			{44, "RTM_NEWTFILTER"}, {45, "RTM_DELTFILTER"}, {46, "RTM_GETTFILTER"},
			{48, "RTM_NEWACTION"}, {49, "RTM_DELACTION"}, {50, "RTM_GETACTION"},
			{52, "RTM_NEWPREFIX"}, {58, "RTM_GETMULTICAST"}, {62, "RTM_GETANYCAST"},
			{64, "RTM_NEWNEIGHTBL"}, {66, "RTM_GETNEIGHTBL"}, {67, "RTM_SETNEIGHTBL"},
			{68, "RTM_NEWNDUSEROPT"},
			{72, "RTM_NEWADDRLABEL"}, {73, "RTM_DELADDRLABEL"}, {74, "RTM_GETADDRLABEL"},
			{78, "RTM_GETDCB"}, {79, "RTM_SETDCB"},
			{80, "RTM_NEWNETCONF"}, {81, "RTM_DELNETCONF"}, {82, "RTM_GETNETCONF"},
			{84, "RTM_NEWMDB"}, {85, "RTM_DELMDB"}, {86, "RTM_GETMDB"},
			{88, "RTM_NEWNSID"}, {89, "RTM_DELNSID"}, {90, "RTM_GETNSID"},
			{92, "RTM_NEWSTATS"}, {94, "RTM_GETSTATS"}, {96, "RTM_NEWCACHEREPORT"},
			{100, "RTM_NEWCHAIN"}, {101, "RTM_DELCHAIN"}, {102, "RTM_GETCHAIN"},
			{104, "RTM_NEWNEXTHOP"}, {105, "RTM_DELNEXTHOP"}, {106, "RTM_GETNEXTHOP"},
			{108, "RTM_NEWLINKPROP"}, {109, "RTM_DELLINKPROP"}, {110, "RTM_GETLINKPROP"},
			{112, "RTM_NEWVLAN"}, {113, "RTM_DELVLAN"}, {114, "RTM_GETVLAN"},
			{116, "RTM_NEWNEXTHOPBUCKET"}, {117, "RTM_DELNEXTHOPBUCKET"}, {118, "RTM_GETNEXTHOPBUCKET"},
		}},
		// include/net/tcp_states.h, as sock_diag reports a socket's state.
		{Name: "tcp_states", Unknown: "TCP_???", Entries: []Flag{
			{1, "TCP_ESTABLISHED"}, {2, "TCP_SYN_SENT"}, {3, "TCP_SYN_RECV"}, {4, "TCP_FIN_WAIT1"},
			{5, "TCP_FIN_WAIT2"}, {6, "TCP_TIME_WAIT"}, {7, "TCP_CLOSE"}, {8, "TCP_CLOSE_WAIT"},
			{9, "TCP_LAST_ACK"}, {10, "TCP_LISTEN"}, {11, "TCP_CLOSING"}, {12, "TCP_NEW_SYN_RECV"},
		}},
		// A request's set of states: a bit per state.
		{Name: "tcp_state_flags", UnknownFlags: "1<<TCP_???", Entries: []Flag{
			{1 << 1, "1<<TCP_ESTABLISHED"}, {1 << 2, "1<<TCP_SYN_SENT"}, {1 << 3, "1<<TCP_SYN_RECV"},
			{1 << 4, "1<<TCP_FIN_WAIT1"}, {1 << 5, "1<<TCP_FIN_WAIT2"}, {1 << 6, "1<<TCP_TIME_WAIT"},
			{1 << 7, "1<<TCP_CLOSE"}, {1 << 8, "1<<TCP_CLOSE_WAIT"}, {1 << 9, "1<<TCP_LAST_ACK"},
			{1 << 10, "1<<TCP_LISTEN"}, {1 << 11, "1<<TCP_CLOSING"}, {1 << 12, "1<<TCP_NEW_SYN_RECV"},
		}},
		// include/uapi/linux/inet_diag.h
		{Name: "inet_diag_attrs", Unknown: "INET_DIAG_???", Entries: seqNames(0, "INET_DIAG_NONE", "INET_DIAG_MEMINFO",
			"INET_DIAG_INFO", "INET_DIAG_VEGASINFO", "INET_DIAG_CONG", "INET_DIAG_TOS", "INET_DIAG_TCLASS",
			"INET_DIAG_SKMEMINFO", "INET_DIAG_SHUTDOWN", "INET_DIAG_DCTCPINFO", "INET_DIAG_PROTOCOL",
			"INET_DIAG_SKV6ONLY", "INET_DIAG_LOCALS", "INET_DIAG_PEERS", "INET_DIAG_PAD", "INET_DIAG_MARK",
			"INET_DIAG_BBRINFO", "INET_DIAG_CLASS_ID", "INET_DIAG_MD5SIG", "INET_DIAG_ULP_INFO",
			"INET_DIAG_SK_BPF_STORAGES", "INET_DIAG_CGROUP_ID", "INET_DIAG_SOCKOPT")},
		{Name: "inet_diag_req_attrs", Unknown: "INET_DIAG_REQ_???", Entries: seqNames(0, "INET_DIAG_REQ_NONE",
			"INET_DIAG_REQ_BYTECODE", "INET_DIAG_REQ_SK_BPF_STORAGES", "INET_DIAG_REQ_PROTOCOL")},
		// A request's idiag_ext: a bit per attribute to report, attribute-1.
		{Name: "inet_diag_extended_flags", UnknownFlags: "1<<INET_DIAG_???-1", Entries: func() []Flag {
			names := []string{"MEMINFO", "INFO", "VEGASINFO", "CONG", "TOS", "TCLASS", "SKMEMINFO", "SHUTDOWN",
				"DCTCPINFO", "PROTOCOL", "SKV6ONLY", "LOCALS", "PEERS", "PAD", "MARK", "BBRINFO", "CLASS_ID",
				"MD5SIG", "ULP_INFO", "SK_BPF_STORAGES", "CGROUP_ID", "SOCKOPT"}
			fs := make([]Flag, len(names))
			for i, n := range names {
				fs[i] = Flag{1 << i, "1<<(INET_DIAG_" + n + "-1)"}
			}
			return fs
		}()},
		// include/net/sock.h, not exported: strace prints them in comments.
		{Name: "inet_diag_shutdown_flags", UnknownFlags: "???_SHUTDOWN", Entries: []Flag{
			{1, "RCV_SHUTDOWN"}, {2, "SEND_SHUTDOWN"},
		}},
		{Name: "inet_diag_bytecodes", Unknown: "INET_DIAG_BC_???", Entries: seqNames(0, "INET_DIAG_BC_NOP",
			"INET_DIAG_BC_JMP", "INET_DIAG_BC_S_GE", "INET_DIAG_BC_S_LE", "INET_DIAG_BC_D_GE", "INET_DIAG_BC_D_LE",
			"INET_DIAG_BC_AUTO", "INET_DIAG_BC_S_COND", "INET_DIAG_BC_D_COND", "INET_DIAG_BC_DEV_COND",
			"INET_DIAG_BC_MARK_COND", "INET_DIAG_BC_S_EQ", "INET_DIAG_BC_D_EQ", "INET_DIAG_BC_CGROUP_COND")},
		// include/uapi/linux/unix_diag.h
		{Name: "unix_diag_show", UnknownFlags: "UDIAG_SHOW_???", Entries: []Flag{
			{1 << 0, "UDIAG_SHOW_NAME"}, {1 << 1, "UDIAG_SHOW_VFS"}, {1 << 2, "UDIAG_SHOW_PEER"},
			{1 << 3, "UDIAG_SHOW_ICONS"}, {1 << 4, "UDIAG_SHOW_RQLEN"}, {1 << 5, "UDIAG_SHOW_MEMINFO"},
			{1 << 6, "UDIAG_SHOW_UID"},
		}},
		{Name: "unix_diag_attrs", Unknown: "UNIX_DIAG_???", Entries: seqNames(0, "UNIX_DIAG_NAME", "UNIX_DIAG_VFS",
			"UNIX_DIAG_PEER", "UNIX_DIAG_ICONS", "UNIX_DIAG_RQLEN", "UNIX_DIAG_MEMINFO", "UNIX_DIAG_SHUTDOWN",
			"UNIX_DIAG_UID")},
		// include/uapi/linux/packet_diag.h
		{Name: "packet_diag_show", UnknownFlags: "PACKET_SHOW_???", Entries: []Flag{
			{1 << 0, "PACKET_SHOW_INFO"}, {1 << 1, "PACKET_SHOW_MCLIST"}, {1 << 2, "PACKET_SHOW_RING_CFG"},
			{1 << 3, "PACKET_SHOW_FANOUT"}, {1 << 4, "PACKET_SHOW_MEMINFO"}, {1 << 5, "PACKET_SHOW_FILTER"},
		}},
		// include/uapi/linux/netlink_diag.h
		{Name: "netlink_diag_show", UnknownFlags: "NDIAG_SHOW_???", Entries: []Flag{
			{1 << 0, "NDIAG_SHOW_MEMINFO"}, {1 << 1, "NDIAG_SHOW_GROUPS"}, {1 << 2, "NDIAG_SHOW_RING_CFG"},
			{1 << 3, "NDIAG_SHOW_FLAGS"},
		}},
		{Name: "netlink_diag_attrs", Unknown: "NETLINK_DIAG_???", Entries: seqNames(0, "NETLINK_DIAG_MEMINFO",
			"NETLINK_DIAG_GROUPS", "NETLINK_DIAG_RX_RING", "NETLINK_DIAG_TX_RING", "NETLINK_DIAG_FLAGS")},
		{Name: "netlink_states", Unknown: "NETLINK_???", Entries: []Flag{
			{0, "NETLINK_UNCONNECTED"}, {1, "NETLINK_CONNECTED"},
			{7, "TCP_CLOSE"}, // the state sock_init_data leaves
		}},
		{Name: "netlink_socket_flags", UnknownFlags: "NDIAG_FLAG_???", Entries: []Flag{
			{1 << 0, "NDIAG_FLAG_CB_RUNNING"}, {1 << 1, "NDIAG_FLAG_PKTINFO"}, {1 << 2, "NDIAG_FLAG_BROADCAST_ERROR"},
			{1 << 3, "NDIAG_FLAG_NO_ENOBUFS"}, {1 << 4, "NDIAG_FLAG_LISTEN_ALL_NSID"}, {1 << 5, "NDIAG_FLAG_CAP_ACK"},
		}},
		// include/uapi/linux/audit.h; AUDIT_FEATURE_CHANGE only at its value
		// since Linux 3.15, as strace has it.
		{Name: "nl_audit_types", Unknown: "AUDIT_???", Entries: []Flag{
			{1000, "AUDIT_GET"}, {1001, "AUDIT_SET"}, {1002, "AUDIT_LIST"}, {1003, "AUDIT_ADD"}, {1004, "AUDIT_DEL"},
			{1005, "AUDIT_USER"}, {1006, "AUDIT_LOGIN"}, {1007, "AUDIT_WATCH_INS"}, {1008, "AUDIT_WATCH_REM"},
			{1009, "AUDIT_WATCH_LIST"}, {1010, "AUDIT_SIGNAL_INFO"}, {1011, "AUDIT_ADD_RULE"}, {1012, "AUDIT_DEL_RULE"},
			{1013, "AUDIT_LIST_RULES"}, {1014, "AUDIT_TRIM"}, {1015, "AUDIT_MAKE_EQUIV"}, {1016, "AUDIT_TTY_GET"},
			{1017, "AUDIT_TTY_SET"}, {1018, "AUDIT_SET_FEATURE"}, {1019, "AUDIT_GET_FEATURE"}, {1100, "AUDIT_FIRST_USER_MSG"},
			{1107, "AUDIT_USER_AVC"}, {1124, "AUDIT_USER_TTY"}, {1199, "AUDIT_LAST_USER_MSG"}, {1200, "AUDIT_DAEMON_START"},
			{1201, "AUDIT_DAEMON_END"}, {1202, "AUDIT_DAEMON_ABORT"}, {1203, "AUDIT_DAEMON_CONFIG"}, {1300, "AUDIT_SYSCALL"},
			{1301, "AUDIT_FS_WATCH"}, {1302, "AUDIT_PATH"}, {1303, "AUDIT_IPC"}, {1304, "AUDIT_SOCKETCALL"},
			{1305, "AUDIT_CONFIG_CHANGE"}, {1306, "AUDIT_SOCKADDR"}, {1307, "AUDIT_CWD"}, {1309, "AUDIT_EXECVE"},
			{1311, "AUDIT_IPC_SET_PERM"}, {1312, "AUDIT_MQ_OPEN"}, {1313, "AUDIT_MQ_SENDRECV"}, {1314, "AUDIT_MQ_NOTIFY"},
			{1315, "AUDIT_MQ_GETSETATTR"}, {1316, "AUDIT_KERNEL_OTHER"}, {1317, "AUDIT_FD_PAIR"}, {1318, "AUDIT_OBJ_PID"},
			{1319, "AUDIT_TTY"}, {1320, "AUDIT_EOE"}, {1321, "AUDIT_BPRM_FCAPS"}, {1322, "AUDIT_CAPSET"}, {1323, "AUDIT_MMAP"},
			{1324, "AUDIT_NETFILTER_PKT"}, {1325, "AUDIT_NETFILTER_CFG"}, {1326, "AUDIT_SECCOMP"}, {1327, "AUDIT_PROCTITLE"},
			{1328, "AUDIT_FEATURE_CHANGE"}, {1329, "AUDIT_REPLACE"}, {1330, "AUDIT_KERN_MODULE"}, {1331, "AUDIT_FANOTIFY"},
			{1332, "AUDIT_TIME_INJOFFSET"}, {1333, "AUDIT_TIME_ADJNTPVAL"}, {1334, "AUDIT_BPF"},
			{1335, "AUDIT_EVENT_LISTENER"}, {1336, "AUDIT_URINGOP"}, {1337, "AUDIT_OPENAT2"}, {1338, "AUDIT_DM_CTRL"},
			{1339, "AUDIT_DM_EVENT"}, {1400, "AUDIT_AVC"}, {1401, "AUDIT_SELINUX_ERR"}, {1402, "AUDIT_AVC_PATH"},
			{1403, "AUDIT_MAC_POLICY_LOAD"}, {1404, "AUDIT_MAC_STATUS"}, {1405, "AUDIT_MAC_CONFIG_CHANGE"},
			{1406, "AUDIT_MAC_UNLBL_ALLOW"}, {1407, "AUDIT_MAC_CIPSOV4_ADD"}, {1408, "AUDIT_MAC_CIPSOV4_DEL"},
			{1409, "AUDIT_MAC_MAP_ADD"}, {1410, "AUDIT_MAC_MAP_DEL"}, {1411, "AUDIT_MAC_IPSEC_ADDSA"},
			{1412, "AUDIT_MAC_IPSEC_DELSA"}, {1413, "AUDIT_MAC_IPSEC_ADDSPD"}, {1414, "AUDIT_MAC_IPSEC_DELSPD"},
			{1415, "AUDIT_MAC_IPSEC_EVENT"}, {1416, "AUDIT_MAC_UNLBL_STCADD"}, {1417, "AUDIT_MAC_UNLBL_STCDEL"},
			{1418, "AUDIT_MAC_CALIPSO_ADD"}, {1419, "AUDIT_MAC_CALIPSO_DEL"}, {1700, "AUDIT_ANOM_PROMISCUOUS"},
			{1701, "AUDIT_ANOM_ABEND"}, {1702, "AUDIT_ANOM_LINK"}, {1703, "AUDIT_ANOM_CREAT"},
			{1799, "AUDIT_LAST_KERN_ANOM_MSG"}, {1800, "AUDIT_INTEGRITY_DATA"}, {1801, "AUDIT_INTEGRITY_METADATA"},
			{1802, "AUDIT_INTEGRITY_STATUS"}, {1803, "AUDIT_INTEGRITY_HASH"}, {1804, "AUDIT_INTEGRITY_PCR"},
			{1805, "AUDIT_INTEGRITY_RULE"}, {1806, "AUDIT_INTEGRITY_EVM_XATTR"}, {1807, "AUDIT_INTEGRITY_POLICY_RULE"},
			{2000, "AUDIT_KERNEL"}, {2100, "AUDIT_FIRST_USER_MSG2"}, {2999, "AUDIT_LAST_USER_MSG2"},
		}},
		// include/uapi/linux/xfrm.h
		{Name: "nl_xfrm_types", Unknown: "XFRM_MSG_???", Entries: []Flag{
			{0x10, "XFRM_MSG_NEWSA"}, {0x11, "XFRM_MSG_DELSA"}, {0x12, "XFRM_MSG_GETSA"}, {0x13, "XFRM_MSG_NEWPOLICY"},
			{0x14, "XFRM_MSG_DELPOLICY"}, {0x15, "XFRM_MSG_GETPOLICY"}, {0x16, "XFRM_MSG_ALLOCSPI"},
			{0x17, "XFRM_MSG_ACQUIRE"}, {0x18, "XFRM_MSG_EXPIRE"}, {0x19, "XFRM_MSG_UPDPOLICY"}, {0x1a, "XFRM_MSG_UPDSA"},
			{0x1b, "XFRM_MSG_POLEXPIRE"}, {0x1c, "XFRM_MSG_FLUSHSA"}, {0x1d, "XFRM_MSG_FLUSHPOLICY"}, {0x1e, "XFRM_MSG_NEWAE"},
			{0x1f, "XFRM_MSG_GETAE"}, {0x20, "XFRM_MSG_REPORT"}, {0x21, "XFRM_MSG_MIGRATE"}, {0x22, "XFRM_MSG_NEWSADINFO"},
			{0x23, "XFRM_MSG_GETSADINFO"}, {0x24, "XFRM_MSG_NEWSPDINFO"}, {0x25, "XFRM_MSG_GETSPDINFO"},
			{0x26, "XFRM_MSG_MAPPING"}, {0x27, "XFRM_MSG_SETDEFAULT"}, {0x28, "XFRM_MSG_GETDEFAULT"},
		}},
		{Name: "nl_sock_diag_types", Unknown: "SOCK_DIAG_???", Entries: []Flag{
			{18, "TCPDIAG_GETSOCK"}, {19, "DCCPDIAG_GETSOCK"}, {20, "SOCK_DIAG_BY_FAMILY"}, {21, "SOCK_DESTROY"},
		}},

		// include/uapi/linux/if_arp.h
		{Name: "arp_hardware_types", Unknown: "ARPHRD_???", Entries: []Flag{
			{0, "ARPHRD_NETROM"}, {1, "ARPHRD_ETHER"}, {2, "ARPHRD_EETHER"}, {3, "ARPHRD_AX25"}, {4, "ARPHRD_PRONET"},
			{5, "ARPHRD_CHAOS"}, {6, "ARPHRD_IEEE802"}, {7, "ARPHRD_ARCNET"}, {8, "ARPHRD_APPLETLK"}, {15, "ARPHRD_DLCI"},
			{19, "ARPHRD_ATM"}, {23, "ARPHRD_METRICOM"}, {24, "ARPHRD_IEEE1394"}, {27, "ARPHRD_EUI64"}, {32, "ARPHRD_INFINIBAND"},
			{256, "ARPHRD_SLIP"}, {257, "ARPHRD_CSLIP"}, {258, "ARPHRD_SLIP6"}, {259, "ARPHRD_CSLIP6"}, {260, "ARPHRD_RSRVD"},
			{264, "ARPHRD_ADAPT"}, {270, "ARPHRD_ROSE"}, {271, "ARPHRD_X25"}, {272, "ARPHRD_HWX25"}, {280, "ARPHRD_CAN"},
			{290, "ARPHRD_MCTP"}, {512, "ARPHRD_PPP"}, {513, "ARPHRD_CISCO"}, {516, "ARPHRD_LAPB"}, {517, "ARPHRD_DDCMP"},
			{518, "ARPHRD_RAWHDLC"}, {519, "ARPHRD_RAWIP"}, {768, "ARPHRD_TUNNEL"}, {769, "ARPHRD_TUNNEL6"}, {770, "ARPHRD_FRAD"},
			{771, "ARPHRD_SKIP"}, {772, "ARPHRD_LOOPBACK"}, {773, "ARPHRD_LOCALTLK"}, {774, "ARPHRD_FDDI"}, {775, "ARPHRD_BIF"},
			{776, "ARPHRD_SIT"}, {777, "ARPHRD_IPDDP"}, {778, "ARPHRD_IPGRE"}, {779, "ARPHRD_PIMREG"}, {780, "ARPHRD_HIPPI"},
			{781, "ARPHRD_ASH"}, {782, "ARPHRD_ECONET"}, {783, "ARPHRD_IRDA"}, {784, "ARPHRD_FCPP"}, {785, "ARPHRD_FCAL"},
			{786, "ARPHRD_FCPL"}, {787, "ARPHRD_FCFABRIC"}, {800, "ARPHRD_IEEE802_TR"}, {801, "ARPHRD_IEEE80211"},
			{802, "ARPHRD_IEEE80211_PRISM"}, {803, "ARPHRD_IEEE80211_RADIOTAP"}, {804, "ARPHRD_IEEE802154"},
			{805, "ARPHRD_IEEE802154_MONITOR"}, {820, "ARPHRD_PHONET"}, {821, "ARPHRD_PHONET_PIPE"}, {822, "ARPHRD_CAIF"},
			{823, "ARPHRD_IP6GRE"}, {824, "ARPHRD_NETLINK"}, {825, "ARPHRD_6LOWPAN"}, {826, "ARPHRD_VSOCKMON"},
			{0xfffe, "ARPHRD_NONE"}, {0xffff, "ARPHRD_VOID"},
		}},
		// include/uapi/linux/if.h
		{Name: "iffflags", UnknownFlags: "IFF_???", Entries: []Flag{
			{1 << 0, "IFF_UP"}, {1 << 1, "IFF_BROADCAST"}, {1 << 2, "IFF_DEBUG"}, {1 << 3, "IFF_LOOPBACK"},
			{1 << 4, "IFF_POINTOPOINT"}, {1 << 5, "IFF_NOTRAILERS"}, {1 << 6, "IFF_RUNNING"}, {1 << 7, "IFF_NOARP"},
			{1 << 8, "IFF_PROMISC"}, {1 << 9, "IFF_ALLMULTI"}, {1 << 10, "IFF_MASTER"}, {1 << 11, "IFF_SLAVE"},
			{1 << 12, "IFF_MULTICAST"}, {1 << 13, "IFF_PORTSEL"}, {1 << 14, "IFF_AUTOMEDIA"}, {1 << 15, "IFF_DYNAMIC"},
			{1 << 16, "IFF_LOWER_UP"}, {1 << 17, "IFF_DORMANT"}, {1 << 18, "IFF_ECHO"},
		}},
		// include/uapi/linux/if_addr.h
		{Name: "ifaddrflags", UnknownFlags: "IFA_F_???", Entries: []Flag{
			{0x01, "IFA_F_SECONDARY"}, {0x02, "IFA_F_NODAD"}, {0x04, "IFA_F_OPTIMISTIC"}, {0x08, "IFA_F_DADFAILED"},
			{0x10, "IFA_F_HOMEADDRESS"}, {0x20, "IFA_F_DEPRECATED"}, {0x40, "IFA_F_TENTATIVE"}, {0x80, "IFA_F_PERMANENT"},
			{0x100, "IFA_F_MANAGETEMPADDR"}, {0x200, "IFA_F_NOPREFIXROUTE"}, {0x400, "IFA_F_MCAUTOJOIN"},
			{0x800, "IFA_F_STABLE_PRIVACY"},
		}},
		// include/uapi/linux/rtnetlink.h
		{Name: "routing_scopes", Entries: []Flag{
			{0, "RT_SCOPE_UNIVERSE"}, {200, "RT_SCOPE_SITE"}, {253, "RT_SCOPE_LINK"}, {254, "RT_SCOPE_HOST"}, {255, "RT_SCOPE_NOWHERE"},
		}},
		{Name: "routing_table_ids", Entries: []Flag{
			{0, "RT_TABLE_UNSPEC"}, {252, "RT_TABLE_COMPAT"}, {253, "RT_TABLE_DEFAULT"}, {254, "RT_TABLE_MAIN"}, {255, "RT_TABLE_LOCAL"},
		}},
		{Name: "routing_protocols", Unknown: "RTPROT_???", Entries: []Flag{
			{0, "RTPROT_UNSPEC"}, {1, "RTPROT_REDIRECT"}, {2, "RTPROT_KERNEL"}, {3, "RTPROT_BOOT"}, {4, "RTPROT_STATIC"},
			{8, "RTPROT_GATED"}, {9, "RTPROT_RA"}, {10, "RTPROT_MRT"}, {11, "RTPROT_ZEBRA"}, {12, "RTPROT_BIRD"},
			{13, "RTPROT_DNROUTED"}, {14, "RTPROT_XORP"}, {15, "RTPROT_NTK"}, {16, "RTPROT_DHCP"}, {17, "RTPROT_MROUTED"},
			{18, "RTPROT_KEEPALIVED"}, {42, "RTPROT_BABEL"}, {99, "RTPROT_OPENR"}, {186, "RTPROT_BGP"}, {187, "RTPROT_ISIS"},
			{188, "RTPROT_OSPF"}, {189, "RTPROT_RIP"}, {192, "RTPROT_EIGRP"},
		}},
		// include/uapi/linux/ip.h
		{Name: "ip_type_of_services", UnknownFlags: "IPTOS_TOS_???", Entries: []Flag{
			{0x10, "IPTOS_LOWDELAY"}, {0x08, "IPTOS_THROUGHPUT"}, {0x04, "IPTOS_RELIABILITY"}, {0x02, "IPTOS_MINCOST"},
		}},
		{Name: "routing_types", Unknown: "RTN_???", Entries: []Flag{
			{0, "RTN_UNSPEC"}, {1, "RTN_UNICAST"}, {2, "RTN_LOCAL"}, {3, "RTN_BROADCAST"}, {4, "RTN_ANYCAST"},
			{5, "RTN_MULTICAST"}, {6, "RTN_BLACKHOLE"}, {7, "RTN_UNREACHABLE"}, {8, "RTN_PROHIBIT"}, {9, "RTN_THROW"},
			{10, "RTN_NAT"}, {11, "RTN_XRESOLVE"},
		}},
		{Name: "routing_flags", UnknownFlags: "RTM_F_???", Entries: []Flag{
			{0x100, "RTM_F_NOTIFY"}, {0x200, "RTM_F_CLONED"}, {0x400, "RTM_F_EQUALIZE"}, {0x800, "RTM_F_PREFIX"},
			{0x1000, "RTM_F_LOOKUP_TABLE"}, {0x2000, "RTM_F_FIB_MATCH"}, {0x4000, "RTM_F_OFFLOAD"}, {0x8000, "RTM_F_TRAP"},
			{0x20000000, "RTM_F_OFFLOAD_FAILED"},
		}},
		// include/uapi/linux/if_link.h
		{Name: "rtnl_link_attrs", Unknown: "IFLA_???", Entries: seqNames(0, "IFLA_UNSPEC", "IFLA_ADDRESS", "IFLA_BROADCAST",
			"IFLA_IFNAME", "IFLA_MTU", "IFLA_LINK", "IFLA_QDISC", "IFLA_STATS", "IFLA_COST", "IFLA_PRIORITY", "IFLA_MASTER",
			"IFLA_WIRELESS", "IFLA_PROTINFO", "IFLA_TXQLEN", "IFLA_MAP", "IFLA_WEIGHT", "IFLA_OPERSTATE", "IFLA_LINKMODE",
			"IFLA_LINKINFO", "IFLA_NET_NS_PID", "IFLA_IFALIAS", "IFLA_NUM_VF", "IFLA_VFINFO_LIST", "IFLA_STATS64",
			"IFLA_VF_PORTS", "IFLA_PORT_SELF", "IFLA_AF_SPEC", "IFLA_GROUP", "IFLA_NET_NS_FD", "IFLA_EXT_MASK",
			"IFLA_PROMISCUITY", "IFLA_NUM_TX_QUEUES", "IFLA_NUM_RX_QUEUES", "IFLA_CARRIER", "IFLA_PHYS_PORT_ID",
			"IFLA_CARRIER_CHANGES", "IFLA_PHYS_SWITCH_ID", "IFLA_LINK_NETNSID", "IFLA_PHYS_PORT_NAME", "IFLA_PROTO_DOWN",
			"IFLA_GSO_MAX_SEGS", "IFLA_GSO_MAX_SIZE", "IFLA_PAD", "IFLA_XDP", "IFLA_EVENT", "IFLA_NEW_NETNSID",
			"IFLA_IF_NETNSID", "IFLA_CARRIER_UP_COUNT", "IFLA_CARRIER_DOWN_COUNT", "IFLA_NEW_IFINDEX", "IFLA_MIN_MTU",
			"IFLA_MAX_MTU", "IFLA_PROP_LIST", "IFLA_ALT_IFNAME", "IFLA_PERM_ADDRESS", "IFLA_PROTO_DOWN_REASON",
			"IFLA_PARENT_DEV_NAME", "IFLA_PARENT_DEV_BUS_NAME", "IFLA_GRO_MAX_SIZE", "IFLA_TSO_MAX_SIZE",
			"IFLA_TSO_MAX_SEGS", "IFLA_ALLMULTI")},
		{Name: "rtnl_ifla_ext_filter_flags", UnknownFlags: "RTEXT_FILTER_???", Entries: []Flag{
			{1 << 0, "RTEXT_FILTER_VF"}, {1 << 1, "RTEXT_FILTER_BRVLAN"}, {1 << 2, "RTEXT_FILTER_BRVLAN_COMPRESSED"},
			{1 << 3, "RTEXT_FILTER_SKIP_STATS"}, {1 << 4, "RTEXT_FILTER_MRP"}, {1 << 5, "RTEXT_FILTER_CFM_CONFIG"},
			{1 << 6, "RTEXT_FILTER_CFM_STATUS"},
		}},
		// include/uapi/linux/fib_rules.h
		{Name: "fib_rule_actions", Unknown: "FR_ACT_???", Entries: seqNames(0, "FR_ACT_UNSPEC", "FR_ACT_TO_TBL",
			"FR_ACT_GOTO", "FR_ACT_NOP", "FR_ACT_RES3", "FR_ACT_RES4", "FR_ACT_BLACKHOLE", "FR_ACT_UNREACHABLE",
			"FR_ACT_PROHIBIT")},
		{Name: "fib_rule_flags", UnknownFlags: "FIB_RULE_???", Entries: []Flag{
			{0x1, "FIB_RULE_PERMANENT"}, {0x2, "FIB_RULE_INVERT"}, {0x4, "FIB_RULE_UNRESOLVED"},
			{0x8, "FIB_RULE_IIF_DETACHED"}, {0x10, "FIB_RULE_OIF_DETACHED"}, {0x10000, "FIB_RULE_FIND_SADDR"},
		}},
		{Name: "rtnl_rule_attrs", Unknown: "FRA_???", Entries: seqNames(0, "FRA_UNSPEC", "FRA_DST", "FRA_SRC",
			"FRA_IIFNAME", "FRA_GOTO", "FRA_UNUSED2", "FRA_PRIORITY", "FRA_UNUSED3", "FRA_UNUSED4", "FRA_UNUSED5",
			"FRA_FWMARK", "FRA_FLOW", "FRA_TUN_ID", "FRA_SUPPRESS_IFGROUP", "FRA_SUPPRESS_PREFIXLEN", "FRA_TABLE",
			"FRA_FWMASK", "FRA_OIFNAME", "FRA_PAD", "FRA_L3MDEV", "FRA_UID_RANGE", "FRA_PROTOCOL", "FRA_IP_PROTO",
			"FRA_SPORT_RANGE", "FRA_DPORT_RANGE")},
		// include/uapi/linux/neighbour.h
		{Name: "neighbor_cache_entry_states", UnknownFlags: "NUD_???", Entries: []Flag{
			{0x00, "NUD_NONE"}, {0x01, "NUD_INCOMPLETE"}, {0x02, "NUD_REACHABLE"}, {0x04, "NUD_STALE"}, {0x08, "NUD_DELAY"},
			{0x10, "NUD_PROBE"}, {0x20, "NUD_FAILED"}, {0x40, "NUD_NOARP"}, {0x80, "NUD_PERMANENT"},
		}},
		{Name: "neighbor_cache_entry_flags", UnknownFlags: "NTF_???", Entries: []Flag{
			{0x01, "NTF_USE"}, {0x02, "NTF_SELF"}, {0x04, "NTF_MASTER"}, {0x08, "NTF_PROXY"}, {0x10, "NTF_EXT_LEARNED"},
			{0x20, "NTF_OFFLOADED"}, {0x40, "NTF_STICKY"}, {0x80, "NTF_ROUTER"},
		}},
		{Name: "rtnl_neigh_attrs", Unknown: "NDA_???", Entries: seqNames(0, "NDA_UNSPEC", "NDA_DST", "NDA_LLADDR",
			"NDA_CACHEINFO", "NDA_PROBES", "NDA_VLAN", "NDA_PORT", "NDA_VNI", "NDA_IFINDEX", "NDA_MASTER",
			"NDA_LINK_NETNSID", "NDA_SRC_VNI", "NDA_PROTOCOL", "NDA_NH_ID", "NDA_FDB_EXT_ATTRS", "NDA_FLAGS_EXT",
			"NDA_NDM_STATE_MASK", "NDA_NDM_FLAGS_MASK")},
		// include/uapi/linux/if_addr.h
		{Name: "rtnl_addr_attrs", Unknown: "IFA_???", Entries: seqNames(0, "IFA_UNSPEC", "IFA_ADDRESS", "IFA_LOCAL",
			"IFA_LABEL", "IFA_BROADCAST", "IFA_ANYCAST", "IFA_CACHEINFO", "IFA_MULTICAST", "IFA_FLAGS", "IFA_RT_PRIORITY",
			"IFA_TARGET_NETNSID", "IFA_PROTO")},
		// include/uapi/linux/rtnetlink.h
		{Name: "rtnl_route_attrs", Unknown: "RTA_???", Entries: seqNames(0, "RTA_UNSPEC", "RTA_DST", "RTA_SRC", "RTA_IIF",
			"RTA_OIF", "RTA_GATEWAY", "RTA_PRIORITY", "RTA_PREFSRC", "RTA_METRICS", "RTA_MULTIPATH", "RTA_PROTOINFO",
			"RTA_FLOW", "RTA_CACHEINFO", "RTA_SESSION", "RTA_MP_ALGO", "RTA_TABLE", "RTA_MARK", "RTA_MFC_STATS", "RTA_VIA",
			"RTA_NEWDST", "RTA_PREF", "RTA_ENCAP_TYPE", "RTA_ENCAP", "RTA_EXPIRES", "RTA_PAD", "RTA_UID",
			"RTA_TTL_PROPAGATE", "RTA_IP_PROTO", "RTA_SPORT", "RTA_DPORT", "RTA_NH_ID")},
	}
}

// seqNames numbers names from first on, as an enum without explicit
// values does.
func seqNames(first uint64, names ...string) []Flag {
	fs := make([]Flag, len(names))
	for i, n := range names {
		fs[i] = Flag{first + uint64(i), n}
	}
	return fs
}
