package decoder

// straceArgName is the name strace's -N (--arg-names, strace 6.16 and
// later) prints for argument arg of call: the description's name, the
// man page's, except where strace names it otherwise. strace names an
// argument by the decoder it shares with other calls, so some of its
// names are another call's (setgid's uid, unlink's path); these are as
// strace 7.2 prints them (decoder/testdata/strace-arg-names.txt).
func straceArgName(call, arg string) string {
	switch call + " " + arg {
	case "fcntl cmd", "fcntl64 cmd", "ioctl request", "flock operation", "arch_prctl code", "prctl option":
		return "op"
	case "kill sig", "tkill sig", "tgkill sig", "rt_sigqueueinfo sig", "rt_tgsigqueueinfo sig", "pidfd_send_signal sig":
		return "signum"
	case "rt_sigsuspend mask", "sigsuspend mask":
		return "set"
	case "rt_sigreturn frame":
		return "sigmask"
	case "set_robust_list head":
		return "addr"
	case "set_robust_list len":
		return "length"
	case "clock_getres res", "clock_getres_time64 res":
		return "tp"
	case "statfs path", "statfs64 path":
		return "pathname"
	case "wait4 wstatus":
		return "status"
	case "wait4 rusage":
		return "usage"
	case "mq_open oflag":
		return "flags"
	case "mq_unlink name", "rmdir pathname", "unlink pathname":
		return "path"
	case "symlink target":
		return "oldpath"
	case "symlink linkpath":
		return "newpath"
	case "setgid gid", "setgid32 gid":
		return "uid"
	case "setfsgid fsgid", "setfsgid32 fsgid":
		return "fsuid"
	case "setregid rgid", "setregid32 rgid", "setresgid rgid", "setresgid32 rgid", "getresgid rgid", "getresgid32 rgid":
		return "ruid"
	case "setregid egid", "setregid32 egid", "setresgid egid", "setresgid32 egid", "getresgid egid", "getresgid32 egid":
		return "euid"
	case "setresgid sgid", "setresgid32 sgid", "getresgid sgid", "getresgid32 sgid":
		return "suid"
	}
	return arg
}
