// This file handles the stops of traced threads: syscall entries and exits,
// signals, execs and deaths, each becoming records.

package tracer

import (
	"syscall"
	"time"

	"golang.org/x/sys/unix"

	"github.com/stracedump/stracedump/decoder"
	"github.com/stracedump/stracedump/pcapng"
)

func (t *tracer) handle(tid int, ws unix.WaitStatus) {
	th := t.threads[tid]
	if th == nil {
		if !ws.Stopped() {
			return // not ours
		}
		th = t.newThread(tid)
	}
	if ws.Exited() || ws.Signaled() {
		t.gone(th, ws)
		return
	}
	if !ws.Stopped() {
		return
	}
	sig := ws.StopSignal()
	event := int(ws) >> 16
	switch {
	case sig == syscall.SIGTRAP|0x80:
		t.syscallStop(th)
	case event == unix.PTRACE_EVENT_SECCOMP:
		// A selected call's entry, under the seccomp filter.
		t.syscallStop(th)
	case event == unix.PTRACE_EVENT_STOP:
		switch sig {
		case syscall.SIGSTOP, syscall.SIGTSTP, syscall.SIGTTIN, syscall.SIGTTOU:
			if !th.hidden {
				// A group-stop: show it and stay stopped until SIGCONT,
				// so job control of the tracee keeps working.
				t.splitOpenLine(tid)
				t.emit(&pcapng.Record{Kind: pcapng.KindSignal, Flags: pcapng.FlagGroupStop, Arch: th.arch,
					PID: uint32(th.pid), TID: uint32(tid), Nr: int64(sig), Time: time.Now().UnixNano()})
				_ = listen(tid)
				return
			}
		}
		t.resume(th, 0)
	case event != 0:
		if event == unix.PTRACE_EVENT_EXEC {
			if th = t.exec(th); th == nil {
				return // let go of: see exec
			}
		}
		t.resume(th, 0)
	default:
		t.signalStop(th, sig)
	}
}

// newThread registers a thread met for the first time: an auto-attached
// child or thread, whose first stop can come before its parent's event.
func (t *tracer) newThread(tid int) *thread {
	// One read of status: the thread group and, for a new process, the
	// parent and the name its record holds.
	st, _ := readStatus(tid)
	pid := st.tgid
	if pid <= 0 {
		pid = tid
	}
	th := &thread{tid: tid, pid: pid, arch: t.hostAudit, src: memSource{tid: tid, fds: t.fdCacheOf(pid, tid == pid), socks: t.socks, pages: t.pages, urings: t.urings, pid: pid}}
	if t.hiddenPid != 0 && pid == t.hiddenPid {
		th.hidden = true
	}
	if parent := t.threads[pid]; parent != nil {
		th.arch = parent.arch
	}
	t.threads[tid] = th
	if pid == tid {
		delete(t.urings, pid) // a new process: a gone one's rings are not its
	}
	if pid == tid && !th.hidden {
		rec := pcapng.Record{Kind: pcapng.KindProcess, Flags: pcapng.FlagProcFork, Arch: th.arch,
			PID: uint32(pid), TID: uint32(tid), Time: time.Now().UnixNano()}
		rec.Args[0] = uint64(st.ppid)
		if comm := st.commOf(pid); comm != nil {
			rec.Sections = []pcapng.Section{{Type: pcapng.SecComm, Data: comm}}
		}
		t.emit(&rec)
	}
	return th
}

// resume lets a stopped thread run on. Under a seccomp filter a thread
// runs free (PTRACE_CONT) until the filter stops it at a selected call's
// entry, then is resumed to that call's exit stop (PTRACE_SYSCALL), which
// an exec event may come before; without a filter it stops at every
// entry and exit.
func (t *tracer) resume(th *thread, sig int) {
	if t.seccomp && !th.inSyscall {
		_ = ptraceCont(th.tid, sig)
		return
	}
	_ = ptraceSyscall(th.tid, sig)
}

func (t *tracer) syscallStop(th *thread) {
	var info syscallInfo
	if err := getSyscallInfo(th.tid, &info); err != nil {
		t.resume(th, 0)
		return
	}
	now := time.Now().UnixNano()
	th.src.ip, th.src.sp = info.IP, info.SP
	t.pages.reset()
	if c := th.src.fds; c != nil {
		// Around a call that may change the fd table, and once entries are
		// old, fd paths are read afresh. At an exit stop the number is the
		// entry's: the kernel's union holds the return value there.
		c.expire(now)
		if info.Op == opExit {
			if th.inSyscall {
				ret, _ := info.exit()
				updateFDCache(c, t.fdEffectOf(info.Arch, uint64(th.rec.Nr)), true, &th.rec.Args, ret)
			} else {
				c.clear() // an exit whose entry we did not see
			}
		} else {
			updateFDCache(c, t.fdEffectOf(info.Arch, info.Nr), false, nil, 0)
		}
		th.src.now = now
	}
	switch info.Op {
	case opEntry, opSeccomp:
		th.arch = info.Arch
		if th.hidden {
			if !t.isExec(info.Arch, int64(info.Nr)) {
				t.resume(th, 0)
				return
			}
			// The child's execve of the command: the trace starts here.
			th.hidden, t.hiddenPid, th.launchExec = false, 0, true
		} else {
			th.launchExec = false
		}
		th.rec = pcapng.Record{Kind: pcapng.KindSyscall, Arch: info.Arch, PID: uint32(th.pid), TID: uint32(th.tid),
			Nr: int64(info.Nr), Args: info.Args, Time: now, Sections: th.rec.Sections[:0]}
		th.inSyscall, th.entryEmitted = true, false
		t.splitOpenLine(th.tid)
		if t.opts.LiveText != nil {
			th.liveEntry, _ = t.opts.Decoder.Capture(&th.rec, decoder.NewRecorder(&th.rec, false, &th.src), false)
		} else {
			// Nobody reads the live text: only the reads are wanted.
			if th.capture == nil {
				th.capture, th.rec.Sections = t.takeSpare()
			}
			th.capture.Reads(&th.rec, &th.src, false)
		}
		if checkUring != nil {
			checkUring(&th.rec, &th.src, false)
		}
		t.openTid = th.tid
		t.openSince.Store(now)
	case opExit:
		if !th.inSyscall || th.hidden {
			break // attached inside a call, or the launched child before exec
		}
		th.inSyscall = false
		th.rec.Ret, _ = info.exit()
		if th.launchExec && th.rec.Ret < 0 {
			t.execErr = syscall.Errno(-th.rec.Ret)
		}
		th.rec.Duration = uint64(now - th.rec.Time)
		var exitText, result string
		if t.opts.LiveText != nil {
			exitText, result = t.opts.Decoder.Capture(&th.rec, decoder.NewRecorder(&th.rec, true, &th.src), true)
		} else {
			th.capture.Reads(&th.rec, &th.src, true)
		}
		if checkUring != nil {
			checkUring(&th.rec, &th.src, true)
		}
		t.splitOpenLine(th.tid)
		t.stats.Syscalls++
		t.trackUring(th)
		t.emit(&th.rec)
		if t.opts.LiveText != nil {
			t.opts.LiveText(&th.rec, decoder.JoinResult(th.liveEntry+exitText, result))
		}
		t.closeOpenLine(th.tid)
	}
	t.resume(th, 0)
}

func (t *tracer) isExec(arch uint32, nr int64) bool {
	a := decoder.ArchByAudit(arch)
	return a != nil && a.IsExec(nr)
}

// splitOpenLine is called before anything of thread tid is written: another
// thread's open call gets its entry record first, as strace would print
// "<unfinished ...>" there.
func (t *tracer) splitOpenLine(tid int) {
	if t.openTid == 0 || t.openTid == tid {
		return
	}
	if o := t.threads[t.openTid]; o != nil && o.inSyscall && !o.entryEmitted {
		t.emitEntry(o)
	}
	t.closeOpenLine(t.openTid)
}

func (t *tracer) closeOpenLine(tid int) {
	if t.openTid == tid {
		t.openTid = 0
		t.openSince.Store(0)
	}
}

func (t *tracer) emitEntry(th *thread) {
	e := th.rec
	e.Kind = pcapng.KindSyscallEntry
	th.entryEmitted = true
	t.emit(&e)
}

func (t *tracer) signalStop(th *thread, sig syscall.Signal) {
	var si [128]byte
	if err := getSiginfo(th.tid, &si); err != nil {
		t.resume(th, int(sig))
		return
	}
	if !th.hidden {
		t.splitOpenLine(th.tid)
		t.emit(&pcapng.Record{Kind: pcapng.KindSignal, Arch: th.arch, PID: uint32(th.pid), TID: uint32(th.tid),
			Nr: int64(sig), Time: time.Now().UnixNano(),
			Sections: []pcapng.Section{{Type: pcapng.SecSiginfo, Key: uint64(t.hostAudit), Data: si[:]}}})
	}
	t.resume(th, int(sig))
}

// exec handles PTRACE_EVENT_EXEC. When a non-leader thread execs, the
// kernel gives it the leader's tid and the old tid vanishes without an
// exit report. The leader is gone: its pending call never returns, and a
// superseded record says who took its place (strace's "+++ superseded by
// execve in pid N +++"). The execing thread's pending execve moves to the
// leader's tid, where it completes.
func (t *tracer) exec(th *thread) *thread {
	if th.hidden {
		// The launched child's exec of the command, whose execve did not
		// stop (a seccomp filter that leaves execve out): the trace
		// starts here.
		th.hidden, t.hiddenPid = false, 0
	}
	if msg, err := unix.PtraceGetEventMsg(th.tid); err == nil && int(msg) != th.tid {
		former := int(msg)
		if old := t.threads[former]; old != nil {
			if !th.hidden {
				t.ended(th, pcapng.Record{Kind: pcapng.KindExit, Flags: pcapng.FlagSuperseded, Nr: int64(former)})
			}
			th.rec, th.inSyscall, th.entryEmitted = old.rec, old.inSyscall, old.entryEmitted
			th.rec.TID = uint32(th.tid)
			delete(t.threads, former)
			if t.openTid == former {
				t.openTid = th.tid
			}
		}
	}
	// A process that exec'd a set-user-ID program (or one with file
	// capabilities) is no longer the caller's when stracedump's privilege
	// is borrowed: let go of it before it runs a single instruction.
	if err := t.guard.mayTrace(th.pid); err != nil && !th.hidden {
		_ = detach(th.tid, 0)
		delete(t.threads, th.tid)
		t.emit(&pcapng.Record{Kind: pcapng.KindDetach, Arch: th.arch, PID: uint32(th.pid), TID: uint32(th.tid), Time: time.Now().UnixNano()})
		return nil
	}
	// Other threads of the process are gone; their exits may still come.
	if !th.hidden {
		var rec pcapng.Record
		processRecord(&rec, th.pid, pcapng.FlagProcExec, false)
		rec.Arch, rec.Time = th.arch, time.Now().UnixNano()
		t.emit(&rec)
	}
	return th
}

// gone handles a thread that exited or was killed.
func (t *tracer) gone(th *thread, ws unix.WaitStatus) {
	delete(t.threads, th.tid)
	if th.tid == t.launchedPid {
		t.stats.ExitStatus = int(ws)
	}
	if th.hidden && !(th.tid == t.launchedPid && t.execUntraced) {
		return
	}
	// A launched child whose execve the filter leaves out ends hidden when
	// that exec fails: its exit shows, as after a traced failed execve.
	t.ended(th, pcapng.Record{Kind: pcapng.KindExit, Ret: int64(ws)})
	t.keepSpare(th)
}

// spare is what a thread grew for its calls: the Capturer with its arena
// of recorded bytes and the record's sections.
type spare struct {
	capture  *decoder.Capturer
	sections []pcapng.Section
}

const (
	maxSpares     = 16
	maxSpareArena = 64 << 10
)

// keepSpare keeps an ended thread's buffers for a thread yet to come. A
// shell loop or a build starts hundreds of short processes, and each grew
// its own again from nothing: most of the tracer's allocation there, and
// every fresh page is a page fault (about 10 us on a virtual machine).
// The thread's records are written: nothing refers to the buffers now.
func (t *tracer) keepSpare(th *thread) {
	if th.capture == nil || len(t.spares) == maxSpares || th.capture.Retained() > maxSpareArena {
		return
	}
	t.spares = append(t.spares, spare{th.capture, th.rec.Sections[:0]})
	th.capture, th.rec.Sections = nil, nil
}

// takeSpare returns the buffers for a thread's first call: an ended
// thread's when there are some.
func (t *tracer) takeSpare() (*decoder.Capturer, []pcapng.Section) {
	n := len(t.spares)
	if n == 0 {
		return t.opts.Decoder.NewCapturer(), nil
	}
	s := t.spares[n-1]
	t.spares[n-1] = spare{}
	t.spares = t.spares[:n-1]
	return s.capture, s.sections
}

// ended writes the end of a traced thread: its pending call, which never
// returns (exit_group, a call it was killed in or superseded in), then
// exit, a KindExit record that ended fills with the thread and the time.
func (t *tracer) ended(th *thread, exit pcapng.Record) {
	now := time.Now().UnixNano()
	t.splitOpenLine(th.tid)
	if th.inSyscall {
		th.rec.Flags |= pcapng.FlagNoReturn
		th.rec.Duration = uint64(now - th.rec.Time)
		t.emit(&th.rec)
		th.inSyscall = false
	}
	t.closeOpenLine(th.tid)
	exit.Arch, exit.PID, exit.TID, exit.Time = th.arch, uint32(th.pid), uint32(th.tid), now
	t.emit(&exit)
}
