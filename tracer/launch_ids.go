//go:build !386 && !arm

package tracer

import "syscall"

// The system calls that set the user and groups (real, effective and
// saved ids at once) with 32-bit ids.
const (
	sysSetgroups = syscall.SYS_SETGROUPS
	sysSetresgid = syscall.SYS_SETRESGID
	sysSetresuid = syscall.SYS_SETRESUID
)
