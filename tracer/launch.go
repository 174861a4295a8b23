package tracer

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"syscall"
	"unsafe"

	"golang.org/x/sys/unix"

	"github.com/stracedump/stracedump/decoder"
	"github.com/stracedump/stracedump/tracer/internal/nofile"
)

// A launched command starts as a child forked from the tracing thread. It
// stops itself before it execs, so the tracer can seize it and see the
// execve; once seized and continued it installs the seccomp filter, if
// any, and execs the command. This is what strace's C launcher does. The
// child is forked, not re-executed: a second Go program started for the
// purpose (the way it was done before) cost a whole Go process start,
// which the traced command waited for.

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

// forkStopped forks the child that runs spec and returns its pid; the
// child stops itself with SIGSTOP before its seccomp filter and exec.
// A failure of the child's setup comes back on the pipe whose read end
// it returns: see readLaunchFailure.
func forkStopped(spec *launchSpec) (pid, report int, err error) {
	var p [2]int
	if err := unix.Pipe2(p[:], unix.O_CLOEXEC); err != nil {
		return 0, -1, err
	}
	spec.errPipe = p[1]
	// No descriptor is created without close-on-exec while we fork.
	syscall.ForkLock.Lock()
	r, errno := forkChild(spec)
	syscall.ForkLock.Unlock()
	unix.Close(p[1])
	if errno != 0 {
		unix.Close(p[0])
		return 0, -1, errno
	}
	return int(r), p[0], nil
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

// forkChild forks; the child runs spec and never returns. Between the
// fork and the exec, the child may only make raw system calls: it is a
// copy of this process with one thread, and the Go runtime in it must
// not run (no allocation, no stack growth, no scheduling). So every
// variable is declared before the fork and nothing after it calls
// anything but RawSyscall6 (nosplit) and the runtime's child hook.
//
//go:norace
//go:nocheckptr
//go:noinline
func forkChild(s *launchSpec) (pid uintptr, err syscall.Errno) {
	var (
		r1     uintptr
		e1     syscall.Errno
		step   launchStep
		i      int
		nextfd int
		fd     [3]int
		pipe   int
		report [2]uint32
	)
	fd = s.files
	pipe = s.errPipe
	// Descriptors moved out of the way go above every one in use.
	nextfd = pipe
	for i = 0; i < len(fd); i++ {
		nextfd = max(nextfd, fd[i])
	}
	nextfd++

	runtimeBeforeFork()
	// A plain fork, not a vfork: the parent must go on to seize the
	// child while the child waits, stopped, before its exec.
	r1, _, e1 = syscall.RawSyscall6(syscall.SYS_CLONE, uintptr(syscall.SIGCHLD), 0, 0, 0, 0, 0)
	if e1 != 0 || r1 != 0 {
		runtimeAfterFork()
		return r1, e1
	}

	// The child.
	runtimeAfterForkInChild()

	// Files, as os.StartProcess sets them up: first move any that a dup
	// onto 0, 1 or 2 would overwrite out of the way, then dup each onto
	// its number (the copy is not close-on-exec).
	step = stepFiles
	if pipe < len(fd) {
		if _, _, e1 = syscall.RawSyscall6(syscall.SYS_DUP3, uintptr(pipe), uintptr(nextfd), syscall.O_CLOEXEC, 0, 0, 0); e1 != 0 {
			goto fail
		}
		pipe = nextfd
		nextfd++
	}
	for i = 0; i < len(fd); i++ {
		if fd[i] < i {
			if _, _, e1 = syscall.RawSyscall6(syscall.SYS_DUP3, uintptr(fd[i]), uintptr(nextfd), syscall.O_CLOEXEC, 0, 0, 0); e1 != 0 {
				goto fail
			}
			fd[i] = nextfd
			nextfd++
		}
	}
	for i = 0; i < len(fd); i++ {
		if fd[i] == i {
			if _, _, e1 = syscall.RawSyscall6(syscall.SYS_FCNTL, uintptr(i), syscall.F_SETFD, 0, 0, 0, 0); e1 != 0 {
				goto fail
			}
			continue
		}
		if _, _, e1 = syscall.RawSyscall6(syscall.SYS_DUP3, uintptr(fd[i]), uintptr(i), 0, 0, 0, 0); e1 != 0 {
			goto fail
		}
	}

	// The user, as os.StartProcess sets it: groups, group, user.
	if s.cred != nil {
		step = stepCredentials
		if !s.cred.NoSetGroups {
			r1 = 0
			if len(s.groups) > 0 {
				r1 = uintptr(unsafe.Pointer(&s.groups[0]))
			}
			if _, _, e1 = syscall.RawSyscall6(sysSetgroups, uintptr(len(s.groups)), r1, 0, 0, 0, 0); e1 != 0 {
				goto fail
			}
		}
		// All three ids: an unprivileged setgid would leave a set-group-ID
		// stracedump's saved group behind.
		if _, _, e1 = syscall.RawSyscall6(sysSetresgid, uintptr(s.cred.Gid), uintptr(s.cred.Gid), uintptr(s.cred.Gid), 0, 0, 0); e1 != 0 {
			goto fail
		}
		if _, _, e1 = syscall.RawSyscall6(sysSetresuid, uintptr(s.cred.Uid), uintptr(s.cred.Uid), uintptr(s.cred.Uid), 0, 0, 0); e1 != 0 {
			goto fail
		}
		// Dropping a privileged stracedump's borrowed ids made us
		// undumpable, which a tracer holding no CAP_SYS_PTRACE (a
		// set-group-ID one) may not seize; we hold nothing now, and the
		// exec decides again by the program's own ids.
		if s.noNewPrivs {
			if _, _, e1 = syscall.RawSyscall6(syscall.SYS_PRCTL, unix.PR_SET_DUMPABLE, 1, 0, 0, 0, 0); e1 != 0 {
				goto fail
			}
		}
	}
	if s.dir != nil {
		step = stepDir
		if _, _, e1 = syscall.RawSyscall6(syscall.SYS_CHDIR, uintptr(unsafe.Pointer(s.dir)), 0, 0, 0, 0, 0); e1 != 0 {
			goto fail
		}
	}
	if s.nofile != nil {
		step = stepLimit
		if _, _, e1 = syscall.RawSyscall6(syscall.SYS_PRLIMIT64, 0, syscall.RLIMIT_NOFILE, uintptr(unsafe.Pointer(s.nofile)), 0, 0, 0); e1 != 0 {
			goto fail
		}
	}

	// Wait for the tracer. Should it die before it seizes us, we die too
	// rather than wait stopped forever with its parent's stdout open; it
	// may have died already, leaving us another parent.
	step = stepStop
	if _, _, e1 = syscall.RawSyscall6(syscall.SYS_PRCTL, unix.PR_SET_PDEATHSIG, uintptr(syscall.SIGKILL), 0, 0, 0, 0); e1 != 0 {
		goto fail
	}
	r1, _, _ = syscall.RawSyscall6(syscall.SYS_GETPPID, 0, 0, 0, 0, 0, 0)
	if int(r1) != s.parent {
		goto fail
	}
	r1, _, _ = syscall.RawSyscall6(syscall.SYS_GETPID, 0, 0, 0, 0, 0, 0)
	if _, _, e1 = syscall.RawSyscall6(syscall.SYS_KILL, r1, uintptr(syscall.SIGSTOP), 0, 0, 0, 0); e1 != 0 {
		goto fail
	}

	// Seized now: the tracer's death is ptrace's business from here on
	// (PTRACE_O_EXITKILL, or a detach that lets the command run on).
	if _, _, e1 = syscall.RawSyscall6(syscall.SYS_PRCTL, unix.PR_SET_PDEATHSIG, 0, 0, 0, 0, 0); e1 != 0 {
		goto fail
	}
	// A TRACE verdict finds its tracer. Without no_new_privs an
	// unprivileged process may not install a filter; it also keeps a
	// setuid program from running with it.
	if s.prog != nil || s.noNewPrivs {
		step = stepNoNewPrivs
		if _, _, e1 = syscall.RawSyscall6(syscall.SYS_PRCTL, unix.PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0, 0); e1 != 0 {
			goto fail
		}
	}
	if s.prog != nil {
		step = stepSeccomp
		if _, _, e1 = syscall.RawSyscall6(unix.SYS_SECCOMP, unix.SECCOMP_SET_MODE_FILTER, 0, uintptr(unsafe.Pointer(s.prog)), 0, 0, 0); e1 != 0 {
			goto fail
		}
	}
	step = stepExec
	_, _, e1 = syscall.RawSyscall6(syscall.SYS_EXECVE, uintptr(unsafe.Pointer(s.path)),
		uintptr(unsafe.Pointer(&s.argv[0])), uintptr(unsafe.Pointer(&s.envv[0])), 0, 0, 0)

fail:
	if step != stepExec || s.reportExec {
		report[0], report[1] = uint32(step), uint32(e1)
		syscall.RawSyscall6(syscall.SYS_WRITE, uintptr(pipe), uintptr(unsafe.Pointer(&report)), unsafe.Sizeof(report), 0, 0, 0)
	}
	for {
		syscall.RawSyscall6(syscall.SYS_EXIT_GROUP, 127, 0, 0, 0, 0, 0)
	}
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
	t.threads[pid] = &thread{tid: pid, pid: pid, hidden: true, arch: t.hostAudit, src: memSource{tid: pid, fds: t.fdCacheOf(pid, true), socks: t.socks, pages: t.pages, urings: t.urings, pid: pid}}
	// The child resumes from its SIGSTOP and execs the command.
	if err := syscall.Kill(pid, syscall.SIGCONT); err != nil {
		return &Error{PID: pid, Op: "resume launched", Err: err}
	}
	return nil
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
