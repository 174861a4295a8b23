// This file ends a trace: the tracees are killed or let go, none left stopped.

package tracer

import (
	"syscall"
	"time"

	"golang.org/x/sys/unix"

	"github.com/stracedump/stracedump/pcapng"
)

// shutdown ends the trace: launched processes are killed (unless
// DetachOnStop), attached ones are interrupted and detached so they run
// on unharmed. It returns when no traced thread is left, or after a
// deadline past which the kernel's own detach on our exit takes over.
func (t *tracer) shutdown() {
	if len(t.threads) == 0 {
		return
	}
	deadline := time.Now().Add(700 * time.Millisecond)
	timer := time.AfterFunc(time.Until(deadline), t.wake)
	defer timer.Stop()
	if t.killOnStop {
		killed := map[int]bool{}
		for _, th := range t.threads {
			if !killed[th.pid] {
				killed[th.pid] = true
				_ = syscall.Kill(th.pid, syscall.SIGKILL)
			}
		}
	} else {
		for tid := range t.threads {
			_ = unix.PtraceInterrupt(tid)
		}
	}
	for len(t.threads) > 0 && time.Now().Before(deadline) {
		var ws unix.WaitStatus
		tid, err := unix.Wait4(-1, &ws, unix.WALL|unix.WUNTRACED, nil)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			break
		}
		if t.isWaker(tid) {
			if ws.Stopped() {
				_ = syscall.Kill(tid, syscall.SIGCONT)
			} else {
				t.wakerGone()
			}
			continue
		}
		th := t.threads[tid]
		if ws.Exited() || ws.Signaled() {
			if th != nil {
				t.gone(th, ws)
			}
			continue
		}
		if !ws.Stopped() {
			continue
		}
		if t.killOnStop {
			// A stop that raced with SIGKILL: let it run into its death.
			_ = unix.PtraceCont(tid, 0)
			continue
		}
		sig := 0
		if s := ws.StopSignal(); s != syscall.SIGTRAP|0x80 && int(ws)>>16 == 0 {
			sig = int(s) // a signal about to be delivered: let it through
		}
		if err := detach(tid, sig); err == nil || err == unix.ESRCH {
			if th != nil && !th.hidden {
				t.emit(&pcapng.Record{Kind: pcapng.KindDetach, Arch: th.arch, PID: uint32(th.pid), TID: uint32(tid), Time: time.Now().UnixNano()})
			}
			delete(t.threads, tid)
		}
	}
}
