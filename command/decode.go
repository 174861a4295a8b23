package command

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/pprof"
	"strings"

	"github.com/stracedump/stracedump/decoder"
	"github.com/stracedump/stracedump/internal/private"
	"github.com/stracedump/stracedump/pcapng"
	"github.com/urfave/cli/v2"
)

func decodeCommand() *cli.Command {
	return &cli.Command{
		Name:      "decode",
		Usage:     "print a capture as strace's text",
		ArgsUsage: "FILE|-",
		Description: "Replays the capture alone, with no live process: the text is what strace would\n" +
			"have printed. With -o FILE it prints like 'strace -f -o FILE' (every line starts\n" +
			"with the pid); to stdout it prints like strace on a terminal.",
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "o", Aliases: []string{"output"}, Usage: "write the text to `FILE`"},
			&cli.IntFlag{Name: "s", Aliases: []string{"string-limit"}, Value: 32, Usage: "show at most `N` bytes of each string or buffer, up to what the capture kept (record --snaplen, 256 by default)"},
			&cli.BoolFlag{Name: "v", Aliases: []string{"no-abbrev"}, Usage: "print structures unabbreviated"},
			&cli.BoolFlag{Name: "y", Usage: "print the paths of file descriptors"},
			&cli.BoolFlag{Name: "yy", Usage: "print paths and socket details of file descriptors"},
			&cli.BoolFlag{Name: "q", Usage: "suppress attach and detach messages"},
			&cli.BoolFlag{Name: "qq", Usage: "also suppress process exit messages"},
			&cli.BoolFlag{Name: "T", Usage: "show the time spent in each call"},
			&cli.BoolFlag{Name: "t", Usage: "start each line with the time of day"},
			&cli.BoolFlag{Name: "tt", Usage: "start each line with the time of day in microseconds"},
			&cli.BoolFlag{Name: "ttt", Usage: "start each line with seconds since the epoch, in microseconds"},
			&cli.BoolFlag{Name: "r", Usage: "start each line with the time since the previous one"},
			&cli.BoolFlag{Name: "n", Usage: "print each call's syscall number"},
			&cli.BoolFlag{Name: "x", Usage: "print strings with non-ASCII bytes in hex"},
			&cli.BoolFlag{Name: "xx", Usage: "print every string in hex"},
			&cli.BoolFlag{Name: "N", Aliases: []string{"arg-names"}, Usage: "print each argument as name=value, as strace 6.16's -N does"},
			&cli.BoolFlag{Name: "Y", Usage: "print each line's pid with its command name, \"1234<sh>\", as strace 6.16's -Y does (--decode-pids=comm)"},
			&cli.StringFlag{Name: "decode-pids", Usage: "`comm`: as -Y"},
			&cli.StringFlag{Name: "X", Value: "abbrev", Usage: "print named constants as `raw` numbers, abbrev names or verbose both"},
			&cli.BoolFlag{Name: "c", Aliases: []string{"summary-only"}, Usage: "print strace -c's table of calls, errors and time per syscall instead of the calls"},
			&cli.BoolFlag{Name: "C", Aliases: []string{"summary"}, Usage: "print the calls, then strace -c's table"},
			&cli.BoolFlag{Name: "w", Aliases: []string{"summary-wall-clock"}, Usage: "accepted for strace's sake: the table's times are always each call's duration, as strace -c -w"},
			&cli.StringFlag{Name: "S", Aliases: []string{"summary-sort-by"}, Value: "time", Usage: "sort the table by `KEY`: time, calls, errors, name or nothing"},
			&cli.BoolFlag{Name: "keep-going", Usage: "go on past a damaged record (saying which on stderr, and exiting 1 at the end) instead of stopping at it"},
			&cli.BoolFlag{Name: "io-uring", Usage: "after each io_uring_enter, comment lines (\"# io_uring sqe: ...\", \"# io_uring cqe: ...\") with the operations it submitted and the completions waiting after it, which strace does not print"},
			&cli.BoolFlag{Name: "json", Usage: "print one JSON object per record (JSON Lines, docs/json.md) instead of text; the capture's metadata first"},
			&cli.StringFlag{Name: "cpuprofile", Hidden: true, Usage: "write a Go CPU profile of the decoding to `FILE`"},
		}, filterFlags()...),
		Action: decode,
	}
}

func decode(c *cli.Context) error {
	if c.NArg() != 1 {
		return errors.New("decode needs one capture file (or - for stdin)")
	}
	name := c.Args().First()
	var dump dumps
	f, err := filterFromFlags(c, &dump)
	if err != nil {
		return err
	}
	// Every option is checked before a file is opened: a mistyped one
	// must not leave an -o file emptied behind it.
	if c.Int("s") < 0 {
		return fmt.Errorf("-s %d: the string limit cannot be negative", c.Int("s"))
	}
	if p := c.String("decode-pids"); p != "" && p != "comm" {
		return fmt.Errorf("--decode-pids=%s: want comm (strace's pidns is not in a capture)", p)
	}
	style, ok := decoder.ParseXlatStyle(c.String("X"))
	if !ok {
		return fmt.Errorf("-X %q: want raw, abbrev or verbose", c.String("X"))
	}
	if c.Bool("json") && (c.Bool("c") || c.Bool("C")) {
		return errors.New("--json prints the records; -c and -C print strace's table: give one of them")
	}
	if c.Bool("c") || c.Bool("C") {
		if err := checkSummarySort(c.String("S")); err != nil {
			return err
		}
	}
	in := os.Stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return fmt.Errorf("cannot open the capture: %w", err)
		}
		defer f.Close()
		in = f
	}
	var out io.Writer = c.App.Writer
	if path := c.String("o"); path != "" {
		// The text holds what the capture holds: private as it is.
		f, err := private.Create(path)
		if err != nil {
			return fmt.Errorf("cannot create the output: %w", err)
		}
		defer f.Close()
		out = f
	}
	// One large buffer: a line is about a hundred bytes, and each write
	// of the output is a syscall.
	bw := bufio.NewWriterSize(out, 256<<10)

	opts := decoder.DefaultOptions()
	opts.StringLimit = c.Int("s")
	opts.Verbose = c.Bool("v")
	opts.DumpRead, opts.DumpWrite = dump.read, dump.write
	switch {
	case c.Bool("yy"):
		opts.DecodeFDs = 2
	case c.Bool("y"):
		opts.DecodeFDs = 1
	}
	switch {
	case c.Bool("qq"):
		opts.Quiet = 2
	case c.Bool("q"):
		opts.Quiet = 1
	}
	opts.IoUring = c.Bool("io-uring")
	opts.Durations = c.Bool("T")
	opts.Relative = c.Bool("r")
	opts.SyscallNumbers = c.Bool("n")
	opts.ArgNames = c.Bool("N")
	opts.PidComm = c.Bool("Y") || c.String("decode-pids") == "comm"
	switch {
	case c.Bool("xx"):
		opts.HexStrings = 2
	case c.Bool("x"):
		opts.HexStrings = 1
	}
	opts.Xlat = style
	switch {
	case c.Bool("ttt"):
		opts.Timestamps = 3
	case c.Bool("tt"):
		opts.Timestamps = 2
	case c.Bool("t"):
		opts.Timestamps = 1
	}
	// As strace: a file gets the pid on every line, a terminal "[pid N]"
	// once more than one process is traced.
	opts.Prefix = decoder.PrefixTerminal
	if c.String("o") != "" {
		opts.Prefix = decoder.PrefixFile
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
	// The text printer or the JSON writer: the same records, the same
	// filter, the same renderer.
	var p recordWriter = decoder.NewPrinter(bw, decoder.New(opts))
	var jw *decoder.JSONWriter
	if c.Bool("json") {
		jw = decoder.NewJSONWriter(bw, decoder.New(opts))
		p = jw
	}
	var summary *decoder.Summary
	if c.Bool("c") || c.Bool("C") {
		summary = decoder.NewSummary()
	}
	printCalls := !c.Bool("c") || c.Bool("C")

	r, err := pcapng.NewReader(in)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	var rec pcapng.Record
	var readErr error
	records, skipped := 0, 0
	for {
		// The printer copies what it keeps of a record, and the filter
		// keeps nothing: the reader's buffer may hold its sections.
		if err := r.ZeroCopyNext(&rec); err != nil {
			var re *pcapng.RecordError
			if c.Bool("keep-going") && errors.As(err, &re) {
				// The packet's framing held: the next one can be read.
				skipped++
				if skipped <= maxSkipLines {
					fmt.Fprintf(c.App.ErrWriter, "stracedump: %s: %v (skipped)\n", name, err)
				}
				continue
			}
			if err != io.EOF {
				readErr = err
			}
			break
		}
		records++
		if jw != nil && records == 1 {
			jw.FormatVersion = r.RecordVersion()
		}
		if f != nil && !f.Keep(&rec) {
			continue
		}
		if summary != nil {
			summary.Add(&rec)
		}
		if !printCalls {
			continue
		}
		if err := p.Write(&rec); err != nil {
			return err
		}
	}
	// A file of other packets (an Ethernet capture) prints nothing, not
	// even the JSON metadata line: one line says what it is instead.
	if records == 0 && skipped == 0 && readErr == nil {
		if err := r.NotRecords(); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	// What decoded before a bad record is printed before the error.
	if err := p.Close(); err != nil {
		return err
	}
	if summary != nil {
		if err := summary.Write(bw, c.String("S")); err != nil {
			return err
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if readErr != nil {
		return fmt.Errorf("%s: %w", name, readErr)
	}
	if skipped > 0 {
		if skipped > maxSkipLines {
			fmt.Fprintf(c.App.ErrWriter, "stracedump: %s: %d more damaged records skipped\n", name, skipped-maxSkipLines)
		}
		return exitError(1)
	}
	return nil
}

// maxSkipLines is how many damaged records --keep-going names one by one;
// the rest it counts.
const maxSkipLines = 10

// recordWriter is what decode prints records with: the text printer or
// the JSON writer.
type recordWriter interface {
	Write(*pcapng.Record) error
	Close() error
}

// checkSummarySort rejects a -S key before any output, as strace does.
func checkSummarySort(key string) error {
	for _, k := range decoder.SummarySorts {
		if key == k {
			return nil
		}
	}
	return fmt.Errorf("invalid sortby: '%s' (want %s)", key, strings.Join(decoder.SummarySorts, ", "))
}
