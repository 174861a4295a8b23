package command_test

// Attaching to running processes: a stop leaves them running, an already traced
// one is refused, messages name zombies and repeats, and privileged copies act
// for their caller.

import (
	"bytes"
	binenc "encoding/binary"
	"fmt"
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

func TestAttachThenStopLeavesProcessRunning(t *testing.T) {
	needAttach(t)
	dir := t.TempDir()
	counter := filepath.Join(dir, "counter")
	victim := exec.Command("sh", "-c", `i=0; while true; do i=$((i+1)); echo $i > "$1"; sleep 0.05; done`, "sh", counter)
	if err := victim.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { victim.Process.Kill(); victim.Wait() }()
	time.Sleep(200 * time.Millisecond)

	capture := filepath.Join(dir, "attach.pcapng")
	var stderr bytes.Buffer
	rec := exec.Command(binary, "record", "-o", capture, "-p", strconv.Itoa(victim.Process.Pid))
	rec.Stderr = &stderr
	if err := rec.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(time.Second)
	rec.Process.Signal(syscall.SIGINT)
	took, _ := waitExit(t, rec, 5*time.Second)
	if took > time.Second {
		t.Errorf("stracedump took %v to stop, want < 1s", took)
	}
	if stderr.Len() > 0 {
		t.Errorf("stderr: %s", stderr.String())
	}

	pid := victim.Process.Pid
	if s := procState(pid); s == "" || s == "T" || s == "t" || s == "Z" {
		t.Fatalf("attached process state %q after detach, want running or sleeping", s)
	}
	if tp := tracerPid(pid); tp != "0" {
		t.Errorf("TracerPid %s after detach, want 0", tp)
	}
	// The shell truncates the file before it writes the next number, so one
	// read can see it empty: count the highest number seen while polling.
	highest := 0
	read := func() int {
		b, _ := os.ReadFile(counter)
		if n, err := strconv.Atoi(strings.TrimSpace(string(b))); err == nil && n > highest {
			highest = n
		}
		return highest
	}
	before := read()
	deadline := time.Now().Add(3 * time.Second)
	for read() <= before+2 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if highest <= before+2 {
		t.Errorf("counter stuck at %d after detach (was %d)", highest, before)
	}

	recs := readRecords(t, capture)
	var syscalls, attach int
	for _, r := range recs {
		switch {
		case r.Kind == pcapng.KindSyscall && int(r.PID) == pid:
			syscalls++
		case r.Kind == pcapng.KindProcess && r.Flags&pcapng.FlagProcAttach != 0 && int(r.PID) == pid:
			attach++
			if !strings.Contains(r.Text(pcapng.SecArgv), "while true") {
				t.Errorf("attach metadata argv %q lacks the command line", r.Text(pcapng.SecArgv))
			}
		}
	}
	if attach != 1 || syscalls < 5 {
		t.Errorf("capture has %d attach records and %d syscalls of pid %d; want 1 and several", attach, syscalls, pid)
	}
}

func TestAttachToTracedProcess(t *testing.T) {
	needAttach(t)
	victim := exec.Command("sleep", "30")
	if err := victim.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { victim.Process.Kill(); victim.Wait() }()
	first := exec.Command(binary, "record", "-o", filepath.Join(t.TempDir(), "first"), "-p", strconv.Itoa(victim.Process.Pid))
	if err := first.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { first.Process.Signal(syscall.SIGTERM); first.Wait() }()
	for i := 0; i < 50 && tracerPid(victim.Process.Pid) == "0"; i++ {
		time.Sleep(20 * time.Millisecond)
	}
	out, err := exec.Command(binary, "record", "-o", filepath.Join(t.TempDir(), "second"), "-p", strconv.Itoa(victim.Process.Pid)).CombinedOutput()
	want := fmt.Sprintf("cannot attach to pid %d: already traced by pid %d", victim.Process.Pid, first.Process.Pid)
	if err == nil || !strings.Contains(string(out), want) {
		t.Errorf("second attach: %v, %q; want failure saying %q", err, out, want)
	}
}

// TestAttachMessages: a zombie is named as one, not as a privilege
// problem; a pid given twice is attached once.
func TestAttachMessages(t *testing.T) {
	needAttach(t)
	zombie := exec.Command("true")
	if err := zombie.Start(); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 200 && procState(zombie.Process.Pid) != "Z"; i++ {
		time.Sleep(10 * time.Millisecond)
	}
	out, err := exec.Command(binary, "record", "-o", filepath.Join(t.TempDir(), "z"), "-p", strconv.Itoa(zombie.Process.Pid)).CombinedOutput()
	zombie.Wait()
	if want := "it has exited (a zombie"; err == nil || !strings.Contains(string(out), want) || strings.Contains(string(out), "CAP_SYS_PTRACE") {
		t.Errorf("attach to a zombie: %v, %q; want a failure saying %q", err, out, want)
	}

	victim := exec.Command("sleep", "30")
	if err := victim.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { victim.Process.Kill(); victim.Wait() }()
	pid := strconv.Itoa(victim.Process.Pid)
	var stderr bytes.Buffer
	rec := exec.Command(binary, "record", "-o", filepath.Join(t.TempDir(), "twice"), "-p", pid, "-p", pid+","+pid)
	rec.Stderr = &stderr
	if err := rec.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(500 * time.Millisecond)
	rec.Process.Signal(syscall.SIGINT)
	waitExit(t, rec, 5*time.Second)
	if stderr.Len() > 0 {
		t.Errorf("-p %s twice: %s", pid, stderr.String())
	}
}

// TestPrivilegedCopiesActForTheirCaller: a copy of stracedump given
// CAP_SYS_PTRACE with a file capability (setcap cap_sys_ptrace+ep), or made
// set-user-ID or set-group-ID root, run by an unprivileged user, attaches to
// that user's own process and refuses root's, runs what it launches with
// the user's ids alone, and reads and writes files as the user
// (docs/security.md).
func TestPrivilegedCopiesActForTheirCaller(t *testing.T) {
	testhost.Root(t, "copies of the binary are given privilege and run as another user")
	needAttach(t)
	const nobody = 65534
	dir, err := os.MkdirTemp("", "stracedump-priv-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	os.Chmod(dir, 0o755)
	out := filepath.Join(dir, "out")
	os.Mkdir(out, 0o755)
	os.Chown(out, nobody, nobody)
	// Root's: a folder and files root's group may write, and a capture
	// only root may read.
	rootDir := filepath.Join(dir, "root")
	os.Mkdir(rootDir, 0o775)
	os.Chmod(rootDir, 0o775)
	victim := filepath.Join(rootDir, "victim")
	if err := os.WriteFile(victim, []byte("root's data\n"), 0o660); err != nil {
		t.Fatal(err)
	}
	// A third user's file anyone may write to, which its owner alone may
	// empty.
	thirds := filepath.Join(dir, "thirds")
	if err := os.WriteFile(thirds, []byte("a third user's data\n"), 0o666); err != nil {
		t.Fatal(err)
	}
	os.Chmod(thirds, 0o666)
	os.Chown(thirds, 4242, 4242)
	rootCapture := filepath.Join(rootDir, "root.pcapng")
	if msg, err := exec.Command(binary, "record", "-o", rootCapture, "--", "true").CombinedOutput(); err != nil {
		t.Fatalf("record: %v: %s", err, msg)
	}
	b, err := os.ReadFile(binary)
	if err != nil {
		t.Fatal(err)
	}
	// A set-user-ID root id, which a tracer without privilege runs without it.
	idBin, err := exec.LookPath("id")
	if err != nil {
		t.Fatal(err)
	}
	idb, err := os.ReadFile(idBin)
	if err != nil {
		t.Fatal(err)
	}
	suid := filepath.Join(dir, "id")
	if err := os.WriteFile(suid, idb, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(suid, 0o755|os.ModeSetuid); err != nil {
		t.Fatal(err)
	}

	roots := exec.Command("sleep", "30")
	if err := roots.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { roots.Process.Kill(); roots.Wait() }()

	for _, kind := range []struct {
		name string
		give func(path string) error
	}{
		{"file capability", func(path string) error {
			// struct vfs_cap_data, revision 2, effective: CAP_SYS_PTRACE
			// (19) permitted, nothing inheritable.
			capData := make([]byte, 20)
			binenc.LittleEndian.PutUint32(capData[0:], 0x02000000|1)
			binenc.LittleEndian.PutUint32(capData[4:], 1<<19)
			return unix.Setxattr(path, "security.capability", capData, 0)
		}},
		{"set-user-ID root", func(path string) error { return os.Chmod(path, 0o755|os.ModeSetuid) }},
		{"set-group-ID root", func(path string) error { return os.Chmod(path, 0o755|os.ModeSetgid) }},
	} {
		t.Run(kind.name, func(t *testing.T) {
			capped := filepath.Join(dir, "stracedump-"+strings.ReplaceAll(kind.name, " ", "-"))
			if err := os.WriteFile(capped, b, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := kind.give(capped); err != nil {
				t.Fatalf("giving %s its privilege: %v", capped, err)
			}
			asNobody := func(args ...string) *exec.Cmd {
				cmd := exec.Command(capped, args...)
				cmd.Dir = out
				cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody, Gid: nobody}}
				return cmd
			}
			refused := func(what, want string, args ...string) {
				t.Helper()
				msg, err := asNobody(args...).CombinedOutput()
				if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 || !strings.Contains(string(msg), want) {
					t.Errorf("%s: %v, %q; want status 1 and %q", what, err, msg, want)
				}
			}

			refused("nobody attaching to root's process", "traces only its caller's (uid 65534) own processes",
				"record", "-o", "roots.pcapng", "-p", strconv.Itoa(roots.Process.Pid))
			own := exec.Command("sleep", "30")
			own.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody, Gid: nobody}}
			if err := own.Start(); err != nil {
				t.Fatal(err)
			}
			defer func() { own.Process.Kill(); own.Wait() }()
			rec := asNobody("record", "-o", "own.pcapng", "-p", strconv.Itoa(own.Process.Pid))
			var stderr bytes.Buffer
			rec.Stderr = &stderr
			if err := rec.Start(); err != nil {
				t.Fatal(err)
			}
			for i := 0; i < 100 && (tracerPid(own.Process.Pid) == "0" || stderr.Len() == 0 && tracerPid(own.Process.Pid) == ""); i++ {
				time.Sleep(20 * time.Millisecond)
			}
			if tp := tracerPid(own.Process.Pid); tp == "0" || tp == "" {
				t.Errorf("nobody's own process is not traced; stderr %q", stderr.String())
			}
			rec.Process.Signal(syscall.SIGINT)
			waitExit(t, rec, 5*time.Second)
			if stderr.Len() > 0 {
				t.Errorf("attaching to its own process: %s", stderr.String())
			}

			// What it launches has the caller's ids and no others, and a
			// set-user-ID program in it gets no privilege.
			for _, c := range [][]string{{"id"}, {suid}} {
				got, err := asNobody(append([]string{"record", "-o", "id.pcapng", "--"}, c...)...).Output()
				if want := "uid=65534(nobody) gid=65534(nogroup) groups=65534(nogroup)"; err != nil || strings.TrimSpace(string(got)) != want {
					t.Errorf("%s launched by nobody printed %q (%v); want %q", c[0], got, err, want)
				}
			}
			refused("-u root", "-u root: running the command as another user needs root (stracedump runs as uid 65534)",
				"record", "-u", "root", "-o", "u.pcapng", "--", "id")

			// Files are the caller's business: root's are neither written
			// nor read, and nothing is created where only root may write.
			refused("record -o onto root's file", "permission denied", "record", "-o", victim, "--", "true")
			if got, _ := os.ReadFile(victim); string(got) != "root's data\n" {
				t.Errorf("root's file now holds %q", got)
			}
			refused("record -o onto a third user's world-writable file", "belongs to uid 4242", "record", "-o", thirds, "--", "true")
			if got, _ := os.ReadFile(thirds); string(got) != "a third user's data\n" {
				t.Errorf("the third user's file now holds %q", got)
			}
			refused("decode of a capture only root may read", "permission denied", "decode", rootCapture)
			refused("decode -o into root's folder", "permission denied", "decode", "-o", filepath.Join(rootDir, "new.txt"), "own.pcapng")
			if _, err := os.Stat(filepath.Join(rootDir, "new.txt")); err == nil {
				t.Error("decode -o created a file in root's folder")
			}
		})
	}
}
