package conformance

import (
	"fmt"
	"io"
	"os"
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
