// Command stracedump traces Linux processes into pcapng captures of their
// system calls, for Wireshark and for strace-style text.
package main

import (
	"os"

	"github.com/stracedump/stracedump/command"
	"github.com/stracedump/stracedump/tracer"
)

func main() {
	// The tracer re-executes this binary as its launch helper: that mode
	// must run before anything else.
	tracer.RunHelper()
	os.Exit(command.Main(os.Args, os.Stdout, os.Stderr))
}
