package tracer

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"syscall"
)

// The launcher re-executes this binary in one of two helper modes, chosen by
// the first argument. Both must run before anything else in main, which is
// why main calls RunHelper first.
const (
	helperArg = "__stracedump_tracee"
	wakerArg  = "__stracedump_waker"
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

// runTraceeHelper stops itself so the tracer can seize it, then execs the
// target; the tracer sees that execve and everything after it. args is
// PATH ARGV0 ARGV1...
func runTraceeHelper(args []string) int {
	if len(args) < 2 {
		fmt.Fprintln(os.Stderr, "stracedump: tracee helper needs a path and argv")
		return 127
	}
	if err := syscall.Kill(os.Getpid(), syscall.SIGSTOP); err != nil {
		fmt.Fprintf(os.Stderr, "stracedump: stopping for the tracer: %v\n", err)
		return 127
	}
	// A seccomp filter selecting the traced syscalls goes here, once seized.
	err := syscall.Exec(args[0], args[1:], os.Environ())
	fmt.Fprintf(os.Stderr, "stracedump: exec %s: %v\n", args[0], err)
	return 127
}
