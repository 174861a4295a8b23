package command_test

// Stopping a capture and the signals around it: SIGTERM while the command
// blocks, job control, a stalled reader, a second stop signal and ^C.

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

	"github.com/stracedump/stracedump/pcapng"
)

func TestSIGTERMWhileCommandBlocks(t *testing.T) {
	dir := t.TempDir()
	capture := filepath.Join(dir, "sleep.pcapng")
	var stderr bytes.Buffer
	// -I waiting: a stop signal stops the capture (by default a launched
	// command's capture ignores them, as strace -o FILE COMMAND does).
	rec := exec.Command(binary, "record", "-I", "waiting", "-o", capture, "--", "sleep", "100")
	rec.Stderr = &stderr
	if err := rec.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(500 * time.Millisecond)
	rec.Process.Signal(syscall.SIGTERM)
	took, _ := waitExit(t, rec, 5*time.Second)
	if took > time.Second {
		t.Errorf("stracedump took %v to stop, want < 1s", took)
	}
	if stderr.Len() > 0 {
		t.Errorf("stderr: %s", stderr.String())
	}
	recs := readRecords(t, capture)
	var sleepPid int
	var sawEntry, sawExit bool
	for _, r := range recs {
		if r.Kind == pcapng.KindSyscall && sleepPid == 0 {
			sleepPid = int(r.PID)
		}
		if r.Kind == pcapng.KindSyscallEntry {
			sawEntry = true // the blocked clock_nanosleep, shown while it blocked
		}
		if r.Kind == pcapng.KindExit {
			sawExit = true
		}
	}
	if sleepPid == 0 || !sawEntry || !sawExit {
		t.Fatalf("capture lacks the command's syscalls (pid %d), its blocked call's entry (%v) or its end (%v)", sleepPid, sawEntry, sawExit)
	}
	if s := procState(sleepPid); s != "" {
		t.Errorf("launched command pid %d still exists in state %s", sleepPid, s)
	}
}

// TestJobControl stops and continues a traced command from outside, as a
// shell's ^Z and fg do: the command really stops, the capture shows the
// group-stop, and SIGCONT lets it finish.
func TestJobControl(t *testing.T) {
	dir := t.TempDir()
	capture := filepath.Join(dir, "stop.pcapng")
	rec := exec.Command(binary, "record", "-o", capture, "--", "sh", "-c", "sleep 0.3; sleep 0.3; echo done")
	var stdout bytes.Buffer
	rec.Stdout = &stdout
	if err := rec.Start(); err != nil {
		t.Fatal(err)
	}
	// The traced sh is stracedump's only child process besides its helpers.
	var sh int
	for i := 0; i < 100 && sh == 0; i++ {
		time.Sleep(10 * time.Millisecond)
		out, _ := exec.Command("pgrep", "-P", strconv.Itoa(rec.Process.Pid), "-x", "sh").Output()
		sh, _ = strconv.Atoi(strings.TrimSpace(string(out)))
	}
	if sh == 0 {
		t.Fatal("traced sh not found")
	}
	syscall.Kill(sh, syscall.SIGSTOP)
	stopped := false
	for i := 0; i < 100 && !stopped; i++ {
		time.Sleep(10 * time.Millisecond)
		stopped = procState(sh) == "T" || procState(sh) == "t"
	}
	if !stopped {
		t.Errorf("sh state %q after SIGSTOP, want stopped", procState(sh))
	}
	time.Sleep(200 * time.Millisecond)
	if s := procState(sh); s != "T" && s != "t" {
		t.Errorf("sh state %q while stopped, want it to stay stopped", s)
	}
	syscall.Kill(sh, syscall.SIGCONT)
	if _, err := waitExit(t, rec, 10*time.Second); err != nil {
		t.Fatalf("record: %v", err)
	}
	if stdout.String() != "done\n" {
		t.Errorf("command printed %q, want it to finish after SIGCONT", stdout.String())
	}
	out, err := exec.Command(binary, "decode", capture).Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"--- SIGSTOP {si_signo=SIGSTOP, si_code=SI_USER", "--- stopped by SIGSTOP ---", "--- SIGCONT {si_signo=SIGCONT, si_code=SI_USER"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("decode lacks %q:\n%s", want, out)
		}
	}
}

// TestStopWithStalledReader: while the capture's reader reads nothing (a
// busy Wireshark, a stopped pipeline), SIGTERM still lets go of every
// traced process at once; what could not be queued is counted as dropped in the
// statistics block, which arrives once the reader reads again.
func TestStopWithStalledReader(t *testing.T) {
	pids, rec, r := stalledRecord(t)
	defer r.Close()
	rec.Process.Signal(syscall.SIGTERM)
	if !released(pids) {
		for _, pid := range pids {
			t.Errorf("2 s after SIGTERM, dd %d is in state %s traced by %s: the stalled reader holds it", pid, procState(pid), tracerPid(pid))
		}
	}
	// The reader comes back: the capture ends with its statistics.
	out := filepath.Join(t.TempDir(), "c.pcapng")
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	copied := make(chan error, 1)
	go func() { _, err := io.Copy(f, r); copied <- err }()
	if _, err := waitExit(t, rec, 20*time.Second); err != nil {
		// Dead of the SIGTERM, as strace; or done before it came.
		if ee, ok := err.(*exec.ExitError); !ok || ee.String() != "signal: terminated" {
			t.Errorf("record: %v", err)
		}
	}
	<-copied
	f.Close()
	_, st := readCapture(t, out)
	t.Logf("received %d, dropped %d", st.PacketsReceived, st.PacketsDropped)
	if st.PacketsReceived == 0 || st.PacketsDropped == 0 {
		t.Error("the statistics block does not count the records written and those dropped at the stop")
	}
}

// stalledRecord starts record -p on two dd writing one byte at a time,
// with the capture going into a pipe nobody reads, and returns once the
// pipe and the queue behind it are full and the tracer holds both dd
// stopped, waiting for room. It returns their pids, record and the pipe's
// read end.
func stalledRecord(t *testing.T) ([]int, *exec.Cmd, *os.File) {
	t.Helper()
	needAttach(t)
	var pids []string
	var dds []int
	for i := 0; i < 2; i++ {
		victim := exec.Command("dd", "if=/dev/zero", "of=/dev/null", "bs=1")
		if err := victim.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { victim.Process.Kill(); victim.Wait() })
		dds = append(dds, victim.Process.Pid)
		pids = append(pids, "-p", strconv.Itoa(victim.Process.Pid))
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	rec := exec.Command(binary, append([]string{"record", "-o", "-"}, pids...)...)
	rec.Stdout = w
	if err := rec.Start(); err != nil {
		t.Fatal(err)
	}
	w.Close()
	// Nothing reads r: the pipe fills, then the queue behind it, then the
	// tracer waits for room with both dd stopped. Wait for that: each in
	// tracing stop, their counts of read calls standing still for half a
	// second.
	reads := func() string {
		var s string
		for _, pid := range dds {
			b, _ := os.ReadFile(fmt.Sprintf("/proc/%d/io", pid))
			for _, line := range strings.Split(string(b), "\n") {
				if v, ok := strings.CutPrefix(line, "syscr:"); ok {
					s += v + " " + procState(pid) + " "
				}
			}
		}
		return s
	}
	deadline := time.Now().Add(60 * time.Second)
	held, last := 0, ""
	for held < 10 {
		if time.Now().After(deadline) {
			rec.Process.Kill()
			rec.Wait()
			t.Fatalf("the dd never stayed stopped behind the stalled reader (%s)", reads())
		}
		if n := reads(); procState(dds[0]) == "t" && procState(dds[1]) == "t" && n == last {
			held++
		} else {
			held, last = 0, n
		}
		time.Sleep(50 * time.Millisecond)
	}
	return dds, rec, r
}

// released waits up to 2 s for every one of pids to run on untraced.
func released(pids []int) bool {
	for end := time.Now().Add(2 * time.Second); time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
		free := true
		for _, pid := range pids {
			if s := procState(pid); s == "t" || s == "T" || tracerPid(pid) != "0" {
				free = false
			}
		}
		if free {
			return true
		}
	}
	return false
}

// TestSecondStopSignalEndsRecord: once a stop has let the tracees go,
// record waits for the stalled reader to take what is queued and the
// statistics; a second stop signal ends that wait, and record with it,
// dead of the signal: the user insists, and the reader may never read.
func TestSecondStopSignalEndsRecord(t *testing.T) {
	pids, rec, r := stalledRecord(t)
	defer r.Close()
	rec.Process.Signal(syscall.SIGTERM)
	if !released(pids) {
		t.Fatal("2 s after SIGTERM, the dd are still held")
	}
	if procState(rec.Process.Pid) == "" {
		t.Fatal("record ended before the reader took the capture's end")
	}
	rec.Process.Signal(syscall.SIGINT)
	_, err := waitExit(t, rec, 5*time.Second)
	if ee, ok := err.(*exec.ExitError); !ok || ee.String() != "signal: interrupt" {
		t.Errorf("record after a second stop signal: %v; want it dead of SIGINT", err)
	}
}

// TestCtrlCReachesOnlyTheCommand: ^C at a terminal sends SIGINT to the
// whole foreground group, record and command alike. As under strace -o
// FILE COMMAND (-I never), the command handles it and finishes, and the
// capture goes on to its end; a signal the command sends its parent (the
// tracer) does not end the capture either. -I waiting keeps the old way:
// the signal stops the capture and the command with it.
func TestCtrlCReachesOnlyTheCommand(t *testing.T) {
	script := `trap 'echo handled' INT; kill -TERM $PPID; kill -HUP $PPID; echo ready; ` +
		`i=0; while [ $i -lt 40 ]; do i=$((i+1)); sleep 0.05; done; echo finished`
	for _, tc := range []struct {
		interrupt string
		want      string
		status    int
	}{{"", "ready\nhandled\nfinished\n", 0}, {"waiting", "", 0}} {
		t.Run("I="+tc.interrupt, func(t *testing.T) {
			capture := filepath.Join(t.TempDir(), "c.pcapng")
			args := []string{"record", "-o", capture}
			if tc.interrupt != "" {
				args = append(args, "-I", tc.interrupt)
			}
			rec := exec.Command(binary, append(args, "--", "sh", "-c", script)...)
			rec.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // a job of its own, as a shell's
			var stdout bytes.Buffer
			rec.Stdout = &stdout
			if err := rec.Start(); err != nil {
				t.Fatal(err)
			}
			time.Sleep(700 * time.Millisecond)
			syscall.Kill(-rec.Process.Pid, syscall.SIGINT) // ^C
			_, err := waitExit(t, rec, 10*time.Second)
			if tc.interrupt == "" {
				if err != nil {
					t.Errorf("record: %v; want the command's status 0", err)
				}
				if stdout.String() != tc.want {
					t.Errorf("the command printed %q, want %q: it did not handle ^C and finish", stdout.String(), tc.want)
				}
				var sigint, exit bool
				for _, r := range readRecords(t, capture) {
					sigint = sigint || r.Kind == pcapng.KindSignal && r.Nr == int64(syscall.SIGINT)
					exit = exit || r.Kind == pcapng.KindExit
				}
				if !sigint || !exit {
					t.Errorf("capture: SIGINT delivered %v, the command's exit %v; want both", sigint, exit)
				}
				return
			}
			if strings.Contains(stdout.String(), "finished") {
				t.Errorf("with -I waiting the command ran on after the stop: %q", stdout.String())
			}
		})
	}
}
