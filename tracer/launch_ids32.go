//go:build 386 || arm

package tracer

import "syscall"

// The system calls that set the user and groups (real, effective and
// saved ids at once) with 32-bit ids: the plain ones take 16-bit ids on
// these arches.
const (
	sysSetgroups = syscall.SYS_SETGROUPS32
	sysSetresgid = syscall.SYS_SETRESGID32
	sysSetresuid = syscall.SYS_SETRESUID32
)
