package decoder

import "slices"

// What a syscall does to its process's file descriptor table, and which
// calls replace the program: facts the tracer acts on (its fd path cache,
// its exec handling, its seccomp filter), kept here with every other fact
// about syscalls.

// FDEffect is what a call does to the fd table.
type FDEffect uint8

const (
	// FDAny: unknown, or more than one descriptor (pipe, recvmsg with
	// SCM_RIGHTS, exec, ioctl, io_uring): nothing known survives the call.
	FDAny FDEffect = iota
	// FDNone: creates, closes and changes no descriptor.
	FDNone
	// FDReturned: installs the descriptor it returns, if any.
	FDReturned
	// FDClosesArg0: closes its first argument.
	FDClosesArg0
	// FDReplacesArg1: makes its second argument a copy of its first
	// (dup2, dup3), and returns it.
	FDReplacesArg1
)

// fdNoneCalls neither create nor close descriptors nor change what one
// refers to.
var fdNoneCalls = []string{
	"read", "write", "pread64", "pwrite64", "readv", "writev", "preadv", "pwritev", "preadv2", "pwritev2",
	"lseek", "_llseek", "fstat", "fstat64", "newfstatat", "fstatat64", "statx", "stat", "lstat", "stat64", "lstat64",
	"fstatfs", "fstatfs64", "statfs", "statfs64", "getdents", "getdents64", "readlink", "readlinkat",
	"access", "faccessat", "faccessat2", "getcwd",
	"mmap", "mmap2", "munmap", "mprotect", "madvise", "mremap", "msync", "mincore", "brk",
	"futex", "futex_time64", "poll", "ppoll", "ppoll_time64", "select", "_newselect", "pselect6", "pselect6_time64",
	"epoll_wait", "epoll_pwait", "epoll_pwait2", "epoll_ctl",
	"sendto", "recvfrom", "sendmsg", "sendmmsg", "getsockopt", "setsockopt", "getsockname", "getpeername",
	"shutdown", "sendfile", "sendfile64", "splice", "tee", "copy_file_range",
	"fsync", "fdatasync", "ftruncate", "ftruncate64", "fadvise64", "fadvise64_64", "fallocate", "flock",
	"fchmod", "fchown", "fchown32", "fgetxattr", "flistxattr", "sync_file_range",
	"rt_sigaction", "rt_sigprocmask", "rt_sigreturn", "sigreturn", "sigaltstack", "rt_sigsuspend", "rt_sigtimedwait",
	"kill", "tgkill", "tkill", "pause", "alarm", "setitimer", "getitimer",
	"clock_gettime", "clock_gettime64", "clock_getres", "gettimeofday", "time", "nanosleep", "clock_nanosleep",
	"clock_nanosleep_time64", "sched_yield", "sched_getaffinity", "sched_setaffinity",
	"getpid", "gettid", "getppid", "getuid", "geteuid", "getgid", "getegid", "getuid32", "geteuid32",
	"getgid32", "getegid32", "getpgrp", "getpgid", "getsid", "getresuid", "getresgid", "getgroups",
	"wait4", "waitid", "uname", "getrusage", "times", "sysinfo", "prlimit64", "getrlimit", "ugetrlimit",
	"getrandom", "umask", "arch_prctl", "set_tid_address", "set_robust_list", "rseq", "membarrier",
	"timerfd_settime", "timerfd_gettime", "getcpu", "getpriority",
}

// fdOneCalls change one descriptor, known from the call's arguments or
// result. fcntl returns a new descriptor only for F_DUPFD*; taking its
// other results for one costs a cache entry, nothing more.
var fdOneCalls = []struct {
	name   string
	effect FDEffect
}{
	{"open", FDReturned}, {"openat", FDReturned}, {"openat2", FDReturned}, {"creat", FDReturned},
	{"socket", FDReturned}, {"accept", FDReturned}, {"accept4", FDReturned}, {"dup", FDReturned},
	{"fcntl", FDReturned}, {"fcntl64", FDReturned}, {"epoll_create", FDReturned}, {"epoll_create1", FDReturned},
	{"eventfd", FDReturned}, {"eventfd2", FDReturned}, {"timerfd_create", FDReturned}, {"inotify_init", FDReturned},
	{"inotify_init1", FDReturned}, {"memfd_create", FDReturned}, {"pidfd_open", FDReturned}, {"signalfd", FDReturned},
	{"signalfd4", FDReturned}, {"open_by_handle_at", FDReturned}, {"close", FDClosesArg0}, {"dup2", FDReplacesArg1},
	{"dup3", FDReplacesArg1},
}

// FDEffectOf says what syscall number nr of a does to the fd table. The
// lists are searched, not indexed in a map: the tracer asks once per call
// number, and a map made at every start cost more than the searches.
func (a *Arch) FDEffectOf(nr int64) FDEffect {
	name := a.SyscallName(nr)
	if name == "" {
		return FDAny
	}
	if slices.Contains(fdNoneCalls, name) {
		return FDNone
	}
	for _, c := range fdOneCalls {
		if c.name == name {
			return c.effect
		}
	}
	return FDAny
}

// execCalls replace the calling process's program.
var execCalls = map[string]bool{"execve": true, "execveat": true}

// IsExec reports whether syscall number nr of a replaces the program.
func (a *Arch) IsExec(nr int64) bool { return execCalls[a.SyscallName(nr)] }
