package decoder

import (
	"encoding/binary"

	"github.com/stracedump/stracedump/pcapng"
)

// ClassOf returns the trace classes of the syscall called name, as
// strace's tables give them; ok is false for a name no table has. It also
// answers for calls that exist only multiplexed (i386's send and recv
// through socketcall).
func ClassOf(name string) (class Class, ok bool) {
	si, ok := sysinfoOf(name)
	return si.class, ok
}

// PathArgs returns the path arguments of a syscall record (openat's
// pathname, rename's two), as the tracee passed them and the capture
// recorded them at entry: what strace's -P compares with its paths.
// Arguments that were unreadable are left out.
func PathArgs(rec *pcapng.Record) []string {
	var paths []string
	eachPlannedArg(rec, func(c *ctx, a Arg, v uint64) {
		if _, ok := a.Kind.(Path); ok {
			if s, _, err := c.mem.ReadString(c.word(v), pathMax); err == nil {
				paths = append(paths, string(s))
			}
		}
	})
	return paths
}

// eachPlannedArg calls f with each argument rec's plan prints, at entry and
// at exit, and the argument's value, the plan decided on the entry memory
// the capture recorded, as filters see a record; c reads that memory.
// Nothing for a record of an unknown arch.
func eachPlannedArg(rec *pcapng.Record, f func(c *ctx, a Arg, v uint64)) {
	arch := ArchByAudit(rec.Arch)
	if arch == nil {
		return
	}
	c := &ctx{opts: CaptureOptions(0), rec: rec, arch: arch, mem: NewReplay(rec, false)}
	cl := plan(rec, arch, c)
	for _, args := range [][]Arg{cl.entry, cl.exit} {
		for _, a := range args {
			if a.Index >= 0 && a.Index < len(rec.Args) {
				f(c, a, rec.Args[a.Index])
			}
		}
	}
}

// maxPollFDs bounds how many pollfd entries FDArgs looks at, as the
// renderer bounds what it prints.
const maxPollFDs = 1024

// FDArgs returns the file descriptors a syscall record operates on, as
// strace's --trace-fds sees them: its fd and dirfd arguments (dup2's both,
// mmap's fd, epoll_ctl's two), the descriptors of poll's array and of
// select's sets as the capture recorded them at entry. AT_FDCWD and other
// negative values are left out: they name no descriptor.
func FDArgs(rec *pcapng.Record) []int32 {
	var fds []int32
	add := func(fd int32) {
		if fd >= 0 {
			fds = append(fds, fd)
		}
	}
	eachPlannedArg(rec, func(c *ctx, a Arg, v uint64) {
		switch k := a.Kind.(type) {
		case FD, DirFD:
			add(int32(v))
		case PollFDs:
			n := min(c.word(c.rec.Args[k.Count]), maxPollFDs)
			if b, err := c.mem.Read(c.word(v), int(n)*8); err == nil {
				for i := 0; i+8 <= len(b); i += 8 {
					add(int32(binary.LittleEndian.Uint32(b[i:])))
				}
			}
		case FDSet:
			if addr := c.word(v); addr != 0 {
				if set, ok := c.fdSet(addr, int(int32(c.rec.Args[k.Nfds]))); ok {
					for _, fd := range set {
						add(int32(fd))
					}
				}
			}
		}
	})
	return fds
}
