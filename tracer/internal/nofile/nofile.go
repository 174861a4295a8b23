// Package nofile remembers the limit on open files (RLIMIT_NOFILE) this
// process started with, before the Go runtime raised it. A command the
// tracer launches must start with that limit, as it would without the
// tracer, and Go keeps its own copy unexported.
//
// It imports nothing (the system call is linked by name), and that is
// what makes it work: package initialization goes in import path order
// among the packages whose imports are initialized (the Go specification,
// "Package initialization"), so this package, with none, is initialized
// before package syscall, whose init raises the soft limit to the hard
// one for the Go process.
package nofile

import "unsafe"

// rawSyscall6 is syscall.RawSyscall6, which package syscall exports for
// linking by name; calling it needs nothing of that package initialized.
//
//go:linkname rawSyscall6 syscall.RawSyscall6
func rawSyscall6(trap, a1, a2, a3, a4, a5, a6 uintptr) (r1, r2, errno uintptr)

// Rlimit is struct rlimit64 (include/uapi/linux/resource.h).
type Rlimit struct {
	Cur, Max uint64
}

const rlimitNofile = 7 // RLIMIT_NOFILE, include/uapi/asm-generic/resource.h

var (
	start   Rlimit
	startOK bool
)

func init() {
	if sysPrlimit64 < 0 {
		return
	}
	_, _, e := rawSyscall6(uintptr(sysPrlimit64), 0, rlimitNofile, 0, uintptr(unsafe.Pointer(&start)), 0, 0)
	startOK = e == 0
}

// AtStart returns the limit on open files the process started with, and
// false when it could not be read.
func AtStart() (Rlimit, bool) { return start, startOK }
