package decoder

import (
	"math/bits"
	"strconv"
	"strings"
)

// Signal numbers of x86_64, i386 and aarch64 (include/uapi/asm-generic/signal.h
// and arch/x86/include/uapi/asm/signal.h agree), in strace's spelling.
var signalNames = [...]string{
	1: "SIGHUP", 2: "SIGINT", 3: "SIGQUIT", 4: "SIGILL", 5: "SIGTRAP",
	6: "SIGABRT", 7: "SIGBUS", 8: "SIGFPE", 9: "SIGKILL", 10: "SIGUSR1",
	11: "SIGSEGV", 12: "SIGUSR2", 13: "SIGPIPE", 14: "SIGALRM", 15: "SIGTERM",
	16: "SIGSTKFLT", 17: "SIGCHLD", 18: "SIGCONT", 19: "SIGSTOP", 20: "SIGTSTP",
	21: "SIGTTIN", 22: "SIGTTOU", 23: "SIGURG", 24: "SIGXCPU", 25: "SIGXFSZ",
	26: "SIGVTALRM", 27: "SIGPROF", 28: "SIGWINCH", 29: "SIGIO", 30: "SIGPWR",
	31: "SIGSYS",
	// The kernel's real-time range starts at 32, although glibc keeps 32
	// and 33 for itself and calls 34 SIGRTMIN: strace names them from the
	// kernel's view, so glibc's SIGRTMIN+2 (36) prints as SIGRT_4.
	32: "SIGRTMIN",
}

// Kernel real-time signal range (SIGRTMIN is 32 on every Linux arch since
// 3.18; _NSIG is 64 on the arches here).
const (
	sigRTMin = 32
	sigRTMax = 64
)

// SignalName returns strace's name of signal n: "SIGHUP".."SIGSYS" for
// 1..31, "SIGRTMIN" for 32, "SIGRT_1".."SIGRT_32" for 33..64, "" for the
// rest (strace prints those, and 0, as a number: see SignalString).
func SignalName(n int) string {
	switch {
	case n > 0 && n < len(signalNames):
		return signalNames[n]
	case n > sigRTMin && n <= sigRTMax:
		return "SIGRT_" + strconv.Itoa(n-sigRTMin)
	}
	return ""
}

// SignalString is signal n as strace prints it in arguments (kill's
// second argument, siginfo's si_signo): its name, or the decimal number
// when it has none ("0" for kill(pid, 0)).
func SignalString(n int) string {
	if s := SignalName(n); s != "" {
		return s
	}
	return strconv.Itoa(n)
}

// SignalByName returns the number of a signal named as strace's
// -e signal= accepts it: a decimal number up to 255, or a name with or
// without "SIG", in any case ("SIGTERM", "term", "RTMIN", "SIGRT_3").
func SignalByName(name string) (int, bool) {
	if name == "" {
		return 0, false
	}
	if name[0] >= '0' && name[0] <= '9' {
		n, err := strconv.Atoi(name)
		if err != nil || n > 255 {
			return 0, false
		}
		return n, true
	}
	if len(name) >= 3 && strings.EqualFold(name[:3], "SIG") {
		name = name[3:]
	}
	for n := 1; n <= sigRTMax; n++ {
		if strings.EqualFold(SignalName(n)[3:], name) {
			return n, true
		}
	}
	return 0, false
}

// sigsetMemberName is signal n as a member of a printed sigset: its name
// without "SIG" ("HUP", "RTMIN", "RT_1"), or "" when it has none (strace
// then prints nothing for it but the separator).
func sigsetMemberName(n int) string {
	if s := SignalName(n); s != "" {
		return s[3:]
	}
	return ""
}

// FormatSigset prints a signal set as strace does: "[HUP INT RTMIN RT_1]",
// "[]" when empty, and, when 2/3 or more of the bits are set, the
// complement with a "~" in front ("~[KILL STOP]"). Bit i of words[j] is
// signal 32*j+i+1; words holds the set as the tracee's kernel_sigset_t
// words, at most the first 8 bytes (strace never looks further).
func FormatSigset(words []uint32) string {
	if len(words) > 2 {
		words = words[:2]
	}
	set := 0
	for _, w := range words {
		set += bits.OnesCount32(w)
	}
	var b strings.Builder
	invert := uint32(0)
	if set >= len(words)*32*2/3 {
		invert = ^uint32(0)
		b.WriteByte('~')
	}
	sep := byte('[')
	for j, w := range words {
		w ^= invert
		for w != 0 {
			i := bits.TrailingZeros32(w)
			w &^= 1 << i
			b.WriteByte(sep)
			sep = ' '
			b.WriteString(sigsetMemberName(32*j + i + 1))
		}
	}
	if sep == '[' {
		b.WriteByte('[')
	}
	b.WriteByte(']')
	return b.String()
}

// siCodes are the si_code values every signal may carry
// (include/uapi/asm-generic/siginfo.h; x86 and arm64 use the generic
// numbering, unlike mips).
var siCodes = map[int]string{
	0:    "SI_USER",
	0x80: "SI_KERNEL",
	-1:   "SI_QUEUE",
	-2:   "SI_TIMER",
	-3:   "SI_MESGQ",
	-4:   "SI_ASYNCIO",
	-5:   "SI_SIGIO",
	-6:   "SI_TKILL",
	-7:   "SI_DETHREAD",
	-60:  "SI_ASYNCNL",
}

// signalCodes are the kernel-generated si_code values of particular
// signals (include/uapi/asm-generic/siginfo.h), as strace 6.1 names them.
var signalCodes = map[int]map[int]string{
	4: { // SIGILL
		1: "ILL_ILLOPC", 2: "ILL_ILLOPN", 3: "ILL_ILLADR", 4: "ILL_ILLTRP",
		5: "ILL_PRVOPC", 6: "ILL_PRVREG", 7: "ILL_COPROC", 8: "ILL_BADSTK",
	},
	5: { // SIGTRAP
		1: "TRAP_BRKPT", 2: "TRAP_TRACE", 3: "TRAP_BRANCH", 4: "TRAP_HWBKPT",
		5: "TRAP_UNK", 6: "TRAP_PERF",
	},
	7: { // SIGBUS
		1: "BUS_ADRALN", 2: "BUS_ADRERR", 3: "BUS_OBJERR",
		4: "BUS_MCEERR_AR", 5: "BUS_MCEERR_AO",
	},
	8: { // SIGFPE
		1: "FPE_INTDIV", 2: "FPE_INTOVF", 3: "FPE_FLTDIV", 4: "FPE_FLTOVF",
		5: "FPE_FLTUND", 6: "FPE_FLTRES", 7: "FPE_FLTINV", 8: "FPE_FLTSUB",
		14: "FPE_FLTUNK", 15: "FPE_CONDTRAP",
	},
	11: { // SIGSEGV
		1: "SEGV_MAPERR", 2: "SEGV_ACCERR", 3: "SEGV_BNDERR", 4: "SEGV_PKUERR",
		5: "SEGV_ACCADI", 6: "SEGV_ADIDERR", 7: "SEGV_ADIPERR",
		8: "SEGV_MTEAERR", 9: "SEGV_MTESERR",
		10: "SEGV_CPERR", // x86 shadow stack; named by strace after 6.1
	},
	17: { // SIGCHLD
		1: "CLD_EXITED", 2: "CLD_KILLED", 3: "CLD_DUMPED", 4: "CLD_TRAPPED",
		5: "CLD_STOPPED", 6: "CLD_CONTINUED",
	},
	29: { // SIGIO, alias SIGPOLL
		1: "POLL_IN", 2: "POLL_OUT", 3: "POLL_MSG", 4: "POLL_ERR",
		5: "POLL_PRI", 6: "POLL_HUP",
	},
	31: { // SIGSYS
		1: "SYS_SECCOMP", 2: "SYS_USER_DISPATCH",
	},
}

// SigCodeName returns the name strace prints for si_code code of signal
// signo: the generic SI_* names first, whatever the signal, then the
// signal's own (SEGV_MAPERR, CLD_EXITED, ...). It returns "" for a code
// without a name, which strace prints in hex ("%#x" of the code as a
// 32-bit unsigned value).
func SigCodeName(signo, code int) string {
	if s, ok := siCodes[code]; ok {
		return s
	}
	return signalCodes[signo][code]
}
