// Command bench measures stracedump against strace 6.1 on the same
// machine in the same run: wall time over untraced, tracer peak memory,
// bytes written per syscall, and decode throughput against tshark's
// reading. It prints a Markdown report; docs/performance.md holds one.
// It is a measuring tool, not a test: nothing here passes or fails.
//
//	go run ./bench -bin ./stracedump [-rounds 5] [-only dd,find]
package main

import (
	"bufio"
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
	"strconv"
	"strings"
	"time"

	"github.com/stracedump/stracedump/pcapng"
)

type workload struct {
	name string
	argv []string
	// filtered is the -e expression of the filter target; "" skips it.
	filtered string
}

type mode struct {
	name string
	// args builds the command line around argv, writing to out.
	args func(bin, out string, w workload) []string
	// filter is set for the modes that only run on workloads with a filter.
	filter bool
	// tracer names what writes out, to count its syscalls: "strace",
	// "stracedump" or "".
	tracer string
}

var modes = []mode{
	{name: "untraced", args: func(_, _ string, w workload) []string { return w.argv }},
	{name: "strace -f -o", tracer: "strace", args: func(_, out string, w workload) []string {
		return append([]string{"strace", "-f", "-o", out, "--"}, w.argv...)
	}},
	{name: "stracedump record", tracer: "stracedump", args: func(bin, out string, w workload) []string {
		return append([]string{bin, "record", "-o", out, "--"}, w.argv...)
	}},
	{name: "strace --seccomp-bpf -e F", tracer: "strace", filter: true, args: func(_, out string, w workload) []string {
		return append([]string{"strace", "-f", "--seccomp-bpf", "-e", w.filtered, "-o", out, "--"}, w.argv...)
	}},
	{name: "stracedump record -e F", tracer: "stracedump", filter: true, args: func(bin, out string, w workload) []string {
		return append([]string{bin, "record", "-e", w.filtered, "-o", out, "--"}, w.argv...)
	}},
	{name: "stracedump record -e F --seccomp-bpf=false", tracer: "stracedump", filter: true, args: func(bin, out string, w workload) []string {
		return append([]string{bin, "record", "--seccomp-bpf=false", "-e", w.filtered, "-o", out, "--"}, w.argv...)
	}},
}

type sample struct {
	wall    time.Duration
	cpu     time.Duration // user and system time of the process and its reaped descendants
	peakKB  int64         // the tracer's (or untraced program's) VmHWM
	bytes   int64         // output file size
	calls   int64         // syscalls in the output
	failure error
}

func main() {
	bin := flag.String("bin", "./stracedump", "the stracedump binary to measure")
	rounds := flag.Int("rounds", 5, "runs per workload and mode; the median is reported")
	only := flag.String("only", "", "comma-separated workloads to run (dd,find,spawn,gcc,start,decode); all when empty")
	records := flag.Int("decode-records", 1000000, "syscall records in the decode throughput capture (at least)")
	flag.Parse()
	var err error
	if *bin, err = filepath.Abs(*bin); err != nil {
		fatal(err)
	}
	for _, tool := range []string{"strace", "taskset", "tshark", "gcc"} {
		if _, err := exec.LookPath(tool); err != nil {
			fatal(fmt.Errorf("%s is not installed; the comparison needs it", tool))
		}
	}
	work, err := os.MkdirTemp("", "stracedump-bench-")
	if err != nil {
		fatal(err)
	}
	defer os.RemoveAll(work)

	src := filepath.Join(work, "hello.c")
	if err := os.WriteFile(src, []byte(helloC), 0o644); err != nil {
		fatal(err)
	}
	workloads := []workload{
		{name: "dd", argv: []string{"dd", "if=/dev/zero", "of=/dev/null", "bs=1", "count=200000"}, filtered: "trace=openat"},
		{name: "find", argv: []string{"sh", "-c", "find /usr -name '*.h' >/dev/null"}, filtered: "trace=openat"},
		{name: "spawn", argv: []string{"sh", "-c", "i=0; while [ $i -lt 300 ]; do /bin/true; i=$((i+1)); done"}, filtered: "trace=execve"},
		{name: "gcc", argv: []string{"gcc", "-O2", "-c", src, "-o", filepath.Join(work, "hello.o")}, filtered: "trace=openat"},
		// The fixed cost of a trace, what the filtered runs above pay on top
		// of the seccomp filter itself: starting the tracer and the launch
		// helper, and writing the capture's header and end.
		{name: "start", argv: []string{"/bin/true"}, filtered: "trace=openat"},
	}
	want := map[string]bool{}
	for _, s := range strings.Split(*only, ",") {
		if s != "" {
			want[s] = true
		}
	}

	fmt.Printf("# stracedump vs strace: %s\n\n", time.Now().UTC().Format("2006-01-02 15:04 UTC"))
	fmt.Print(machine())
	fmt.Printf("- rounds: %d per cell, medians shown\n- load before: %s\n\n", *rounds, loadavg())

	for _, w := range workloads {
		if len(want) > 0 && !want[w.name] {
			continue
		}
		runWorkload(*bin, work, w, *rounds)
	}
	if len(want) == 0 || want["decode"] {
		decodeThroughput(*bin, work, *records, *rounds)
	}
	fmt.Printf("- load after: %s\n", loadavg())
}

func runWorkload(bin, work string, w workload, rounds int) {
	fmt.Printf("## %s: `%s`\n\n", w.name, strings.Join(w.argv, " "))
	fmt.Println("| mode | median wall s | × untraced | × strace (same filter) | CPU s (all processes) | CPU × strace | tracer peak RSS MiB | file bytes | syscalls in file | bytes/syscall |")
	fmt.Println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	// Rounds are paired: each round runs every mode once, in turn, so a
	// change in the machine's load falls on all of them alike.
	var run []mode
	for _, m := range modes {
		if !m.filter || w.filtered != "" {
			run = append(run, m)
		}
	}
	samples := make([][]sample, len(run))
	for r := 0; r < rounds; r++ {
		for i, m := range run {
			out := filepath.Join(work, "out")
			s := measure(m.args(bin, out, w))
			if s.failure == nil && m.tracer != "" {
				s.bytes, s.calls = outputSize(out, m.tracer)
			}
			os.Remove(out)
			samples[i] = append(samples[i], s)
		}
	}
	medians := map[string]sample{}
	byName := map[string][]sample{}
	for i, m := range run {
		byName[m.name] = samples[i]
		med := median(samples[i])
		medians[m.name] = med
		name := m.name
		if m.filter {
			name = strings.Replace(name, "-e F", "-e "+w.filtered, 1)
		}
		if med.failure != nil {
			fmt.Printf("| %s | failed: %v | | | | | | | | |\n", name, med.failure)
			continue
		}
		base := medians["untraced"].wall
		vsStrace, cpuVsStrace := "", ""
		switch m.name {
		case "stracedump record":
			vsStrace, cpuVsStrace = pairedRatios(samples[i], byName["strace -f -o"])
		case "stracedump record -e F", "stracedump record -e F --seccomp-bpf=false":
			vsStrace, cpuVsStrace = pairedRatios(samples[i], byName["strace --seccomp-bpf -e F"])
		}
		perCall := ""
		if med.calls > 0 {
			perCall = fmt.Sprintf("%.1f", float64(med.bytes)/float64(med.calls))
		}
		fmt.Printf("| %s | %.3f | %s | %s | %.3f | %s | %.1f | %d | %d | %s |\n", name, med.wall.Seconds(), ratio(med.wall, base), vsStrace,
			med.cpu.Seconds(), cpuVsStrace, float64(med.peakKB)/1024, med.bytes, med.calls, perCall)
	}
	// strace's text with timestamps and durations: the size target compares
	// with what strace writes when asked for as much as a capture holds.
	out := filepath.Join(work, "out")
	s := measure(append([]string{"strace", "-f", "-tt", "-T", "-o", out, "--"}, w.argv...))
	if s.failure == nil {
		b, calls := outputSize(out, "strace")
		cap := medians["stracedump record"]
		if calls > 0 && cap.calls > 0 {
			ours, theirs := float64(cap.bytes)/float64(cap.calls), float64(b)/float64(calls)
			fmt.Printf("\nBytes per syscall: stracedump %.1f, `strace -f -tt -T` text %.1f (%d bytes, %d calls): ratio %.2f.\n",
				ours, theirs, b, calls, ours/theirs)
		}
	}
	os.Remove(out)
	fmt.Println()
}

// measure runs argv once, with its output to /dev/null, and samples the
// peak resident memory of the process it starts: the tracer, for traced
// modes.
func measure(argv []string) sample {
	cmd := exec.Command(argv[0], argv[1:]...)
	devnull, err := os.OpenFile(os.DevNull, os.O_RDWR, 0)
	if err != nil {
		return sample{failure: err}
	}
	defer devnull.Close()
	cmd.Stdout, cmd.Stderr = devnull, devnull
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return sample{failure: err}
	}
	peak := make(chan int64)
	done := make(chan struct{})
	go func() {
		var max int64
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			if v := vmHWM(cmd.Process.Pid); v > max {
				max = v
			}
			select {
			case <-done:
				peak <- max
				return
			case <-tick.C:
			}
		}
	}()
	// Wait only after the last sample: a reaped process has no /proc entry.
	_ = waitExited(cmd)
	wall := time.Since(start)
	close(done)
	s := sample{wall: wall, peakKB: <-peak}
	if err := cmd.Wait(); err != nil {
		s.failure = err
	}
	// The tracer reaps its tracees, so its rusage holds theirs too: the CPU
	// time of the whole run, less disturbed by a busy machine than wall time.
	s.cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	return s
}

// waitExited blocks until the child has exited but leaves it unreaped, so
// its VmHWM can be read one last time.
func waitExited(cmd *exec.Cmd) error {
	for {
		b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", cmd.Process.Pid))
		if err != nil {
			return err
		}
		if i := bytes.LastIndexByte(b, ')'); i > 0 && len(b) > i+2 && b[i+2] == 'Z' {
			return nil
		}
		time.Sleep(2 * time.Millisecond)
	}
}

func vmHWM(pid int) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			f := strings.Fields(rest)
			if len(f) > 0 {
				n, _ := strconv.ParseInt(f[0], 10, 64)
				return n
			}
		}
	}
	return 0
}

// outputSize returns the size of a tracer's output and the number of
// syscalls in it: completed-call records of a capture; for strace's text,
// call lines, a call split over "<unfinished ...>" and "<... resumed>"
// counted once.
func outputSize(path, tracer string) (size, calls int64) {
	fi, err := os.Stat(path)
	if err != nil {
		return 0, 0
	}
	f, err := os.Open(path)
	if err != nil {
		return fi.Size(), 0
	}
	defer f.Close()
	if tracer == "stracedump" {
		r, err := pcapng.NewReader(f)
		if err != nil {
			return fi.Size(), 0
		}
		var rec pcapng.Record
		for r.Next(&rec) == nil {
			if rec.Kind == pcapng.KindSyscall {
				calls++
			}
		}
		return fi.Size(), calls
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		// "PID  [HH:MM:SS.uuuuuu ]text"
		_, rest, _ := strings.Cut(line, " ")
		rest = strings.TrimLeft(rest, " ")
		if len(rest) > 15 && rest[2] == ':' && rest[5] == ':' {
			rest = rest[16:]
		}
		if strings.HasPrefix(rest, "<...") || strings.HasPrefix(rest, "---") || strings.HasPrefix(rest, "+++") {
			continue
		}
		calls++
	}
	return fi.Size(), calls
}

// decodeThroughput records a capture of at least n syscalls and times
// decoding it on one core, reading it without rendering (every syscall
// filtered out) and tshark reading it without dissection.
func decodeThroughput(bin, work string, n, rounds int) {
	capture := filepath.Join(work, "big.pcapng")
	// dd bs=1 makes two calls per byte.
	count := strconv.Itoa(n/2 + 1000)
	if s := measure([]string{bin, "record", "-o", capture, "--", "dd", "if=/dev/zero", "of=/dev/null", "bs=1", "count=" + count}); s.failure != nil {
		fmt.Printf("## decode\n\nrecording the capture failed: %v\n\n", s.failure)
		return
	}
	size, calls := outputSize(capture, "stracedump")
	total := countRecords(capture)
	fmt.Printf("## decode throughput: %d records (%d syscalls), %.1f MiB, on one core (`taskset -c 0`)\n\n", total, calls, float64(size)/(1<<20))
	fmt.Println("| reader | median s | records/s |")
	fmt.Println("|---|---:|---:|")
	for _, c := range []struct {
		name string
		argv []string
	}{
		{"stracedump decode -o /dev/null", []string{"taskset", "-c", "0", bin, "decode", "-o", os.DevNull, capture}},
		{"stracedump decode -e trace=none (reading, no rendering)", []string{"taskset", "-c", "0", bin, "decode", "-e", "trace=none", "-o", os.DevNull, capture}},
		{"tshark -r -T fields -e frame.number", []string{"taskset", "-c", "0", "tshark", "-r", capture, "-T", "fields", "-e", "frame.number"}},
	} {
		var samples []sample
		for r := 0; r < rounds; r++ {
			samples = append(samples, measure(c.argv))
		}
		med := median(samples)
		if med.failure != nil {
			fmt.Printf("| %s | failed: %v | |\n", c.name, med.failure)
			continue
		}
		fmt.Printf("| %s | %.3f | %.0f |\n", c.name, med.wall.Seconds(), float64(total)/med.wall.Seconds())
	}
	fmt.Println()
}

func countRecords(path string) int64 {
	f, err := os.Open(path)
	if err != nil {
		return 0
	}
	defer f.Close()
	r, err := pcapng.NewReader(f)
	if err != nil {
		return 0
	}
	var rec pcapng.Record
	var n int64
	for {
		if err := r.Next(&rec); err != nil {
			if !errors.Is(err, io.EOF) {
				fmt.Fprintf(os.Stderr, "bench: reading %s: %v\n", path, err)
			}
			return n
		}
		n++
	}
}

func median(s []sample) sample {
	ok := s[:0:0]
	for _, x := range s {
		if x.failure == nil {
			ok = append(ok, x)
		}
	}
	if len(ok) == 0 {
		return s[0]
	}
	cpus := make([]time.Duration, len(ok))
	for i, x := range ok {
		cpus[i] = x.cpu
	}
	sort.Slice(cpus, func(i, j int) bool { return cpus[i] < cpus[j] })
	sort.Slice(ok, func(i, j int) bool { return ok[i].wall < ok[j].wall })
	m := ok[len(ok)/2] // the median run by wall time, with the median CPU time
	m.cpu = cpus[len(cpus)/2]
	return m
}

// pairedRatios returns the median of a's wall and CPU time over b's,
// round by round: the rounds ran in turn, so each pair saw the same load.
func pairedRatios(a, b []sample) (wall, cpu string) {
	var walls, cpus []float64
	for r := range min(len(a), len(b)) {
		if a[r].failure != nil || b[r].failure != nil || b[r].wall <= 0 {
			continue
		}
		walls = append(walls, a[r].wall.Seconds()/b[r].wall.Seconds())
		if b[r].cpu > 0 {
			cpus = append(cpus, a[r].cpu.Seconds()/b[r].cpu.Seconds())
		}
	}
	med := func(x []float64) string {
		if len(x) == 0 {
			return ""
		}
		sort.Float64s(x)
		return fmt.Sprintf("%.2f", x[len(x)/2])
	}
	return med(walls), med(cpus)
}

func ratio(a, b time.Duration) string {
	if b <= 0 {
		return ""
	}
	return fmt.Sprintf("%.2f", a.Seconds()/b.Seconds())
}

func machine() string {
	cpu := "unknown"
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if rest, ok := strings.CutPrefix(line, "model name"); ok {
				cpu = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(rest), ":"))
				break
			}
		}
	}
	kernel, _ := os.ReadFile("/proc/sys/kernel/osrelease")
	straceV, _ := exec.Command("strace", "-V").Output()
	first, _, _ := strings.Cut(string(straceV), "\n")
	return fmt.Sprintf("- machine: %d CPUs (nproc), %s, kernel %s, %s, Go %s\n",
		runtime.NumCPU(), cpu, strings.TrimSpace(string(kernel)), first, runtime.Version())
}

func loadavg() string {
	b, _ := os.ReadFile("/proc/loadavg")
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}

func fatal(err error) {
	fmt.Fprintf(os.Stderr, "bench: %v\n", err)
	os.Exit(1)
}

// helloC is the compile workload: a small program that pulls in a few
// common headers, so the compiler opens and reads a realistic set of files.
const helloC = `#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>

static int count(const char *s, char c)
{
	int n = 0;
	for (; *s; s++)
		n += *s == c;
	return n;
}

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		printf("%s: %d\n", argv[i], count(argv[i], 'a'));
	if (argc < 2) {
		fprintf(stderr, "usage: %s WORD...: %s\n", argv[0], strerror(EINVAL));
		return EXIT_FAILURE;
	}
	return 0;
}
`
