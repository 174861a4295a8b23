package decoder

// ioctl request numbers and the value sets of their arguments, from the
// kernel UAPI headers named above each group; the names as strace 6.1
// prints them.

var ioctlXlats = []*Xlat{
	// Terminal ioctls: include/uapi/asm-generic/ioctls.h and the
	// _IOC()-encoded ones beside it (x86 and arm64 share them).
	{Name: "ioctl_requests", Entries: []Flag{
		{0x5401, "TCGETS"}, {0x5402, "TCSETS"}, {0x5403, "TCSETSW"}, {0x5404, "TCSETSF"},
		{0x5405, "TCGETA"}, {0x5406, "TCSETA"}, {0x5407, "TCSETAW"}, {0x5408, "TCSETAF"},
		{0x5409, "TCSBRK"}, {0x540a, "TCXONC"}, {0x540b, "TCFLSH"}, {0x540c, "TIOCEXCL"},
		{0x540d, "TIOCNXCL"}, {0x540e, "TIOCSCTTY"}, {0x540f, "TIOCGPGRP"}, {0x5410, "TIOCSPGRP"},
		{0x5411, "TIOCOUTQ"}, {0x5412, "TIOCSTI"}, {0x5413, "TIOCGWINSZ"}, {0x5414, "TIOCSWINSZ"},
		{0x5415, "TIOCMGET"}, {0x5416, "TIOCMBIS"}, {0x5417, "TIOCMBIC"}, {0x5418, "TIOCMSET"},
		{0x5419, "TIOCGSOFTCAR"}, {0x541a, "TIOCSSOFTCAR"}, {0x541b, "FIONREAD"}, {0x541c, "TIOCLINUX"},
		{0x541d, "TIOCCONS"}, {0x541e, "TIOCGSERIAL"}, {0x541f, "TIOCSSERIAL"}, {0x5420, "TIOCPKT"},
		{0x5421, "FIONBIO"}, {0x5422, "TIOCNOTTY"}, {0x5423, "TIOCSETD"}, {0x5424, "TIOCGETD"},
		{0x5425, "TCSBRKP"}, {0x5427, "TIOCSBRK"}, {0x5428, "TIOCCBRK"}, {0x5429, "TIOCGSID"},
		{0x802c542a, "TCGETS2"}, {0x402c542b, "TCSETS2"}, {0x402c542c, "TCSETSW2"}, {0x402c542d, "TCSETSF2"},
		{0x80045430, "TIOCGPTN"}, {0x40045431, "TIOCSPTLCK"}, {0x80045432, "TIOCGDEV"},
		{0x5432, "TCGETX"}, {0x5433, "TCSETX"}, {0x5434, "TCSETXF"}, {0x5435, "TCSETXW"},
		{0x40045436, "TIOCSIG"}, {0x5437, "TIOCVHANGUP"}, {0x80045438, "TIOCGPKT"},
		{0x80045439, "TIOCGPTLCK"}, {0x80045440, "TIOCGEXCL"}, {0x5441, "TIOCGPTPEER"},
		{0x5450, "FIONCLEX"}, {0x5451, "FIOCLEX"}, {0x5452, "FIOASYNC"}, {0x5453, "TIOCSERCONFIG"},
		{0x5454, "TIOCSERGWILD"}, {0x5455, "TIOCSERSWILD"}, {0x5456, "TIOCGLCKTRMIOS"},
		{0x5457, "TIOCSLCKTRMIOS"}, {0x5458, "TIOCSERGSTRUCT"}, {0x5459, "TIOCSERGETLSR"},
		{0x545a, "TIOCSERGETMULTI"}, {0x545b, "TIOCSERSETMULTI"}, {0x545c, "TIOCMIWAIT"},
		{0x545d, "TIOCGICOUNT"}, {0x5460, "FIOQSIZE"},
		// include/uapi/linux/fs.h, the file ioctls programs make.
		{0x1, "FIBMAP"}, {0x2, "FIGETBSZ"},
		{0x80086601, "FS_IOC_GETFLAGS"}, {0x40086602, "FS_IOC_SETFLAGS"},
		{0xc020660b, "FS_IOC_FIEMAP"}, {0x40049409, "FICLONE"}, {0x4020940d, "FICLONERANGE"},
		{0xab03, "NBD_DO_IT"},
		// Block devices: include/uapi/linux/fs.h, blkpg.h, blktrace_api.h.
		{0x125d, "BLKROSET"}, {0x125e, "BLKROGET"}, {0x125f, "BLKRRPART"}, {0x1260, "BLKGETSIZE"},
		{0x1261, "BLKFLSBUF"}, {0x1262, "BLKRASET"}, {0x1263, "BLKRAGET"}, {0x1264, "BLKFRASET"},
		{0x1265, "BLKFRAGET"}, {0x1266, "BLKSECTSET"}, {0x1267, "BLKSECTGET"}, {0x1268, "BLKSSZGET"},
		{0x1269, "BLKPG"}, {0x80081270, "BLKBSZGET"}, {0x40081271, "BLKBSZSET"}, {0x80081272, "BLKGETSIZE64"},
		{0xc0481273, "BLKTRACESETUP"}, {0x1274, "BLKTRACESTART"}, {0x1275, "BLKTRACESTOP"},
		{0x1276, "BLKTRACETEARDOWN"}, {0x1277, "BLKDISCARD"}, {0x1278, "BLKIOMIN"}, {0x1279, "BLKIOOPT"},
		{0x127a, "BLKALIGNOFF"}, {0x127b, "BLKPBSZGET"}, {0x127c, "BLKDISCARDZEROES"},
		{0x127d, "BLKSECDISCARD"}, {0x127e, "BLKROTATIONAL"}, {0x127f, "BLKZEROOUT"},
		{0x80081280, "BLKGETDISKSEQ"}, {0x80041284, "BLKGETZONESZ"}, {0x80041285, "BLKGETNRZONES"},
		// Loop devices and /dev/loop-control: include/uapi/linux/loop.h.
		{0x4c00, "LOOP_SET_FD"}, {0x4c01, "LOOP_CLR_FD"}, {0x4c02, "LOOP_SET_STATUS"},
		{0x4c03, "LOOP_GET_STATUS"}, {0x4c04, "LOOP_SET_STATUS64"}, {0x4c05, "LOOP_GET_STATUS64"},
		{0x4c06, "LOOP_CHANGE_FD"}, {0x4c07, "LOOP_SET_CAPACITY"}, {0x4c08, "LOOP_SET_DIRECT_IO"},
		{0x4c09, "LOOP_SET_BLOCK_SIZE"}, {0x4c0a, "LOOP_CONFIGURE"},
		{0x4c80, "LOOP_CTL_ADD"}, {0x4c81, "LOOP_CTL_REMOVE"}, {0x4c82, "LOOP_CTL_GET_FREE"},
		// /dev/random and /dev/urandom: include/uapi/linux/random.h.
		{0x80045200, "RNDGETENTCNT"}, {0x40045201, "RNDADDTOENTCNT"}, {0x80085202, "RNDGETPOOL"},
		{0x40085203, "RNDADDENTROPY"}, {0x5204, "RNDZAPENTCNT"}, {0x5206, "RNDCLEARPOOL"},
		{0x5207, "RNDRESEEDCRNG"},
		// Sockets: include/uapi/linux/sockios.h and asm-generic/sockios.h.
		{0x8901, "FIOSETOWN"}, {0x8902, "SIOCSPGRP"}, {0x8903, "FIOGETOWN"}, {0x8904, "SIOCGPGRP"},
		{0x8905, "SIOCATMARK"}, {0x8906, "SIOCGSTAMP_OLD"}, {0x8907, "SIOCGSTAMPNS_OLD"},
		{0x80108906, "SIOCGSTAMP_NEW"}, {0x80108907, "SIOCGSTAMPNS_NEW"},
		{0x890b, "SIOCADDRT"}, {0x890c, "SIOCDELRT"}, {0x890d, "SIOCRTMSG"},
		{0x8910, "SIOCGIFNAME"}, {0x8911, "SIOCSIFLINK"}, {0x8912, "SIOCGIFCONF"}, {0x8913, "SIOCGIFFLAGS"},
		{0x8914, "SIOCSIFFLAGS"}, {0x8915, "SIOCGIFADDR"}, {0x8916, "SIOCSIFADDR"}, {0x8917, "SIOCGIFDSTADDR"},
		{0x8918, "SIOCSIFDSTADDR"}, {0x8919, "SIOCGIFBRDADDR"}, {0x891a, "SIOCSIFBRDADDR"},
		{0x891b, "SIOCGIFNETMASK"}, {0x891c, "SIOCSIFNETMASK"}, {0x891d, "SIOCGIFMETRIC"},
		{0x891e, "SIOCSIFMETRIC"}, {0x891f, "SIOCGIFMEM"}, {0x8920, "SIOCSIFMEM"}, {0x8921, "SIOCGIFMTU"},
		{0x8922, "SIOCSIFMTU"}, {0x8923, "SIOCSIFNAME"}, {0x8924, "SIOCSIFHWADDR"}, {0x8925, "SIOCGIFENCAP"},
		{0x8926, "SIOCSIFENCAP"}, {0x8927, "SIOCGIFHWADDR"}, {0x8929, "SIOCGIFSLAVE"}, {0x8930, "SIOCSIFSLAVE"},
		{0x8931, "SIOCADDMULTI"}, {0x8932, "SIOCDELMULTI"}, {0x8933, "SIOCGIFINDEX"}, {0x8934, "SIOCSIFPFLAGS"},
		{0x8935, "SIOCGIFPFLAGS"}, {0x8936, "SIOCDIFADDR"}, {0x8937, "SIOCSIFHWBROADCAST"},
		{0x8938, "SIOCGIFCOUNT"}, {0x8940, "SIOCGIFBR"}, {0x8941, "SIOCSIFBR"}, {0x8942, "SIOCGIFTXQLEN"},
		{0x8943, "SIOCSIFTXQLEN"}, {0x8946, "SIOCETHTOOL"}, {0x8947, "SIOCGMIIPHY"}, {0x8948, "SIOCGMIIREG"},
		{0x8949, "SIOCSMIIREG"}, {0x894a, "SIOCWANDEV"}, {0x894b, "SIOCOUTQNSD"}, {0x894c, "SIOCGSKNS"},
		{0x8953, "SIOCDARP"}, {0x8954, "SIOCGARP"}, {0x8955, "SIOCSARP"}, {0x8960, "SIOCDRARP"},
		{0x8961, "SIOCGRARP"}, {0x8962, "SIOCSRARP"}, {0x8970, "SIOCGIFMAP"}, {0x8971, "SIOCSIFMAP"},
		{0x8980, "SIOCADDDLCI"}, {0x8981, "SIOCDELDLCI"}, {0x8982, "SIOCGIFVLAN"}, {0x8983, "SIOCSIFVLAN"},
		{0x8990, "SIOCBONDENSLAVE"}, {0x8991, "SIOCBONDRELEASE"}, {0x8992, "SIOCBONDSETHWADDR"},
		{0x8993, "SIOCBONDSLAVEINFOQUERY"}, {0x8994, "SIOCBONDINFOQUERY"}, {0x8995, "SIOCBONDCHANGEACTIVE"},
		{0x89a0, "SIOCBRADDBR"}, {0x89a1, "SIOCBRDELBR"}, {0x89a2, "SIOCBRADDIF"}, {0x89a3, "SIOCBRDELIF"},
		{0x89b0, "SIOCSHWTSTAMP"}, {0x89b1, "SIOCGHWTSTAMP"},
	}, Arch: map[uint32]map[string]uint64{
		// The requests whose _IOC size is a long, a size_t or a
		// structure with 64-bit members, which i386 aligns to 4.
		AuditArchI386: {"BLKGETSIZE64": 0x80041272, "BLKBSZGET": 0x80041270, "BLKBSZSET": 0x40041271,
			"BLKTRACESETUP": 0xc0401273, "FS_IOC_GETFLAGS": 0x80046601, "FS_IOC_SETFLAGS": 0x40046602},
	}},
	// Names that share a request number with another; strace prints
	// every name of a number, in alphabetical order, "SNDCTL_TMR_START or
	// TCSETS" (include/uapi/linux/soundcard.h: _IO('T', 2..4)). These are
	// the names that sort first.
	{Name: "ioctl_aliases", Entries: []Flag{
		{0x5402, "SNDCTL_TMR_START"}, {0x5403, "SNDCTL_TMR_STOP"}, {0x5404, "SNDCTL_TMR_CONTINUE"},
		// include/uapi/linux/btrfs.h: FICLONE was btrfs's clone first.
		{0x40049409, "BTRFS_IOC_CLONE"},
		// include/uapi/misc/fastrpc.h: _IO('R', 4), RNDZAPENTCNT's.
		{0x5204, "FASTRPC_IOCTL_INIT_ATTACH"},
	}},
	// include/uapi/linux/input-event-codes.h: the event types and
	// absolute axes EVIOCGBIT, EVIOCGABS and EVIOCSABS name.
	{Name: "evdev_ev", Unknown: "EV_???", Entries: []Flag{
		{0x00, "EV_SYN"}, {0x01, "EV_KEY"}, {0x02, "EV_REL"}, {0x03, "EV_ABS"}, {0x04, "EV_MSC"}, {0x05, "EV_SW"},
		{0x11, "EV_LED"}, {0x12, "EV_SND"}, {0x14, "EV_REP"}, {0x15, "EV_FF"}, {0x16, "EV_PWR"}, {0x17, "EV_FF_STATUS"},
	}},
	{Name: "evdev_abs", Unknown: "ABS_???", Entries: []Flag{
		{0x00, "ABS_X"}, {0x01, "ABS_Y"}, {0x02, "ABS_Z"}, {0x03, "ABS_RX"}, {0x04, "ABS_RY"}, {0x05, "ABS_RZ"},
		{0x06, "ABS_THROTTLE"}, {0x07, "ABS_RUDDER"}, {0x08, "ABS_WHEEL"}, {0x09, "ABS_GAS"}, {0x0a, "ABS_BRAKE"},
		{0x10, "ABS_HAT0X"}, {0x11, "ABS_HAT0Y"}, {0x12, "ABS_HAT1X"}, {0x13, "ABS_HAT1Y"}, {0x14, "ABS_HAT2X"},
		{0x15, "ABS_HAT2Y"}, {0x16, "ABS_HAT3X"}, {0x17, "ABS_HAT3Y"}, {0x18, "ABS_PRESSURE"}, {0x19, "ABS_DISTANCE"},
		{0x1a, "ABS_TILT_X"}, {0x1b, "ABS_TILT_Y"}, {0x1c, "ABS_TOOL_WIDTH"}, {0x20, "ABS_VOLUME"}, {0x21, "ABS_PROFILE"},
		{0x28, "ABS_MISC"}, {0x2e, "ABS_RESERVED"}, {0x2f, "ABS_MT_SLOT"}, {0x30, "ABS_MT_TOUCH_MAJOR"},
		{0x31, "ABS_MT_TOUCH_MINOR"}, {0x32, "ABS_MT_WIDTH_MAJOR"}, {0x33, "ABS_MT_WIDTH_MINOR"},
		{0x34, "ABS_MT_ORIENTATION"}, {0x35, "ABS_MT_POSITION_X"}, {0x36, "ABS_MT_POSITION_Y"},
		{0x37, "ABS_MT_TOOL_TYPE"}, {0x38, "ABS_MT_BLOB_ID"}, {0x39, "ABS_MT_TRACKING_ID"}, {0x3a, "ABS_MT_PRESSURE"},
		{0x3b, "ABS_MT_DISTANCE"}, {0x3c, "ABS_MT_TOOL_X"}, {0x3d, "ABS_MT_TOOL_Y"},
	}},
	// include/uapi/linux/loop.h
	{Name: "loop_flags_options", UnknownFlags: "LO_FLAGS_???", Entries: []Flag{
		{1, "LO_FLAGS_READ_ONLY"}, {2, "LO_FLAGS_USE_AOPS"}, {4, "LO_FLAGS_AUTOCLEAR"},
		{8, "LO_FLAGS_PARTSCAN"}, {16, "LO_FLAGS_DIRECT_IO"},
	}},
	{Name: "loop_crypt_type_options", Unknown: "LO_CRYPT_???", Entries: []Flag{
		{0, "LO_CRYPT_NONE"}, {1, "LO_CRYPT_XOR"}, {2, "LO_CRYPT_DES"}, {3, "LO_CRYPT_FISH2"},
		{4, "LO_CRYPT_BLOW"}, {5, "LO_CRYPT_CAST128"}, {6, "LO_CRYPT_IDEA"}, {9, "LO_CRYPT_DUMMY"},
		{10, "LO_CRYPT_SKIPJACK"}, {18, "LO_CRYPT_CRYPTOAPI"},
	}},
}
