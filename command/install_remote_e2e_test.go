package command_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// `stracedump install --remote` against a real OpenSSH server on
// 127.0.0.1 (docs/remote.md): the binary lands where --to says, runs
// there, and the strace interface's Remote tab captures with it.

// installFlags are install --remote's flags for s.
func (s *sshServer) installFlags() []string {
	return []string{"--remote", s.user + "@127.0.0.1", "--remote-port", strconv.Itoa(s.port), "--remote-key", s.key}
}

// sshCommand is ssh running command on s, with the ssh of env's PATH
// (sshEnv's, which knows the server's host key).
func (s *sshServer) sshCommand(env []string, command string) *exec.Cmd {
	cmd := exec.Command("sh", "-c", `exec ssh "$@"`, "sh", "-o", "BatchMode=yes", "-p", strconv.Itoa(s.port), "-i", s.key, s.user+"@127.0.0.1", "--", command)
	cmd.Env = env
	return cmd
}

// sshShell runs a shell command on s through ssh and returns its output.
func (s *sshServer) sshShell(t *testing.T, env []string, command string) string {
	t.Helper()
	out, err := s.sshCommand(env, command).CombinedOutput()
	if err != nil {
		t.Fatalf("ssh %q: %v\n%s", command, err, out)
	}
	return string(out)
}

func TestInstallRemote(t *testing.T) {
	s := startSSHD(t)
	env := s.sshEnv(t, true)
	dest := filepath.Join(t.TempDir(), "opt", "bin", "stracedump")

	out, stderr, code := runExtcap(t, env, append([]string{"install", "--dry-run", "--to", dest}, s.installFlags()...)...)
	if code != 0 || stderr != "" || !strings.Contains(out, "as "+dest) {
		t.Fatalf("install --remote --dry-run: exit %d, stderr %q, stdout:\n%s", code, stderr, out)
	}
	if _, err := os.Stat(dest); err == nil {
		t.Fatal("install --dry-run wrote the binary")
	}

	out, stderr, code = runExtcap(t, env, append([]string{"install", "--to", dest}, s.installFlags()...)...)
	if code != 0 || stderr != "" {
		t.Fatalf("install --remote: exit %d, stderr %q, stdout:\n%s", code, stderr, out)
	}
	t.Logf("install --remote said:\n%s", out)
	for _, want := range []string{"it runs: stracedump version ", "is not on the PATH", "extcap.strace.remotepath:" + dest} {
		if !strings.Contains(out, want) {
			t.Errorf("install --remote's output lacks %q:\n%s", want, out)
		}
	}
	got, err := os.ReadFile(dest)
	if err != nil {
		t.Fatal(err)
	}
	self, err := os.ReadFile(binary)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, self) {
		t.Errorf("the installed binary (%d bytes) is not this one (%d bytes)", len(got), len(self))
	}
	if st, err := os.Stat(dest); err != nil || st.Mode().Perm() != 0o755 {
		t.Errorf("installed binary's mode: %v %v", st.Mode(), err)
	}
	if _, err := os.Stat(dest + ".new"); err == nil {
		t.Error("the temporary copy was left behind")
	}

	// The Remote tab with the installed binary as its Remote stracedump.
	capture := touch(t, filepath.Join(t.TempDir(), "remote.pcapng"))
	args := []string{"--extcap-interface", "strace", "--capture", "--fifo", capture, "--command", "ls /",
		"--remote-host", s.user + "@127.0.0.1", "--remote-port", strconv.Itoa(s.port), "--remote-key", s.key, "--remote-path", dest}
	if _, stderr, code := runExtcap(t, env, args...); code != 0 || stderr != "" {
		t.Fatalf("remote capture with the installed binary: exit %d, stderr %q", code, stderr)
	}
	text, err := exec.Command(binary, "decode", capture).CombinedOutput()
	if err != nil || !strings.Contains(string(text), `execve("/usr/bin/ls", ["ls", "/"]`) {
		t.Fatalf("decode of the capture made by the installed binary: %v\n%s", err, text)
	}

	out, stderr, code = runExtcap(t, env, append([]string{"uninstall", "--to", dest}, s.installFlags()...)...)
	if code != 0 || stderr != "" || !strings.Contains(out, "removing "+dest) {
		t.Fatalf("uninstall --remote: exit %d, stderr %q, stdout:\n%s", code, stderr, out)
	}
	if _, err := os.Stat(dest); err == nil {
		t.Error("uninstall --remote left the binary")
	}
}

// TestInstallRemoteErrors: each failure is one line on stderr and exit
// status 1, and leaves nothing behind.
func TestInstallRemoteErrors(t *testing.T) {
	s := startSSHD(t)
	known := s.sshEnv(t, true)
	dir := t.TempDir()
	blocker := filepath.Join(dir, "file")
	if err := os.WriteFile(blocker, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		env  []string
		args []string
		want string
	}{
		{"unknown host key", s.sshEnv(t, false), []string{"--to", filepath.Join(dir, "a")}, "the host key of " + s.label() + " is not known yet"},
		{"directory is a file", known, []string{"--to", filepath.Join(blocker, "stracedump")}, "on " + s.label() + ": mkdir: "},
		{"with --system", known, []string{"--system"}, "--system installs into this machine's Wireshark"},
		{"bad port", known, []string{"--remote-port", "0"}, `--remote-port: "0" is not a port number`},
		{"bad host", known, []string{"--remote", "-oProxyCommand=x"}, `--remote: "-oProxyCommand=x" is not a host name`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// Later flags win: the case's own after the server's.
			_, stderr, code := runExtcap(t, tc.env, append(append([]string{"install"}, s.installFlags()...), tc.args...)...)
			if code != 1 || !strings.Contains(stderr, tc.want) || strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
				t.Errorf("exit %d, stderr %q; want one line with %q", code, stderr, tc.want)
			}
		})
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("the failed installs left files in %s: %v", dir, entries)
	}
}

// TestRemoteDiskFull: a remote disk that fills up, under install and
// under a capture written there, gives one line and exit status 1; the
// capture keeps what was written and no traced process is left.
func TestRemoteDiskFull(t *testing.T) {
	s := startSSHDWithDisk(t, "1m")
	env := s.sshEnv(t, true)

	_, stderr, code := runExtcap(t, env, append([]string{"install", "--to", filepath.Join(s.small, "stracedump")}, s.installFlags()...)...)
	if code != 1 || !strings.Contains(stderr, "No space left on device") || strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
		t.Errorf("install onto a full disk: exit %d, stderr %q; want one line saying the disk is full", code, stderr)
	}
	t.Logf("install onto a full disk: %s", stderr)
	if left := s.sshShell(t, env, "ls -A "+s.small); left != "" {
		t.Errorf("install onto a full disk left %q", left)
	}

	// A launched loop that writes records until the disk is full.
	marker := "diskfull" + strconv.Itoa(os.Getpid())
	trace := filepath.Join(s.small, "trace.pcapng")
	cmd := s.sshCommand(env, binary+" record -o "+trace+" -- sh -c 'm="+marker+"; while :; do : >/dev/null; done'")
	var errb bytes.Buffer
	cmd.Stderr = &errb
	err := cmd.Run()
	lines := strings.Split(strings.TrimSpace(errb.String()), "\n")
	if err == nil || !strings.Contains(errb.String(), "no space left on device") || len(lines) != 1 {
		t.Errorf("record onto a full disk: %v, stderr %q; want one line saying the disk is full", err, errb.String())
	}
	t.Logf("record onto a full disk: %s", errb.String())
	if !eventually(func() bool { return len(pidsWith(t, marker)) == 0 }) {
		t.Errorf("the traced loop is still there: pids %v", pidsWith(t, marker))
	}
	local := filepath.Join(t.TempDir(), "trace.pcapng")
	if err := os.WriteFile(local, []byte(s.sshShell(t, env, "cat "+trace)), 0o600); err != nil {
		t.Fatal(err)
	}
	text, _ := exec.Command(binary, "decode", local).Output()
	if !strings.Contains(string(text), "execve(\"/usr/bin/sh\"") || strings.Count(string(text), "dup2(") < 100 {
		t.Errorf("the capture on the full disk does not decode to the loop's calls:\n%.2000s", text)
	}
}

// pidsWith lists the processes whose command line holds s.
func pidsWith(t *testing.T, s string) []int {
	t.Helper()
	entries, err := os.ReadDir("/proc")
	if err != nil {
		t.Fatal(err)
	}
	var pids []int
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil || pid == os.Getpid() {
			continue
		}
		b, err := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
		if err == nil && bytes.Contains(b, []byte(s)) {
			pids = append(pids, pid)
		}
	}
	return pids
}
