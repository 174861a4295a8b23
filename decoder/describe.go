package decoder

import "sync"

// Descriptions of syscalls, keyed by name so that every arch shares them.
// One line a syscall; what strace prints at exit is marked OnExit. A
// syscall missing here prints as strace's printargs: every argument in hex.

// openMode shows open's mode only when the call can create a file.
func openMode(flagsArg int) Cond {
	return HasFlag{Arg: flagsArg, Set: "open_flags", Names: []string{"O_CREAT", "O_TMPFILE"}}
}

var (
	itimerval  = Struct{Type: "itimerval"}
	itimerspec = Struct{Type: "itimerspec"}
	loff       = Struct{Type: "loff"}
	uidPtr     = Struct{Type: "uid"}
	statBuf    = Struct{Type: "stat"}
	readBuf    = Buf{FromRet: true}
	sleepRem   = Struct{Type: "sleep_rem"}
	mqAttr     = Struct{Type: "mq_attr"}
	absTime    = HasFlag{Arg: 1, Set: "timer_flags", Names: []string{"TIMER_ABSTIME"}}
	// mount prints the type as an address where the kernel ignores it (a
	// remount, bind, move or propagation change), and the data too except
	// for a remount.
	mountIgnoresType = HasFlag{Arg: 3, Set: "mount_flags", Names: []string{"MS_REMOUNT", "MS_BIND", "MS_MOVE", "MS_SHARED", "MS_PRIVATE", "MS_SLAVE", "MS_UNBINDABLE"}}
	mountIgnoresData = All{[]Cond{
		Not{HasFlag{Arg: 3, Set: "mount_flags", Names: []string{"MS_REMOUNT"}}},
		HasFlag{Arg: 3, Set: "mount_flags", Names: []string{"MS_BIND", "MS_MOVE", "MS_SHARED", "MS_PRIVATE", "MS_SLAVE", "MS_UNBINDABLE"}},
	}}
	clone3Sets = MemHasFlag{Arg: 0, Off: 0, Size: 8, Set: "clone_flags", Names: []string{"CLONE_PARENT_SETTID", "CLONE_PIDFD"}}
)

// descriptions returns every description by name. They are made on first
// use, not at package initialization, where every process start paid for
// them (Wireshark's extcap queries and --version too, which read none):
// they were the largest part of the decoder's initialization.
var descriptions = sync.OnceValue(func() map[string]*Syscall {
	d := sharedDescriptions()
	addNetDescriptions(d)
	addUringDescriptions(d)
	return d
})

// sharedDescriptions are those of this file.
func sharedDescriptions() map[string]*Syscall {
	return map[string]*Syscall{
		// Files.
		"openat":            sys(A("dirfd", DirFD{}), A("pathname", Path{}), A("flags", Flags{Set: "open_flags"}), A("mode", Mode{}).If(openMode(2))).Returns(FD{}),
		"open":              sys(A("pathname", Path{}), A("flags", Flags{Set: "open_flags"}), A("mode", Mode{}).If(openMode(1))).Returns(FD{}),
		"creat":             sys(A("pathname", Path{}), A("mode", Mode{})).Returns(FD{}),
		"close":             sys(A("fd", FD{})),
		"read":              sys(A("fd", FD{}), A("buf", readBuf).OnExit(), A("count", Ulong{})),
		"write":             sys(A("fd", FD{}), A("buf", Buf{LenArg: 2}), A("count", Ulong{})),
		"pread64":           sys(A("fd", FD{}), A("buf", readBuf).OnExit(), A("count", Ulong{}), A("offset", Long{})),
		"pwrite64":          sys(A("fd", FD{}), A("buf", Buf{LenArg: 2}), A("count", Ulong{}), A("offset", Long{})),
		"lseek":             sys(A("fd", FD{}), A("offset", Long{}), A("whence", Enum{Set: "whence"})),
		"newfstatat":        sys(A("dirfd", DirFD{}), A("pathname", Path{}), A("statbuf", statBuf).OnExit(), A("flags", Flags{Set: "at_flags"})),
		"fstat":             sys(A("fd", FD{}), A("statbuf", statBuf).OnExit()),
		"stat":              sys(A("pathname", Path{}), A("statbuf", statBuf).OnExit()),
		"lstat":             sys(A("pathname", Path{}), A("statbuf", statBuf).OnExit()),
		"statx":             sys(A("dirfd", DirFD{}), A("pathname", Path{}), A("flags", Flags{Set: "statx_flags"}), A("mask", Flags{Set: "statx_mask"}), A("statxbuf", Struct{Type: "statx"}).OnExit()),
		"access":            sys(A("pathname", Path{}), A("mode", Flags{Set: "access_modes"})),
		"faccessat":         sys(A("dirfd", DirFD{}), A("pathname", Path{}), A("mode", Flags{Set: "access_modes"})),
		"faccessat2":        sys(A("dirfd", DirFD{}), A("pathname", Path{}), A("mode", Flags{Set: "access_modes"}), A("flags", Flags{Set: "faccessat_flags"})),
		"getdents64":        sys(A("fd", FD{}), A("dirp", Struct{Type: "dirents64"}).OnExit(), A("count", Uint{})),
		"readlink":          sys(A("pathname", Path{}), A("buf", readBuf).OnExit(), A("bufsiz", Ulong{})),
		"readlinkat":        sys(A("dirfd", DirFD{}), A("pathname", Path{}), A("buf", readBuf).OnExit(), A("bufsiz", Ulong{})),
		"getcwd":            sys(A("buf", Path{}).OnExit(), A("size", Ulong{})),
		"chdir":             sys(A("path", Path{})),
		"fchdir":            sys(A("fd", FD{})),
		"unlink":            sys(A("pathname", Path{})),
		"unlinkat":          sys(A("dirfd", DirFD{}), A("pathname", Path{}), A("flags", Flags{Set: "at_flags"})),
		"mkdir":             sys(A("pathname", Path{}), A("mode", Mode{})),
		"mkdirat":           sys(A("dirfd", DirFD{}), A("pathname", Path{}), A("mode", Mode{})),
		"rmdir":             sys(A("pathname", Path{})),
		"rename":            sys(A("oldpath", Path{}), A("newpath", Path{})),
		"chmod":             sys(A("pathname", Path{}), A("mode", Mode{})),
		"fchmod":            sys(A("fd", FD{}), A("mode", Mode{})),
		"umask":             sys(A("mask", Mode{})).Returns(Mode{}),
		"fsync":             sys(A("fd", FD{})),
		"ftruncate":         sys(A("fd", FD{}), A("length", Long{})),
		"fadvise64":         sys(A("fd", FD{}), A("offset", Long{}), A("len", Long{}), A("advice", Enum{Set: "fadvise"})),
		"readahead":         sys(A("fd", FD{}), A("offset", Long{}), A("count", Ulong{})),
		"sync_file_range":   sys(A("fd", FD{}), A("offset", Long{}), A("nbytes", Long{}), A("flags", Flags{Set: "sync_file_range_flags"})),
		"statfs":            sys(A("path", Path{}), A("buf", Struct{Type: "statfs"}).OnExit()),
		"fstatfs":           sys(A("fd", FD{}), A("buf", Struct{Type: "statfs"}).OnExit()),
		"statfs64":          sys(A("path", Path{}), A("size", Ulong{}), A("buf", Struct{Type: "statfs64"}).OnExit()),
		"fstatfs64":         sys(A("fd", FD{}), A("size", Ulong{}), A("buf", Struct{Type: "statfs64"}).OnExit()),
		"getxattr":          sys(A("path", Path{}), A("name", Str{}), A("value", readBuf).OnExit(), A("size", Ulong{})),
		"lgetxattr":         sys(A("path", Path{}), A("name", Str{}), A("value", readBuf).OnExit(), A("size", Ulong{})),
		"fgetxattr":         sys(A("fd", FD{}), A("name", Str{}), A("value", readBuf).OnExit(), A("size", Ulong{})),
		"fchmodat":          sys(A("dirfd", DirFD{}), A("pathname", Path{}), A("mode", Mode{})),
		"chown":             sys(A("pathname", Path{}), A("owner", Int{}), A("group", Int{})),
		"lchown":            sys(A("pathname", Path{}), A("owner", Int{}), A("group", Int{})),
		"fchown":            sys(A("fd", FD{}), A("owner", Int{}), A("group", Int{})),
		"fchownat":          sys(A("dirfd", DirFD{}), A("pathname", Path{}), A("owner", Int{}), A("group", Int{}), A("flags", Flags{Set: "at_flags"})),
		"link":              sys(A("oldpath", Path{}), A("newpath", Path{})),
		"linkat":            sys(A("olddirfd", DirFD{}), A("oldpath", Path{}), A("newdirfd", DirFD{}), A("newpath", Path{}), A("flags", Flags{Set: "at_flags"})),
		"symlink":           sys(A("target", Path{}), A("linkpath", Path{})),
		"symlinkat":         sys(A("target", Path{}), A("newdirfd", DirFD{}), A("linkpath", Path{})),
		"renameat":          sys(A("olddirfd", DirFD{}), A("oldpath", Path{}), A("newdirfd", DirFD{}), A("newpath", Path{})),
		"renameat2":         sys(A("olddirfd", DirFD{}), A("oldpath", Path{}), A("newdirfd", DirFD{}), A("newpath", Path{}), A("flags", Flags{Set: "rename_flags"})),
		"truncate":          sys(A("path", Path{}), A("length", Long{})),
		"fallocate":         sys(A("fd", FD{}), A("mode", Flags{Set: "falloc_flags"}), A("offset", Long{}), A("len", Long{})),
		"fdatasync":         sys(A("fd", FD{})),
		"syncfs":            sys(A("fd", FD{})),
		"sync":              sys(),
		"flock":             sys(A("fd", FD{}), A("operation", Flags{Set: "flock_ops"})),
		"utimensat":         sys(A("dirfd", DirFD{}), A("pathname", Path{}), A("times", Struct{Type: "utimens"}), A("flags", Flags{Set: "at_flags"})),
		"chroot":            sys(A("path", Path{})),
		"mount":             sys(A("source", Path{}), A("target", Path{}), A("filesystemtype", Ptr{}).If(mountIgnoresType), A("filesystemtype", Str{}).At(2).If(Not{mountIgnoresType}), A("mountflags", Flags{Set: "mount_flags", Long: true}).At(3), A("data", Ptr{}).If(mountIgnoresData), A("data", Str{}).At(4).If(Not{mountIgnoresData})),
		"umount2":           sys(A("target", Path{}), A("flags", Flags{Set: "umount_flags"})),
		"umount":            sys(A("target", Path{})),
		"sendfile":          sys(A("out_fd", FD{}), A("in_fd", FD{}), A("offset", loff), A("offset", loff).At(2).UpdatedByResult(), A("count", Ulong{}).At(3)),
		"copy_file_range":   sys(A("fd_in", FD{}), A("off_in", loff), A("fd_out", FD{}), A("off_out", loff), A("len", Ulong{}), A("flags", Uint{})),
		"splice":            sys(A("fd_in", FD{}), A("off_in", loff), A("fd_out", FD{}), A("off_out", loff), A("len", Ulong{}), A("flags", Flags{Set: "splice_flags"})),
		"tee":               sys(A("fd_in", FD{}), A("fd_out", FD{}), A("len", Ulong{}), A("flags", Flags{Set: "splice_flags"})),
		"inotify_init1":     sys(A("flags", Flags{Set: "inotify_init_flags"})).Returns(FD{}),
		"inotify_init":      sys().Returns(FD{}),
		"inotify_add_watch": sys(A("fd", FD{}), A("pathname", Path{}), A("mask", Flags{Set: "inotify_flags"})),
		"inotify_rm_watch":  sys(A("fd", FD{}), A("wd", Int{})),
		"eventfd2":          sys(A("initval", Uint{}), A("flags", Flags{Set: "efd_flags"})).Returns(FD{}),
		"eventfd":           sys(A("initval", Uint{})).Returns(FD{}),
		"mknodat":           sys(A("dirfd", DirFD{}), A("pathname", Path{}), A("mode", ModeType{}), A("dev", Dev{}).If(isDevice(2))),
		"mknod":             sys(A("pathname", Path{}), A("mode", ModeType{}), A("dev", Dev{}).If(isDevice(1))),
		"close_range":       sys(A("first", Uint{}), A("last", Uint{}), A("flags", Flags{Set: "close_range_flags"})),
		"memfd_create":      sys(A("name", Str{}), A("flags", Flags{Set: "memfd_flags"})).Returns(FD{}),
		"dup":               sys(A("oldfd", FD{})).Returns(FD{}),
		"dup2":              sys(A("oldfd", FD{}), A("newfd", FD{})).Returns(FD{}),
		"dup3":              sys(A("oldfd", FD{}), A("newfd", FD{}), A("flags", Flags{Set: "dup3_flags"})).Returns(FD{}),
		"pipe":              sys(A("pipefd", Struct{Type: "fd_pair"}).OnExit()),
		"pipe2":             sys(A("pipefd", Struct{Type: "fd_pair"}).OnExit(), A("flags", Flags{Set: "pipe_flags"})),
		"fcntl":             fcntlDesc(false),

		// Memory.
		"brk":        sys(A("addr", Ptr{})).Returns(Hex{}),
		"mmap":       sys(A("addr", Ptr{}), A("length", Ulong{}), A("prot", Flags{Set: "mmap_prot"}), A("flags", Flags{Set: "mmap_flags"}), A("fd", FD{}), A("offset", Hex{})).Returns(Hex{}),
		"munmap":     sys(A("addr", Ptr{}), A("length", Ulong{})),
		"mseal":      sys(A("addr", Ptr{}), A("len", Ulong{}), A("flags", Hex{})),
		"mprotect":   sys(A("addr", Ptr{}), A("length", Ulong{}), A("prot", Flags{Set: "mmap_prot"})),
		"mremap":     sys(A("old_address", Ptr{}), A("old_size", Ulong{}), A("new_size", Ulong{}), A("flags", Flags{Set: "mremap_flags"}), A("new_address", Ptr{}).If(HasFlag{Arg: 3, Set: "mremap_flags", Names: []string{"MREMAP_FIXED"}})).Returns(Hex{}),
		"madvise":    sys(A("addr", Ptr{}), A("length", Ulong{}), A("advice", Enum{Set: "madvise_cmds"})),
		"msync":      sys(A("addr", Ptr{}), A("length", Ulong{}), A("flags", Flags{Set: "msync_flags"})),
		"mlock":      sys(A("addr", Ptr{}), A("length", Ulong{})),
		"munlock":    sys(A("addr", Ptr{}), A("length", Ulong{})),
		"mlockall":   sys(A("flags", Flags{Set: "mlockall_flags"})),
		"munlockall": sys(),

		// NUMA policies. get_mempolicy prints everything at exit; a node
		// mask's length comes from its maxnode argument.
		"get_mempolicy": sys(A("mode", Struct{Type: "mpol_mode_ptr"}).OnExit(), A("nodemask", Struct{Type: "nodemask", LenArg: 2}), A("maxnode", Ulong{}), A("addr", Ptr{}), A("flags", Flags{Set: "get_mempolicy_flags", Long: true})),
		"set_mempolicy": sys(A("mode", Flags{Set: "mpol_mode"}), A("nodemask", Struct{Type: "nodemask", LenArg: 2}), A("maxnode", Ulong{})),
		"mbind":         sys(A("addr", Ptr{}), A("len", Ulong{}), A("mode", Flags{Set: "mpol_mode"}), A("nodemask", Struct{Type: "nodemask", LenArg: 4}), A("maxnode", Ulong{}), A("flags", Flags{Set: "mbind_flags"})),
		"migrate_pages": sys(A("pid", Int{}), A("maxnode", Ulong{}), A("old_nodes", Struct{Type: "nodemask", LenArg: 1}), A("new_nodes", Struct{Type: "nodemask", LenArg: 1})),
		"move_pages":    sys(A("pid", Int{}), A("count", Ulong{}), A("pages", Struct{Type: "page_ptrs", LenArg: 1}), A("nodes", Struct{Type: "page_nodes", LenArg: 1}), A("status", Struct{Type: "page_status", LenArg: 1}).OnExit(), A("flags", Flags{Set: "mbind_flags"})),

		// Processes and threads.
		"execve":                 sys(A("pathname", Path{}), A("argv", StrArray{}), A("envp", StrArray{Env: true})),
		"execveat":               sys(A("dirfd", DirFD{}), A("pathname", Path{}), A("argv", StrArray{}), A("envp", StrArray{Env: true}), A("flags", Flags{Set: "at_flags"})),
		"exit_group":             sys(A("status", Int{})),
		"exit":                   sys(A("status", Int{})),
		"clone":                  cloneDesc(1, 0, 2, 3, 4),
		"clone3":                 sys(A("cl_args", Struct{Type: "clone_args"}), A("size", Ulong{}).If(Not{clone3Sets}), A("cl_args", Struct{Type: "clone_result"}).At(0).Updated().If(clone3Sets), A("size", Ulong{}).At(1).OnExit().If(clone3Sets)),
		"fork":                   sys(),
		"vfork":                  sys(),
		"wait4":                  sys(A("pid", Int{}), A("wstatus", Struct{Type: "wait_status"}).OnExit(), A("options", Flags{Set: "wait4_options"}), A("rusage", Struct{Type: "rusage"})),
		"getrusage":              sys(A("who", Enum{Set: "rusage_who"}), A("usage", Struct{Type: "rusage"}).OnExit()),
		"getpriority":            sys(A("which", Enum{Set: "prio_which"}), A("who", Int{})),
		"setpriority":            sys(A("which", Enum{Set: "prio_which"}), A("who", Int{}), A("prio", Int{})),
		"sched_getscheduler":     sys(A("pid", Int{})).Returns(EnumRet{Set: "sched_policies"}),
		"sched_setscheduler":     sys(A("pid", Int{}), A("policy", Flags{Set: "sched_policy_flags"}), A("param", Struct{Type: "int"})),
		"sched_getparam":         sys(A("pid", Int{}), A("param", Struct{Type: "int"}).OnExit()),
		"sched_setparam":         sys(A("pid", Int{}), A("param", Struct{Type: "int"})),
		"sched_get_priority_max": sys(A("policy", Enum{Set: "sched_policies"})),
		"sched_get_priority_min": sys(A("policy", Enum{Set: "sched_policies"})),
		"sched_getaffinity":      sys(A("pid", Int{}), A("cpusetsize", Ulong{}), A("mask", Struct{Type: "cpu_set", LenArg: -1}).OnExit()),
		"sched_setaffinity":      sys(A("pid", Int{}), A("cpusetsize", Ulong{}), A("mask", Struct{Type: "cpu_set", LenArg: 1})),
		"times":                  sys(A("buf", Struct{Type: "tms"}).OnExit()),
		"sched_rr_get_interval":  sys(A("pid", Int{}), A("tp", Struct{Type: "timespec"}).OnExit()),
		"getcpu":                 sys(A("cpu", uidPtr).OnExit(), A("node", uidPtr), A("tcache", Ptr{})),
		"unshare":                sys(A("flags", Flags{Set: "clone_flags"})),
		"setns":                  sys(A("fd", FD{}), A("nstype", Flags{Set: "clone_flags"})),
		"personality":            sys(A("persona", Hex{})).Returns(EnumRet{Set: "personality"}),
		"getsid":                 sys(A("pid", Int{})),
		"setuid":                 sys(A("uid", Int{})),
		"setgid":                 sys(A("gid", Int{})),
		"setfsuid":               sys(A("fsuid", Int{})),
		"setfsgid":               sys(A("fsgid", Int{})),
		"setreuid":               sys(A("ruid", Int{}), A("euid", Int{})),
		"setregid":               sys(A("rgid", Int{}), A("egid", Int{})),
		"setresuid":              sys(A("ruid", Int{}), A("euid", Int{}), A("suid", Int{})),
		"setresgid":              sys(A("rgid", Int{}), A("egid", Int{}), A("sgid", Int{})),
		"getresuid":              sys(A("ruid", uidPtr).OnExit(), A("euid", uidPtr), A("suid", uidPtr)),
		"getresgid":              sys(A("rgid", uidPtr).OnExit(), A("egid", uidPtr), A("sgid", uidPtr)),
		"getgroups":              sys(A("size", Int{}), A("list", Struct{Type: "gid_list", LenArg: -1}).OnExit()),
		"setgroups":              sys(A("size", Int{}), A("list", Struct{Type: "gid_list", LenArg: 0})),
		"capget":                 sys(A("hdrp", Struct{Type: "cap_header"}), A("datap", Struct{Type: "cap_data"}).OnExit()),
		"capset":                 sys(A("hdrp", Struct{Type: "cap_header"}), A("datap", Struct{Type: "cap_data"})),
		"prctl": sys(A("option", Enum{Set: "prctl_options"})).Switching(&Switch{Arg: 0, Set: "prctl_options",
			Cases: map[string]Tail{
				"PR_SET_NAME":            tail(nil, A("name", Str{}).At(1)),
				"PR_GET_NAME":            tail(nil, A("name", Str{}).At(1).OnExit()),
				"PR_GET_DUMPABLE":        tail(EnumRet{Set: "pr_dumpable"}),
				"PR_SET_DUMPABLE":        tail(nil, A("dumpable", Enum{Set: "pr_dumpable"}).At(1)),
				"PR_SET_PDEATHSIG":       tail(nil, A("sig", Signal{}).At(1)),
				"PR_GET_PDEATHSIG":       tail(nil, A("sig", Struct{Type: "signal_ptr"}).At(1).OnExit()),
				"PR_GET_KEEPCAPS":        tail(nil),
				"PR_SET_KEEPCAPS":        tail(nil, A("keep", Ulong{}).At(1)),
				"PR_GET_SECCOMP":         tail(nil),
				"PR_GET_TIMERSLACK":      tail(nil),
				"PR_SET_TIMERSLACK":      tail(nil, A("slack", Ulong{}).At(1)),
				"PR_CAPBSET_READ":        tail(nil, A("cap", Enum{Set: "capabilities"}).At(1)),
				"PR_GET_CHILD_SUBREAPER": tail(nil, A("reaper", Struct{Type: "int"}).At(1).OnExit()),
				"PR_SET_CHILD_SUBREAPER": tail(nil, A("reaper", Ulong{}).At(1)),
				"PR_GET_NO_NEW_PRIVS":    tail(nil, A("arg2", Hex{}).At(1), A("arg3", Hex{}).At(2), A("arg4", Hex{}).At(3), A("arg5", Hex{}).At(4)),
				"PR_SET_NO_NEW_PRIVS":    tail(nil, A("value", Ulong{}).At(1), A("arg3", Hex{}).At(2), A("arg4", Hex{}).At(3), A("arg5", Hex{}).At(4)),
				"PR_GET_THP_DISABLE":     tail(nil, A("arg2", Hex{}).At(1), A("arg3", Hex{}).At(2), A("arg4", Hex{}).At(3), A("arg5", Hex{}).At(4)),
			},
			Default: tail(nil, A("arg2", Hex{}).At(1), A("arg3", Hex{}).At(2), A("arg4", Hex{}).At(3), A("arg5", Hex{}).At(4)),
		}),
		"kill":            sys(A("pid", Int{}), A("sig", Signal{})),
		"tkill":           sys(A("tid", Int{}), A("sig", Signal{})),
		"tgkill":          sys(A("tgid", Int{}), A("tid", Int{}), A("sig", Signal{})),
		"set_tid_address": sys(A("tidptr", Ptr{})),
		"set_robust_list": sys(A("head", Ptr{}), A("len", Ulong{})),
		"rseq":            sys(A("rseq", Ptr{}), A("rseq_len", Hex{}), A("flags", Flags{Set: "rseq_flags"}), A("sig", Hex{})),
		"arch_prctl":      sys(A("code", Enum{Set: "arch_prctl"}), A("addr", Ptr{})),
		"prlimit64":       sys(A("pid", Int{}), A("resource", Enum{Set: "rlimits"}), A("new_limit", Struct{Type: "rlimit64"}), A("old_limit", Struct{Type: "rlimit64"}).OnExit()),
		"getpid":          sys(),
		"getppid":         sys(),
		"gettid":          sys(),
		"getuid":          sys(),
		"geteuid":         sys(),
		"getgid":          sys(),
		"getegid":         sys(),
		"getpgrp":         sys(),
		"setsid":          sys(),
		"getpgid":         sys(A("pid", Int{})),
		"setpgid":         sys(A("pid", Int{}), A("pgid", Int{})),
		"uname":           sys(A("buf", Struct{Type: "utsname"}).OnExit()),
		"sysinfo":         sys(A("info", Struct{Type: "sysinfo"}).OnExit()),
		"getrandom":       sys(A("buf", Buf{FromRet: true, Hex: true}).OnExit(), A("buflen", Ulong{}), A("flags", Flags{Set: "getrandom_flags"})),
		"futex": sys(A("uaddr", Ptr{}), A("futex_op", Flags{Set: "futex_op"})).Switching(&Switch{Arg: 1, Mask: 0x7f, Set: "futex_cmds",
			Cases: map[string]Tail{
				"FUTEX_WAIT":        tail(nil, A("val", Int{}).At(2), A("timeout", Struct{Type: "timespec"}).At(3)),
				"FUTEX_WAKE":        tail(nil, A("val", Int{}).At(2)),
				"FUTEX_WAIT_BITSET": tail(nil, A("val", Int{}).At(2), A("timeout", Struct{Type: "timespec"}).At(3), A("val3", Enum{Set: "futex_bitset"}).At(5)),
				"FUTEX_WAKE_BITSET": tail(nil, A("val", Int{}).At(2), A("val3", Enum{Set: "futex_bitset"}).At(5)),
				// val2 travels in the timeout register.
				"FUTEX_REQUEUE":         tail(nil, A("val", Int{}).At(2), A("val2", Uint{}).At(3), A("uaddr2", Ptr{}).At(4)),
				"FUTEX_CMP_REQUEUE":     tail(nil, A("val", Int{}).At(2), A("val2", Uint{}).At(3), A("uaddr2", Ptr{}).At(4), A("val3", Uint{}).At(5)),
				"FUTEX_CMP_REQUEUE_PI":  tail(nil, A("val", Int{}).At(2), A("val2", Uint{}).At(3), A("uaddr2", Ptr{}).At(4), A("val3", Uint{}).At(5)),
				"FUTEX_WAKE_OP":         tail(nil, A("val", Int{}).At(2), A("val2", Uint{}).At(3), A("uaddr2", Ptr{}).At(4), A("val3", FutexOp{}).At(5)),
				"FUTEX_LOCK_PI":         tail(nil, A("timeout", Struct{Type: "timespec"}).At(3)),
				"FUTEX_LOCK_PI2":        tail(nil, A("timeout", Struct{Type: "timespec"}).At(3)),
				"FUTEX_UNLOCK_PI":       tail(nil),
				"FUTEX_TRYLOCK_PI":      tail(nil),
				"FUTEX_WAIT_REQUEUE_PI": tail(nil, A("val", Int{}).At(2), A("timeout", Struct{Type: "timespec"}).At(3), A("uaddr2", Ptr{}).At(4)),
			},
			Default: tail(nil, A("val", Int{}).At(2), A("timeout", Hex{}).At(3), A("uaddr2", Ptr{}).At(4), A("val3", Hex{}).At(5)),
		}),

		// Time.
		// The remaining time prints at exit: the timespec after an
		// interrupted sleep, else its address (sleep_rem decides). It is read
		// even though the call "failed" with a restart code (AsInput); an
		// absolute clock_nanosleep leaves it alone, and strace prints the
		// address.
		"nanosleep":              sys(A("req", Struct{Type: "timespec"}), A("rem", sleepRem).OnExit().AsInput()),
		"clock_nanosleep":        sys(A("clockid", Enum{Set: "clockids"}), A("flags", Flags{Set: "timer_flags"}), A("request", Struct{Type: "timespec"}), A("remain", sleepRem).OnExit().AsInput().If(Not{absTime}), A("remain", Ptr{}).At(3).OnExit().If(absTime)),
		"clock_nanosleep_time64": sys(A("clockid", Enum{Set: "clockids"}), A("flags", Flags{Set: "timer_flags"}), A("request", Struct{Type: "timespec64"}), A("remain", Struct{Type: "sleep_rem64"}).OnExit().AsInput().If(Not{absTime}), A("remain", Ptr{}).At(3).OnExit().If(absTime)),
		"clock_gettime":          sys(A("clockid", Enum{Set: "clockids"}), A("tp", Struct{Type: "timespec"}).OnExit()),
		"clock_getres":           sys(A("clockid", Enum{Set: "clockids"}), A("res", Struct{Type: "timespec"}).OnExit()),
		"sched_yield":            sys(),
		"gettimeofday":           sys(A("tv", Struct{Type: "timeval"}).OnExit(), A("tz", Ptr{})),
		"getitimer":              sys(A("which", Enum{Set: "itimer_which"}), A("curr_value", itimerval).OnExit()),
		"setitimer":              sys(A("which", Enum{Set: "itimer_which"}), A("new_value", itimerval), A("old_value", itimerval).OnExit()),
		"alarm":                  sys(A("seconds", Uint{})),
		"pause":                  sys(),
		"timer_create":           sys(A("clockid", Enum{Set: "clockids"}), A("sevp", Struct{Type: "sigevent"}), A("timerid", Struct{Type: "int"}).OnExit()),
		"timer_settime":          sys(A("timerid", Int{}), A("flags", Flags{Set: "timer_flags"}), A("new_value", itimerspec), A("old_value", itimerspec).OnExit()),
		"timer_gettime":          sys(A("timerid", Int{}), A("curr_value", itimerspec).OnExit()),
		"timer_getoverrun":       sys(A("timerid", Int{})),
		"timer_delete":           sys(A("timerid", Int{})),
		"timerfd_create":         sys(A("clockid", Enum{Set: "clockids"}), A("flags", Flags{Set: "tfd_create_flags"})).Returns(FD{}),
		"timerfd_settime":        sys(A("fd", FD{}), A("flags", Flags{Set: "tfd_settime_flags"}), A("new_value", itimerspec), A("old_value", itimerspec).OnExit()),
		"timerfd_gettime":        sys(A("fd", FD{}), A("curr_value", itimerspec).OnExit()),

		// POSIX message queues.
		"mq_open":         sys(A("name", Str{}), A("oflag", Flags{Set: "open_flags"}), A("mode", Mode{}).If(openMode(1)), A("attr", mqAttr).If(openMode(1))).Returns(FD{}),
		"mq_unlink":       sys(A("name", Str{})),
		"mq_notify":       sys(A("mqdes", FD{}), A("sevp", Struct{Type: "sigevent"})),
		"mq_getsetattr":   sys(A("mqdes", FD{}), A("newattr", mqAttr), A("oldattr", mqAttr).OnExit()),
		"mq_timedsend":    sys(A("mqdes", FD{}), A("msg_ptr", Buf{LenArg: 2}), A("msg_len", Ulong{}), A("msg_prio", Uint{}), A("abs_timeout", Struct{Type: "timespec"})),
		"mq_timedreceive": sys(A("mqdes", FD{}), A("msg_ptr", readBuf).OnExit(), A("msg_len", Ulong{}), A("msg_prio", Struct{Type: "uid"}), A("abs_timeout", Struct{Type: "timespec"}).AsInput()),
		// i386's 64-bit time variants.
		"mq_timedsend_time64":    sys(A("mqdes", FD{}), A("msg_ptr", Buf{LenArg: 2}), A("msg_len", Ulong{}), A("msg_prio", Uint{}), A("abs_timeout", Struct{Type: "timespec64"})),
		"mq_timedreceive_time64": sys(A("mqdes", FD{}), A("msg_ptr", readBuf).OnExit(), A("msg_len", Ulong{}), A("msg_prio", Struct{Type: "uid"}), A("abs_timeout", Struct{Type: "timespec64"}).AsInput()),

		// Signals.
		"rt_sigaction":    sys(A("signum", Signal{}), A("act", Struct{Type: "sigaction"}), A("oldact", Struct{Type: "sigaction"}).OnExit(), A("sigsetsize", Ulong{})),
		"rt_sigprocmask":  sys(A("how", Enum{Set: "sigprocmask_how"}), A("set", Sigset{SizeArg: 3}), A("oldset", Sigset{SizeArg: 3}).OnExit(), A("sigsetsize", Ulong{})),
		"rt_sigpending":   sys(A("set", Sigset{SizeArg: 1}).OnExit(), A("sigsetsize", Ulong{})),
		"rt_sigsuspend":   sys(A("mask", Sigset{SizeArg: 1}), A("sigsetsize", Ulong{})),
		"rt_sigtimedwait": sys(A("set", Sigset{SizeArg: 3}), A("info", Struct{Type: "siginfo"}).OnExit(), A("timeout", Struct{Type: "timespec"}).AsInput(), A("sigsetsize", Ulong{})).Returns(SignalRet{}),
		"rt_sigqueueinfo": sys(A("tgid", Int{}), A("sig", Signal{}), A("info", Struct{Type: "siginfo"})),
		// strace reads the mask the handler's frame will restore from the
		// stack at entry: "rt_sigreturn({mask=[...]})".
		"rt_sigreturn": sys(A("frame", SigFrame{})),
		"sigaltstack":  sys(A("ss", Struct{Type: "stack_t"}), A("old_ss", Struct{Type: "stack_t"}).OnExit()),
		"signalfd4":    sys(A("fd", FD{}), A("mask", Sigset{SizeArg: 2}), A("sizemask", Ulong{}), A("flags", Flags{Set: "sfd_flags"})).Returns(FD{}),
		"signalfd":     sys(A("fd", FD{}), A("mask", Sigset{SizeArg: 2}), A("sizemask", Ulong{})).Returns(FD{}),

		// Sockets.
	}
}

// fcntlDesc describes fcntl, and with lock64 fcntl64, which alone takes
// the F_*LK64 commands' struct flock64 (fcntl prints their pointer, as
// strace does). Each command's argument and result print as strace 6.1
// prints them; commands it does not know show the argument in hex.
func fcntlDesc(lock64 bool) *Syscall {
	arg := func(k Kind) Arg { return A("arg", k).At(2) }
	get := func(k Kind) Arg { return A("arg", k).At(2).OnExit() }
	cases := map[string]Tail{
		// A kernel long: strace shows an int -1 passed through glibc
		// (or by any i386 tracee) as 4294967295.
		"F_DUPFD":         tail(FD{}, arg(KLong{})),
		"F_DUPFD_CLOEXEC": tail(FD{}, arg(KLong{})),
		"F_GETFD":         tail(FlagsRet{Set: "fd_flags"}),
		"F_SETFD":         tail(nil, arg(Flags{Set: "fd_flags"})),
		// O_RDONLY is zero: F_GETFL names it even in a zero result.
		"F_GETFL":      tail(FlagsRet{Set: "open_flags", Zero: true}),
		"F_SETFL":      tail(nil, arg(Flags{Set: "open_flags"})),
		"F_GETOWN":     tail(nil),
		"F_SETOWN":     tail(nil, arg(Int{})),
		"F_GETOWN_EX":  tail(nil, get(Struct{Type: "f_owner_ex"})),
		"F_SETOWN_EX":  tail(nil, arg(Struct{Type: "f_owner_ex"})),
		"F_GETSIG":     tail(SignalRet{}),
		"F_SETSIG":     tail(nil, arg(Signal{})),
		"F_GETLEASE":   tail(EnumRet{Set: "lock_types", Hex: true}),
		"F_SETLEASE":   tail(nil, arg(Enum{Set: "lock_types"})),
		"F_NOTIFY":     tail(nil, arg(Flags{Set: "dn_flags"})),
		"F_GETPIPE_SZ": tail(nil),
		"F_SETPIPE_SZ": tail(nil, arg(KLong{})),
		"F_GET_SEALS":  tail(FlagsRet{Set: "seals", Word: "seals"}),
		"F_ADD_SEALS":  tail(nil, arg(Flags{Set: "seals"})),
		// A lock to set prints as the caller filled it in; F_GETLK's
		// answer, with l_pid, at exit.
		"F_SETLK":      tail(nil, arg(Struct{Type: "flock"})),
		"F_SETLKW":     tail(nil, arg(Struct{Type: "flock"})),
		"F_GETLK":      tail(nil, get(Struct{Type: "flock_pid"})),
		"F_OFD_SETLK":  tail(nil, arg(Struct{Type: "flock64"})),
		"F_OFD_SETLKW": tail(nil, arg(Struct{Type: "flock64"})),
		"F_OFD_GETLK":  tail(nil, get(Struct{Type: "flock64_pid"})),
	}
	if lock64 {
		cases["F_SETLK64"] = tail(nil, arg(Struct{Type: "flock64"}))
		cases["F_SETLKW64"] = tail(nil, arg(Struct{Type: "flock64"}))
		cases["F_GETLK64"] = tail(nil, get(Struct{Type: "flock64_pid"}))
	}
	return sys(A("fd", FD{}), A("cmd", Enum{Set: "fcntl_cmds"})).Switching(&Switch{Arg: 1, Set: "fcntl_cmds",
		Cases: cases, Default: tail(nil, arg(Hex{})),
	})
}

// isDevice holds when the mode in argument arg makes a character or block
// device (S_IFBLK contains S_IFCHR's bit), for which mknod takes a dev.
func isDevice(arg int) Cond {
	return HasFlag{Arg: arg, Set: "mode_types", Names: []string{"S_IFCHR"}}
}

// cloneDesc describes clone(2) for an arch's register order: strace prints
// child_stack and flags at entry, the thread ids and tls at exit.
func cloneDesc(stack, flags, ptid, ctid, tls int) *Syscall {
	has := func(names ...string) Cond { return HasFlag{Arg: flags, Set: "clone_flags", Names: names} }
	return sys(
		A("child_stack", Ptr{}).At(stack).Labelled(),
		A("flags", CloneFlags{}).At(flags).Labelled(),
		A("parent_tid", Struct{Type: "tid"}).At(ptid).Labelled().Late().If(has("CLONE_PARENT_SETTID")),
		A("tls", Ptr{}).At(tls).Labelled().Late().If(has("CLONE_SETTLS")),
		A("child_tidptr", Ptr{}).At(ctid).Labelled().Late().If(has("CLONE_CHILD_SETTID", "CLONE_CHILD_CLEARTID")),
	)
}

// cloneBackwards is clone where the arch passes tls before child_tid
// (Arch.CloneBackwards: i386, aarch64).
var cloneBackwards = cloneDesc(1, 0, 2, 4, 3)

// describe returns the description of syscall name on arch, or nil.
func describe(name string, arch *Arch) *Syscall {
	if d := archDescription(name, arch); d != nil {
		return d
	}
	if name == "clone" && arch != nil && arch.CloneBackwards {
		return cloneBackwards
	}
	return descriptions()[name]
}
