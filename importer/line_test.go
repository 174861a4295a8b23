package importer

import (
	"testing"
)

// Lines strace 6.1 wrote (strace -f -o FILE with the options named).
var lineTests = []struct {
	line string
	want Line
}{
	// -f
	{`14412 brk(NULL)       = 0x55ed3fb60000`,
		Line{Kind: LineCall, PID: 14412, Name: "brk", Args: "NULL", Result: "0x55ed3fb60000"}},
	// -f -ttt
	{`14412 1796368009.926736 openat(AT_FDCWD, "/etc/ld.so.cache", O_RDONLY|O_CLOEXEC) = 3`,
		Line{Kind: LineCall, PID: 14412, Clock: 3, Time: 1796368009926736000, Name: "openat",
			Args: `AT_FDCWD, "/etc/ld.so.cache", O_RDONLY|O_CLOEXEC`, Result: "3"}},
	// -f -tt -T -yy
	{`2799  07:04:37.812945 rt_sigprocmask(SIG_UNBLOCK, [RTMIN RT_1], NULL, 8) = 0 <0.000012>`,
		Line{Kind: LineCall, PID: 2799, Clock: 2, Time: (7*3600+4*60+37)*1e9 + 812945000, Name: "rt_sigprocmask",
			Args: "SIG_UNBLOCK, [RTMIN RT_1], NULL, 8", Result: "0", Duration: 12000, HasDuration: true}},
	{`2799  07:04:37.813754 rt_sigprocmask(SIG_SETMASK, [],  <unfinished ...>`,
		Line{Kind: LineUnfinished, PID: 2799, Clock: 2, Time: (7*3600+4*60+37)*1e9 + 813754000, Name: "rt_sigprocmask",
			Args: "SIG_SETMASK, [], "}},
	{`2799  07:04:37.813699 <... clone3 resumed> => {parent_tid=[2800]}, 88) = 2800 <0.000228>`,
		Line{Kind: LineResumed, PID: 2799, Clock: 2, Time: (7*3600+4*60+37)*1e9 + 813699000, Name: "clone3",
			Args: " => {parent_tid=[2800]}, 88", Result: "2800", Duration: 228000, HasDuration: true}},
	{`3112  <... accept4 resumed>{sa_family=AF_INET, sin_port=htons(57360), sin_addr=inet_addr("127.0.0.1")}, [16], SOCK_CLOEXEC) = 4<TCP:[127.0.0.1:33191->127.0.0.1:57360]>`,
		Line{Kind: LineResumed, PID: 3112, Name: "accept4",
			Args:   `{sa_family=AF_INET, sin_port=htons(57360), sin_addr=inet_addr("127.0.0.1")}, [16], SOCK_CLOEXEC`,
			Result: "4<TCP:[127.0.0.1:33191->127.0.0.1:57360]>"}},
	{`15619 <... pause resumed>) = ?`, Line{Kind: LineResumed, PID: 15619, Name: "pause", Result: "?"}},
	{`14474 exit_group(0)   = ?`, Line{Kind: LineCall, PID: 14474, Name: "exit_group", Args: "0", Result: "?"}},
	{`read(3, ")(", 2) = -1 EINTR (Interrupted system call)`,
		Line{Kind: LineCall, Name: "read", Args: `3, ")(", 2`, Result: "-1 EINTR (Interrupted system call)"}},
	{`14474 +++ exited with 3 +++`, Line{Kind: LineExited, PID: 14474, Status: 3}},
	{`15620 +++ killed by SIGSEGV (core dumped) +++`, Line{Kind: LineKilled, PID: 15620, Name: "SIGSEGV", Core: true}},
	{`6607  07:05:25.788875 +++ superseded by execve in pid 6608 +++`,
		Line{Kind: LineSuperseded, PID: 6607, Clock: 2, Time: (7*3600+5*60+25)*1e9 + 788875000, Former: 6608}},
	{`[pid  2800] --- SIGUSR1 {si_signo=SIGUSR1, si_code=SI_TKILL, si_pid=2799, si_uid=0} ---`,
		Line{Kind: LineSignal, PID: 2800, Name: "SIGUSR1", Siginfo: "{si_signo=SIGUSR1, si_code=SI_TKILL, si_pid=2799, si_uid=0}"}},
	{`--- stopped by SIGTSTP ---`, Line{Kind: LineStopped, Name: "SIGTSTP"}},
	{`12:00:01 getpid() = 7`, Line{Kind: LineCall, Clock: 1, Time: (12*3600 + 1) * 1e9, Name: "getpid", Result: "7"}},
}

func TestParseLine(t *testing.T) {
	for _, tt := range lineTests {
		got, err := ParseLine(tt.line)
		if err != nil {
			t.Errorf("%s: %v", tt.line, err)
			continue
		}
		if got != tt.want {
			t.Errorf("%s:\n got %+v\nwant %+v", tt.line, got, tt.want)
		}
	}
}

func TestParseLineRejects(t *testing.T) {
	for _, s := range []string{
		"", "strace: Process 123 attached", "read(3, \"abc", "read(3) 7", "+++ exited with x +++",
		"--- SIGCHLD ---", "<... resumed>) = 0", "12345", "(((", "read(3)",
	} {
		if _, err := ParseLine(s); err == nil {
			t.Errorf("%q: no error", s)
		}
	}
}

func TestSplitArgs(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want []string
	}{
		{`3</a, b>, "x, y", {a=1, b=[2, 3]}, 0`, []string{"3</a, b>", `"x, y"`, "{a=1, b=[2, 3]}", "0"}},
		{`3<TCP:[1.2.3.4:5->6.7.8.9:10]>, 4`, []string{"3<TCP:[1.2.3.4:5->6.7.8.9:10]>", "4"}},
		{`1</dev/null<char 1:3>>, "\"", 1`, []string{"1</dev/null<char 1:3>>", `"\""`, "1"}},
		{"", nil},
	} {
		got := splitArgs(tt.in)
		if len(got) != len(tt.want) {
			t.Errorf("%s: %q", tt.in, got)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("%s: %q", tt.in, got)
			}
		}
	}
}

func TestUnquote(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want string
		more bool
	}{
		{`"abc\n"`, "abc\n", false},
		{`"\177ELF\2\1\1\0\0"...`, "\x7fELF\x02\x01\x01\x00\x00", true},
		{`"\x7f\x45\x4c"`, "\x7fEL", false},
		{`"a\"b\\"`, `a"b\`, false},
		{`"\0011"`, "\x011", false},
	} {
		b, more, ok := unquote(tt.in)
		if !ok || string(b) != tt.want || more != tt.more {
			t.Errorf("%s: %q %v %v", tt.in, b, more, ok)
		}
	}
}
