package conformance

// Comparing a program's runs: strace's text against stracedump's in every mode,
// the committed i386 captures, and the summary of the shares.

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

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
