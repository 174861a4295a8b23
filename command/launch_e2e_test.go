package command_test

// Launching a command: it starts as it would without the tracer, and a kill
// during the launch leaves no process behind.

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A launched command starts as it would without the tracer: with the limit
// on open files stracedump was started with, not the one the Go runtime
// raises for itself; and one that cannot be exec'd ends with status 127
// and the reason on stderr, as under a shell.
func TestLaunchedCommandStartsAsWithoutTracer(t *testing.T) {
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil || lim.Max < 16 {
		t.Skipf("RLIMIT_NOFILE %+v, %v: no room for a lower soft limit", lim, err)
	}
	low := syscall.Rlimit{Cur: lim.Max / 2, Max: lim.Max}
	if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &low); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(binary, "record", "-o", filepath.Join(t.TempDir(), "x"), "--", "sh", "-c", "ulimit -Sn").Output()
	if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
		t.Fatal(err)
	}
	if err != nil || strings.TrimSpace(string(out)) != strconv.FormatUint(low.Cur, 10) {
		t.Errorf("the command's soft limit on open files: %q, %v; want %d, the one stracedump started with", out, err, low.Cur)
	}

	bad := filepath.Join(t.TempDir(), "bad")
	if err := os.WriteFile(bad, []byte("\x7fELF, but not one"), 0o755); err != nil {
		t.Fatal(err)
	}
	// The failed execve traced, and left out by the seccomp filter.
	for _, filter := range []string{"trace=all", "trace=openat"} {
		var stderr bytes.Buffer
		cmd := exec.Command(binary, "record", "-e", filter, "-o", filepath.Join(t.TempDir(), "y"), "--", bad)
		cmd.Stderr = &stderr
		err = cmd.Run()
		want := "stracedump: exec " + bad + ": exec format error"
		if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 127 || !strings.Contains(stderr.String(), want) {
			t.Errorf("-e %s, exec of a bad binary: %v, stderr %q; want status 127 and %q", filter, err, stderr.String(), want)
		}
	}
}

// TestKillDuringLaunchLeavesNothing: SIGKILL to record in the first
// milliseconds, before or while it seizes the command's child, leaves no
// process behind: the child dies with a tracer that never seized it, and
// ptrace kills one it had seized. So a pipeline reading the command's
// stdout ends. 50 tries at staggered moments, every other one with record
// leading a session of its own, as a terminal's job or a service does.
func TestKillDuringLaunchLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	leftovers, open := 0, 0
	for i := 0; i < 50; i++ {
		marker := fmt.Sprintf("1000.%d%d", os.Getpid(), i) // sleep's argument, unique to this try
		rec := exec.Command(binary, "record", "-o", filepath.Join(dir, "x.pcapng"), "--", "sleep", marker)
		rec.SysProcAttr = &syscall.SysProcAttr{Setsid: i%2 == 1}
		r, w, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		rec.Stdout = w
		if err := rec.Start(); err != nil {
			t.Fatal(err)
		}
		w.Close()
		// 0 to 24.5 ms in steps of half a millisecond: the launch is a
		// window of a millisecond or less, somewhere in there.
		time.Sleep(time.Duration(i%25)*time.Millisecond + time.Duration(i/25)*500*time.Microsecond)
		rec.Process.Kill()
		rec.Wait()
		// The reader of the pipeline sees its end once every process
		// that holds the write end is gone.
		eof := make(chan struct{})
		go func() { io.Copy(io.Discard, r); close(eof) }()
		select {
		case <-eof:
		case <-time.After(2 * time.Second):
			open++
			t.Errorf("try %d: the command's stdout is still open 2 s after the tracer was killed", i)
		}
		for end := time.Now().Add(2 * time.Second); ; time.Sleep(20 * time.Millisecond) {
			left := processesWith(marker)
			if len(left) == 0 {
				break
			}
			if time.Now().After(end) {
				leftovers++
				for _, pid := range left {
					t.Errorf("try %d: pid %d (state %s, parent %s) outlived the killed tracer", i, pid, procState(pid), parentPid(pid))
					syscall.Kill(pid, syscall.SIGKILL)
				}
				break
			}
		}
		<-eof
		r.Close()
	}
	t.Logf("50 tries: %d left a process behind, %d left the pipeline open", leftovers, open)
}

// parentPid returns the parent pid /proc/PID/status gives, "" when gone.
func parentPid(pid int) string {
	b, _ := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "PPid:"); ok {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// processesWith lists the processes whose command line holds s.
func processesWith(s string) []int {
	var pids []int
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil || pid == os.Getpid() {
			continue
		}
		b, err := os.ReadFile("/proc/" + e.Name() + "/cmdline")
		if err == nil && bytes.Contains(b, []byte(s)) && procState(pid) != "Z" {
			pids = append(pids, pid)
		}
	}
	return pids
}
