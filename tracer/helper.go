package tracer

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"syscall"

	"golang.org/x/sys/unix"
)

// The launcher re-executes this binary in one of two helper modes, chosen by
// the first argument. Both must run before anything else in main, which is
// why main calls RunHelper first.
const (
	helperArg = "__stracedump_tracee"
	wakerArg  = "__stracedump_waker"
	noSeccomp = "-" // the helper's seccomp argument when there is no filter
)

func init() {
	// The tracee helper must exec from the thread the tracer seized, the
	// main thread: locking in init keeps main on it.
	if len(os.Args) > 1 && os.Args[1] == helperArg {
		runtime.LockOSThread()
	}
}

// RunHelper runs the helper mode named by os.Args and never returns when
// there is one; otherwise it returns at once.
func RunHelper() {
	if len(os.Args) < 2 {
		return
	}
	switch os.Args[1] {
	case helperArg:
		os.Exit(runTraceeHelper(os.Args[2:]))
	case wakerArg:
		// The waker is a child the tracer can stop and continue to end a
		// blocked wait4; it lives until its stdin, the tracer's pipe, closes.
		_, _ = io.Copy(io.Discard, os.Stdin)
		os.Exit(0)
	}
}

// runTraceeHelper stops itself so the tracer can seize it, installs the
// seccomp filter it was given, then execs the target; the tracer sees that
// execve and everything after it. args is SECCOMP PATH ARGV0 ARGV1...,
// SECCOMP being "-" or the filter as encodeProgram writes it.
func runTraceeHelper(args []string) int {
	if len(args) < 3 {
		fmt.Fprintln(os.Stderr, "stracedump: tracee helper needs a seccomp program, a path and argv")
		return 127
	}
	var prog []unix.SockFilter
	if args[0] != noSeccomp {
		var err error
		if prog, err = decodeProgram(args[0]); err != nil {
			fmt.Fprintf(os.Stderr, "stracedump: %v\n", err)
			return 127
		}
	}
	args = args[1:]
	if err := syscall.Kill(os.Getpid(), syscall.SIGSTOP); err != nil {
		fmt.Fprintf(os.Stderr, "stracedump: stopping for the tracer: %v\n", err)
		return 127
	}
	// Seized now: a TRACE verdict finds its tracer. This thread is the one
	// that execs (locked in init), and a filter is per thread.
	if prog != nil {
		if err := installSeccomp(prog); err != nil {
			fmt.Fprintf(os.Stderr, "stracedump: installing the seccomp filter: %v (record with --seccomp-bpf=false to filter in the tracer)\n", err)
			return 127
		}
	}
	err := syscall.Exec(args[0], args[1:], os.Environ())
	fmt.Fprintf(os.Stderr, "stracedump: exec %s: %v\n", args[0], err)
	return 127
}
