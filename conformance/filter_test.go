package conformance

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stracedump/stracedump/internal/testhost"
)

// TestConformanceFiltered holds a filtered capture to strace's filtered
// text: record -e EXPR then decode must print exactly what
// strace -f -qq -e EXPR prints for the same program, whether the kernel
// (seccomp-bpf) or the tracer does the selecting.
func TestConformanceFiltered(t *testing.T) {
	ci := testhost.CI()
	tools := map[string]string{}
	for _, tool := range []string{"strace", "setarch", "gcc", "sh", "cat"} {
		tools[tool] = lookTool(t, tool)
	}
	work := t.TempDir()
	bin := stracedumpBinary(t, ci, work)
	progs := filepath.Join(work, "progs")
	if err := os.Mkdir(progs, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"forkwait", "threads"} {
		run(t, tools["gcc"], "-O2", "-Wall", "-pthread", "-o", filepath.Join(progs, name), filepath.Join("testdata", name+".c"))
	}
	programs := []program{
		{slug: "cat", argv: func(string) []string { return []string{"cat", "/etc/os-release"} }},
		{slug: "sh", argv: func(dir string) []string {
			return []string{"sh", "-c", "echo hello | tr a-z A-Z > " + dir + "/out; cat " + dir + "/out /nonexistent; true"}
		}},
		{slug: "forkwait", argv: func(string) []string { return []string{filepath.Join(progs, "forkwait")} }},
		{slug: "threads", argv: func(string) []string { return []string{filepath.Join(progs, "threads")} }},
	}
	for _, tc := range []struct {
		name  string
		exprs []string
	}{
		{"openat-close", []string{"trace=openat,close"}},
		{"process", []string{"trace=/^(clone|exec|exit|fork|vfork)"}},
		{"failed-file", []string{"trace=%file", "status=failed"}},
		{"desc-no-signals", []string{"%desc", "signal=none"}},
	} {
		for _, seccomp := range []bool{true, false} {
			for _, p := range programs {
				name := fmt.Sprintf("%s/%s/seccomp=%v", tc.name, p.slug, seccomp)
				t.Run(name, func(t *testing.T) {
					dirA, dirB := filepath.Join(work, "run", name, "ref"), filepath.Join(work, "run", name, "dut")
					for _, d := range []string{dirA, dirB} {
						if err := os.MkdirAll(d, 0o755); err != nil {
							t.Fatal(err)
						}
					}
					ref := filepath.Join(dirA, "..", "strace.txt")
					var eargs []string
					for _, e := range tc.exprs {
						eargs = append(eargs, "-e", e)
					}
					args := append(append([]string{"-R", tools["strace"], "-f", "-qq", "-o", ref}, eargs...), "--")
					if err := command(dirA, &bytes.Buffer{}, tools["setarch"], append(args, p.argv(dirA)...)...); err != nil {
						t.Fatal(err)
					}
					capture := filepath.Join(dirB, "..", "capture.pcapng")
					got := filepath.Join(dirB, "..", "stracedump.txt")
					args = append(append([]string{"-R", bin, "record", "-o", capture, fmt.Sprintf("--seccomp-bpf=%v", seccomp)}, eargs...), "--")
					if err := command(dirB, &bytes.Buffer{}, tools["setarch"], append(args, p.argv(dirB)...)...); err != nil {
						t.Fatal(err)
					}
					if err := command(dirB, nil, bin, "decode", "-qq", "-o", got, capture); err != nil {
						t.Fatal(err)
					}
					repl := strings.NewReplacer(dirA, "$RUN", dirB, "$RUN")
					a := byProcess(timeless(Normalize(readFile(t, ref), repl)))
					b := byProcess(timeless(Normalize(readFile(t, got), repl)))
					if len(a) == 0 {
						t.Fatalf("strace printed nothing for %v", tc.exprs)
					}
					ops := Diff(a, b)
					if Common(ops) != len(a) || len(a) != len(b) {
						var d bytes.Buffer
						_ = WriteHunks(&d, "strace", "stracedump", ops, 2)
						t.Errorf("%d of %d strace lines identical, stracedump printed %d:\n%s", Common(ops), len(a), len(b), d.String())
					}
				})
			}
		}
	}
}

// timeless drops what the scheduler decides in a filtered trace: where a
// SIGCHLD falls among the parent's calls, which with most calls filtered
// out is no longer pinned by the wait that reaps the child, and a call
// restarted because a signal came in during it (fork's ERESTARTNOINTR
// when a SIGCHLD arrives mid-fork).
func timeless(lines []string) []string {
	out := lines[:0]
	for _, l := range lines {
		if strings.Contains(l, "= ? ERESTART") || strings.Contains(l, " --- SIGCHLD ") {
			continue
		}
		out = append(out, l)
	}
	return out
}

// byProcess orders the lines by the text of each process's whole trace.
// With the filter hiding the clones, Normalize numbers processes in the
// order they first print, which is the scheduler's: a process is then
// known by what it did, and P1, P2... renamed in that order.
func byProcess(lines []string) []string {
	var order []string
	groups := map[string][]string{}
	for _, l := range lines {
		pid, rest, _ := strings.Cut(l, " ")
		if _, ok := groups[pid]; !ok {
			order = append(order, pid)
		}
		groups[pid] = append(groups[pid], rest)
	}
	sort.SliceStable(order, func(i, j int) bool {
		return strings.Join(groups[order[i]], "\n") < strings.Join(groups[order[j]], "\n")
	})
	var out []string
	for i, pid := range order {
		for _, l := range groups[pid] {
			out = append(out, fmt.Sprintf("Q%d %s", i+1, l))
		}
	}
	return out
}
