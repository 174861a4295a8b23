// Package command holds stracedump's command-line commands: it wires the
// tracer, the decoder and the pcapng stream together; each of those knows
// nothing of flags or terminals.
package command

import (
	"errors"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strings"
	"syscall"
	"unsafe"

	"github.com/urfave/cli/v2"
	"golang.org/x/sys/unix"

	"github.com/stracedump/stracedump/extcap"
	"github.com/stracedump/stracedump/internal/private"
)

// Version is stracedump's version, written into every capture and shown
// by --version and to Wireshark: a `go install ...@vX.Y.Z` build's module
// version, else the base version and the commit the build info names
// ("0.1.0-dev+1b14096c3a2f", ".dirty" when the tree had changes).
var Version = buildVersion(debug.ReadBuildInfo)

// baseVersion is the version of a build that knows no better (go test's,
// or one made outside a git checkout).
const baseVersion = "0.1.0-dev"

func buildVersion(read func() (*debug.BuildInfo, bool)) string {
	bi, ok := read()
	if !ok || bi == nil {
		return baseVersion
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return strings.TrimPrefix(v, "v")
	}
	var rev string
	dirty := false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return baseVersion
	}
	v := baseVersion + "+" + rev[:min(len(rev), 12)]
	if dirty {
		v += ".dirty"
	}
	return v
}

// exitError carries an exit status without a message: the traced
// command's own status, passed on like strace does.
type exitError int

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

// signalExit ends stracedump by a signal: the one that stopped the capture,
// or the one that killed the command. strace ends the same way, so what
// runs it sees what the signal did: a shell running a script stops the
// script at ^C only when its child died of SIGINT.
type signalExit syscall.Signal

func (e signalExit) Error() string { return fmt.Sprintf("killed by %v", syscall.Signal(e)) }

// die ends the process by sig's default action, without a core file (as
// strace, which must not overwrite the command's), past the Go runtime's
// handlers: SIGQUIT or SIGSEGV through them would print goroutine dumps.
// It returns only where the default action does not end the process.
func die(sig syscall.Signal) {
	runtime.LockOSThread()
	_ = unix.Setrlimit(unix.RLIMIT_CORE, &unix.Rlimit{})
	// struct sigaction all zero: SIG_DFL, no flags, no mask, on every arch.
	var act [64]byte
	_, _, _ = syscall.RawSyscall6(syscall.SYS_RT_SIGACTION, uintptr(sig), uintptr(unsafe.Pointer(&act[0])), 0, 8, 0, 0)
	var set unix.Sigset_t
	set.Val[0] = 1 << (uint(sig) - 1)
	_ = unix.PthreadSigmask(unix.SIG_UNBLOCK, &set, nil)
	_ = unix.Tgkill(unix.Getpid(), unix.Gettid(), sig)
}

// Main runs the command line and returns the process exit status.
func Main(args []string, stdout, stderr io.Writer) int {
	// Before any file is opened: a privileged binary's files are its
	// caller's business.
	if err := private.AsCaller(); err != nil {
		fmt.Fprintf(stderr, "stracedump: %v\n", err)
		return 1
	}
	app := newApp(stdout, stderr)
	if len(args) < 2 || strings.HasPrefix(args[1], "-") {
		// Without a command, stracedump answers Wireshark's extcap calls.
		// Their flags can only come before a command, so they are declared
		// only when none comes first: urfave/cli runs a command by looking
		// every flag up by every name, through a regular expression each
		// time, and the extcap flags were about 40% of that cost at every
		// start.
		app.Flags = extcap.Flags()
	}
	err := app.Run(extcapArgs(args))
	var code exitError
	var sig signalExit
	switch {
	case err == nil:
		return 0
	case errors.As(err, &code):
		return int(code)
	case errors.As(err, &sig):
		die(syscall.Signal(sig))
		return 128 + int(sig)
	case errors.Is(err, syscall.EPIPE):
		return 0 // our reader went away: nothing left to say to anyone
	}
	fmt.Fprintf(stderr, "stracedump: %v\n", err)
	return 1
}

func newApp(stdout, stderr io.Writer) *cli.App {
	commands := []*cli.Command{recordCommand(), decodeCommand(), importCommand(), installCommand(), uninstallCommand()}
	for _, c := range commands {
		withFixedNames(c)
	}
	return &cli.App{
		Name:      "stracedump",
		Usage:     "system calls captured like network packets",
		Version:   Version,
		Writer:    stdout,
		ErrWriter: stderr,
		// A usage error must go to stderr: Wireshark parses our stdout.
		OnUsageError: func(c *cli.Context, err error, isSub bool) error {
			if !isSub {
				return fmt.Errorf("%w (see 'stracedump --help')", err)
			}
			return fmt.Errorf("%w (see 'stracedump %s --help')", err, c.Command.Name)
		},
		ExitErrHandler: func(*cli.Context, error) {},
		// Commas belong to the values: -e trace=openat,close is one
		// expression, -E VAR=a,b one variable.
		DisableSliceFlagSeparator: true,
		HideHelpCommand:           true,
		Commands:                  commands,
		// Without a command, stracedump answers Wireshark's extcap calls
		// (their flags: see Main).
		Action: extcapAction,
	}
}
