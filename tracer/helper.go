package tracer

import (
	"io"
	"os"
)

// The tracer re-executes this binary as its waker (see startWaker), chosen
// by the first argument; main calls RunHelper first so that mode runs
// before anything else.
const wakerArg = "__stracedump_waker"

// RunHelper runs the helper mode named by os.Args and never returns when
// there is one; otherwise it returns at once.
func RunHelper() {
	if len(os.Args) < 2 {
		return
	}
	switch os.Args[1] {
	case wakerArg:
		// The waker is a child the tracer can stop and continue to end a
		// blocked wait4; it lives until its stdin, the tracer's pipe, closes.
		_, _ = io.Copy(io.Discard, os.Stdin)
		os.Exit(0)
	}
}
