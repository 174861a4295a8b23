//go:build !amd64

package tracer

import "syscall"

// clone3Run has no assembly here: the launch forks (see cloneStopped).
func clone3Run(*cloneArgs, uintptr, *childProg) (pid uintptr, errno uintptr) {
	return 0, uintptr(syscall.ENOSYS)
}
