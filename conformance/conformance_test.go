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
	"strconv"
	"strings"
	"testing"
	"time"
)

// Environment knobs, all described in docs/testing.md.
const (
	envBin  = "STRACEDUMP_BIN"   // use this binary instead of building one
	envOut  = "CONFORMANCE_OUT"  // where raw outputs and diffs go (default ./out)
	envMin  = "CONFORMANCE_MIN"  // overall share in percent below which the test fails (default 80)
	envSelf = "CONFORMANCE_SELF" // "1": compare strace with a second strace run
)

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
}

// side is one way of producing strace text for a program.
type side struct {
	name string
	tag  string // in file names under out/
	// run traces argv in dir, writing the program's stdout to stdout, and
	// returns the strace text's path.
	run func(t *testing.T, slug, dir string, argv []string, stdout io.Writer) (string, error)
}

type result struct {
	prog           program
	linesA, linesB int
	common         int
	err            error
	note           string // shown next to the program in the table
}

func (r result) share() float64 {
	n := max(r.linesA, r.linesB)
	if n == 0 {
		return 0
	}
	return 100 * float64(r.common) / float64(n)
}

func TestConformance(t *testing.T) {
	ci := os.Getenv("CI") == "true"
	self := os.Getenv(envSelf) == "1"

	tools := map[string]string{}
	for _, tool := range []string{"strace", "setarch", "gcc", "sh", "ls", "cat", "tr"} {
		tools[tool] = lookTool(t, ci, tool)
	}
	// Debian's python3, not a version manager's shim script in PATH: a shim
	// runs a shell and several processes of its own before python starts.
	tools["python3"] = "/usr/bin/python3"
	if _, err := os.Stat(tools["python3"]); err != nil {
		tools["python3"] = lookTool(t, ci, "python3")
	}

	minShare := 80.0
	if s := os.Getenv(envMin); s != "" {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatalf("%s=%q: want a number of percent", envMin, s)
		}
		minShare = v
	}

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
	if !self {
		dut = stracedumpSide(stracedumpBinary(t, ci, work), tools, out)
	}

	bin := filepath.Join(work, "bin")
	if err := os.Mkdir(bin, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"forkwait", "threads"} {
		run(t, tools["gcc"], "-O2", "-Wall", "-pthread", "-o", filepath.Join(bin, name), filepath.Join("testdata", name+".c"))
	}

	programs := []program{
		{"ls", func(string) []string { return []string{"ls", "-l", "/"} }},
		{"cat", func(string) []string { return []string{"cat", "/etc/os-release"} }},
		{"sh", func(dir string) []string {
			return []string{"sh", "-c", "echo hello | tr a-z A-Z > " + dir + "/out; cat " + dir + "/out"}
		}},
		{"python3", func(string) []string {
			return []string{tools["python3"], "-c", `import json; print(json.dumps({"a": [1, 2]}))`}
		}},
		{"forkwait", func(string) []string { return []string{filepath.Join(bin, "forkwait")} }},
		{"threads", func(string) []string { return []string{filepath.Join(bin, "threads")} }},
	}

	cats := map[string]*Category{}
	var results []result
	for _, p := range programs {
		r := compare(t, p, ref, dut, work, out, cats)
		if r.err != nil {
			t.Errorf("%s: %v", p.slug, r.err)
		}
		results = append(results, r)
	}

	report := summary(ref.name, dut.name, results, cats, out)
	for _, l := range strings.Split(strings.TrimRight(report, "\n"), "\n") {
		t.Log(l)
	}
	// Also on stdout, unindented, so the table can be copied into a note.
	fmt.Print("\n" + report)
	if err := os.WriteFile(filepath.Join(out, "summary.md"), []byte(report), 0o644); err != nil {
		t.Error(err)
	}

	if overall := overallShare(results); overall < minShare {
		t.Errorf("overall share %.1f%% is below %s=%.1f%%; diffs are in %s", overall, envMin, minShare, out)
	}
}

// compare runs one program on both sides and diffs their normalized text.
func compare(t *testing.T, p program, ref, dut side, work, out string, cats map[string]*Category) result {
	r := result{prog: p}
	base := filepath.Join(work, "run", p.slug)
	dirA, dirB := filepath.Join(base, "ref"), filepath.Join(base, "dut")
	for _, d := range []string{dirA, dirB} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			r.err = err
			return r
		}
	}
	var stdoutA, stdoutB bytes.Buffer
	pathA, err := ref.run(t, p.slug, dirA, p.argv(dirA), &stdoutA)
	if err != nil {
		r.err = fmt.Errorf("%s: %w", ref.name, err)
		return r
	}
	pathB, errB := dut.run(t, p.slug, dirB, p.argv(dirB), &stdoutB)
	for _, f := range []struct {
		tag string
		b   *bytes.Buffer
	}{{ref.tag, &stdoutA}, {dut.tag, &stdoutB}} {
		if err := os.WriteFile(filepath.Join(out, p.slug+"."+f.tag+".stdout"), f.b.Bytes(), 0o644); err != nil {
			t.Error(err)
		}
	}
	if stdoutA.String() != stdoutB.String() {
		// Noted, not failed: ls -l / prints /tmp's time, which other
		// processes can change between the two runs.
		r.note = "stdout differs"
		t.Logf("%s: the program printed %q under %s and %q under %s", p.slug, stdoutA.String(), ref.name, stdoutB.String(), dut.name)
	}

	// Longer names first: the replacer tries its pairs in order.
	repl := strings.NewReplacer(dirA, "$RUN", dirB, "$RUN", work, "$TMP")
	a := Normalize(readFile(t, pathA), repl)
	var b []string
	if errB != nil {
		// Everything strace printed counts as missing; the error says why.
		r.err = fmt.Errorf("%s: %w", dut.name, errB)
	} else {
		b = Normalize(readFile(t, pathB), repl)
	}
	ops := Diff(a, b)
	r.linesA, r.linesB, r.common = len(a), len(b), Common(ops)
	Categorize(cats, p.slug, ops)

	var d bytes.Buffer
	if err := WriteHunks(&d, p.slug+" ("+ref.name+", normalized)", p.slug+" ("+dut.name+", normalized)", ops, 3); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, p.slug+".diff"), d.Bytes(), 0o644); err != nil {
		t.Error(err)
	}
	return r
}

func straceSide(tools map[string]string, name, out, tag string) side {
	return side{name: name, tag: tag, run: func(t *testing.T, slug, dir string, argv []string, stdout io.Writer) (string, error) {
		txt := filepath.Join(out, slug+"."+tag+".txt")
		args := append([]string{"-R", tools["strace"], "-f", "-qq", "-o", txt, "--"}, argv...)
		if err := command(dir, stdout, tools["setarch"], args...); err != nil {
			return "", err
		}
		return txt, nil
	}}
}

func stracedumpSide(bin string, tools map[string]string, out string) side {
	return side{name: "stracedump", tag: "stracedump", run: func(t *testing.T, slug, dir string, argv []string, stdout io.Writer) (string, error) {
		capture := filepath.Join(out, slug+".pcapng")
		txt := filepath.Join(out, slug+".stracedump.txt")
		os.Remove(txt) // a stale one from an earlier run must not be compared
		args := append([]string{"-R", bin, "record", "-f", "-o", capture, "--"}, argv...)
		if err := command(dir, stdout, tools["setarch"], args...); err != nil {
			return "", fmt.Errorf("record: %w", err)
		}
		if err := command(dir, nil, bin, "decode", "-qq", "-o", txt, capture); err != nil {
			return "", fmt.Errorf("decode: %w", err)
		}
		return txt, nil
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
func lookTool(t *testing.T, ci bool, name string) string {
	p, err := exec.LookPath(name)
	if err != nil {
		unavailable(t, ci, fmt.Sprintf("%s is not installed (on Debian: apt-get install strace gcc libc6-dev python3; or run .ci/run)", name))
	}
	return p
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
func summary(nameA, nameB string, results []result, cats map[string]*Category, out string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "conformance: %s vs %s (share = identical / max(lines))\n\n", nameA, nameB)
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
	fmt.Fprintf(&b, "\ndiffs and raw outputs: %s\n", out)
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
