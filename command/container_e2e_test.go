package command_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stracedump/stracedump/internal/testhost"
	"github.com/stracedump/stracedump/pcapng"
)

// Containers, as docs/remote.md describes tracing them, with what the CI
// machine can run: new pid and mount namespaces made by unshare (a
// container without the image), entered with nsenter as kubectl debug's
// process-namespace-sharing container and docker exec enter a pod's or a
// container's.

// namespaces is the kernel's offer of new pid and mount namespaces to us.
var namespaces = testhost.NewFeature("new pid and mount namespaces (unshare --pid --mount)", "namespaces", func() error {
	out, err := exec.Command("unshare", "--pid", "--fork", "--mount-proc", "true").CombinedOutput()
	if err != nil {
		return fmt.Errorf("unshare --pid --fork --mount-proc true: %v: %s", err, bytes.TrimSpace(out))
	}
	return nil
})

// needNamespaces returns unshare's path, or ends the test saying why the
// machine cannot make a container's namespaces.
func needNamespaces(t *testing.T) string {
	t.Helper()
	testhost.Root(t, "new pid and mount namespaces (unshare --pid --mount) need CAP_SYS_ADMIN")
	unshare := testhost.Tool(t, "unshare", "a container's namespaces are made with unshare")
	if namespaces.Err() != nil {
		testhost.Substitute(t, namespaces, "nothing: pid translation in containers is not checked on this host")
		t.SkipNow()
	}
	return unshare
}

// decodeText is stracedump decode's text of a capture with extra options.
func decodeText(t *testing.T, capture string, opts ...string) string {
	t.Helper()
	out, err := exec.Command(binary, append(append([]string{"decode"}, opts...), capture)...).CombinedOutput()
	if err != nil {
		t.Fatalf("decode %s: %v\n%s", capture, err, out)
	}
	return string(out)
}

// TestLaunchIntoNewNamespaces records a command that makes its own pid and
// mount namespaces, as a container runtime does: the records carry the
// tracer's (host) pids, as strace's [pid N] prefixes do, while the calls'
// arguments keep the values the process inside uses (kill(1, 0) for the
// namespace's first process signalling itself), as strace prints them.
func TestLaunchIntoNewNamespaces(t *testing.T) {
	unshare := needNamespaces(t)
	dir := t.TempDir()
	capture := filepath.Join(dir, "ns.pcapng")
	out, err := exec.Command(binary, "record", "-f", "-o", capture, "--", unshare, "--pid", "--fork", "--mount-proc",
		"sh", "-c", "kill -0 $$; echo $$; cat /proc/self/stat >/dev/null").CombinedOutput()
	if err != nil {
		t.Fatalf("record: %v\n%s", err, out)
	}
	if strings.TrimSpace(string(out)) != "1" {
		t.Fatalf("the shell in the new pid namespace printed %q as its pid, want 1", out)
	}
	text := decodeText(t, capture)
	kill := regexp.MustCompile(`(?m)^\[pid +(\d+)\] kill\((\d+), 0\) += 0$`).FindStringSubmatch(text)
	if kill == nil {
		t.Fatalf("no kill(PID, 0) line with a [pid N] prefix in:\n%s", text)
	}
	if kill[2] != "1" || kill[1] == "1" {
		t.Errorf("kill line %q: want the host's pid in the prefix and 1, the namespace's, as the argument", kill[0])
	}
	// The fd paths are read through the host's /proc of the tracee: the
	// private /proc the namespace mounted shows as the tracee sees it.
	if !regexp.MustCompile(`openat\(AT_FDCWD</[^>]*>, "/proc/self/stat", O_RDONLY\) = 3</proc/\d+/stat>`).MatchString(decodeText(t, capture, "-y")) {
		t.Errorf("decode -y shows no openat of /proc/self/stat with its path:\n%s", decodeText(t, capture, "-y"))
	}
}

// TestAttachInsideNamespace is kubectl debug's recipe: a tracer that joins
// the pid and mount namespaces of a running "container" attaches to its
// first process by the pid it has there (1), and the capture's pids are
// the namespace's throughout. Stopping the tracer leaves the process
// running and untraced. Then the host attaches to the same process by its
// host pid, as a container traced from the host is.
func TestAttachInsideNamespace(t *testing.T) {
	unshare := needNamespaces(t)
	needAttach(t)
	nsenter := testhost.Tool(t, "nsenter", "kubectl debug and docker exec enter a container's namespaces as nsenter does")
	dir := t.TempDir()
	// The loop writes a file each round: its pid 1 in the namespace is the
	// shell, whose children (sleep) get the next pids there.
	counter := filepath.Join(dir, "counter")
	container := exec.Command(unshare, "--pid", "--fork", "--mount-proc", "sh", "-c",
		`i=0; while :; do i=$((i+1)); echo $i > "$1"; sleep 0.05; done`, "sh", counter)
	container.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := container.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		syscall.Kill(-container.Process.Pid, syscall.SIGKILL)
		container.Wait()
	}()
	// unshare forks the namespace's first process: its only child.
	var hostPid int
	for deadline := time.Now().Add(5 * time.Second); hostPid == 0 && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		b, _ := os.ReadFile(fmt.Sprintf("/proc/%d/task/%d/children", container.Process.Pid, container.Process.Pid))
		if f := strings.Fields(string(b)); len(f) == 1 {
			hostPid, _ = strconv.Atoi(f[0])
		}
	}
	if hostPid == 0 {
		t.Fatal("the namespace's first process did not start")
	}

	run := func(name string, argv ...string) []pcapng.Record {
		t.Helper()
		capture := filepath.Join(dir, name+".pcapng")
		var stderr bytes.Buffer
		rec := exec.Command(argv[0], append(argv[1:], "-a", "duration:1", "-o", capture)...)
		rec.Stderr = &stderr
		// -a duration ends the capture as a stop signal does; nsenter,
		// which forks the tracer into the pid namespace, passes no
		// signal on, but waits for it and passes its status on.
		if err := rec.Start(); err != nil {
			t.Fatal(err)
		}
		if _, err := waitExit(t, rec, 10*time.Second); err != nil {
			t.Fatalf("%s: %v\n%s", name, err, stderr.String())
		}
		if stderr.Len() > 0 {
			t.Errorf("%s: stderr: %s", name, stderr.String())
		}
		if s := procState(hostPid); s == "" || s == "T" || s == "t" || s == "Z" {
			t.Fatalf("%s: the container's process is in state %q after the tracer stopped", name, s)
		}
		if tp := tracerPid(hostPid); tp != "0" {
			t.Errorf("%s: TracerPid %s after the tracer stopped, want 0", name, tp)
		}
		return readRecords(t, capture)
	}
	pids := func(recs []pcapng.Record) map[uint32]int {
		seen := map[uint32]int{}
		for _, r := range recs {
			if r.Kind == pcapng.KindSyscall {
				seen[r.PID]++
			}
		}
		return seen
	}

	inside := pids(run("inside", nsenter, "-t", strconv.Itoa(hostPid), "-p", "-m", binary, "record", "-f", "-p", "1"))
	if inside[1] < 5 {
		t.Errorf("inside the namespace: %d calls of pid 1, want the loop's; pids seen %v", inside[1], inside)
	}
	for pid := range inside {
		// The namespace holds the shell and its short-lived sleeps: its
		// pids are small, the host's are not (its own pid 1 is not traced).
		if pid == uint32(hostPid) {
			t.Errorf("inside the namespace the capture shows the host's pid %d: %v", hostPid, inside)
		}
	}

	outside := pids(run("host", binary, "record", "-p", strconv.Itoa(hostPid)))
	t.Logf("calls by pid: inside the namespace %v; from the host %v (host pid %d)", inside, outside, hostPid)
	if outside[uint32(hostPid)] < 5 || outside[1] != 0 {
		t.Errorf("from the host: pids seen %v, want the loop's calls under host pid %d and none under 1", outside, hostPid)
	}
}
