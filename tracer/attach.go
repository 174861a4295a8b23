// This file attaches to running processes (record -p) and explains why the
// kernel refused.

package tracer

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"golang.org/x/sys/unix"

	"github.com/stracedump/stracedump/pcapng"
)

func (t *tracer) attachAll(pids []int) error {
	for _, pid := range pids {
		if err := t.attach(pid); err != nil {
			return err
		}
	}
	return nil
}

func (t *tracer) attach(pid int) error {
	if pid <= 0 {
		return &Error{PID: pid, Op: "attach to", Err: errors.New("not a process id")}
	}
	if pid == os.Getpid() {
		return &Error{PID: pid, Op: "attach to", Err: errors.New("that is stracedump itself")}
	}
	if _, ok := t.threads[pid]; ok {
		return nil // named twice, or a thread of a process attached already
	}
	if tr := tracerOf(pid); tr != 0 {
		// TracerPid is the tracing thread; name its process.
		if g, ok := tgidOf(tr); ok {
			tr = g
		}
		if tr == os.Getpid() {
			return nil
		}
		return &Error{PID: pid, Op: "attach to", Err: fmt.Errorf("already traced by pid %d", tr)}
	}
	if stateOf(pid) == 'Z' {
		return &Error{PID: pid, Op: "attach to", Err: errors.New("it has exited (a zombie until its parent reaps it): nothing left to trace")}
	}
	if err := t.guard.mayTrace(pid); err != nil {
		return &Error{PID: pid, Op: "attach to", Err: err}
	}
	seen := map[int]bool{}
	for {
		tids, err := tasksOf(pid)
		if err != nil {
			if os.IsNotExist(err) {
				err = errors.New("no such process")
			}
			return &Error{PID: pid, Op: "attach to", Err: err}
		}
		fresh := false
		for _, tid := range tids {
			if seen[tid] {
				continue
			}
			seen[tid] = true
			if err := seize(tid, t.ptraceOptions()); err != nil {
				if err == unix.ESRCH && tid != pid {
					continue // a thread that just exited
				}
				return &Error{PID: pid, Op: "attach to", Err: explainAttach(err, yamaScope())}
			}
			fresh = true
			t.threads[tid] = &thread{tid: tid, pid: pid, arch: t.hostAudit, src: memSource{tid: tid, fds: t.fdCacheOf(pid, tid == pid), socks: t.socks, pages: t.pages, urings: t.urings, pid: pid}}
			// The first stop after PTRACE_INTERRUPT starts syscall tracing.
			_ = unix.PtraceInterrupt(tid)
		}
		if !fresh {
			break
		}
	}
	var rec pcapng.Record
	processRecord(&rec, pid, pcapng.FlagProcAttach, true)
	rec.Arch, rec.Time = t.hostAudit, time.Now().UnixNano()
	t.emit(&rec)
	return nil
}

// yamaScope is Yama's kernel.yama.ptrace_scope, "" without Yama.
func yamaScope() string {
	b, _ := os.ReadFile("/proc/sys/kernel/yama/ptrace_scope")
	return strings.TrimSpace(string(b))
}

// explainAttach says why an attach failed and what to do, given Yama's
// ptrace_scope.
func explainAttach(err error, scope string) error {
	switch err {
	case unix.EPERM:
		// Yama's ptrace_scope is the usual reason on desktops; say what it
		// asks for (docs/security.md).
		switch scope {
		case "1":
			return fmt.Errorf("%w: kernel.yama.ptrace_scope=1 lets a user trace only its own descendants; run stracedump as root, or launch the program under it instead of attaching", err)
		case "2":
			return fmt.Errorf("%w: kernel.yama.ptrace_scope=2 lets only CAP_SYS_PTRACE attach; run stracedump as root", err)
		case "3":
			return fmt.Errorf("%w: kernel.yama.ptrace_scope=3 forbids attaching to any process until reboot; launch the program under stracedump instead", err)
		}
		return fmt.Errorf("%w (needs CAP_SYS_PTRACE or the same user, no other tracer, and kernel.yama.ptrace_scope allowing it)", err)
	case unix.ESRCH:
		return errors.New("no such process")
	}
	return err
}
