package conformance

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stracedump/stracedump/internal/testhost"
)

// Environment knobs, all described in docs/testing.md.
const (
	envBin     = "STRACEDUMP_BIN"       // use this binary instead of building one
	envOut     = "CONFORMANCE_OUT"      // where raw outputs and diffs go (default ./out)
	envMin     = "CONFORMANCE_MIN"      // overall share in percent below which the test fails
	envMinProg = "CONFORMANCE_MIN_PROG" // one program's share in percent below which the test fails
	envSelf    = "CONFORMANCE_SELF"     // "1": compare strace with a second strace run
	envOnly    = "CONFORMANCE_ONLY"     // comma-separated program slugs: run only these
	envModes   = "CONFORMANCE_MODES"    // comma-separated mode tags ("default" for the default mode): run only these
)

// The thresholds the test holds the decoder to, from the shares it reaches
// (see docs/testing.md); the environment can only make them stricter or
// looser for a local run.
const (
	defaultMin     = 99.0
	defaultMinProg = 90.0
)

// A mode is one set of strace options both sides print with. Timestamps
// and durations differ between any two runs, so Normalize compares their
// format (every digit becomes 0), not their value.
type mode struct {
	name  string   // in the report
	tag   string   // in file names under out/, "" for the default mode
	flags []string // given to strace and to stracedump decode alike
	// live: only programs run here, not the committed 32-bit captures,
	// which predate the mode (their strace texts lack it).
	live bool
}

var modes = []mode{
	{name: "default options", tag: ""},
	{name: "-y -T -tt", tag: "ytt", flags: []string{"-y", "-T", "-tt"}},
	{name: "-n -r -x -X verbose", tag: "nrx", flags: []string{"-n", "-r", "-x", "-X", "verbose"}},
	{name: "-yy", tag: "yy", flags: []string{"-yy"}},
	// A capture recorded with default options holds 256 bytes of each
	// buffer (decoder.DefaultCaptureLength): decoding it with -s 256 must
	// print what strace -s 256 prints.
	{name: "-s 256", tag: "s256", flags: []string{"-s", "256"}, live: true},
}

// allModes is every mode, whichever CONFORMANCE_MODES selects.
var allModes = modes

// commandTimeout bounds one tracer run. The programs take well under a
// second traced; a hung tracer must leave time for the report before go
// test's own 10 minute limit kills everything.
const commandTimeout = 30 * time.Second

// program is one traced command. argv gets the run's own empty working
// directory; the two sides get directories of equal length so the programs'
// stacks, and so every address strace prints, stay the same.
type program struct {
	slug string
	argv func(dir string) []string
	// setup, when set, prepares the run's directory before the program
	// runs there (the files cp, tar and gcc work on).
	setup func(dir string) error
}

// side is one way of producing strace text for a program.
type side struct {
	name string
	tag  string // in file names under out/
	// run traces argv in dir, writing the program's stdout to stdout, and
	// returns the path of the strace text of each mode, in modes' order.
	run func(t *testing.T, slug string, dirs []string, argv func(string) []string, stdout []io.Writer) ([]string, error)
	// runs is how many traced runs of the program run makes: strace runs
	// once per mode, stracedump records once and decodes once per mode.
	runs int
}

type result struct {
	prog           program
	linesA, linesB int
	common         int
	err            error
	note           string // shown next to the program in the table
	skip           bool   // the mode does not apply (a committed capture's live-only mode)
}

func (r result) share() float64 {
	n := max(r.linesA, r.linesB)
	if n == 0 {
		return 0
	}
	return 100 * float64(r.common) / float64(n)
}

func TestConformance(t *testing.T) {
	ci := testhost.CI()
	self := os.Getenv(envSelf) == "1"

	tools := map[string]string{}
	for _, tool := range []string{"strace", "setarch", "gcc", "sh", "ls", "cat", "tr", "cp", "tar", "git", "ip", "ss"} {
		tools[tool] = lookTool(t, tool)
	}
	for _, tl := range Tools {
		for _, tool := range tl.Uses {
			if _, ok := tools[tool]; !ok {
				tools[tool] = lookTool(t, tool)
			}
		}
	}
	// Debian's python3, not a version manager's shim script in PATH: a shim
	// runs a shell and several processes of its own before python starts.
	tools["python3"] = "/usr/bin/python3"
	if _, err := os.Stat(tools["python3"]); err != nil {
		tools["python3"] = lookTool(t, "python3")
	}

	if sel := os.Getenv(envModes); sel != "" {
		modes = selectModes(t, sel)
	}
	minShare := envPercent(t, envMin, defaultMin)
	minProg := envPercent(t, envMinProg, defaultMinProg)

	work := t.TempDir()
	out := os.Getenv(envOut)
	if out == "" {
		out = "out"
	}
	out, err := filepath.Abs(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}

	ref := straceSide(tools, "strace", out, "strace")
	dut := straceSide(tools, "strace (2nd run)", out, "strace2")
	var dutBin string
	if !self {
		dutBin = stracedumpBinary(t, ci, work)
		dut = stracedumpSide(dutBin, tools, out)
	}

	bin := filepath.Join(work, "bin")
	if err := os.Mkdir(bin, 0o755); err != nil {
		t.Fatal(err)
	}
	has32 := build32(t, tools["gcc"], bin)
	programs := corpus(tools, bin, has32)
	var sel []program
	for _, p := range programs {
		if keepOnly(p.slug) {
			sel = append(sel, p)
		}
	}
	programs = sel

	// results[m][i] is program i under modes[m].
	results := make([][]result, len(modes))
	cats := make([]map[string]*Category, len(modes))
	for m := range modes {
		cats[m] = map[string]*Category{}
	}
	add := func(rs []result) {
		for m, r := range rs {
			if r.skip {
				continue
			}
			if r.err != nil {
				t.Errorf("%s (%s): %v", r.prog.slug, modes[m].name, r.err)
			}
			results[m] = append(results[m], r)
		}
	}
	for _, p := range programs {
		add(compare(t, p, ref, dut, work, out, cats))
	}
	if !self {
		for _, c := range committed32 {
			if keepOnly(c.slug) {
				add(compareCommitted(t, c.slug, c.prog, dutBin, out, cats))
			}
		}
	}

	var report strings.Builder
	for m, md := range modes {
		report.WriteString(summary(ref.name, dut.name, md.name, results[m], cats[m], out))
		report.WriteString("\n")
	}
	fmt.Fprintf(&report, "diffs and raw outputs: %s\n", out)
	for _, l := range strings.Split(strings.TrimRight(report.String(), "\n"), "\n") {
		t.Log(l)
	}
	// Also on stdout, unindented, so the table can be copied into a note.
	fmt.Print("\n" + report.String())
	if err := os.WriteFile(filepath.Join(out, "summary.md"), []byte(report.String()), 0o644); err != nil {
		t.Error(err)
	}

	for m, md := range modes {
		if overall := overallShare(results[m]); overall < minShare {
			t.Errorf("%s: overall share %.1f%% is below %s=%.1f%%; diffs are in %s", md.name, overall, envMin, minShare, out)
		}
		for _, r := range results[m] {
			if r.share() < minProg {
				t.Errorf("%s: %s's share %.1f%% is below %.1f%%; see %s", md.name, r.prog.slug, r.share(), minProg, filepath.Join(out, r.prog.slug+md.suffix()+".diff"))
			}
		}
	}
}

// selectModes is the modes whose tags the comma-separated list names
// ("default" names the mode without a tag).
func selectModes(t *testing.T, list string) []mode {
	var sel []mode
	for _, tag := range strings.Split(list, ",") {
		tag = strings.TrimSpace(tag)
		found := false
		for _, md := range modes {
			if md.tag == tag || md.tag == "" && tag == "default" {
				sel, found = append(sel, md), true
			}
		}
		if !found {
			t.Fatalf("%s: no mode %q", envModes, tag)
		}
	}
	return sel
}

// suffix is what the mode adds to an output file's name.
func (m mode) suffix() string {
	if m.tag == "" {
		return ""
	}
	return "." + m.tag
}

// corpus is the programs the test traces. Each is deterministic in the
// order of its calls within a process: children are waited for with
// SIGCHLD blocked, servers block for their clients, files are created with
// fixed contents and times by setup. has32 adds the 32-bit builds.
func corpus(tools map[string]string, bin string, has32 bool) []program {
	c := func(name string) func(string) []string {
		return func(string) []string { return []string{filepath.Join(bin, name)} }
	}
	ps := []program{
		{slug: "ls", argv: func(string) []string { return []string{"ls", "-l", "/"} }},
		{slug: "cat", argv: func(string) []string { return []string{"cat", "/etc/os-release"} }},
		{slug: "sh", argv: func(dir string) []string {
			return []string{"sh", "-c", "echo hello | tr a-z A-Z > " + dir + "/out; cat " + dir + "/out"}
		}},
		{slug: "python3", argv: func(string) []string {
			return []string{tools["python3"], "-c", `import json; print(json.dumps({"a": [1, 2]}))`}
		}},
		{slug: "forkwait", argv: c("forkwait")},
		{slug: "threads", argv: c("threads")},
		{slug: "signals", argv: c("signals")},
		{slug: "epoll", argv: c("epoll")},
		{slug: "fileops", argv: c("fileops")},
		{slug: "ids", argv: c("ids")},
		{slug: "tcp", argv: c("tcp")},
		{slug: "unix", argv: c("unix")},
		{slug: "misc", argv: c("misc")},
		{slug: "offsets", argv: c("offsets")},
		{slug: "futex", argv: c("futex")},
		{slug: "execthread", argv: c("execthread")},
		{slug: "killread", argv: c("killread")},
		{slug: "locks", argv: c("locks")},
		{slug: "timers", argv: c("timers")},
		{slug: "numa", argv: c("numa")},
		{slug: "locks-python", argv: func(string) []string { return []string{tools["python3"], "-c", LocksPython} }},
		{slug: "cp", setup: Tree, argv: func(string) []string { return []string{tools["cp"], "-r", "src", "dst"} }},
		{slug: "coreutils", argv: func(string) []string {
			// Each command is waited for before the next starts, so the
			// shell's calls come in one order.
			return []string{tools["sh"], "-c", "mkdir -p d/e && touch d/f && ln -s f d/l && chmod 600 d/f && " +
				"stat -c '%n %s %a' d/f && mv d/f d/g && rm -r d"}
		}},
		{slug: "tar", setup: Tree, argv: func(string) []string { return []string{tools["tar"], "-cf", "src.tar", "src"} }},
		{slug: "python3-json", argv: func(string) []string {
			return []string{tools["python3"], "-c", `import json
with open("out.json", "w") as f:
    json.dump({"k": list(range(5)), "s": "text"}, f, indent=1)
print(open("out.json").read())`}
		}},
		{slug: "gcc", setup: HelloC, argv: func(string) []string { return []string{tools["gcc"], "-c", "-o", "hello.o", "hello.c"} }},
		// iproute2 over NETLINK_ROUTE and NETLINK_SOCK_DIAG: the
		// network namespace's own links, addresses and routes.
		{slug: "ip-link", argv: func(string) []string { return []string{tools["ip"], "link", "show"} }},
		{slug: "ip-addr", argv: func(string) []string { return []string{tools["ip"], "addr", "show"} }},
		{slug: "ip-route", argv: func(string) []string { return []string{tools["ip"], "route", "show"} }},
		{slug: "ip-rule", argv: func(string) []string { return []string{tools["ip"], "rule", "show"} }},
		// The kernel applies ss's filter, so no socket of the host's,
		// which come and go with other tests, is in the replies.
		{slug: "ss-tan", argv: func(string) []string { return []string{tools["ss"], "-tan", "sport = :1"} }},
		{slug: "git", setup: Tree, argv: func(string) []string {
			// Fixed identities and dates make the commit's bytes, and so
			// its hash, the same in every run.
			return []string{"env", "-i", "PATH=/usr/bin:/bin", "HOME=.", "GIT_CONFIG_NOSYSTEM=1",
				"GIT_AUTHOR_NAME=a", "GIT_AUTHOR_EMAIL=a@b", "GIT_COMMITTER_NAME=a", "GIT_COMMITTER_EMAIL=a@b",
				"GIT_AUTHOR_DATE=1000000000 +0000", "GIT_COMMITTER_DATE=1000000000 +0000",
				tools["sh"], "-c", "git init -q r && cd r && cp ../src/a.txt . && git add a.txt && git commit -q -m first"}
		}},
	}
	for _, tl := range Tools {
		argv := slices.Clone(tl.Argv)
		for i, a := range argv {
			// Also the python3 unshare runs.
			if a == "python3" && (i == 0 || argv[i-1] != "-c") {
				argv[i] = tools["python3"]
			}
		}
		ps = append(ps, program{slug: tl.Slug, setup: tl.Setup, argv: func(string) []string { return argv }})
	}
	if has32 {
		ps = append(ps, program{slug: "forkwait32", argv: c("forkwait32")}, program{slug: "offsets32", argv: c("offsets32")})
	}
	return ps
}

func envPercent(t *testing.T, name string, def float64) float64 {
	s := os.Getenv(name)
	if s == "" {
		return def
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("%s=%q: want a number of percent", name, s)
	}
	return v
}

// compare runs one program on both sides and diffs their normalized text,
// once per mode.
func compare(t *testing.T, p program, ref, dut side, work, out string, cats []map[string]*Category) []result {
	rs := make([]result, len(modes))
	for m := range rs {
		rs[m].prog = p
	}
	fail := func(err error) []result {
		for m := range rs {
			rs[m].err = err
		}
		return rs
	}
	// Every run gets a directory of its own, all of the same length.
	base := filepath.Join(work, "run", p.slug)
	mk := func(side string, n int) ([]string, error) {
		dirs := make([]string, n)
		for i := range dirs {
			dirs[i] = filepath.Join(base, fmt.Sprintf("%s%d", side, i))
			if err := os.MkdirAll(dirs[i], 0o755); err != nil {
				return nil, err
			}
			if p.setup != nil {
				if err := p.setup(dirs[i]); err != nil {
					return nil, fmt.Errorf("setting up %s: %w", dirs[i], err)
				}
			}
		}
		return dirs, nil
	}
	dirsA, err := mk("a", ref.runs)
	if err != nil {
		return fail(err)
	}
	dirsB, err := mk("b", dut.runs)
	if err != nil {
		return fail(err)
	}
	stdoutA := make([]io.Writer, ref.runs)
	bufsA := make([]*bytes.Buffer, ref.runs)
	for i := range bufsA {
		bufsA[i] = new(bytes.Buffer)
		stdoutA[i] = bufsA[i]
	}
	stdoutB := make([]io.Writer, dut.runs)
	bufsB := make([]*bytes.Buffer, dut.runs)
	for i := range bufsB {
		bufsB[i] = new(bytes.Buffer)
		stdoutB[i] = bufsB[i]
	}
	pathsA, err := ref.run(t, p.slug, dirsA, p.argv, stdoutA)
	if err != nil {
		return fail(fmt.Errorf("%s: %w", ref.name, err))
	}
	pathsB, errB := dut.run(t, p.slug, dirsB, p.argv, stdoutB)
	if err := os.WriteFile(filepath.Join(out, p.slug+"."+ref.tag+".stdout"), bufsA[0].Bytes(), 0o644); err != nil {
		t.Error(err)
	}
	if err := os.WriteFile(filepath.Join(out, p.slug+"."+dut.tag+".stdout"), bufsB[0].Bytes(), 0o644); err != nil {
		t.Error(err)
	}
	note := ""
	if bufsA[0].String() != bufsB[0].String() {
		// Noted, not failed: ls -l / prints /tmp's time, which other
		// processes can change between the two runs.
		note = "stdout differs"
		t.Logf("%s: the program printed %q under %s and %q under %s", p.slug, bufsA[0].String(), ref.name, bufsB[0].String(), dut.name)
	}

	texts := func(m int) (string, string) { return dirsA[min(m, len(dirsA)-1)], dirsB[min(m, len(dirsB)-1)] }
	return diffModes(t, rs, ref.name, dut.name, pathsA, pathsB, errB, texts, work, out, cats, note)
}

// diffModes normalizes and diffs each mode's two texts, pathsA[m] from
// side a and pathsB[m] from side b (unless errB says b failed); dirs gives
// the run directories of mode m's runs, which become $RUN, as work becomes
// $TMP.
func diffModes(t *testing.T, rs []result, nameA, nameB string, pathsA, pathsB []string, errB error,
	dirs func(m int) (string, string), work, out string, cats []map[string]*Category, note string) []result {
	p := rs[0].prog
	for m, md := range modes {
		r := &rs[m]
		if r.skip {
			continue
		}
		r.note = note
		dirA, dirB := dirs(m)
		// Longer names first: the replacer tries its pairs in order.
		repl := strings.NewReplacer(dirA, "$RUN", dirB, "$RUN", work, "$TMP")
		a := Normalize(readFile(t, pathsA[m]), repl)
		var b []string
		if errB != nil {
			// Everything strace printed counts as missing; the error says why.
			r.err = fmt.Errorf("%s: %w", nameB, errB)
		} else {
			b = Normalize(readFile(t, pathsB[m]), repl)
		}
		ops := Diff(a, b)
		r.linesA, r.linesB, r.common = len(a), len(b), Common(ops)
		Categorize(cats[m], p.slug, ops)

		var d bytes.Buffer
		if err := WriteHunks(&d, p.slug+" ("+nameA+", "+md.name+", normalized)", p.slug+" ("+nameB+", "+md.name+", normalized)", ops, 3); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(out, p.slug+md.suffix()+".diff"), d.Bytes(), 0o644); err != nil {
			t.Error(err)
		}
	}
	return rs
}

// keepOnly reports whether CONFORMANCE_ONLY, when set, names the program.
func keepOnly(slug string) bool {
	only := os.Getenv(envOnly)
	if only == "" {
		return true
	}
	for _, s := range strings.Split(only, ",") {
		if strings.TrimSpace(s) == slug {
			return true
		}
	}
	return false
}

// committed32 are captures of the 32-bit programs taken where a kernel ran
// them (Debian 12's kernel 6.1 under qemu-system-x86_64, a checkout's
// stracedump, strace 6.1), with strace's text of the same builds run in the
// same way: ../decoder/testdata/SLUG.pcapng and testdata/i386/PROG.strace*.
// Every host decodes them in every mode and compares as it compares a live
// run, so the i386 coverage is the same whether or not its kernel runs
// 32-bit programs.
var committed32 = []struct{ slug, prog string }{{"i386_forkwait", "forkwait32"}, {"i386_offsets", "offsets32"},
	{"i386_locks", "locks32"}, {"i386_timers", "timers32"}, {"i386_numa", "numa32"}, {"i386_ioctls", "ioctls32"}}

// committedWork is the committed runs' temporary directory: the programs
// ran in committedWork/run/PROG/a0, a1, ... under strace (one per mode) and
// .../b0 under stracedump, as compare lays them out.
const committedWork = "/tmp/work"

// compareCommitted decodes a committed 32-bit capture with bin in every
// mode and diffs it with strace's committed text.
func compareCommitted(t *testing.T, slug, prog, bin, out string, cats []map[string]*Category) []result {
	rs := make([]result, len(modes))
	for m := range rs {
		rs[m].prog = program{slug: slug}
		rs[m].skip = modes[m].live
	}
	capture := filepath.Join("..", "decoder", "testdata", slug+".pcapng")
	var pathsA, pathsB []string
	var errB error
	for _, md := range modes {
		if md.live {
			pathsA, pathsB = append(pathsA, ""), append(pathsB, "")
			continue
		}
		pathsA = append(pathsA, filepath.Join("testdata", "i386", prog+".strace"+md.suffix()+".txt"))
		txt := filepath.Join(out, slug+".stracedump"+md.suffix()+".txt")
		os.Remove(txt)
		dargs := append(append([]string{"decode", "-qq"}, md.flags...), "-o", txt, capture)
		if err := command(".", nil, bin, dargs...); err != nil && errB == nil {
			errB = fmt.Errorf("decode: %w", err)
		}
		pathsB = append(pathsB, txt)
	}
	note := "committed capture"
	a, errA := os.ReadFile(filepath.Join("testdata", "i386", prog+".strace.stdout"))
	b, errS := os.ReadFile(filepath.Join("testdata", "i386", prog+".stracedump.stdout"))
	if errA != nil || errS != nil || string(a) != string(b) {
		note += "; stdout differs"
	}
	base := filepath.Join(committedWork, "run", prog)
	dirs := func(m int) (string, string) {
		// strace ran mode i of the whole list in a<i>, whichever modes run now.
		i := slices.IndexFunc(allModes, func(md mode) bool { return md.tag == modes[m].tag })
		return filepath.Join(base, fmt.Sprintf("a%d", i)), filepath.Join(base, "b0")
	}
	return diffModes(t, rs, "strace", "stracedump", pathsA, pathsB, errB, dirs, committedWork, out, cats, note)
}

func straceSide(tools map[string]string, name, out, tag string) side {
	return side{name: name, tag: tag, runs: len(modes), run: func(t *testing.T, slug string, dirs []string, argv func(string) []string, stdout []io.Writer) ([]string, error) {
		var paths []string
		for m, md := range modes {
			txt := filepath.Join(out, slug+"."+tag+md.suffix()+".txt")
			args := append([]string{"-R", tools["strace"], "-f", "-qq"}, md.flags...)
			args = append(append(args, "-o", txt, "--"), argv(dirs[m])...)
			if err := command(dirs[m], stdout[m], tools["setarch"], args...); err != nil {
				return nil, err
			}
			paths = append(paths, txt)
		}
		return paths, nil
	}}
}

// stracedumpSide records each program once and decodes the one capture in
// every mode: the capture holds what every option needs.
func stracedumpSide(bin string, tools map[string]string, out string) side {
	return side{name: "stracedump", tag: "stracedump", runs: 1, run: func(t *testing.T, slug string, dirs []string, argv func(string) []string, stdout []io.Writer) ([]string, error) {
		capture := filepath.Join(out, slug+".pcapng")
		args := append([]string{"-R", bin, "record", "-f", "-o", capture, "--"}, argv(dirs[0])...)
		if err := command(dirs[0], stdout[0], tools["setarch"], args...); err != nil {
			return nil, fmt.Errorf("record: %w", err)
		}
		var paths []string
		for _, md := range modes {
			txt := filepath.Join(out, slug+".stracedump"+md.suffix()+".txt")
			os.Remove(txt) // a stale one from an earlier run must not be compared
			dargs := append(append([]string{"decode", "-qq"}, md.flags...), "-o", txt, capture)
			if err := command(dirs[0], nil, bin, dargs...); err != nil {
				return nil, fmt.Errorf("decode: %w", err)
			}
			paths = append(paths, txt)
		}
		return paths, nil
	}}
}

// command runs name in dir with a timeout. The traced programs here all
// exit 0, so a tracer passing on another status means something went wrong.
func command(dir string, stdout io.Writer, name string, args ...string) error {
	ctx, cancel := context.WithTimeout(context.Background(), commandTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.WaitDelay = 5 * time.Second // a leftover tracee holding stdout open must not hang us
	cmd.Stdout = stdout
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	if ctx.Err() != nil {
		return fmt.Errorf("%s timed out after %v", cmd, commandTimeout)
	}
	if err != nil {
		return fmt.Errorf("%s: %w: %s", cmd, err, bytes.TrimSpace(stderr.Bytes()))
	}
	return nil
}

// stracedumpBinary builds the binary under test, or takes STRACEDUMP_BIN.
// Before the CLI has its record command there is nothing to measure, so the
// test skips, except under CI=true, where a skip would hide a regression.
func stracedumpBinary(t *testing.T, ci bool, work string) string {
	bin := os.Getenv(envBin)
	if bin == "" {
		if _, err := os.Stat(filepath.Join("..", "main.go")); err != nil {
			unavailable(t, ci, "stracedump has no main.go yet, so no record command to test")
		}
		bin = filepath.Join(work, "stracedump")
		cmd := exec.Command("go", "build", "-trimpath", "-o", bin, "..")
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("building stracedump: %v\n%s", err, b)
		}
	}
	bin, err := filepath.Abs(bin)
	if err != nil {
		t.Fatal(err)
	}
	if b, err := exec.Command(bin, "record", "--help").CombinedOutput(); err != nil {
		unavailable(t, ci, fmt.Sprintf("%s record --help failed (%v), so it has no record command yet:\n%s", bin, err, b))
	}
	return bin
}

// lookTool finds a tool the test needs; without it the test cannot measure
// anything.
func lookTool(t *testing.T, name string) string {
	t.Helper()
	return testhost.Tool(t, name, "the conformance test compares stracedump's text with strace's")
}

// build32 builds the corpus's C programs into bin and reports whether its
// 32-bit programs can be traced live. gcc -m32 needs gcc-multilib, which
// .ci/run installs: without it they are left out loudly, as a missing tool
// would be. Running them needs a kernel that runs 32-bit executables; where
// it refuses, that is said, and the i386 decoding is checked from committed
// captures instead (decoder's TestI386Captures, lua's corpus).
func build32(t *testing.T, gcc, bin string) bool {
	t.Helper()
	if err := BuildCPrograms(gcc, bin); err != nil {
		if !errors.Is(err, Err32) || testhost.CI() {
			t.Fatal(err)
		}
		fmt.Printf("\n*** CONFORMANCE: no 32-bit programs: %v ***\n\n", err)
		return false
	}
	if testhost.IA32.Err() != nil {
		testhost.Substitute(t, testhost.IA32, Instead32)
		return false
	}
	return true
}

// unavailable stops the test for a missing prerequisite: a failure under
// CI=true, a skip said out loud otherwise.
func unavailable(t *testing.T, ci bool, why string) {
	t.Helper()
	if ci {
		t.Fatalf("%s (CI=true: conformance never skips)", why)
	}
	fmt.Printf("\n*** CONFORMANCE SKIPPED: %s ***\n\n", why)
	t.Skip(why)
}

func run(t *testing.T, name string, args ...string) {
	t.Helper()
	if b, err := exec.Command(name, args...).CombinedOutput(); err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, b)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return ""
	}
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func overallShare(results []result) float64 {
	common, total := 0, 0
	for _, r := range results {
		common += r.common
		total += max(r.linesA, r.linesB)
	}
	if total == 0 {
		return 0
	}
	return 100 * float64(common) / float64(total)
}

// summary is the report: a Markdown table per program and overall, then the
// syscalls with the most mismatched lines.
func summary(nameA, nameB, modeName string, results []result, cats map[string]*Category, out string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "conformance, %s: %s vs %s (share = identical / max(lines))\n\n", modeName, nameA, nameB)
	fmt.Fprintf(&b, "| program | lines %s | lines %s | identical | share |\n", nameA, nameB)
	b.WriteString("|---|---:|---:|---:|---:|\n")
	var la, lb, common int
	for _, r := range results {
		note := r.note
		if r.err != nil {
			note = "error"
		}
		if note != "" {
			note = " (" + note + ")"
		}
		fmt.Fprintf(&b, "| %s%s | %d | %d | %d | %.1f%% |\n", r.prog.slug, note, r.linesA, r.linesB, r.common, r.share())
		la, lb, common = la+r.linesA, lb+r.linesB, common+r.common
	}
	fmt.Fprintf(&b, "| **overall** | %d | %d | %d | **%.1f%%** |\n", la, lb, common, overallShare(results))

	top := TopCategories(cats, 10)
	if len(top) > 0 {
		fmt.Fprintf(&b, "\ntop mismatch categories (lines only in %s / only in %s):\n\n", nameA, nameB)
		b.WriteString("| syscall | only A | only B | programs | example |\n|---|---:|---:|---|---|\n")
		for _, c := range top {
			progs := make([]string, 0, len(c.Programs))
			for _, r := range results {
				if c.Programs[r.prog.slug] {
					progs = append(progs, r.prog.slug)
				}
			}
			ex := c.ExampleA
			if ex == "" {
				ex = c.ExampleB
			}
			fmt.Fprintf(&b, "| %s | %d | %d | %s | `%s` |\n", c.Name, c.OnlyA, c.OnlyB, strings.Join(progs, ","), truncate(ex, 100))
		}
	}
	return b.String()
}

func truncate(s string, n int) string {
	s = strings.ReplaceAll(s, "`", "'")
	s = strings.ReplaceAll(s, "|", `\|`)
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}
