package tracer

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
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
	Cloned     bool // the launched child started in our memory (clone3), not forked
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
			fdCaches: map[int]*fdCache{}, fdEffects: map[uint64]decoder.FDEffect{}, noFDCache: opts.noFDCache,
			socks: &sockInfoCache{}, pages: &pageCache{}, urings: uringTrackers{}}
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
	fdEffects   map[uint64]decoder.FDEffect // fdEffectOf's answers
	socks       *sockInfoCache              // sockets' -yy details by inode, for every process
	pages       *pageCache                  // this stop's pages of tracee memory, for every thread
	urings      uringTrackers               // the io_uring rings of processes that set one up
	uringArch   uint32                      // the arch of uringSetup
	uringSetup  int64                       // io_uring_setup's number there; 0: not looked up
	spares      []spare                     // buffers of ended threads, for new ones (see keepSpare)
	launchedPid int
	hiddenPid   int // the launched child, hidden until it execs the command
	// launchReport is the pipe the launched child reports a failure of its
	// setup on; launchFiles are its stdin, stdout and stderr, and execErr
	// its exec's error, if that failed.
	launchReport int
	launchFiles  []*os.File
	launchPath   string
	launchSpec   *launchSpec // what the launched child reads until its exec
	execUntraced bool        // the launched child's execve does not stop
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
	t.keepLaunchSpec()
	if t.emitErr != nil && !errors.Is(t.emitErr, syscall.EPIPE) {
		return t.stats, t.emitErr
	}
	return t.stats, nil
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
	yielded := time.Now()
	for len(t.threads) > 0 && !t.stopping.Load() {
		if now := time.Now(); now.Sub(yielded) >= yieldEvery {
			runtime.Gosched()
			yielded = now
		}
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

// yieldEvery is how often the tracing goroutine yields to the scheduler.
// It only ever blocks in system calls, so to the Go runtime it looks like
// one goroutine running without end: every 10 ms the runtime's monitor
// thread takes its processor away by force, and each time it does, it
// goes back to checking every 20 us for a while (about 5,000 wake-ups a
// second over a long trace, each stealing the other CPU from the tracee).
// A yield before that point costs one hand-over of the thread instead.
const yieldEvery = 8 * time.Millisecond

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
