//go:build 386 || arm

package tracer

import "syscall"

// The system calls that set the user and groups with 32-bit ids: the
// plain ones take 16-bit ids on these arches.
const (
	sysSetgroups = syscall.SYS_SETGROUPS32
	sysSetgid    = syscall.SYS_SETGID32
	sysSetuid    = syscall.SYS_SETUID32
)
