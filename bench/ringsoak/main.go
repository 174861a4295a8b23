// Command ringsoak runs `stracedump record -b` on a busy shell loop for a
// long time and then checks what a ring of files promises: every file
// opens on its own (stracedump decode and tshark read it), no record is
// lost or repeated between files (the loop writes a counter, 1, 2, 3, ...,
// and the writes seen across all files must be exactly 1..N, in order),
// and the tracer's memory stays flat (its VmRSS, sampled every second). It
// is a measuring tool, not a test; docs/remote.md reports a run.
//
//	go run ./bench/ringsoak -bin ./stracedump -duration 10m -filesize 50000
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

func main() {
	bin := flag.String("bin", "./stracedump", "the stracedump binary")
	duration := flag.Duration("duration", 10*time.Minute, "how long the capture runs (record -a duration:)")
	filesize := flag.Int("filesize", 50000, "kilobytes per file (record -b filesize:)")
	dir := flag.String("dir", "", "where the files go (default: a new temporary directory, removed at the end)")
	tshark := flag.Bool("tshark", true, "also open every file with tshark -r")
	flag.Parse()
	if err := run(*bin, *duration, *filesize, *dir, *tshark); err != nil {
		fmt.Fprintln(os.Stderr, "ringsoak:", err)
		os.Exit(1)
	}
}

func run(bin string, duration time.Duration, filesize int, dir string, tshark bool) error {
	if dir == "" {
		d, err := os.MkdirTemp("", "ringsoak")
		if err != nil {
			return err
		}
		defer os.RemoveAll(d)
		dir = d
	}
	counter := filepath.Join(dir, "counter")
	// Shell builtins only: the loop makes syscalls as fast as a trace lets
	// it, and each round's write says which round it was.
	loop := `i=0; while :; do i=$((i+1)); echo $i >> "$1"; done`
	cmd := exec.Command(bin, "record", "-b", fmt.Sprintf("filesize:%d", filesize), "-a",
		fmt.Sprintf("duration:%d", int(duration.Seconds())), "-o", filepath.Join(dir, "soak.pcapng"),
		"--", "sh", "-c", loop, "sh", counter)
	cmd.Stderr = os.Stderr
	started := time.Now()
	if err := cmd.Start(); err != nil {
		return err
	}
	var rss []int
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	var waitErr error
wait:
	for {
		select {
		case waitErr = <-done:
			break wait
		case <-tick.C:
			if kb := vmRSS(cmd.Process.Pid); kb > 0 {
				rss = append(rss, kb)
			}
		}
	}
	took := time.Since(started)
	if waitErr != nil {
		return fmt.Errorf("record: %v", waitErr)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "soak_*.pcapng"))
	sort.Strings(files)
	fmt.Printf("record -b filesize:%d -a duration:%v of a shell loop: %d files in %v\n", filesize, duration, len(files), took.Round(time.Second))

	write := regexp.MustCompile(`^write\(1, "(\d+)\\n", \d+\) += \d+$`)
	next := 1
	var records, writes int
	var bytes int64
	for _, f := range files {
		fi, err := os.Stat(f)
		if err != nil {
			return err
		}
		bytes += fi.Size()
		// Decoded alone, with -e trace=write: only the loop's writes.
		out, err := exec.Command(bin, "decode", "-e", "trace=write", f).Output()
		if err != nil {
			return fmt.Errorf("%s does not decode on its own: %v", filepath.Base(f), err)
		}
		sc := bufio.NewScanner(strings.NewReader(string(out)))
		first := -1
		for sc.Scan() {
			m := write.FindStringSubmatch(sc.Text())
			if m == nil {
				continue
			}
			n, _ := strconv.Atoi(m[1])
			if first < 0 {
				first = n
			}
			if n != next {
				return fmt.Errorf("%s: the write of round %d follows round %d: lost or repeated between files", filepath.Base(f), n, next-1)
			}
			next++
			writes++
		}
		n, err := countRecords(bin, f)
		if err != nil {
			return err
		}
		records += n
		if tshark {
			out, err := exec.Command("tshark", "-r", f, "-T", "fields", "-e", "frame.number").Output()
			if err != nil {
				return fmt.Errorf("tshark -r %s: %v", filepath.Base(f), err)
			}
			if frames := strings.Count(string(out), "\n"); frames < n {
				return fmt.Errorf("tshark -r %s: %d frames, the file holds %d records", filepath.Base(f), frames, n)
			}
		}
	}
	// The counter file's last whole line is the last round that wrote.
	log, _ := os.ReadFile(counter)
	lines := strings.Split(string(log), "\n")
	final, _ := strconv.Atoi(lines[max(0, len(lines)-2)])
	fmt.Printf("files: %d, %.1f MB, %d records; every file decoded alone%s\n", len(files), float64(bytes)/1e6, records,
		map[bool]string{true: " and opened in tshark", false: ""}[tshark])
	fmt.Printf("rounds written by the loop: %d (its counter file's last line); writes in the captures: %d, exactly 1..%d in order\n", final, writes, next-1)
	// The stop may kill the loop inside its last write: written, but
	// without the exit stop that completes its record.
	if final-(next-1) > 1 || final < next-1 {
		return fmt.Errorf("the loop reached round %d but the captures hold writes up to %d", final, next-1)
	}
	if len(rss) > 0 {
		lo, hi := rss[0], rss[0]
		for _, v := range rss {
			lo, hi = min(lo, v), max(hi, v)
		}
		fmt.Printf("tracer VmRSS, sampled every second (%d samples): first %d kB, after a minute %d kB, last %d kB, min %d kB, max %d kB\n",
			len(rss), rss[0], rss[min(60, len(rss)-1)], rss[len(rss)-1], lo, hi)
	}
	return nil
}

// countRecords counts a file's syscall records: decode -c's table total.
func countRecords(bin, f string) (int, error) {
	out, err := exec.Command(bin, "decode", "-c", f).Output()
	if err != nil {
		return 0, fmt.Errorf("decode -c %s: %v", filepath.Base(f), err)
	}
	// The last line: "100.00    0.123456   1   123456   7 total".
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	f1 := strings.Fields(lines[len(lines)-1])
	if len(f1) < 5 || f1[len(f1)-1] != "total" {
		return 0, fmt.Errorf("decode -c %s: no total line", filepath.Base(f))
	}
	calls, err := strconv.Atoi(f1[3])
	return calls, err
}

// vmRSS is a process's resident memory in kB, or 0 once it is gone.
func vmRSS(pid int) int {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
			return kb
		}
	}
	return 0
}
