package decoder

import "sync"

// Descriptions of sockets, polling, vectored I/O, ioctl and the 32-bit
// stat calls. They live apart from describe.go, which looks here for a
// name it does not describe, so the two files can grow without touching
// each other.

var (
	sockaddrIn   = Struct{Type: "socket_address", LenArg: 2}
	sockSendBuf  = Buf{LenArg: 2, Netlink: true}
	sockRecvBuf  = Buf{FromRet: true, Netlink: true}
	msgFlags     = Flags{Set: "msg_flags"}
	intOut       = Struct{Type: "int"}
	selectResult = SelectRet{Nfds: 0, Sets: [3]int{1, 2, 3}, Timeout: 4}
)

// sockaddrOut is an address the kernel fills, of the size at lenArg.
func sockaddrOut(lenArg int) Struct { return Struct{Type: "socket_address_out", LenArg: lenArg} }

// describeNet makes the description of name from this file, or returns
// nil.
func describeNet(name string) *Syscall {
	switch name {

	// Sockets.
	case "socket":
		return sys(A("domain", Enum{Set: "address_families"}), A("type", SockType{}), A("protocol", SockProto{Domain: 0})).Returns(FD{})
	case "socketpair":
		return sys(A("domain", Enum{Set: "address_families"}), A("type", SockType{}), A("protocol", SockProto{Domain: 0}), A("sv", Struct{Type: "fd_pair"}).OnExit())
	case "bind":
		return sys(A("sockfd", FD{}), A("addr", sockaddrIn), A("addrlen", Int{}))
	case "connect":
		return sys(A("sockfd", FD{}), A("addr", sockaddrIn), A("addrlen", Int{}))
	case "listen":
		return sys(A("sockfd", FD{}), A("backlog", Int{}))
	case "accept":
		return sys(A("sockfd", FD{}), A("addr", sockaddrOut(2)).OnExit(), A("addrlen", SockLen{})).Returns(FD{})
	case "accept4":
		return sys(A("sockfd", FD{}), A("addr", sockaddrOut(2)).OnExit(), A("addrlen", SockLen{}), A("flags", Flags{Set: "accept4_flags"})).Returns(FD{})
	case "getsockname":
		return sys(A("sockfd", FD{}), A("addr", sockaddrOut(2)).OnExit(), A("addrlen", SockLen{}))
	case "getpeername":
		return sys(A("sockfd", FD{}), A("addr", sockaddrOut(2)).OnExit(), A("addrlen", SockLen{}))
	case "shutdown":
		return sys(A("sockfd", FD{}), A("how", Enum{Set: "shutdown_modes"}))
	case "setsockopt":
		return sys(A("sockfd", FD{}), A("level", Enum{Set: "socket_levels"}), A("optname", SockoptName{Level: 1}),
			A("optval", Sockopt{Level: 1, Name: 2, Len: 4}), A("optlen", Int{}))
	case "getsockopt":
		return sys(A("sockfd", FD{}), A("level", Enum{Set: "socket_levels"}), A("optname", SockoptName{Level: 1}),
			A("optval", Sockopt{Level: 1, Name: 2, Len: 4, Get: true}).OnExit(), A("optlen", SockLen{}))
	case "sendto":
		return sys(A("sockfd", FD{}), A("buf", sockSendBuf), A("len", Ulong{}), A("flags", msgFlags),
			A("dest_addr", Struct{Type: "socket_address", LenArg: 5}), A("addrlen", Int{}))
	case "recvfrom":
		return sys(A("sockfd", FD{}), A("buf", sockRecvBuf).OnExit(), A("len", Ulong{}), A("flags", msgFlags),
			A("src_addr", sockaddrOut(5)), A("addrlen", SockLen{}))
	// send and recv exist only as socketcall subcalls (i386).
	case "send":
		return sys(A("sockfd", FD{}), A("buf", sockSendBuf), A("len", Ulong{}), A("flags", msgFlags))
	case "recv":
		return sys(A("sockfd", FD{}), A("buf", sockRecvBuf).OnExit(), A("len", Ulong{}), A("flags", msgFlags))
	case "sendmsg":
		return sys(A("sockfd", FD{}), A("msg", Msghdr{}), A("flags", msgFlags))
	case "recvmsg":
		return sys(A("sockfd", FD{}), A("msg", Msghdr{Out: true}).OnExit(), A("flags", msgFlags))
	case "sendmmsg":
		return sys(A("sockfd", FD{}), A("msgvec", Mmsghdr{}).OnExit(), A("vlen", Uint{}), A("flags", msgFlags))
	case "recvmmsg":
		return sys(A("sockfd", FD{}), A("msgvec", Mmsghdr{Out: true}).OnExit(), A("vlen", Uint{}), A("flags", msgFlags),
			A("timeout", Struct{Type: "timespec"}))
	case "recvmmsg_time64":
		return sys(A("sockfd", FD{}), A("msgvec", Mmsghdr{Out: true}).OnExit(), A("vlen", Uint{}), A("flags", msgFlags),
			A("timeout", Struct{Type: "timespec64"}))

	// Vectored I/O.
	case "readv":
		return sys(A("fd", FD{}), A("iov", Iovec{CountArg: 2, Out: true}).OnExit(), A("iovcnt", Int{}))
	case "writev":
		return sys(A("fd", FD{}), A("iov", Iovec{CountArg: 2}), A("iovcnt", Int{}))
	case "preadv":
		return sys(A("fd", FD{}), A("iov", Iovec{CountArg: 2, Out: true}).OnExit(), A("iovcnt", Int{}), A("offset", Off64{Hi: 4}))
	case "pwritev":
		return sys(A("fd", FD{}), A("iov", Iovec{CountArg: 2}), A("iovcnt", Int{}), A("offset", Off64{Hi: 4}))
	case "preadv2":
		return sys(A("fd", FD{}), A("iov", Iovec{CountArg: 2, Out: true}).OnExit(), A("iovcnt", Int{}), A("offset", Off64{Hi: 4}), A("flags", Flags{Set: "rwf_flags"}).At(5))
	case "pwritev2":
		return sys(A("fd", FD{}), A("iov", Iovec{CountArg: 2}), A("iovcnt", Int{}), A("offset", Off64{Hi: 4}), A("flags", Flags{Set: "rwf_flags"}).At(5))

	// Polling.
	case "poll":
		return sys(A("fds", PollFDs{Count: 1}), A("nfds", Uint{}), A("timeout", Int{})).Returns(PollRet{Fds: 0, Count: 1, Timeout: -1})
	case "ppoll":
		return sys(A("fds", PollFDs{Count: 1}), A("nfds", Uint{}), A("tmo_p", Struct{Type: "timespec"}),
			A("sigmask", Sigset{SizeArg: 4}), A("sigsetsize", Ulong{})).Returns(PollRet{Fds: 0, Count: 1, Timeout: 2})
	case "select":
		return sys(A("nfds", Int{}), A("readfds", FDSet{Nfds: 0}), A("writefds", FDSet{Nfds: 0}), A("exceptfds", FDSet{Nfds: 0}),
			A("timeout", Struct{Type: "timeval"})).Returns(selectResult)
	case "_newselect":
		return sys(A("nfds", Int{}), A("readfds", FDSet{Nfds: 0}), A("writefds", FDSet{Nfds: 0}), A("exceptfds", FDSet{Nfds: 0}),
			A("timeout", Struct{Type: "timeval"})).Returns(selectResult)
	case "pselect6":
		return sys(A("nfds", Int{}), A("readfds", FDSet{Nfds: 0}), A("writefds", FDSet{Nfds: 0}), A("exceptfds", FDSet{Nfds: 0}),
			A("timeout", Struct{Type: "timespec"}), A("sigmask", Struct{Type: "pselect6_sig"})).Returns(SelectRet{Sets: [3]int{1, 2, 3}, Timeout: 4, Timespec: true})
	// The 32-bit ABIs' calls with a 64-bit timespec (__kernel_timespec).
	case "ppoll_time64":
		return sys(A("fds", PollFDs{Count: 1}), A("nfds", Uint{}), A("tmo_p", Struct{Type: "timespec64"}),
			A("sigmask", Sigset{SizeArg: 4}), A("sigsetsize", Ulong{})).Returns(PollRet{Fds: 0, Count: 1, Timeout: 2, Time64: true})
	case "pselect6_time64":
		return sys(A("nfds", Int{}), A("readfds", FDSet{Nfds: 0}), A("writefds", FDSet{Nfds: 0}), A("exceptfds", FDSet{Nfds: 0}),
			A("timeout", Struct{Type: "timespec64"}), A("sigmask", Struct{Type: "pselect6_sig"})).Returns(SelectRet{Sets: [3]int{1, 2, 3}, Timeout: 4, Timespec: true, Time64: true})
	case "epoll_create":
		return sys(A("size", Int{})).Returns(FD{})
	case "epoll_create1":
		return sys(A("flags", Flags{Set: "epoll_flags"})).Returns(FD{})
	case "epoll_ctl":
		return sys(A("epfd", FD{}), A("op", Enum{Set: "epoll_ctl_ops"}), A("fd", FD{}), A("event", Struct{Type: "epoll_event"}))
	case "epoll_wait":
		return sys(A("epfd", FD{}), A("events", Struct{Type: "epoll_events"}).OnExit(), A("maxevents", Int{}), A("timeout", Int{}))
	case "epoll_pwait":
		return sys(A("epfd", FD{}), A("events", Struct{Type: "epoll_events"}).OnExit(), A("maxevents", Int{}), A("timeout", Int{}),
			A("sigmask", Sigset{SizeArg: 5}), A("sigsetsize", Ulong{}))
	// epoll_pwait2 takes a __kernel_timespec on every arch.
	case "epoll_pwait2":
		return sys(A("epfd", FD{}), A("events", Struct{Type: "epoll_events"}).OnExit(), A("maxevents", Int{}),
			A("timeout", Struct{Type: "timespec64"}), A("sigmask", Sigset{SizeArg: 5}), A("sigsetsize", Ulong{}))

	// ioctl: describe_ioctl.go.
	case "ioctl":
		return ioctlDescription()

	// The 32-bit stat family (i386): struct stat64, and the old layout.
	case "stat64":
		return sys(A("pathname", Path{}), A("statbuf", Struct{Type: "stat64"}).OnExit())
	case "lstat64":
		return sys(A("pathname", Path{}), A("statbuf", Struct{Type: "stat64"}).OnExit())
	case "fstat64":
		return sys(A("fd", FD{}), A("statbuf", Struct{Type: "stat64"}).OnExit())
	case "fstatat64":
		return sys(A("dirfd", DirFD{}), A("pathname", Path{}), A("statbuf", Struct{Type: "stat64"}).OnExit(), A("flags", Flags{Set: "at_flags"}))
	case "oldstat":
		return sys(A("pathname", Path{}), A("statbuf", Struct{Type: "oldstat"}).OnExit())
	case "oldlstat":
		return sys(A("pathname", Path{}), A("statbuf", Struct{Type: "oldstat"}).OnExit())
	case "oldfstat":
		return sys(A("fd", FD{}), A("statbuf", Struct{Type: "oldstat"}).OnExit())

	// Other calls of the 32-bit x86 ABI that every i386 program makes.
	// _llseek(fd, offset_high, offset_low, result, whence)
	case "_llseek":
		return sys(A("fd", FD{}), A("offset", Off64{Hi: 1}).At(2), A("result", Struct{Type: "loff"}).OnExit(), A("whence", Enum{Set: "whence"}))
	case "mmap2":
		return sys(A("addr", Ptr{}), A("length", Ulong{}), A("prot", Flags{Set: "mmap_prot"}), A("flags", Flags{Set: "mmap_flags"}),
			A("fd", FD{}), A("pgoffset", PageOffset{})).Returns(Hex{})
	case "set_thread_area":
		return sys(A("u_info", Struct{Type: "user_desc"})).Returns(ThreadAreaRet{Arg: 0})
	case "ugetrlimit":
		return sys(A("resource", Enum{Set: "rlimits"}), A("rlim", Struct{Type: "rlimit_native"}).OnExit())
	// socketcall and ipc print as their subcall (see subcall); these are
	// for calls whose subcall is unknown or whose arguments are unreadable.
	case "socketcall":
		return sys(A("call", DecEnum{Set: "socketcalls"}), A("args", Ptr{}))
	// SysV IPC gets, which ipc multiplexes on i386.
	case "semget":
		return sys(A("key", IPCKey{}), A("nsems", Int{}), A("semflg", IPCFlags{}))
	case "shmget":
		return sys(A("key", IPCKey{}), A("size", Ulong{}), A("shmflg", IPCFlags{}))
	case "msgget":
		return sys(A("key", IPCKey{}), A("msgflg", IPCFlags{}))
	}
	return nil
}

// i386Descriptions replace a shared description on i386, where the call
// of the same name takes its arguments in other registers; made on first
// use, as descriptions.
var i386Descriptions = sync.OnceValue(func() map[string]*Syscall {
	return map[string]*Syscall{
		"fcntl64": fcntlDesc(true),
		// The non-RT signal return of handlers installed without SA_SIGINFO.
		"sigreturn": sys(A("frame", SigFrame{Old: true})),
		// A 64-bit offset or length takes two registers on i386, low word
		// first (arch/x86/entry/syscalls/syscall_32.tbl, ia32 compat wrappers);
		// strace prints the joined value.
		"truncate64":      sys(A("path", Path{}), A("length", Off64{Hi: 2})),
		"ftruncate64":     sys(A("fd", FD{}), A("length", Off64{Hi: 2})),
		"pread64":         sys(A("fd", FD{}), A("buf", readBuf).OnExit(), A("count", Ulong{}), A("offset", Off64{Hi: 4})),
		"pwrite64":        sys(A("fd", FD{}), A("buf", Buf{LenArg: 2}), A("count", Ulong{}), A("offset", Off64{Hi: 4})),
		"fadvise64":       sys(A("fd", FD{}), A("offset", Off64{Hi: 2}), A("len", Ulong{}).At(3), A("advice", Enum{Set: "fadvise"}).At(4)),
		"fadvise64_64":    sys(A("fd", FD{}), A("offset", Off64{Hi: 2}), A("len", Off64{Hi: 4}).At(3), A("advice", Enum{Set: "fadvise"}).At(5)),
		"fallocate":       sys(A("fd", FD{}), A("mode", Flags{Set: "falloc_flags"}), A("offset", Off64{Hi: 3}), A("len", Off64{Hi: 5}).At(4)),
		"readahead":       sys(A("fd", FD{}), A("offset", Off64{Hi: 2}), A("count", Ulong{}).At(3)),
		"sync_file_range": sys(A("fd", FD{}), A("offset", Off64{Hi: 2}), A("nbytes", Off64{Hi: 4}).At(3), A("flags", Flags{Set: "sync_file_range_flags"}).At(5)),
	}
})

// i386Aliases are i386 calls that take the same arguments, in the same
// layout, as the call they are named after: the 32-bit-id and 64-bit-lock
// variants. They print under their own name with the other's
// description.
var i386Aliases = map[string]string{
	"getuid32": "getuid", "geteuid32": "geteuid", "getgid32": "getgid", "getegid32": "getegid",
	"setuid32": "setuid", "setgid32": "setgid", "setreuid32": "setreuid", "setregid32": "setregid",
	"setresuid32": "setresuid", "setresgid32": "setresgid", "getresuid32": "getresuid", "getresgid32": "getresgid",
	"getgroups32": "getgroups", "setgroups32": "setgroups", "chown32": "chown", "lchown32": "lchown",
	"fchown32": "fchown", "setfsuid32": "setfsuid", "setfsgid32": "setfsgid",
	// loff_t *offset, as x86_64's sendfile.
	"sendfile64": "sendfile",
}

// descriptionDuplicates are names described both here and in describe.go;
// a test fails on any.
var descriptionDuplicates []string

// archDescription returns the description that replaces the shared one
// on arch, or nil.
func archDescription(name string, arch *Arch) *Syscall {
	if arch != nil && arch.Audit == AuditArchI386 {
		if d := i386Descriptions()[name]; d != nil {
			return d
		}
		if base := i386Aliases[name]; base != "" {
			return describe(base, arch)
		}
	}
	return nil
}
