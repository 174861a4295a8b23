//go:build !386 && !arm

package tracer

import "syscall"

// The system calls that set the user and groups with 32-bit ids.
const (
	sysSetgroups = syscall.SYS_SETGROUPS
	sysSetgid    = syscall.SYS_SETGID
	sysSetuid    = syscall.SYS_SETUID
)
