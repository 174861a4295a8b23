package decoder

import "errors"

// Memory is the decoder's only window on a tracee. It has two backends: the
// tracer's live one, which reads the stopped tracee and records every read
// into the record being built, and Replay, which answers from a record's
// sections. A decoder run makes the same reads against both, so a capture
// replays exactly as it was decoded live.
type Memory interface {
	// Read returns exactly n bytes at addr, or an error.
	Read(addr uint64, n int) ([]byte, error)
	// ReadString reads a NUL-terminated string of at most max bytes at addr.
	// It returns the bytes before the NUL and whether the NUL was found
	// within max bytes. A string cut short by an unreadable page returns
	// the bytes before it and ErrFault.
	ReadString(addr uint64, max int) (s []byte, terminated bool, err error)
	// FDPath returns what fd refers to (the target of /proc/PID/fd/N); for
	// AT_FDCWD (-100) it is the working directory (/proc/PID/cwd).
	FDPath(fd int32) (string, bool)
	// FDInfo returns what strace -yy adds to fd's path (path, as FDPath
	// gave it): a SecFDInfo section's data (see FDInfo.AppendTo); false
	// when there is nothing to add (a regular file) or it is not known.
	FDInfo(fd int32, path string) ([]byte, bool)
	// Regs returns the instruction and stack pointers at the stop, for
	// decoders that read the stack (rt_sigreturn's signal frame).
	Regs() (ip, sp uint64, ok bool)
	// IfName returns the name of network interface index, as strace's
	// if_indextoname finds it; false when there is none.
	IfName(index uint32) (string, bool)
}

var (
	// ErrFault is an address the tracee could not read, as EFAULT.
	ErrFault = errors.New("bad address")
	// ErrNotCaptured is a read that the capture does not hold.
	ErrNotCaptured = errors.New("not in the capture")
)
