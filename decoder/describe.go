package decoder

// Descriptions of syscalls, keyed by name so that every arch shares them.
// One line a syscall; what strace prints at exit is marked OnExit. A
// syscall missing here prints as strace's printargs: every argument in hex.

// openMode shows open's mode only when the call can create a file.
func openMode(flagsArg int) Cond {
	return HasFlag{Arg: flagsArg, Set: "open_flags", Names: []string{"O_CREAT", "O_TMPFILE"}}
}

var (
	statBuf    = Struct{Type: "stat"}
	readBuf    = Buf{FromRet: true}
	clone3Sets = MemHasFlag{Arg: 0, Off: 0, Size: 8, Set: "clone_flags", Names: []string{"CLONE_PARENT_SETTID", "CLONE_PIDFD"}}
)

var descriptions = map[string]*Syscall{
	// Files.
	"openat":     sys(A("dirfd", DirFD{}), A("pathname", Path{}), A("flags", Flags{Set: "open_flags"}), A("mode", Mode{}).If(openMode(2))).Returns(FD{}),
	"open":       sys(A("pathname", Path{}), A("flags", Flags{Set: "open_flags"}), A("mode", Mode{}).If(openMode(1))).Returns(FD{}),
	"creat":      sys(A("pathname", Path{}), A("mode", Mode{})).Returns(FD{}),
	"close":      sys(A("fd", FD{})),
	"read":       sys(A("fd", FD{}), A("buf", readBuf).OnExit(), A("count", Ulong{})),
	"write":      sys(A("fd", FD{}), A("buf", Buf{LenArg: 2}), A("count", Ulong{})),
	"pread64":    sys(A("fd", FD{}), A("buf", readBuf).OnExit(), A("count", Ulong{}), A("offset", Long{})),
	"pwrite64":   sys(A("fd", FD{}), A("buf", Buf{LenArg: 2}), A("count", Ulong{}), A("offset", Long{})),
	"lseek":      sys(A("fd", FD{}), A("offset", Long{}), A("whence", Enum{Set: "whence"})),
	"newfstatat": sys(A("dirfd", DirFD{}), A("pathname", Path{}), A("statbuf", statBuf).OnExit(), A("flags", Flags{Set: "at_flags"})),
	"fstat":      sys(A("fd", FD{}), A("statbuf", statBuf).OnExit()),
	"stat":       sys(A("pathname", Path{}), A("statbuf", statBuf).OnExit()),
	"lstat":      sys(A("pathname", Path{}), A("statbuf", statBuf).OnExit()),
	"statx":      sys(A("dirfd", DirFD{}), A("pathname", Path{}), A("flags", Flags{Set: "statx_flags"}), A("mask", Flags{Set: "statx_mask"}), A("statxbuf", Struct{Type: "statx"}).OnExit()),
	"access":     sys(A("pathname", Path{}), A("mode", Flags{Set: "access_modes"})),
	"faccessat":  sys(A("dirfd", DirFD{}), A("pathname", Path{}), A("mode", Flags{Set: "access_modes"})),
	"faccessat2": sys(A("dirfd", DirFD{}), A("pathname", Path{}), A("mode", Flags{Set: "access_modes"}), A("flags", Flags{Set: "faccessat_flags"})),
	"getdents64": sys(A("fd", FD{}), A("dirp", Struct{Type: "dirents64"}).OnExit(), A("count", Uint{})),
	"readlink":   sys(A("pathname", Path{}), A("buf", readBuf).OnExit(), A("bufsiz", Ulong{})),
	"readlinkat": sys(A("dirfd", DirFD{}), A("pathname", Path{}), A("buf", readBuf).OnExit(), A("bufsiz", Ulong{})),
	"getcwd":     sys(A("buf", Path{}).OnExit(), A("size", Ulong{})),
	"chdir":      sys(A("path", Path{})),
	"fchdir":     sys(A("fd", FD{})),
	"unlink":     sys(A("pathname", Path{})),
	"unlinkat":   sys(A("dirfd", DirFD{}), A("pathname", Path{}), A("flags", Flags{Set: "at_flags"})),
	"mkdir":      sys(A("pathname", Path{}), A("mode", Mode{})),
	"mkdirat":    sys(A("dirfd", DirFD{}), A("pathname", Path{}), A("mode", Mode{})),
	"rmdir":      sys(A("pathname", Path{})),
	"rename":     sys(A("oldpath", Path{}), A("newpath", Path{})),
	"chmod":      sys(A("pathname", Path{}), A("mode", Mode{})),
	"fchmod":     sys(A("fd", FD{}), A("mode", Mode{})),
	"umask":      sys(A("mask", Mode{})).Returns(Mode{}),
	"fsync":      sys(A("fd", FD{})),
	"ftruncate":  sys(A("fd", FD{}), A("length", Long{})),
	"fadvise64":  sys(A("fd", FD{}), A("offset", Long{}), A("len", Long{}), A("advice", Enum{Set: "fadvise"})),
	"statfs":     sys(A("path", Path{}), A("buf", Struct{Type: "statfs"}).OnExit()),
	"fstatfs":    sys(A("fd", FD{}), A("buf", Struct{Type: "statfs"}).OnExit()),
	"getxattr":   sys(A("path", Path{}), A("name", Str{}), A("value", readBuf).OnExit(), A("size", Ulong{})),
	"lgetxattr":  sys(A("path", Path{}), A("name", Str{}), A("value", readBuf).OnExit(), A("size", Ulong{})),
	"fgetxattr":  sys(A("fd", FD{}), A("name", Str{}), A("value", readBuf).OnExit(), A("size", Ulong{})),
	"dup":        sys(A("oldfd", FD{})).Returns(FD{}),
	"dup2":       sys(A("oldfd", FD{}), A("newfd", FD{})).Returns(FD{}),
	"dup3":       sys(A("oldfd", FD{}), A("newfd", FD{}), A("flags", Flags{Set: "dup3_flags"})).Returns(FD{}),
	"pipe":       sys(A("pipefd", Struct{Type: "fd_pair"}).OnExit()),
	"pipe2":      sys(A("pipefd", Struct{Type: "fd_pair"}).OnExit(), A("flags", Flags{Set: "pipe_flags"})),
	"fcntl": sys(A("fd", FD{}), A("cmd", Enum{Set: "fcntl_cmds"})).Switching(&Switch{Arg: 1, Set: "fcntl_cmds",
		Cases: map[string]Tail{
			"F_GETFD":         tail(FlagsRet{Set: "fd_flags"}),
			"F_SETFD":         tail(nil, A("arg", Flags{Set: "fd_flags"}).At(2)),
			"F_GETFL":         tail(FlagsRet{Set: "open_flags"}),
			"F_SETFL":         tail(nil, A("arg", Flags{Set: "open_flags"}).At(2)),
			"F_DUPFD":         tail(FD{}, A("arg", Int{}).At(2)),
			"F_DUPFD_CLOEXEC": tail(FD{}, A("arg", Int{}).At(2)),
			"F_GETOWN":        tail(nil),
			"F_GETSIG":        tail(nil),
			"F_GETLEASE":      tail(nil),
			"F_GETPIPE_SZ":    tail(nil),
			"F_GET_SEALS":     tail(nil),
			"F_SETOWN":        tail(nil, A("arg", Int{}).At(2)),
			"F_SETPIPE_SZ":    tail(nil, A("arg", Int{}).At(2)),
			"F_SETSIG":        tail(nil, A("arg", Signal{}).At(2)),
		},
		Default: tail(nil, A("arg", Hex{}).At(2)),
	}),
	"ioctl": sys(A("fd", FD{}), A("request", IoctlCmd{})).Switching(&Switch{Arg: 1, Set: "ioctl_cmds",
		Cases: map[string]Tail{
			"TIOCGWINSZ": tail(nil, A("argp", Struct{Type: "winsize"}).At(2).OnExit()),
			"TIOCSWINSZ": tail(nil, A("argp", Struct{Type: "winsize"}).At(2)),
			"FIONBIO":    tail(nil, A("argp", Struct{Type: "int"}).At(2)),
			"FIONREAD":   tail(nil, A("argp", Struct{Type: "int"}).At(2).OnExit()),
			"TIOCGPGRP":  tail(nil, A("argp", Struct{Type: "int"}).At(2).OnExit()),
			"TIOCSPGRP":  tail(nil, A("argp", Struct{Type: "int"}).At(2)),
			"FIOCLEX":    tail(nil),
			"FIONCLEX":   tail(nil),
		},
		Default: tail(nil, A("argp", Hex{}).At(2)),
	}),

	// Memory.
	"brk":      sys(A("addr", Ptr{})).Returns(Hex{}),
	"mmap":     sys(A("addr", Ptr{}), A("length", Ulong{}), A("prot", Flags{Set: "mmap_prot"}), A("flags", Flags{Set: "mmap_flags"}), A("fd", FD{}), A("offset", Hex{})).Returns(Hex{}),
	"munmap":   sys(A("addr", Ptr{}), A("length", Ulong{})),
	"mprotect": sys(A("addr", Ptr{}), A("length", Ulong{}), A("prot", Flags{Set: "mmap_prot"})),
	"mremap":   sys(A("old_address", Ptr{}), A("old_size", Ulong{}), A("new_size", Ulong{}), A("flags", Flags{Set: "mremap_flags"}), A("new_address", Ptr{}).If(HasFlag{Arg: 3, Set: "mremap_flags", Names: []string{"MREMAP_FIXED"}})).Returns(Hex{}),
	"madvise":  sys(A("addr", Ptr{}), A("length", Ulong{}), A("advice", Enum{Set: "madvise_cmds"})),

	// Processes and threads.
	"execve":          sys(A("pathname", Path{}), A("argv", StrArray{}), A("envp", StrArray{Env: true})),
	"execveat":        sys(A("dirfd", DirFD{}), A("pathname", Path{}), A("argv", StrArray{}), A("envp", StrArray{Env: true}), A("flags", Flags{Set: "at_flags"})),
	"exit_group":      sys(A("status", Int{})),
	"exit":            sys(A("status", Int{})),
	"clone":           cloneDesc(1, 0, 2, 3, 4),
	"clone3":          sys(A("cl_args", Struct{Type: "clone_args"}), A("size", Ulong{}).If(Not{clone3Sets}), A("cl_args", Struct{Type: "clone_result"}).At(0).Updated().If(clone3Sets), A("size", Ulong{}).At(1).OnExit().If(clone3Sets)),
	"fork":            sys(),
	"vfork":           sys(),
	"wait4":           sys(A("pid", Int{}), A("wstatus", Struct{Type: "wait_status"}).OnExit(), A("options", Flags{Set: "wait4_options"}), A("rusage", Ptr{})),
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
		},
		Default: tail(nil, A("val", Int{}).At(2), A("timeout", Hex{}).At(3), A("uaddr2", Ptr{}).At(4), A("val3", Hex{}).At(5)),
	}),

	// Time.
	"nanosleep":       sys(A("req", Struct{Type: "timespec"}), A("rem", Ptr{})),
	"clock_nanosleep": sys(A("clockid", Enum{Set: "clockids"}), A("flags", Flags{Set: "timer_flags"}), A("request", Struct{Type: "timespec"}), A("remain", Ptr{})),
	"clock_gettime":   sys(A("clockid", Enum{Set: "clockids"}), A("tp", Struct{Type: "timespec"}).OnExit()),
	"clock_getres":    sys(A("clockid", Enum{Set: "clockids"}), A("res", Struct{Type: "timespec"}).OnExit()),
	"sched_yield":     sys(),

	// Signals.
	"rt_sigaction":   sys(A("signum", Signal{}), A("act", Struct{Type: "sigaction"}), A("oldact", Struct{Type: "sigaction"}).OnExit(), A("sigsetsize", Ulong{})),
	"rt_sigprocmask": sys(A("how", Enum{Set: "sigprocmask_how"}), A("set", Sigset{SizeArg: 3}), A("oldset", Sigset{SizeArg: 3}).OnExit(), A("sigsetsize", Ulong{})),

	// Sockets.
	"socket":  sys(A("domain", Enum{Set: "addrfams"}), A("type", Flags{Set: "sock_type"}), A("protocol", Int{})).Returns(FD{}),
	"connect": sys(A("sockfd", FD{}), A("addr", Struct{Type: "sockaddr", LenArg: 2}), A("addrlen", Uint{})),
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
	return descriptions[name]
}
