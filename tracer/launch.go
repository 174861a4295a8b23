package tracer

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"sync"
	"syscall"
	"unsafe"

	"golang.org/x/sys/unix"

	"github.com/stracedump/stracedump/decoder"
	"github.com/stracedump/stracedump/tracer/internal/nofile"
)

// A launched command starts as a child of the tracing thread. It stops
// itself before it execs, so the tracer can seize it and see the execve;
// once seized and continued it installs the seccomp filter, if any, and
// execs the command. This is what strace's C launcher does. The child is
// started in our memory (cloneStopped) or forked (forkChild), not
// re-executed: a second Go program started for the purpose (the way it
// was done before) cost a whole Go process start, which the traced
// command waited for.

// The runtime's fork hooks, as package syscall uses them around its own
// fork: signals blocked and stack growth caught from the fork to the end
// of the child's setup, the child's signal handlers reset and its signal
// mask restored. The runtime exports them for linking by name.

//go:linkname runtimeBeforeFork syscall.runtime_BeforeFork
func runtimeBeforeFork()

//go:linkname runtimeAfterFork syscall.runtime_AfterFork
func runtimeAfterFork()

//go:linkname runtimeAfterForkInChild syscall.runtime_AfterForkInChild
func runtimeAfterForkInChild()

// launchSpec is everything the child needs, in the form the system calls
// take, made before the fork: the child may not allocate.
type launchSpec struct {
	path, dir  *byte   // dir is nil to stay in ours
	argv, envv []*byte // nil-terminated
	files      [3]int  // the command's stdin, stdout and stderr
	cred       *syscall.Credential
	groups     []uint32        // cred.Groups
	prog       *unix.SockFprog // the seccomp filter, or nil
	nofile     *nofile.Rlimit  // the limit on open files to restore, or nil
	errPipe    int             // the child writes a failure here (launchStep, errno)
	// reportExec: a failed exec goes to errPipe too, as the trace does not
	// show it (the seccomp filter leaves execve out). Otherwise the write
	// would be in the trace, after the failed execve.
	reportExec bool
	// noNewPrivs: exec under PR_SET_NO_NEW_PRIVS even without a filter,
	// so a set-user-ID program gets no privilege (a privileged stracedump's
	// rule, docs/security.md).
	noNewPrivs bool
	parent     int // the tracer's pid, which the child checks it still has

	// The child's setup as it walks it (launch_child.go), what it
	// restores its signal mask to, and, started by cloneStopped, its
	// stack. The child reads them until its exec, so the tracer keeps
	// them (tracer.launchSpec).
	child   childProg
	sigmask uint64
	stack   *childStack
}

// launchStep says which step of the child's setup failed.
type launchStep uint32

const (
	stepFiles launchStep = iota + 1
	stepCredentials
	stepDir
	stepLimit
	stepStop
	stepNoNewPrivs
	stepSeccomp
	stepExec
	stepSignalMask
)

func (s launchStep) String() string {
	switch s {
	case stepFiles:
		return "setting up stdin, stdout and stderr"
	case stepCredentials:
		return "setting the user and groups"
	case stepDir:
		return "changing directory"
	case stepLimit:
		return "restoring the limit on open files"
	case stepStop:
		return "stopping for the tracer"
	case stepNoNewPrivs:
		return "prctl(PR_SET_NO_NEW_PRIVS)"
	case stepSeccomp:
		return "installing the seccomp filter"
	case stepExec:
		return "exec"
	case stepSignalMask:
		return "restoring the signal mask"
	}
	return fmt.Sprintf("step %d", uint32(s))
}

// newLaunchSpec prepares the child's arguments.
func newLaunchSpec(path string, argv, env []string, dir string, files [3]*os.File, cred *syscall.Credential, prog []unix.SockFilter) (*launchSpec, error) {
	s := &launchSpec{cred: cred, errPipe: -1}
	var err error
	if s.path, err = syscall.BytePtrFromString(path); err != nil {
		return nil, err
	}
	if dir != "" {
		if s.dir, err = syscall.BytePtrFromString(dir); err != nil {
			return nil, err
		}
	}
	if s.argv, err = syscall.SlicePtrFromStrings(argv); err != nil {
		return nil, err
	}
	if s.envv, err = syscall.SlicePtrFromStrings(env); err != nil {
		return nil, err
	}
	for i, f := range files {
		s.files[i] = int(f.Fd())
	}
	if cred != nil {
		s.groups = cred.Groups
	}
	if len(prog) > 0 {
		s.prog = &unix.SockFprog{Len: uint16(len(prog)), Filter: &prog[0]}
	}
	// Go raised the soft limit for itself when it could (package syscall's
	// init); the command gets the one we were started with.
	if lim, ok := nofile.AtStart(); ok {
		var now unix.Rlimit
		if unix.Getrlimit(unix.RLIMIT_NOFILE, &now) == nil && (now.Cur != lim.Cur || now.Max != lim.Max) {
			s.nofile = &lim
		}
	}
	return s, nil
}

// launchByFork makes every launch take forkChild's way, which otherwise
// only launches that change the user take, and those on kernels or
// architectures where cloneStopped cannot start the child. Tests set it,
// to check that way too.
var launchByFork = false

// forkStopped starts the child that runs spec and returns its pid; the
// child stops itself with SIGSTOP before its seccomp filter and exec.
// A failure of the child's setup comes back on the pipe whose read end
// it returns: see readLaunchFailure.
func forkStopped(spec *launchSpec) (pid, report int, cloned bool, err error) {
	var p [2]int
	if err := unix.Pipe2(p[:], unix.O_CLOEXEC); err != nil {
		return 0, -1, false, err
	}
	spec.errPipe = p[1]
	// No descriptor is created without close-on-exec while we fork.
	syscall.ForkLock.Lock()
	r, errno := uintptr(0), syscall.ENOSYS
	if !launchByFork {
		r, errno = cloneStopped(spec)
	}
	cloned = errno == 0
	if !cloned {
		r, errno = forkChild(spec)
	}
	syscall.ForkLock.Unlock()
	unix.Close(p[1])
	if errno != 0 {
		unix.Close(p[0])
		return 0, -1, false, errno
	}
	return int(r), p[0], cloned, nil
}

// readLaunchFailure reads what the child reported: the step of its setup
// that failed and its errno. ok is false when it reported nothing: it
// exec'd (which closed the pipe) or died, or, unless wait, it has not
// reported yet.
func readLaunchFailure(fd int, wait bool) (step launchStep, errno syscall.Errno, ok bool) {
	if !wait {
		pfd := []unix.PollFd{{Fd: int32(fd), Events: unix.POLLIN}}
		if n, err := unix.Poll(pfd, 0); err != nil || n == 0 {
			return 0, 0, false
		}
	}
	var b [8]byte
	n, err := unix.Read(fd, b[:])
	for err == unix.EINTR {
		n, err = unix.Read(fd, b[:])
	}
	if n != len(b) {
		return 0, 0, false
	}
	return launchStep(binary.NativeEndian.Uint32(b[:])), syscall.Errno(binary.NativeEndian.Uint32(b[4:])), true
}

// forkChild forks; the child walks spec's setup (runChild) and never
// returns. The fork copies this whole process, page tables and all, and
// every page either side writes before the child's exec is copied again:
// the launch uses it only when cloneStopped cannot start the child.
//
//go:norace
//go:nocheckptr
//go:noinline
func forkChild(s *launchSpec) (pid uintptr, err syscall.Errno) {
	s.child = s.childProgram(false)
	runtimeBeforeFork()
	// A plain fork, not a vfork: the parent must go on to seize the
	// child while the child waits, stopped, before its exec.
	r1, _, e1 := syscall.RawSyscall6(syscall.SYS_CLONE, uintptr(syscall.SIGCHLD), 0, 0, 0, 0, 0)
	if e1 != 0 || r1 != 0 {
		runtimeAfterFork()
		return r1, e1
	}
	// The child: signal handlers reset, signal mask restored.
	runtimeAfterForkInChild()
	runChild(&s.child)
	return 0, 0
}

// cloneArgs is struct clone_args (include/uapi/linux/sched.h), with the
// fields cloneStopped leaves zero unnamed.
type cloneArgs struct {
	flags                        uint64
	_                            [3]uint64 // pidfd, child_tid, parent_tid
	exitSignal, stack, stackSize uint64
	_                            [4]uint64 // tls, set_tid, set_tid_size, cgroup
}

// cloneStopped starts the child of spec the way vfork would, in our
// memory, but without suspending us until its exec: the child has a
// stack of its own, and its setup runs in assembly (clone3Run). No page
// tables are copied and no page is copied on write, which a fork of a Go
// process pays for in milliseconds (docs/performance.md). clone3 resets
// the child's copy of our signal handlers (CLONE_CLEAR_SIGHAND), so until
// its exec no Go handler can run in it; it starts with every signal
// blocked (runtimeBeforeFork) and restores this thread's mask first.
//
// Not for a child that changes its user: a process sharing our memory
// that changes ids or dumpability changes our memory's dumpability too;
// such a launch gets EPERM without a try. Otherwise the errno is
// clone3's: ENOSYS on kernels before 5.3 (or under a seccomp policy that
// refuses it) and on every architecture without clone3Run's assembly,
// EINVAL before 5.5.
//
//go:norace
//go:nocheckptr
//go:noinline
func cloneStopped(s *launchSpec) (pid uintptr, err syscall.Errno) {
	if s.cred != nil {
		return 0, syscall.EPERM
	}
	// The mask to restore: this thread's, which the Go runtime set to the
	// one we were started with, less the few signals it never lets a
	// thread block (SIGSEGV and its like; the forked child restores those
	// too, as os/exec's does, from the runtime's own record of the mask).
	if _, _, e1 := syscall.RawSyscall6(syscall.SYS_RT_SIGPROCMASK, unix.SIG_BLOCK, 0, uintptr(unsafe.Pointer(&s.sigmask)), unsafe.Sizeof(s.sigmask), 0, 0); e1 != 0 {
		return 0, e1
	}
	s.child = s.childProgram(true)
	s.stack = new(childStack)
	args := cloneArgs{
		flags:      unix.CLONE_VM | unix.CLONE_CLEAR_SIGHAND,
		exitSignal: uint64(syscall.SIGCHLD),
		stack:      uint64(uintptr(unsafe.Pointer(s.stack))),
		stackSize:  uint64(unsafe.Sizeof(*s.stack)),
	}
	runtimeBeforeFork()
	r1, e1 := clone3Run(&args, unsafe.Sizeof(args), &s.child)
	runtimeAfterFork()
	return r1, syscall.Errno(e1)
}

// childStack is the stack of cloneStopped's child. Its setup takes none
// (no calls, and no signal handler can run in it), so it is small.
type childStack [512]uint64

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
	pid, report, cloned, err := forkStopped(spec)
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
	t.launchReport, t.launchFiles, t.launchPath, t.launchSpec = report, files, path, spec
	t.launchedPid, t.hiddenPid = pid, pid
	t.stats.Launched, t.stats.Cloned = true, cloned
	t.threads[pid] = &thread{tid: pid, pid: pid, hidden: true, arch: t.hostAudit, src: memSource{tid: pid, fds: t.fdCacheOf(pid, true), socks: t.socks, pages: t.pages, urings: t.urings, pid: pid}}
	// The child resumes from its SIGSTOP and execs the command.
	if err := syscall.Kill(pid, syscall.SIGCONT); err != nil {
		return &Error{PID: pid, Op: "resume launched", Err: err}
	}
	return nil
}

// keptLaunches are the setups of launched children that shared our memory
// and outlived their trace (DetachOnStop). One still before its exec reads
// its setup from our memory, so it must never be freed.
var keptLaunches struct {
	sync.Mutex
	specs []*launchSpec
}

// keepLaunchSpec keeps the launched child's setup for as long as this
// process lives, when the child shares our memory and lives on after the
// trace: it may not have exec'd yet.
func (t *tracer) keepLaunchSpec() {
	if !t.stats.Cloned || syscall.Kill(t.launchedPid, 0) != nil {
		return
	}
	keptLaunches.Lock()
	keptLaunches.specs = append(keptLaunches.specs, t.launchSpec)
	keptLaunches.Unlock()
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
