package tracer

import "github.com/stracedump/stracedump/decoder"

// fdCache remembers the paths of one process's fds (its threads share the
// fd table), so a call on an fd costs no readlink of /proc/PID/fd/N when
// the fd was looked up since the table last could have changed. Without
// it a readlink per fd argument is the largest cost of a stop that is
// ours (dd bs=1: one in every read and write).
//
// Calls known to leave the fd table alone (fdTableSafe) keep it whole.
// Calls whose only change is one descriptor (fdTableOne) forget that one
// at their exit: the fd an open, socket or dup returned, the fd a close
// closed, dup2's new fd. Every other call clears it at its entry and at
// its exit, so an exec, a pipe or a recvmsg (SCM_RIGHTS) is always
// followed by fresh lookups.
// What it cannot see is another process renaming or deleting an open
// file, which changes the fd's path (" (deleted)"): entries live at most
// fdCacheTTL for that.
//
// It also keeps what -yy adds to a path (a device's numbers, a socket's
// endpoints once the kernel has reported them), forgotten with the path.
type fdCache struct {
	paths  map[int32]string
	infos  map[int32][]byte // nil data: nothing to add
	filled int64            // when the oldest entry was read, Unix ns; 0 when empty
}

// fdCacheTTL bounds how stale a path may be after another process renamed
// or deleted the file.
const fdCacheTTL = 50e6 // 50ms

func (c *fdCache) clear() {
	if c.filled != 0 {
		clear(c.paths)
		clear(c.infos)
		c.filled = 0
	}
}

// expire clears the cache when its oldest entry is older than fdCacheTTL.
func (c *fdCache) expire(now int64) {
	if c.filled != 0 && now-c.filled > fdCacheTTL {
		c.clear()
	}
}

func (c *fdCache) get(fd int32) (string, bool) {
	p, ok := c.paths[fd]
	return p, ok
}

// forget drops fd's path, whose descriptor was closed or replaced.
func (c *fdCache) forget(fd int32) {
	delete(c.paths, fd)
	delete(c.infos, fd)
}

func (c *fdCache) getInfo(fd int32) ([]byte, bool) {
	d, ok := c.infos[fd]
	return d, ok
}

// putInfo keeps fd's -yy details; its path must be in the cache (they are
// forgotten together).
func (c *fdCache) putInfo(fd int32, data []byte) {
	if c.infos == nil {
		c.infos = map[int32][]byte{}
	}
	c.infos[fd] = data
}

func (c *fdCache) put(fd int32, path string, now int64) {
	if c.paths == nil {
		c.paths = map[int32]string{}
	}
	if c.filled == 0 {
		c.filled = now
	}
	c.paths[fd] = path
}

// fdTableSafe are the calls that neither create nor close fds nor change
// what one refers to: the cache stays valid across them. Anything else
// (ioctl and io_uring can install fds; recvmsg receives them) clears it.
var fdTableSafe = map[string]bool{}

func init() {
	for _, name := range []string{
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
	} {
		fdTableSafe[name] = true
	}
}

// What a call does to the fd table, for the cache.
type fdEffect uint8

const (
	fdAny      fdEffect = iota // unknown: clear the cache at entry and exit
	fdNone                     // leaves the table alone
	fdReturned                 // installs the descriptor it returns (if any)
	fdArg0                     // closes its first argument
	fdArg1                     // replaces its second argument (dup2, dup3), returning it
)

// fdTableOne are the calls that change one descriptor, known from the
// call's arguments or result. fcntl returns a new fd only for F_DUPFD*;
// forgetting its other results' numbers loses a cache entry, nothing more.
var fdTableOne = map[string]fdEffect{
	"open": fdReturned, "openat": fdReturned, "openat2": fdReturned, "creat": fdReturned,
	"socket": fdReturned, "accept": fdReturned, "accept4": fdReturned, "dup": fdReturned,
	"fcntl": fdReturned, "fcntl64": fdReturned, "epoll_create": fdReturned, "epoll_create1": fdReturned,
	"eventfd": fdReturned, "eventfd2": fdReturned, "timerfd_create": fdReturned, "inotify_init": fdReturned,
	"inotify_init1": fdReturned, "memfd_create": fdReturned, "pidfd_open": fdReturned,
	"signalfd": fdReturned, "signalfd4": fdReturned, "open_by_handle_at": fdReturned,
	"close": fdArg0, "dup2": fdArg1, "dup3": fdArg1,
}

// fdEffectOf says what syscall nr of arch does to the fd table, caching
// the answer per arch and number.
func (t *tracer) fdEffectOf(arch uint32, nr uint64) fdEffect {
	key := uint64(arch)<<32 | uint64(uint32(nr))
	if v, ok := t.fdEffects[key]; ok {
		return v
	}
	e := fdAny
	if a := decoder.ArchByAudit(arch); a != nil {
		name := a.SyscallName(int64(nr))
		if fdTableSafe[name] {
			e = fdNone
		} else if one, ok := fdTableOne[name]; ok {
			e = one
		}
	}
	t.fdEffects[key] = e
	return e
}

// updateFDCache keeps c true around a stop of a call of effect e: at the
// exit of a call that changed one descriptor, that one is forgotten.
func updateFDCache(c *fdCache, e fdEffect, exit bool, args *[6]uint64, ret int64) {
	switch e {
	case fdNone:
	case fdReturned:
		if exit && int32(ret) >= 0 {
			c.forget(int32(ret))
		}
	case fdArg0:
		if exit {
			c.forget(int32(args[0]))
		}
	case fdArg1:
		if exit {
			c.forget(int32(args[1]))
		}
	default:
		c.clear()
	}
}

// fdCacheOf returns process pid's cache, nil when caching is off: under a
// seccomp filter the calls that change the fd table may not stop at all.
// fresh starts a new one, for a new process that may reuse a gone one's
// pid.
func (t *tracer) fdCacheOf(pid int, fresh bool) *fdCache {
	if t.seccomp || t.noFDCache {
		return nil
	}
	c := t.fdCaches[pid]
	if c == nil || fresh {
		c = &fdCache{}
		t.fdCaches[pid] = c
	}
	return c
}
