package tracer

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"golang.org/x/sys/unix"

	"github.com/stracedump/stracedump/decoder"
	"github.com/stracedump/stracedump/pcapng"
)

// Target says what to trace: a command to launch, or running processes.
type Target struct {
	Argv []string // command and arguments; Argv[0] is looked up in PATH
	PIDs []int    // processes to attach to, with all their threads
}

// Options tune a trace.
type Options struct {
	FollowForks  bool // trace new children and threads (strace -f)
	DetachOnStop bool // when the capture stops, let a launched command run on instead of killing it
	// Env is the launched command's environment; nil means ours.
	Env []string
	Dir string // working directory of the launched command; "" means ours
	// Stdin, Stdout and Stderr of the launched command; nil means ours.
	Stdin, Stdout, Stderr *os.File
	Credential            *syscall.Credential // run the launched command as this user
	// Decoder drives what is read from tracee memory; it should be built
	// with decoder.CaptureOptions.
	Decoder *decoder.Decoder
	// LiveText, when set, receives each completed call with its line as
	// decoded from the live tracee during the capture (as Decoder.Line
	// renders it), so tests can hold replay to it.
	LiveText func(rec *pcapng.Record, text string)
	// Seccomp, when set, has a launched command stop only on the syscalls
	// it selects: the launched child installs a seccomp-bpf filter that
	// returns TRACE for them and ALLOW for the rest, so the others never
	// stop. It is ignored for attached processes (a filter can only be
	// installed by the process itself), with DetachOnStop (a process
	// left running with the filter and no tracer would see its selected
	// calls fail with ENOSYS), without FollowForks (untraced children would
	// too) and on kernels without seccomp filters; Stats.Seccomp says
	// whether it was used. It selects, never filters: records of calls it
	// selects still go to emit, which drops what it does not want.
	Seccomp SyscallSelector
	// noFDCache turns the fd path cache off, for tests that hold the
	// cache to fresh lookups.
	noFDCache bool
	// BlockedAfter is how long a call may block before its entry is written
	// on its own, so a live capture shows it; 0 means 200ms.
	BlockedAfter time.Duration
}

// Stats sum up a finished trace.
type Stats struct {
	Records    uint64 // records emitted
	Syscalls   uint64 // completed syscalls
	ExitStatus int    // the launched command's wait status, -1 when unknown
	Launched   bool
	Seccomp    bool // a seccomp filter selected the syscalls that stop
}

// EmitFunc receives every record in order. The record is only valid during
// the call. An error stops the trace (a closed output, say) and is returned
// by Trace unless it is EPIPE, which ends the trace quietly.
type EmitFunc func(*pcapng.Record) error

// Error is a failure to launch or attach, with the pid it concerns.
type Error struct {
	PID int
	Op  string
	Err error
}

func (e *Error) Error() string {
	if e.PID != 0 {
		return fmt.Sprintf("cannot %s pid %d: %v", e.Op, e.PID, e.Err)
	}
	return fmt.Sprintf("cannot %s: %v", e.Op, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// Trace runs a whole trace: launch or attach, follow every stop until the
// traced processes are gone or ctx is done, then detach from attached
// processes (they keep running) and kill launched ones (unless
// DetachOnStop). It returns once no traced process is left stopped.
func Trace(ctx context.Context, target Target, opts Options, emit EmitFunc) (Stats, error) {
	if opts.Decoder == nil {
		opts.Decoder = decoder.New(decoder.CaptureOptions(32))
	}
	if opts.BlockedAfter <= 0 {
		opts.BlockedAfter = 200 * time.Millisecond
	}
	type result struct {
		stats Stats
		err   error
	}
	done := make(chan result, 1)
	// Best effort: without it every stop also costs a signal delivery.
	_ = quietStops()
	go func() {
		// Every ptrace request must come from the thread that attached. The
		// thread is never unlocked, so it ends with this goroutine and takes
		// no ptrace state back to the scheduler.
		runtime.LockOSThread()
		t := &tracer{opts: opts, emitFn: emit, threads: map[int]*thread{}, hostAudit: hostAudit(), guard: newGuard(),
			fdCaches: map[int]*fdCache{}, fdEffects: map[uint64]fdEffect{}, noFDCache: opts.noFDCache,
			socks: &sockInfoCache{}, pages: &pageCache{}}
		stats, err := t.run(ctx, target)
		done <- result{stats, err}
	}()
	r := <-done
	return r.stats, r.err
}

type tracer struct {
	opts      Options
	emitFn    EmitFunc
	threads   map[int]*thread
	hostAudit uint32
	guard     guard // what a privileged binary may trace

	killOnStop  bool
	seccomp     bool // launched under a seccomp filter: resume with PTRACE_CONT
	noFDCache   bool // look every fd path up afresh (tests compare with the cache)
	fdCaches    map[int]*fdCache
	fdEffects   map[uint64]fdEffect // fdEffectOf's answers
	socks       *sockInfoCache      // sockets' -yy details by inode, for every process
	pages       *pageCache          // this stop's pages of tracee memory, for every thread
	launchedPid int
	hiddenPid   int // the launched child, hidden until it execs the command
	// launchReport is the pipe the launched child reports a failure of its
	// setup on; launchFiles are its stdin, stdout and stderr, and execErr
	// its exec's error, if that failed.
	launchReport int
	launchFiles  []*os.File
	launchPath   string
	execUntraced bool // the launched child's execve does not stop
	execErr      syscall.Errno
	stats        Stats
	emitErr      error

	// openTid is the thread whose call strace would show as the one open
	// line: it entered a call and nothing was printed since. Before anything
	// else is written, that call gets an entry record of its own.
	openTid   int
	openSince atomic.Int64 // entry time of the open call without an entry record; 0 if none

	// The waker (see startWaker) is started on first use: most captures
	// never need it, and it is a process start the traced command would
	// otherwise wait behind. wakerMu guards its start and end; wakerPid is
	// what the tracing thread compares wait4's results with.
	wakerMu     sync.Mutex
	waker       *os.Process
	wakerPipe   *os.File
	wakerClosed bool
	wakerPid    atomic.Int64
	stopping    atomic.Bool
}

type thread struct {
	tid, pid int
	hidden   bool
	// launchExec: the launched child's execve of the command has entered
	// and the command has made no call of its own yet.
	launchExec   bool
	inSyscall    bool
	entryEmitted bool
	arch         uint32
	rec          pcapng.Record
	capture      *decoder.Capturer // made on the thread's first call
	liveEntry    string            // the open call's entry text, decoded live
	src          memSource
}

func hostAudit() uint32 {
	switch runtime.GOARCH {
	case "arm64":
		return decoder.AuditArchAarch64
	case "386":
		return decoder.AuditArchI386
	}
	return decoder.AuditArchX86_64
}

func (t *tracer) run(ctx context.Context, target Target) (Stats, error) {
	t.stats.ExitStatus = -1
	defer t.stopWaker()

	var err error
	if len(target.Argv) > 0 {
		err = t.launch(target.Argv)
	} else {
		err = t.attachAll(target.PIDs)
	}
	if err != nil {
		t.shutdown()
		return t.stats, err
	}

	finished := make(chan struct{})
	defer close(finished)
	go t.watch(ctx, finished)

	t.loop()
	t.shutdown()
	t.reportLaunch()
	if t.emitErr != nil && !errors.Is(t.emitErr, syscall.EPIPE) {
		return t.stats, t.emitErr
	}
	return t.stats, nil
}

// reportLaunch says on the command's stderr why a launched command did
// not start, as a shell would, and the command's status is 127. The child
// reports a failed setup on its pipe, and a failed exec unless the trace
// has it.
func (t *tracer) reportLaunch() {
	if t.launchFiles == nil {
		return
	}
	defer unix.Close(t.launchReport)
	var msg string
	if step, errno, ok := readLaunchFailure(t.launchReport, false); ok {
		msg = fmt.Sprintf("stracedump: %v: %v", step, errno)
		switch step {
		case stepSeccomp, stepNoNewPrivs:
			msg += " (record with --seccomp-bpf=false to filter in the tracer)"
		case stepExec:
			msg = fmt.Sprintf("stracedump: exec %s: %v", t.launchPath, errno)
		}
	} else if t.execErr != 0 {
		msg = fmt.Sprintf("stracedump: exec %s: %v", t.launchPath, t.execErr)
	} else {
		return
	}
	fmt.Fprintln(t.launchFiles[2], msg)
}

// watch wakes the tracing thread when ctx ends or an open call has blocked
// long enough to be shown on its own.
func (t *tracer) watch(ctx context.Context, finished <-chan struct{}) {
	tick := time.NewTicker(t.opts.BlockedAfter / 2)
	defer tick.Stop()
	for {
		select {
		case <-finished:
			return
		case <-ctx.Done():
			t.stopping.Store(true)
			t.wake()
			return
		case <-tick.C:
			if s := t.openSince.Load(); s != 0 && time.Now().UnixNano()-s >= int64(t.opts.BlockedAfter) {
				t.wake()
			}
		}
	}
}

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

func (t *tracer) ptraceOptions() int {
	o := unix.PTRACE_O_TRACESYSGOOD | unix.PTRACE_O_TRACEEXEC
	if t.opts.FollowForks {
		o |= unix.PTRACE_O_TRACECLONE | unix.PTRACE_O_TRACEFORK | unix.PTRACE_O_TRACEVFORK
	}
	if t.seccomp {
		o |= unix.PTRACE_O_TRACESECCOMP
	}
	if t.killOnStop {
		// Launched programs die with the tracer, never left stopped.
		o |= unix.PTRACE_O_EXITKILL
	}
	return o
}

func (t *tracer) launch(argv []string) error {
	path, err := exec.LookPath(argv[0])
	if err != nil {
		var ee *exec.Error
		var pe *fs.PathError
		if errors.As(err, &ee) {
			err = ee.Err
		}
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return &Error{Op: fmt.Sprintf("run %q", argv[0]), Err: err}
	}
	t.killOnStop = !t.opts.DetachOnStop
	env := t.opts.Env
	if env == nil {
		env = os.Environ()
	}
	files := []*os.File{t.opts.Stdin, t.opts.Stdout, t.opts.Stderr}
	for i, def := range []*os.File{os.Stdin, os.Stdout, os.Stderr} {
		if files[i] == nil {
			files[i] = def
		}
	}
	var prog []unix.SockFilter
	if t.opts.Seccomp != nil && t.opts.FollowForks && !t.opts.DetachOnStop && seccompAvailable() {
		if prog, err = seccompProgram(t.opts.Seccomp); err != nil {
			return &Error{Op: fmt.Sprintf("run %q", argv[0]), Err: err}
		}
		t.seccomp = true
		t.stats.Seccomp = true
	}
	spec, err := newLaunchSpec(path, argv, env, t.opts.Dir, [3]*os.File(files), t.opts.Credential, prog)
	if err != nil {
		return &Error{Op: fmt.Sprintf("run %q", argv[0]), Err: err}
	}
	// A failed exec the trace does not show, the child reports itself.
	spec.reportExec = t.seccomp && !selectsExecve(t.opts.Seccomp, t.hostAudit)
	t.execUntraced = spec.reportExec
	spec.noNewPrivs = t.guard.on
	if t.guard.on && spec.cred == nil {
		// The command runs as the caller, with none of the ids a
		// set-user-ID or set-group-ID stracedump borrowed: the child sets
		// them all (real, effective, saved) to the caller's before its exec.
		spec.cred = &syscall.Credential{Uid: uint32(t.guard.uid), Gid: uint32(t.guard.gid), NoSetGroups: true}
	}
	spec.parent = os.Getpid()
	// The first stops need the decoder's tables, made on first use: make
	// them before the fork. Every page the tracer writes while the child
	// still shares its memory, up to the child's exec, is copied, and the
	// other CPU's TLB flushed.
	decoder.Preload()
	pid, report, err := forkStopped(spec)
	if err != nil {
		return &Error{Op: fmt.Sprintf("run %q", argv[0]), Err: err}
	}
	var ws unix.WaitStatus
	for {
		_, err = unix.Wait4(pid, &ws, unix.WUNTRACED, nil)
		if err != unix.EINTR {
			break
		}
	}
	if err != nil || !ws.Stopped() {
		if step, errno, ok := readLaunchFailure(report, true); ok {
			err = fmt.Errorf("%v: %w", step, errno)
			if step == stepDir {
				err = fmt.Errorf("%v to %s: %w", step, t.opts.Dir, errno)
			}
		} else {
			err = fmt.Errorf("the launched child did not stop (status %#x, %v)", uint32(ws), err)
		}
		unix.Close(report)
		return &Error{Op: fmt.Sprintf("run %q", argv[0]), Err: err}
	}
	if err := seize(pid, t.ptraceOptions()); err != nil {
		_ = syscall.Kill(pid, syscall.SIGKILL)
		unix.Close(report)
		return &Error{PID: pid, Op: "trace launched", Err: err}
	}
	t.launchReport, t.launchFiles, t.launchPath = report, files, path
	t.launchedPid, t.hiddenPid = pid, pid
	t.stats.Launched = true
	t.threads[pid] = &thread{tid: pid, pid: pid, hidden: true, arch: t.hostAudit, src: memSource{tid: pid, fds: t.fdCacheOf(pid, true), socks: t.socks, pages: t.pages}}
	// The child resumes from its SIGSTOP and execs the command.
	if err := syscall.Kill(pid, syscall.SIGCONT); err != nil {
		return &Error{PID: pid, Op: "resume launched", Err: err}
	}
	return nil
}

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
			t.threads[tid] = &thread{tid: tid, pid: pid, arch: t.hostAudit, src: memSource{tid: tid, fds: t.fdCacheOf(pid, tid == pid), socks: t.socks, pages: t.pages}}
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

func (t *tracer) emit(rec *pcapng.Record) {
	if t.emitErr != nil {
		return
	}
	if err := t.emitFn(rec); err != nil {
		t.emitErr = err
		t.stopping.Store(true)
		return
	}
	t.stats.Records++
}

func (t *tracer) loop() {
	for len(t.threads) > 0 && !t.stopping.Load() {
		var ws unix.WaitStatus
		tid, err := unix.Wait4(-1, &ws, unix.WALL|unix.WUNTRACED, nil)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			break // ECHILD: nothing left to wait for
		}
		if t.isWaker(tid) {
			if ws.Stopped() {
				_ = syscall.Kill(tid, syscall.SIGCONT)
			} else {
				t.wakerGone()
			}
		} else {
			t.handle(tid, ws)
		}
		t.showBlocked()
	}
}

// showBlocked writes the entry of an open call that has blocked for
// BlockedAfter, so a live capture shows it while it blocks.
func (t *tracer) showBlocked() {
	s := t.openSince.Load()
	if s == 0 || time.Now().UnixNano()-s < int64(t.opts.BlockedAfter) {
		return
	}
	if th := t.threads[t.openTid]; th != nil && th.inSyscall && !th.entryEmitted {
		t.emitEntry(th)
	}
	t.openSince.Store(0)
}

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
	pid, ok := tgidOf(tid)
	if !ok {
		pid = tid
	}
	th := &thread{tid: tid, pid: pid, arch: t.hostAudit, src: memSource{tid: tid, fds: t.fdCacheOf(pid, tid == pid), socks: t.socks, pages: t.pages}}
	if t.hiddenPid != 0 && pid == t.hiddenPid {
		th.hidden = true
	}
	if parent := t.threads[pid]; parent != nil {
		th.arch = parent.arch
	}
	t.threads[tid] = th
	if pid == tid && !th.hidden {
		rec := pcapng.Record{Kind: pcapng.KindProcess, Flags: pcapng.FlagProcFork, Arch: th.arch,
			PID: uint32(pid), TID: uint32(tid), Time: time.Now().UnixNano()}
		rec.Args[0] = uint64(ppidOf(pid))
		if b, err := readProc(procDir(pid) + "/comm"); err == nil && len(b) > 0 {
			rec.Sections = []pcapng.Section{{Type: pcapng.SecComm, Data: b[:len(b)-1]}}
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
				th.capture = t.opts.Decoder.NewCapturer()
			}
			th.capture.Reads(&th.rec, &th.src, false)
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
		t.splitOpenLine(th.tid)
		t.stats.Syscalls++
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
	if a == nil {
		return false
	}
	name := a.SyscallName(nr)
	return name == "execve" || name == "execveat"
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
