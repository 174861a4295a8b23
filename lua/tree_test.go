package lua

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/stracedump/stracedump/decoder"
	"github.com/stracedump/stracedump/pcapng"
)

// What an analyst sees of a capture in Wireshark: the columns, the tree,
// the flag bit fields and the expert info, on a capture written here so
// that every case is in it (tests/matrix runs the same checks on each
// Wireshark version).

const (
	archX86   = 0xc000003e
	archArm64 = 0xc00000b7
	atFDCWD   = 0xffffffffffffff9c
)

// The frames of workbenchCapture, by what they are.
const (
	wbCapture     = 1
	wbProcess     = 2
	wbCreat       = 3  // openat(AT_FDCWD, "/tmp/new", O_WRONLY|O_CREAT|O_TRUNC, 0644) = 3
	wbENOENT      = 4  // openat(AT_FDCWD, "/nope", O_RDONLY|O_CLOEXEC) = -1 ENOENT
	wbDirect      = 5  // O_DIRECT on x86_64: arm64's O_DIRECTORY bit
	wbDirectory   = 6  // O_DIRECTORY on x86_64
	wbLost        = 7  // an entry whose call never completes in the capture
	wbEntry       = 8  // an entry completed by wbRead
	wbRead        = 9  // read's completion
	wbMmap        = 10 // a pointer result
	wbExitGroup   = 11 // = ?
	wbSignal      = 12
	wbExit        = 13
	wbArmDirector = 14 // O_DIRECTORY on arm64
)

// workbenchCapture writes the capture and returns its path and records.
func workbenchCapture(t *testing.T) (string, []pcapng.Record) {
	t.Helper()
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
	recs := []pcapng.Record{
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
	file := filepath.Join(t.TempDir(), "workbench.pcapng")
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	w, err := pcapng.NewWriter(f, pcapng.WriterOptions{Command: "cat /nope", OS: "Linux", Hardware: "x86_64"})
	if err != nil {
		t.Fatal(err)
	}
	for i := range recs {
		if err := w.WriteRecord(&recs[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(pcapng.Stats{}); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return file, recs
}

// column runs tshark with one column of the given format and returns
// each frame's text, frames from 1.
func column(t *testing.T, path, title, format string, extra ...string) []string {
	t.Helper()
	args := append([]string{"-r", path, "-o", `gui.column.format:"` + title + `","` + format + `"`}, extra...)
	out := strings.TrimSuffix(tshark(t, args...), "\n")
	return append([]string{""}, strings.Split(out, "\n")...)
}

// profileColumn is the format of the strace profile's column title.
func profileColumn(t *testing.T, title string) string {
	t.Helper()
	prefs, err := Profile.ReadFile("profile/preferences")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`"` + regexp.QuoteMeta(title) + `", "([^"]+)"`).FindSubmatch(prefs)
	if m == nil {
		t.Fatalf("the profile has no %q column", title)
	}
	return string(m[1])
}

// TestColumns: the Process column names the process on every row (the
// capture record's is stracedump), the Result column is the text after
// strace's "= ", and Info is strace's line without its padding.
func TestColumns(t *testing.T) {
	need(t, "tshark")
	path, recs := workbenchCapture(t)
	dec := decoder.New(decoder.DefaultOptions())
	process := column(t, path, "Process", profileColumn(t, "Process"))
	result := column(t, path, "Result", profileColumn(t, "Result"))
	info := column(t, path, "Info", "%i")
	if len(info) != len(recs)+1 || len(result) != len(recs)+1 || len(process) != len(recs)+1 {
		t.Fatalf("%d records; rows: %d Info, %d Result, %d Process", len(recs), len(info)-1, len(result)-1, len(process)-1)
	}
	for i := range recs {
		n, rec := i+1, &recs[i]
		line := dec.Line(rec)
		want := infoLine(dec, rec, line)
		if want != "" && info[n] != want {
			t.Errorf("frame %d: Info %q, want %q", n, info[n], want)
		}
		if rec.Kind == pcapng.KindSyscall && strings.Contains(info[n], "  ") {
			t.Errorf("frame %d: Info %q keeps strace's padding", n, info[n])
		}
		wantResult := ""
		if rec.Kind == pcapng.KindSyscall {
			_, ret := dec.Capture(rec, decoder.NewReplay(rec, true), true)
			wantResult = strings.TrimPrefix(ret, "= ")
			if !strings.HasSuffix(line, "= "+wantResult) {
				t.Fatalf("frame %d: the decoder's result %q is not the end of its line %q", n, ret, line)
			}
		}
		if strings.TrimSpace(result[n]) != wantResult {
			t.Errorf("frame %d: Result %q, want %q (Info %q)", n, result[n], wantResult, info[n])
		}
		wantProcess := "100 cat"
		switch {
		case n == wbCapture:
			wantProcess = "stracedump"
		case rec.PID == 200:
			wantProcess = "200"
		}
		if strings.TrimSpace(process[n]) != wantProcess {
			t.Errorf("frame %d: Process %q, want %q", n, process[n], wantProcess)
		}
	}
	// The cases the issue named, spelled out.
	for n, want := range map[int]string{wbENOENT: "-1 ENOENT (No such file or directory)", wbMmap: "0x7f1df1308000",
		wbExitGroup: "?", wbCreat: "3"} {
		if got := strings.TrimSpace(result[n]); got != want {
			t.Errorf("frame %d: Result %q, want %q", n, got, want)
		}
	}
	// The capture record is not credited to the tracer's pid.
	rows := fieldRows(t, path, "", "strace.pid", "strace.arch", "strace.capture.pid")
	if r := rows[wbCapture]; r[0] != "" || r[1] != "" || r[2] != "50" {
		t.Errorf("capture record: strace.pid %q, strace.arch %q, strace.capture.pid %q; want none, none, 50", r[0], r[1], r[2])
	}
}

// filterFrames is the frames that filter matches, in two passes.
func filterFrames(t *testing.T, path, filter string) []int {
	t.Helper()
	var got []int
	for n := range fieldRows(t, path, filter) {
		got = append(got, n)
	}
	sort.Ints(got)
	return got
}

// TestFlagBitFields: flags are bit fields with masks, filterable by
// strace's names on every arch, drawn in Wireshark's bit notation.
func TestFlagBitFields(t *testing.T) {
	need(t, "tshark")
	path, _ := workbenchCapture(t)
	for filter, want := range map[string][]int{
		"strace.open_flags.O_CREAT == 1":       {wbCreat},
		"strace.open_flags.O_TRUNC == 1":       {wbCreat},
		"strace.open_flags.O_CLOEXEC == 1":     {wbENOENT},
		"strace.open_flags.access == O_WRONLY": {wbCreat},
		"strace.open_flags.access == O_RDONLY": {wbENOENT, wbDirect, wbDirectory, wbArmDirector},
		// The same name on both arches, each with its own bit.
		"strace.open_flags.O_DIRECTORY == 1": {wbDirectory, wbArmDirector},
		"strace.open_flags.O_DIRECT == 1":    {wbDirect},
	} {
		if got := filterFrames(t, path, filter); fmtInts(got) != fmtInts(want) {
			t.Errorf("%s matches frames %v, want %v", filter, got, want)
		}
	}
	tree := tshark(t, "-r", path, "-2", "-V", "-O", "strace", "-Y", "frame.number == "+strconv.Itoa(wbCreat))
	for _, want := range []string{
		"flags: O_WRONLY|O_CREAT|O_TRUNC",
		".... .... .... .... .... .... .1.. .... = O_CREAT: Set",
		".... .... .... .... .... ..1. .... .... = O_TRUNC: Set",
		".... .... .... .... .... .... 0... .... = O_EXCL: Not set",
		".... .... .... .... .... .... .... ..01 = open_access: O_WRONLY (0x1)",
		".... .... .0.. .... .... .... .... .... = O_TMPFILE: Not set",
	} {
		if !strings.Contains(tree, want) {
			t.Errorf("the tree of openat(O_WRONLY|O_CREAT|O_TRUNC) lacks %q:\n%s", want, tree)
		}
	}
	arm := tshark(t, "-r", path, "-2", "-V", "-O", "strace", "-Y", "frame.number == "+strconv.Itoa(wbArmDirector))
	if want := ".... .... .... .... .1.. .... .... .... = O_DIRECTORY: Set"; !strings.Contains(arm, want) {
		t.Errorf("arm64's O_DIRECTORY is not drawn at its own bit (%q):\n%s", want, arm)
	}
	if fields := tshark(t, "-G", "fields"); strings.Contains(fields, "__O_") || strings.Contains(tree, "__O_") {
		t.Error("an internal flag name (__O_TMPFILE, __O_SYNC) is shown or registered")
	}
}

func fmtInts(v []int) string {
	s := make([]string, len(v))
	for i, n := range v {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, ",")
}

// TestUnfinishedExpert: "Call has not returned yet" only on an entry
// record whose completion the capture lacks. Two passes (tshark -2, as
// the GUI dissects again) know the completion; one pass does not yet.
func TestUnfinishedExpert(t *testing.T) {
	need(t, "tshark")
	path, _ := workbenchCapture(t)
	if got := filterFrames(t, path, "strace.unfinished"); fmtInts(got) != fmtInts([]int{wbLost}) {
		t.Errorf("strace.unfinished on frames %v, want only %d", got, wbLost)
	}
	// The same without a tree (no strace field referenced: the quick path).
	out := tshark(t, "-r", path, "-2", "-q", "-z", "expert,chat")
	m := regexp.MustCompile(`(?m)^\s*(\d+)\s+Sequence\s+STRACE\s+Call has not returned yet\s*$`).FindStringSubmatch(out)
	if m == nil || m[1] != "1" {
		t.Errorf("tshark -2 -z expert: want \"Call has not returned yet\" once:\n%s", out)
	}
}

// TestTreeLeadsWithMeaning: a call's tree starts with its name and
// result, then each argument as one item, the result, errno, duration and
// process; the record's format is one subtree down.
func TestTreeLeadsWithMeaning(t *testing.T) {
	need(t, "tshark")
	path, _ := workbenchCapture(t)
	tree := tshark(t, "-r", path, "-2", "-V", "-O", "strace", "-Y", "frame.number == "+strconv.Itoa(wbENOENT))
	var lines []string
	for _, l := range strings.Split(tree, "\n") {
		if strings.HasPrefix(l, "    ") || strings.HasPrefix(l, "strace") {
			lines = append(lines, l)
		}
	}
	order := []string{
		"strace: openat = -1 ENOENT (No such file or directory), pid 100 cat",
		"    Syscall: openat",
		`    dirfd: AT_FDCWD`,
		`        Working directory: /home/u (from frame 2)`,
		`    pathname: "/nope"`,
		"    flags: O_RDONLY|O_CLOEXEC",
		"    Result: -1 ENOENT (No such file or directory)",
		"    Errno: ENOENT (2)",
		"    Duration: ",
		"    PID: 100 (cat)",
		"    strace line: openat(AT_FDCWD, \"/nope\", O_RDONLY|O_CLOEXEC) = -1 ENOENT (No such file or directory)",
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
		t.Errorf("the tree lacks %q after %q, in order:\n%s", order[i], order[max(i-1, 0)], strings.Join(lines, "\n"))
	}
	for _, l := range lines {
		if strings.Contains(l, "Name: ") || strings.Contains(l, "Rendered: ") {
			t.Errorf("the tree repeats an argument's name or text: %q", l)
		}
		if strings.HasPrefix(l, "    Format version") || strings.HasPrefix(l, "    Flags: ") {
			t.Errorf("record internals at the top of the tree: %q", l)
		}
	}
	// The argument names and texts stay filterable.
	if got := filterFrames(t, path, `strace.arg.name == "flags" && strace.arg.text == "O_RDONLY|O_CLOEXEC"`); fmtInts(got) != strconv.Itoa(wbENOENT) {
		t.Errorf("strace.arg.name/strace.arg.text filter matches %v, want %d", got, wbENOENT)
	}
	capture := tshark(t, "-r", path, "-V", "-O", "strace", "-Y", "frame.number == 1")
	if strings.Contains(capture, "Arch:") || strings.Contains(capture, "    PID:") || !strings.Contains(capture, "stracedump's PID: 50") {
		t.Errorf("the capture record is credited to the tracer's pid or shows an unknown arch:\n%s", capture)
	}
	proc := tshark(t, "-r", path, "-V", "-O", "strace", "-Y", "frame.number == 2")
	if a, b := strings.Index(proc, "    Command name: cat"), strings.Index(proc, "    Record: "); a < 0 || b < a {
		t.Errorf("a process record does not lead with its process:\n%s", proc)
	}
}
