package filter

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/stracedump/stracedump/decoder"
	"github.com/stracedump/stracedump/internal/testhost"
	"github.com/stracedump/stracedump/pcapng"
)

// exprCases are -e expressions with strace 6.1's verdict: err is "" when
// it accepts the expression, else its message (after "strace: ").
// TestStraceAgrees runs strace to hold the table to it.
var exprCases = []struct {
	expr string
	err  string
}{
	{"trace=openat", ""},
	{"openat", ""},
	{"%file,connect", ""},
	{"trace=%file,connect", ""},
	{"t=openat", ""},
	{"trace=openat,,close", ""},
	{"trace=openat,", ""},
	{"trace=!openat,close", ""},
	{"trace=!!openat", ""},
	{"trace=!%file", ""},
	{"trace=/^open", ""},
	{"trace=/open,/close", ""},
	{"trace=?foo", ""},
	{"trace=?", ""},
	{"trace=?%foo", ""},
	{"trace=?/zzz", ""},
	{"trace=?!openat", ""},
	{"trace=!?openat", ""},
	{"trace=none", ""},
	{"trace=!none", ""},
	{"trace=all", ""},
	{"trace=!all", ""},
	{"trace=?all", ""},
	{"trace=all@64", ""},
	{"trace=openat@64", ""},
	{"trace=openat@32", ""},
	{"trace=openat@x32", ""},
	{"trace=%file@32", ""},
	{"trace=/^open@64", ""},
	{"trace=257", ""},
	{"trace=257@64", ""},
	{"trace=file", ""},
	{"trace=%net", ""},
	{"trace=%%stat", ""},
	{"trace=%%statfs", ""},
	{"trace=%clock", ""},
	{"trace=%pure", ""},
	{"trace=open", ""},
	{"trace=?open", ""},
	{"trace=opn", "invalid system call 'opn'"},
	{"trace=%fil", "invalid system call '%fil'"},
	{"trace=%FILE", "invalid system call '%FILE'"},
	{"trace=FILE", "invalid system call 'FILE'"},
	{"trace=%Net", "invalid system call '%Net'"},
	{"trace=", "invalid system call ''"},
	{"trace=!", "invalid system call '!'"},
	{"trace=/zzz", "invalid system call '/zzz'"},
	{"trace=/^OPEN", "invalid system call '/^OPEN'"},
	{"trace=open,  close", "invalid system call '  close'"},
	{"trace=none,openat", "invalid system call 'none'"},
	{"trace=all,!openat", "invalid system call '!openat'"},
	{"trace=none@64", "invalid system call 'none@64'"},
	{"trace=@64", "invalid system call '@64'"},
	{"trace=openat@", "incorrect personality designator '' in qualification 'openat@'"},
	{"trace=open@foo", "incorrect personality designator 'foo' in qualification 'open@foo'"},
	{"trace=-1", "invalid system call '-1'"},
	{"trace=1000", "invalid system call '1000'"},
	{"trace=99999999999", "invalid system call '99999999999'"},
	{"trace=SYS_257", "invalid system call 'SYS_257'"},
	{"trace=syscall_0x101", "invalid system call 'syscall_0x101'"},
	{"foo=bar", "invalid system call 'foo=bar'"},
	{"Trace=open", "invalid system call 'Trace=open'"},
	{" trace=open", "invalid system call ' trace=open'"},
	{"trace = open", "invalid system call 'trace = open'"},
	{"signal=!SIGCHLD", ""},
	{"signal=9,term", ""},
	{"signal=sigterm", ""},
	{"signal=TERM", ""},
	{"signal=rtmin", ""},
	{"signal=SIGRT_3", ""},
	{"signal=0", ""},
	{"signal=all", ""},
	{"signal=!all", ""},
	{"s=SIGCHLD", ""},
	{"signals=SIGCHLD", ""},
	{"signal=SIGFOO", "invalid signal 'SIGFOO'"},
	{"signal=", "invalid signal ''"},
	{"signal=256", "invalid signal '256'"},
	{"status=successful", ""},
	{"status=Successful", ""},
	{"status=successful,failed", ""},
	{"status=!failed", ""},
	{"status=!!failed", ""},
	{"status=unfinished", ""},
	{"status=unavailable,detached", ""},
	{"status=all", ""},
	{"status=none", ""},
	{"status=foo", "invalid status 'foo'"},
	{"status=", "invalid status ''"},
}

func TestQualifyErrors(t *testing.T) {
	for _, tc := range exprCases {
		_, err := Parse(tc.expr)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tc.err {
			t.Errorf("Parse(%q) = %q, want %q", tc.expr, got, tc.err)
		}
	}
}

// TestStraceAgrees checks the table against the real strace: it must
// accept and reject the same expressions with the same message.
func TestStraceAgrees(t *testing.T) {
	strace := needStrace(t)
	for _, tc := range exprCases {
		out, err := exec.Command(strace, "-qq", "-o", "/dev/null", "-e", tc.expr, "true").CombinedOutput()
		msg := ""
		if err != nil {
			line, _, _ := strings.Cut(string(out), "\n")
			_, msg, _ = strings.Cut(line, "strace: ")
		}
		if msg != tc.err {
			t.Errorf("strace -e %q: %q, table says %q", tc.expr, msg, tc.err)
		}
	}
}

func needStrace(t *testing.T) string {
	t.Helper()
	return testhost.Tool(t, "strace", "the filter language is checked against strace 6.1")
}

// TestOursOnlyErrors are expressions strace has no opinion on, or where
// stracedump says more.
func TestOursOnlyErrors(t *testing.T) {
	for _, tc := range []struct{ expr, want string }{
		{"abbrev=none", "-e abbrev= is not supported by stracedump (supported: trace=, status=, signal=, trace-fds=)"},
		{"q=attach", "-e quiet= is not supported by stracedump (supported: trace=, status=, signal=, trace-fds=)"},
		{"trace=/[", "invalid regular expression '[': missing closing ]: `[`"},
	} {
		_, err := Parse(tc.expr)
		if err == nil || err.Error() != tc.want {
			t.Errorf("Parse(%q) = %v, want %q", tc.expr, err, tc.want)
		}
	}
}

func rec(t *testing.T, a *decoder.Arch, name string) *pcapng.Record {
	t.Helper()
	nr, ok := a.SyscallNumber(name)
	if !ok {
		t.Fatalf("%s has no %s", a.Name, name)
	}
	return &pcapng.Record{Kind: pcapng.KindSyscall, Arch: a.Audit, Nr: nr}
}

func TestTraceSets(t *testing.T) {
	x86 := decoder.ArchByAudit(decoder.AuditArchX86_64)
	i386 := decoder.ArchByAudit(decoder.AuditArchI386)
	arm := decoder.ArchByAudit(decoder.AuditArchAarch64)
	for _, tc := range []struct {
		exprs      []string
		arch       *decoder.Arch
		keep, drop []string
	}{
		{nil, x86, []string{"openat", "read", "getpid"}, nil},
		{[]string{"trace=all"}, x86, []string{"openat", "read"}, nil},
		{[]string{"trace=none"}, x86, nil, []string{"openat", "read"}},
		{[]string{"%file"}, x86, []string{"openat", "execve", "newfstatat", "unlink"}, []string{"read", "close", "mmap", "getpid"}},
		{[]string{"trace=!%file"}, x86, []string{"read", "close"}, []string{"openat", "execve"}},
		{[]string{"%network"}, x86, []string{"socket", "connect", "sendto"}, []string{"openat", "read"}},
		{[]string{"%process"}, x86, []string{"execve", "clone", "exit_group", "wait4"}, []string{"openat"}},
		{[]string{"%%stat"}, x86, []string{"newfstatat", "fstat", "statx"}, []string{"statfs"}},
		{[]string{"%pure"}, x86, []string{"getpid", "gettid"}, []string{"read", "openat"}},
		{[]string{"trace=openat,close"}, x86, []string{"openat", "close"}, []string{"read", "open"}},
		{[]string{"trace=openat", "trace=close"}, x86, []string{"close"}, []string{"openat"}},
		{[]string{"trace=/^open"}, x86, []string{"open", "openat", "openat2", "open_by_handle_at", "open_tree"}, []string{"fsopen", "read"}},
		{[]string{"trace=/^open@32"}, x86, nil, []string{"open", "openat"}},
		{[]string{"trace=/^open@32"}, i386, []string{"open", "openat"}, []string{"read"}},
		{[]string{"trace=openat@64"}, arm, []string{"openat"}, []string{"read"}},
		{[]string{"trace=257"}, x86, []string{"openat"}, []string{"read"}},
		{[]string{"trace=56"}, arm, []string{"openat"}, []string{"read"}},
		{[]string{"trace=56"}, x86, []string{"clone"}, []string{"openat"}},
		{[]string{"trace=?nosuch,read"}, x86, []string{"read"}, []string{"write"}},
		{[]string{"trace=!!openat"}, x86, []string{"openat"}, []string{"read"}},
		{[]string{"trace=!openat", "status=failed"}, x86, nil, []string{"openat"}},
	} {
		f, err := Parse(tc.exprs...)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tc.exprs, err)
		}
		for _, name := range tc.keep {
			for _, kind := range []pcapng.Kind{pcapng.KindSyscall, pcapng.KindSyscallEntry} {
				r := rec(t, tc.arch, name)
				r.Kind = kind
				if !f.Keep(r) {
					t.Errorf("%q on %s drops %s (%v)", tc.exprs, tc.arch.Name, name, kind)
				}
			}
		}
		for _, name := range tc.drop {
			if f.Keep(rec(t, tc.arch, name)) {
				t.Errorf("%q on %s keeps %s", tc.exprs, tc.arch.Name, name)
			}
		}
	}
}

func TestUnknownNumbers(t *testing.T) {
	// Numbers beyond the table are kept by a negated set only, as strace.
	far := &pcapng.Record{Kind: pcapng.KindSyscall, Arch: decoder.AuditArchX86_64, Nr: 5000}
	unknownArch := &pcapng.Record{Kind: pcapng.KindSyscall, Arch: 0x1234, Nr: 1}
	for expr, want := range map[string]bool{"trace=openat": false, "trace=!openat": true, "trace=all": true} {
		f, _ := Parse(expr)
		if f.Keep(far) != want || f.Keep(unknownArch) != want {
			t.Errorf("%s keeps syscall 5000 / an unknown arch's call: %v %v, want %v", expr, f.Keep(far), f.Keep(unknownArch), want)
		}
	}
	// x32 calls are decided by the x86_64 call of the same number.
	f, _ := Parse("trace=openat")
	if !f.Keep(&pcapng.Record{Kind: pcapng.KindSyscall, Arch: decoder.AuditArchX86_64, Nr: x32Bit | 257}) {
		t.Error("trace=openat drops x32 openat")
	}
}

func TestSocketcall(t *testing.T) {
	i386 := decoder.ArchByAudit(decoder.AuditArchI386)
	sc, _ := i386.SyscallNumber("socketcall")
	connect := &pcapng.Record{Kind: pcapng.KindSyscall, Arch: i386.Audit, Nr: sc, Args: [6]uint64{3}}
	socket := &pcapng.Record{Kind: pcapng.KindSyscall, Arch: i386.Audit, Nr: sc, Args: [6]uint64{1}}
	f, _ := Parse("trace=connect")
	if !f.Keep(connect) || f.Keep(socket) {
		t.Errorf("trace=connect on i386 socketcall: connect %v socket %v", f.Keep(connect), f.Keep(socket))
	}
	sel, _ := f.Syscalls(i386)
	if !sel[sc] {
		t.Error("trace=connect does not select i386 socketcall for the kernel filter")
	}
	f, _ = Parse("trace=%network")
	if !f.Keep(socket) {
		t.Error("%network drops socketcall(SYS_SOCKET)")
	}
	f, _ = Parse("trace=openat")
	if sel, _ := f.Syscalls(i386); sel[sc] {
		t.Error("trace=openat selects socketcall")
	}
}

func TestStatusSignalsPaths(t *testing.T) {
	x86 := decoder.ArchByAudit(decoder.AuditArchX86_64)
	ok := rec(t, x86, "read")
	ok.Ret = 3
	failed := rec(t, x86, "read")
	failed.Ret = -2
	neverFails := rec(t, x86, "getpid")
	neverFails.Ret = -2
	noReturn := rec(t, x86, "exit_group")
	noReturn.Flags = pcapng.FlagNoReturn
	entry := rec(t, x86, "read")
	entry.Kind = pcapng.KindSyscallEntry
	sigchld := &pcapng.Record{Kind: pcapng.KindSignal, Arch: x86.Audit, Nr: 17}
	sigterm := &pcapng.Record{Kind: pcapng.KindSignal, Arch: x86.Audit, Nr: 15}
	exit := &pcapng.Record{Kind: pcapng.KindExit, Arch: x86.Audit}

	type want struct{ ok, failed, neverFails, noReturn, entry, sigchld, sigterm, exit bool }
	for _, tc := range []struct {
		setup func(*Filter) error
		name  string
		want  want
	}{
		{func(f *Filter) error { return nil }, "nothing", want{true, true, true, true, true, true, true, true}},
		{func(f *Filter) error { return f.Qualify("status=successful") }, "status=successful", want{ok: true, neverFails: true, sigchld: true, sigterm: true, exit: true}},
		{func(f *Filter) error { return f.Qualify("status=failed") }, "status=failed", want{failed: true, sigchld: true, sigterm: true, exit: true}},
		{func(f *Filter) error { return f.Qualify("status=unfinished") }, "status=unfinished", want{noReturn: true, sigchld: true, sigterm: true, exit: true}},
		{func(f *Filter) error { return f.Qualify("status=!failed") }, "status=!failed", want{ok: true, neverFails: true, noReturn: true, sigchld: true, sigterm: true, exit: true}},
		{func(f *Filter) error { f.SuccessfulOnly(); return nil }, "-z", want{ok: true, neverFails: true, sigchld: true, sigterm: true, exit: true}},
		{func(f *Filter) error { f.SuccessfulOnly(); f.FailedOnly(); return nil }, "-z -Z", want{failed: true, sigchld: true, sigterm: true, exit: true}},
		{func(f *Filter) error { f.FailedOnly(); return f.Qualify("status=successful") }, "-Z -e status=successful", want{ok: true, neverFails: true, sigchld: true, sigterm: true, exit: true}},
		{func(f *Filter) error { return f.Qualify("signal=!SIGCHLD") }, "signal=!SIGCHLD", want{true, true, true, true, true, false, true, true}},
		{func(f *Filter) error { return f.Qualify("signal=none") }, "signal=none", want{true, true, true, true, true, false, false, true}},
		{func(f *Filter) error { return f.Qualify("signal=chld") }, "signal=chld", want{true, true, true, true, true, true, false, true}},
	} {
		f := New()
		if err := tc.setup(f); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		got := want{f.Keep(ok), f.Keep(failed), f.Keep(neverFails), f.Keep(noReturn), f.Keep(entry), f.Keep(sigchld), f.Keep(sigterm), f.Keep(exit)}
		if got != tc.want {
			t.Errorf("%s: kept %+v, want %+v", tc.name, got, tc.want)
		}
	}
}

func TestPaths(t *testing.T) {
	x86 := decoder.ArchByAudit(decoder.AuditArchX86_64)
	const addr = 0x7000
	open := rec(t, x86, "openat")
	open.Args = [6]uint64{uint64(0xffffff9c), addr, 0, 0}
	open.Sections = []pcapng.Section{{Type: pcapng.SecMem, Flags: pcapng.SecFlagString | pcapng.SecFlagTerminated, Key: addr, Data: []byte("/etc/passwd")}}
	read := rec(t, x86, "read")
	read.Args = [6]uint64{3, addr, 10}
	read.Sections = []pcapng.Section{{Type: pcapng.SecFDPath, Key: 3, Data: []byte("/etc/passwd")}}
	other := rec(t, x86, "read")
	other.Args = [6]uint64{4, addr, 10}
	other.Sections = []pcapng.Section{{Type: pcapng.SecFDPath, Key: 4, Data: []byte("/etc/group")}}
	getpid := rec(t, x86, "getpid")

	f := New()
	if err := f.TracePath("/etc/passwd"); err != nil {
		t.Fatal(err)
	}
	if !f.Keep(open) || !f.Keep(read) || f.Keep(other) || f.Keep(getpid) {
		t.Errorf("-P /etc/passwd: openat %v, read of it %v, read of another %v, getpid %v; want true true false false",
			f.Keep(open), f.Keep(read), f.Keep(other), f.Keep(getpid))
	}
	if err := f.TracePath("/etc/group"); err != nil || !f.Keep(other) {
		t.Error("a second -P does not add its path")
	}
	if err := New().TracePath(""); err == nil {
		t.Error("-P with an empty path accepted")
	}
	// A symlink matches by its target too, as fd paths name the target.
	link := filepath.Join(t.TempDir(), "pw")
	if err := os.Symlink("/etc/passwd", link); err != nil {
		t.Fatal(err)
	}
	f = New()
	if err := f.TracePath(link); err != nil || !f.Keep(read) {
		t.Errorf("-P %s (a symlink to /etc/passwd) drops a read of /etc/passwd (%v)", link, err)
	}
}

// TestSetsMatchStrace runs a real program under strace with every
// expression and checks that the syscalls strace shows are exactly those
// the filter keeps among all the program makes.
func TestSetsMatchStrace(t *testing.T) {
	strace := needStrace(t)
	x86 := decoder.ArchByAudit(decoder.AuditArchX86_64)
	if decoder.ArchByName("x86_64") == nil || !strings.Contains(runtimeArch(), "x86_64") {
		t.Skip("compares x86_64 syscall sets; this host is " + runtimeArch())
	}
	prog := []string{"sh", "-c", "ls -l /etc/passwd /nonexistent >/dev/null 2>&1; date; id -u; true"}
	all := straceNames(t, strace, "trace=all", prog)
	if len(all) < 20 {
		t.Fatalf("strace saw only %d distinct syscalls: %v", len(all), all)
	}
	for _, expr := range []string{
		"trace=%file", "trace=%desc", "trace=%process", "trace=%memory", "trace=%signal", "trace=%creds",
		"trace=%%stat", "trace=%stat", "trace=%lstat", "trace=%fstat", "trace=%network", "trace=%clock",
		"trace=%pure", "trace=!%file", "trace=/^(open|close)", "trace=openat,close,read", "trace=!openat,close",
		"trace=/stat@64", "%file,connect", "trace=none",
	} {
		got := straceNames(t, strace, expr, prog)
		f, err := Parse(expr)
		if err != nil {
			t.Fatalf("Parse(%q): %v", expr, err)
		}
		var want []string
		for _, name := range all {
			if f.Keep(rec(t, x86, name)) {
				want = append(want, name)
			}
		}
		// strace shows a subset of what the program made in the trace=all
		// run: a different run may skip a call, never add one.
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("-e %s: strace shows %v, filter keeps %v", expr, got, want)
		}
	}
}

var callName = regexp.MustCompile(`^(?:\d+ +)?([a-z_0-9]+)\(`)

func straceNames(t *testing.T, strace, expr string, prog []string) []string {
	t.Helper()
	out, err := exec.Command(strace, append([]string{"-f", "-qq", "-e", expr, "-o", "/dev/stdout"}, prog...)...).Output()
	if err != nil {
		t.Fatalf("strace -e %s: %v", expr, err)
	}
	seen := map[string]bool{}
	for _, line := range strings.Split(string(out), "\n") {
		if m := callName.FindStringSubmatch(line); m != nil && !strings.HasPrefix(m[1], "syscall_") {
			seen[m[1]] = true
		}
	}
	names := make([]string, 0, len(seen))
	for n := range seen {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func runtimeArch() string {
	out, _ := exec.Command("uname", "-m").Output()
	return strings.TrimSpace(string(out))
}

// TestTraceFDs: --trace-fds keeps the calls whose fd arguments, or the
// descriptors of poll's array and select's sets, are in the set; calls on
// no descriptor go, and with -P a call touching either is kept.
func TestTraceFDs(t *testing.T) {
	x86 := decoder.ArchByAudit(decoder.AuditArchX86_64)
	const addr = 0x7000
	call := func(name string, args ...uint64) *pcapng.Record {
		r := rec(t, x86, name)
		copy(r.Args[:], args)
		return r
	}
	read3 := call("read", 3, addr, 10)
	read4 := call("read", 4, addr, 10)
	dup2 := call("dup2", 5, 1)
	mmap7 := call("mmap", 0, 4096, 1, 2, 7, 0)
	openat := call("openat", uint64(0xffffff9c), addr, 0, 0)
	openat.Sections = []pcapng.Section{{Type: pcapng.SecMem, Flags: pcapng.SecFlagString | pcapng.SecFlagTerminated, Key: addr, Data: []byte("/etc/passwd")}}
	openat3 := call("openat", 3, addr, 0, 0)
	openat3.Sections = openat.Sections
	getpid := call("getpid")
	// poll([{fd=9, events=POLLIN}, {fd=-1, ...}], 2, 0)
	pollfds := []byte{9, 0, 0, 0, 1, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 1, 0, 0, 0}
	poll := call("poll", addr, 2, 0)
	poll.Sections = []pcapng.Section{{Type: pcapng.SecMem, Key: addr, Data: pollfds}}
	// select(12, [2 11], NULL, NULL, NULL)
	sel := call("select", 12, addr, 0, 0, 0)
	sel.Sections = []pcapng.Section{{Type: pcapng.SecMem, Key: addr, Data: []byte{1 << 2, 1 << 3, 0, 0, 0, 0, 0, 0}}}

	recs := []*pcapng.Record{read3, read4, dup2, mmap7, openat, openat3, getpid, poll, sel}
	names := []string{"read(3)", "read(4)", "dup2(5, 1)", "mmap(fd 7)", "openat(AT_FDCWD)", "openat(3)", "getpid", "poll(9)", "select(2 11)"}
	for _, tc := range []struct {
		exprs []string
		paths []string
		keep  []bool
	}{
		{[]string{"trace-fds=3"}, nil, []bool{true, false, false, false, false, true, false, false, false}},
		{[]string{"trace-fds=1,9,11"}, nil, []bool{false, false, true, false, false, false, false, true, true}},
		{[]string{"fd=7"}, nil, []bool{false, false, false, true, false, false, false, false, false}},
		{[]string{"fds=!3"}, nil, []bool{false, true, true, true, false, false, false, true, true}},
		{[]string{"trace-fd=all"}, nil, []bool{true, true, true, true, false, true, false, true, true}},
		{[]string{"trace-fds=none"}, nil, []bool{false, false, false, false, false, false, false, false, false}},
		{[]string{"trace-fds=4"}, []string{"/etc/passwd"}, []bool{false, true, false, false, true, true, false, false, false}},
		{[]string{"trace-fds=3", "trace=read"}, nil, []bool{true, false, false, false, false, false, false, false, false}},
	} {
		f, err := Parse(tc.exprs...)
		if err != nil {
			t.Fatalf("%v: %v", tc.exprs, err)
		}
		for _, p := range tc.paths {
			if err := f.TracePath(p); err != nil {
				t.Fatal(err)
			}
		}
		if !f.NeedsTracer() {
			t.Errorf("%v: a descriptor filter must be applied by the tracer", tc.exprs)
		}
		for i, r := range recs {
			if got := f.Keep(r); got != tc.keep[i] {
				t.Errorf("%v -P %v: %s kept %v, want %v", tc.exprs, tc.paths, names[i], got, tc.keep[i])
			}
		}
	}
	for _, bad := range []struct{ expr, err string }{
		{"trace-fds=abc", "invalid descriptor 'abc'"},
		{"trace-fds=-1", "invalid descriptor '-1'"},
		{"trace-fds=1-3", "invalid descriptor '1-3'"},
		{"trace-fds=", "invalid descriptor ''"},
	} {
		if _, err := Parse(bad.expr); err == nil || err.Error() != bad.err {
			t.Errorf("%s: error %v, want %q", bad.expr, err, bad.err)
		}
	}
}

func TestDump(t *testing.T) {
	for _, tc := range []struct {
		expr    string
		kind    string
		in, out []int32
	}{
		{"read=3", "read", []int32{3}, []int32{0, 4}},
		{"w=1,2", "write", []int32{1, 2}, []int32{3}},
		{"writes=all", "write", []int32{0, 9}, []int32{-1}},
		{"r=!0", "read", []int32{1}, []int32{0}},
		{"trace=read", "", nil, nil},
		{"read", "", nil, nil},
	} {
		kind, has, err := Dump(tc.expr)
		if err != nil || kind != tc.kind {
			t.Errorf("Dump(%q) = %q, %v; want %q", tc.expr, kind, err, tc.kind)
			continue
		}
		for _, fd := range tc.in {
			if !has(fd) {
				t.Errorf("Dump(%q): %d not in the set", tc.expr, fd)
			}
		}
		for _, fd := range tc.out {
			if has(fd) {
				t.Errorf("Dump(%q): %d in the set", tc.expr, fd)
			}
		}
	}
	if _, _, err := Dump("read=x"); err == nil {
		t.Error("Dump(read=x) took a bad descriptor")
	}
}
