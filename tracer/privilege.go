package tracer

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"
)

// capSysPtrace is CAP_SYS_PTRACE's bit in /proc/PID/status's CapEff.
const capSysPtrace = 19

// guard holds the privilege model of docs/security.md. When stracedump
// holds privilege its caller does not (a set-user-ID or set-group-ID
// binary, or CAP_SYS_PTRACE from a file capability given to a user who is
// not root), the tracer traces only the caller's own processes: the
// kernel's ptrace checks would let the borrowed privilege read any
// process's memory, and let a traced setuid program keep its privileges.
type guard struct {
	on       bool
	uid, gid int    // the caller's real ids
	why      string // what privilege is borrowed, for messages
}

func newGuard() guard {
	uid, gid := unix.Getuid(), unix.Getgid()
	g := guard{uid: uid, gid: gid}
	switch {
	case unix.Geteuid() != uid:
		g.on, g.why = true, fmt.Sprintf("set-user-ID uid %d", unix.Geteuid())
	case unix.Getegid() != gid:
		g.on, g.why = true, fmt.Sprintf("set-group-ID gid %d", unix.Getegid())
	case uid != 0 && hasCap(os.Getpid(), capSysPtrace) && fileCapable():
		g.on, g.why = true, "CAP_SYS_PTRACE from a file capability"
	}
	return g
}

// fileCapable reports whether this binary carries file capabilities
// (setcap). Whether a caller also holds CAP_SYS_PTRACE itself cannot be
// told once the capped binary runs (exec clears the ambient set), so a
// capped binary run by a user other than root always keeps to the rules.
func fileCapable() bool {
	sz, err := unix.Getxattr("/proc/self/exe", "security.capability", nil)
	return err == nil && sz > 0
}

// hasCap reports whether pid's effective capabilities include bit.
func hasCap(pid, bit int) bool {
	b, err := readProc(procDir(pid) + "/status")
	if err != nil {
		return false
	}
	v, ok := statusField(b, "CapEff:")
	if !ok || len(v) == 0 {
		return false
	}
	n, err := strconv.ParseUint(v[0], 16, 64)
	return err == nil && n&(1<<bit) != 0
}

// mayTrace says whether the guard lets the tracer trace pid: with borrowed
// privilege, only a process whose every uid and gid are the caller's and
// that the kernel still counts as the caller's (its /proc directory is
// the caller's: a process that was set-user-ID, or made itself
// undumpable, belongs to root there).
func (g guard) mayTrace(pid int) error {
	if !g.on {
		return nil
	}
	b, err := readProc(procDir(pid) + "/status")
	if err != nil {
		return err
	}
	refuse := func(what string) error {
		return fmt.Errorf("%s; stracedump runs with %s, so it traces only its caller's (uid %d) own processes (docs/security.md)", what, g.why, g.uid)
	}
	for _, f := range []struct {
		key  string
		want int
	}{{"Uid:", g.uid}, {"Gid:", g.gid}} {
		ids, _ := statusField(b, f.key)
		for _, id := range ids {
			if id != strconv.Itoa(f.want) {
				return refuse(fmt.Sprintf("it runs as %s %s", strings.ToLower(strings.TrimSuffix(f.key, ":")), strings.Join(ids, "/")))
			}
		}
	}
	fi, err := os.Stat(procDir(pid))
	if err != nil {
		return err
	}
	if st, ok := fi.Sys().(*syscall.Stat_t); ok && int(st.Uid) != g.uid {
		return refuse("it is not dumpable")
	}
	return nil
}
