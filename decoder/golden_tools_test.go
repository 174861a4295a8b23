package decoder

import (
	"testing"

	"github.com/stracedump/stracedump/pcapng"
)

// toolCases are calls the real programs of the conformance corpus's
// syscall families made (conformance.Tools): unshare's mounts in ps's PID
// namespace, df's file systems, zstd's signal handlers, a terminal's modes
// under -X verbose, python's close_range. The x86_64 lines are those strace
// 6.1 printed for them; the i386 ones the same calls as a 32-bit tracee
// makes them.
var toolCases = []goldenCase{
	{"mount_private", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(call(t, "mount", 0, f.str(0x2000, "none"), f.str(0x3000, "/"), 0, 0x44000, 0), f)
	}},
	{"mount_proc", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(call(t, "mount", 0, f.str(0x2000, "proc"), f.str(0x3000, "/proc"), f.str(0x2000, "proc"), 0xe, 0), f)
	}},
	// A remount ignores the type, which prints as an address; its data
	// is read.
	{"mount_remount", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(call(t, "mount", 0, f.str(0x2000, "none"), f.str(0x3000, "/mnt"), f.str(0x4000, "tmpfs"), 0x21, f.str(0x5000, "size=1m")), f)
	}},
	// A bind ignores both the type and the data.
	{"mount_bind", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(call(t, "mount", 0, f.str(0x2000, "/a"), f.str(0x3000, "/b"), f.str(0x4000, "tmpfs"), 0x5000, f.str(0x5000, "x")), f)
	}},
	{"mount_tmpfs_data", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(call(t, "mount", -1, f.str(0x2000, "tmpfs"), f.str(0x3000, "/mnt"), f.str(0x4000, "tmpfs"), 0, f.str(0x5000, "size=1m,mode=0755")), f)
	}},
	{"mount_unknown_flag", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(call(t, "mount", -22, f.str(0x2000, "a"), f.str(0x3000, "/b"), 0, 0x200, 0), f)
	}},
	{"umount2_detach", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(call(t, "umount2", 0, f.str(0x2000, "/mnt"), 2), f)
	}},
	{"umount2_unknown", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(call(t, "umount2", -22, f.str(0x2000, "/mnt"), 0x30), f)
	}},
	{"i386_mount_proc", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(callOn(t, AuditArchI386, "mount", 0, f.str(0x2000, "proc"), f.str(0x3000, "/proc"), f.str(0x2000, "proc"), 0xe, 0), f)
	}},
	{"i386_umount2", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(callOn(t, AuditArchI386, "umount2", 0, f.str(0x2000, "/proc"), 2), f)
	}},
	// df's cgroup v1 and tracefs mounts.
	{"statfs_cgroup", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		buf := le(nil, 8, 0x27e0eb, 8, 4096, 8, 0, 8, 0, 8, 0, 8, 0, 8, 0, 4, 0x1bf0465a, 4, 0xc57e5f20, 8, 255, 8, 4096, 8, 0x1020)
		buf = append(buf, make([]byte, 32)...)
		return captured(call(t, "statfs", 0, f.str(0x2000, "/sys/fs/cgroup/cpu"), f.bytes(0x3000, buf)), f)
	}},
	{"statfs_tracefs", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		buf := le(nil, 8, 0x74726163, 8, 4096, 8, 0, 8, 0, 8, 0, 8, 0, 8, 0, 4, 0xd, 4, 0, 8, 255, 8, 4096, 8, 0x1020)
		buf = append(buf, make([]byte, 32)...)
		return captured(call(t, "statfs", 0, f.str(0x2000, "/sys/kernel/tracing"), f.bytes(0x3000, buf)), f)
	}},
	// i386's df calls statfs64 and fstatfs64 with the structure's size
	// (84); another size shows the buffer as an address.
	{"i386_statfs64", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		buf := le(nil, 4, 0xef53, 4, 4096, 8, 66053021, 8, 59490840, 8, 17313135, 8, 16777216, 8, 16277496, 4, 0x5b9e1f3f, 4, 0x38f95b91, 4, 255, 4, 4096, 4, 0x1020)
		buf = append(buf, make([]byte, 16)...)
		return captured(callOn(t, AuditArchI386, "statfs64", 0, f.str(0x2000, "/"), 84, f.bytes(0x3000, buf)), f)
	}},
	{"i386_fstatfs64_proc", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		buf := le(nil, 4, 0x9fa0, 4, 4096, 8, 0, 8, 0, 8, 0, 8, 0, 8, 0, 4, 0x16, 4, 0, 4, 255, 4, 4096, 4, 0x102e)
		buf = append(buf, make([]byte, 16)...)
		return captured(callOn(t, AuditArchI386, "fstatfs64", 0, 3, 84, f.bytes(0x3000, buf)), f)
	}},
	{"i386_statfs64_bad_size", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(callOn(t, AuditArchI386, "statfs64", -22, f.str(0x2000, "/"), 64, f.bytes(0x3000, make([]byte, 84))), f)
	}},
	// zstd's handlers: SA_INTERRUPT, and bits no name covers.
	{"sigaction_interrupt", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		act := f.words(0x3000, 0x55555563ea80, 0xffffffffe4000000, 0x7ffff7d9b050, 0)
		old := f.words(0x4000, 0, 0, 0, 0)
		return captured(call(t, "rt_sigaction", 0, 6, act, old, 8), f)
	}},
	{"i386_sigaction_interrupt", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		act := f.bytes(0x3000, le(nil, 4, 0x56556660, 4, 0x30000000, 4, 0, 4, 1<<13, 4, 0))
		return captured(callOn(t, AuditArchI386, "rt_sigaction", 0, 14, act, 0, 8), f)
	}},
	// close_range takes numbers, not descriptors: -y adds no path.
	{"close_range_y", func(o *Options) { o.DecodeFDs = 1 }, func(t *testing.T) *pcapng.Record {
		f := newFake()
		f.fds[3] = "/dev/ptmx"
		return captured(call(t, "close_range", 0, 3, 5, 0), f)
	}},
	// cp's FICLONE: the source fd prints as a number under -y too.
	{"ioctl_ficlone_y", func(o *Options) { o.DecodeFDs = 1 }, func(t *testing.T) *pcapng.Record {
		f := newFake()
		f.fds[3], f.fds[4] = "/tmp/src/a.txt", "/tmp/dst/a.txt"
		return captured(call(t, "ioctl", -95, 4, 0x40049409, 3), f)
	}},
	// timeout's killed command, under -X verbose: the signal that killed
	// it prints as the number with its name, as si_signo does.
	{"sigchld_killed_xverbose", func(o *Options) { o.Xlat = XlatVerbose }, func(t *testing.T) *pcapng.Record {
		return signalRec(101, 17, siginfo(17, 2, 102, 0, 9, 0, 0, 0, 0, 0))
	}},
	{"sigchld_killed", nil, func(t *testing.T) *pcapng.Record {
		return signalRec(101, 17, siginfo(17, 2, 102, 0, 15, 0, 0, 0, 0, 0))
	}},
	// A terminal's modes under -X verbose: each part of each flags word
	// with its number.
	{"ioctl_tcgets_xverbose", func(o *Options) { o.Xlat = XlatVerbose }, func(t *testing.T) *pcapng.Record {
		f := newFake()
		cc := []byte{3, 0x1c, 0x7f, 0x15, 4, 0, 1, 0, 0x11, 0x13, 0x1a, 0, 0x12, 0xf, 0x17, 0x16, 0, 0, 0}
		return captured(call(t, "ioctl", 0, 4, 0x5401, f.bytes(0x3000, le(nil, 4, 0o2400, 4, 0o5, 4, 0o277, 4, 0o105073, 1, 0, cc))), f)
	}},
	{"ioctl_tcsetsw_xverbose", func(o *Options) { o.Xlat = XlatVerbose }, func(t *testing.T) *pcapng.Record {
		f := newFake()
		cc := []byte{3, 0x1c, 0x7f, 0x15, 4, 0, 1, 0, 0x11, 0x13, 0x1a, 0, 0x12, 0xf, 0x17, 0x16, 0, 0, 0}
		return captured(call(t, "ioctl", 0, 0, 0x5403, f.bytes(0x3000, le(nil, 4, 0, 4, 0o4, 4, 0o277, 4, 0o105060, 1, 0, cc))), f)
	}},
	{"i386_ioctl_tcgets_xverbose", func(o *Options) { o.Xlat = XlatVerbose }, func(t *testing.T) *pcapng.Record {
		f := newFake()
		cc := []byte{3, 0x1c, 0x7f, 0x15, 4, 0, 1, 0, 0x11, 0x13, 0x1a, 0, 0x12, 0xf, 0x17, 0x16, 0, 0, 0}
		return captured(callOn(t, AuditArchI386, "ioctl", 0, 4, 0x5401, f.bytes(0x3000, le(nil, 4, 0o2400, 4, 0o5, 4, 0o277, 4, 0o105073, 1, 0, cc))), f)
	}},
}

func TestToolsGolden(t *testing.T) { runGolden(t, "testdata/tools.golden", toolCases) }
