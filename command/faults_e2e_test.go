package command_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/stracedump/stracedump/internal/testhost"
)

// TestFaultMatrix stops record every way it can be stopped, with every
// kind of traced program, launched or attached, and counts what is left
// behind: a process left stopped or still traced, a launched process that
// outlived a tracer meant to take it along, a capture that does not
// decode. Each count must be 0. The stops are SIGINT, SIGTERM, SIGHUP and
// SIGQUIT (record's stop signals, under -I waiting for a launched
// command) and SIGKILL (a crash); the programs a sleep, a shell with two
// children, and python with three threads.
func TestFaultMatrix(t *testing.T) {
	needAttach(t)
	testhost.Tool(t, "python3", "the threaded program of the fault matrix")
	const thread = "import threading, time, sys\n" +
		"for _ in range(3): threading.Thread(target=time.sleep, args=(float(sys.argv[1]),)).start()\n"
	programs := []struct {
		name      string
		argv      func(marker string) []string
		processes int // processes holding the marker once it runs
		tasks     int // threads of its first process
	}{
		{"sleep", func(m string) []string { return []string{"sleep", m} }, 1, 1},
		{"forking", func(m string) []string { return []string{"sh", "-c", "sleep $0 & sleep $0 & wait", m} }, 3, 1},
		{"threaded", func(m string) []string { return []string{"python3", "-c", thread, m} }, 1, 4},
	}
	modes := []struct {
		name   string
		opts   []string
		attach bool
		kills  bool // the launched processes end with the trace
	}{
		{"launched", []string{"-I", "waiting"}, false, true},
		{"launched-detach-on-stop", []string{"-I", "waiting", "--detach-on-stop"}, false, false},
		{"attached", nil, true, false},
	}
	signals := []syscall.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT, syscall.SIGKILL}
	var tries, cases, stopped, traced, outlived, undecodable, statuses, helpers, withHelper int
	for _, mode := range modes {
		for _, prog := range programs {
			for _, sig := range signals {
				tries++
				name := fmt.Sprintf("%s/%s/%s", mode.name, prog.name, unix.SignalName(sig))
				marker := fmt.Sprintf("1000.%d%d", os.Getpid(), tries) // a sleep's argument, unique to this case
				t.Run(name, func(t *testing.T) {
					cases++
					// Every other case waits until record has started its
					// helper (once a call has blocked long enough to be shown).
					f := runFault(t, name, marker, mode.opts, mode.attach, prog.argv(marker), prog.processes, prog.tasks, sig, tries%2 == 0)
					stopped += f.stopped
					traced += f.traced
					helpers += f.wakers
					if len(f.wakersSeen) > 0 {
						withHelper++
					}
					if mode.kills && f.left > 0 {
						outlived += f.left
						t.Errorf("%s: %d launched processes outlived the tracer", name, f.left)
					}
					if !f.decoded {
						undecodable++
					}
					if !f.statusOK {
						statuses++
					}
				})
			}
		}
	}
	t.Logf("%d cases: %d processes left stopped, %d left traced, %d launched ones outlived the tracer, "+
		"%d captures did not decode, %d tracers did not die of the signal, %d helpers outlived record (of %d cases with one)",
		cases, stopped, traced, outlived, undecodable, statuses, helpers, withHelper)
}

// fault is what one stop left behind.
type fault struct {
	stopped, traced, left, wakers int
	wakersSeen                    []int
	decoded, statusOK             bool
}

// runFault runs record on argv (launched, or attached to argv started
// first), waits until it traces all of it (and, withHelper, until it runs
// its helper), sends record sig and checks what is left.
func runFault(t *testing.T, name, marker string, opts []string, attach bool, argv []string, processes, tasks int, sig syscall.Signal, withHelper bool) (f fault) {
	t.Helper()
	capture := filepath.Join(t.TempDir(), "c.pcapng")
	args := append([]string{"record", "-o", capture}, opts...)
	var victim *exec.Cmd
	if attach {
		victim = exec.Command(argv[0], argv[1:]...)
		if err := victim.Start(); err != nil {
			t.Fatal(err)
		}
		defer victim.Wait()
		if !settled(marker, processes, tasks, false) {
			t.Fatalf("%s: the program never ran", name)
		}
		args = append(args, "-p", strconv.Itoa(victim.Process.Pid))
	} else {
		args = append(append(args, "--"), argv...)
	}
	defer func() {
		for _, pid := range programProcesses(marker) {
			syscall.Kill(pid, syscall.SIGKILL)
		}
	}()
	rec := exec.Command(binary, args...)
	if err := rec.Start(); err != nil {
		t.Fatal(err)
	}
	// Launched, all of it traced; attached, the process named.
	ready := func() bool { return settled(marker, processes, tasks, true) }
	if attach {
		ready = func() bool {
			for end := time.Now().Add(10 * time.Second); time.Now().Before(end); time.Sleep(10 * time.Millisecond) {
				if tracedAll(victim.Process.Pid) {
					return true
				}
			}
			return false
		}
	}
	if !ready() {
		rec.Process.Kill()
		rec.Wait()
		t.Fatalf("%s: never traced", name)
	}
	// record's own helper, once it has one (it wakes the tracing thread).
	wakers := childrenWith(rec.Process.Pid, "__stracedump_waker")
	for end := time.Now().Add(5 * time.Second); withHelper && len(wakers) == 0 && time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
		wakers = childrenWith(rec.Process.Pid, "__stracedump_waker")
	}
	if withHelper && len(wakers) == 0 {
		t.Errorf("%s: record started no helper in 5 s", name)
	}
	f.wakersSeen = wakers
	rec.Process.Signal(sig)
	_, err := waitExit(t, rec, 10*time.Second)
	f.statusOK = err != nil && err.Error() == "signal: "+sigName(sig)
	if !f.statusOK {
		t.Errorf("%s: record ended with %v, want it dead of the signal", name, err)
	}
	// What is left settles within moments: the kernel takes launched
	// tracees along with a tracer killed, or detaches them.
	end := time.Now().Add(2 * time.Second)
	for {
		f.stopped, f.traced, f.left = 0, 0, 0
		for _, pid := range programProcesses(marker) {
			f.left++
			if s := procState(pid); s == "t" || s == "T" {
				f.stopped++
			}
			if !untracedAll(pid) {
				f.traced++
			}
		}
		if f.stopped+f.traced == 0 && (attach || f.left == 0 || strings.Contains(strings.Join(opts, " "), "--detach-on-stop")) || time.Now().After(end) {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if f.stopped+f.traced > 0 {
		t.Errorf("%s: %d processes left stopped, %d still traced", name, f.stopped, f.traced)
	}
	for end := time.Now().Add(2 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		f.wakers = 0
		for _, pid := range wakers {
			if b, _ := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid)); strings.Contains(string(b), "__stracedump_waker") {
				f.wakers++
			}
		}
		if f.wakers == 0 || time.Now().After(end) {
			break
		}
	}
	if f.wakers > 0 {
		t.Errorf("%s: record's helper outlived it", name)
	}
	if attach && f.left != processes {
		t.Errorf("%s: %d of the attached program's %d processes run on", name, f.left, processes)
	}
	// A capture cut by SIGKILL may end short; it still decodes up to there.
	out, derr := exec.Command(binary, "decode", capture).CombinedOutput()
	msg := string(out)
	f.decoded = derr == nil || sig == syscall.SIGKILL && strings.Contains(msg, "truncated") && !strings.Contains(msg, "panic")
	if !f.decoded {
		t.Errorf("%s: decode: %v: %s", name, derr, lastLine(msg))
	}
	return f
}

// settled waits until n processes hold marker, the first with tasks
// threads, and, when traced, every one of them traced.
func settled(marker string, n, tasks int, traced bool) bool {
	for end := time.Now().Add(10 * time.Second); time.Now().Before(end); time.Sleep(10 * time.Millisecond) {
		pids := programProcesses(marker)
		if len(pids) != n {
			continue
		}
		ok := taskCount(pids[0]) >= tasks
		for _, pid := range pids {
			if traced && !tracedAll(pid) {
				ok = false
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// tracedAll and untracedAll look at every thread of pid.
func tracedAll(pid int) bool {
	return allTasks(pid, func(tp string) bool { return tp != "0" && tp != "" })
}
func untracedAll(pid int) bool {
	return allTasks(pid, func(tp string) bool { return tp == "0" || tp == "" })
}

func allTasks(pid int, ok func(tracer string) bool) bool {
	entries, _ := os.ReadDir(fmt.Sprintf("/proc/%d/task", pid))
	for _, e := range entries {
		tid, _ := strconv.Atoi(e.Name())
		if !ok(tracerPid(tid)) {
			return false
		}
	}
	return true
}

func taskCount(pid int) int {
	entries, _ := os.ReadDir(fmt.Sprintf("/proc/%d/task", pid))
	return len(entries)
}

// sigName is the name exec.ExitError gives a signal ("interrupt").
func sigName(sig syscall.Signal) string { return sig.String() }

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

// programProcesses lists the processes of the traced program: those
// whose command line holds marker, record's own left out.
func programProcesses(marker string) []int {
	var pids []int
	for _, pid := range processesWith(marker) {
		if exe, _ := os.Readlink(fmt.Sprintf("/proc/%d/exe", pid)); exe != binary {
			pids = append(pids, pid)
		}
	}
	return pids
}

// childrenWith lists the children of pid whose command line holds s.
func childrenWith(pid int, s string) []int {
	var pids []int
	for _, p := range processesWith(s) {
		if parentPid(p) == strconv.Itoa(pid) {
			pids = append(pids, p)
		}
	}
	return pids
}
