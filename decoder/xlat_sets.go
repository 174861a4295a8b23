package decoder

// Flag and value sets. Values are those of the kernel UAPI headers named
// above each set; order follows strace's xlat files where it matters (a
// combination before the flags it contains).

var fileXlats = []*Xlat{
	// include/uapi/asm-generic/fcntl.h; arm64's own asm/fcntl.h moves
	// O_DIRECTORY, O_NOFOLLOW, O_DIRECT and O_LARGEFILE.
	{Name: "open_access", Entries: []Flag{
		{0, "O_RDONLY"}, {1, "O_WRONLY"}, {2, "O_RDWR"}, {3, "O_ACCMODE"},
	}},
	{Name: "open_flags", Field: "open_access", FieldMask: 3, Entries: []Flag{
		{0o100, "O_CREAT"}, {0o200, "O_EXCL"}, {0o400, "O_NOCTTY"},
		{0o1000, "O_TRUNC"}, {0o2000, "O_APPEND"}, {0o4000, "O_NONBLOCK"},
		{0o4010000, "O_SYNC"}, // __O_SYNC|O_DSYNC: before both
		{0o4000000, "__O_SYNC"},
		{0o10000, "O_DSYNC"},
		{0o40000, "O_DIRECT"}, {0o100000, "O_LARGEFILE"}, {0o400000, "O_NOFOLLOW"},
		{0o1000000, "O_NOATIME"}, {0o2000000, "O_CLOEXEC"}, {0o10000000, "O_PATH"},
		{0o20200000, "O_TMPFILE"}, // __O_TMPFILE|O_DIRECTORY: before both
		{0o20000000, "__O_TMPFILE"},
		{0o200000, "O_DIRECTORY"},
		{0o20000, "FASYNC"},
	}, Arch: map[uint32]map[string]uint64{
		AuditArchAarch64: {"O_DIRECTORY": 0o40000, "O_NOFOLLOW": 0o100000, "O_DIRECT": 0o200000,
			"O_LARGEFILE": 0o400000, "O_TMPFILE": 0o20040000},
	}},
	// include/uapi/asm-generic/fcntl.h
	{Name: "fcntl_cmds", Unknown: "F_???", Entries: []Flag{
		{0, "F_DUPFD"}, {1, "F_GETFD"}, {2, "F_SETFD"}, {3, "F_GETFL"}, {4, "F_SETFL"},
		{5, "F_GETLK"}, {6, "F_SETLK"}, {7, "F_SETLKW"}, {8, "F_SETOWN"}, {9, "F_GETOWN"},
		{10, "F_SETSIG"}, {11, "F_GETSIG"}, {12, "F_GETLK64"}, {13, "F_SETLK64"}, {14, "F_SETLKW64"},
		{15, "F_SETOWN_EX"}, {16, "F_GETOWN_EX"}, {17, "F_GETOWNER_UIDS"},
		{36, "F_OFD_GETLK"}, {37, "F_OFD_SETLK"}, {38, "F_OFD_SETLKW"},
		// include/uapi/linux/fcntl.h: F_LINUX_SPECIFIC_BASE is 1024.
		{1024, "F_SETLEASE"}, {1025, "F_GETLEASE"}, {1026, "F_NOTIFY"}, {1029, "F_CANCELLK"},
		{1030, "F_DUPFD_CLOEXEC"}, {1031, "F_SETPIPE_SZ"}, {1032, "F_GETPIPE_SZ"},
		// The read/write hints (1035-1038) are missing on purpose:
		// strace 6.1 prints them as "0x40b /* F_??? */".
		{1033, "F_ADD_SEALS"}, {1034, "F_GET_SEALS"},
	}},
	{Name: "fd_flags", UnknownFlags: "FD_???", Entries: []Flag{{1, "FD_CLOEXEC"}}},
	// include/uapi/asm-generic/fcntl.h: a lock's type, and a lease's.
	{Name: "lock_types", Unknown: "F_???", Entries: []Flag{{0, "F_RDLCK"}, {1, "F_WRLCK"}, {2, "F_UNLCK"}}},
	{Name: "f_owner_types", Unknown: "F_OWNER_???", Entries: []Flag{
		{0, "F_OWNER_TID"}, {1, "F_OWNER_PID"}, {2, "F_OWNER_PGRP"},
	}},
	// include/uapi/linux/mempolicy.h: a policy mode, and the mode
	// flags in its top bits (MPOL_MODE_FLAGS) that strace prints after it.
	{Name: "mpol_modes", Unknown: "MPOL_???", Entries: []Flag{
		{0, "MPOL_DEFAULT"}, {1, "MPOL_PREFERRED"}, {2, "MPOL_BIND"}, {3, "MPOL_INTERLEAVE"},
		{4, "MPOL_LOCAL"}, {5, "MPOL_PREFERRED_MANY"},
	}},
	{Name: "mpol_mode", Field: "mpol_modes", FieldMask: 0xffffffff &^ 0xe000, FieldIfKnown: true, UnknownFlags: "MPOL_???", Entries: []Flag{
		{1 << 15, "MPOL_F_STATIC_NODES"}, {1 << 14, "MPOL_F_RELATIVE_NODES"}, {1 << 13, "MPOL_F_NUMA_BALANCING"},
	}},
	{Name: "get_mempolicy_flags", UnknownFlags: "MPOL_???", Entries: []Flag{
		{1, "MPOL_F_NODE"}, {2, "MPOL_F_ADDR"}, {4, "MPOL_F_MEMS_ALLOWED"},
	}},
	{Name: "mbind_flags", UnknownFlags: "MPOL_???", Entries: []Flag{
		{1, "MPOL_MF_STRICT"}, {2, "MPOL_MF_MOVE"}, {4, "MPOL_MF_MOVE_ALL"},
	}},
	// A message queue's mq_flags: only O_NONBLOCK means anything.
	{Name: "mq_flags", Entries: []Flag{{0o4000, "O_NONBLOCK"}}},
	// include/uapi/linux/fcntl.h: F_NOTIFY's events and memfd seals.
	{Name: "dn_flags", UnknownFlags: "DN_???", Entries: []Flag{
		{1, "DN_ACCESS"}, {2, "DN_MODIFY"}, {4, "DN_CREATE"}, {8, "DN_DELETE"}, {0x10, "DN_RENAME"},
		{0x20, "DN_ATTRIB"}, {0x80000000, "DN_MULTISHOT"},
	}},
	{Name: "seals", UnknownFlags: "F_SEAL_???", Entries: []Flag{
		{1, "F_SEAL_SEAL"}, {2, "F_SEAL_SHRINK"}, {4, "F_SEAL_GROW"}, {8, "F_SEAL_WRITE"}, {0x10, "F_SEAL_FUTURE_WRITE"},
	}},
	// include/uapi/linux/fcntl.h
	{Name: "at_flags", Entries: []Flag{
		{0x100, "AT_SYMLINK_NOFOLLOW"}, {0x200, "AT_REMOVEDIR"}, {0x400, "AT_SYMLINK_FOLLOW"},
		{0x800, "AT_NO_AUTOMOUNT"}, {0x1000, "AT_EMPTY_PATH"}, {0x8000, "AT_RECURSIVE"},
	}},
	// faccessat2: AT_EACCESS shares its value with AT_REMOVEDIR.
	{Name: "faccessat_flags", Entries: []Flag{
		{0x100, "AT_SYMLINK_NOFOLLOW"}, {0x200, "AT_EACCESS"}, {0x1000, "AT_EMPTY_PATH"},
	}},
	{Name: "statx_sync", Entries: []Flag{
		{0, "AT_STATX_SYNC_AS_STAT"}, {0x2000, "AT_STATX_FORCE_SYNC"}, {0x4000, "AT_STATX_DONT_SYNC"},
	}},
	{Name: "statx_flags", Field: "statx_sync", FieldMask: 0x6000, SplitField: true, Entries: []Flag{
		{0x100, "AT_SYMLINK_NOFOLLOW"}, {0x800, "AT_NO_AUTOMOUNT"}, {0x1000, "AT_EMPTY_PATH"},
	}},
	// include/uapi/linux/stat.h
	{Name: "statx_mask", Entries: []Flag{
		{0xfff, "STATX_ALL"}, {0x7ff, "STATX_BASIC_STATS"},
		{0x1, "STATX_TYPE"}, {0x2, "STATX_MODE"}, {0x4, "STATX_NLINK"}, {0x8, "STATX_UID"},
		{0x10, "STATX_GID"}, {0x20, "STATX_ATIME"}, {0x40, "STATX_MTIME"}, {0x80, "STATX_CTIME"},
		{0x100, "STATX_INO"}, {0x200, "STATX_SIZE"}, {0x400, "STATX_BLOCKS"}, {0x800, "STATX_BTIME"},
		{0x1000, "STATX_MNT_ID"}, {0x2000, "STATX_DIOALIGN"},
	}},
	{Name: "statx_attrs", Entries: []Flag{
		{0x4, "STATX_ATTR_COMPRESSED"}, {0x10, "STATX_ATTR_IMMUTABLE"}, {0x20, "STATX_ATTR_APPEND"},
		{0x40, "STATX_ATTR_NODUMP"}, {0x800, "STATX_ATTR_ENCRYPTED"}, {0x1000, "STATX_ATTR_AUTOMOUNT"},
		{0x2000, "STATX_ATTR_MOUNT_ROOT"}, {0x100000, "STATX_ATTR_VERITY"}, {0x200000, "STATX_ATTR_DAX"},
	}},
	{Name: "mode_types", Entries: []Flag{
		{0o100000, "S_IFREG"}, {0o140000, "S_IFSOCK"}, {0o10000, "S_IFIFO"}, {0o120000, "S_IFLNK"},
		{0o40000, "S_IFDIR"}, {0o60000, "S_IFBLK"}, {0o20000, "S_IFCHR"},
	}},
	// include/uapi/linux/unistd.h access(2) modes, in strace's order.
	{Name: "access_modes", Entries: []Flag{{0, "F_OK"}, {4, "R_OK"}, {2, "W_OK"}, {1, "X_OK"}}},
	{Name: "whence", Unknown: "SEEK_???", Entries: []Flag{
		{0, "SEEK_SET"}, {1, "SEEK_CUR"}, {2, "SEEK_END"}, {3, "SEEK_DATA"}, {4, "SEEK_HOLE"},
	}},
	// include/uapi/asm-generic/mman-common.h, mman.h; arch/x86 adds MAP_32BIT.
	{Name: "mmap_prot", Entries: []Flag{
		{0, "PROT_NONE"}, {1, "PROT_READ"}, {2, "PROT_WRITE"}, {4, "PROT_EXEC"}, {8, "PROT_SEM"},
		{0x01000000, "PROT_GROWSDOWN"}, {0x02000000, "PROT_GROWSUP"},
	}},
	{Name: "mmap_type", Unknown: "MAP_???", Entries: []Flag{
		{1, "MAP_SHARED"}, {2, "MAP_PRIVATE"}, {3, "MAP_SHARED_VALIDATE"},
	}},
	{Name: "mmap_flags", Field: "mmap_type", FieldMask: 0xf,
		ShiftName: "MAP_HUGE_SHIFT", Shift: 26, ShiftMask: 0x3f, ShiftWhen: 0x40000,
		Entries: []Flag{
			{0x10, "MAP_FIXED"}, {0x20, "MAP_ANONYMOUS"}, {0x40, "MAP_32BIT"},
			{0x4000, "MAP_NORESERVE"}, {0x8000, "MAP_POPULATE"}, {0x10000, "MAP_NONBLOCK"},
			{0x100, "MAP_GROWSDOWN"}, {0x800, "MAP_DENYWRITE"}, {0x1000, "MAP_EXECUTABLE"},
			{0x2000, "MAP_LOCKED"}, {0x20000, "MAP_STACK"}, {0x40000, "MAP_HUGETLB"},
			{0x80000, "MAP_SYNC"}, {0x4000000, "MAP_UNINITIALIZED"}, {0x100000, "MAP_FIXED_NOREPLACE"},
		}, Arch: map[uint32]map[string]uint64{
			AuditArchAarch64: {"MAP_32BIT": NotOnArch},
			AuditArchI386:    {"MAP_32BIT": NotOnArch},
		}},
	{Name: "mremap_flags", Entries: []Flag{
		{1, "MREMAP_MAYMOVE"}, {2, "MREMAP_FIXED"}, {4, "MREMAP_DONTUNMAP"},
	}},
	{Name: "madvise_cmds", Unknown: "MADV_???", Entries: []Flag{
		{0, "MADV_NORMAL"}, {1, "MADV_RANDOM"}, {2, "MADV_SEQUENTIAL"}, {3, "MADV_WILLNEED"},
		{4, "MADV_DONTNEED"}, {8, "MADV_FREE"}, {9, "MADV_REMOVE"}, {10, "MADV_DONTFORK"},
		{11, "MADV_DOFORK"}, {12, "MADV_MERGEABLE"}, {13, "MADV_UNMERGEABLE"}, {14, "MADV_HUGEPAGE"},
		{15, "MADV_NOHUGEPAGE"}, {16, "MADV_DONTDUMP"}, {17, "MADV_DODUMP"}, {18, "MADV_WIPEONFORK"},
		{19, "MADV_KEEPONFORK"}, {20, "MADV_COLD"}, {21, "MADV_PAGEOUT"}, {22, "MADV_POPULATE_READ"},
		{23, "MADV_POPULATE_WRITE"}, {24, "MADV_DONTNEED_LOCKED"}, {25, "MADV_COLLAPSE"},
		{100, "MADV_HWPOISON"}, {101, "MADV_SOFT_OFFLINE"},
	}},
	// include/uapi/linux/fadvise.h
	{Name: "fadvise", Unknown: "POSIX_FADV_???", Entries: []Flag{
		{0, "POSIX_FADV_NORMAL"}, {1, "POSIX_FADV_RANDOM"}, {2, "POSIX_FADV_SEQUENTIAL"},
		{3, "POSIX_FADV_WILLNEED"}, {4, "POSIX_FADV_DONTNEED"}, {5, "POSIX_FADV_NOREUSE"},
	}},
	// include/uapi/linux/sched.h; the low byte is the exit signal.
	{Name: "clone_flags", Entries: []Flag{
		{0x100, "CLONE_VM"}, {0x200, "CLONE_FS"}, {0x400, "CLONE_FILES"}, {0x800, "CLONE_SIGHAND"},
		{0x1000, "CLONE_PIDFD"}, {0x2000, "CLONE_PTRACE"}, {0x4000, "CLONE_VFORK"}, {0x8000, "CLONE_PARENT"},
		{0x10000, "CLONE_THREAD"}, {0x20000, "CLONE_NEWNS"}, {0x40000, "CLONE_SYSVSEM"},
		{0x80000, "CLONE_SETTLS"}, {0x100000, "CLONE_PARENT_SETTID"}, {0x200000, "CLONE_CHILD_CLEARTID"},
		{0x800000, "CLONE_UNTRACED"}, {0x1000000, "CLONE_CHILD_SETTID"}, {0x2000000, "CLONE_NEWCGROUP"},
		{0x4000000, "CLONE_NEWUTS"}, {0x8000000, "CLONE_NEWIPC"}, {0x10000000, "CLONE_NEWUSER"},
		{0x20000000, "CLONE_NEWPID"}, {0x40000000, "CLONE_NEWNET"}, {0x80000000, "CLONE_IO"},
		{0x100000000, "CLONE_CLEAR_SIGHAND"}, {0x200000000, "CLONE_INTO_CGROUP"},
	}},
	// include/uapi/linux/wait.h; strace names 2 WSTOPPED.
	{Name: "wait4_options", Entries: []Flag{
		{1, "WNOHANG"}, {2, "WSTOPPED"}, {4, "WEXITED"}, {8, "WCONTINUED"}, {0x1000000, "WNOWAIT"},
		{0x20000000, "__WNOTHREAD"}, {0x40000000, "__WALL"}, {0x80000000, "__WCLONE"},
	}},
	// include/uapi/asm-generic/signal-defs.h, signal.h
	{Name: "sigact_flags", Entries: []Flag{
		{0x04000000, "SA_RESTORER"}, {0x08000000, "SA_ONSTACK"}, {0x10000000, "SA_RESTART"},
		{0x20000000, "SA_INTERRUPT"}, {0x40000000, "SA_NODEFER"}, {0x80000000, "SA_RESETHAND"}, {4, "SA_SIGINFO"},
		{1, "SA_NOCLDSTOP"}, {2, "SA_NOCLDWAIT"},
	}},
	{Name: "sigprocmask_how", Unknown: "SIG_???", Entries: []Flag{
		{0, "SIG_BLOCK"}, {1, "SIG_UNBLOCK"}, {2, "SIG_SETMASK"},
	}},
	// include/uapi/asm-generic/resource.h
	{Name: "rlimits", Unknown: "RLIMIT_???", Entries: []Flag{
		{0, "RLIMIT_CPU"}, {1, "RLIMIT_FSIZE"}, {2, "RLIMIT_DATA"}, {3, "RLIMIT_STACK"},
		{4, "RLIMIT_CORE"}, {5, "RLIMIT_RSS"}, {6, "RLIMIT_NPROC"}, {7, "RLIMIT_NOFILE"},
		{8, "RLIMIT_MEMLOCK"}, {9, "RLIMIT_AS"}, {10, "RLIMIT_LOCKS"}, {11, "RLIMIT_SIGPENDING"},
		{12, "RLIMIT_MSGQUEUE"}, {13, "RLIMIT_NICE"}, {14, "RLIMIT_RTPRIO"}, {15, "RLIMIT_RTTIME"},
	}},
	// include/uapi/linux/futex.h: the command, with FUTEX_PRIVATE_FLAG
	// (128) folded into the name as strace prints it.
	{Name: "futex_cmds", Unknown: "FUTEX_???", Entries: []Flag{
		{0, "FUTEX_WAIT"}, {1, "FUTEX_WAKE"}, {2, "FUTEX_FD"}, {3, "FUTEX_REQUEUE"},
		{4, "FUTEX_CMP_REQUEUE"}, {5, "FUTEX_WAKE_OP"}, {6, "FUTEX_LOCK_PI"}, {7, "FUTEX_UNLOCK_PI"},
		{8, "FUTEX_TRYLOCK_PI"}, {9, "FUTEX_WAIT_BITSET"}, {10, "FUTEX_WAKE_BITSET"},
		{11, "FUTEX_WAIT_REQUEUE_PI"}, {12, "FUTEX_CMP_REQUEUE_PI"}, {13, "FUTEX_LOCK_PI2"},
		{128, "FUTEX_WAIT_PRIVATE"}, {129, "FUTEX_WAKE_PRIVATE"}, {131, "FUTEX_REQUEUE_PRIVATE"},
		{132, "FUTEX_CMP_REQUEUE_PRIVATE"}, {133, "FUTEX_WAKE_OP_PRIVATE"}, {134, "FUTEX_LOCK_PI_PRIVATE"},
		{135, "FUTEX_UNLOCK_PI_PRIVATE"}, {136, "FUTEX_TRYLOCK_PI_PRIVATE"},
		{137, "FUTEX_WAIT_BITSET_PRIVATE"}, {138, "FUTEX_WAKE_BITSET_PRIVATE"},
		{139, "FUTEX_WAIT_REQUEUE_PI_PRIVATE"}, {140, "FUTEX_CMP_REQUEUE_PI_PRIVATE"},
		{141, "FUTEX_LOCK_PI2_PRIVATE"},
	}},
	{Name: "futex_op", Field: "futex_cmds", FieldMask: 0xff, Entries: []Flag{
		{256, "FUTEX_CLOCK_REALTIME"},
	}},
	{Name: "futex_bitset", Unknown: "", Entries: []Flag{{0xffffffff, "FUTEX_BITSET_MATCH_ANY"}}},
	// FUTEX_WAKE_OP's operations and comparisons (FUTEX_OP_*).
	{Name: "futex_wake_ops", Unknown: "FUTEX_OP_???", Entries: []Flag{
		{0, "FUTEX_OP_SET"}, {1, "FUTEX_OP_ADD"}, {2, "FUTEX_OP_OR"}, {3, "FUTEX_OP_ANDN"}, {4, "FUTEX_OP_XOR"},
	}},
	{Name: "futex_wake_cmps", Unknown: "FUTEX_OP_CMP_???", Entries: []Flag{
		{0, "FUTEX_OP_CMP_EQ"}, {1, "FUTEX_OP_CMP_NE"}, {2, "FUTEX_OP_CMP_LT"}, {3, "FUTEX_OP_CMP_LE"},
		{4, "FUTEX_OP_CMP_GT"}, {5, "FUTEX_OP_CMP_GE"},
	}},
	// include/uapi/linux/random.h
	{Name: "getrandom_flags", Entries: []Flag{{1, "GRND_NONBLOCK"}, {2, "GRND_RANDOM"}, {4, "GRND_INSECURE"}}},
	// arch/x86/include/uapi/asm/prctl.h
	{Name: "arch_prctl", Unknown: "ARCH_???", Entries: []Flag{
		{0x1001, "ARCH_SET_GS"}, {0x1002, "ARCH_SET_FS"}, {0x1003, "ARCH_GET_FS"}, {0x1004, "ARCH_GET_GS"},
		{0x1011, "ARCH_GET_CPUID"}, {0x1012, "ARCH_SET_CPUID"}, {0x1021, "ARCH_GET_XCOMP_SUPP"},
		{0x1022, "ARCH_GET_XCOMP_PERM"}, {0x1023, "ARCH_REQ_XCOMP_PERM"},
		{0x1024, "ARCH_GET_XCOMP_GUEST_PERM"}, {0x1025, "ARCH_REQ_XCOMP_GUEST_PERM"},
		{0x2001, "ARCH_MAP_VDSO_X32"}, {0x2002, "ARCH_MAP_VDSO_32"}, {0x2003, "ARCH_MAP_VDSO_64"},
	}},
	// In open_flags' order, which strace prints pipe2's flags with.
	{Name: "pipe_flags", Entries: []Flag{
		{0o200, "O_NOTIFICATION_PIPE"}, {0o4000, "O_NONBLOCK"}, {0o40000, "O_DIRECT"}, {0o2000000, "O_CLOEXEC"},
	}, Arch: map[uint32]map[string]uint64{AuditArchAarch64: {"O_DIRECT": 0o200000}}},
	{Name: "dup3_flags", Entries: []Flag{{0o2000000, "O_CLOEXEC"}}},
	// include/uapi/linux/magic.h and the file systems' own headers: the
	// names strace 6.1 knows, in the order of their values.
	{Name: "fsmagic", Entries: []Flag{
		{0x2f, "QNX4_SUPER_MAGIC"}, {0x187, "AUTOFS_SUPER_MAGIC"}, {0x1373, "DEVFS_SUPER_MAGIC"},
		{0x137d, "EXT_SUPER_MAGIC"}, {0x137f, "MINIX_SUPER_MAGIC"}, {0x138f, "MINIX_SUPER_MAGIC2"},
		{0x1cd1, "DEVPTS_SUPER_MAGIC"}, {0x2468, "MINIX2_SUPER_MAGIC"}, {0x2478, "MINIX2_SUPER_MAGIC2"},
		{0x3434, "NILFS_SUPER_MAGIC"}, {0x4244, "HFS_SUPER_MAGIC"}, {0x482b, "HFSPLUS_SUPER_MAGIC"},
		{0x4d44, "MSDOS_SUPER_MAGIC"}, {0x4d5a, "MINIX3_SUPER_MAGIC"}, {0x517b, "SMB_SUPER_MAGIC"},
		{0x564c, "NCP_SUPER_MAGIC"}, {0x5df5, "EXOFS_SUPER_MAGIC"}, {0x6969, "NFS_SUPER_MAGIC"}, {0x7275, "ROMFS_MAGIC"},
		{0x72b6, "JFFS2_SUPER_MAGIC"}, {0x9660, "ISOFS_SUPER_MAGIC"}, {0x9fa0, "PROC_SUPER_MAGIC"},
		{0x9fa1, "OPENPROM_SUPER_MAGIC"}, {0x9fa2, "USBDEVICE_SUPER_MAGIC"}, {0xadf5, "ADFS_SUPER_MAGIC"},
		{0xadff, "AFFS_SUPER_MAGIC"}, {0xef51, "EXT2_OLD_SUPER_MAGIC"}, {0xef53, "EXT2_SUPER_MAGIC"},
		{0xf15f, "ECRYPTFS_SUPER_MAGIC"}, {0x11954, "UFS_MAGIC"}, {0x27e0eb, "CGROUP_SUPER_MAGIC"},
		{0x414a53, "EFS_SUPER_MAGIC"}, {0xc0ffee, "HOSTFS_SUPER_MAGIC"}, {0xc36400, "CEPH_SUPER_MAGIC"},
		{0x01021994, "TMPFS_MAGIC"}, {0x01021997, "V9FS_MAGIC"}, {0x01161970, "GFS2_MAGIC"},
		{0x012fd16d, "XIAFS_SUPER_MAGIC"}, {0x012ff7b4, "XENIX_SUPER_MAGIC"}, {0x012ff7b5, "SYSV4_SUPER_MAGIC"},
		{0x012ff7b6, "SYSV2_SUPER_MAGIC"}, {0x012ff7b7, "COH_SUPER_MAGIC"}, {0x02011994, "SHMFS_SUPER_MAGIC"},
		{0x09041934, "ANON_INODE_FS_MAGIC"}, {0x0bad1dea, "FUTEXFS_SUPER_MAGIC"}, {0x0bd00bd0, "LL_SUPER_MAGIC"},
		{0x0bd00bd1, "LUSTRE_SUPER_MAGIC"}, {0x11307854, "MTD_INODE_FS_MAGIC"}, {0x13661366, "BALLOON_KVM_MAGIC"},
		{0x15013346, "UDF_SUPER_MAGIC"}, {0x1badface, "BFS_MAGIC"}, {0x2011bab0, "EXFAT_SUPER_MAGIC"},
		{0x24051905, "UBIFS_SUPER_MAGIC"}, {0x28cd3d45, "CRAMFS_MAGIC"}, {0x2fc12fc1, "ZFS_SUPER_MAGIC"},
		{0x3153464a, "JFS_SUPER_MAGIC"}, {0x42465331, "BEFS_SUPER_MAGIC"}, {0x42494e4d, "BINFMTFS_MAGIC"},
		{0x43415d53, "SMACK_MAGIC"}, {0x444d4142, "DMA_BUF_MAGIC"}, {0x453dcd28, "CRAMFS_MAGIC_WEND"},
		{0x454d444d, "DEVMEM_MAGIC"}, {0x47504653, "GPFS_SUPER_MAGIC"}, {0x50495045, "PIPEFS_MAGIC"},
		{0x52654973, "REISERFS_SUPER_MAGIC"}, {0x5346414f, "AFS_SUPER_MAGIC"}, {0x5346544e, "NTFS_SB_MAGIC"},
		{0x534f434b, "SOCKFS_MAGIC"}, {0x54190100, "UFS_CIGAM"}, {0x565a4653, "VZFS_SUPER_MAGIC"},
		{0x57ac6e9d, "STACK_END_MAGIC"}, {0x58295829, "ZSMALLOC_MAGIC"}, {0x58465342, "XFS_SUPER_MAGIC"},
		{0x5a3c69f0, "AAFS_MAGIC"}, {0x5a4f4653, "ZONEFS_MAGIC"}, {0x6165676c, "PSTOREFS_MAGIC"},
		{0x61756673, "AUFS_SUPER_MAGIC"}, {0x62646576, "BDEVFS_MAGIC"}, {0x62656570, "CONFIGFS_MAGIC"},
		{0x62656572, "SYSFS_MAGIC"}, {0x63677270, "CGROUP2_SUPER_MAGIC"}, {0x64626720, "DEBUGFS_MAGIC"},
		{0x64646178, "DAXFS_MAGIC"}, {0x65735543, "FUSE_CTL_SUPER_MAGIC"}, {0x65735546, "FUSE_SUPER_MAGIC"},
		{0x68191122, "QNX6_SUPER_MAGIC"}, {0x6b414653, "AFS_FS_MAGIC"}, {0x6c6f6f70, "BINDERFS_SUPER_MAGIC"},
		{0x6e736673, "NSFS_MAGIC"}, {0x73636673, "SECURITYFS_MAGIC"}, {0x73717368, "SQUASHFS_MAGIC"},
		{0x73727279, "BTRFS_TEST_MAGIC"}, {0x73757245, "CODA_SUPER_MAGIC"}, {0x7461636f, "OCFS2_SUPER_MAGIC"},
		{0x74726163, "TRACEFS_MAGIC"}, {0x794c7630, "OVERLAYFS_SUPER_MAGIC"}, {0x858458f6, "RAMFS_MAGIC"},
		{0x9123683e, "BTRFS_SUPER_MAGIC"}, {0x958458f6, "HUGETLBFS_MAGIC"}, {0xa501fcf5, "VXFS_SUPER_MAGIC"},
		{0xabba1974, "XENFS_SUPER_MAGIC"}, {0xc7571590, "PPC_CMM_MAGIC"}, {0xc97e8168, "LOGFS_MAGIC"},
		{0xcafe4a11, "BPF_FS_MAGIC"}, {0xde5e81e4, "EFIVARFS_MAGIC"}, {0xe0f5e1e2, "EROFS_SUPER_MAGIC_V1"},
		{0xf2f52010, "F2FS_SUPER_MAGIC"}, {0xf97cff8c, "SELINUX_MAGIC"}, {0xf995e849, "HPFS_SUPER_MAGIC"},
		{0xfe534d42, "SMB2_SUPER_MAGIC"}, {0xff534d42, "CIFS_SUPER_MAGIC"},
	}},
	// include/uapi/linux/mount.h
	{Name: "mount_flags", UnknownFlags: "MS_???", Entries: []Flag{
		{1 << 0, "MS_RDONLY"}, {1 << 1, "MS_NOSUID"}, {1 << 2, "MS_NODEV"}, {1 << 3, "MS_NOEXEC"},
		{1 << 4, "MS_SYNCHRONOUS"}, {1 << 5, "MS_REMOUNT"}, {1 << 6, "MS_MANDLOCK"}, {1 << 7, "MS_DIRSYNC"},
		{1 << 8, "MS_NOSYMFOLLOW"}, {1 << 10, "MS_NOATIME"}, {1 << 11, "MS_NODIRATIME"}, {1 << 12, "MS_BIND"},
		{1 << 13, "MS_MOVE"}, {1 << 14, "MS_REC"}, {1 << 15, "MS_SILENT"}, {1 << 16, "MS_POSIXACL"},
		{1 << 17, "MS_UNBINDABLE"}, {1 << 18, "MS_PRIVATE"}, {1 << 19, "MS_SLAVE"}, {1 << 20, "MS_SHARED"},
		{1 << 21, "MS_RELATIME"}, {1 << 22, "MS_KERNMOUNT"}, {1 << 23, "MS_I_VERSION"}, {1 << 24, "MS_STRICTATIME"},
		{1 << 25, "MS_LAZYTIME"}, {1 << 26, "MS_SUBMOUNT"}, {1 << 27, "MS_NOREMOTELOCK"}, {1 << 28, "MS_NOSEC"},
		{1 << 29, "MS_BORN"}, {1 << 30, "MS_ACTIVE"}, {1 << 31, "MS_NOUSER"},
	}},
	// include/linux/fs.h (MNT_*), include/uapi/linux/fs.h (UMOUNT_NOFOLLOW)
	{Name: "umount_flags", UnknownFlags: "MNT_???", Entries: []Flag{
		{1, "MNT_FORCE"}, {2, "MNT_DETACH"}, {4, "MNT_EXPIRE"}, {8, "UMOUNT_NOFOLLOW"},
	}},
	// include/linux/statfs.h
	{Name: "statfs_flags", Entries: []Flag{
		{0x20, "ST_VALID"}, {0x1, "ST_RDONLY"}, {0x2, "ST_NOSUID"}, {0x4, "ST_NODEV"}, {0x8, "ST_NOEXEC"},
		{0x10, "ST_SYNCHRONOUS"}, {0x40, "ST_MANDLOCK"}, {0x400, "ST_NOATIME"}, {0x800, "ST_NODIRATIME"},
		{0x1000, "ST_RELATIME"}, {0x2000, "ST_NOSYMFOLLOW"},
	}},
	// include/uapi/linux/time.h
	{Name: "clockids", Unknown: "CLOCK_???", Entries: []Flag{
		{0, "CLOCK_REALTIME"}, {1, "CLOCK_MONOTONIC"}, {2, "CLOCK_PROCESS_CPUTIME_ID"},
		{3, "CLOCK_THREAD_CPUTIME_ID"}, {4, "CLOCK_MONOTONIC_RAW"}, {5, "CLOCK_REALTIME_COARSE"},
		{6, "CLOCK_MONOTONIC_COARSE"}, {7, "CLOCK_BOOTTIME"}, {8, "CLOCK_REALTIME_ALARM"},
		{9, "CLOCK_BOOTTIME_ALARM"}, {11, "CLOCK_TAI"},
	}},
	{Name: "timer_flags", Entries: []Flag{{1, "TIMER_ABSTIME"}}},
	{Name: "rseq_flags", Entries: []Flag{{1, "RSEQ_FLAG_UNREGISTER"}}},
}

// Sets of the file, descriptor, process, signal, time and identity calls.
var procXlats = []*Xlat{
	// include/uapi/linux/fs.h
	{Name: "rename_flags", Entries: []Flag{{1, "RENAME_NOREPLACE"}, {2, "RENAME_EXCHANGE"}, {4, "RENAME_WHITEOUT"}}},
	// include/uapi/linux/falloc.h
	{Name: "falloc_flags", Entries: []Flag{
		{0x01, "FALLOC_FL_KEEP_SIZE"}, {0x02, "FALLOC_FL_PUNCH_HOLE"}, {0x04, "FALLOC_FL_NO_HIDE_STALE"},
		{0x08, "FALLOC_FL_COLLAPSE_RANGE"}, {0x10, "FALLOC_FL_ZERO_RANGE"}, {0x20, "FALLOC_FL_INSERT_RANGE"},
		{0x40, "FALLOC_FL_UNSHARE_RANGE"},
	}},
	// include/uapi/asm-generic/fcntl.h: flock(2) operations.
	{Name: "flock_ops", Entries: []Flag{
		{1, "LOCK_SH"}, {2, "LOCK_EX"}, {4, "LOCK_NB"}, {8, "LOCK_UN"},
		{32, "LOCK_MAND"}, {192, "LOCK_RW"}, {64, "LOCK_READ"}, {128, "LOCK_WRITE"},
	}},
	// include/uapi/linux/fs.h
	{Name: "sync_file_range_flags", UnknownFlags: "SYNC_FILE_RANGE_???", Entries: []Flag{
		{1, "SYNC_FILE_RANGE_WAIT_BEFORE"}, {2, "SYNC_FILE_RANGE_WRITE"}, {4, "SYNC_FILE_RANGE_WAIT_AFTER"},
	}},
	// include/linux/splice.h
	{Name: "splice_flags", Entries: []Flag{
		{1, "SPLICE_F_MOVE"}, {2, "SPLICE_F_NONBLOCK"}, {4, "SPLICE_F_MORE"}, {8, "SPLICE_F_GIFT"},
	}},
	// include/uapi/linux/inotify.h; IN_NONBLOCK and IN_CLOEXEC are
	// O_NONBLOCK and O_CLOEXEC.
	{Name: "inotify_init_flags", Entries: []Flag{{0o4000, "IN_NONBLOCK"}, {0o2000000, "IN_CLOEXEC"}}},
	{Name: "inotify_flags", Entries: []Flag{
		{0x001, "IN_ACCESS"}, {0x002, "IN_MODIFY"}, {0x004, "IN_ATTRIB"}, {0x008, "IN_CLOSE_WRITE"},
		{0x010, "IN_CLOSE_NOWRITE"}, {0x020, "IN_OPEN"}, {0x040, "IN_MOVED_FROM"}, {0x080, "IN_MOVED_TO"},
		{0x100, "IN_CREATE"}, {0x200, "IN_DELETE"}, {0x400, "IN_DELETE_SELF"}, {0x800, "IN_MOVE_SELF"},
		{0x2000, "IN_UNMOUNT"}, {0x4000, "IN_Q_OVERFLOW"}, {0x8000, "IN_IGNORED"},
		{0x1000000, "IN_ONLYDIR"}, {0x2000000, "IN_DONT_FOLLOW"}, {0x4000000, "IN_EXCL_UNLINK"},
		{0x10000000, "IN_MASK_CREATE"}, {0x20000000, "IN_MASK_ADD"}, {0x40000000, "IN_ISDIR"}, {0x80000000, "IN_ONESHOT"},
	}},
	// include/uapi/linux/eventfd.h
	{Name: "efd_flags", Entries: []Flag{{0o2000000, "EFD_CLOEXEC"}, {0o4000, "EFD_NONBLOCK"}, {1, "EFD_SEMAPHORE"}}},
	// include/uapi/linux/signalfd.h
	{Name: "sfd_flags", Entries: []Flag{{0o2000000, "SFD_CLOEXEC"}, {0o4000, "SFD_NONBLOCK"}}},
	// include/uapi/linux/timerfd.h
	{Name: "tfd_create_flags", Entries: []Flag{{0o2000000, "TFD_CLOEXEC"}, {0o4000, "TFD_NONBLOCK"}}},
	{Name: "tfd_settime_flags", Entries: []Flag{{1, "TFD_TIMER_ABSTIME"}, {2, "TFD_TIMER_CANCEL_ON_SET"}}},
	// include/uapi/linux/personality.h: the personalities one meets.
	{Name: "personality", Entries: []Flag{
		{0, "PER_LINUX"}, {0x8, "PER_LINUX32"}, {0x800000, "PER_LINUX_32BIT"}, {0x40000, "PER_LINUX|ADDR_NO_RANDOMIZE"},
	}},
	// include/uapi/linux/close_range.h
	{Name: "close_range_flags", Entries: []Flag{{2, "CLOSE_RANGE_UNSHARE"}, {4, "CLOSE_RANGE_CLOEXEC"}}},
	// include/uapi/linux/memfd.h
	{Name: "memfd_flags", Entries: []Flag{
		{1, "MFD_CLOEXEC"}, {2, "MFD_ALLOW_SEALING"}, {4, "MFD_HUGETLB"}, {8, "MFD_NOEXEC_SEAL"}, {0x10, "MFD_EXEC"},
	}},
	// include/uapi/asm-generic/mman-common.h
	{Name: "msync_flags", Entries: []Flag{{1, "MS_ASYNC"}, {2, "MS_INVALIDATE"}, {4, "MS_SYNC"}}},
	{Name: "mlockall_flags", Entries: []Flag{{1, "MCL_CURRENT"}, {2, "MCL_FUTURE"}, {4, "MCL_ONFAULT"}}},
	// include/uapi/linux/resource.h
	{Name: "rusage_who", Unknown: "RUSAGE_???", Entries: []Flag{
		{0, "RUSAGE_SELF"}, {0xffffffff, "RUSAGE_CHILDREN"}, {1, "RUSAGE_THREAD"},
	}},
	{Name: "prio_which", Unknown: "PRIO_???", Entries: []Flag{{0, "PRIO_PROCESS"}, {1, "PRIO_PGRP"}, {2, "PRIO_USER"}}},
	// include/uapi/linux/sched.h
	{Name: "sched_policies", Unknown: "SCHED_???", Entries: []Flag{
		{0, "SCHED_OTHER"}, {1, "SCHED_FIFO"}, {2, "SCHED_RR"}, {3, "SCHED_BATCH"}, {4, "SCHED_ISO"},
		{5, "SCHED_IDLE"}, {6, "SCHED_DEADLINE"},
	}},
	{Name: "sched_policy_flags", Field: "sched_policies", FieldMask: 0xff, Entries: []Flag{{0x40000000, "SCHED_RESET_ON_FORK"}}},
	// include/uapi/linux/time.h
	{Name: "itimer_which", Unknown: "ITIMER_???", Entries: []Flag{{0, "ITIMER_REAL"}, {1, "ITIMER_VIRTUAL"}, {2, "ITIMER_PROF"}}},
	// include/uapi/asm-generic/siginfo.h
	{Name: "sigev_notify", Unknown: "SIGEV_???", Entries: []Flag{
		{0, "SIGEV_SIGNAL"}, {1, "SIGEV_NONE"}, {2, "SIGEV_THREAD"}, {4, "SIGEV_THREAD_ID"},
	}},
	// include/uapi/linux/signal.h
	{Name: "ss_flags", Entries: []Flag{{1, "SS_ONSTACK"}, {2, "SS_DISABLE"}, {0x80000000, "SS_AUTODISARM"}}},
	// include/uapi/linux/capability.h
	{Name: "cap_versions", Unknown: "_LINUX_CAPABILITY_VERSION_???", Entries: []Flag{
		{capV1, "_LINUX_CAPABILITY_VERSION_1"}, {capV2, "_LINUX_CAPABILITY_VERSION_2"}, {capV3, "_LINUX_CAPABILITY_VERSION_3"},
	}},
	{Name: "capabilities", Unknown: "CAP_???", Entries: []Flag{
		{0, "CAP_CHOWN"}, {1, "CAP_DAC_OVERRIDE"}, {2, "CAP_DAC_READ_SEARCH"}, {3, "CAP_FOWNER"},
		{4, "CAP_FSETID"}, {5, "CAP_KILL"}, {6, "CAP_SETGID"}, {7, "CAP_SETUID"}, {8, "CAP_SETPCAP"},
		{9, "CAP_LINUX_IMMUTABLE"}, {10, "CAP_NET_BIND_SERVICE"}, {11, "CAP_NET_BROADCAST"},
		{12, "CAP_NET_ADMIN"}, {13, "CAP_NET_RAW"}, {14, "CAP_IPC_LOCK"}, {15, "CAP_IPC_OWNER"},
		{16, "CAP_SYS_MODULE"}, {17, "CAP_SYS_RAWIO"}, {18, "CAP_SYS_CHROOT"}, {19, "CAP_SYS_PTRACE"},
		{20, "CAP_SYS_PACCT"}, {21, "CAP_SYS_ADMIN"}, {22, "CAP_SYS_BOOT"}, {23, "CAP_SYS_NICE"},
		{24, "CAP_SYS_RESOURCE"}, {25, "CAP_SYS_TIME"}, {26, "CAP_SYS_TTY_CONFIG"}, {27, "CAP_MKNOD"},
		{28, "CAP_LEASE"}, {29, "CAP_AUDIT_WRITE"}, {30, "CAP_AUDIT_CONTROL"}, {31, "CAP_SETFCAP"},
		{32, "CAP_MAC_OVERRIDE"}, {33, "CAP_MAC_ADMIN"}, {34, "CAP_SYSLOG"}, {35, "CAP_WAKE_ALARM"},
		{36, "CAP_BLOCK_SUSPEND"}, {37, "CAP_AUDIT_READ"}, {38, "CAP_PERFMON"}, {39, "CAP_BPF"},
		{40, "CAP_CHECKPOINT_RESTORE"},
	}},
	// include/uapi/linux/prctl.h
	{Name: "prctl_options", Unknown: "PR_???", Entries: []Flag{
		{1, "PR_SET_PDEATHSIG"}, {2, "PR_GET_PDEATHSIG"}, {3, "PR_GET_DUMPABLE"}, {4, "PR_SET_DUMPABLE"},
		{5, "PR_GET_UNALIGN"}, {6, "PR_SET_UNALIGN"}, {7, "PR_GET_KEEPCAPS"}, {8, "PR_SET_KEEPCAPS"},
		{9, "PR_GET_FPEMU"}, {10, "PR_SET_FPEMU"}, {11, "PR_GET_FPEXC"}, {12, "PR_SET_FPEXC"},
		{13, "PR_GET_TIMING"}, {14, "PR_SET_TIMING"}, {15, "PR_SET_NAME"}, {16, "PR_GET_NAME"},
		{19, "PR_GET_ENDIAN"}, {20, "PR_SET_ENDIAN"}, {21, "PR_GET_SECCOMP"}, {22, "PR_SET_SECCOMP"},
		{23, "PR_CAPBSET_READ"}, {24, "PR_CAPBSET_DROP"}, {25, "PR_GET_TSC"}, {26, "PR_SET_TSC"},
		{27, "PR_GET_SECUREBITS"}, {28, "PR_SET_SECUREBITS"}, {29, "PR_SET_TIMERSLACK"}, {30, "PR_GET_TIMERSLACK"},
		{31, "PR_TASK_PERF_EVENTS_DISABLE"}, {32, "PR_TASK_PERF_EVENTS_ENABLE"}, {33, "PR_MCE_KILL"},
		{34, "PR_MCE_KILL_GET"}, {35, "PR_SET_MM"}, {36, "PR_SET_CHILD_SUBREAPER"}, {37, "PR_GET_CHILD_SUBREAPER"},
		{38, "PR_SET_NO_NEW_PRIVS"}, {39, "PR_GET_NO_NEW_PRIVS"}, {40, "PR_GET_TID_ADDRESS"},
		{41, "PR_SET_THP_DISABLE"}, {42, "PR_GET_THP_DISABLE"}, {43, "PR_MPX_ENABLE_MANAGEMENT"},
		{44, "PR_MPX_DISABLE_MANAGEMENT"}, {45, "PR_SET_FP_MODE"}, {46, "PR_GET_FP_MODE"}, {47, "PR_CAP_AMBIENT"},
		{50, "PR_SVE_SET_VL"}, {51, "PR_SVE_GET_VL"}, {52, "PR_GET_SPECULATION_CTRL"}, {53, "PR_SET_SPECULATION_CTRL"},
		{54, "PR_PAC_RESET_KEYS"}, {55, "PR_SET_TAGGED_ADDR_CTRL"}, {56, "PR_GET_TAGGED_ADDR_CTRL"},
		{57, "PR_SET_IO_FLUSHER"}, {58, "PR_GET_IO_FLUSHER"}, {59, "PR_SET_SYSCALL_USER_DISPATCH"},
		{60, "PR_PAC_SET_ENABLED_KEYS"}, {61, "PR_PAC_GET_ENABLED_KEYS"}, {62, "PR_SCHED_CORE"},
		{0x59616d61, "PR_SET_PTRACER"}, {0x53564d41, "PR_SET_VMA"},
	}},
	{Name: "pr_dumpable", Unknown: "SUID_DUMP_???", Entries: []Flag{
		{0, "SUID_DUMP_DISABLE"}, {1, "SUID_DUMP_USER"}, {2, "SUID_DUMP_ROOT"},
	}},
}
