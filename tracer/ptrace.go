package tracer

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

// syscallInfo mirrors struct ptrace_syscall_info (include/uapi/linux/ptrace.h).
// x/sys/unix has the request number but not the struct.
type syscallInfo struct {
	Op    uint8
	_     [3]uint8
	Arch  uint32
	IP    uint64
	SP    uint64
	Nr    uint64 // entry.nr / seccomp.nr; exit.rval shares this word
	Args  [6]uint64
	Extra uint32 // seccomp.ret_data
	_     uint32
}

// Op values of struct ptrace_syscall_info.
const (
	opNone    = 0
	opEntry   = 1
	opExit    = 2
	opSeccomp = 3
)

// exit returns the return value and error flag of an exit stop, which
// overlay the entry fields in the kernel's union.
func (s *syscallInfo) exit() (rval int64, isError bool) {
	return int64(s.Nr), s.Args[0]&0xff != 0
}

func ptrace(req, tid int, addr, data uintptr) error {
	_, _, e := unix.Syscall6(unix.SYS_PTRACE, uintptr(req), uintptr(tid), addr, data, 0, 0)
	if e != 0 {
		return e
	}
	return nil
}

func getSyscallInfo(tid int, info *syscallInfo) error {
	return ptrace(unix.PTRACE_GET_SYSCALL_INFO, tid, unsafe.Sizeof(*info), uintptr(unsafe.Pointer(info)))
}

// seize attaches with PTRACE_SEIZE and options; unix.PtraceSeize takes none.
func seize(tid int, options int) error {
	return ptrace(unix.PTRACE_SEIZE, tid, 0, uintptr(options))
}

func getSiginfo(tid int, buf *[128]byte) error {
	return ptrace(unix.PTRACE_GETSIGINFO, tid, 0, uintptr(unsafe.Pointer(buf)))
}

func listen(tid int) error { return ptrace(unix.PTRACE_LISTEN, tid, 0, 0) }

func detach(tid int, sig int) error { return ptrace(unix.PTRACE_DETACH, tid, 0, uintptr(sig)) }
