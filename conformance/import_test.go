package conformance

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/stracedump/stracedump/internal/testhost"
)

// importRoundTrips are the option sets of the import round trip: strace
// writes its log with flags, import reads it (with importFlags), decode
// prints the capture with flags again, and the text must come back.
var importRoundTrips = []struct {
	name, tag   string
	flags       []string
	importFlags []string
}{
	{"default", "", nil, nil},
	{"-tt -T -y", "ttTy", []string{"-tt", "-T", "-y"}, nil},
	{"-ttt -yy -x", "tttyyx", []string{"-ttt", "-yy", "-x"}, []string{"-x"}},
}

// importRerenders are the options decode prints the import of a default
// log with, compared with strace's own run under the same options.
var importRerenders = []struct{ name, tag string }{
	{"-X raw", "Xraw"},
	{"-X verbose", "Xverbose"},
}

// The shares the import test holds: a round trip gives the log back, and
// a re-rendered import matches strace as closely as a recording does
// (defaultMin) less what the default log does not say.
const (
	importMinRoundTrip = 99.9
	importMinRerender  = 97.0
)

var importStats = regexp.MustCompile(`arguments (\d+), as text (\d+); calls with all arguments as text (\d+)`)

// TestConformanceImport runs every program of the corpus under strace 6.1
// in each option set of importRoundTrips, imports the log with stracedump
// import and decodes it with the same options: at least 99.9% of the lines
// must come back identical (the others are listed). It also decodes the
// import of the default log with -X raw and -X verbose and compares that,
// normalized as TestConformance compares a recording, with strace's own
// -X raw and -X verbose runs of the program: at least 97% identical.
func TestConformanceImport(t *testing.T) {
	ci := testhost.CI()
	tools := map[string]string{}
	for _, tool := range []string{"strace", "setarch", "gcc", "sh", "ls", "cat", "tr", "cp", "tar", "git", "ip", "ss"} {
		tools[tool] = lookTool(t, tool)
	}
	tools["python3"] = "/usr/bin/python3"
	if _, err := os.Stat(tools["python3"]); err != nil {
		tools["python3"] = lookTool(t, "python3")
	}
	work := t.TempDir()
	out := os.Getenv(envOut)
	if out == "" {
		out = "out"
	}
	out, err := filepath.Abs(filepath.Join(out, "import"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	bin := stracedumpBinary(t, ci, work)
	progDir := filepath.Join(work, "bin")
	if err := os.Mkdir(progDir, 0o755); err != nil {
		t.Fatal(err)
	}
	// The 32-bit programs run where the kernel runs them; import reads
	// their logs with --arch i386. strace's committed i386 logs are
	// imported on every host (importCommitted32).
	has32 := true
	if err := BuildCPrograms(tools["gcc"], progDir); err != nil {
		if !errors.Is(err, Err32) || ci {
			t.Fatal(err)
		}
		fmt.Printf("\n*** CONFORMANCE IMPORT: no 32-bit programs: %v ***\n\n", err)
		has32 = false
	} else if testhost.IA32.Err() != nil {
		testhost.Substitute(t, testhost.IA32, "strace 6.1's committed logs of the 32-bit programs (conformance/testdata/i386) "+
			"are imported with --arch i386 and decoded with the options they were written with (TestConformanceImport, committed i386 logs)")
		has32 = false
	}
	var programs []program
	for _, p := range corpus(tools, progDir, has32) {
		if keepOnly(p.slug) {
			programs = append(programs, p)
		}
	}

	type cell struct{ lines, same int }
	nModes := len(importRoundTrips) + len(importRerenders)
	table := make([][]cell, len(programs))
	differing := make([][]string, nModes) // per mode: "program: -line" and "+line"
	var args, asText, whole [3]int
	sch, err := jsonschema.NewCompiler().Compile(filepath.Join(sourceDir(), "..", "docs", "json-schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	jsonLines := 0
	for i, p := range programs {
		table[i] = make([]cell, nModes)
		// One run directory per strace run, all of the same length, so
		// the addresses strace prints are the same in every run.
		dirs := make([]string, nModes)
		logs := make([]string, nModes)
		base := filepath.Join(work, "run", p.slug)
		for m := range dirs {
			dirs[m] = filepath.Join(base, fmt.Sprintf("i%d", m))
			if err := os.MkdirAll(dirs[m], 0o755); err != nil {
				t.Fatal(err)
			}
			if p.setup != nil {
				if err := p.setup(dirs[m]); err != nil {
					t.Fatal(err)
				}
			}
			var flags []string
			if m < len(importRoundTrips) {
				flags = importRoundTrips[m].flags
				logs[m] = filepath.Join(out, p.slug+".log"+dotTag(importRoundTrips[m].tag))
			} else {
				flags = []string{"-X", strings.TrimPrefix(importRerenders[m-len(importRoundTrips)].name, "-X ")}
				logs[m] = filepath.Join(out, p.slug+".log."+importRerenders[m-len(importRoundTrips)].tag)
			}
			sargs := append(append([]string{"-R", tools["strace"], "-f"}, flags...), "-o", logs[m], "--")
			if err := command(dirs[m], nil, tools["setarch"], append(sargs, p.argv(dirs[m])...)...); err != nil {
				t.Errorf("%s: strace %s: %v", p.slug, flags, err)
				continue
			}
		}
		for m, rt := range importRoundTrips {
			capture := filepath.Join(out, p.slug+dotTag(rt.tag)+".pcapng")
			var stderr bytes.Buffer
			iargs := append(append(append([]string{"import", "--stats", "-o", capture}, rt.importFlags...), archFlags(p.slug)...), logs[m])
			cmd := exec.Command(bin, iargs...)
			cmd.Stderr = &stderr
			if err := cmd.Run(); err != nil {
				t.Errorf("%s: %s: %v", p.slug, rt.name, err)
				continue
			}
			if sm := importStats.FindStringSubmatch(stderr.String()); sm != nil {
				a, _ := strconv.Atoi(sm[1])
				x, _ := strconv.Atoi(sm[2])
				w, _ := strconv.Atoi(sm[3])
				args[m], asText[m], whole[m] = args[m]+a, asText[m]+x, whole[m]+w
			}
			// Every record's JSON matches the documented schema (the importer's
			// TestImportedJSON has a golden line of each kind).
			var js bytes.Buffer
			jcmd := exec.Command(bin, "decode", "--json", capture)
			jcmd.Stdout = &js
			if err := jcmd.Run(); err != nil {
				t.Errorf("%s: %s: decode --json: %v", p.slug, rt.name, err)
			}
			for n, line := range splitLines(js.String()) {
				v, err := jsonschema.UnmarshalJSON(strings.NewReader(line))
				if err == nil {
					err = sch.Validate(v)
				}
				if err != nil {
					t.Errorf("%s: %s: decode --json line %d: %v\n%s", p.slug, rt.name, n+1, err, line)
					break
				}
				jsonLines++
			}
			back := filepath.Join(out, p.slug+".back"+dotTag(rt.tag))
			if err := command(dirs[m], nil, bin, append(append([]string{"decode"}, rt.flags...), "-o", back, capture)...); err != nil {
				t.Errorf("%s: %s: %v", p.slug, rt.name, err)
				continue
			}
			a, b := splitLines(readFile(t, logs[m])), splitLines(readFile(t, back))
			ops := Diff(a, b)
			table[i][m] = cell{max(len(a), len(b)), Common(ops)}
			for _, op := range ops {
				if op.Kind != ' ' {
					differing[m] = append(differing[m], fmt.Sprintf("%s: %c%s", p.slug, op.Kind, op.Line))
				}
			}
			if m != 0 {
				continue
			}
			// The default log's import, printed with other options.
			for r, rr := range importRerenders {
				k := len(importRoundTrips) + r
				txt := filepath.Join(out, p.slug+".back."+rr.tag)
				if err := command(dirs[m], nil, bin, "decode", "-X", strings.TrimPrefix(rr.name, "-X "), "-o", txt, capture); err != nil {
					t.Errorf("%s: %s: %v", p.slug, rr.name, err)
					continue
				}
				repl := strings.NewReplacer(dirs[k], "$RUN", dirs[0], "$RUN", work, "$TMP")
				a, b := Normalize(readFile(t, logs[k]), repl), Normalize(readFile(t, txt), repl)
				ops := Diff(a, b)
				table[i][k] = cell{max(len(a), len(b)), Common(ops)}
				var d bytes.Buffer
				if err := WriteHunks(&d, p.slug+" (strace "+rr.name+", normalized)", p.slug+" (import, decode "+rr.name+", normalized)", ops, 3); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(out, p.slug+"."+rr.tag+".diff"), d.Bytes(), 0o644); err != nil {
					t.Error(err)
				}
			}
		}
	}

	var report strings.Builder
	fmt.Fprintf(&report, "import: strace -f OPTIONS writes the log, stracedump import reads it, stracedump decode OPTIONS prints it (identical / max(lines));\n")
	fmt.Fprintf(&report, "-X raw and -X verbose: the default log's import decoded with them vs strace's own run, normalized\n\n")
	report.WriteString("| program |")
	for _, rt := range importRoundTrips {
		fmt.Fprintf(&report, " %s |", rt.name)
	}
	for _, rr := range importRerenders {
		fmt.Fprintf(&report, " default as %s |", rr.name)
	}
	report.WriteString("\n|---|" + strings.Repeat("---:|", nModes) + "\n")
	totals := make([]cell, nModes)
	for i, p := range programs {
		fmt.Fprintf(&report, "| %s |", p.slug)
		for m, c := range table[i] {
			fmt.Fprintf(&report, " %d/%d |", c.same, c.lines)
			totals[m].lines += c.lines
			totals[m].same += c.same
		}
		report.WriteString("\n")
	}
	share := func(c cell) float64 { return 100 * float64(c.same) / float64(max(c.lines, 1)) }
	report.WriteString("| **overall** |")
	for _, c := range totals {
		fmt.Fprintf(&report, " %d/%d **%.2f%%** |", c.same, c.lines, share(c))
	}
	report.WriteString("\n\n")
	for m, rt := range importRoundTrips {
		fmt.Fprintf(&report, "%s: arguments %d, kept as values %.1f%%, as text %d; calls with all arguments as text %d\n",
			rt.name, args[m], 100*(1-float64(asText[m])/float64(max(args[m], 1))), asText[m], whole[m])
	}
	for m, rt := range importRoundTrips {
		if len(differing[m]) == 0 {
			continue
		}
		fmt.Fprintf(&report, "\nlines that did not come back, %s (- strace's log, + decode):\n", rt.name)
		for _, l := range differing[m] {
			report.WriteString("  " + l + "\n")
		}
	}
	c32 := importCommitted32(t, bin, &report)
	fmt.Fprintf(&report, "\ndecode --json of the imports: %d lines, each matching docs/json-schema.json\n", jsonLines)
	fmt.Fprintf(&report, "\nlogs, captures and diffs: %s\n", out)
	for _, l := range strings.Split(strings.TrimRight(report.String(), "\n"), "\n") {
		t.Log(l)
	}
	fmt.Print("\n" + report.String())
	if err := os.WriteFile(filepath.Join(out, "summary.md"), []byte(report.String()), 0o644); err != nil {
		t.Error(err)
	}
	for m, rt := range importRoundTrips {
		if s := share(totals[m]); s < importMinRoundTrip {
			t.Errorf("import round trip, %s: %.2f%% of lines identical, want %.1f%%", rt.name, s, importMinRoundTrip)
		}
	}
	if s := 100 * float64(c32.same) / float64(max(c32.lines, 1)); s < importMinRoundTrip {
		t.Errorf("import round trip of the committed i386 logs: %.2f%% of lines identical, want %.1f%%", s, importMinRoundTrip)
	}
	for r, rr := range importRerenders {
		if s := share(totals[len(importRoundTrips)+r]); s < importMinRerender {
			t.Errorf("import of the default log decoded with %s: %.2f%% of lines as strace's, want %.1f%%; diffs are in %s",
				rr.name, s, importMinRerender, out)
		}
	}
}

// archFlags is what import needs to be told of a program's log: the
// 32-bit builds' are i386's.
func archFlags(slug string) []string {
	if strings.HasSuffix(slug, "32") {
		return []string{"--arch", "i386"}
	}
	return nil
}

// importCommitted32 imports strace 6.1's committed logs of the 32-bit
// programs (testdata/i386, written under -qq in the modes of
// TestConformance that predate them) with --arch i386, decodes each with
// -qq and its options, and writes the lines that came back to report.
func importCommitted32(t *testing.T, bin string, report *strings.Builder) (total struct{ lines, same int }) {
	modes := []struct{ tag, name string }{{"", "default"}, {".ytt", "-y -T -tt"}, {".yy", "-yy"}}
	flags := map[string][]string{"": nil, ".ytt": {"-y", "-T", "-tt"}, ".yy": {"-yy"}}
	dir := t.TempDir()
	fmt.Fprintf(report, "\ncommitted i386 logs (testdata/i386, strace 6.1 -qq), import --arch i386, decode -qq OPTIONS:\n\n| program |")
	for _, m := range modes {
		fmt.Fprintf(report, " %s |", m.name)
	}
	report.WriteString("\n|---|---:|---:|---:|\n")
	for _, c := range committed32 {
		fmt.Fprintf(report, "| %s |", c.prog)
		for _, m := range modes {
			log := filepath.Join(sourceDir(), "testdata", "i386", c.prog+".strace"+m.tag+".txt")
			capture := filepath.Join(dir, c.prog+m.tag+".pcapng")
			back := filepath.Join(dir, c.prog+m.tag+".back")
			if err := command(dir, nil, bin, "import", "--arch", "i386", "-o", capture, log); err != nil {
				t.Errorf("%s: %v", c.prog, err)
				continue
			}
			if err := command(dir, nil, bin, append(append([]string{"decode", "-qq"}, flags[m.tag]...), "-o", back, capture)...); err != nil {
				t.Errorf("%s: %v", c.prog, err)
				continue
			}
			a, b := splitLines(readFile(t, log)), splitLines(readFile(t, back))
			n, same := max(len(a), len(b)), Common(Diff(a, b))
			fmt.Fprintf(report, " %d/%d |", same, n)
			total.lines, total.same = total.lines+n, total.same+same
		}
		report.WriteString("\n")
	}
	fmt.Fprintf(report, "| **overall** | %d/%d **%.2f%%** | | |\n", total.same, total.lines, 100*float64(total.same)/float64(max(total.lines, 1)))
	return total
}

func dotTag(tag string) string {
	if tag == "" {
		return ""
	}
	return "." + tag
}

// splitLines is a file's lines, without the last newline.
func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(s, "\n"), "\n")
}
