// Package command holds stracedump's command-line commands: it wires the
// tracer, the decoder and the pcapng stream together; each of those knows
// nothing of flags or terminals.
package command

import (
	"errors"
	"fmt"
	"io"
	"syscall"

	"github.com/urfave/cli/v2"

	"github.com/stracedump/stracedump/extcap"
	"github.com/stracedump/stracedump/internal/private"
)

// Version is stracedump's version, written into every capture.
var Version = "0.1.0-dev"

// exitError carries an exit status without a message: the traced
// command's own status, passed on like strace does.
type exitError int

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

// Main runs the command line and returns the process exit status.
func Main(args []string, stdout, stderr io.Writer) int {
	// Before any file is opened: a privileged binary's files are its
	// caller's business.
	if err := private.AsCaller(); err != nil {
		fmt.Fprintf(stderr, "stracedump: %v\n", err)
		return 1
	}
	app := newApp(stdout, stderr)
	err := app.Run(extcapArgs(args))
	var code exitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &code):
		return int(code)
	case errors.Is(err, syscall.EPIPE):
		return 0 // our reader went away: nothing left to say to anyone
	}
	fmt.Fprintf(stderr, "stracedump: %v\n", err)
	return 1
}

func newApp(stdout, stderr io.Writer) *cli.App {
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
		Commands:                  []*cli.Command{recordCommand(), decodeCommand(), installCommand(), uninstallCommand()},
		// Without a command, stracedump answers Wireshark's extcap calls.
		Flags:  extcap.Flags(),
		Action: extcapAction,
	}
}
