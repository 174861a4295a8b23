package command_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stracedump/stracedump/internal/testhost"
	"github.com/stracedump/stracedump/pcapng"
	"golang.org/x/sys/unix"
)

// run runs the binary and returns its stdout, stderr, exit status and
// how long it took.
func run(t *testing.T, args ...string) (string, string, int, time.Duration) {
	t.Helper()
	cmd := exec.Command(binary, args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	err := cmd.Run()
	took := time.Since(start)
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errb.String(), code, took
}

// TestExtcapDiscovery runs every call Wireshark makes outside a capture:
// each exits 0, quickly, and says nothing on stderr.
func TestExtcapDiscovery(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		want string // a line stdout must hold; "" for empty stdout
	}{
		// The binary's own version: built from a checkout, it names the
		// commit, which go test's build info does not have.
		{"interfaces", []string{"--extcap-interfaces", "--extcap-version=4.0"}, "extcap {version=" + binaryVersion(t) + "}{help=file:///"},
		{"interfaces without version", []string{"--extcap-interfaces"}, "interface {value=strace}{display=System calls (strace)}"},
		{"dlts", []string{"--extcap-dlts", "--extcap-interface", "strace"}, "dlt {number=252}{name=WIRESHARK_UPPER_PDU}"},
		{"config", []string{"--extcap-config", "--extcap-interface", "strace"}, "arg {number=0}{call=--command}"},
		{"reload", []string{"--extcap-config", "--extcap-interface", "strace", "--extcap-reload-option", "process", "--command", "ls"},
			"value {arg=3}{value=}{display=(none)}{default=true}\n"},
		{"valid filter", []string{"--extcap-capture-filter", "trace=%file,read", "--extcap-interface", "strace"}, ""},
		{"invalid filter", []string{"--extcap-capture-filter", "%fil", "--extcap-interface", "strace"}, `unknown syscall class '%fil' (the classes: %file `},
		{"cleanup", []string{"--extcap-cleanup-postkill", "--extcap-interface", "strace"}, ""},
		{"unknown extcap options", []string{"--extcap-interfaces", "--extcap-version=9.9", "--extcap-new-thing", "x", "--extcap-flag"}, "interface {value=strace}"},
		{"help", []string{"--help"}, "--extcap-interfaces"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var best time.Duration
			for i := 0; i < 5; i++ { // best of five: a busy machine or a cold cache is not our startup
				out, stderr, code, took := run(t, tc.args...)
				if code != 0 || stderr != "" {
					t.Fatalf("exit %d, stderr %q", code, stderr)
				}
				if tc.want == "" && out != "" || !strings.Contains(out, tc.want) {
					t.Fatalf("stdout %q, want it to hold %q", out, tc.want)
				}
				if tc.name == "invalid filter" && strings.Count(out, "\n") != 1 {
					t.Errorf("filter error %q is not one line", out)
				}
				if i == 0 || took < best {
					best = took
				}
			}
			if best > 50*time.Millisecond {
				t.Errorf("took %v, want < 50ms", best)
			}
		})
	}
}

// TestExtcapReload: the process selector's reload lists our processes,
// but never the extcap's own ancestors (Wireshark, here this test), whose
// tracing would freeze the capture.
func TestExtcapReload(t *testing.T) {
	sleep := exec.Command("sleep", "30")
	if err := sleep.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { sleep.Process.Kill(); sleep.Wait() }()
	out, stderr, code, _ := run(t, "--extcap-config", "--extcap-interface", "strace", "--extcap-reload-option", "process")
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	pid := sleep.Process.Pid
	if want := fmt.Sprintf("value {arg=3}{value=%d}{display=%d sleep sleep 30}\n", pid, pid); !strings.Contains(out, want) {
		t.Errorf("reload lacks %q", want)
	}
	if self := fmt.Sprintf("{value=%d}", os.Getpid()); strings.Contains(out, self) {
		t.Errorf("reload lists the extcap's parent %s", self)
	}
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if !strings.HasPrefix(line, "value {arg=3}") {
			t.Errorf("reload line %q is not a value of the selector", line)
		}
	}
}

// openReader opens a fifo's read end without waiting for a writer, as
// dumpcap holds it open before starting the extcap.
func mkfifoReader(t *testing.T, dir string) (string, *os.File) {
	t.Helper()
	path := filepath.Join(dir, "fifo")
	if err := unix.Mkfifo(path, 0o666); err != nil {
		t.Fatal(err)
	}
	os.Chmod(path, 0o666) // past the umask, for the unprivileged run
	fd, err := unix.Open(path, unix.O_RDONLY|unix.O_NONBLOCK|unix.O_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	return path, os.NewFile(uintptr(fd), path)
}

// writerCame reports whether some writer opened the fifo and went away:
// Linux signals POLLHUP to a reader only once a writer has been.
func writerCame(r *os.File) bool {
	fds := []unix.PollFd{{Fd: int32(r.Fd()), Events: unix.POLLIN}}
	n, _ := unix.Poll(fds, 0)
	return n > 0 && fds[0].Revents&unix.POLLHUP != 0
}

func TestExtcapCaptureErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"bad filter", []string{"--extcap-capture-filter", "opn", "--command", "ls"}, `stracedump: capture filter: invalid system call 'opn'`},
		{"nothing to trace", nil, "stracedump: nothing to trace"},
		{"bad option", []string{"--command", "ls", "--strlimit", "0"}, "String limit (strace.strlimit): 0 is outside"},
		{"missing pid", []string{"--pids", "999999999"}, "stracedump: cannot attach to pid 999999999: no such process"},
		{"missing program", []string{"--command", "no-such-program-xyz"}, `cannot run "no-such-program-xyz"`},
		{"missing workdir", []string{"--command", "ls", "--workdir", "/no-such-dir-xyz"}, `cannot run "ls": changing directory to /no-such-dir-xyz: no such file or directory`},
		{"own reader", []string{"--pids", strconv.Itoa(os.Getpid())}, fmt.Sprintf("cannot attach to pid %d: it runs this capture", os.Getpid())},
		{"wrong interface", []string{"--command", "ls", "--extcap-interface", "eth0"}, `unknown extcap interface "eth0"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fifo, r := mkfifoReader(t, t.TempDir())
			defer r.Close()
			args := append([]string{"--capture", "--fifo", fifo}, tc.args...)
			_, stderr, code, _ := run(t, args...)
			if code == 0 {
				t.Error("exit status 0, want failure")
			}
			if lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n"); len(lines) != 1 || !strings.Contains(lines[0], tc.want) {
				t.Errorf("stderr %q, want one line holding %q", stderr, tc.want)
			}
			if !writerCame(r) {
				t.Error("exited without opening the fifo: tshark 4.0 would hang")
			}
		})
	}
}

func TestExtcapAttachNeedsPrivilege(t *testing.T) {
	testhost.Root(t, "the extcap is run as another user")
	needAttach(t)
	victim := exec.Command("sleep", "30")
	if err := victim.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { victim.Process.Kill(); victim.Wait() }()
	dir := t.TempDir()
	os.Chmod(dir, 0o755)
	os.Chmod(filepath.Dir(dir), 0o755) // t.TempDir's parent
	os.Chmod(filepath.Dir(binary), 0o755)
	fifo, r := mkfifoReader(t, dir)
	defer r.Close()
	cmd := exec.Command(binary, "--capture", "--fifo", fifo, "--pids", strconv.Itoa(victim.Process.Pid))
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	want := fmt.Sprintf("stracedump: cannot attach to pid %d: operation not permitted (needs CAP_SYS_PTRACE", victim.Process.Pid)
	if err == nil || !strings.HasPrefix(stderr.String(), want) || strings.Count(stderr.String(), "\n") != 1 {
		t.Errorf("unprivileged attach: %v, stderr %q; want failure with one line starting %q", err, stderr.String(), want)
	}
}

// TestExtcapLifecycle plays dumpcap's part: the fifo is opened first, the
// capture streams, and when the reader closes and SIGTERM follows, the
// attached process is let go unharmed within a second, with nothing on
// stderr.
func TestExtcapLifecycle(t *testing.T) {
	needAttach(t)
	dir := t.TempDir()
	counter := filepath.Join(dir, "counter")
	victim := exec.Command("sh", "-c", `i=0; while true; do i=$((i+1)); echo $i > "$1"; sleep 0.05; done`, "sh", counter)
	if err := victim.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { victim.Process.Kill(); victim.Wait() }()
	pid := victim.Process.Pid

	fifo := filepath.Join(dir, "fifo")
	if err := unix.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	log := filepath.Join(dir, "log")
	var stderr bytes.Buffer
	ext := exec.Command(binary, "--capture", "--extcap-interface", "strace", "--fifo", fifo,
		"--pids", strconv.Itoa(pid), "--debug-file", log)
	ext.Stderr = &stderr
	if err := ext.Start(); err != nil {
		t.Fatal(err)
	}
	defer ext.Process.Kill()

	// Until the fifo has a reader, the extcap waits in open and touches
	// nothing.
	time.Sleep(300 * time.Millisecond)
	if tp := tracerPid(pid); tp != "0" {
		t.Fatalf("attached (TracerPid %s) before opening the fifo", tp)
	}
	if ext.ProcessState != nil {
		t.Fatal("exited before opening the fifo")
	}

	r, err := os.Open(fifo)
	if err != nil {
		t.Fatal(err)
	}
	got := make(chan error, 1)
	go func() {
		pr, err := pcapng.NewReader(r)
		if err != nil {
			got <- fmt.Errorf("pcapng header: %w", err)
			return
		}
		var rec pcapng.Record
		for {
			if err := pr.Next(&rec); err != nil {
				got <- fmt.Errorf("stream ended before a syscall of pid %d: %w", pid, err)
				return
			}
			if rec.Kind == pcapng.KindSyscall && int(rec.PID) == pid {
				// Live means the call reaches the reader moments after it
				// returned, not when some buffer fills.
				if lag := time.Since(time.Unix(0, rec.Time+int64(rec.Duration))); lag > 500*time.Millisecond {
					got <- fmt.Errorf("a syscall reached the reader %v after it returned, want < 0.5s", lag)
					return
				}
				got <- nil
				return
			}
		}
	}()
	select {
	case err := <-got:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(3 * time.Second):
		t.Fatal("no syscall of the attached process streamed within 3s")
	}

	// Wireshark's stop: close the read end, then SIGTERM.
	r.Close()
	time.Sleep(50 * time.Millisecond)
	ext.Process.Signal(syscall.SIGTERM)
	took, err := waitExit(t, ext, 5*time.Second)
	if took > time.Second {
		t.Errorf("took %v to exit after SIGTERM, want < 1s", took)
	}
	if err != nil {
		t.Errorf("exit: %v, want status 0", err)
	}
	if stderr.Len() > 0 {
		t.Errorf("stderr %q, want nothing", stderr.String())
	}
	if s := procState(pid); s == "" || s == "T" || s == "t" || s == "Z" {
		t.Fatalf("attached process in state %q after the capture, want running", s)
	}
	if tp := tracerPid(pid); tp != "0" {
		t.Errorf("TracerPid %s after the capture, want 0", tp)
	}
	read := func() int {
		for i := 0; i < 20; i++ { // the loop truncates before it writes
			b, _ := os.ReadFile(counter)
			if n, err := strconv.Atoi(strings.TrimSpace(string(b))); err == nil {
				return n
			}
			time.Sleep(5 * time.Millisecond)
		}
		return 0
	}
	before := read()
	time.Sleep(300 * time.Millisecond)
	if after := read(); after <= before {
		t.Errorf("attached process stuck after the capture (counter %d)", after)
	}
	if b, _ := os.ReadFile(log); !bytes.Contains(b, []byte("capture ended")) {
		t.Errorf("debug log %q lacks the end of the capture", b)
	}
}

// TestExtcapReaderGoneFirst: the fifo closes and no signal follows (a
// dumpcap that died): the capture still ends by itself.
func TestExtcapReaderGoneFirst(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := unix.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	ext := exec.Command(binary, "--capture", "--fifo", fifo, "--command", "sleep 30")
	var stderr bytes.Buffer
	ext.Stderr = &stderr
	if err := ext.Start(); err != nil {
		t.Fatal(err)
	}
	r, err := os.Open(fifo)
	if err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 4)
	if _, err := io.ReadFull(r, buf); err != nil || !bytes.Equal(buf, []byte{0x0a, 0x0d, 0x0d, 0x0a}) {
		t.Fatalf("first bytes %x, %v; want a pcapng section header", buf, err)
	}
	time.Sleep(300 * time.Millisecond)
	r.Close()
	if _, err := waitExit(t, ext, 3*time.Second); err != nil {
		t.Errorf("exit: %v (stderr %q)", err, stderr.String())
	}
	if stderr.Len() > 0 {
		t.Errorf("stderr %q", stderr.String())
	}
}

// TestExtcapConfigListsProcesses: the dialog's process picker is filled
// when it opens, from the config answer, not only after a reload.
func TestExtcapConfigListsProcesses(t *testing.T) {
	sleeper := exec.Command("sleep", "30")
	if err := sleeper.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { sleeper.Process.Kill(); sleeper.Wait() }()
	out, stderr, code, _ := run(t, "--extcap-config", "--extcap-interface", "strace")
	want := fmt.Sprintf("value {arg=3}{value=%d}{display=%d sleep sleep 30}\n", sleeper.Process.Pid, sleeper.Process.Pid)
	if code != 0 || stderr != "" || !strings.Contains(out, want) {
		t.Errorf("--extcap-config: exit %d, stderr %q; want the line %q in:\n%s", code, stderr, want, out)
	}
	if self := fmt.Sprintf("{value=%d}", os.Getpid()); strings.Contains(out, self) {
		t.Errorf("--extcap-config offers the test process %d, which runs the extcap", os.Getpid())
	}
}

// binaryVersion is what the built binary's --version names.
func binaryVersion(t *testing.T) string {
	t.Helper()
	out, err := exec.Command(binary, "--version").Output()
	if err != nil {
		t.Fatalf("stracedump --version: %v", err)
	}
	f := strings.Fields(string(out))
	if len(f) == 0 {
		t.Fatalf("stracedump --version printed nothing")
	}
	return f[len(f)-1]
}
