package decoder

import (
	"slices"
	"sync"
)

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

// Descriptions are made one syscall at a time, the first time a call is
// decoded: a traced command's start pays for the few calls it makes, not
// for all of them (making every description up front was the largest part
// of stracedump's own start, paid before the command could run).
var (
	describedMu sync.Mutex
	described   map[string]*Syscall
)

// sharedDescription returns the description of name that every arch
// shares, made on first use, or nil.
func sharedDescription(name string) *Syscall {
	describedMu.Lock()
	defer describedMu.Unlock()
	d, ok := described[name]
	if !ok {
		d = describeShared(name)
		if d == nil {
			d = describeNet(name)
		}
		if d == nil {
			d = describeUring(name)
		}
		if described == nil {
			described = map[string]*Syscall{}
		}
		described[name] = d
	}
	return d
}

// descriptions returns every shared description by name: those of the
// syscalls and subcalls some arch has (a description of a name no arch
// has is never used, and a test says so). For the generators and tests.
var descriptions = sync.OnceValue(func() map[string]*Syscall {
	m := map[string]*Syscall{}
	for _, name := range describableNames() {
		n := 0
		for _, describe := range []func(string) *Syscall{describeShared, describeNet, describeUring} {
			if describe(name) != nil {
				n++
			}
		}
		if n > 1 {
			descriptionDuplicates = append(descriptionDuplicates, name)
		}
		if d := sharedDescription(name); d != nil {
			m[name] = d
		}
	}
	return m
})

// describableNames are the names of every arch's syscalls and subcalls.
func describableNames() []string {
	var names []string
	for _, a := range arches {
		for _, n := range a.Syscalls {
			if n != "" {
				names = append(names, n)
			}
		}
		for _, sc := range a.SocketSubcalls {
			names = append(names, sc.Name)
		}
		for _, sc := range a.IPCSubcalls {
			names = append(names, sc.Name)
		}
	}
	slices.Sort(names)
	return slices.Compact(names)
}

// describeShared makes the description of name from this file, or
// returns nil.
func describeShared(name string) *Syscall {
	switch name {

	// Files.
	case "openat":
		return sys(A("dirfd", DirFD{}), A("pathname", Path{}), A("flags", Flags{Set: "open_flags"}), A("mode", Mode{}).If(openMode(2))).Returns(FD{})
	case "open":
		return sys(A("pathname", Path{}), A("flags", Flags{Set: "open_flags"}), A("mode", Mode{}).If(openMode(1))).Returns(FD{})
	case "creat":
		return sys(A("pathname", Path{}), A("mode", Mode{})).Returns(FD{})
	case "close":
		return sys(A("fd", FD{}))
	case "read":
		return sys(A("fd", FD{}), A("buf", readBuf).OnExit(), A("count", Ulong{}))
	case "write":
		return sys(A("fd", FD{}), A("buf", Buf{LenArg: 2}), A("count", Ulong{}))
	case "pread64":
		return sys(A("fd", FD{}), A("buf", readBuf).OnExit(), A("count", Ulong{}), A("offset", Long{}))
	case "pwrite64":
		return sys(A("fd", FD{}), A("buf", Buf{LenArg: 2}), A("count", Ulong{}), A("offset", Long{}))
	case "lseek":
		return sys(A("fd", FD{}), A("offset", Long{}), A("whence", Enum{Set: "whence"}))
	case "newfstatat":
		return sys(A("dirfd", DirFD{}), A("pathname", Path{}), A("statbuf", statBuf).OnExit(), A("flags", Flags{Set: "at_flags"}))
	case "fstat":
		return sys(A("fd", FD{}), A("statbuf", statBuf).OnExit())
	case "stat":
		return sys(A("pathname", Path{}), A("statbuf", statBuf).OnExit())
	case "lstat":
		return sys(A("pathname", Path{}), A("statbuf", statBuf).OnExit())
	case "statx":
		return sys(A("dirfd", DirFD{}), A("pathname", Path{}), A("flags", Flags{Set: "statx_flags"}), A("mask", Flags{Set: "statx_mask"}), A("statxbuf", Struct{Type: "statx"}).OnExit())
	case "access":
		return sys(A("pathname", Path{}), A("mode", Flags{Set: "access_modes"}))
	case "faccessat":
		return sys(A("dirfd", DirFD{}), A("pathname", Path{}), A("mode", Flags{Set: "access_modes"}))
	case "faccessat2":
		return sys(A("dirfd", DirFD{}), A("pathname", Path{}), A("mode", Flags{Set: "access_modes"}), A("flags", Flags{Set: "faccessat_flags"}))
	case "getdents64":
		return sys(A("fd", FD{}), A("dirp", Struct{Type: "dirents64"}).OnExit(), A("count", Uint{}))
	case "readlink":
		return sys(A("pathname", Path{}), A("buf", readBuf).OnExit(), A("bufsiz", Ulong{}))
	case "readlinkat":
		return sys(A("dirfd", DirFD{}), A("pathname", Path{}), A("buf", readBuf).OnExit(), A("bufsiz", Ulong{}))
	case "getcwd":
		return sys(A("buf", Path{}).OnExit(), A("size", Ulong{}))
	case "chdir":
		return sys(A("path", Path{}))
	case "fchdir":
		return sys(A("fd", FD{}))
	case "unlink":
		return sys(A("pathname", Path{}))
	case "unlinkat":
		return sys(A("dirfd", DirFD{}), A("pathname", Path{}), A("flags", Flags{Set: "at_flags"}))
	case "mkdir":
		return sys(A("pathname", Path{}), A("mode", Mode{}))
	case "mkdirat":
		return sys(A("dirfd", DirFD{}), A("pathname", Path{}), A("mode", Mode{}))
	case "rmdir":
		return sys(A("pathname", Path{}))
	case "rename":
		return sys(A("oldpath", Path{}), A("newpath", Path{}))
	case "chmod":
		return sys(A("pathname", Path{}), A("mode", Mode{}))
	case "fchmod":
		return sys(A("fd", FD{}), A("mode", Mode{}))
	case "umask":
		return sys(A("mask", Mode{})).Returns(Mode{})
	case "fsync":
		return sys(A("fd", FD{}))
	case "ftruncate":
		return sys(A("fd", FD{}), A("length", Long{}))
	case "fadvise64":
		return sys(A("fd", FD{}), A("offset", Long{}), A("len", Long{}), A("advice", Enum{Set: "fadvise"}))
	case "readahead":
		return sys(A("fd", FD{}), A("offset", Long{}), A("count", Ulong{}))
	case "sync_file_range":
		return sys(A("fd", FD{}), A("offset", Long{}), A("nbytes", Long{}), A("flags", Flags{Set: "sync_file_range_flags"}))
	case "statfs":
		return sys(A("path", Path{}), A("buf", Struct{Type: "statfs"}).OnExit())
	case "fstatfs":
		return sys(A("fd", FD{}), A("buf", Struct{Type: "statfs"}).OnExit())
	case "statfs64":
		return sys(A("path", Path{}), A("size", Ulong{}), A("buf", Struct{Type: "statfs64"}).OnExit())
	case "fstatfs64":
		return sys(A("fd", FD{}), A("size", Ulong{}), A("buf", Struct{Type: "statfs64"}).OnExit())
	case "getxattr":
		return sys(A("path", Path{}), A("name", Str{}), A("value", readBuf).OnExit(), A("size", Ulong{}))
	case "lgetxattr":
		return sys(A("path", Path{}), A("name", Str{}), A("value", readBuf).OnExit(), A("size", Ulong{}))
	case "fgetxattr":
		return sys(A("fd", FD{}), A("name", Str{}), A("value", readBuf).OnExit(), A("size", Ulong{}))
	case "fchmodat":
		return sys(A("dirfd", DirFD{}), A("pathname", Path{}), A("mode", Mode{}))
	case "chown":
		return sys(A("pathname", Path{}), A("owner", Int{}), A("group", Int{}))
	case "lchown":
		return sys(A("pathname", Path{}), A("owner", Int{}), A("group", Int{}))
	case "fchown":
		return sys(A("fd", FD{}), A("owner", Int{}), A("group", Int{}))
	case "fchownat":
		return sys(A("dirfd", DirFD{}), A("pathname", Path{}), A("owner", Int{}), A("group", Int{}), A("flags", Flags{Set: "at_flags"}))
	case "link":
		return sys(A("oldpath", Path{}), A("newpath", Path{}))
	case "linkat":
		return sys(A("olddirfd", DirFD{}), A("oldpath", Path{}), A("newdirfd", DirFD{}), A("newpath", Path{}), A("flags", Flags{Set: "at_flags"}))
	case "symlink":
		return sys(A("target", Path{}), A("linkpath", Path{}))
	case "symlinkat":
		return sys(A("target", Path{}), A("newdirfd", DirFD{}), A("linkpath", Path{}))
	case "renameat":
		return sys(A("olddirfd", DirFD{}), A("oldpath", Path{}), A("newdirfd", DirFD{}), A("newpath", Path{}))
	case "renameat2":
		return sys(A("olddirfd", DirFD{}), A("oldpath", Path{}), A("newdirfd", DirFD{}), A("newpath", Path{}), A("flags", Flags{Set: "rename_flags"}))
	case "truncate":
		return sys(A("path", Path{}), A("length", Long{}))
	case "fallocate":
		return sys(A("fd", FD{}), A("mode", Flags{Set: "falloc_flags"}), A("offset", Long{}), A("len", Long{}))
	case "fdatasync":
		return sys(A("fd", FD{}))
	case "syncfs":
		return sys(A("fd", FD{}))
	case "sync":
		return sys()
	case "flock":
		return sys(A("fd", FD{}), A("operation", Flags{Set: "flock_ops"}))
	case "utimensat":
		return sys(A("dirfd", DirFD{}), A("pathname", Path{}), A("times", Struct{Type: "utimens"}), A("flags", Flags{Set: "at_flags"}))
	case "chroot":
		return sys(A("path", Path{}))
	case "mount":
		return sys(A("source", Path{}), A("target", Path{}), A("filesystemtype", Ptr{}).If(mountIgnoresType), A("filesystemtype", Str{}).At(2).If(Not{mountIgnoresType}), A("mountflags", Flags{Set: "mount_flags", Long: true}).At(3), A("data", Ptr{}).If(mountIgnoresData), A("data", Str{}).At(4).If(Not{mountIgnoresData}))
	case "umount2":
		return sys(A("target", Path{}), A("flags", Flags{Set: "umount_flags"}))
	case "umount":
		return sys(A("target", Path{}))
	case "sendfile":
		return sys(A("out_fd", FD{}), A("in_fd", FD{}), A("offset", loff), A("offset", loff).At(2).UpdatedByResult(), A("count", Ulong{}).At(3))
	case "copy_file_range":
		return sys(A("fd_in", FD{}), A("off_in", loff), A("fd_out", FD{}), A("off_out", loff), A("len", Ulong{}), A("flags", Uint{}))
	case "splice":
		return sys(A("fd_in", FD{}), A("off_in", loff), A("fd_out", FD{}), A("off_out", loff), A("len", Ulong{}), A("flags", Flags{Set: "splice_flags"}))
	case "tee":
		return sys(A("fd_in", FD{}), A("fd_out", FD{}), A("len", Ulong{}), A("flags", Flags{Set: "splice_flags"}))
	case "inotify_init1":
		return sys(A("flags", Flags{Set: "inotify_init_flags"})).Returns(FD{})
	case "inotify_init":
		return sys().Returns(FD{})
	case "inotify_add_watch":
		return sys(A("fd", FD{}), A("pathname", Path{}), A("mask", Flags{Set: "inotify_flags"}))
	case "inotify_rm_watch":
		return sys(A("fd", FD{}), A("wd", Int{}))
	case "eventfd2":
		return sys(A("initval", Uint{}), A("flags", Flags{Set: "efd_flags"})).Returns(FD{})
	case "eventfd":
		return sys(A("initval", Uint{})).Returns(FD{})
	case "mknodat":
		return sys(A("dirfd", DirFD{}), A("pathname", Path{}), A("mode", ModeType{}), A("dev", Dev{}).If(isDevice(2)))
	case "mknod":
		return sys(A("pathname", Path{}), A("mode", ModeType{}), A("dev", Dev{}).If(isDevice(1)))
	case "close_range":
		return sys(A("first", Uint{}), A("last", Uint{}), A("flags", Flags{Set: "close_range_flags"}))
	case "memfd_create":
		return sys(A("name", Str{}), A("flags", Flags{Set: "memfd_flags"})).Returns(FD{})
	case "dup":
		return sys(A("oldfd", FD{})).Returns(FD{})
	case "dup2":
		return sys(A("oldfd", FD{}), A("newfd", FD{})).Returns(FD{})
	case "dup3":
		return sys(A("oldfd", FD{}), A("newfd", FD{}), A("flags", Flags{Set: "dup3_flags"})).Returns(FD{})
	case "pipe":
		return sys(A("pipefd", Struct{Type: "fd_pair"}).OnExit())
	case "pipe2":
		return sys(A("pipefd", Struct{Type: "fd_pair"}).OnExit(), A("flags", Flags{Set: "pipe_flags"}))
	case "fcntl":
		return fcntlDesc(false)

	// Memory.
	case "brk":
		return sys(A("addr", Ptr{})).Returns(Hex{})
	case "mmap":
		return sys(A("addr", Ptr{}), A("length", Ulong{}), A("prot", Flags{Set: "mmap_prot"}), A("flags", Flags{Set: "mmap_flags"}), A("fd", FD{}), A("offset", Hex{})).Returns(Hex{})
	case "munmap":
		return sys(A("addr", Ptr{}), A("length", Ulong{}))
	case "mseal":
		return sys(A("addr", Ptr{}), A("len", Ulong{}), A("flags", Hex{}))
	case "mprotect":
		return sys(A("addr", Ptr{}), A("length", Ulong{}), A("prot", Flags{Set: "mmap_prot"}))
	case "mremap":
		return sys(A("old_address", Ptr{}), A("old_size", Ulong{}), A("new_size", Ulong{}), A("flags", Flags{Set: "mremap_flags"}), A("new_address", Ptr{}).If(HasFlag{Arg: 3, Set: "mremap_flags", Names: []string{"MREMAP_FIXED"}})).Returns(Hex{})
	case "madvise":
		return sys(A("addr", Ptr{}), A("length", Ulong{}), A("advice", Enum{Set: "madvise_cmds"}))
	case "msync":
		return sys(A("addr", Ptr{}), A("length", Ulong{}), A("flags", Flags{Set: "msync_flags"}))
	case "mlock":
		return sys(A("addr", Ptr{}), A("length", Ulong{}))
	case "munlock":
		return sys(A("addr", Ptr{}), A("length", Ulong{}))
	case "mlockall":
		return sys(A("flags", Flags{Set: "mlockall_flags"}))
	case "munlockall":
		return sys()

	// NUMA policies. get_mempolicy prints everything at exit; a node
	// mask's length comes from its maxnode argument.
	case "get_mempolicy":
		return sys(A("mode", Struct{Type: "mpol_mode_ptr"}).OnExit(), A("nodemask", Struct{Type: "nodemask", LenArg: 2}), A("maxnode", Ulong{}), A("addr", Ptr{}), A("flags", Flags{Set: "get_mempolicy_flags", Long: true}))
	case "set_mempolicy":
		return sys(A("mode", Flags{Set: "mpol_mode"}), A("nodemask", Struct{Type: "nodemask", LenArg: 2}), A("maxnode", Ulong{}))
	case "mbind":
		return sys(A("addr", Ptr{}), A("len", Ulong{}), A("mode", Flags{Set: "mpol_mode"}), A("nodemask", Struct{Type: "nodemask", LenArg: 4}), A("maxnode", Ulong{}), A("flags", Flags{Set: "mbind_flags"}))
	case "migrate_pages":
		return sys(A("pid", Int{}), A("maxnode", Ulong{}), A("old_nodes", Struct{Type: "nodemask", LenArg: 1}), A("new_nodes", Struct{Type: "nodemask", LenArg: 1}))
	case "move_pages":
		return sys(A("pid", Int{}), A("count", Ulong{}), A("pages", Struct{Type: "page_ptrs", LenArg: 1}), A("nodes", Struct{Type: "page_nodes", LenArg: 1}), A("status", Struct{Type: "page_status", LenArg: 1}).OnExit(), A("flags", Flags{Set: "mbind_flags"}))

	// Processes and threads.
	case "execve":
		return sys(A("pathname", Path{}), A("argv", StrArray{}), A("envp", StrArray{Env: true}))
	case "execveat":
		return sys(A("dirfd", DirFD{}), A("pathname", Path{}), A("argv", StrArray{}), A("envp", StrArray{Env: true}), A("flags", Flags{Set: "at_flags"}))
	case "exit_group":
		return sys(A("status", Int{}))
	case "exit":
		return sys(A("status", Int{}))
	case "clone":
		return cloneDesc(1, 0, 2, 3, 4)
	case "clone3":
		return sys(A("cl_args", Struct{Type: "clone_args"}), A("size", Ulong{}).If(Not{clone3Sets}), A("cl_args", Struct{Type: "clone_result"}).At(0).Updated().If(clone3Sets), A("size", Ulong{}).At(1).OnExit().If(clone3Sets)).Returns(Pid{Child: true})
	case "fork":
		return sys().Returns(Pid{Child: true})
	case "vfork":
		return sys().Returns(Pid{Child: true})
	case "wait4":
		return sys(A("pid", Pid{}), A("wstatus", Struct{Type: "wait_status"}).OnExit(), A("options", Flags{Set: "wait4_options"}), A("rusage", Struct{Type: "rusage"}))
	case "getrusage":
		return sys(A("who", Enum{Set: "rusage_who"}), A("usage", Struct{Type: "rusage"}).OnExit())
	case "getpriority":
		return sys(A("which", Enum{Set: "prio_which"}), A("who", Int{}))
	case "setpriority":
		return sys(A("which", Enum{Set: "prio_which"}), A("who", Int{}), A("prio", Int{}))
	case "sched_getscheduler":
		return sys(A("pid", Pid{})).Returns(EnumRet{Set: "sched_policies"})
	case "sched_setscheduler":
		return sys(A("pid", Pid{}), A("policy", Flags{Set: "sched_policy_flags"}), A("param", Struct{Type: "int"}))
	case "sched_getparam":
		return sys(A("pid", Pid{}), A("param", Struct{Type: "int"}).OnExit())
	case "sched_setparam":
		return sys(A("pid", Pid{}), A("param", Struct{Type: "int"}))
	case "sched_get_priority_max":
		return sys(A("policy", Enum{Set: "sched_policies"}))
	case "sched_get_priority_min":
		return sys(A("policy", Enum{Set: "sched_policies"}))
	case "sched_getaffinity":
		return sys(A("pid", Pid{}), A("cpusetsize", Ulong{}), A("mask", Struct{Type: "cpu_set", LenArg: -1}).OnExit())
	case "sched_setaffinity":
		return sys(A("pid", Pid{}), A("cpusetsize", Ulong{}), A("mask", Struct{Type: "cpu_set", LenArg: 1}))
	case "times":
		return sys(A("buf", Struct{Type: "tms"}).OnExit())
	case "sched_rr_get_interval":
		return sys(A("pid", Pid{}), A("tp", Struct{Type: "timespec"}).OnExit())
	case "getcpu":
		return sys(A("cpu", uidPtr).OnExit(), A("node", uidPtr), A("tcache", Ptr{}))
	case "unshare":
		return sys(A("flags", Flags{Set: "clone_flags"}))
	case "setns":
		return sys(A("fd", FD{}), A("nstype", Flags{Set: "clone_flags"}))
	case "personality":
		return sys(A("persona", Hex{})).Returns(EnumRet{Set: "personality"})
	case "getsid":
		return sys(A("pid", Pid{}))
	case "setuid":
		return sys(A("uid", Int{}))
	case "setgid":
		return sys(A("gid", Int{}))
	case "setfsuid":
		return sys(A("fsuid", Int{}))
	case "setfsgid":
		return sys(A("fsgid", Int{}))
	case "setreuid":
		return sys(A("ruid", Int{}), A("euid", Int{}))
	case "setregid":
		return sys(A("rgid", Int{}), A("egid", Int{}))
	case "setresuid":
		return sys(A("ruid", Int{}), A("euid", Int{}), A("suid", Int{}))
	case "setresgid":
		return sys(A("rgid", Int{}), A("egid", Int{}), A("sgid", Int{}))
	case "getresuid":
		return sys(A("ruid", uidPtr).OnExit(), A("euid", uidPtr), A("suid", uidPtr))
	case "getresgid":
		return sys(A("rgid", uidPtr).OnExit(), A("egid", uidPtr), A("sgid", uidPtr))
	case "getgroups":
		return sys(A("size", Int{}), A("list", Struct{Type: "gid_list", LenArg: -1}).OnExit())
	case "setgroups":
		return sys(A("size", Int{}), A("list", Struct{Type: "gid_list", LenArg: 0}))
	case "capget":
		return sys(A("hdrp", Struct{Type: "cap_header"}), A("datap", Struct{Type: "cap_data"}).OnExit())
	case "capset":
		return sys(A("hdrp", Struct{Type: "cap_header"}), A("datap", Struct{Type: "cap_data"}))
	case "prctl":
		return sys(A("option", Enum{Set: "prctl_options"})).Switching(&Switch{Arg: 0, Set: "prctl_options",
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
		})
	case "kill":
		return sys(A("pid", Pid{}), A("sig", Signal{}))
	case "tkill":
		return sys(A("tid", Pid{}), A("sig", Signal{}))
	case "tgkill":
		return sys(A("tgid", Pid{}), A("tid", Pid{}), A("sig", Signal{}))
	case "set_tid_address":
		return sys(A("tidptr", Ptr{})).Returns(Pid{})
	case "set_robust_list":
		return sys(A("head", Ptr{}), A("len", Ulong{}))
	case "rseq":
		return sys(A("rseq", Ptr{}), A("rseq_len", Hex{}), A("flags", Flags{Set: "rseq_flags"}), A("sig", Hex{}))
	case "arch_prctl":
		return sys(A("code", Enum{Set: "arch_prctl"}), A("addr", Ptr{}))
	case "prlimit64":
		return sys(A("pid", Pid{}), A("resource", Enum{Set: "rlimits"}), A("new_limit", Struct{Type: "rlimit64"}), A("old_limit", Struct{Type: "rlimit64"}).OnExit())
	case "getpid":
		return sys().Returns(Pid{})
	case "getppid":
		return sys().Returns(Pid{})
	case "gettid":
		return sys().Returns(Pid{})
	case "getuid":
		return sys()
	case "geteuid":
		return sys()
	case "getgid":
		return sys()
	case "getegid":
		return sys()
	case "getpgrp":
		return sys()
	case "setsid":
		return sys()
	case "getpgid":
		return sys(A("pid", Pid{}))
	case "setpgid":
		return sys(A("pid", Pid{}), A("pgid", Int{}))
	case "uname":
		return sys(A("buf", Struct{Type: "utsname"}).OnExit())
	case "sysinfo":
		return sys(A("info", Struct{Type: "sysinfo"}).OnExit())
	case "getrandom":
		return sys(A("buf", Buf{FromRet: true, Hex: true}).OnExit(), A("buflen", Ulong{}), A("flags", Flags{Set: "getrandom_flags"}))
	case "futex":
		return sys(A("uaddr", Ptr{}), A("futex_op", Flags{Set: "futex_op"})).Switching(&Switch{Arg: 1, Mask: 0x7f, Set: "futex_cmds",
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
		})

	// Time.
	// The remaining time prints at exit: the timespec after an
	// interrupted sleep, else its address (sleep_rem decides). It is read
	// even though the call "failed" with a restart code (AsInput); an
	// absolute clock_nanosleep leaves it alone, and strace prints the
	// address.
	case "nanosleep":
		return sys(A("req", Struct{Type: "timespec"}), A("rem", sleepRem).OnExit().AsInput())
	case "clock_nanosleep":
		return sys(A("clockid", Enum{Set: "clockids"}), A("flags", Flags{Set: "timer_flags"}), A("request", Struct{Type: "timespec"}), A("remain", sleepRem).OnExit().AsInput().If(Not{absTime}), A("remain", Ptr{}).At(3).OnExit().If(absTime))
	case "clock_nanosleep_time64":
		return sys(A("clockid", Enum{Set: "clockids"}), A("flags", Flags{Set: "timer_flags"}), A("request", Struct{Type: "timespec64"}), A("remain", Struct{Type: "sleep_rem64"}).OnExit().AsInput().If(Not{absTime}), A("remain", Ptr{}).At(3).OnExit().If(absTime))
	case "clock_gettime":
		return sys(A("clockid", Enum{Set: "clockids"}), A("tp", Struct{Type: "timespec"}).OnExit())
	case "clock_getres":
		return sys(A("clockid", Enum{Set: "clockids"}), A("res", Struct{Type: "timespec"}).OnExit())
	case "sched_yield":
		return sys()
	case "gettimeofday":
		return sys(A("tv", Struct{Type: "timeval"}).OnExit(), A("tz", Ptr{}))
	case "getitimer":
		return sys(A("which", Enum{Set: "itimer_which"}), A("curr_value", itimerval).OnExit())
	case "setitimer":
		return sys(A("which", Enum{Set: "itimer_which"}), A("new_value", itimerval), A("old_value", itimerval).OnExit())
	case "alarm":
		return sys(A("seconds", Uint{}))
	case "pause":
		return sys()
	case "timer_create":
		return sys(A("clockid", Enum{Set: "clockids"}), A("sevp", Struct{Type: "sigevent"}), A("timerid", Struct{Type: "int"}).OnExit())
	case "timer_settime":
		return sys(A("timerid", Int{}), A("flags", Flags{Set: "timer_flags"}), A("new_value", itimerspec), A("old_value", itimerspec).OnExit())
	case "timer_gettime":
		return sys(A("timerid", Int{}), A("curr_value", itimerspec).OnExit())
	case "timer_getoverrun":
		return sys(A("timerid", Int{}))
	case "timer_delete":
		return sys(A("timerid", Int{}))
	case "timerfd_create":
		return sys(A("clockid", Enum{Set: "clockids"}), A("flags", Flags{Set: "tfd_create_flags"})).Returns(FD{})
	case "timerfd_settime":
		return sys(A("fd", FD{}), A("flags", Flags{Set: "tfd_settime_flags"}), A("new_value", itimerspec), A("old_value", itimerspec).OnExit())
	case "timerfd_gettime":
		return sys(A("fd", FD{}), A("curr_value", itimerspec).OnExit())

	// POSIX message queues.
	case "mq_open":
		return sys(A("name", Str{}), A("oflag", Flags{Set: "open_flags"}), A("mode", Mode{}).If(openMode(1)), A("attr", mqAttr).If(openMode(1))).Returns(FD{})
	case "mq_unlink":
		return sys(A("name", Str{}))
	case "mq_notify":
		return sys(A("mqdes", FD{}), A("sevp", Struct{Type: "sigevent"}))
	case "mq_getsetattr":
		return sys(A("mqdes", FD{}), A("newattr", mqAttr), A("oldattr", mqAttr).OnExit())
	case "mq_timedsend":
		return sys(A("mqdes", FD{}), A("msg_ptr", Buf{LenArg: 2}), A("msg_len", Ulong{}), A("msg_prio", Uint{}), A("abs_timeout", Struct{Type: "timespec"}))
	case "mq_timedreceive":
		return sys(A("mqdes", FD{}), A("msg_ptr", readBuf).OnExit(), A("msg_len", Ulong{}), A("msg_prio", Struct{Type: "uid"}), A("abs_timeout", Struct{Type: "timespec"}).AsInput())
	// i386's 64-bit time variants.
	case "mq_timedsend_time64":
		return sys(A("mqdes", FD{}), A("msg_ptr", Buf{LenArg: 2}), A("msg_len", Ulong{}), A("msg_prio", Uint{}), A("abs_timeout", Struct{Type: "timespec64"}))
	case "mq_timedreceive_time64":
		return sys(A("mqdes", FD{}), A("msg_ptr", readBuf).OnExit(), A("msg_len", Ulong{}), A("msg_prio", Struct{Type: "uid"}), A("abs_timeout", Struct{Type: "timespec64"}).AsInput())

	// Signals.
	case "rt_sigaction":
		return sys(A("signum", Signal{}), A("act", Struct{Type: "sigaction"}), A("oldact", Struct{Type: "sigaction"}).OnExit(), A("sigsetsize", Ulong{}))
	case "rt_sigprocmask":
		return sys(A("how", Enum{Set: "sigprocmask_how"}), A("set", Sigset{SizeArg: 3}), A("oldset", Sigset{SizeArg: 3}).OnExit(), A("sigsetsize", Ulong{}))
	case "rt_sigpending":
		return sys(A("set", Sigset{SizeArg: 1}).OnExit(), A("sigsetsize", Ulong{}))
	case "rt_sigsuspend":
		return sys(A("mask", Sigset{SizeArg: 1}), A("sigsetsize", Ulong{}))
	case "rt_sigtimedwait":
		return sys(A("set", Sigset{SizeArg: 3}), A("info", Struct{Type: "siginfo"}).OnExit(), A("timeout", Struct{Type: "timespec"}).AsInput(), A("sigsetsize", Ulong{})).Returns(SignalRet{})
	case "rt_sigqueueinfo":
		return sys(A("tgid", Int{}), A("sig", Signal{}), A("info", Struct{Type: "siginfo"}))
	// strace reads the mask the handler's frame will restore from the
	// stack at entry: "rt_sigreturn({mask=[...]})".
	case "rt_sigreturn":
		return sys(A("frame", SigFrame{}))
	case "sigaltstack":
		return sys(A("ss", Struct{Type: "stack_t"}), A("old_ss", Struct{Type: "stack_t"}).OnExit())
	case "signalfd4":
		return sys(A("fd", FD{}), A("mask", Sigset{SizeArg: 2}), A("sizemask", Ulong{}), A("flags", Flags{Set: "sfd_flags"})).Returns(FD{})
	case "signalfd":
		return sys(A("fd", FD{}), A("mask", Sigset{SizeArg: 2}), A("sizemask", Ulong{})).Returns(FD{})

		// Sockets.
	}
	return nil
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
	).Returns(Pid{Child: true})
}

// cloneBackwards is clone where the arch passes tls before child_tid
// (Arch.CloneBackwards: i386, aarch64).
// Made on first use, as the other descriptions.
var cloneBackwards = sync.OnceValue(func() *Syscall { return cloneDesc(1, 0, 2, 4, 3) })

// describe returns the description of syscall name on arch, or nil.
func describe(name string, arch *Arch) *Syscall {
	if d := archDescription(name, arch); d != nil {
		return d
	}
	if name == "clone" && arch != nil && arch.CloneBackwards {
		return cloneBackwards()
	}
	return sharedDescription(name)
}
