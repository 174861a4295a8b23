package importer

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stracedump/stracedump/decoder"
	"github.com/stracedump/stracedump/pcapng"
)

// importLines imports lines (strace 6.1's, from strace -f -yy -o FILE)
// and returns the records of calls.
func importLines(t *testing.T, lines ...string) ([]*pcapng.Record, *Importer) {
	t.Helper()
	var recs []*pcapng.Record
	im := New(Options{Warn: func(f string, n int, err error) { t.Logf("%s:%d: %v", f, n, err) }}, func(r *pcapng.Record) error {
		if r.Kind != pcapng.KindCapture {
			recs = append(recs, r)
		}
		return nil
	})
	for i, l := range lines {
		if err := im.Line("test", i+1, 0, l); err != nil {
			t.Fatal(err)
		}
	}
	return recs, im
}

// Imported calls hold values: other options render them otherwise.
func TestImportedValues(t *testing.T) {
	recs, im := importLines(t,
		`2738  openat(AT_FDCWD</tmp>, "/etc/ld.so.cache", O_RDONLY|O_CLOEXEC) = 3</etc/ld.so.cache>`,
		`2738  mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x7f06a18b8000`,
		`2738  read(3</etc/os-release>, "PRETTY_NAME=\"Debian GNU/Linux 12"..., 131072) = 267`,
		`2738  rt_sigprocmask(SIG_BLOCK, [CHLD], [], 8) = 0`,
		`2738  newfstatat(3</etc/ld.so.cache>, "", {st_mode=S_IFREG|0644, st_size=44323, ...}, AT_EMPTY_PATH) = 0`,
		`2738  openat(AT_FDCWD</tmp>, "nope", O_RDONLY) = -1 ENOENT (No such file or directory)`,
	)
	raw := decoder.New(decoder.Options{StringLimit: 8, Xlat: decoder.XlatRaw})
	want := []string{
		`openat(-100, "/etc/ld.so.cache", 0x80000) = 3`,
		`mmap(NULL, 8192, 0x3, 0x22, -1, 0)      = 0x7f06a18b8000`,
		`read(3, "PRETTY_N"..., 131072)          = 267`,
		`rt_sigprocmask(0, [17], [], 8)          = 0`,
		`newfstatat(3, "", {st_mode=0100644, st_size=44323, ...}, 0x1000) = 0`,
		`openat(-100, "nope", 0)                 = -1 ENOENT (No such file or directory)`,
	}
	if len(recs) != len(want) {
		t.Fatalf("%d records, want %d", len(recs), len(want))
	}
	for i, r := range recs {
		if got := raw.Line(r); got != want[i] {
			t.Errorf("-X raw -s 8:\n got %s\nwant %s", got, want[i])
		}
	}
	if recs[0].Args[2] != 0x80000 || recs[5].Ret != -2 {
		t.Errorf("openat's flags %#x, result %d", recs[0].Args[2], recs[5].Ret)
	}
	// The abbreviated structure holds the two members the text shows,
	// each in a section at its offset, and nothing else: -v cannot show
	// more than the text did.
	var mem []int
	for _, sec := range recs[4].Sections {
		if sec.Type == pcapng.SecMem && sec.Key >= recs[4].Args[2] {
			mem = append(mem, int(sec.Key-recs[4].Args[2]), len(sec.Data))
		}
	}
	if fmt.Sprint(mem) != "[24 4 48 8]" || recs[4].Flags&pcapng.FlagArgText != 0 {
		t.Errorf("newfstatat's statbuf: (offset, size) of its sections %v, flags %#x", mem, recs[4].Flags)
	}
	verbose := decoder.New(decoder.Options{StringLimit: 32, Verbose: true})
	if got, want := verbose.Line(recs[4]), `newfstatat(3, "", {st_mode=S_IFREG|0644, st_size=44323, ...}, AT_EMPTY_PATH) = 0`; got != want {
		t.Errorf("-v:\n got %s\nwant %s", got, want)
	}
	if im.Stats.ArgsText != 0 || im.Stats.Args != 23 {
		t.Errorf("stats %+v", im.Stats)
	}
}

// A line that is none of strace's becomes a comment record and a warning
// naming its file and line; the lines around it import.
func TestImportComment(t *testing.T) {
	var warned []string
	var recs []*pcapng.Record
	im := New(Options{Warn: func(f string, n int, err error) { warned = append(warned, f+":"+string(rune('0'+n))) }},
		func(r *pcapng.Record) error { recs = append(recs, r); return nil })
	for i, l := range []string{"1 getpid() = 1", "strace: Process 5 attached", "1 getpid() = 1"} {
		if err := im.Line("log", i+1, 0, l); err != nil {
			t.Fatal(err)
		}
	}
	if len(warned) != 1 || warned[0] != "log:2" {
		t.Errorf("warnings %q", warned)
	}
	if len(recs) != 4 || recs[2].Kind != pcapng.KindComment || !strings.Contains(recs[2].Text(pcapng.SecText), "Process 5") {
		t.Fatalf("records %+v", recs)
	}
	if got := decoder.New(decoder.DefaultOptions()).Line(recs[2]); got != "strace: Process 5 attached" {
		t.Errorf("comment decodes as %q", got)
	}
}

// Structures, signal masks, argv and siginfo that the text shows whole
// are kept as values: no text in these records; what it shows in part
// (an environment, a sockaddr_in without its sin_zero) stays text.
func TestImportedStructures(t *testing.T) {
	recs, _ := importLines(t,
		`14412 execve("/usr/bin/ls", ["ls", "-l", "/"], 0x7fff4e4d9780 /* 39 vars */) = 0`,
		`14474 prlimit64(0, RLIMIT_STACK, NULL, {rlim_cur=8192*1024, rlim_max=RLIM64_INFINITY}) = 0`,
		`15154 connect(4<TCP:[2364255]>, {sa_family=AF_INET, sin_port=htons(34081), sin_addr=inet_addr("127.0.0.1")}, 16) = 0`,
		`2799  rt_sigprocmask(SIG_UNBLOCK, [RTMIN RT_1], NULL, 8) = 0`,
		`14536 --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=14537, si_uid=0, si_status=3, si_utime=0, si_stime=0} ---`,
		`14536 clock_nanosleep(CLOCK_REALTIME, 0, {tv_sec=0, tv_nsec=100000000}, NULL) = 0`,
		`14785 pipe2([3<pipe:[2364044]>, 4<pipe:[2364044]>], O_NONBLOCK|O_CLOEXEC) = 0`,
		`8323  rt_sigaction(SIGINT, {sa_handler=SIG_IGN, sa_mask=[], sa_flags=SA_RESTORER, sa_restorer=0x7ffff7d56050}, {sa_handler=SIG_DFL, sa_mask=[], sa_flags=0}, 8) = 0`,
		`8323  wait4(-1, [{WIFEXITED(s) && WEXITSTATUS(s) == 3}], 0, NULL) = 8319`,
		`8323  wait4(-1, [{WIFSIGNALED(s) && WTERMSIG(s) == SIGKILL && WCOREDUMP(s)}], WNOHANG, NULL) = 8320`,
		`8323  newfstatat(AT_FDCWD, "/tmp", {st_mode=S_IFDIR|S_ISVTX|0777, st_size=20480, ...}, AT_SYMLINK_NOFOLLOW) = 0`,
		`8323  newfstatat(1, "", {st_mode=S_IFCHR|0666, st_rdev=makedev(0x1, 0x3), ...}, AT_EMPTY_PATH) = 0`,
		`7001  fcntl(3, F_SETLK, {l_type=F_WRLCK, l_whence=SEEK_SET, l_start=2, l_len=4}) = 0`,
		`7001  fcntl(3, F_GETLK, {l_type=F_UNLCK, l_whence=SEEK_SET, l_start=0, l_len=100, l_pid=0}) = 0`,
		`7001  fcntl(3, F_OFD_GETLK, {l_type=F_RDLCK, l_whence=SEEK_SET, l_start=0, l_len=10, l_pid=-1}) = 0`,
		`7001  epoll_ctl(5, EPOLL_CTL_ADD, 3, {events=EPOLLIN|EPOLLET, data={u32=7, u64=7}}) = 0`,
		`7001  futex(0x55555555801c, FUTEX_WAKE_OP_PRIVATE, 1, 1, 0x555555558018, FUTEX_OP_OPARG_SHIFT<<28|FUTEX_OP_ADD<<28|0x5<<12|FUTEX_OP_CMP_EQ<<24|0x10) = 0`,
		`7001  futex(0x55555555801c, FUTEX_WAKE_OP_PRIVATE, 1, 1, 0x555555558018, FUTEX_OP_OPARG_SHIFT<<28|0x7<<28 /* FUTEX_OP_??? */|0xfff<<12|0xf<<24 /* FUTEX_OP_CMP_??? */|0xfff) = -1 ENOSYS (Function not implemented)`,
		`7001  ioctl(4, BTRFS_IOC_CLONE or FICLONE, 3) = -1 EOPNOTSUPP (Operation not supported)`,
		`7001  bind(3, {sa_family=AF_NETLINK, nl_pid=0, nl_groups=00000000}, 12) = 0`,
		`7001  getsockname(3, {sa_family=AF_NETLINK, nl_pid=7001, nl_groups=00000000}, [12]) = 0`,
		`27474 getsockname(4, {sa_family=AF_NETLINK, nl_pid=-1185154895, nl_groups=00000000}, [12]) = 0`,
		`7001  connect(3, {sa_family=AF_UNIX, sun_path="/var/run/nscd/socket"}, 110) = -1 ENOENT (No such file or directory)`,
		`8323  statx(AT_FDCWD, "/", AT_STATX_SYNC_AS_STAT|AT_SYMLINK_NOFOLLOW|AT_NO_AUTOMOUNT, STATX_MODE|STATX_NLINK|STATX_UID|STATX_GID|STATX_MTIME|STATX_SIZE, {stx_mask=STATX_BASIC_STATS|STATX_MNT_ID, stx_attributes=STATX_ATTR_MOUNT_ROOT, stx_mode=S_IFDIR|0755, stx_size=4096, ...}) = 0`,
	)
	for i, r := range recs {
		var text []string
		for _, s := range r.Sections {
			if s.Type == pcapng.SecArgText {
				text = append(text, string(s.Data))
			}
		}
		if (len(text) > 0) != (r.Flags&pcapng.FlagArgText != 0) {
			t.Errorf("record %d: flag arg-text %v with %d texts", i, r.Flags&pcapng.FlagArgText != 0, len(text))
		}
		// execve's environment is the one text: its strings are not in
		// the line; nor is connect's sockaddr_in's sin_zero.
		switch {
		case i == 0:
			if len(text) != 1 || !strings.Contains(text[0], "39 vars") {
				t.Errorf("execve: text %q", text)
			}
		case i == 2:
			if len(text) != 1 || !strings.HasPrefix(text[0], "{sa_family=AF_INET") {
				t.Errorf("connect: text %q", text)
			}
		case len(text) != 0:
			t.Errorf("record %d (%s): text %q", i, decoder.CallName(r), text)
		}
	}
	if recs[0].Args[2] != 0x7fff4e4d9780 {
		t.Errorf("execve's envp register %#x: the text gives its address", recs[0].Args[2])
	}
	if s := recs[4].Section(pcapng.SecSiginfo, uint64(recs[4].Arch)); s == nil {
		t.Error("SIGCHLD has no siginfo section")
	}
}

// A SIGCHLD's si_status of a killed child is a signal: -X raw and -X
// verbose print it as strace 6.1 does (its -X verbose text of killread).
func TestImportedSiginfoStyles(t *testing.T) {
	recs, _ := importLines(t, `31050 --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_KILLED, si_pid=31051, si_uid=0, si_status=SIGKILL, si_utime=0, si_stime=0} ---`)
	for _, tc := range []struct {
		xlat decoder.XlatStyle
		want string
	}{
		{decoder.XlatRaw, `--- SIGCHLD {si_signo=17, si_code=0x2, si_pid=31051, si_uid=0, si_status=9, si_utime=0, si_stime=0} ---`},
		{decoder.XlatVerbose, `--- SIGCHLD {si_signo=17 /* SIGCHLD */, si_code=0x2 /* CLD_KILLED */, si_pid=31051, si_uid=0, si_status=9 /* SIGKILL */, si_utime=0, si_stime=0} ---`},
	} {
		if got := decoder.New(decoder.Options{StringLimit: 32, Xlat: tc.xlat}).Line(recs[0]); got != tc.want {
			t.Errorf("-X %v:\n got %s\nwant %s", tc.xlat, got, tc.want)
		}
	}
}
