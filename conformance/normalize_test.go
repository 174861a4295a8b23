package conformance

import (
	"strings"
	"testing"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name string
		raw  string   // strace -f -o text
		want []string // normalized lines
	}{{
		name: "children numbered by their parent's clone order, not by first appearance",
		raw: `10200 clone3({flags=CLONE_VM, child_tid=0x7ffff75d0990} => {parent_tid=[10201]}, 88) = 10201
10202 write(3, "b", 1)                  = 1
10201 write(3, "a", 1)                  = 1
10200 clone3({flags=CLONE_VM, child_tid=0x7ffff6dcf990} => {parent_tid=[10202]}, 88) = 10202
10200 futex(0x7ffff75d0990, FUTEX_WAIT_BITSET|FUTEX_CLOCK_REALTIME, 10201, NULL, FUTEX_BITSET_MATCH_ANY) = 0
`,
		want: []string{
			`P1 clone3({flags=CLONE_VM, child_tid=0x7ffff75d0990} => {parent_tid=[P2]}, 88) = P2`,
			`P1 clone3({flags=CLONE_VM, child_tid=0x7ffff6dcf990} => {parent_tid=[P3]}, 88) = P3`,
			`P1 futex(0x7ffff75d0990, FUTEX_WAIT_BITSET|FUTEX_CLOCK_REALTIME, P2, NULL, FUTEX_BITSET_MATCH_ANY) = 0`,
			`P2 write(3, "a", 1)                  = 1`,
			`P3 write(3, "b", 1)                  = 1`,
		},
	}, {
		// No clone here, so pids are numbered by first appearance.
		name: "unfinished and resumed are joined and re-padded",
		raw: `10195 wait4(10196,  <unfinished ...>
10196 exit_group(3)                     = ?
10195 <... wait4 resumed>[{WIFEXITED(s) && WEXITSTATUS(s) == 3}], 0, NULL) = 10196
10203 rseq(0x7ffff6dcffe0, 0x20, 0, 0x53053053 <unfinished ...>
10203 <... rseq resumed>)               = 0
`,
		want: []string{
			`P1 wait4(P2, [{WIFEXITED(s) && WEXITSTATUS(s) == 3}], 0, NULL) = P2`,
			`P2 exit_group(3)                     = ?`,
			`P3 rseq(0x7ffff6dcffe0, 0x20, 0, 0x53053053) = 0`,
		},
	}, {
		name: "a resumed line without its unfinished half stays as it is",
		raw:  "300   <... read resumed>\"x\", 1)        = 1\n",
		want: []string{`P1 <... read resumed>"x", 1)        = 1`},
	}, {
		name: "random bytes, CPU times and sysinfo counters",
		raw: `8552  getrandom("\xba\x9c\x05\x3f\xb1\xf6\x82\xb1", 8, GRND_NONBLOCK) = 8
8552  getrandom("\x01\x02"..., 64, 0)   = 64
8552  wait4(-1, [{WIFEXITED(s) && WEXITSTATUS(s) == 3}], 0, {ru_utime={tv_sec=0, tv_usec=357}, ru_stime={tv_sec=0, tv_usec=0}, ...}) = 8553
8552  --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=8553, si_uid=0, si_status=3, si_utime=1, si_stime=0} ---
8552  sysinfo({uptime=665, loads=[66816, 27392, 11072], procs=110, mem_unit=1}) = 0
8552  nanosleep({tv_sec=5, tv_nsec=0}, {tv_sec=4, tv_nsec=93645}) = ? ERESTART_RESTARTBLOCK (Interrupted by signal)
8552  nanosleep({tv_sec=0, tv_nsec=1000}, 0x7fff31f0c8f0) = 0
`,
		want: []string{
			`P1 getrandom("<random>", 8, GRND_NONBLOCK) = 8`,
			`P1 getrandom("<random>", 64, 0)      = 64`,
			`P1 wait4(-1, [{WIFEXITED(s) && WEXITSTATUS(s) == 3}], 0, {ru_utime={tv_sec=T, tv_usec=T}, ru_stime={tv_sec=T, tv_usec=T}, ...}) = 8553`,
			`P1 --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=8553, si_uid=0, si_status=3, si_utime=T, si_stime=T} ---`,
			`P1 sysinfo({uptime=N, loads=[N, N, N], procs=N, mem_unit=N}) = 0`,
			`P1 nanosleep({tv_sec=5, tv_nsec=0}, {tv_sec=T, tv_nsec=T}) = ? ERESTART_RESTARTBLOCK (Interrupted by signal)`,
			`P1 nanosleep({tv_sec=0, tv_nsec=1000}, 0x7fff31f0c8f0) = 0`,
		},
	}, {
		name: "only the first execve's envp, which is the tracer's, is blanked",
		raw: `700   execve("/usr/bin/sh", ["sh"], 0x7fffffffe770 /* 36 vars */) = 0
700   execve("/usr/bin/tr", ["tr"], 0x555555566f28 /* 36 vars */) = 0
`,
		want: []string{
			`P1 execve("/usr/bin/sh", ["sh"], ENVP /* 36 vars */) = 0`,
			`P1 execve("/usr/bin/tr", ["tr"], 0x555555566f28 /* 36 vars */) = 0`,
		},
	}, {
		name: "pids are renamed only where a pid belongs",
		raw: `8192  mmap(NULL, 8192, PROT_READ, MAP_PRIVATE, 3, 0) = 0x7ffff7fb7000
8192  getpid()                          = 8192
8192  openat(AT_FDCWD, "/proc/8192/status", O_RDONLY) = 3
8192  getppid()                         = 8100
`,
		want: []string{
			`P1 mmap(NULL, 8192, PROT_READ, MAP_PRIVATE, 3, 0) = 0x7ffff7fb7000`,
			`P1 getpid()                          = P1`,
			`P1 openat(AT_FDCWD, "/proc/P1/status", O_RDONLY) = 3`,
			`P1 getppid()                         = PPID`,
		},
	}, {
		name: "padding of a seven-digit pid is taken as right, a wrongly padded line is kept",
		raw: `4000000 close(3)                        = 0
4000000 close(4)  = 0
`,
		want: []string{
			`P1 close(3)                          = 0`,
			`P1 close(4)  = 0`,
		},
	}, {
		name: "lines without a pid prefix come first",
		raw:  "300   close(3)                          = 0\nno pid here\n",
		want: []string{"no pid here", `P1 close(3)                          = 0`},
	}, {
		name: "-yy endpoints: inodes, ports from 1024 up and netlink port ids",
		raw: `28017 socket(AF_INET6, SOCK_STREAM|SOCK_CLOEXEC, IPPROTO_IP) = 9<TCPv6:[239999]>
28017 sendto(9<TCPv6:[[::1]:57444->[::1]:51151]>, "z", 1, 0, NULL, 0) = 1
28017 close(4<TCP:[127.0.0.1:40310->127.0.0.1:80]>) = 0
28017 accept4(13<UNIX-STREAM:[240009,"/tmp/yyx/sock"]>, NULL, NULL, SOCK_CLOEXEC) = 15<UNIX-STREAM:[240018->240014,"/tmp/yyx/sock"]>
28017 getsockname(16<NETLINK:[ROUTE:28017]>, 0x1000, [12]) = 0
28017 close(21<NETLINK:[242779]>)       = 0
28017 close(22<pid:28017>)              = 0
`,
		want: []string{
			`P1 socket(AF_INET6, SOCK_STREAM|SOCK_CLOEXEC, IPPROTO_IP) = 9<TCPv6:[INODE]>`,
			`P1 sendto(9<TCPv6:[[::1]:PORT->[::1]:PORT]>, "z", 1, 0, NULL, 0) = 1`,
			`P1 close(4<TCP:[127.0.0.1:PORT->127.0.0.1:80]>) = 0`,
			`P1 accept4(13<UNIX-STREAM:[INODE,"/tmp/yyx/sock"]>, NULL, NULL, SOCK_CLOEXEC) = 15<UNIX-STREAM:[INODE->INODE,"/tmp/yyx/sock"]>`,
			`P1 getsockname(16<NETLINK:[ROUTE:P1]>, 0x1000, [12]) = 0`,
			`P1 close(21<NETLINK:[INODE]>)        = 0`,
			`P1 close(22<pid:P1>)                 = 0`,
		},
	}, {
		name: "ports under -x and -X verbose",
		raw: `9345  getsockname(3, {sa_family=0x2 /* AF_INET */, sin_port="\xa6\x4f" /* htons(42575) */, sin_addr="\x7f\x00\x00\x01" /* inet_addr("127.0.0.1") */}, [16]) = 0
9345  connect(4, {sa_family=0x2 /* AF_INET */, sin_port="\x00\x50" /* htons(80) */, sin_addr="\x7f\x00\x00\x01" /* inet_addr("127.0.0.1") */}, 16) = 0
`,
		want: []string{
			`P1 getsockname(3, {sa_family=0x2 /* AF_INET */, sin_port=PORT /* htons(PORT) */, sin_addr="\x7f\x00\x00\x01" /* inet_addr("127.0.0.1") */}, [16]) = 0`,
			`P1 connect(4, {sa_family=0x2 /* AF_INET */, sin_port="\x00\x50" /* htons(80) */, sin_addr="\x7f\x00\x00\x01" /* inet_addr("127.0.0.1") */}, 16) = 0`,
		},
	}, {
		name: "what /proc says of the machine and the process",
		raw: `9345  read(3, "66471.24 91470.05\n", 1024) = 18
9345  read(3, "1 (ps) R 0 0 0 0 -1 256 217 0 2 "..., 1024) = 291
9345  read(3, "cpu  2616848 0 1461194 9147005 7"..., 8192) = 1195
9345  read(4, "MemTotal:       24683756 kB\nMemF"..., 8191) = 1475
9345  read(5, "Name:\tnumactl\nUmask:\t0022\nState:\tR (r"..., 1024) = 1024
9345  read(5, "wed_list:\t0-1\nMems_allowed:\t0000"..., 1024) = 396
9345  read(5, "", 1024)                 = 0
9345  read(5, "wed_list:\t0-1\nMems_allowed:\t0000"..., 1024) = 396
`,
		want: []string{
			`P1 read(3, "00000.00 00000.00\n", 1024) = N`,
			`P1 read(3, "0 (ps) R 0 0 0 0 -0 000 000 0 0 "..., 1024) = N`,
			`P1 read(3, "cpu  0000000 0 0000000 0000000 0"..., 8192) = N`,
			`P1 read(4, "MemTotal:       00000000 kB\nMemF"..., 8191) = N`,
			`P1 read(5, "Name:\tnumactl\nUmask:\t0022\nState:\tR (r"..., 1024) = 1024`,
			`P1 read(5, "<rest of status>", 1024) = N`,
			`P1 read(5, "", 1024)                 = 0`,
			`P1 read(5, "wed_list:\t0-1\nMems_allowed:\t0000"..., 1024) = 396`,
		},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Normalize(tt.raw, nil)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestNormalizeReplacer(t *testing.T) {
	// Two run directories of equal length, so the raw lines pad alike; the
	// longer name is listed first so the shared prefix is not replaced alone.
	repl := strings.NewReplacer("/tmp/T1/run/ref", "$RUN", "/tmp/T1", "$TMP")
	got := Normalize(`500   openat(AT_FDCWD, "/tmp/T1/run/ref/out", O_WRONLY|O_CREAT|O_TRUNC, 0666) = 3
500   execve("/tmp/T1/bin/x", ["/tmp/T1/bin/x"], 0x7fffffffe7d8 /* 35 vars */) = 0
500   chdir("/tmp/T1")                  = 0
`, repl)
	want := []string{
		`P1 openat(AT_FDCWD, "$RUN/out", O_WRONLY|O_CREAT|O_TRUNC, 0666) = 3`,
		`P1 execve("$TMP/bin/x", ["$TMP/bin/x"], 0x7fffffffe7d8 /* 35 vars */) = 0`,
		`P1 chdir("$TMP")                     = 0`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestSyscallName(t *testing.T) {
	tests := map[string]string{
		`openat(AT_FDCWD, "/etc/passwd", O_RDONLY) = 3`:     "openat",
		`<... wait4 resumed>[{WIFEXITED(s)}], 0, NULL) = 5`: "wait4",
		`--- SIGCHLD {si_signo=SIGCHLD} ---`:                "signal",
		`+++ exited with 0 +++`:                             "exit",
		`rt_sigreturn({mask=[]})           = 0`:             "rt_sigreturn",
		`garbage`:                                           "other",
	}
	for text, want := range tests {
		if got := syscallName(text); got != want {
			t.Errorf("syscallName(%q) = %q, want %q", text, got, want)
		}
	}
}
