// Command wireshark measures the Lua dissector in tshark: each capture is
// read by `tshark -r` with the dissector and with it disabled
// (--disable-protocol strace: the same file, the same framing, the same
// Lua loaded), and the report gives records per second and the ratio of
// the two. It records the captures it reads (a dd bs=1 and a find), or
// reuses them from -dir. It is a measuring tool, not a test: nothing here
// passes or fails.
//
//	go run ./bench/wireshark -bin ./stracedump [-rounds 5] [-doc docs/performance.md]
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/stracedump/stracedump/pcapng"
)

type capture struct {
	name string
	argv []string
	path string
	recs int
}

type mode struct {
	name string
	args func(lua, path string) []string
}

var modes = []mode{
	{"dissector", func(lua, path string) []string { return []string{"-X", "lua_script:" + lua, "-r", path} }},
	{"disabled", func(lua, path string) []string {
		return []string{"-X", "lua_script:" + lua, "--disable-protocol", "strace", "-r", path}
	}},
	{"no Lua", func(_, path string) []string { return []string{"-r", path} }},
}

type sample struct{ wall, cpu time.Duration }

// Markers of the section of the document this command rewrites.
const (
	begin = "<!-- bench-wireshark: begin (written by `make bench-wireshark`) -->"
	end   = "<!-- bench-wireshark: end -->"
)

func main() {
	bin := flag.String("bin", "./stracedump", "the stracedump binary that records the captures")
	lua := flag.String("lua", "lua/strace.lua", "the dissector")
	rounds := flag.Int("rounds", 5, "tshark runs per capture and mode; medians are reported")
	dir := flag.String("dir", "", "where the captures are kept and reused (default: a new temporary directory)")
	ddCount := flag.Int("dd-count", 50000, "dd's count: two records per byte")
	findDir := flag.String("find", "/usr/share", "the tree find walks (-maxdepth 3)")
	doc := flag.String("doc", "", "rewrite the marked section of this Markdown file with the report")
	flag.Parse()
	if err := run(*bin, *lua, *rounds, *dir, *ddCount, *findDir, *doc); err != nil {
		fmt.Fprintln(os.Stderr, "bench-wireshark:", err)
		os.Exit(1)
	}
}

func run(bin, lua string, rounds int, dir string, ddCount int, findDir, doc string) error {
	lua, err := filepath.Abs(lua)
	if err != nil {
		return err
	}
	if dir == "" {
		if dir, err = os.MkdirTemp("", "bench-wireshark-"); err != nil {
			return err
		}
		defer os.RemoveAll(dir)
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	caps := []*capture{
		{name: "dd", argv: []string{"dd", "if=/dev/zero", "of=/dev/null", "bs=1", fmt.Sprintf("count=%d", ddCount)}},
		{name: "find", argv: []string{"find", findDir, "-maxdepth", "3"}},
	}
	for _, c := range caps {
		c.path = filepath.Join(dir, c.name+".pcapng")
		if _, err := os.Stat(c.path); err != nil {
			cmd := exec.Command(bin, append([]string{"record", "-o", c.path, "--"}, c.argv...)...)
			cmd.Stderr = os.Stderr
			if err := cmd.Run(); err != nil {
				return fmt.Errorf("recording %s: %v", c.name, err)
			}
		}
		if c.recs, err = count(c.path); err != nil {
			return err
		}
	}
	if err := dissectorLoads(lua, caps[0].path); err != nil {
		return err
	}
	load0 := loadavg()
	res := map[string]map[string][]sample{}
	for _, c := range caps {
		res[c.name] = map[string][]sample{}
		// Modes interleaved round by round, so a change in the machine's
		// load falls on all of them alike.
		for r := 0; r < rounds; r++ {
			for _, m := range modes {
				s, err := timeTshark(m.args(lua, c.path))
				if err != nil {
					return fmt.Errorf("%s, %s: %v", c.name, m.name, err)
				}
				res[c.name][m.name] = append(res[c.name][m.name], s)
			}
		}
	}
	load1 := loadavg()
	report := format(caps, res, rounds, lua, bin, ddCount, findDir, load0, load1)
	fmt.Print(report)
	if doc != "" {
		return rewrite(doc, report)
	}
	return nil
}

// count is the number of records (packets) in a capture.
func count(path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	r, err := pcapng.NewReader(f)
	if err != nil {
		return 0, err
	}
	n := 0
	for {
		var rec pcapng.Record
		err := r.ZeroCopyNext(&rec)
		if err == io.EOF {
			return n, nil
		}
		var re *pcapng.RecordError
		if err != nil && !errors.As(err, &re) {
			return 0, fmt.Errorf("%s: %v", path, err)
		}
		n++
	}
}

// dissectorLoads checks that tshark runs the dissector at all: tshark 4.4
// and later load no Lua as root, and would time a run without it.
func dissectorLoads(lua, path string) error {
	out, err := exec.Command("tshark", "-X", "lua_script:"+lua, "-r", path, "-c", "3",
		"-o", `gui.column.format:"Protocol","%p"`).Output()
	if err != nil {
		return fmt.Errorf("tshark: %v", err)
	}
	if !strings.Contains(string(out), "STRACE") {
		return fmt.Errorf("tshark did not run the dissector (Protocol column %q); tshark 4.4 and later load no Lua as root", out)
	}
	return nil
}

func timeTshark(args []string) (sample, error) {
	cmd := exec.Command("tshark", args...)
	cmd.Stdout = io.Discard
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return sample{}, fmt.Errorf("tshark %s: %v: %s", strings.Join(args, " "), err, stderr.Bytes())
	}
	if strings.Contains(stderr.String(), "Lua:") {
		return sample{}, fmt.Errorf("tshark %s: Lua errors: %s", strings.Join(args, " "), stderr.Bytes())
	}
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	cpu := time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	return sample{wall: wall, cpu: cpu}, nil
}

func median(ss []sample, cpu bool) time.Duration {
	d := make([]time.Duration, len(ss))
	for i, s := range ss {
		d[i] = s.wall
		if cpu {
			d[i] = s.cpu
		}
	}
	sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
	return d[len(d)/2]
}

func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}

func tsharkVersion() string {
	out, err := exec.Command("tshark", "--version").Output()
	if err != nil {
		return "tshark ?"
	}
	line, _, _ := strings.Cut(string(out), "\n")
	return strings.TrimSuffix(strings.TrimSpace(line), ".")
}

func format(caps []*capture, res map[string]map[string][]sample, rounds int, lua, bin string, ddCount int, findDir, load0, load1 string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s, %d CPUs, load %s before and %s after; medians of %d runs each, the modes interleaved.\n\n",
		tsharkVersion(), runtime.NumCPU(), load0, load1, rounds)
	b.WriteString("| capture | records | mode | wall s | CPU s | records/s (wall) | × disabled (wall) | × disabled (CPU) |\n")
	b.WriteString("|---|---:|---|---:|---:|---:|---:|---:|\n")
	for _, c := range caps {
		off := res[c.name]["disabled"]
		for _, m := range modes {
			ss := res[c.name][m.name]
			w, cpu := median(ss, false), median(ss, true)
			fmt.Fprintf(&b, "| %s | %d | %s | %.2f | %.2f | %.0f | %.2f | %.2f |\n", c.name, c.recs, m.name,
				w.Seconds(), cpu.Seconds(), float64(c.recs)/w.Seconds(),
				w.Seconds()/median(off, false).Seconds(), cpu.Seconds()/median(off, true).Seconds())
		}
	}
	b.WriteString("\nCommands (FILE is each capture; stdout to /dev/null):\n\n")
	fmt.Fprintf(&b, "    %s record -o dd.pcapng -- dd if=/dev/zero of=/dev/null bs=1 count=%d\n", bin, ddCount)
	fmt.Fprintf(&b, "    %s record -o find.pcapng -- find %s -maxdepth 3\n", bin, findDir)
	b.WriteString("    tshark -X lua_script:lua/strace.lua -r FILE                               # dissector\n")
	b.WriteString("    tshark -X lua_script:lua/strace.lua --disable-protocol strace -r FILE     # disabled\n")
	b.WriteString("    tshark -r FILE                                                            # no Lua\n")
	return b.String()
}

// rewrite replaces the marked section of the Markdown file doc with report.
func rewrite(doc, report string) error {
	b, err := os.ReadFile(doc)
	if err != nil {
		return err
	}
	s := string(b)
	i, j := strings.Index(s, begin), strings.Index(s, end)
	if i < 0 || j < i {
		return fmt.Errorf("%s has no section between %q and %q", doc, begin, end)
	}
	s = s[:i] + begin + "\n\n" + report + "\n" + s[j:]
	return os.WriteFile(doc, []byte(s), 0o644)
}
