package importer_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stracedump/stracedump/command"
	"github.com/stracedump/stracedump/conformance"
	"github.com/stracedump/stracedump/internal/testhost"
)

// roundTripModes are the option sets the round trip runs: strace writes
// with them, import reads (with its own -x), decode prints with them.
var roundTripModes = []struct {
	name         string
	strace, dec  []string
	importFlags  []string
	minValueRate float64 // the least share of arguments kept as values
}{
	{"default", nil, nil, nil, 0.9},
	{"-tt -T -yy", []string{"-tt", "-T", "-yy"}, []string{"-tt", "-T", "-yy"}, nil, 0.9},
	{"-tt -T -y", []string{"-tt", "-T", "-y"}, []string{"-tt", "-T", "-y"}, nil, 0.9},
	{"-ttt -yy -x", []string{"-ttt", "-yy", "-x"}, []string{"-ttt", "-yy", "-x"}, []string{"-x"}, 0.9},
}

var statsLine = regexp.MustCompile(`arguments (\d+), as text (\d+); calls with all arguments as text (\d+)`)

// TestRoundTrip traces programs of the conformance corpus with strace 6.1
// (strace -f OPTIONS -o FILE), imports FILE and decodes the capture with
// the same options: the text must come back line for line. It logs the
// share of identical lines and of arguments kept as values per option set.
// IMPORT_ROUNDTRIP_ALL=1 traces every C program of the corpus.
func TestRoundTrip(t *testing.T) {
	if testing.Short() {
		t.Skip("traces programs")
	}
	strace := testhost.Tool(t, "strace", "the round trip imports strace's own text")
	gcc := testhost.Tool(t, "gcc", "the round trip traces the corpus's C programs")
	work := t.TempDir()
	bin := filepath.Join(work, "bin")
	if err := os.Mkdir(bin, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := conformance.BuildCPrograms(gcc, bin); err != nil && !strings.Contains(err.Error(), "-m32") {
		t.Fatal(err)
	}
	progs := [][]string{{"ls", "-l", "/"}, {"cat", "/etc/os-release"}}
	cs := []string{"forkwait", "threads", "signals", "fileops", "tcp", "killread", "execthread"}
	if os.Getenv("IMPORT_ROUNDTRIP_ALL") == "1" {
		cs = conformance.CPrograms
	}
	for _, c := range cs {
		progs = append(progs, []string{filepath.Join(bin, c)})
	}
	for _, m := range roundTripModes {
		var lines, same, args, asText, whole int
		for _, argv := range progs {
			name := filepath.Base(argv[0])
			dir := filepath.Join(work, "run-"+name)
			_ = os.MkdirAll(dir, 0o755)
			log := filepath.Join(work, name+".log")
			sargs := append(append([]string{"-f"}, m.strace...), "-o", log, "--")
			cmd := exec.Command(strace, append(sargs, argv...)...)
			cmd.Dir = dir
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("strace %s: %v\n%s", argv, err, out)
			}
			capture := filepath.Join(work, name+".pcapng")
			var stderr bytes.Buffer
			iargs := append(append([]string{"stracedump", "import", "--stats", "-o", capture}, m.importFlags...), log)
			if code := command.Main(iargs, os.Stdout, &stderr); code != 0 {
				t.Fatalf("%s: import: exit %d: %s", m.name, code, stderr.String())
			}
			if sm := statsLine.FindStringSubmatch(stderr.String()); sm != nil {
				a, _ := strconv.Atoi(sm[1])
				x, _ := strconv.Atoi(sm[2])
				w, _ := strconv.Atoi(sm[3])
				args, asText, whole = args+a, asText+x, whole+w
			}
			back := filepath.Join(work, name+".out")
			dargs := append(append([]string{"stracedump", "decode", "-o", back}, m.dec...), capture)
			if code := command.Main(dargs, os.Stdout, os.Stderr); code != 0 {
				t.Fatalf("%s: decode: exit %d", m.name, code)
			}
			n, s := sameLines(t, log, back)
			lines, same = lines+n, same+s
			if s != n {
				t.Errorf("%s %s: %d of %d lines differ (%s, %s)", m.name, name, n-s, n, log, back)
			}
		}
		rate := 1 - float64(asText)/float64(max(args, 1))
		t.Logf("%-12s identical lines %d/%d (%.1f%%); arguments %d, as values %.1f%%, as text %d; calls with all arguments as text %d",
			m.name, same, lines, 100*float64(same)/float64(max(lines, 1)), args, 100*rate, asText, whole)
		if rate < m.minValueRate {
			t.Errorf("%s: only %.1f%% of arguments kept as values, want %.0f%%", m.name, 100*rate, 100*m.minValueRate)
		}
	}
}

// sameLines counts the lines of file a and how many of them b holds at
// the same place.
func sameLines(t *testing.T, a, b string) (n, same int) {
	t.Helper()
	x, err := os.ReadFile(a)
	if err != nil {
		t.Fatal(err)
	}
	y, err := os.ReadFile(b)
	if err != nil {
		t.Fatal(err)
	}
	xs := strings.Split(strings.TrimSuffix(string(x), "\n"), "\n")
	ys := strings.Split(strings.TrimSuffix(string(y), "\n"), "\n")
	for i := range xs {
		if i < len(ys) && xs[i] == ys[i] {
			same++
		}
	}
	return len(xs), same
}

// TestImportFF imports a strace -ff -tt set: every file's lines come back,
// in the order of their times, each under its file's pid.
func TestImportFF(t *testing.T) {
	if testing.Short() {
		t.Skip("traces a program")
	}
	strace := testhost.Tool(t, "strace", "the -ff import reads strace's own files")
	gcc := testhost.Tool(t, "gcc", "the -ff import traces a C program of the corpus")
	work := t.TempDir()
	if err := conformance.BuildCPrograms(gcc, work); err != nil && !strings.Contains(err.Error(), "-m32") {
		t.Fatal(err)
	}
	base := filepath.Join(work, "ff")
	cmd := exec.Command(strace, "-ff", "-tt", "-o", base, filepath.Join(work, "forkwait"))
	cmd.Dir = work
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("strace: %v\n%s", err, out)
	}
	files, _ := filepath.Glob(base + ".*")
	if len(files) != 2 {
		t.Fatalf("strace -ff wrote %q", files)
	}
	capture := filepath.Join(work, "ff.pcapng")
	if code := command.Main(append([]string{"stracedump", "import", "-o", capture}, files...), os.Stdout, os.Stderr); code != 0 {
		t.Fatalf("import: exit %d", code)
	}
	back := filepath.Join(work, "ff.out")
	if code := command.Main([]string{"stracedump", "decode", "-tt", "-o", back, capture}, os.Stdout, os.Stderr); code != 0 {
		t.Fatalf("decode: exit %d", code)
	}
	// The -ff files have no pid prefix, so strace padded their results
	// from column 40 of the bare line: compare without the padding.
	unpad := regexp.MustCompile(` +(= .*)$`)
	want := map[string]int{}
	for _, f := range files {
		pid := strings.TrimPrefix(filepath.Ext(f), ".")
		b, _ := os.ReadFile(f)
		for _, l := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
			want[pid+" "+unpad.ReplaceAllString(l, " $1")]++
		}
	}
	b, _ := os.ReadFile(back)
	var last string
	for _, l := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
		pid, rest, _ := strings.Cut(l, " ")
		key := pid + " " + unpad.ReplaceAllString(strings.TrimLeft(rest, " "), " $1")
		if want[key] == 0 {
			t.Errorf("decode printed %q, which no file holds", l)
		}
		want[key]--
		ts := strings.SplitN(strings.TrimLeft(rest, " "), " ", 2)[0]
		if ts < last {
			t.Errorf("%q comes after %s", l, last)
		}
		last = ts
	}
	for k, n := range want {
		if n > 0 {
			t.Errorf("missing: %q", k)
		}
	}
}

// Bad input ends import with one line saying why and a non-zero status,
// and leaves no capture behind; a log with a bad line imports, naming it.
func TestImportBadInput(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out.pcapng")
	notLog := filepath.Join(dir, "not.log")
	if err := os.WriteFile(notLog, []byte("\x00\x01binary\n\xff\xfe\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	mixed := filepath.Join(dir, "mixed.log")
	if err := os.WriteFile(mixed, []byte("1 getpid() = 1\n1 ????( <detached ...>\n1 +++ exited with 0 +++\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		args []string
		code int
		last string // the last line on stderr
	}{
		{[]string{filepath.Join(dir, "missing.log")}, 1, "no such file or directory"},
		{[]string{notLog}, 1, "is strace's output: is it a strace -o log?"},
		{[]string{"--arch", "mips", mixed}, 1, `unknown arch "mips"`},
		{[]string{mixed}, 0, "mixed.log:2: kept as a comment"},
	} {
		var stderr bytes.Buffer
		code := command.Main(append([]string{"stracedump", "import", "-o", out}, tt.args...), os.Stdout, &stderr)
		lines := strings.Split(strings.TrimSpace(stderr.String()), "\n")
		if code != tt.code || !strings.Contains(lines[len(lines)-1], tt.last) {
			t.Errorf("import %q: exit %d, stderr %q", tt.args, code, stderr.String())
		}
		if _, err := os.Stat(out); (err == nil) != (tt.code == 0) {
			t.Errorf("import %q: exit %d, capture left: %v", tt.args, code, err == nil)
		}
		os.Remove(out)
	}
}
