package command

import (
	"errors"
	"fmt"
	"os"
	"os/user"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/urfave/cli/v2"
	"golang.org/x/sys/unix"

	"github.com/stracedump/stracedump/decoder"
	"github.com/stracedump/stracedump/pcapng"
	"github.com/stracedump/stracedump/tracer"
)

func recordCommand() *cli.Command {
	return &cli.Command{
		Name:      "record",
		Usage:     "trace a command or running processes into a pcapng capture",
		ArgsUsage: "[-- COMMAND [ARGS...]]",
		Description: "Like strace -f -o FILE, but the file is a pcapng capture that Wireshark and\n" +
			"'stracedump decode' read. The traced command keeps our terminal.",
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "o", Aliases: []string{"output"}, Usage: "write the capture to `FILE` (- for stdout; FILE.gz is gzip-compressed, read as is by decode and Wireshark)"},
			&cli.StringSliceFlag{Name: "p", Aliases: []string{"attach"}, Usage: "attach to process `PID` and all its threads (repeatable, or comma-separated)"},
			&cli.BoolFlag{Name: "f", Aliases: []string{"follow-forks"}, Value: true, Usage: "follow new children and threads (-f=false to trace only the first process)"},
			&cli.IntFlag{Name: "s", Aliases: []string{"string-limit"}, Value: 32, Usage: "record `N` as the string limit Wireshark's Info column shows (strace -s); the capture keeps at least N bytes of each string or buffer"},
			&cli.IntFlag{Name: "snaplen", Value: decoder.DefaultCaptureLength, Usage: "keep at most `N` bytes of each string or buffer (at least -s), which 'decode -s' and Wireshark's data fields can show"},
			&cli.IntFlag{Name: "snaplen-socket", Value: decoder.DefaultSocketCaptureLength, Usage: "keep at most `N` bytes of the data read from or written to a socket (at least --snaplen)"},
			&cli.StringSliceFlag{Name: "E", Aliases: []string{"env"}, Usage: "set `VAR=VAL` (or remove VAR) in the command's environment"},
			&cli.StringFlag{Name: "u", Aliases: []string{"user"}, Usage: "run the command as `USER` (needs root)"},
			&cli.StringFlag{Name: "I", Aliases: []string{"interruptible"}, Usage: "when SIGINT, SIGTERM, SIGHUP or SIGQUIT sent to stracedump stop the capture, as strace's -I: `WHEN` is 1 (anywhere), 2 (waiting), 3 (never) or 4 (never_tstp: ^Z too); default 3 for a command, whose own signals then reach it alone, as under strace -o FILE COMMAND, and 2 with -p"},
			&cli.BoolFlag{Name: "detach-on-stop", Usage: "when the capture stops, let the launched command run on instead of killing it"},
			&cli.BoolFlag{Name: "seccomp-bpf", Value: true, Usage: "with -e trace= selecting a subset, have the kernel stop a launched command only on the selected calls (--seccomp-bpf=false to filter in the tracer)"},
			&cli.StringSliceFlag{Name: "b", Aliases: []string{"ring-buffer"}, Usage: "write a ring of files, as dumpcap's -b: `COND` filesize:KB or duration:SECONDS starts the next file (FILE_00001_YYYYmmddHHMMSS.pcapng, ...), files:N keeps the newest N; each file opens and decodes alone"},
			&cli.StringSliceFlag{Name: "a", Aliases: []string{"autostop"}, Usage: "stop the capture, as dumpcap's -a: `COND` duration:SECONDS, filesize:KB (of the file being written) or files:N (with -b)"},
			&cli.BoolFlag{Name: "gzip", Usage: "compress the capture (the default for -o FILE.gz); Wireshark and decode read it as is"},
			&cli.StringFlag{Name: "cpuprofile", Hidden: true, Usage: "write a Go CPU profile of the tracer to `FILE`"},
			&cli.StringFlag{Name: "memprofile", Hidden: true, Usage: "write a Go allocation profile of the tracer to `FILE` when it ends"},
		}, filterFlags()...),
		Action: record,
	}
}

func record(c *cli.Context) error {
	argv := c.Args().Slice()
	pids, err := parsePIDs(c.StringSlice("p"))
	if err != nil {
		return err
	}
	switch {
	case len(argv) == 0 && len(pids) == 0:
		return errors.New("record needs a command after -- or -p PID")
	case len(argv) > 0 && len(pids) > 0:
		return errors.New("record takes a command or -p PID, not both")
	}
	if c.Int("s") < 0 {
		return fmt.Errorf("-s %d: the string limit cannot be negative", c.Int("s"))
	}
	if c.Int("snaplen") <= 0 {
		return fmt.Errorf("--snaplen %d: the capture length must be at least 1", c.Int("snaplen"))
	}
	if c.Int("snaplen-socket") <= 0 {
		return fmt.Errorf("--snaplen-socket %d: the capture length must be at least 1", c.Int("snaplen-socket"))
	}
	captureLength := max(c.Int("snaplen"), c.Int("s"))
	socketLength := max(c.Int("snaplen-socket"), captureLength)
	decOpts := decoder.CaptureOptions(captureLength)
	decOpts.SocketCaptureLength = socketLength
	f, err := filterFromFlags(c, nil)
	if err != nil {
		return err
	}
	interrupt := interruptWaiting
	if len(argv) > 0 {
		interrupt = interruptNever
	}
	if s := c.String("I"); s != "" {
		if interrupt, err = parseInterruptible(s); err != nil {
			return err
		}
	}
	opts := tracer.Options{
		FollowForks:  c.Bool("f"),
		DetachOnStop: c.Bool("detach-on-stop"),
		Decoder:      decoder.New(decOpts),
	}
	if env := c.StringSlice("E"); len(env) > 0 {
		opts.Env = editEnv(os.Environ(), env)
	}
	if name := c.String("u"); name != "" {
		// The real uid, as strace checks it: a set-user-ID root stracedump
		// must not run commands as any user its caller names.
		if uid := unix.Getuid(); uid != 0 {
			return fmt.Errorf("-u %s: running the command as another user needs root (stracedump runs as uid %d)", name, uid)
		}
		cred, err := lookupUser(name)
		if err != nil {
			return err
		}
		opts.Credential = cred
	}

	ring, err := parseRing(c.StringSlice("b"), c.StringSlice("a"))
	if err != nil {
		return err
	}
	output := c.String("o")
	if ring.rotates() {
		if output == "" || output == "-" {
			return errors.New("-b writes a ring of files: give -o FILE to name them")
		}
		output = ringName(output, 1, time.Now())
	}
	out, err := openOutput(output)
	if err != nil {
		return err
	}
	defer out.Close()
	described := describe(argv, pids)
	if c.String("o") == "-" && len(argv) > 0 {
		// The capture owns stdout: the command's output would corrupt it,
		// so it goes to stderr, which still reaches the terminal.
		opts.Stdout = os.Stderr
	}
	if path := c.String("cpuprofile"); path != "" {
		pf, err := os.Create(path)
		if err != nil {
			return err
		}
		defer pf.Close()
		if err := pprof.StartCPUProfile(pf); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	if path := c.String("memprofile"); path != "" {
		// Every allocation sampled: the capture path's allocations per stop
		// are what this profile is for, and they are small.
		runtime.MemProfileRate = 1
		defer writeHeapProfile(path)
	}
	res, err := runCapture(out, capture{target: tracer.Target{Argv: argv, PIDs: pids}, opts: opts,
		described: described, stringLimit: c.Int("s"), captureLength: captureLength, socketLength: socketLength, filter: f, seccomp: c.Bool("seccomp-bpf"),
		gzip: c.Bool("gzip") || strings.HasSuffix(c.String("o"), ".gz"), interrupt: interrupt, ring: ring, output: c.String("o")})
	if err != nil {
		return err
	}
	if res.stoppedBy != 0 {
		// Stopped by a signal: die of it, as strace does.
		return signalExit(res.stoppedBy)
	}
	if res.readerGone || res.autostopped {
		// The reader left, as head does, or an -a condition ended the
		// capture as asked: the command's end, if we killed it, is ours
		// and no news to anyone.
		return nil
	}
	stats := res.stats
	if stats.Launched && stats.ExitStatus >= 0 {
		// Pass the command's status on, as strace does.
		ws := unix.WaitStatus(stats.ExitStatus)
		switch {
		case ws.Exited() && ws.ExitStatus() != 0:
			return exitError(ws.ExitStatus())
		case ws.Signaled():
			return signalExit(ws.Signal())
		}
	}
	return nil
}

// openOutput opens the capture's destination. A capture is binary, so it
// never goes to a terminal unasked.
func openOutput(path string) (*os.File, error) {
	if path == "-" || path == "" {
		if path == "" {
			if _, err := unix.IoctlGetTermios(int(os.Stdout.Fd()), unix.TCGETS); err == nil {
				return nil, errors.New("not writing a binary capture to a terminal: give -o FILE (or -o - to insist)")
			}
		}
		fd, err := syscall.Dup(int(os.Stdout.Fd()))
		if err != nil {
			return nil, err
		}
		return os.NewFile(uintptr(fd), "stdout"), nil
	}
	f, err := pcapng.Create(path)
	if err != nil {
		return nil, fmt.Errorf("cannot create the capture: %w", err)
	}
	return f, nil
}

func parsePIDs(values []string) ([]int, error) {
	var pids []int
	for _, v := range values {
		for _, f := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' }) {
			n, err := strconv.Atoi(f)
			if err != nil || n <= 0 {
				return nil, fmt.Errorf("-p %s: not a process id", f)
			}
			if !slices.Contains(pids, n) {
				pids = append(pids, n) // -p X -p X attaches once, as strace does
			}
		}
	}
	return pids, nil
}

// editEnv applies strace-style -E edits: VAR=VAL sets, a bare VAR removes.
func editEnv(env, edits []string) []string {
	for _, e := range edits {
		name, _, set := strings.Cut(e, "=")
		out := env[:0:0]
		for _, kv := range env {
			if k, _, _ := strings.Cut(kv, "="); k != name {
				out = append(out, kv)
			}
		}
		if set {
			out = append(out, e)
		}
		env = out
	}
	return env
}

func lookupUser(name string) (*syscall.Credential, error) {
	u, err := user.Lookup(name)
	if err != nil {
		return nil, fmt.Errorf("-u %s: %w", name, err)
	}
	uid, _ := strconv.ParseUint(u.Uid, 10, 32)
	gid, _ := strconv.ParseUint(u.Gid, 10, 32)
	cred := &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
	if ids, err := u.GroupIds(); err == nil {
		for _, g := range ids {
			if n, err := strconv.ParseUint(g, 10, 32); err == nil {
				cred.Groups = append(cred.Groups, uint32(n))
			}
		}
	}
	return cred, nil
}

// writeHeapProfile writes the allocation profile record --memprofile asks
// for; a failure is reported, not fatal: the capture is already written.
func writeHeapProfile(path string) {
	f, err := os.Create(path)
	if err == nil {
		err = pprof.Lookup("allocs").WriteTo(f, 0)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "stracedump: memory profile: %v\n", err)
	}
}
