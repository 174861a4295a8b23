package decoder

// ioctl: its request picks what the third argument is, by family, as
// strace 6.1 decodes them; a request of no case prints its argument in
// hex, and a number of no name as _IOC(dir, type, nr, size) (IoctlReq).

// ioctl's argument kinds, by what the request passes.
var (
	ioctlNone   = tail(nil)
	ioctlIntIn  = tail(nil, A("argp", intOut).At(2))
	ioctlIntOut = tail(nil, A("argp", intOut).At(2).OnExit())
	ioctlAddr   = tail(nil, A("argp", Ptr{}).At(2))
	ioctlUlong  = tail(nil, A("arg", Ulong{}).At(2))
	// The name at entry, the rest at exit; shown even when the call
	// failed, as strace prints the name it printed at entry then.
	ioctlIfGet = tail(nil, A("ifr", Struct{Type: "ifreq_get"}).At(2).OnExit().AsInput())
	ioctlIfSet = tail(nil, A("ifr", Struct{Type: "ifreq_set"}).At(2))
)

// ioctlOut is a request whose argument points to a value the kernel fills.
func ioctlOut(typ string) Tail { return tail(nil, A("argp", Struct{Type: typ}).At(2).OnExit()) }

// ioctlIn is a request whose argument points to a value the kernel reads.
func ioctlIn(typ string) Tail { return tail(nil, A("argp", Struct{Type: typ}).At(2)) }

// each gives every named request the same tail.
func each(t Tail, names ...string) map[string]Tail {
	m := make(map[string]Tail, len(names))
	for _, n := range names {
		m[n] = t
	}
	return m
}

// join merges case maps.
func join(ms ...map[string]Tail) map[string]Tail {
	all := map[string]Tail{}
	for _, m := range ms {
		for k, v := range m {
			all[k] = v
		}
	}
	return all
}

func ioctlDescription() *Syscall {
	return sys(A("fd", FD{}), A("request", IoctlReq{})).Switching(&Switch{Arg: 1, Set: "ioctl_requests",
		Families: []CaseFamily{
			{Name: "terminals", Cases: join(map[string]Tail{
				"TCGETS":     ioctlOut("termios"),
				"TCSETS":     ioctlIn("termios"),
				"TCSETSW":    ioctlIn("termios"),
				"TCSETSF":    ioctlIn("termios"),
				"TIOCGWINSZ": ioctlOut("winsize"),
				"TIOCSWINSZ": ioctlIn("winsize"),
				"TCFLSH":     tail(nil, A("arg", Enum{Set: "tcflsh_options"}).At(2)),
				"TCXONC":     tail(nil, A("arg", Enum{Set: "tcxonc_options"}).At(2)),
				"TCSBRK":     tail(nil, A("arg", Int{}).At(2)),
				"TCSBRKP":    tail(nil, A("arg", Int{}).At(2)),
				"TIOCSCTTY":  tail(nil, A("arg", Int{}).At(2)),
				"TIOCSTI":    ioctlIn("char"),
			}, each(ioctlIntOut, "TIOCGPGRP", "TIOCGSID", "TIOCOUTQ", "TIOCGPTN", "TIOCGETD"),
				each(ioctlIntIn, "TIOCSPGRP", "TIOCSPTLCK", "TIOCSETD"),
				each(ioctlNone, "TIOCEXCL", "TIOCNXCL", "TIOCNOTTY", "TIOCSBRK", "TIOCCBRK", "TIOCCONS", "TIOCVHANGUP"))},
			{Name: "files", Cases: join(each(ioctlIntOut, "FIONREAD"), each(ioctlIntIn, "FIONBIO", "FIOASYNC"),
				each(ioctlNone, "FIOCLEX", "FIONCLEX"),
				// strace 6.1 prints the source fd as a number, without -y's path.
				map[string]Tail{"FICLONE": tail(nil, A("src_fd", Int{}).At(2))})},
			{Name: "sockets", Cases: join(map[string]Tail{"SIOCGIFCONF": tail(nil, A("ifc", Struct{Type: "ifconf"}).At(2).OnExit().AsInput())},
				each(ioctlIfGet, "SIOCGIFADDR", "SIOCGIFBRDADDR", "SIOCGIFDSTADDR", "SIOCGIFFLAGS", "SIOCGIFHWADDR",
					"SIOCGIFINDEX", "SIOCGIFMAP", "SIOCGIFMETRIC", "SIOCGIFMTU", "SIOCGIFNAME", "SIOCGIFNETMASK",
					"SIOCGIFSLAVE", "SIOCGIFTXQLEN"),
				each(ioctlIfSet, "SIOCADDMULTI", "SIOCDELMULTI", "SIOCSIFADDR", "SIOCSIFBRDADDR", "SIOCSIFDSTADDR",
					"SIOCSIFFLAGS", "SIOCSIFHWADDR", "SIOCSIFHWBROADCAST", "SIOCSIFMAP", "SIOCSIFMETRIC", "SIOCSIFMTU",
					"SIOCSIFNAME", "SIOCSIFNETMASK", "SIOCSIFSLAVE", "SIOCSIFTXQLEN"),
				each(ioctlIntOut, "FIOGETOWN", "SIOCATMARK", "SIOCGIFENCAP", "SIOCGPGRP", "SIOCOUTQNSD"),
				each(ioctlIntIn, "FIOSETOWN", "SIOCSIFENCAP", "SIOCSPGRP"),
				// Requests whose argument strace shows as an address
				// (SIOCETHTOOL's struct is not decoded).
				each(ioctlAddr, "SIOCADDDLCI", "SIOCADDRT", "SIOCBONDCHANGEACTIVE", "SIOCBONDENSLAVE",
					"SIOCBONDINFOQUERY", "SIOCBONDRELEASE", "SIOCBONDSETHWADDR", "SIOCBONDSLAVEINFOQUERY",
					"SIOCDARP", "SIOCDELDLCI", "SIOCDELRT", "SIOCDIFADDR", "SIOCDRARP", "SIOCETHTOOL", "SIOCGARP",
					"SIOCGHWTSTAMP", "SIOCGIFBR", "SIOCGIFCOUNT", "SIOCGIFMEM", "SIOCGIFPFLAGS", "SIOCGIFVLAN",
					"SIOCGMIIPHY", "SIOCGMIIREG", "SIOCGRARP", "SIOCGSKNS", "SIOCGSTAMP_OLD", "SIOCGSTAMP_NEW",
					"SIOCGSTAMPNS_OLD", "SIOCGSTAMPNS_NEW", "SIOCRTMSG", "SIOCSARP", "SIOCSHWTSTAMP", "SIOCSIFBR",
					"SIOCSIFLINK", "SIOCSIFMEM", "SIOCSIFPFLAGS", "SIOCSIFVLAN", "SIOCSMIIREG", "SIOCSRARP",
					"SIOCWANDEV"))},
			{Name: "block devices", Cases: join(
				each(ioctlUlong, "BLKRASET", "BLKFRASET"),
				each(ioctlOut("ushort"), "BLKSECTGET", "BLKROTATIONAL"),
				each(ioctlIntOut, "BLKROGET", "BLKBSZGET", "BLKSSZGET", "BLKALIGNOFF"),
				each(ioctlIntIn, "BLKROSET", "BLKBSZSET"),
				each(ioctlOut("uint"), "BLKPBSZGET", "BLKIOMIN", "BLKIOOPT", "BLKDISCARDZEROES", "BLKGETZONESZ", "BLKGETNRZONES"),
				each(ioctlOut("slong"), "BLKRAGET", "BLKFRAGET"),
				each(ioctlOut("ulong"), "BLKGETSIZE"),
				each(ioctlOut("u64"), "BLKGETSIZE64", "BLKGETDISKSEQ"),
				each(ioctlIn("u64_pair"), "BLKDISCARD", "BLKSECDISCARD", "BLKZEROOUT"),
				each(ioctlNone, "BLKRRPART", "BLKFLSBUF", "BLKTRACESTART", "BLKTRACESTOP", "BLKTRACETEARDOWN"))},
			{Name: "loop devices", Cases: join(map[string]Tail{
				"LOOP_GET_STATUS64": ioctlOut("loop_info64"),
				"LOOP_SET_STATUS64": ioctlIn("loop_info64"),
				"LOOP_CONFIGURE":    ioctlIn("loop_config"),
			}, each(ioctlNone, "LOOP_CLR_FD", "LOOP_SET_CAPACITY", "LOOP_CTL_GET_FREE"),
				each(tail(nil, A("fd", FD{}).At(2)), "LOOP_SET_FD", "LOOP_CHANGE_FD"),
				each(tail(nil, A("num", Int{}).At(2)), "LOOP_CTL_ADD", "LOOP_CTL_REMOVE"),
				each(ioctlUlong, "LOOP_SET_DIRECT_IO", "LOOP_SET_BLOCK_SIZE"))},
			{Name: "random", Cases: join(map[string]Tail{
				"RNDGETENTCNT":   ioctlIntOut,
				"RNDADDTOENTCNT": ioctlIntIn,
				"RNDADDENTROPY":  ioctlIn("rand_pool_info"),
			}, each(ioctlNone, "RNDZAPENTCNT", "RNDCLEARPOOL", "RNDRESEEDCRNG"))},
			{Name: "nbd", Cases: each(ioctlNone, "NBD_DO_IT")},
		},
		Default: tail(nil, A("argp", Hex{}).At(2)),
	})
}
