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

// ptrace makes a request that never blocks (every one here: the tracee is
// stopped), so it goes in as a raw syscall: the runtime's bookkeeping for
// a possibly blocking call (handing the P off, taking it back) cost more
// than the request itself, several times per stop.
func ptrace(req, tid int, addr, data uintptr) error {
	_, _, e := unix.RawSyscall6(unix.SYS_PTRACE, uintptr(req), uintptr(tid), addr, data, 0, 0)
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

func ptraceCont(tid, sig int) error    { return ptrace(unix.PTRACE_CONT, tid, 0, uintptr(sig)) }
func ptraceSyscall(tid, sig int) error { return ptrace(unix.PTRACE_SYSCALL, tid, 0, uintptr(sig)) }

// processVMReadv is unix.ProcessVMReadv as a raw syscall: reading a
// stopped tracee's memory never blocks.
func processVMReadv(pid int, local []unix.Iovec, remote []unix.RemoteIovec) (int, error) {
	n, _, e := unix.RawSyscall6(unix.SYS_PROCESS_VM_READV, uintptr(pid), uintptr(unsafe.Pointer(&local[0])), uintptr(len(local)),
		uintptr(unsafe.Pointer(&remote[0])), uintptr(len(remote)), 0)
	if e != 0 {
		return int(n), e
	}
	return int(n), nil
}

// quietStops stops the kernel from sending us SIGCHLD for every tracee
// stop. Go installs a handler for every signal, so each ptrace stop
// interrupted the tracer with a signal delivery (handler, frame, return)
// on top of waking wait4, and cost the tracee the sending. SA_NOCLDSTOP
// on the handler suppresses SIGCHLD for stops while wait4 is still woken
// (kernel/signal.c, do_notify_parent_cldstop); exits still signal. Go's
// handler itself is kept: the flag is added to the action in place.
func quietStops() error {
	// struct sigaction as rt_sigaction takes it on amd64 and arm64:
	// handler, flags, restorer, mask.
	var act [4]uint64
	const sigsetSize = 8
	if _, _, e := unix.RawSyscall6(unix.SYS_RT_SIGACTION, uintptr(unix.SIGCHLD), 0, uintptr(unsafe.Pointer(&act)), sigsetSize, 0, 0); e != 0 {
		return e
	}
	if act[1]&saNoCldStop != 0 {
		return nil
	}
	act[1] |= saNoCldStop
	if _, _, e := unix.RawSyscall6(unix.SYS_RT_SIGACTION, uintptr(unix.SIGCHLD), uintptr(unsafe.Pointer(&act)), 0, sigsetSize, 0, 0); e != 0 {
		return e
	}
	return nil
}

// saNoCldStop is SA_NOCLDSTOP (include/uapi/asm-generic/signal-defs.h).
const saNoCldStop = 1
