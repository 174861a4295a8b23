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
	warned := 0
	opts := importer.Options{Arch: arch, StringLimit: c.Int("s"), HexStrings: hex,
		Warn: func(file string, line int, err error) {
			if warned++; warned <= maxWarnings {
				fmt.Fprintf(stderr, "stracedump: %s:%d: kept as a comment: %v\n", file, line, err)
			}
		}}
	var logs []*logFile
	for _, name := range c.Args().Slice() {
		in, day, err := openLog(name)
		if err != nil {
			return err
		}
		lf, err := readLog(name, in, pidSuffix(name, c.NArg()))
		if in != os.Stdin {
			in.Close()
		}
		if err != nil {
			return err
		}
		if logs == nil {
			opts.Day = day
		}
		logs = append(logs, lf)
	}
	im := importer.New(opts, w.WriteRecord)
	for _, l := range mergeLogs(logs) {
		if err := im.Line(l.file.name, l.n, l.file.pid, l.text); err != nil {
			return fmt.Errorf("%s:%d: %w", l.file.name, l.n, err)
		}
	}
	if s := im.Stats; s.Lines > 0 && s.Comments == s.Lines {
		return fmt.Errorf("no line of %s is strace's output: is it a strace -o log?", strings.Join(c.Args().Slice(), ", "))
	}
	if warned > maxWarnings {
		fmt.Fprintf(stderr, "stracedump: %d more lines kept as comments\n", warned-maxWarnings)
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

// maxWarnings is how many unreadable lines import names on stderr; it
// counts the rest.
const maxWarnings = 20

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

// logFile is one log read whole: a strace -ff set is merged by time.
type logFile struct {
	name  string
	pid   int
	lines []logLine
}

type logLine struct {
	file  *logFile
	n     int
	text  string
	clock int   // the line's -t/-tt/-ttt, 0 without
	time  int64 // its time, as importer.Line has it
}

func readLog(name string, in io.Reader, pid int) (*logFile, error) {
	lf := &logFile{name: name, pid: pid}
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 0, 1<<16), 1<<24)
	for n := 1; sc.Scan(); n++ {
		l, _ := importer.ParseLine(sc.Text())
		lf.lines = append(lf.lines, logLine{file: lf, n: n, text: sc.Text(), clock: l.Clock, time: l.Time})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	return lf, nil
}

// mergeLogs puts the lines of several logs (a strace -ff set) in the
// order of their times when every line has one, else file after file.
func mergeLogs(logs []*logFile) []logLine {
	var all []logLine
	timed := true
	for _, lf := range logs {
		for _, l := range lf.lines {
			timed = timed && l.clock != 0
		}
		all = append(all, lf.lines...)
	}
	if timed && len(logs) > 1 {
		// Stable: lines of one time keep their file's order.
		sort.SliceStable(all, func(i, j int) bool { return all[i].time < all[j].time })
	}
	return all
}
