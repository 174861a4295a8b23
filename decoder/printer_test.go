package decoder

import (
	"encoding/binary"
	"os"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the clock test's zone, whatever the host has

	"github.com/stracedump/stracedump/pcapng"
)

// siginfo builds a 64-bit siginfo_t: signo, errno, code, then the union.
func siginfo(signo, code int32, union ...uint32) []byte {
	b := make([]byte, 128)
	le := binary.LittleEndian
	le.PutUint32(b[0:], uint32(signo))
	le.PutUint32(b[8:], uint32(code))
	for i, u := range union {
		le.PutUint32(b[16+4*i:], u)
	}
	return b
}

func signalRec(tid uint32, sig int64, info []byte) *pcapng.Record {
	return &pcapng.Record{Kind: pcapng.KindSignal, Arch: AuditArchX86_64, PID: tid, TID: tid, Nr: sig,
		Sections: []pcapng.Section{{Type: pcapng.SecSiginfo, Data: info}}}
}

func exitRec(tid uint32, status int64) *pcapng.Record {
	return &pcapng.Record{Kind: pcapng.KindExit, Arch: AuditArchX86_64, PID: tid, TID: tid, Ret: status}
}

func on(tid uint32, r *pcapng.Record) *pcapng.Record { r.PID, r.TID = tid, tid; return r }

func entryOf(r *pcapng.Record) *pcapng.Record {
	e := *r
	e.Kind = pcapng.KindSyscallEntry
	var secs []pcapng.Section
	for _, s := range r.Sections {
		if s.Flags&pcapng.SecFlagExit == 0 {
			secs = append(secs, s)
		}
	}
	e.Sections = secs
	return &e
}

// forkStream is the records of t2.c's first fork: the child kills itself
// with SIGSEGV while the parent waits. When entries is set, the tracer
// also wrote entry records for the calls that were interrupted.
func forkStream(t *testing.T, parent, child uint32, entries bool) []*pcapng.Record {
	f := newFake()
	clone := on(parent, captured(call(t, "clone", int64(child), 0x1200011, 0, 0, 0x7f351a59fa10, 0), f))
	robust := on(child, captured(call(t, "set_robust_list", 0, 0x7f351a59fa20, 24), f))
	wait := on(parent, captured(call(t, "wait4", int64(child), 0xffffffffffffffff, f.bytes(0x3000, []byte{11, 0, 0, 0}), 0, 0), f))
	getpid := on(child, captured(call(t, "getpid", int64(child)), f))
	kill := on(child, captured(call(t, "kill", 0, uint64(child), 11), f))
	exitGroup := on(parent, captured(call(t, "exit_group", 0, 0), f))
	exitGroup.Flags = pcapng.FlagNoReturn
	var recs []*pcapng.Record
	recs = append(recs, &pcapng.Record{Kind: pcapng.KindCapture, Args: [6]uint64{32}}, clone)
	// The tracer announces the child when it attaches to it.
	recs = append(recs, &pcapng.Record{Kind: pcapng.KindProcess, Flags: pcapng.FlagProcFork, PID: child, TID: child})
	if entries {
		recs = append(recs, entryOf(robust), entryOf(wait), robust)
	} else {
		recs = append(recs, robust, entryOf(wait))
	}
	recs = append(recs, getpid, kill,
		signalRec(child, 11, siginfo(11, 0, child, 0)),
		exitRec(child, 11),
		wait,
		signalRec(parent, 17, siginfo(17, 2, child, 0, 11)),
		exitGroup, exitRec(parent, 0))
	return recs
}

func printAll(t *testing.T, opts Options, recs []*pcapng.Record) string {
	var sb strings.Builder
	p := NewPrinter(&sb, New(opts))
	for _, r := range recs {
		if err := p.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	return sb.String()
}

func checkGolden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("%s differs:\n--- got\n%s--- want\n%s", path, got, want)
	}
}

// The expected texts are strace 6.1's (t2.c under strace -f -o and strace
// -f to a terminal), with its pids.
func TestPrinterFile(t *testing.T) {
	checkGolden(t, "testdata/printer_file.golden", printAll(t, DefaultOptions(), forkStream(t, 8471, 8472, true)))
}

func TestPrinterTerminal(t *testing.T) {
	opts := DefaultOptions()
	opts.Prefix = PrefixTerminal
	recs := forkStream(t, 8721, 8722, false)
	checkGolden(t, "testdata/printer_terminal.golden", printAll(t, opts, recs))
}

func TestPrinterQuiet(t *testing.T) {
	opts := DefaultOptions()
	opts.Quiet = 2
	out := printAll(t, opts, forkStream(t, 1, 2, true))
	// strace's -qq (quiet=exit) hides "+++ exited with N +++" only: a
	// death by a signal still prints (strace 6.1 -f -qq on a child killed
	// by SIGSEGV shows "+++ killed by SIGSEGV +++").
	if strings.Contains(out, "+++ exited") {
		t.Errorf("-qq printed exit lines:\n%s", out)
	}
	if !strings.Contains(out, "+++ killed by SIGSEGV +++") {
		t.Errorf("-qq hid a death by a signal:\n%s", out)
	}
	if !strings.Contains(out, "--- SIGCHLD") {
		t.Errorf("-qq lost signal lines:\n%s", out)
	}
}

func TestExitLines(t *testing.T) {
	for _, tc := range []struct {
		status int64
		want   string
	}{
		{0, "+++ exited with 0 +++"},
		{3 << 8, "+++ exited with 3 +++"},
		{9, "+++ killed by SIGKILL +++"},
		{11 | 0x80, "+++ killed by SIGSEGV (core dumped) +++"},
	} {
		if got := New(DefaultOptions()).Line(exitRec(1, tc.status)); got != tc.want {
			t.Errorf("status %#x: got %q, want %q", tc.status, got, tc.want)
		}
	}
}

func TestSignalLines(t *testing.T) {
	d := New(DefaultOptions())
	for _, tc := range []struct {
		rec  *pcapng.Record
		want string
	}{
		{signalRec(1, 17, siginfo(17, 1, 4813, 0, 1, 0, 0, 0, 2, 0)),
			"--- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=4813, si_uid=0, si_status=1, si_utime=0, si_stime=2 /* 0.02 s */} ---"},
		{signalRec(1, 17, siginfo(17, 5, 8474, 0, 19)),
			"--- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_STOPPED, si_pid=8474, si_uid=0, si_status=SIGSTOP, si_utime=0, si_stime=0} ---"},
		{signalRec(1, 19, siginfo(19, 0, 8474, 0)), "--- SIGSTOP {si_signo=SIGSTOP, si_code=SI_USER, si_pid=8474, si_uid=0} ---"},
		{signalRec(1, 11, siginfo(11, 1)), "--- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=NULL} ---"},
		{&pcapng.Record{Kind: pcapng.KindSignal, Flags: pcapng.FlagGroupStop, Nr: 19}, "--- stopped by SIGSTOP ---"},
	} {
		if got := d.Line(tc.rec); got != tc.want {
			t.Errorf("got  %s\nwant %s", got, tc.want)
		}
	}
}

// TestPrinterTimes follows strace -f -ttt -T -o and -tt: the pid, then the
// time the call entered; its duration after the result.
func TestPrinterTimes(t *testing.T) {
	defer func(l *time.Location) { time.Local = l }(time.Local)
	time.Local = time.UTC
	rec := on(5469, captured(call(t, "brk", 0x5639c9e89000, 0), newFake()))
	rec.Time = 1795656827850643000
	rec.Duration = 4000
	opts := DefaultOptions()
	opts.Timestamps, opts.Durations = 3, true
	if got, want := printAll(t, opts, []*pcapng.Record{rec}), "5469  1795656827.850643 brk(NULL)       = 0x5639c9e89000 <0.000004>\n"; got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	opts = DefaultOptions()
	opts.Timestamps, opts.Prefix = 2, PrefixNone
	if got, want := printAll(t, opts, []*pcapng.Record{rec}), "01:33:47.850643 brk(NULL)               = 0x5639c9e89000\n"; got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

// TestDecodeFDs follows strace -y: "read(3</etc/hostname>, ...".
func TestDecodeFDs(t *testing.T) {
	f := newFake()
	f.fds[3] = "/etc/hostname"
	rec := captured(call(t, "read", 3, 3, f.bytes(0x2000, []byte("vm\n")), 131072), f)
	opts := DefaultOptions()
	opts.DecodeFDs = 1
	if got, want := New(opts).Line(rec), `read(3</etc/hostname>, "vm\n", 131072)  = 3`; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if got, want := New(DefaultOptions()).Line(rec), `read(3, "vm\n", 131072)                 = 3`; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// -n heads every call with its number and a signal line with the number
// of the thread's latest call; -r heads lines with the time since the
// previous one (strace 6.1 prints both so).
func TestPrinterNumbersRelative(t *testing.T) {
	f := newFake()
	kill := captured(call(t, "kill", 0, 100, 11), f)
	kill.Time = 1_000_000_000
	sig := signalRec(100, 11, siginfo(11, 0, 100, 0))
	sig.Time = 1_000_250_000
	var sb strings.Builder
	opts := DefaultOptions()
	opts.Prefix, opts.SyscallNumbers, opts.Relative = PrefixNone, true, true
	p := NewPrinter(&sb, New(opts))
	for _, r := range []*pcapng.Record{kill, sig} {
		if err := p.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	want := "     0.000000 [  62] kill(100, SIGSEGV) = 0\n" +
		"     0.000250 [  62] --- SIGSEGV {si_signo=SIGSEGV, si_code=SI_USER, si_pid=100, si_uid=0} ---\n"
	if sb.String() != want {
		t.Errorf("got\n%s\nwant\n%s", sb.String(), want)
	}
}

// TestPrinterClock: -t and -tt format each second's clock once; lines of
// the same second, of the next, of an earlier one and across a daylight
// saving change must still read as time.Format reads them.
func TestPrinterClock(t *testing.T) {
	defer func(l *time.Location) { time.Local = l }(time.Local)
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err) // time/tzdata is linked in: this cannot depend on the host
	}
	time.Local = loc
	// 2026-03-29 01:00:00 UTC: Paris moves from 02:00 CET to 03:00 CEST.
	change := time.Date(2026, 3, 29, 1, 0, 0, 0, time.UTC).UnixNano()
	times := []int64{change - 2e9 + 850643000, change - 2e9 + 999999999, change - 1e9 + 1000, change - 1,
		change, change + 5e8, change - 3e9, -1500}
	var recs []*pcapng.Record
	for _, ns := range times {
		rec := on(7, captured(call(t, "getpid", 7), newFake()))
		rec.Time, rec.Duration = ns, 0
		recs = append(recs, rec)
	}
	for level, layout := range map[int]string{1: "15:04:05 ", 2: "15:04:05.000000 "} {
		opts := DefaultOptions()
		opts.Timestamps, opts.Prefix = level, PrefixNone
		var want strings.Builder
		for _, ns := range times {
			pre := time.Unix(0, ns).Format(layout)
			// The result in column 40, the prefix counted.
			want.WriteString(pre + "getpid()" + strings.Repeat(" ", 40-len(pre)-len("getpid()")) + "= 7\n")
		}
		if got := printAll(t, opts, recs); got != want.String() {
			t.Errorf("-t level %d: got\n%s\nwant\n%s", level, got, want.String())
		}
	}
}
