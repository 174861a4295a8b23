package decoder

import (
	"fmt"
	"os/exec"
	"regexp"
	"strings"
	"testing"
)

func TestSignalNames(t *testing.T) {
	tests := []struct {
		n    int
		name string
	}{
		{1, "SIGHUP"}, {2, "SIGINT"}, {6, "SIGABRT"}, {9, "SIGKILL"}, {11, "SIGSEGV"},
		{16, "SIGSTKFLT"}, {17, "SIGCHLD"}, {19, "SIGSTOP"}, {23, "SIGURG"},
		{29, "SIGIO"}, {30, "SIGPWR"}, {31, "SIGSYS"},
		{32, "SIGRTMIN"}, {33, "SIGRT_1"}, {34, "SIGRT_2"}, {64, "SIGRT_32"},
		{0, ""}, {-1, ""}, {65, ""},
	}
	for _, tt := range tests {
		if got := SignalName(tt.n); got != tt.name {
			t.Errorf("SignalName(%d) = %q, want %q", tt.n, got, tt.name)
		}
		if tt.name == "" {
			if got, want := SignalString(tt.n), fmt.Sprint(tt.n); got != want {
				t.Errorf("SignalString(%d) = %q, want %q", tt.n, got, want)
			}
			continue
		}
		if got := SignalString(tt.n); got != tt.name {
			t.Errorf("SignalString(%d) = %q, want %q", tt.n, got, tt.name)
		}
		for _, spelling := range []string{tt.name, tt.name[3:], strings.ToLower(tt.name)} {
			if n, ok := SignalByName(spelling); !ok || n != tt.n {
				t.Errorf("SignalByName(%q) = %d, %v; want %d", spelling, n, ok, tt.n)
			}
		}
	}
	for spelling, want := range map[string]int{"15": 15, "0": 0, "255": 255} {
		if n, ok := SignalByName(spelling); !ok || n != want {
			t.Errorf("SignalByName(%q) = %d, %v; want %d", spelling, n, ok, want)
		}
	}
	for _, spelling := range []string{"", "SIG", "256", "SIGRT_33", "RTMAX", "SIGIOT", "9x"} {
		if n, ok := SignalByName(spelling); ok {
			t.Errorf("SignalByName(%q) = %d, want none", spelling, n)
		}
	}
}

// sigset builds kernel sigset words from signal numbers.
func sigset(sigs ...int) []uint32 {
	w := make([]uint32, 2)
	for _, s := range sigs {
		w[(s-1)/32] |= 1 << ((s - 1) % 32)
	}
	return w
}

func sigRange(from, to int, except ...int) []int {
	var s []int
	for i := from; i <= to; i++ {
		skip := false
		for _, e := range except {
			skip = skip || e == i
		}
		if !skip {
			s = append(s, i)
		}
	}
	return s
}

func TestFormatSigset(t *testing.T) {
	tests := []struct {
		words []uint32
		want  string
	}{
		{sigset(), "[]"},
		{sigset(1, 2, 34, 64), "[HUP INT RT_2 RT_32]"},
		{sigset(sigRange(1, 64, 32, 33)...), "~[RTMIN RT_1]"},
		{sigset(sigRange(1, 64)...), "~[]"},
		{sigset(sigRange(1, 64, 9, 19)...), "~[KILL STOP]"},
		// 42 of 64 bits is 2/3: inverted; 41 is not.
		{sigset(sigRange(1, 42)...), "~[RT_11 RT_12 RT_13 RT_14 RT_15 RT_16 RT_17 RT_18 RT_19 RT_20 RT_21 RT_22 RT_23 RT_24 RT_25 RT_26 RT_27 RT_28 RT_29 RT_30 RT_31 RT_32]"},
		{sigset(sigRange(1, 41)...), "[HUP INT QUIT ILL TRAP ABRT BUS FPE KILL USR1 SEGV USR2 PIPE ALRM TERM STKFLT CHLD CONT STOP TSTP TTIN TTOU URG XCPU XFSZ VTALRM PROF WINCH IO PWR SYS RTMIN RT_1 RT_2 RT_3 RT_4 RT_5 RT_6 RT_7 RT_8 RT_9]"},
		// An old one-word mask: 2/3 of 32 bits is 21.
		{[]uint32{1<<21 - 1}, "~[TTOU URG XCPU XFSZ VTALRM PROF WINCH IO PWR SYS RTMIN]"},
		{[]uint32{1<<19 - 1 | 1<<31}, "[HUP INT QUIT ILL TRAP ABRT BUS FPE KILL USR1 SEGV USR2 PIPE ALRM TERM STKFLT CHLD CONT STOP RTMIN]"},
	}
	for _, tt := range tests {
		if got := FormatSigset(tt.words); got != tt.want {
			t.Errorf("FormatSigset(%#x) = %q, want %q", tt.words, got, tt.want)
		}
	}
}

func TestSigCodeName(t *testing.T) {
	tests := []struct {
		signo, code int
		want        string
	}{
		{10, 0, "SI_USER"}, {11, 0x80, "SI_KERNEL"}, {34, -1, "SI_QUEUE"}, {14, -2, "SI_TIMER"},
		{29, -5, "SI_SIGIO"}, {10, -6, "SI_TKILL"}, {17, -60, "SI_ASYNCNL"},
		{17, 1, "CLD_EXITED"}, {17, 2, "CLD_KILLED"}, {17, 3, "CLD_DUMPED"},
		{17, 4, "CLD_TRAPPED"}, {17, 5, "CLD_STOPPED"}, {17, 6, "CLD_CONTINUED"},
		{11, 1, "SEGV_MAPERR"}, {11, 2, "SEGV_ACCERR"}, {11, 4, "SEGV_PKUERR"},
		{7, 2, "BUS_ADRERR"}, {7, 4, "BUS_MCEERR_AR"},
		{4, 1, "ILL_ILLOPC"}, {8, 1, "FPE_INTDIV"}, {8, 15, "FPE_CONDTRAP"},
		{5, 1, "TRAP_BRKPT"}, {5, 2, "TRAP_TRACE"}, {5, 4, "TRAP_HWBKPT"},
		{29, 1, "POLL_IN"}, {29, 6, "POLL_HUP"}, {31, 1, "SYS_SECCOMP"},
		// No names.
		{10, 1, ""}, {17, 7, ""}, {11, 11, ""}, {8, 9, ""}, {27, 1, ""}, {5, -8, ""},
	}
	for _, tt := range tests {
		if got := SigCodeName(tt.signo, tt.code); got != tt.want {
			t.Errorf("SigCodeName(%d, %d) = %q, want %q", tt.signo, tt.code, got, tt.want)
		}
	}
}

// kill(2) with every signal number, sent to a pid that cannot exist,
// prints the signal as SignalString says.
func TestSignalsAgainstStrace(t *testing.T) {
	strace := needTool(t, "strace")
	bash := needTool(t, "bash")
	out, err := exec.Command(strace, "-qq", "-o", "/dev/stdout", "-e", "trace=kill", "-e", "signal=none", bash, "-c",
		"for n in $(seq 0 64); do kill -n $n 2147483647; done 2>/dev/null; true").Output()
	if err != nil {
		t.Fatalf("strace: %v", err)
	}
	re := regexp.MustCompile(`^kill\(2147483647, (\w+)\)`)
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != 65 {
		t.Fatalf("got %d kill lines, want 65:\n%s", len(lines), out)
	}
	for n, line := range lines {
		m := re.FindStringSubmatch(line)
		if m == nil || m[1] != SignalString(n) {
			t.Errorf("signal %d: strace printed %q, want %s", n, line, SignalString(n))
		}
	}
}

// Sets passed to rt_sigprocmask print as FormatSigset says. glibc drops
// 32 and 33 (its own) from any set it is given, so they are dropped here too.
func TestSigsetsAgainstStrace(t *testing.T) {
	strace := needTool(t, "strace")
	python := needTool(t, "python3")
	sets := [][]int{
		{},
		{1, 2, 34, 64},
		sigRange(1, 64),
		sigRange(1, 44),  // 42 after glibc's cut: inverted
		sigRange(1, 43),  // 41: not
		sigRange(35, 64), // real-time only
		{9, 19, 17, 31, 35},
	}
	var py strings.Builder
	py.WriteString("import signal as s\n")
	for _, set := range sets {
		fmt.Fprintf(&py, "s.pthread_sigmask(s.SIG_SETMASK, %s)\n", pySet(set))
	}
	out, err := exec.Command(strace, "-qq", "-o", "/dev/stdout", "-e", "trace=rt_sigprocmask",
		python, "-W", "ignore", "-c", py.String()).Output()
	if err != nil {
		t.Fatalf("strace: %v", err)
	}
	re := regexp.MustCompile(`^rt_sigprocmask\(SIG_SETMASK, (~?\[[^]]*\]),`)
	var got []string
	for _, line := range strings.Split(string(out), "\n") {
		if m := re.FindStringSubmatch(line); m != nil {
			got = append(got, m[1])
		}
	}
	if len(got) < len(sets) {
		t.Fatalf("got %d SIG_SETMASK lines, want at least %d:\n%s", len(got), len(sets), out)
	}
	got = got[len(got)-len(sets):]
	for i, set := range sets {
		var kept []int
		for _, s := range set {
			if s != 32 && s != 33 {
				kept = append(kept, s)
			}
		}
		if want := FormatSigset(sigset(kept...)); got[i] != want {
			t.Errorf("set %v: strace printed %s, FormatSigset gives %s", set, got[i], want)
		}
	}
}

func pySet(set []int) string {
	if len(set) == 0 {
		return "set()"
	}
	return strings.ReplaceAll(fmt.Sprint(set), " ", ",")
}

// si_utime and si_stime as strace's print_clock_t prints them: a uint64_t,
// with its seconds at USER_HZ 100 as a comment.
func TestClockTicks(t *testing.T) {
	for _, c := range []struct {
		ticks int64
		want  string
	}{
		{0, "0"},
		{2, "2 /* 0.02 s */"},
		{12345, "12345 /* 123.45 s */"},
		{1<<53 + 1, "9007199254740993 /* 90071992547409.93 s */"},
		{-5, "18446744073709551611 /* 184467440737095516.11 s */"},
	} {
		if got := clockTicks(uint64(c.ticks)); got != c.want {
			t.Errorf("clockTicks(%d) = %q, want %q", c.ticks, got, c.want)
		}
	}
}
