package tracer

import (
	"os"
	"syscall"

	"golang.org/x/sys/unix"
)

// The waker is a child process of ours that is not traced. Stopping it
// makes the tracing thread's wait4 return, which neither signals (Go
// installs its handlers with SA_RESTART) nor anything else can do. wait4
// sees children of every thread of the tracer, so the watch goroutine may
// start it. Called with wakerMu held.
func (t *tracer) startWaker() error {
	r, w, err := os.Pipe()
	if err != nil {
		return err
	}
	devnull, err := os.OpenFile(os.DevNull, os.O_RDWR, 0)
	if err != nil {
		r.Close()
		w.Close()
		return err
	}
	defer devnull.Close()
	defer r.Close()
	p, err := os.StartProcess("/proc/self/exe", []string{"stracedump", wakerArg}, &os.ProcAttr{
		Files: []*os.File{r, devnull, devnull},
		Sys:   &syscall.SysProcAttr{Setpgid: true},
	})
	if err != nil {
		w.Close()
		return err
	}
	t.waker, t.wakerPipe = p, w
	t.wakerPid.Store(int64(p.Pid))
	return nil
}

// wake makes the tracing thread's wait4 return, starting the waker first
// if there is none. Without a waker (it could not start) the tracing
// thread still notices at the next event of a tracee.
func (t *tracer) wake() {
	t.wakerMu.Lock()
	defer t.wakerMu.Unlock()
	if t.wakerClosed {
		return
	}
	if t.waker == nil {
		if err := t.startWaker(); err != nil {
			return
		}
	}
	_ = syscall.Kill(t.waker.Pid, syscall.SIGSTOP)
}

// isWaker reports whether a wait4 result is the waker's.
func (t *tracer) isWaker(tid int) bool {
	p := t.wakerPid.Load()
	return p != 0 && int64(tid) == p
}

// wakerGone forgets a waker that died; the next wake starts another.
func (t *tracer) wakerGone() {
	t.wakerMu.Lock()
	defer t.wakerMu.Unlock()
	if t.waker != nil {
		t.wakerPipe.Close()
		t.waker, t.wakerPipe = nil, nil
		t.wakerPid.Store(0)
	}
}

func (t *tracer) stopWaker() {
	t.wakerMu.Lock()
	defer t.wakerMu.Unlock()
	t.wakerClosed = true
	if t.waker == nil {
		return
	}
	t.wakerPipe.Close()
	_ = syscall.Kill(t.waker.Pid, syscall.SIGKILL)
	var ws unix.WaitStatus
	for {
		_, err := unix.Wait4(t.waker.Pid, &ws, 0, nil)
		if err != unix.EINTR {
			break
		}
	}
	t.waker, t.wakerPipe = nil, nil
	t.wakerPid.Store(0)
}
