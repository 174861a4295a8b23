package command_test

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stracedump/stracedump/internal/testhost"
)

// TestStopSignalsEndAsUnderStrace holds record to strace 6.1 on how a
// trace ends by a signal, each case run under both: the stop signals sent
// to the tracer under strace's -I defaults (ignored with a launched
// command, -I never; ending the trace with -p or -I waiting), and a
// command killed by a signal. The tracer ends as strace does: with the
// command's status, or dead of the same signal, which is what lets a shell
// stop a script at ^C. Attached processes run on untraced.
func TestStopSignalsEndAsUnderStrace(t *testing.T) {
	strace := testhost.Tool(t, "strace", "the reference the stop signals are compared with")
	for _, tc := range []struct {
		name string
		opts []string // after -o FILE
		argv []string // the launched command; nil attaches to a sleep
		sig  syscall.Signal
		want string // what both must end with
	}{
		{"command killed by SIGTERM", nil, []string{"sh", "-c", "kill -TERM $$"}, 0, "signal: terminated"},
		{"command killed by SIGSEGV", nil, []string{"sh", "-c", "kill -SEGV $$"}, 0, "signal: segmentation fault"},
		{"command exits 3", nil, []string{"sh", "-c", "exit 3"}, 0, "exit status 3"},
		{"launched, SIGTERM to the tracer (-I never)", nil, []string{"sh", "-c", "echo ready; read x; exit 3"}, syscall.SIGTERM, "exit status 3"},
		{"launched, SIGINT to the tracer (-I never)", nil, []string{"sh", "-c", "echo ready; read x; exit 3"}, syscall.SIGINT, "exit status 3"},
		{"launched, SIGTSTP to the tracer, -I never_tstp", []string{"-I", "never_tstp"}, []string{"sh", "-c", "echo ready; read x; exit 3"}, syscall.SIGTSTP, "exit status 3"},
		{"launched, SIGTERM to the tracer, -I waiting", []string{"-I", "waiting"}, []string{"sh", "-c", "echo ready; read x; exit 3"}, syscall.SIGTERM, "signal: terminated"},
		{"launched, SIGHUP to the tracer, -I anywhere", []string{"-I", "anywhere"}, []string{"sh", "-c", "echo ready; read x; exit 3"}, syscall.SIGHUP, "signal: hangup"},
		{"attached, SIGINT to the tracer", nil, nil, syscall.SIGINT, "signal: interrupt"},
		{"attached, SIGTERM to the tracer", nil, nil, syscall.SIGTERM, "signal: terminated"},
		{"attached, SIGQUIT to the tracer", nil, nil, syscall.SIGQUIT, "signal: quit"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.argv == nil {
				needAttach(t)
			}
			for _, tool := range []string{"strace", "stracedump"} {
				args := []string{binary, "record", "-o", filepath.Join(t.TempDir(), "c.pcapng")}
				if tool == "strace" {
					args = []string{strace, "-o", filepath.Join(t.TempDir(), "c.txt")}
				}
				t.Run(tool, func(t *testing.T) {
					ends := tc.sig != 0 && strings.HasPrefix(tc.want, "signal:")
					if got := endOfTrace(t, append(args, tc.opts...), tc.argv, tc.sig, ends); got != tc.want {
						t.Errorf("%s ended with %q, want %q", tool, got, tc.want)
					}
				})
			}
		})
	}
}

// endOfTrace runs a tracer (its command line up to the target) on argv,
// or attached to a sleep of its own when argv is nil; sends it sig once
// it traces, unless sig is 0; and returns how the tracer ended. When the
// signal ends the trace, nothing else happens until the tracer ends;
// otherwise the command's stdin (which it reads a line from) is closed
// once the tracer has taken the signal, caught or blocked.
func endOfTrace(t *testing.T, tracer, argv []string, sig syscall.Signal, ends bool) string {
	t.Helper()
	var victim *exec.Cmd
	if argv == nil {
		victim = exec.Command("sleep", "30")
		if err := victim.Start(); err != nil {
			t.Fatal(err)
		}
		defer func() { victim.Process.Kill(); victim.Wait() }()
		tracer = append(tracer, "-p", strconv.Itoa(victim.Process.Pid))
	} else {
		tracer = append(append(tracer, "--"), argv...)
	}
	cmd := exec.Command(tracer[0], tracer[1:]...)
	// A session of its own: the signal reaches the tracer alone.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	if sig != 0 {
		if victim == nil {
			// The command says it runs, traced.
			if line, err := bufio.NewReader(stdout).ReadString('\n'); line != "ready\n" {
				cmd.Process.Kill()
				cmd.Wait()
				t.Fatalf("the command printed %q (%v), want ready", line, err)
			}
		} else {
			// TracerPid is the tracing thread's id, a Go tracer's not its pid.
			for end := time.Now().Add(10 * time.Second); tracerPid(victim.Process.Pid) == "0"; time.Sleep(10 * time.Millisecond) {
				if time.Now().After(end) {
					cmd.Process.Kill()
					cmd.Wait()
					t.Fatalf("pid %d never traced by %s", victim.Process.Pid, tracer[0])
				}
			}
		}
		cmd.Process.Signal(sig)
	}
	if !ends {
		for end := time.Now().Add(10 * time.Second); pendingUnblocked(cmd.Process.Pid, sig); time.Sleep(10 * time.Millisecond) {
			if time.Now().After(end) {
				t.Fatalf("%v still pending for %s after 10 s", sig, tracer[0])
			}
		}
		stdin.Close()
	}
	go func() { exited <- cmd.Wait() }()
	var err2 error
	select {
	case err2 = <-exited:
	case <-time.After(10 * time.Second):
		cmd.Process.Kill()
		<-exited
		t.Fatalf("%s still running 10 s on", tracer[0])
	}
	stdin.Close()
	if victim != nil {
		if s := procState(victim.Process.Pid); s == "t" || s == "T" || s == "" || tracerPid(victim.Process.Pid) != "0" {
			t.Errorf("the attached sleep is in state %s, traced by %s; want it running on untraced", s, tracerPid(victim.Process.Pid))
		}
	}
	var ee *exec.ExitError
	switch {
	case err2 == nil:
		return "exit status 0"
	case errors.As(err2, &ee):
		return ee.String()
	}
	return fmt.Sprint(err2)
}

// pendingUnblocked says whether sig waits for pid, sent to it and neither
// taken by a handler yet nor blocked (as strace -I never blocks it).
func pendingUnblocked(pid int, sig syscall.Signal) bool {
	if sig == 0 {
		return false
	}
	b, _ := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	mask := func(key string) uint64 {
		for _, line := range strings.Split(string(b), "\n") {
			if v, ok := strings.CutPrefix(line, key); ok {
				n, _ := strconv.ParseUint(strings.TrimSpace(v), 16, 64)
				return n
			}
		}
		return 0
	}
	bit := uint64(1) << (sig - 1)
	return (mask("ShdPnd:")|mask("SigPnd:"))&bit != 0 && mask("SigBlk:")&bit == 0
}
