package command_test

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stracedump/stracedump/internal/testhost"
)

// Remote capture through Wireshark's sshdump (docs/remote.md): a real
// OpenSSH server on 127.0.0.1 with a key of the test's own, sshdump running
// stracedump as its remote capture command, as the capture dialog does.

// sshServer is an sshd on a loopback port that lets the key at key log in
// as the current user.
type sshServer struct {
	port  int
	key   string
	user  string
	small string // a directory on a small disk of the server's own, or ""
}

func startSSHD(t *testing.T) *sshServer {
	t.Helper()
	return startSSHDWithDisk(t, "")
}

// startSSHDWithDisk starts the server; with size set ("1m"), in a mount
// namespace of its own where the server's directory has a tmpfs of that
// size at small (its path in the returned server's small), which the
// remote commands see and the host does not: a full remote disk.
func startSSHDWithDisk(t *testing.T, size string) *sshServer {
	t.Helper()
	testhost.Root(t, "sshd changes user to the one logging in and needs /run/sshd")
	// sbin is not on every user's PATH.
	sshd := "/usr/sbin/sshd"
	if _, err := os.Stat(sshd); err != nil {
		sshd = testhost.Tool(t, "sshd", "remote capture is checked against a real OpenSSH server")
	}
	keygen := testhost.Tool(t, "ssh-keygen", "the server's and the client's keys are made for the test")
	dir := t.TempDir()
	for _, k := range []string{"host_key", "id"} {
		if out, err := exec.Command(keygen, "-q", "-t", "ed25519", "-N", "", "-f", filepath.Join(dir, k)).CombinedOutput(); err != nil {
			t.Fatalf("ssh-keygen: %v\n%s", err, out)
		}
	}
	pub, err := os.ReadFile(filepath.Join(dir, "id.pub"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "authorized_keys"), pub, 0o600); err != nil {
		t.Fatal(err)
	}
	// A free port: the kernel's pick, released for sshd to take.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	config := fmt.Sprintf(`Port %d
ListenAddress 127.0.0.1
HostKey %[2]s/host_key
AuthorizedKeysFile %[2]s/authorized_keys
PidFile %[2]s/sshd.pid
UsePAM no
StrictModes no
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
`, port, dir)
	if err := os.WriteFile(filepath.Join(dir, "sshd_config"), []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll("/run/sshd", 0o755); err != nil {
		t.Fatal(err)
	}
	// sshd re-executes itself: it wants its absolute path.
	cmd := exec.Command(sshd, "-D", "-e", "-f", filepath.Join(dir, "sshd_config"))
	small := ""
	if size != "" {
		unshare := needNamespaces(t)
		small = filepath.Join(dir, "small")
		if err := os.Mkdir(small, 0o755); err != nil {
			t.Fatal(err)
		}
		cmd = exec.Command(unshare, "--mount", "--propagation", "private", "sh", "-c",
			`mount -t tmpfs -o size="$1" tmpfs "$2" && shift 2 && exec "$@"`,
			"sh", size, small, sshd, "-D", "-e", "-f", filepath.Join(dir, "sshd_config"))
	}
	log, err := os.Create(filepath.Join(dir, "sshd.log"))
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		log.Close()
	})
	// Ready when it accepts connections.
	for i := 0; ; i++ {
		c, err := net.Dial("tcp", "127.0.0.1:"+strconv.Itoa(port))
		if err == nil {
			c.Close()
			break
		}
		if i == 100 {
			b, _ := os.ReadFile(filepath.Join(dir, "sshd.log"))
			t.Fatalf("sshd did not listen on port %d:\n%s", port, b)
		}
		time.Sleep(50 * time.Millisecond)
	}
	// The user the test runs as (root), whatever $USER says (sudo keeps the
	// caller's): the attach test traces the test's own processes.
	u, err := user.Current()
	if err != nil {
		t.Fatal(err)
	}
	return &sshServer{port: port, key: filepath.Join(dir, "id"), user: u.Username, small: small}
}

// sshdumpPath finds Wireshark's sshdump in the extcap folder tshark names.
func sshdumpPath(t *testing.T) string {
	t.Helper()
	tshark := testhost.Tool(t, "tshark", "sshdump comes with Wireshark")
	out, _ := exec.Command(tshark, "-G", "folders").Output()
	for _, l := range strings.Split(string(out), "\n") {
		name, dir, ok := strings.Cut(l, ":")
		if ok && strings.Contains(name, "xtcap path") {
			p := filepath.Join(strings.TrimSpace(dir), "sshdump")
			if _, err := os.Stat(p); err == nil {
				return p
			}
		}
	}
	t.Fatalf("no sshdump in the extcap folders of tshark -G folders:\n%s", out)
	return ""
}

// sshdump starts sshdump capturing into out with stracedump's args as the
// remote capture command, as Wireshark starts it.
func (s *sshServer) sshdump(t *testing.T, out string, args ...string) *exec.Cmd {
	t.Helper()
	remote := binary + " " + strings.Join(args, " ")
	cmd := exec.Command(sshdumpPath(t), "--extcap-interface", "sshdump", "--capture", "--fifo", out,
		"--remote-host", "127.0.0.1", "--remote-port", strconv.Itoa(s.port), "--remote-username", s.user,
		"--sshkey", s.key, "--remote-capture-command-select", "other", "--remote-capture-command", remote)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd
}

// eventually polls cond every 100 ms for up to 20 s.
func eventually(cond func() bool) bool {
	for i := 0; i < 200; i++ {
		if cond() {
			return true
		}
		time.Sleep(100 * time.Millisecond)
	}
	return false
}

func TestSshdumpLaunch(t *testing.T) {
	s := startSSHD(t)
	out := filepath.Join(t.TempDir(), "ls.pcapng")
	cmd := s.sshdump(t, out, "record", "-o", "-", "--", "ls", "/")
	if err := cmd.Wait(); err != nil {
		t.Fatalf("sshdump: %v", err)
	}
	text, err := exec.Command(binary, "decode", out).CombinedOutput()
	if err != nil {
		t.Fatalf("decode of the remote capture: %v\n%s", err, text)
	}
	for _, want := range []string{`execve("/usr/bin/ls", ["ls", "/"]`, "getdents64(", "+++ exited with 0 +++"} {
		if !strings.Contains(string(text), want) {
			t.Errorf("the remote capture lacks %q:\n%s", want, text)
		}
	}
}

// TestSshdumpConnectionDrop: sshdump killed mid-capture (Wireshark gone, or
// the connection dropped) leaves nothing behind on the remote host: the
// remote tracer sees its output's reader go and ends the launched command.
func TestSshdumpConnectionDrop(t *testing.T) {
	s := startSSHD(t)
	dir := t.TempDir()
	marker := fmt.Sprintf("1000.%d", os.Getpid())
	cmd := s.sshdump(t, filepath.Join(dir, "drop.pcapng"), "record", "-o", "-", "--", "sleep", marker)
	running := func() bool { return exec.Command("pgrep", "-f", "^sleep "+marker).Run() == nil }
	if !eventually(running) {
		t.Fatal("the remote sleep never started")
	}
	_ = cmd.Process.Kill()
	_ = cmd.Wait()
	if !eventually(func() bool { return !running() }) {
		_ = exec.Command("pkill", "-f", "^sleep "+marker).Run()
		t.Fatal("the remote sleep outlived the connection by 20 s")
	}
	// The remote stracedump ends after its tracee, once it has written
	// what it holds: a moment later on a loaded machine.
	if !eventually(func() bool { return exec.Command("pgrep", "-f", binary+" record -o - -- sleep "+marker).Run() != nil }) {
		t.Error("the remote stracedump outlived the connection by 20 s")
	}
}

// TestSshdumpAttachStop: attached by pid over sshdump, a stop (SIGTERM, as
// Wireshark stops an extcap) lets the process go on, untraced.
func TestSshdumpAttachStop(t *testing.T) {
	s := startSSHD(t)
	sleep := exec.Command("sleep", "1000")
	if err := sleep.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = sleep.Process.Kill(); _ = sleep.Wait() }()
	pid := sleep.Process.Pid
	out := filepath.Join(t.TempDir(), "attach.pcapng")
	cmd := s.sshdump(t, out, "record", "-o", "-", "-p", strconv.Itoa(pid))
	tracer := func() string {
		b, _ := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
		for _, l := range strings.Split(string(b), "\n") {
			if v, ok := strings.CutPrefix(l, "TracerPid:"); ok {
				return strings.TrimSpace(v)
			}
		}
		return ""
	}
	if !eventually(func() bool { t := tracer(); return t != "" && t != "0" }) {
		t.Fatal("the remote stracedump never attached")
	}
	// Stopped once the attached process's record has reached the capture,
	// as a user stops after seeing it.
	attached := func() bool {
		text, _ := exec.Command(binary, "decode", "--json", out).Output()
		return strings.Contains(string(text), fmt.Sprintf(`"pid":%d`, pid))
	}
	if !eventually(attached) {
		t.Fatal("the attached process's record never reached the capture")
	}
	_ = cmd.Process.Signal(syscall.SIGTERM)
	_ = cmd.Wait()
	if !eventually(func() bool { return tracer() == "0" }) {
		t.Fatalf("the process is still traced (TracerPid %s) after the stop", tracer())
	}
	if err := sleep.Process.Signal(syscall.Signal(0)); err != nil {
		t.Errorf("the attached process did not survive the stop: %v", err)
	}
	if text, err := exec.Command(binary, "decode", out).CombinedOutput(); err != nil {
		t.Errorf("decode of the attach capture after the stop: %v\n%s", err, text)
	}
}

// TestSSHPipe: the system ssh client runs record on the remote host and
// the capture comes back through the pipe (ssh HOST stracedump record -o -
// -- CMD | wireshark -k -i -), here into decode reading stdin.
func TestSSHPipe(t *testing.T) {
	s := startSSHD(t)
	ssh := testhost.Tool(t, "ssh", "the pipe recipe runs the system ssh client")
	dir := t.TempDir()
	remote := exec.Command(ssh, "-i", s.key, "-p", strconv.Itoa(s.port), "-o", "BatchMode=yes",
		"-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile="+filepath.Join(dir, "known_hosts"),
		s.user+"@127.0.0.1", binary, "record", "-o", "-", "--", "ls", "/")
	decode := exec.Command(binary, "decode", "-")
	pipe, err := remote.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	decode.Stdin = pipe
	var text strings.Builder
	decode.Stdout = &text
	if err := decode.Start(); err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	remote.Stderr = &stderr
	if err := remote.Run(); err != nil {
		t.Fatalf("ssh: %v\n%s", err, stderr.String())
	}
	if err := decode.Wait(); err != nil {
		t.Fatalf("decode -: %v", err)
	}
	if !strings.Contains(text.String(), `execve("/usr/bin/ls", ["ls", "/"]`) {
		t.Errorf("the capture through ssh lacks ls's execve:\n%s", text.String())
	}
}
