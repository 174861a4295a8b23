package command

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/stracedump/stracedump/decoder"
	"github.com/stracedump/stracedump/importer"
	"github.com/stracedump/stracedump/pcapng"
)

func importCommand() *cli.Command {
	return &cli.Command{
		Name:      "import",
		Usage:     "turn strace's text output into a capture",
		ArgsUsage: "LOG|- [LOG...]",
		Description: "Reads what 'strace -f -o LOG' wrote (with or without -tt/-ttt, -T, -y/-yy, -x) and\n" +
			"writes a capture that decode prints back as the same text. Each call is kept as\n" +
			"values where the text gives them back; what it does not (an abbreviated structure)\n" +
			"is kept as text (docs/import.md). Several LOGs are one 'strace -ff' set: each\n" +
			"file's pid is its name's suffix (LOG.1234).",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "o", Aliases: []string{"output"}, Required: true, Usage: "write the capture to `FILE`"},
			&cli.StringFlag{Name: "arch", Value: "x86_64", Usage: "the traced program's `ARCH`: x86_64, i386 or aarch64"},
			&cli.IntFlag{Name: "s", Aliases: []string{"string-limit"}, Value: 32, Usage: "the -s `N` the log was written with"},
			&cli.BoolFlag{Name: "x", Usage: "the log was written with -x"},
			&cli.BoolFlag{Name: "xx", Usage: "the log was written with -xx"},
			&cli.BoolFlag{Name: "stats", Usage: "say on stderr how many arguments were kept as values and as text"},
		},
		Action: importAction,
	}
}

func importAction(c *cli.Context) (err error) {
	if c.NArg() == 0 {
		return errors.New("import needs a strace log (or - for stdin)")
	}
	arch := decoder.ArchByName(c.String("arch"))
	if arch == nil {
		return fmt.Errorf("unknown arch %q: use x86_64, i386 or aarch64", c.String("arch"))
	}
	hex := 0
	if c.Bool("x") {
		hex = 1
	}
	if c.Bool("xx") {
		hex = 2
	}
	out, err := pcapng.Create(c.String("o"))
	if err != nil {
		return err
	}
	defer func() {
		out.Close()
		if err != nil {
			// Half a capture would only mislead.
			os.Remove(c.String("o"))
		}
	}()
	bw := bufio.NewWriterSize(out, 1<<16)
	w, err := pcapng.NewWriter(bw, pcapng.WriterOptions{Command: "imported: " + strings.Join(c.Args().Slice(), " "), Version: Version})
	if err != nil {
		return err
	}
	stderr := c.App.ErrWriter
	opts := importer.Options{Arch: arch, StringLimit: c.Int("s"), HexStrings: hex,
		Warn: func(file string, line int, err error) {
			fmt.Fprintf(stderr, "stracedump: %s:%d: kept as a comment: %v\n", file, line, err)
		}}
	var im *importer.Importer
	for _, name := range c.Args().Slice() {
		in, day, err := openLog(name)
		if err != nil {
			return err
		}
		if im == nil {
			opts.Day = day
			im = importer.New(opts, w.WriteRecord)
		}
		err = importLog(im, name, in, pidSuffix(name, c.NArg()))
		if in != os.Stdin {
			in.Close()
		}
		if err != nil {
			return err
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("writing %s: %w", c.String("o"), err)
	}
	if c.Bool("stats") {
		s := im.Stats
		fmt.Fprintf(stderr, "lines %d: calls %d, signals %d, exits %d, comments %d; arguments %d, as text %d; calls with all arguments as text %d; results %d, as text %d; siginfo as text %d\n",
			s.Lines, s.Calls, s.Signals, s.Exits, s.Comments, s.Args, s.ArgsText, s.WholeText, s.Results, s.ResultsText, s.SiginfoText)
		kinds := make([]string, 0, len(s.TextKinds))
		for k, n := range s.TextKinds {
			kinds = append(kinds, fmt.Sprintf("%s %d", k, n))
		}
		sort.Strings(kinds)
		fmt.Fprintf(stderr, "arguments as text by kind: %s\n", strings.Join(kinds, ", "))
	}
	return out.Close()
}

// openLog opens a log and gives the day its -t times fall on: the day
// it was last written.
func openLog(name string) (*os.File, time.Time, error) {
	if name == "-" {
		return os.Stdin, time.Now(), nil
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, time.Time{}, err
	}
	day := time.Now()
	if fi, err := f.Stat(); err == nil {
		day = fi.ModTime()
	}
	return f, day, nil
}

// pidSuffix is the pid of a file of a strace -ff set ("log.1234"), whose
// lines carry none; 0 for a lone log.
func pidSuffix(name string, files int) int {
	ext := filepath.Ext(name)
	if files < 2 || len(ext) < 2 {
		return 0
	}
	pid, err := strconv.Atoi(ext[1:])
	if err != nil || pid <= 0 {
		return 0
	}
	return pid
}

func importLog(im *importer.Importer, name string, in io.Reader, pid int) error {
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 0, 1<<16), 1<<24)
	n := 0
	for sc.Scan() {
		n++
		if err := im.Line(name, n, pid, sc.Text()); err != nil {
			return fmt.Errorf("%s:%d: %w", name, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("reading %s: %w", name, err)
	}
	return nil
}
