package tracer

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/stracedump/stracedump/decoder"
	"github.com/stracedump/stracedump/internal/testhost"
	"github.com/stracedump/stracedump/pcapng"
	"golang.org/x/sys/unix"
)

func TestMain(m *testing.M) {
	// The waker re-executes this test binary.
	RunHelper()
	os.Exit(m.Run())
}

type captured struct {
	raw  []byte // the record as written
	ts   int64  // its packet time
	live string
}

// trace runs argv under the tracer and returns every completed call's
// record bytes with the line decoded live at capture time.
func trace(t *testing.T, argv ...string) []captured {
	t.Helper()
	var calls []captured
	var pending []byte
	var pendingTS int64
	devnull, err := os.OpenFile(os.DevNull, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer devnull.Close()
	opts := Options{
		FollowForks: true,
		Decoder:     decoder.New(decoder.CaptureOptions(32)),
		Stdout:      devnull,
		Stderr:      devnull,
		LiveText: func(rec *pcapng.Record, text string) {
			calls = append(calls, captured{raw: pending, ts: pendingTS, live: text})
		},
	}
	emit := func(rec *pcapng.Record) error {
		if rec.Kind == pcapng.KindSyscall {
			pending, pendingTS = rec.AppendTo(nil), rec.PacketTime()
		}
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	stats, err := Trace(ctx, Target{Argv: argv}, opts, emit)
	if err != nil {
		t.Fatalf("tracing %v: %v", argv, err)
	}
	if stats.Syscalls == 0 || len(calls) == 0 {
		t.Fatalf("tracing %v saw no syscalls", argv)
	}
	return calls
}

// vmRead is process_vm_readv, which the tracer reads tracee memory with;
// where the kernel lacks it (CONFIG_CROSS_MEMORY_ATTACH=n) or refuses it,
// the tracer falls back to PTRACE_PEEKDATA.
var vmRead = testhost.NewFeature("process_vm_readv", "vmread", func() error {
	b := []byte("x")
	var dst [1]byte
	local := []unix.Iovec{{Base: &dst[0]}}
	local[0].SetLen(1)
	remote := []unix.RemoteIovec{{Base: uintptr(unsafe.Pointer(&b[0])), Len: 1}}
	if _, err := processVMReadv(os.Getpid(), local, remote); err != nil {
		return fmt.Errorf("reading this process's own memory gave %v", err)
	}
	return nil
})

// TestReplayEqualsLive holds the capture to its promise: decoding a record
// alone gives exactly the line decoded from the live process while it was
// stopped, for every call of real programs.
func TestReplayEqualsLive(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "in")
	if err := os.WriteFile(file, []byte("hello\tworld\n\x00\x01binary\xff"), 0o644); err != nil {
		t.Fatal(err)
	}
	programs := [][]string{
		{"ls", "-l", "/"},
		{"cat", file},
		{"sh", "-c", "echo hi | tr a-z A-Z > " + filepath.Join(dir, "out") + "; cat " + filepath.Join(dir, "out") + " nonexistent"},
	}
	if py, err := exec.LookPath("/usr/bin/python3"); err == nil {
		programs = append(programs, []string{py, "-c", "import json; print(json.dumps({'a': [1, 2]}))"})
	}
	// Netlink messages, whose decoding asks for the socket's protocol
	// and interface names.
	if ip, err := exec.LookPath("ip"); err == nil {
		programs = append(programs, []string{ip, "addr", "show"})
	}
	if vmRead.Err() != nil {
		testhost.Substitute(t, vmRead, "every live read goes through PTRACE_PEEKDATA, the fallback TestPeekFallback checks")
	}
	dec := decoder.New(decoder.CaptureOptions(32))
	for _, argv := range programs {
		t.Run(filepath.Base(argv[0]), func(t *testing.T) {
			calls := trace(t, argv...)
			differ := 0
			for i, c := range calls {
				var rec pcapng.Record
				if err := pcapng.Unmarshal(c.raw, c.ts, &rec); err != nil {
					t.Fatalf("call %d: %v", i, err)
				}
				if replay := dec.Line(&rec); replay != c.live {
					differ++
					if differ <= 5 {
						t.Errorf("call %d differs:\nlive:   %s\nreplay: %s", i, c.live, replay)
					}
				}
			}
			t.Logf("%d calls, %d differ between live and replay", len(calls), differ)
		})
	}
}

func TestLaunchMissingProgram(t *testing.T) {
	_, err := Trace(context.Background(), Target{Argv: []string{"/no/such/program"}}, Options{}, func(*pcapng.Record) error { return nil })
	if err == nil || err.Error() != `cannot run "/no/such/program": no such file or directory` {
		t.Errorf("error %v, want the program named with the reason", err)
	}
}

// TestFDCacheMatchesFreshLookups traces programs that open, dup, close
// and exec with many fds and checks every fd path served from the cache
// against a readlink made at the same stop.
func TestFDCacheMatchesFreshLookups(t *testing.T) {
	dir := t.TempDir()
	hits, stale := 0, 0
	checkFDCache = func(tid int, fd int32, cached, fresh string, err error) {
		hits++
		if err != nil || cached != fresh {
			stale++
			if stale <= 5 {
				t.Errorf("tid %d fd %d: cache says %q, /proc says %q (%v)", tid, fd, cached, fresh, err)
			}
		}
	}
	defer func() { checkFDCache = nil }()
	script := "exec 3>" + dir + "/a 4>" + dir + "/b; echo x >&3; echo y >&4; exec 3>&4; echo z >&3; exec 4>&-; " +
		"cat /etc/hostname /etc/os-release | wc -c >&3; ls " + dir + " >&3; exec 3<&-; echo done > " + dir + "/c; " +
		"for i in 1 2 3; do exec 5>" + dir + "/n$i; echo $i >&5; done; " +
		// Directories opened, read and closed one after another reuse the
		// same fd numbers with other paths.
		"mkdir -p " + dir + "/d/e/f " + dir + "/d/g; find " + dir + "/d /etc/ssl >/dev/null"
	calls := trace(t, "sh", "-c", script)
	if hits == 0 {
		t.Fatalf("no fd path came from the cache in %d calls", len(calls))
	}
	t.Logf("%d calls, %d fd paths from the cache, %d stale", len(calls), hits, stale)
}

// TestPeekFallback reads tracee memory the way a kernel without
// process_vm_readv makes the tracer read it, word by word with
// PTRACE_PEEKDATA, and must see the same bytes: a read of a file with
// binary bytes, across a page boundary where a path crosses one.
func TestPeekFallback(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "in")
	body := "hello\tworld\n\x00\x01binary\xff"
	if err := os.WriteFile(file, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	reads := func() []string {
		var got []string
		for _, c := range trace(t, "cat", file) {
			// The lines that name the file, which hold no address.
			if strings.HasPrefix(c.live, "read(3<"+file+">") || strings.HasPrefix(c.live, "openat(") && strings.Contains(c.live, file) {
				got = append(got, c.live)
			}
		}
		return got
	}
	want := reads()
	peekOnly = true
	defer func() { peekOnly = false }()
	got := reads()
	if len(want) < 2 || !strings.Contains(want[1], `"hello\tworld\n\0\1binary\377"`) {
		t.Fatalf("process_vm_readv side: %q, want the openat and a read of the file", want)
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("PTRACE_PEEKDATA read\n%s\nprocess_vm_readv read\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
