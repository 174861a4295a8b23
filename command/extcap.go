package command

import (
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/stracedump/stracedump/decoder"
	"github.com/stracedump/stracedump/docs"
	"github.com/stracedump/stracedump/extcap"
	"github.com/stracedump/stracedump/internal/private"
	"github.com/stracedump/stracedump/tracer"
	"github.com/urfave/cli/v2"
)

// extcapAction runs when stracedump is called with no command: that is
// how Wireshark calls it, with the extcap protocol's flags. Every answer
// but a capture's goes to stdout, which Wireshark parses.
func extcapAction(c *cli.Context) error {
	w := c.App.Writer
	iface := c.String(extcap.FlagInterface)
	switch {
	case c.Bool(extcap.FlagCleanup):
		return nil // we leave nothing behind to clean up
	case c.Bool(extcap.FlagInterfaces):
		return extcap.WriteInterfaces(w, Version, extcap.HelpURL(docs.HelpPage))
	case c.Bool(extcap.FlagDLTs):
		return extcap.WriteDLTs(w, iface)
	case c.Bool(extcap.FlagConfig) && c.IsSet(extcap.FlagReloadOption):
		remote, err := extcap.RemoteFromOptions(c.String)
		if err != nil {
			return err
		}
		name, list := c.String(extcap.FlagReloadOption), traceable
		if remote != nil && strings.TrimLeft(name, "-") == extcap.OptionProcess {
			// The reload button asks the remote host. Wireshark shows
			// no error of a reload: the picker's one entry tells it.
			procs, err := remoteProcesses(remote)
			if err != nil {
				return extcap.WriteReloadFailed(w, iface, name, err)
			}
			list = func() ([]extcap.Process, error) { return procs, nil }
		}
		return extcap.WriteReload(w, iface, name, list)
	case c.Bool(extcap.FlagConfig):
		if remote, _ := extcap.RemoteFromOptions(c.String); remote != nil {
			// The config answer must be fast and touch nothing: the remote
			// processes come with the reload button.
			return extcap.WriteConfig(w, iface, func() ([]extcap.Process, error) { return nil, nil })
		}
		return extcap.WriteConfig(w, iface, traceable)
	case c.Bool(extcap.FlagCapture):
		return extcapCapture(c)
	case c.IsSet(extcap.FlagCaptureFilter):
		// Validation as the user types: no output means valid, else the
		// first line is the reason. The exit status is not looked at.
		if _, err := extcap.ParseFilter(c.String(extcap.FlagCaptureFilter)); err != nil {
			fmt.Fprintln(w, err)
		}
		return nil
	}
	if c.NArg() > 0 {
		return fmt.Errorf("unknown command %q (see 'stracedump --help')", c.Args().First())
	}
	return cli.ShowAppHelp(c)
}

// traceable lists the processes the picker offers. Neither we nor
// Wireshark, which runs us, are for tracing.
func traceable() ([]extcap.Process, error) {
	skip := append(extcap.Ancestors("/proc", os.Getpid()), os.Getpid())
	return extcap.Processes("/proc", os.Getuid(), skip...)
}

// extcapCapture runs a capture for Wireshark into --fifo. Anything on
// stderr is shown as an error, so it stays silent but for one line on a
// real failure; the log goes to --debug-file.
func extcapCapture(c *cli.Context) (err error) {
	path := c.String(extcap.FlagFIFO)
	if path == "" {
		return errors.New("--capture needs --fifo PATH")
	}
	// The fifo is opened before anything can fail: tshark 4.0 hangs on an
	// extcap that exits without opening it, and reports the error of one
	// that did.
	out, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return fmt.Errorf("cannot open the capture fifo: %w", err)
	}
	defer out.Close()
	defer func() {
		if err == nil {
			return
		}
		// tshark 4.0 reads our stderr asynchronously: when we exit at once,
		// a busy machine sometimes ends the session on the closed fifo
		// before the message is read, and shows an empty error. Written
		// first and given a moment, the message is always shown.
		fmt.Fprintf(c.App.ErrWriter, "stracedump: %v\n", err)
		time.Sleep(errorLinger)
		err = exitError(1)
	}()

	caller := extcap.ParentCaller()
	cfg, err := extcap.ParseConfig(func(call string) (string, bool) {
		return c.String(call), c.IsSet(call)
	}, caller)
	if err != nil {
		return err
	}
	logger, closeLog, err := extcapLog(c.Bool(extcap.FlagDebug), cfg.DebugFile)
	if err != nil {
		return err
	}
	defer closeLog()
	logger.Printf("capture: %q", os.Args)
	if caller.Name != "" {
		logger.Printf("run by %s, which sets %v with -o", caller.Name, caller.Set)
	}
	if len(cfg.Ignored) > 0 {
		logger.Printf("not used, since -o chose what to trace: %s", strings.Join(cfg.Ignored, ", "))
	}
	if iface := c.String(extcap.FlagInterface); iface != "" && iface != extcap.Interface {
		return fmt.Errorf("unknown extcap interface %q (stracedump has %q)", iface, extcap.Interface)
	}
	filter, err := extcap.ParseFilter(c.String(extcap.FlagCaptureFilter))
	if err != nil {
		return fmt.Errorf("capture filter: %w", err)
	}

	if cfg.Remote != nil {
		logger.Printf("remote capture on %s", cfg.Remote.Label())
		if err := remoteCapture(out, cfg, c.String(extcap.FlagCaptureFilter), logger); err != nil {
			logger.Printf("capture failed: %v", err)
			return err
		}
		logger.Printf("remote capture ended")
		return nil
	}

	for _, a := range extcap.Ancestors("/proc", os.Getpid()) {
		for _, p := range cfg.PIDs {
			if p == a {
				return fmt.Errorf("cannot attach to pid %d: it runs this capture (Wireshark or dumpcap), and tracing it would freeze the capture", p)
			}
		}
	}

	decOpts := decoder.CaptureOptions(cfg.CaptureLength)
	decOpts.SocketCaptureLength = cfg.SocketCaptureLength
	if !cfg.FDPaths {
		decOpts.DecodeFDs = 0
	}
	opts := tracer.Options{
		FollowForks:  cfg.FollowForks,
		DetachOnStop: cfg.DetachOnStop,
		Dir:          cfg.Dir,
		Decoder:      decoder.New(decOpts),
	}
	if len(cfg.Env) > 0 {
		opts.Env = editEnv(os.Environ(), cfg.Env)
	}
	if len(cfg.Argv) > 0 {
		files, err := programFiles(cfg.Output)
		if err != nil {
			return err
		}
		defer func() {
			for _, f := range files {
				f.Close()
			}
		}()
		opts.Stdin, opts.Stdout, opts.Stderr = files[0], files[1], files[1]
	}

	res, err := runCapture(out, capture{
		target:        tracer.Target{Argv: cfg.Argv, PIDs: cfg.PIDs},
		opts:          opts,
		described:     describe(cfg.Argv, cfg.PIDs),
		stringLimit:   cfg.StringLimit,
		captureLength: cfg.CaptureLength,
		socketLength:  cfg.SocketCaptureLength,
		filter:        filter,
		seccomp:       true,
		// Wireshark's stop button is a SIGTERM.
		interrupt: interruptWaiting,
	})
	if err != nil {
		logger.Printf("capture failed: %v", err)
		return err
	}
	// A stop by Wireshark (fifo closed, SIGTERM) and a program that failed
	// are both a capture that went well.
	logger.Printf("capture ended: %d records, %d syscalls, stopped by %v, program status %#x, seccomp filter %v",
		res.stats.Records, res.stats.Syscalls, res.stoppedBy, res.stats.ExitStatus, res.stats.Seccomp)
	return nil
}

// errorLinger is how long a failed capture keeps the fifo open after
// writing its error, so Wireshark reads the error before the end of stream.
const errorLinger = 200 * time.Millisecond

// programFiles opens the launched program's stdin (/dev/null) and the
// file for its stdout and stderr: output, or /dev/null when "". Our own
// stdout and stderr belong to Wireshark and never reach the program.
func programFiles(output string) ([2]*os.File, error) {
	var files [2]*os.File
	in, err := os.Open(os.DevNull)
	if err != nil {
		return files, err
	}
	var out *os.File
	if output == "" {
		out, err = os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	} else {
		out, err = private.Create(output)
	}
	if err != nil {
		in.Close()
		return files, fmt.Errorf("program output: %w", err)
	}
	return [2]*os.File{in, out}, nil
}

// extcapLog opens the capture's log: the debug file when one is set,
// extcap.log in the user's own cache directory for a bare --debug, else
// nowhere. The log holds the command line with its --env values: it is
// private, and never in a directory other users can write to.
func extcapLog(debug bool, file string) (*log.Logger, func(), error) {
	if file == "" && debug {
		var err error
		if file, err = defaultLogPath(); err != nil {
			return nil, nil, fmt.Errorf("log file: %w", err)
		}
	}
	if file == "" {
		return log.New(io.Discard, "", 0), func() {}, nil
	}
	f, err := private.Append(file)
	if err != nil {
		return nil, nil, fmt.Errorf("log file: %w", err)
	}
	return log.New(f, fmt.Sprintf("stracedump[%d] ", os.Getpid()), log.LstdFlags|log.Lmicroseconds), func() { f.Close() }, nil
}

// defaultLogPath is stracedump/extcap.log in the user's cache directory
// ($XDG_CACHE_HOME, else ~/.cache), made 0700 when missing.
func defaultLogPath() (string, error) {
	cache, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	dir := filepath.Join(cache, "stracedump")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	return filepath.Join(dir, "extcap.log"), nil
}

// extcapArgs removes the --extcap-* options this version does not know
// when stracedump runs with top-level flags, as Wireshark runs it: a
// newer Wireshark may pass more, and urfave/cli stops at any it does not
// know.
func extcapArgs(args []string) []string {
	if len(args) < 2 || !strings.HasPrefix(args[1], "-") {
		return args
	}
	return append(args[:1:1], extcap.StripUnknown(args[1:])...)
}
