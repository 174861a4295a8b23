// Package workbench writes a capture holding one record of each case the
// dissector's analyst view must get right, and checks what a tshark with
// the dissector loaded shows of it: the Process, Result and Info columns,
// the flag bit fields and their filters, the not-returned expert info and
// the tree's order. Package lua's tests run the checks with the host's
// tshark; tests/matrix runs them on every Wireshark version.
package workbench

import (
	"fmt"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/stracedump/stracedump/decoder"
	"github.com/stracedump/stracedump/pcapng"
)

const (
	archX86   = 0xc000003e
	archArm64 = 0xc00000b7
	atFDCWD   = 0xffffffffffffff9c
)

// The capture's frames, by what they are.
const (
	Capture    = 1
	Process    = 2
	Creat      = 3  // openat(AT_FDCWD, "/tmp/new", O_WRONLY|O_CREAT|O_TRUNC, 0644) = 3
	ENOENT     = 4  // openat(AT_FDCWD, "/nope", O_RDONLY|O_CLOEXEC) = -1 ENOENT
	Direct     = 5  // O_DIRECT on x86_64: arm64's O_DIRECTORY bit
	Directory  = 6  // O_DIRECTORY on x86_64
	Lost       = 7  // an entry whose call never completes in the capture
	Entry      = 8  // an entry that Read completes
	Read       = 9  //
	Mmap       = 10 // a pointer result
	ExitGroup  = 11 // = ?
	Signal     = 12 //
	Exit       = 13 //
	ArmDirOpen = 14 // O_DIRECTORY on arm64
	frameCount = 14
)

// Records returns the capture's records, in frame order.
func Records() []pcapng.Record {
	const tm = int64(1795664426654847123)
	path := func(s string) pcapng.Section {
		return pcapng.Section{Type: pcapng.SecMem, Flags: pcapng.SecFlagString | pcapng.SecFlagTerminated, Key: 0x1000, Data: []byte(s)}
	}
	openat := func(arch uint32, pid uint32, nr int64, p string, flags uint64, ret int64) pcapng.Record {
		return pcapng.Record{Kind: pcapng.KindSyscall, Arch: arch, PID: pid, TID: pid, Nr: nr,
			Args: [6]uint64{atFDCWD, 0x1000, flags, 0o644}, Ret: ret, Time: tm, Duration: 1500,
			Sections: []pcapng.Section{path(p)}}
	}
	creat := openat(archX86, 100, 257, "/tmp/new", 0o1101, 3)
	creat.Sections = append(creat.Sections, pcapng.Section{Type: pcapng.SecFDPath, Flags: pcapng.SecFlagExit, Key: 3, Data: []byte("/tmp/new")})
	return []pcapng.Record{
		{Kind: pcapng.KindCapture, PID: 50, TID: 50, Args: [6]uint64{32}, Time: tm,
			Sections: []pcapng.Section{{Type: pcapng.SecText, Key: 1, Data: []byte("cat /nope")}}},
		{Kind: pcapng.KindProcess, Flags: pcapng.FlagProcExec, Arch: archX86, PID: 100, TID: 100, Args: [6]uint64{50}, Time: tm,
			Sections: []pcapng.Section{{Type: pcapng.SecComm, Data: []byte("cat")}, {Type: pcapng.SecExe, Data: []byte("/usr/bin/cat")},
				{Type: pcapng.SecCwd, Data: []byte("/home/u")}}},
		creat,
		openat(archX86, 100, 257, "/nope", 0o2000000, -2),
		openat(archX86, 100, 257, "/d", 0o40000, 4),
		openat(archX86, 100, 257, "/d", 0o200000, 5),
		{Kind: pcapng.KindSyscallEntry, Arch: archX86, PID: 100, TID: 101, Nr: 0, Args: [6]uint64{0, 0x2000, 10}, Time: tm},
		{Kind: pcapng.KindSyscallEntry, Arch: archX86, PID: 100, TID: 100, Nr: 0, Args: [6]uint64{0, 0x2000, 10}, Time: tm},
		{Kind: pcapng.KindSyscall, Arch: archX86, PID: 100, TID: 100, Nr: 0, Args: [6]uint64{0, 0x2000, 10}, Ret: 0, Time: tm, Duration: 9000},
		{Kind: pcapng.KindSyscall, Arch: archX86, PID: 100, TID: 100, Nr: 9, Args: [6]uint64{0, 4096, 3, 0x22, ^uint64(0), 0},
			Ret: 0x7f1df1308000, Time: tm, Duration: 3},
		{Kind: pcapng.KindSyscall, Flags: pcapng.FlagNoReturn, Arch: archX86, PID: 100, TID: 100, Nr: 231, Time: tm},
		{Kind: pcapng.KindSignal, Arch: archX86, PID: 100, TID: 100, Nr: 17, Time: tm},
		{Kind: pcapng.KindExit, Arch: archX86, PID: 100, TID: 100, Time: tm},
		openat(archArm64, 200, 56, "/d", 0o40000, 3),
	}
}

// Write writes the capture to path.
func Write(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	w, err := pcapng.NewWriter(f, pcapng.WriterOptions{Command: "cat /nope", OS: "Linux", Hardware: "x86_64"})
	if err != nil {
		return err
	}
	recs := Records()
	for i := range recs {
		if err := w.WriteRecord(&recs[i]); err != nil {
			return err
		}
	}
	if err := w.Close(pcapng.Stats{}); err != nil {
		return err
	}
	return f.Close()
}

// Tshark runs tshark, the dissector loaded, with args and returns its
// standard output.
type Tshark func(args ...string) (string, error)

// InfoLine is the Info column's text of rec, whose strace line (decoder
// Line) is line: a call's text, one space and its result, without the
// padding to strace's result column that `stracedump decode` keeps.
func InfoLine(dec *decoder.Decoder, rec *pcapng.Record, line string) string {
	if rec.Kind != pcapng.KindSyscall {
		return line
	}
	r := *rec
	entry, _ := dec.Capture(&r, decoder.NewReplay(&r, false), false)
	exit, ret := dec.Capture(&r, decoder.NewReplay(&r, true), true)
	if decoder.JoinResult(entry+exit, ret) != line {
		// Not the parts of this line: compare with the line itself,
		// which then shows the difference.
		return line
	}
	return entry + exit + " " + ret
}

// checker collects what is wrong.
type checker struct {
	tshark   Tshark
	path     string
	problems []string
}

func (c *checker) errorf(format string, args ...any) {
	c.problems = append(c.problems, fmt.Sprintf(format, args...))
}

func (c *checker) run(args ...string) (string, bool) {
	out, err := c.tshark(append([]string{"-r", c.path}, args...)...)
	if err != nil {
		c.errorf("tshark %s: %v", strings.Join(args, " "), err)
		return "", false
	}
	return out, true
}

// column is each frame's text in a single column of the given format,
// frames from 1.
func (c *checker) column(title, format string) []string {
	out, ok := c.run("-o", `gui.column.format:"`+title+`","`+format+`"`)
	if !ok {
		return nil
	}
	rows := append([]string{""}, strings.Split(strings.TrimSuffix(out, "\n"), "\n")...)
	if len(rows) != frameCount+1 {
		c.errorf("column %s: %d rows, want %d", title, len(rows)-1, frameCount)
		return nil
	}
	return rows
}

// frames is the frames filter matches in two passes, as "3,14".
func (c *checker) frames(filter string) string {
	out, ok := c.run("-2", "-Y", filter, "-T", "fields", "-e", "frame.number")
	if !ok {
		return ""
	}
	var n []int
	for _, f := range strings.Fields(out) {
		i, err := strconv.Atoi(f)
		if err != nil {
			c.errorf("%s: frame number %q", filter, f)
		}
		n = append(n, i)
	}
	return ints(n...)
}

func ints(v ...int) string {
	sort.Ints(v)
	s := make([]string, len(v))
	for i, n := range v {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, ",")
}

// tree is one frame's strace tree, dissected in two passes.
func (c *checker) tree(frame int) string {
	out, _ := c.run("-2", "-V", "-O", "strace", "-Y", "frame.number == "+strconv.Itoa(frame))
	return out
}

// profileColumn is the format of the column title in the strace profile's
// preferences.
func profileColumn(prefs []byte, title string) string {
	m := regexp.MustCompile(`"` + regexp.QuoteMeta(title) + `", "([^"]+)"`).FindSubmatch(prefs)
	if m == nil {
		return ""
	}
	return string(m[1])
}

// Check runs every check on the capture at path (written by Write) with
// the profile's preferences file, and returns what is wrong.
func Check(tshark Tshark, path string, prefs []byte) []string {
	c := &checker{tshark: tshark, path: path}
	c.columns(prefs)
	c.flagFields()
	c.unfinished()
	c.treeOrder()
	return c.problems
}

// columns: the Process column names the process on every row (the
// capture record's is stracedump), the Result column is the text after
// strace's "= ", Info is strace's line without its padding, and the
// capture record is not credited to the tracer's pid.
func (c *checker) columns(prefs []byte) {
	pf, rf := profileColumn(prefs, "Process"), profileColumn(prefs, "Result")
	if pf == "" || rf == "" {
		c.errorf("the profile has no Process or no Result column")
		return
	}
	process, result, info := c.column("Process", pf), c.column("Result", rf), c.column("Info", "%i")
	if process == nil || result == nil || info == nil {
		return
	}
	dec := decoder.New(decoder.DefaultOptions())
	recs := Records()
	for i := range recs {
		n, rec := i+1, &recs[i]
		line := dec.Line(rec)
		if want := InfoLine(dec, rec, line); want != "" && info[n] != want {
			c.errorf("frame %d: Info %q, want %q", n, info[n], want)
		}
		if rec.Kind == pcapng.KindSyscall && strings.Contains(info[n], "  ") {
			c.errorf("frame %d: Info %q keeps strace's padding", n, info[n])
		}
		wantResult := ""
		if rec.Kind == pcapng.KindSyscall {
			r := *rec
			_, ret := dec.Capture(&r, decoder.NewReplay(&r, true), true)
			wantResult = strings.TrimPrefix(ret, "= ")
		}
		if strings.TrimSpace(result[n]) != wantResult {
			c.errorf("frame %d: Result %q, want %q (Info %q)", n, result[n], wantResult, info[n])
		}
		wantProcess := "100 cat"
		switch {
		case n == Capture:
			wantProcess = "stracedump"
		case rec.PID == 200:
			wantProcess = "200"
		}
		if strings.TrimSpace(process[n]) != wantProcess {
			c.errorf("frame %d: Process %q, want %q", n, process[n], wantProcess)
		}
	}
	// The cases the issue named, spelled out.
	for n, want := range map[int]string{ENOENT: "-1 ENOENT (No such file or directory)", Mmap: "0x7f1df1308000",
		ExitGroup: "?", Creat: "3"} {
		if got := strings.TrimSpace(result[n]); got != want {
			c.errorf("frame %d: Result %q, want %q", n, got, want)
		}
	}
	out, _ := c.run("-Y", "frame.number == 1", "-T", "fields", "-E", "separator=,", "-e", "strace.pid", "-e", "strace.arch", "-e", "strace.capture.pid")
	if got := strings.TrimSpace(out); got != ",,50" {
		c.errorf("capture record: strace.pid/strace.arch/strace.capture.pid %q, want ,,50", got)
	}
}

// flagFields: flags are bit fields with masks, filterable by strace's
// names on every arch and drawn in Wireshark's bit notation.
func (c *checker) flagFields() {
	for filter, want := range map[string]string{
		"strace.open_flags.O_CREAT == 1":       ints(Creat),
		"strace.open_flags.O_TRUNC == 1":       ints(Creat),
		"strace.open_flags.O_CLOEXEC == 1":     ints(ENOENT),
		"strace.open_flags.access == O_WRONLY": ints(Creat),
		"strace.open_flags.access == O_RDONLY": ints(ENOENT, Direct, Directory, ArmDirOpen),
		// The same name on both arches, each with its own bit.
		"strace.open_flags.O_DIRECTORY == 1": ints(Directory, ArmDirOpen),
		"strace.open_flags.O_DIRECT == 1":    ints(Direct),
	} {
		if got := c.frames(filter); got != want {
			c.errorf("%s matches frames %q, want %q", filter, got, want)
		}
	}
	tree := c.tree(Creat)
	for _, want := range []string{
		"flags: O_WRONLY|O_CREAT|O_TRUNC",
		".... .... .... .... .... .... .1.. .... = O_CREAT: Set",
		".... .... .... .... .... ..1. .... .... = O_TRUNC: Set",
		".... .... .... .... .... .... 0... .... = O_EXCL: Not set",
		".... .... .... .... .... .... .... ..01 = Access mode: O_WRONLY (0x1)",
		".... .... .0.. .... .... .... .... .... = O_TMPFILE: Not set",
	} {
		if !strings.Contains(tree, want) {
			c.errorf("the tree of openat(O_WRONLY|O_CREAT|O_TRUNC) lacks %q:\n%s", want, tree)
		}
	}
	if strings.Contains(tree, "__O_") {
		c.errorf("an internal flag name (__O_TMPFILE, __O_SYNC) is shown:\n%s", tree)
	}
	arm := c.tree(ArmDirOpen)
	if want := ".... .... .... .... .1.. .... .... .... = O_DIRECTORY: Set"; !strings.Contains(arm, want) {
		c.errorf("arm64's O_DIRECTORY is not drawn at its own bit (%q):\n%s", want, arm)
	}
}

// unfinished: "Call has not returned yet" only on an entry record whose
// completion the capture lacks. Two passes (tshark -2; the GUI dissects
// again) know the completion.
func (c *checker) unfinished() {
	if got := c.frames("strace.unfinished"); got != ints(Lost) {
		c.errorf("strace.unfinished on frames %q, want only %d", got, Lost)
	}
	// The same without a tree (no strace field referenced: the quick path).
	out, _ := c.run("-2", "-q", "-z", "expert,chat")
	m := regexp.MustCompile(`(?m)^\s*(\d+)\s+Sequence\s+STRACE\s+Call has not returned yet\s*$`).FindStringSubmatch(out)
	if m == nil || m[1] != "1" {
		c.errorf("tshark -2 -z expert: want \"Call has not returned yet\" once:\n%s", out)
	}
}

// treeOrder: a call's tree starts with its name and result, then each
// argument as one item, the result, errno, duration and process; the
// record's format is one subtree down.
func (c *checker) treeOrder() {
	var lines []string
	for _, l := range strings.Split(c.tree(ENOENT), "\n") {
		if strings.HasPrefix(l, "    ") || strings.HasPrefix(l, "strace") {
			lines = append(lines, l)
		}
	}
	order := []string{
		"strace: openat = -1 ENOENT (No such file or directory), pid 100 cat",
		"    Syscall: openat",
		"    dirfd: AT_FDCWD",
		"        Working directory: /home/u (from frame 2)",
		`    pathname: "/nope"`,
		"    flags: O_RDONLY|O_CLOEXEC",
		"    Result: -1 ENOENT (No such file or directory)",
		"    Errno: ENOENT (2)",
		"    Duration: ",
		"    PID: 100 (cat)",
		`    strace line: openat(AT_FDCWD, "/nope", O_RDONLY|O_CLOEXEC) = -1 ENOENT (No such file or directory)`,
		"    Record: format version 2, syscall, 1 section",
		"        Format version: 2",
		"        Section 0: mem, 5 bytes",
	}
	i := 0
	for _, l := range lines {
		if i < len(order) && strings.HasPrefix(l, order[i]) {
			i++
		}
	}
	if i < len(order) {
		c.errorf("the tree lacks %q in its place:\n%s", order[i], strings.Join(lines, "\n"))
	}
	for _, l := range lines {
		if strings.Contains(l, "Name: ") || strings.Contains(l, "Rendered: ") {
			c.errorf("the tree repeats an argument's name or text: %q", l)
		}
		if strings.HasPrefix(l, "    Format version") || strings.HasPrefix(l, "    Flags: ") {
			c.errorf("record internals at the top of the tree: %q", l)
		}
	}
	// The argument names and texts stay filterable.
	if got := c.frames(`strace.arg.name == "flags" && strace.arg.text == "O_RDONLY|O_CLOEXEC"`); got != ints(ENOENT) {
		c.errorf("strace.arg.name/strace.arg.text filter matches %q, want %d", got, ENOENT)
	}
	capture := c.tree(Capture)
	if strings.Contains(capture, "Arch:") || strings.Contains(capture, "    PID:") || !strings.Contains(capture, "stracedump's PID: 50") {
		c.errorf("the capture record is credited to the tracer's pid or shows an unknown arch:\n%s", capture)
	}
	proc := c.tree(Process)
	if a, b := strings.Index(proc, "    Command name: cat"), strings.Index(proc, "    Record: "); a < 0 || b < a {
		c.errorf("a process record does not lead with its process:\n%s", proc)
	}
}
