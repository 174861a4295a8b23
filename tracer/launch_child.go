package tracer

import (
	"syscall"
	"unsafe"

	"golang.org/x/sys/unix"
)

// The launched child's setup, from its start to its exec, is a list of
// system calls planned before it starts (childProgram). The child may not
// run the Go runtime, so it only walks the list: runChild in Go in a
// forked child, the assembly of cloneStopped in a child that shares our
// memory. One plan, so both children set up the same way.

// childOp is one system call of the child's setup.
type childOp struct {
	nr    uintptr
	args  [6]uintptr
	flags uintptr
	want  uintptr // with opWant, the result the call must return
	// report is the descriptor a failure goes to as (step, errno); -1 for
	// none. It changes when the setup moves the pipe out of the way.
	report uintptr
	step   uintptr // the launchStep a failure reports
}

const (
	opArg0FromLast = 1 << iota // args[0] is the previous call's result
	opWant                     // fail, with errno 0, unless the result is want
)

// childProg is the setup as the child walks it; failure reports are
// written from it, so the child needs nothing but it and its stack.
type childProg struct {
	ops    *childOp
	n      uintptr
	report [2]uint32 // the failing step and errno, as written to the pipe
}

// childProgram plans the setup for spec: the files and user as
// os.StartProcess sets them up, the directory, the limit on open files,
// the stop for the tracer, then the seccomp filter and the exec. withMask
// restores spec.sigmask first, for a child that starts with every signal
// blocked and nobody to restore them (cloneStopped's).
func (s *launchSpec) childProgram(withMask bool) childProg {
	var ops []childOp
	pipe := uintptr(s.errPipe)
	add := func(step launchStep, nr uintptr, args ...uintptr) *childOp {
		op := childOp{nr: nr, report: pipe, step: uintptr(step)}
		copy(op.args[:], args)
		ops = append(ops, op)
		return &ops[len(ops)-1]
	}
	if withMask {
		add(stepSignalMask, syscall.SYS_RT_SIGPROCMASK, unix.SIG_SETMASK, uintptr(unsafe.Pointer(&s.sigmask)), 0, unsafe.Sizeof(s.sigmask))
	}

	// Files: first move any that a dup onto 0, 1 or 2 would overwrite out
	// of the way, above every descriptor in use, then dup each onto its
	// number (the copy is not close-on-exec).
	fd := s.files
	next := s.errPipe
	for _, f := range fd {
		next = max(next, f)
	}
	next++
	if s.errPipe < len(fd) {
		add(stepFiles, syscall.SYS_DUP3, pipe, uintptr(next), syscall.O_CLOEXEC)
		pipe = uintptr(next)
		next++
	}
	for i := range fd {
		if fd[i] < i {
			add(stepFiles, syscall.SYS_DUP3, uintptr(fd[i]), uintptr(next), syscall.O_CLOEXEC)
			fd[i] = next
			next++
		}
	}
	for i := range fd {
		if fd[i] == i {
			add(stepFiles, syscall.SYS_FCNTL, uintptr(i), syscall.F_SETFD, 0)
		} else {
			add(stepFiles, syscall.SYS_DUP3, uintptr(fd[i]), uintptr(i), 0)
		}
	}

	// The user: groups, group, user.
	if s.cred != nil {
		if !s.cred.NoSetGroups {
			var groups uintptr
			if len(s.groups) > 0 {
				groups = uintptr(unsafe.Pointer(&s.groups[0]))
			}
			add(stepCredentials, sysSetgroups, uintptr(len(s.groups)), groups)
		}
		// All three ids: an unprivileged setgid would leave a set-group-ID
		// stracedump's saved group behind.
		add(stepCredentials, sysSetresgid, uintptr(s.cred.Gid), uintptr(s.cred.Gid), uintptr(s.cred.Gid))
		add(stepCredentials, sysSetresuid, uintptr(s.cred.Uid), uintptr(s.cred.Uid), uintptr(s.cred.Uid))
		// Dropping a privileged stracedump's borrowed ids made us
		// undumpable, which a tracer holding no CAP_SYS_PTRACE (a
		// set-group-ID one) may not seize; we hold nothing now, and the
		// exec decides again by the program's own ids.
		if s.noNewPrivs {
			add(stepCredentials, syscall.SYS_PRCTL, unix.PR_SET_DUMPABLE, 1)
		}
	}
	if s.dir != nil {
		add(stepDir, syscall.SYS_CHDIR, uintptr(unsafe.Pointer(s.dir)))
	}
	if s.nofile != nil {
		add(stepLimit, syscall.SYS_PRLIMIT64, 0, syscall.RLIMIT_NOFILE, uintptr(unsafe.Pointer(s.nofile)))
	}

	// Wait for the tracer. Should it die before it seizes us, we die too
	// rather than wait stopped forever with its parent's stdout open; it
	// may have died already, leaving us another parent.
	add(stepStop, syscall.SYS_PRCTL, unix.PR_SET_PDEATHSIG, uintptr(syscall.SIGKILL))
	ppid := add(stepStop, syscall.SYS_GETPPID)
	ppid.flags, ppid.want = opWant, uintptr(s.parent)
	add(stepStop, syscall.SYS_GETPID)
	add(stepStop, syscall.SYS_KILL, 0, uintptr(syscall.SIGSTOP)).flags = opArg0FromLast

	// Seized now: the tracer's death is ptrace's business from here on
	// (PTRACE_O_EXITKILL, or a detach that lets the command run on).
	add(stepStop, syscall.SYS_PRCTL, unix.PR_SET_PDEATHSIG, 0)
	// A TRACE verdict finds its tracer. Without no_new_privs an
	// unprivileged process may not install a filter; it also keeps a
	// setuid program from running with it.
	if s.prog != nil || s.noNewPrivs {
		add(stepNoNewPrivs, syscall.SYS_PRCTL, unix.PR_SET_NO_NEW_PRIVS, 1)
	}
	if s.prog != nil {
		add(stepSeccomp, unix.SYS_SECCOMP, unix.SECCOMP_SET_MODE_FILTER, 0, uintptr(unsafe.Pointer(s.prog)))
	}
	exec := add(stepExec, syscall.SYS_EXECVE, uintptr(unsafe.Pointer(s.path)),
		uintptr(unsafe.Pointer(&s.argv[0])), uintptr(unsafe.Pointer(&s.envv[0])))
	if !s.reportExec {
		// The trace shows the failed execve; a write after it would be
		// in the trace too.
		exec.report = ^uintptr(0)
	}
	// The pointer keeps the list alive for as long as the program is.
	return childProg{ops: &ops[0], n: uintptr(len(ops))}
}

// runChild walks the setup in a forked child and never returns: when a
// call fails, or the exec returns, the child reports and exits with
// status 127. Only raw system calls (nosplit) run here, no allocation,
// no stack growth: the child is a copy of this process whose runtime
// must not run.
//
//go:norace
//go:nocheckptr
//go:nosplit
func runChild(p *childProg) {
	var (
		last, r1 uintptr
		e1       syscall.Errno
		op       *childOp
		a0       uintptr
	)
	for i := uintptr(0); i < p.n; i++ {
		op = (*childOp)(unsafe.Add(unsafe.Pointer(p.ops), i*unsafe.Sizeof(*op)))
		a0 = op.args[0]
		if op.flags&opArg0FromLast != 0 {
			a0 = last
		}
		r1, _, e1 = syscall.RawSyscall6(op.nr, a0, op.args[1], op.args[2], op.args[3], op.args[4], op.args[5])
		if e1 != 0 || op.flags&opWant != 0 && r1 != op.want {
			goto fail // errno 0 for a wrong result
		}
		last = r1
	}
	op = nil
fail:
	if op != nil && op.report != ^uintptr(0) {
		p.report[0], p.report[1] = uint32(op.step), uint32(e1)
		syscall.RawSyscall6(syscall.SYS_WRITE, op.report, uintptr(unsafe.Pointer(&p.report)), unsafe.Sizeof(p.report), 0, 0, 0)
	}
	for {
		syscall.RawSyscall6(syscall.SYS_EXIT_GROUP, 127, 0, 0, 0, 0, 0)
	}
}
