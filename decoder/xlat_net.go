package decoder

// Flag and value sets of sockets, polling and terminal ioctls. Values are
// those of the kernel UAPI headers named above each set; the order is
// strace's where it shows (strace prints a bitmask in table order).

var netXlats = []*Xlat{
	// include/linux/socket.h
	{Name: "address_families", Unknown: "AF_???", Entries: []Flag{
		{0, "AF_UNSPEC"}, {1, "AF_UNIX"}, {2, "AF_INET"}, {3, "AF_AX25"}, {4, "AF_IPX"},
		{5, "AF_APPLETALK"}, {6, "AF_NETROM"}, {7, "AF_BRIDGE"}, {8, "AF_ATMPVC"}, {9, "AF_X25"},
		{10, "AF_INET6"}, {11, "AF_ROSE"}, {12, "AF_DECnet"}, {13, "AF_NETBEUI"}, {14, "AF_SECURITY"},
		{15, "AF_KEY"}, {16, "AF_NETLINK"}, {17, "AF_PACKET"}, {18, "AF_ASH"}, {19, "AF_ECONET"},
		{20, "AF_ATMSVC"}, {21, "AF_RDS"}, {22, "AF_SNA"}, {23, "AF_IRDA"}, {24, "AF_PPPOX"},
		{25, "AF_WANPIPE"}, {26, "AF_LLC"}, {27, "AF_IB"}, {28, "AF_MPLS"}, {29, "AF_CAN"},
		{30, "AF_TIPC"}, {31, "AF_BLUETOOTH"}, {32, "AF_IUCV"}, {33, "AF_RXRPC"}, {34, "AF_ISDN"},
		{35, "AF_PHONET"}, {36, "AF_IEEE802154"}, {37, "AF_CAIF"}, {38, "AF_ALG"}, {39, "AF_NFC"},
		{40, "AF_VSOCK"}, {41, "AF_KCM"}, {42, "AF_QIPCRTR"}, {43, "AF_SMC"}, {44, "AF_XDP"},
		{45, "AF_MCTP"},
	}},
	// include/linux/net.h; arches with their own SOCK_* (mips) are not
	// among ours.
	{Name: "socket_types", Unknown: "SOCK_???", Entries: []Flag{
		{1, "SOCK_STREAM"}, {2, "SOCK_DGRAM"}, {3, "SOCK_RAW"}, {4, "SOCK_RDM"},
		{5, "SOCK_SEQPACKET"}, {6, "SOCK_DCCP"}, {10, "SOCK_PACKET"},
	}},
	{Name: "sock_flags", Entries: []Flag{{0o2000000, "SOCK_CLOEXEC"}, {0o4000, "SOCK_NONBLOCK"}}},
	// accept4's flags are the same two bits.
	{Name: "accept4_flags", Entries: []Flag{{0o2000000, "SOCK_CLOEXEC"}, {0o4000, "SOCK_NONBLOCK"}}},
	// include/uapi/linux/in.h, the protocols of AF_INET and AF_INET6
	// sockets.
	{Name: "inet_protocols", Unknown: "IPPROTO_???", Entries: []Flag{
		{0, "IPPROTO_IP"}, {1, "IPPROTO_ICMP"}, {2, "IPPROTO_IGMP"}, {4, "IPPROTO_IPIP"},
		{6, "IPPROTO_TCP"}, {8, "IPPROTO_EGP"}, {12, "IPPROTO_PUP"}, {17, "IPPROTO_UDP"},
		{22, "IPPROTO_IDP"}, {29, "IPPROTO_TP"}, {33, "IPPROTO_DCCP"}, {41, "IPPROTO_IPV6"},
		{43, "IPPROTO_ROUTING"}, {44, "IPPROTO_FRAGMENT"}, {46, "IPPROTO_RSVP"}, {47, "IPPROTO_GRE"},
		{50, "IPPROTO_ESP"}, {51, "IPPROTO_AH"}, {58, "IPPROTO_ICMPV6"}, {59, "IPPROTO_NONE"},
		{60, "IPPROTO_DSTOPTS"}, {92, "IPPROTO_MTP"}, {94, "IPPROTO_BEETPH"}, {98, "IPPROTO_ENCAP"},
		{103, "IPPROTO_PIM"}, {108, "IPPROTO_COMP"}, {115, "IPPROTO_L2TP"}, {132, "IPPROTO_SCTP"},
		{135, "IPPROTO_MH"}, {136, "IPPROTO_UDPLITE"}, {137, "IPPROTO_MPLS"}, {143, "IPPROTO_ETHERNET"},
		{255, "IPPROTO_RAW"}, {262, "IPPROTO_MPTCP"},
	}},
	// include/uapi/linux/netlink.h
	{Name: "netlink_protocols", Unknown: "NETLINK_???", Entries: []Flag{
		{0, "NETLINK_ROUTE"}, {1, "NETLINK_UNUSED"}, {2, "NETLINK_USERSOCK"}, {3, "NETLINK_FIREWALL"},
		{4, "NETLINK_SOCK_DIAG"}, {5, "NETLINK_NFLOG"}, {6, "NETLINK_XFRM"}, {7, "NETLINK_SELINUX"},
		{8, "NETLINK_ISCSI"}, {9, "NETLINK_AUDIT"}, {10, "NETLINK_FIB_LOOKUP"}, {11, "NETLINK_CONNECTOR"},
		{12, "NETLINK_NETFILTER"}, {13, "NETLINK_IP6_FW"}, {14, "NETLINK_DNRTMSG"},
		{15, "NETLINK_KOBJECT_UEVENT"}, {16, "NETLINK_GENERIC"}, {18, "NETLINK_SCSITRANSPORT"},
		{19, "NETLINK_ECRYPTFS"}, {20, "NETLINK_RDMA"}, {21, "NETLINK_CRYPTO"}, {22, "NETLINK_SMC"},
	}},
	// include/uapi/linux/if_ether.h: AF_PACKET's protocol, in network
	// byte order ("htons(ETH_P_ALL)").
	{Name: "ethernet_protocols", Unknown: "ETH_P_???", Entries: []Flag{
		{0x0003, "ETH_P_ALL"}, {0x0800, "ETH_P_IP"}, {0x0806, "ETH_P_ARP"}, {0x86dd, "ETH_P_IPV6"},
		{0x8100, "ETH_P_8021Q"}, {0x88cc, "ETH_P_LLDP"}, {0x88a8, "ETH_P_8021AD"}, {0x8035, "ETH_P_RARP"},
	}},
	// include/linux/socket.h SOL_*; strace's unknown has two question
	// marks.
	{Name: "socket_levels", Unknown: "SOL_??", Entries: []Flag{
		{0, "SOL_IP"}, {1, "SOL_SOCKET"}, {6, "SOL_TCP"}, {17, "SOL_UDP"}, {41, "SOL_IPV6"},
		{58, "SOL_ICMPV6"}, {132, "SOL_SCTP"}, {136, "SOL_UDPLITE"}, {255, "SOL_RAW"},
		{256, "SOL_IPX"}, {257, "SOL_AX25"}, {258, "SOL_ATALK"}, {259, "SOL_NETROM"}, {260, "SOL_ROSE"},
		{261, "SOL_DECNET"}, {262, "SOL_X25"}, {263, "SOL_PACKET"}, {264, "SOL_ATM"}, {265, "SOL_AAL"},
		{266, "SOL_IRDA"}, {267, "SOL_NETBEUI"}, {268, "SOL_LLC"}, {269, "SOL_DCCP"}, {270, "SOL_NETLINK"},
		{271, "SOL_TIPC"}, {272, "SOL_RXRPC"}, {273, "SOL_PPPOL2TP"}, {274, "SOL_BLUETOOTH"},
		{275, "SOL_PNPIPE"}, {276, "SOL_RDS"}, {277, "SOL_IUCV"}, {278, "SOL_CAIF"}, {279, "SOL_ALG"},
		{280, "SOL_NFC"}, {281, "SOL_KCM"}, {282, "SOL_TLS"}, {283, "SOL_XDP"}, {284, "SOL_MPTCP"},
		{285, "SOL_MCTP"}, {286, "SOL_SMC"},
	}},
	// include/uapi/asm-generic/socket.h (x86 and arm64 use it).
	{Name: "sockopt_socket", Unknown: "SO_???", Entries: []Flag{
		{1, "SO_DEBUG"}, {2, "SO_REUSEADDR"}, {3, "SO_TYPE"}, {4, "SO_ERROR"}, {5, "SO_DONTROUTE"},
		{6, "SO_BROADCAST"}, {7, "SO_SNDBUF"}, {8, "SO_RCVBUF"}, {9, "SO_KEEPALIVE"}, {10, "SO_OOBINLINE"},
		{11, "SO_NO_CHECK"}, {12, "SO_PRIORITY"}, {13, "SO_LINGER"}, {14, "SO_BSDCOMPAT"},
		{15, "SO_REUSEPORT"}, {16, "SO_PASSCRED"}, {17, "SO_PEERCRED"}, {18, "SO_RCVLOWAT"},
		{19, "SO_SNDLOWAT"}, {20, "SO_RCVTIMEO_OLD"}, {21, "SO_SNDTIMEO_OLD"},
		{22, "SO_SECURITY_AUTHENTICATION"}, {23, "SO_SECURITY_ENCRYPTION_TRANSPORT"},
		{24, "SO_SECURITY_ENCRYPTION_NETWORK"}, {25, "SO_BINDTODEVICE"}, {26, "SO_ATTACH_FILTER"},
		{27, "SO_DETACH_FILTER"}, {28, "SO_PEERNAME"}, {29, "SO_TIMESTAMP_OLD"}, {30, "SO_ACCEPTCONN"},
		{31, "SO_PEERSEC"}, {32, "SO_SNDBUFFORCE"}, {33, "SO_RCVBUFFORCE"}, {34, "SO_PASSSEC"},
		{35, "SO_TIMESTAMPNS_OLD"}, {36, "SO_MARK"}, {37, "SO_TIMESTAMPING_OLD"}, {38, "SO_PROTOCOL"},
		{39, "SO_DOMAIN"}, {40, "SO_RXQ_OVFL"}, {41, "SO_WIFI_STATUS"}, {42, "SO_PEEK_OFF"},
		{43, "SO_NOFCS"}, {44, "SO_LOCK_FILTER"}, {45, "SO_SELECT_ERR_QUEUE"}, {46, "SO_BUSY_POLL"},
		{47, "SO_MAX_PACING_RATE"}, {48, "SO_BPF_EXTENSIONS"}, {49, "SO_INCOMING_CPU"},
		{50, "SO_ATTACH_BPF"}, {51, "SO_ATTACH_REUSEPORT_CBPF"}, {52, "SO_ATTACH_REUSEPORT_EBPF"},
		{53, "SO_CNX_ADVICE"}, {55, "SO_MEMINFO"}, {56, "SO_INCOMING_NAPI_ID"}, {57, "SO_COOKIE"},
		{59, "SO_PEERGROUPS"}, {60, "SO_ZEROCOPY"}, {61, "SO_TXTIME"}, {62, "SO_BINDTOIFINDEX"},
		{63, "SO_TIMESTAMP_NEW"}, {64, "SO_TIMESTAMPNS_NEW"}, {65, "SO_TIMESTAMPING_NEW"},
		{66, "SO_RCVTIMEO_NEW"}, {67, "SO_SNDTIMEO_NEW"}, {68, "SO_DETACH_REUSEPORT_BPF"},
		{69, "SO_PREFER_BUSY_POLL"}, {70, "SO_BUSY_POLL_BUDGET"}, {71, "SO_NETNS_COOKIE"},
		{72, "SO_BUF_LOCK"}, {73, "SO_RESERVE_MEM"}, {74, "SO_TXREHASH"},
	}},
	// include/uapi/linux/in.h
	{Name: "sockopt_ip", Unknown: "IP_???", Entries: []Flag{
		{1, "IP_TOS"}, {2, "IP_TTL"}, {3, "IP_HDRINCL"}, {4, "IP_OPTIONS"}, {5, "IP_ROUTER_ALERT"},
		{6, "IP_RECVOPTS"}, {7, "IP_RETOPTS"}, {8, "IP_PKTINFO"}, {9, "IP_PKTOPTIONS"},
		{10, "IP_MTU_DISCOVER"}, {11, "IP_RECVERR"}, {12, "IP_RECVTTL"}, {13, "IP_RECVTOS"},
		{14, "IP_MTU"}, {15, "IP_FREEBIND"}, {16, "IP_IPSEC_POLICY"}, {17, "IP_XFRM_POLICY"},
		{18, "IP_PASSSEC"}, {19, "IP_TRANSPARENT"}, {20, "IP_ORIGDSTADDR"}, {21, "IP_MINTTL"},
		{22, "IP_NODEFRAG"}, {23, "IP_CHECKSUM"}, {24, "IP_BIND_ADDRESS_NO_PORT"},
		{25, "IP_RECVFRAGSIZE"}, {26, "IP_RECVERR_RFC4884"}, {32, "IP_MULTICAST_IF"},
		{33, "IP_MULTICAST_TTL"}, {34, "IP_MULTICAST_LOOP"}, {35, "IP_ADD_MEMBERSHIP"},
		{36, "IP_DROP_MEMBERSHIP"}, {37, "IP_UNBLOCK_SOURCE"}, {38, "IP_BLOCK_SOURCE"},
		{39, "IP_ADD_SOURCE_MEMBERSHIP"}, {40, "IP_DROP_SOURCE_MEMBERSHIP"}, {41, "IP_MSFILTER"},
		{42, "MCAST_JOIN_GROUP"}, {43, "MCAST_BLOCK_SOURCE"}, {44, "MCAST_UNBLOCK_SOURCE"},
		{45, "MCAST_LEAVE_GROUP"}, {46, "MCAST_JOIN_SOURCE_GROUP"}, {47, "MCAST_LEAVE_SOURCE_GROUP"},
		{48, "MCAST_MSFILTER"}, {49, "IP_MULTICAST_ALL"}, {50, "IP_UNICAST_IF"},
	}},
	// include/uapi/linux/in6.h
	{Name: "sockopt_ipv6", Unknown: "IPV6_???", Entries: []Flag{
		{1, "IPV6_ADDRFORM"}, {2, "IPV6_2292PKTINFO"}, {3, "IPV6_2292HOPOPTS"}, {4, "IPV6_2292DSTOPTS"},
		{5, "IPV6_2292RTHDR"}, {6, "IPV6_2292PKTOPTIONS"}, {7, "IPV6_CHECKSUM"}, {8, "IPV6_2292HOPLIMIT"},
		{9, "IPV6_NEXTHOP"}, {10, "IPV6_AUTHHDR"}, {11, "IPV6_FLOWINFO"}, {16, "IPV6_UNICAST_HOPS"},
		{17, "IPV6_MULTICAST_IF"}, {18, "IPV6_MULTICAST_HOPS"}, {19, "IPV6_MULTICAST_LOOP"},
		{20, "IPV6_ADD_MEMBERSHIP"}, {21, "IPV6_DROP_MEMBERSHIP"}, {22, "IPV6_ROUTER_ALERT"},
		{23, "IPV6_MTU_DISCOVER"}, {24, "IPV6_MTU"}, {25, "IPV6_RECVERR"}, {26, "IPV6_V6ONLY"},
		{27, "IPV6_JOIN_ANYCAST"}, {28, "IPV6_LEAVE_ANYCAST"}, {29, "IPV6_MULTICAST_ALL"},
		{30, "IPV6_ROUTER_ALERT_ISOLATE"}, {31, "IPV6_RECVERR_RFC4884"}, {32, "IPV6_FLOWLABEL_MGR"},
		{33, "IPV6_FLOWINFO_SEND"}, {34, "IPV6_IPSEC_POLICY"}, {35, "IPV6_XFRM_POLICY"}, {36, "IPV6_HDRINCL"},
		{49, "IPV6_RECVPKTINFO"}, {50, "IPV6_PKTINFO"}, {51, "IPV6_RECVHOPLIMIT"}, {52, "IPV6_HOPLIMIT"},
		{53, "IPV6_RECVHOPOPTS"}, {54, "IPV6_HOPOPTS"}, {55, "IPV6_RTHDRDSTOPTS"}, {56, "IPV6_RECVRTHDR"},
		{57, "IPV6_RTHDR"}, {58, "IPV6_RECVDSTOPTS"}, {59, "IPV6_DSTOPTS"}, {60, "IPV6_RECVPATHMTU"},
		{61, "IPV6_PATHMTU"}, {62, "IPV6_DONTFRAG"}, {66, "IPV6_RECVTCLASS"}, {67, "IPV6_TCLASS"},
		{72, "IPV6_ADDR_PREFERENCES"}, {73, "IPV6_MINHOPCOUNT"}, {74, "IPV6_ORIGDSTADDR"},
		{75, "IPV6_TRANSPARENT"}, {76, "IPV6_UNICAST_IF"}, {77, "IPV6_RECVFRAGSIZE"}, {78, "IPV6_FREEBIND"},
	}},
	// include/uapi/linux/tcp.h
	{Name: "sockopt_tcp", Unknown: "TCP_???", Entries: []Flag{
		{1, "TCP_NODELAY"}, {2, "TCP_MAXSEG"}, {3, "TCP_CORK"}, {4, "TCP_KEEPIDLE"}, {5, "TCP_KEEPINTVL"},
		{6, "TCP_KEEPCNT"}, {7, "TCP_SYNCNT"}, {8, "TCP_LINGER2"}, {9, "TCP_DEFER_ACCEPT"},
		{10, "TCP_WINDOW_CLAMP"}, {11, "TCP_INFO"}, {12, "TCP_QUICKACK"}, {13, "TCP_CONGESTION"},
		{14, "TCP_MD5SIG"}, {16, "TCP_THIN_LINEAR_TIMEOUTS"}, {17, "TCP_THIN_DUPACK"},
		{18, "TCP_USER_TIMEOUT"}, {19, "TCP_REPAIR"}, {20, "TCP_REPAIR_QUEUE"}, {21, "TCP_QUEUE_SEQ"},
		{22, "TCP_REPAIR_OPTIONS"}, {23, "TCP_FASTOPEN"}, {24, "TCP_TIMESTAMP"}, {25, "TCP_NOTSENT_LOWAT"},
		{26, "TCP_CC_INFO"}, {27, "TCP_SAVE_SYN"}, {28, "TCP_SAVED_SYN"}, {29, "TCP_REPAIR_WINDOW"},
		{30, "TCP_FASTOPEN_CONNECT"}, {31, "TCP_ULP"}, {32, "TCP_MD5SIG_EXT"}, {33, "TCP_FASTOPEN_KEY"},
		{34, "TCP_FASTOPEN_NO_COOKIE"}, {35, "TCP_ZEROCOPY_RECEIVE"}, {36, "TCP_INQ"}, {37, "TCP_TX_DELAY"},
	}},
	// include/uapi/linux/udp.h
	{Name: "sockopt_udp", Unknown: "UDP_???", Entries: []Flag{
		{1, "UDP_CORK"}, {100, "UDP_ENCAP"}, {101, "UDP_NO_CHECK6_TX"}, {102, "UDP_NO_CHECK6_RX"},
		{103, "UDP_SEGMENT"}, {104, "UDP_GRO"},
	}},
	// include/uapi/linux/netlink.h
	{Name: "sockopt_netlink", Unknown: "NETLINK_???", Entries: []Flag{
		{1, "NETLINK_ADD_MEMBERSHIP"}, {2, "NETLINK_DROP_MEMBERSHIP"}, {3, "NETLINK_PKTINFO"},
		{4, "NETLINK_BROADCAST_ERROR"}, {5, "NETLINK_NO_ENOBUFS"}, {6, "NETLINK_RX_RING"},
		{7, "NETLINK_TX_RING"}, {8, "NETLINK_LISTEN_ALL_NSID"}, {9, "NETLINK_LIST_MEMBERSHIPS"},
		{10, "NETLINK_CAP_ACK"}, {11, "NETLINK_EXT_ACK"}, {12, "NETLINK_GET_STRICT_CHK"},
	}},
	// include/linux/socket.h MSG_*, in strace's order.
	{Name: "msg_flags", Entries: []Flag{
		{0x1, "MSG_OOB"}, {0x2, "MSG_PEEK"}, {0x4, "MSG_DONTROUTE"}, {0x8, "MSG_CTRUNC"},
		{0x10, "MSG_PROBE"}, {0x20, "MSG_TRUNC"}, {0x40, "MSG_DONTWAIT"}, {0x80, "MSG_EOR"},
		{0x100, "MSG_WAITALL"}, {0x200, "MSG_FIN"}, {0x400, "MSG_SYN"}, {0x800, "MSG_CONFIRM"},
		{0x1000, "MSG_RST"}, {0x2000, "MSG_ERRQUEUE"}, {0x4000, "MSG_NOSIGNAL"}, {0x8000, "MSG_MORE"},
		{0x10000, "MSG_WAITFORONE"}, {0x20000, "MSG_SENDPAGE_NOPOLICY"}, {0x40000, "MSG_SENDPAGE_NOTLAST"},
		{0x80000, "MSG_BATCH"}, {0x4000000, "MSG_ZEROCOPY"}, {0x20000000, "MSG_FASTOPEN"},
		{0x40000000, "MSG_CMSG_CLOEXEC"}, {0x80000000, "MSG_CMSG_COMPAT"},
	}},
	{Name: "shutdown_modes", Unknown: "SHUT_???", Entries: []Flag{
		{0, "SHUT_RD"}, {1, "SHUT_WR"}, {2, "SHUT_RDWR"},
	}},
	// include/linux/socket.h: control message types of SOL_SOCKET.
	{Name: "scm_types", Unknown: "SCM_???", Entries: []Flag{
		{1, "SCM_RIGHTS"}, {2, "SCM_CREDENTIALS"}, {3, "SCM_SECURITY"}, {4, "SCM_PIDFD"},
	}},
	// include/uapi/asm-generic/poll.h, in strace's order.
	{Name: "poll_events", Entries: []Flag{
		{0x1, "POLLIN"}, {0x2, "POLLPRI"}, {0x4, "POLLOUT"}, {0x40, "POLLRDNORM"}, {0x80, "POLLRDBAND"},
		{0x100, "POLLWRNORM"}, {0x200, "POLLWRBAND"}, {0x400, "POLLMSG"}, {0x1000, "POLLREMOVE"},
		{0x2000, "POLLRDHUP"}, {0x8, "POLLERR"}, {0x10, "POLLHUP"}, {0x20, "POLLNVAL"},
	}},
	// include/uapi/linux/eventpoll.h, in strace's order.
	{Name: "epoll_events", Entries: []Flag{
		{0x1, "EPOLLIN"}, {0x2, "EPOLLPRI"}, {0x4, "EPOLLOUT"}, {0x40, "EPOLLRDNORM"},
		{0x80, "EPOLLRDBAND"}, {0x100, "EPOLLWRNORM"}, {0x200, "EPOLLWRBAND"}, {0x400, "EPOLLMSG"},
		{0x8, "EPOLLERR"}, {0x10, "EPOLLHUP"}, {0x2000, "EPOLLRDHUP"}, {0x10000000, "EPOLLEXCLUSIVE"},
		{0x20000000, "EPOLLWAKEUP"}, {0x40000000, "EPOLLONESHOT"}, {0x80000000, "EPOLLET"},
	}},
	{Name: "epoll_ctl_ops", Unknown: "EPOLL_CTL_???", Entries: []Flag{
		{1, "EPOLL_CTL_ADD"}, {2, "EPOLL_CTL_DEL"}, {3, "EPOLL_CTL_MOD"},
	}},
	// include/uapi/linux/fs.h
	{Name: "rwf_flags", Entries: []Flag{
		{1, "RWF_HIPRI"}, {2, "RWF_DSYNC"}, {4, "RWF_SYNC"}, {8, "RWF_NOWAIT"}, {0x10, "RWF_APPEND"},
	}},
	// include/uapi/linux/net.h: socketcall's call numbers.
	{Name: "socketcalls", Entries: []Flag{
		{1, "SYS_SOCKET"}, {2, "SYS_BIND"}, {3, "SYS_CONNECT"}, {4, "SYS_LISTEN"}, {5, "SYS_ACCEPT"},
		{6, "SYS_GETSOCKNAME"}, {7, "SYS_GETPEERNAME"}, {8, "SYS_SOCKETPAIR"}, {9, "SYS_SEND"},
		{10, "SYS_RECV"}, {11, "SYS_SENDTO"}, {12, "SYS_RECVFROM"}, {13, "SYS_SHUTDOWN"},
		{14, "SYS_SETSOCKOPT"}, {15, "SYS_GETSOCKOPT"}, {16, "SYS_SENDMSG"}, {17, "SYS_RECVMSG"},
		{18, "SYS_ACCEPT4"}, {19, "SYS_RECVMMSG"}, {20, "SYS_SENDMMSG"},
	}},
	// include/uapi/linux/ipc.h, the flags of the SysV gets.
	{Name: "ipc_flags", Entries: []Flag{{0o1000, "IPC_CREAT"}, {0o2000, "IPC_EXCL"}, {0o4000, "IPC_NOWAIT"}}},
	{Name: "epoll_flags", Entries: []Flag{{0o2000000, "EPOLL_CLOEXEC"}}},

	{Name: "tcflsh_options", Unknown: "TC???", Entries: []Flag{
		{0, "TCIFLUSH"}, {1, "TCOFLUSH"}, {2, "TCIOFLUSH"},
	}},
	{Name: "tcxonc_options", Unknown: "TC???", Entries: []Flag{
		{0, "TCOOFF"}, {1, "TCOON"}, {2, "TCIOFF"}, {3, "TCION"},
	}},
	// include/uapi/asm-generic/termbits.h: c_iflag, c_lflag, the flag
	// part of c_oflag and c_cflag, in strace's order.
	{Name: "term_iflags", Entries: []Flag{
		{0o1, "IGNBRK"}, {0o2, "BRKINT"}, {0o4, "IGNPAR"}, {0o10, "PARMRK"}, {0o20, "INPCK"},
		{0o40, "ISTRIP"}, {0o100, "INLCR"}, {0o200, "IGNCR"}, {0o400, "ICRNL"}, {0o1000, "IUCLC"},
		{0o2000, "IXON"}, {0o4000, "IXANY"}, {0o10000, "IXOFF"}, {0o20000, "IMAXBEL"}, {0o40000, "IUTF8"},
	}},
	{Name: "term_oflags", Entries: []Flag{
		{0o1, "OPOST"}, {0o2, "OLCUC"}, {0o4, "ONLCR"}, {0o10, "OCRNL"}, {0o20, "ONOCR"},
		{0o40, "ONLRET"}, {0o100, "OFILL"}, {0o200, "OFDEL"},
	}},
	{Name: "term_cflags", Entries: []Flag{
		{0o100, "CSTOPB"}, {0o200, "CREAD"}, {0o400, "PARENB"}, {0o1000, "PARODD"}, {0o2000, "HUPCL"},
		{0o4000, "CLOCAL"}, {0o10000000000, "CMSPAR"}, {0o20000000000, "CRTSCTS"},
	}},
	{Name: "term_lflags", Entries: []Flag{
		{0o1, "ISIG"}, {0o2, "ICANON"}, {0o4, "XCASE"}, {0o10, "ECHO"}, {0o20, "ECHOE"}, {0o40, "ECHOK"},
		{0o100, "ECHONL"}, {0o200, "NOFLSH"}, {0o100000, "IEXTEN"}, {0o1000, "ECHOCTL"},
		{0o2000, "ECHOPRT"}, {0o4000, "ECHOKE"}, {0o10000, "FLUSHO"}, {0o40000, "PENDIN"},
		{0o400, "TOSTOP"}, {0o200000, "EXTPROC"},
	}},
	{Name: "term_csize", Unknown: "CS?", Entries: []Flag{
		{0, "CS5"}, {0o20, "CS6"}, {0o40, "CS7"}, {0o60, "CS8"},
	}},
	{Name: "baud_options", Unknown: "B???", Entries: []Flag{
		{0, "B0"}, {1, "B50"}, {2, "B75"}, {3, "B110"}, {4, "B134"}, {5, "B150"}, {6, "B200"},
		{7, "B300"}, {8, "B600"}, {9, "B1200"}, {10, "B1800"}, {11, "B2400"}, {12, "B4800"},
		{13, "B9600"}, {14, "B19200"}, {15, "B38400"}, {0o10000, "BOTHER"}, {0o10001, "B57600"},
		{0o10002, "B115200"}, {0o10003, "B230400"}, {0o10004, "B460800"}, {0o10005, "B500000"},
		{0o10006, "B576000"}, {0o10007, "B921600"}, {0o10010, "B1000000"}, {0o10011, "B1152000"},
		{0o10012, "B1500000"}, {0o10013, "B2000000"}, {0o10014, "B2500000"}, {0o10015, "B3000000"},
		{0o10016, "B3500000"}, {0o10017, "B4000000"},
	}},
	// include/uapi/linux/tty.h line disciplines.
	{Name: "line_disciplines", Unknown: "N_???", Entries: []Flag{
		{0, "N_TTY"}, {1, "N_SLIP"}, {2, "N_MOUSE"}, {3, "N_PPP"}, {4, "N_STRIP"}, {5, "N_AX25"},
		{6, "N_X25"}, {7, "N_6PACK"}, {8, "N_MASC"}, {9, "N_R3964"}, {10, "N_PROFIBUS_FDL"},
		{11, "N_IRDA"}, {12, "N_SMSBLOCK"}, {13, "N_HDLC"}, {14, "N_SYNC_PPP"}, {15, "N_HCI"},
		{16, "N_GIGASET_M101"}, {17, "N_SLCAN"}, {18, "N_PPS"}, {19, "N_V253"}, {20, "N_CAIF"},
		{21, "N_GSM0710"}, {22, "N_TI_WL"}, {23, "N_TRACESINK"}, {24, "N_TRACEROUTER"}, {25, "N_NCI"},
		{26, "N_SPEAKUP"}, {27, "N_NULL"}, {28, "N_MCTP"}, {29, "N_DEVELOPMENT"},
	}},
}

// termCC names the entries of c_cc, by index (asm-generic/termbits.h).
var termCC = []string{"VINTR", "VQUIT", "VERASE", "VKILL", "VEOF", "VTIME", "VMIN", "VSWTC",
	"VSTART", "VSTOP", "VSUSP", "VEOL", "VREPRINT", "VDISCARD", "VWERASE", "VLNEXT", "VEOL2"}
