package lua

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/stracedump/stracedump/conformance"
	"github.com/stracedump/stracedump/decoder"
	"github.com/stracedump/stracedump/internal/testhost"
	"github.com/stracedump/stracedump/lua/workbench"
	"github.com/stracedump/stracedump/pcapng"
)

// The corpus is the conformance programs recorded once per test run with
// the stracedump built from this tree; every tshark test reads it.

type capture struct {
	name string
	path string
	recs []frame // every packet, in frame order
}

// frame is one packet of a capture as the Go side sees it.
type frame struct {
	number int
	rec    pcapng.Record
	err    error  // the record did not parse
	line   string // decoder Line with default options and the capture's -s
	info   string // the Info column: line without the padding to the result column
	name   string // syscall name, for syscall records
}

var (
	corpusOnce sync.Once
	corpus     []*capture
	corpusErr  error
	corpusDir  string
	// live32: the corpus traced 32-bit programs live (forkwait32,
	// offsets32); the committed i386 captures are in it either way.
	live32 bool
	said32 sync.Once
)

// ci is set under CI, where a missing tool is a failure, not a skip.
var ci = testhost.CI()

func need(t *testing.T, tool string) string {
	t.Helper()
	return testhost.Tool(t, tool, "the dissector is checked with the real tshark against captures recorded here")
}

func TestMain(m *testing.M) {
	code := m.Run()
	if corpusDir != "" {
		os.RemoveAll(corpusDir)
	}
	for _, d := range cleanups {
		os.RemoveAll(d)
	}
	os.Exit(code)
}

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// builtStracedump is the stracedump built from the tree, once per test
// run, for every test that records.
func builtStracedump() (string, error) {
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "stracedump-bin-")
		if err != nil {
			binErr = err
			return
		}
		cleanups = append(cleanups, dir)
		binPath = filepath.Join(dir, "stracedump")
		if out, err := exec.Command("go", "build", "-o", binPath, "..").CombinedOutput(); err != nil {
			binErr = fmt.Errorf("building stracedump: %v\n%s", err, out)
		}
	})
	return binPath, binErr
}

// getCorpus records the programs on first use.
func getCorpus(t *testing.T) []*capture {
	t.Helper()
	need(t, "tshark")
	need(t, "gcc")
	if runtime.GOOS != "linux" {
		t.Skip("recording needs Linux ptrace")
	}
	corpusOnce.Do(func() { corpus, corpusErr = record() })
	if corpusErr != nil {
		t.Fatal(corpusErr)
	}
	if testhost.IA32.Err() != nil {
		said32.Do(func() { testhost.Substitute(t, testhost.IA32, conformance.Instead32) })
	}
	return corpus
}

func record() ([]*capture, error) {
	dir, err := os.MkdirTemp("", "stracedump-lua-")
	if err != nil {
		return nil, err
	}
	corpusDir = dir
	self, err := builtStracedump()
	if err != nil {
		return nil, err
	}
	bin := filepath.Join(dir, "bin")
	if err := os.Mkdir(bin, 0o755); err != nil {
		return nil, err
	}
	// The conformance programs, compiled as the conformance test compiles
	// them.
	// 32-bit programs are traced through the compat personality; gcc -m32
	// needs gcc-multilib, which .ci/run installs, and running them a kernel
	// that runs 32-bit executables.
	live32 = true
	if err := conformance.BuildCPrograms("gcc", bin); err != nil {
		if !errors.Is(err, conformance.Err32) || ci {
			return nil, err
		}
		fmt.Printf("\n*** lua corpus: no 32-bit programs: %v ***\n\n", err)
		live32 = false
	}
	if testhost.IA32.Err() != nil {
		live32 = false
	}
	// Sockets, polling, vectored I/O and ioctls, built natively from the
	// program whose 32-bit capture is in decoder/testdata.
	netSrc := filepath.Join("..", "decoder", "testdata", "i386_net.c")
	if out, err := exec.Command("gcc", "-O2", "-o", filepath.Join(bin, "net"), netSrc).CombinedOutput(); err != nil {
		return nil, fmt.Errorf("building net: %v\n%s", err, out)
	}
	// Netlink messages of every family the decoders know, and bad ones.
	nlSrc := filepath.Join("..", "decoder", "testdata", "netlink.c")
	if out, err := exec.Command("gcc", "-O2", "-o", filepath.Join(bin, "netlink"), nlSrc).CombinedOutput(); err != nil {
		return nil, fmt.Errorf("building netlink: %v\n%s", err, out)
	}
	nlMsgs, err := filepath.Abs(filepath.Join("..", "decoder", "testdata", "netlink_msgs.txt"))
	if err != nil {
		return nil, err
	}
	python := "/usr/bin/python3"
	if _, err := os.Stat(python); err != nil {
		python = "python3"
	}
	c := func(name string) []string { return []string{filepath.Join(bin, name)} }
	// The conformance corpus (conformance/conformance_test.go), plus df
	// for statfs's structure, net for the socket calls, and netlink and
	// ss's replies for netlink messages.
	progs := []struct {
		name  string
		argv  []string
		setup func(dir string) error
	}{
		{name: "ls", argv: []string{"ls", "-l", "/"}},
		{name: "cat", argv: []string{"cat", "/etc/os-release"}},
		{name: "df", argv: []string{"df", "/"}},
		{name: "sh", argv: []string{"sh", "-c", "echo hello | tr a-z A-Z > out; cat out; cat /nonexistent"}},
		{name: "python3", argv: []string{python, "-c", `import json; print(json.dumps({"a": [1, 2]}))`}},
		{name: "forkwait", argv: c("forkwait")},
		{name: "threads", argv: c("threads")},
		{name: "signals", argv: c("signals")},
		{name: "epoll", argv: c("epoll")},
		{name: "fileops", argv: c("fileops")},
		{name: "ids", argv: c("ids")},
		{name: "tcp", argv: c("tcp")},
		{name: "unix", argv: c("unix")},
		{name: "misc", argv: c("misc")},
		{name: "offsets", argv: c("offsets")},
		{name: "futex", argv: c("futex")},
		{name: "execthread", argv: c("execthread")},
		{name: "killread", argv: c("killread")},
		{name: "locks", argv: c("locks")},
		{name: "timers", argv: c("timers")},
		{name: "numa", argv: c("numa")},
		{name: "locks-python", argv: []string{python, "-c", conformance.LocksPython}},
		{name: "net", argv: c("net")},
		{name: "netlink", argv: append(c("netlink"), nlMsgs)},
		{name: "ip-link", argv: []string{"ip", "link", "show"}},
		{name: "ip-addr", argv: []string{"ip", "addr", "show"}},
		{name: "ip-route", argv: []string{"ip", "route", "show"}},
		{name: "ip-rule", argv: []string{"ip", "rule", "show"}},
		{name: "ss-tan", argv: []string{"ss", "-tan"}},
		{name: "ss-xa", argv: []string{"ss", "-xa"}},
		{name: "cp", setup: conformance.Tree, argv: []string{"cp", "-r", "src", "dst"}},
		{name: "coreutils", argv: []string{"sh", "-c", "mkdir -p d/e && touch d/f && ln -s f d/l && chmod 600 d/f && " +
			"stat -c '%n %s %a' d/f && mv d/f d/g && rm -r d"}},
		{name: "tar", setup: conformance.Tree, argv: []string{"tar", "-cf", "src.tar", "src"}},
		{name: "python3-json", argv: []string{python, "-c", `import json
with open("out.json", "w") as f:
    json.dump({"k": list(range(5)), "s": "text"}, f, indent=1)
print(open("out.json").read())`}},
		{name: "gcc", setup: conformance.HelloC, argv: []string{"gcc", "-c", "-o", "hello.o", "hello.c"}},
		{name: "git", setup: conformance.Tree, argv: []string{"env", "-i", "PATH=/usr/bin:/bin", "HOME=.", "GIT_CONFIG_NOSYSTEM=1",
			"GIT_AUTHOR_NAME=a", "GIT_AUTHOR_EMAIL=a@b", "GIT_COMMITTER_NAME=a", "GIT_COMMITTER_EMAIL=a@b",
			"GIT_AUTHOR_DATE=1000000000 +0000", "GIT_COMMITTER_DATE=1000000000 +0000",
			"sh", "-c", "git init -q r && cd r && cp ../src/a.txt . && git add a.txt && git commit -q -m first"}},
	}
	// The real programs of the syscall families (process listing, file
	// system usage, name lookups, threads, terminals, NUMA, timers).
	for _, tl := range conformance.Tools {
		argv := append([]string(nil), tl.Argv...)
		for i, a := range argv {
			// Also the python3 unshare runs.
			if a == "python3" && (i == 0 || argv[i-1] != "-c") {
				argv[i] = python
			}
		}
		progs = append(progs, struct {
			name  string
			argv  []string
			setup func(dir string) error
		}{name: tl.Slug, argv: argv, setup: tl.Setup})
	}
	if live32 {
		for _, name := range []string{"forkwait32", "offsets32"} {
			progs = append(progs, struct {
				name  string
				argv  []string
				setup func(dir string) error
			}{name: name, argv: c(name)})
		}
	}
	// CORPUS_ONLY=a,b records only those programs and loads only those
	// captures, for a quick look at a few.
	only := map[string]bool{}
	if list := os.Getenv("CORPUS_ONLY"); list != "" {
		for _, n := range strings.Split(list, ",") {
			only[strings.TrimSpace(n)] = true
		}
	}
	var caps []*capture
	for _, p := range progs {
		if len(only) > 0 && !only[p.name] {
			continue
		}
		path := filepath.Join(dir, p.name+".pcapng")
		args := append([]string{"record", "-f", "-o", path, "--"}, p.argv...)
		run := filepath.Join(dir, "run", p.name)
		if err := os.MkdirAll(run, 0o755); err != nil {
			return nil, err
		}
		if p.setup != nil {
			if err := p.setup(run); err != nil {
				return nil, fmt.Errorf("preparing %s: %w", p.name, err)
			}
		}
		cmd := exec.Command(self, args...)
		cmd.Dir = run
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Run(); err != nil {
			// cat /nonexistent makes sh exit 1; the capture is complete.
			var ee *exec.ExitError
			if !errors.As(err, &ee) {
				return nil, fmt.Errorf("recording %s: %v\n%s", p.name, err, stderr.Bytes())
			}
		}
		c, err := load(p.name, path)
		if err != nil {
			return nil, err
		}
		caps = append(caps, c)
	}
	// Captures of 32-bit programs, taken on an x86_64 host.
	for _, name := range []string{"i386_net", "i386_subcalls", "i386_forkwait", "i386_offsets", "i386_locks", "i386_timers", "i386_numa", "i386_ioctls"} {
		if len(only) > 0 && !only[name] {
			continue
		}
		c, err := load(name, filepath.Join("..", "decoder", "testdata", name+".pcapng"))
		if err != nil {
			return nil, err
		}
		caps = append(caps, c)
	}
	return caps, nil
}

// load reads a capture and renders every record as `stracedump decode`
// does without a prefix: the default options, at most the capture's -s.
func load(name, path string) (*capture, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r, err := pcapng.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	c := &capture{name: name, path: path}
	dec := decoder.New(decoder.DefaultOptions())
	for n := 1; ; n++ {
		fr := frame{number: n}
		err := r.Next(&fr.rec)
		if err == io.EOF {
			break
		}
		var re *pcapng.RecordError
		if errors.As(err, &re) {
			fr.err = err
			c.recs = append(c.recs, fr)
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		if fr.rec.Kind == pcapng.KindCapture && fr.rec.Args[0] > 0 && fr.rec.Args[0] < 32 {
			opts := decoder.DefaultOptions()
			opts.StringLimit = int(fr.rec.Args[0])
			dec = decoder.New(opts)
		}
		fr.line = dec.Line(&fr.rec)
		fr.info = infoLine(dec, &fr.rec, fr.line)
		if k := fr.rec.Kind; k == pcapng.KindSyscall || k == pcapng.KindSyscallEntry {
			fr.name = decoder.CallName(&fr.rec)
		}
		c.recs = append(c.recs, fr)
	}
	return c, nil
}

// maxInfo is the most of a column's text Wireshark keeps
// (COL_MAX_INFO_LEN, 4096, less the NUL): a netlink dump's line can be
// longer, and its Info column then holds the line's start.
const maxInfo = 4095

// infoLine is the Info column's text of rec (workbench.InfoLine).
func infoLine(dec *decoder.Decoder, rec *pcapng.Record, line string) string {
	s := workbench.InfoLine(dec, rec, line)
	if len(s) > maxInfo {
		s = s[:maxInfo]
	}
	return s
}

// tshark runs tshark with the dissector loaded and returns its stdout. A
// Lua error on stderr fails the test.
func tshark(t *testing.T, args ...string) string {
	t.Helper()
	script, err := filepath.Abs("strace.lua")
	if err != nil {
		t.Fatal(err)
	}
	all := append([]string{"-X", "lua_script:" + script}, args...)
	if len(args) > 1 && args[0] == "-G" {
		// tshark takes -G only as its first option.
		all = append(append([]string{}, args[:2]...), append([]string{"-X", "lua_script:" + script}, args[2:]...)...)
	}
	cmd := exec.Command("tshark", all...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("tshark %s: %v\n%s", strings.Join(all, " "), err, stderr.Bytes())
	}
	if strings.Contains(stderr.String(), "Lua:") || strings.Contains(stderr.String(), "lua_script") {
		t.Fatalf("tshark %s: Lua errors on stderr:\n%s", strings.Join(all, " "), stderr.Bytes())
	}
	return stdout.String()
}

// jsonLayers runs tshark with args and -T json with -e frame.number and
// each field, and returns every packet's fields: each field's values, one
// per occurrence, and the frame number as "frame". JSON rather than -T
// fields: tshark 4.2+ escapes backslashes there, and the Info column is full
// of them; and a value may hold the comma -T fields joins occurrences with.
func jsonLayers(t *testing.T, args []string, fields ...string) []map[string][]string {
	t.Helper()
	args = append(append([]string{}, args...), "-T", "json", "-e", "frame.number")
	for _, f := range fields {
		args = append(args, "-e", f)
	}
	var packets []struct {
		Source struct {
			Layers map[string][]string `json:"layers"`
		} `json:"_source"`
	}
	out := tshark(t, args...)
	if err := json.Unmarshal([]byte(out), &packets); err != nil {
		t.Fatalf("tshark %v: %v\n%.300s", args, err, out)
	}
	layers := make([]map[string][]string, len(packets))
	for i, p := range packets {
		layers[i] = p.Source.Layers
	}
	return layers
}

// frameNumber is a packet's number from jsonLayers.
func frameNumber(t *testing.T, l map[string][]string) int {
	t.Helper()
	n, err := strconv.Atoi(strings.Join(l["frame.number"], ""))
	if err != nil {
		t.Fatalf("tshark -T json: frame number: %v", err)
	}
	return n
}

// fieldRows runs tshark -T json with the given fields and returns each
// frame's values (several occurrences joined by ",") by frame number.
func fieldRows(t *testing.T, path string, filter string, fields ...string) map[int][]string {
	t.Helper()
	args := []string{"-r", path}
	if filter != "" {
		args = append(args, "-2", "-Y", filter)
	}
	rows := map[int][]string{}
	for _, l := range jsonLayers(t, args, fields...) {
		row := make([]string, len(fields))
		for i, f := range fields {
			row[i] = strings.Join(l[f], ",")
		}
		rows[frameNumber(t, l)] = row
	}
	return rows
}
