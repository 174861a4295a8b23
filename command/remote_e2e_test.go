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

	"golang.org/x/sys/unix"

	"github.com/stracedump/stracedump/internal/testhost"
	"github.com/stracedump/stracedump/pcapng"
)

// The strace interface's remote mode (docs/remote.md): the extcap runs the
// system ssh client against a real OpenSSH server on 127.0.0.1, which runs
// this build of stracedump as the remote one.

// sshEnv is an environment whose ssh knows the server's host key (or, with
// known false, knows no host at all), through a wrapper first on PATH: ssh
// reads ~/.ssh from the password database, not $HOME, so a test cannot
// give it a known_hosts file otherwise.
func (s *sshServer) sshEnv(t *testing.T, known bool) []string {
	t.Helper()
	ssh := testhost.Tool(t, "ssh", "the strace interface's remote mode runs the system ssh client")
	dir := t.TempDir()
	kh := filepath.Join(dir, "known_hosts")
	var line string
	if known {
		pub, err := os.ReadFile(filepath.Join(filepath.Dir(s.key), "host_key.pub"))
		if err != nil {
			t.Fatal(err)
		}
		line = fmt.Sprintf("[127.0.0.1]:%d %s", s.port, pub)
	}
	if err := os.WriteFile(kh, []byte(line), 0o600); err != nil {
		t.Fatal(err)
	}
	wrapper := fmt.Sprintf("#!/bin/sh\nexec %s -o UserKnownHostsFile=%s -o GlobalKnownHostsFile=/dev/null \"$@\"\n", ssh, kh)
	if err := os.WriteFile(filepath.Join(dir, "ssh"), []byte(wrapper), 0o755); err != nil {
		t.Fatal(err)
	}
	return append(os.Environ(), "PATH="+dir+":"+os.Getenv("PATH"))
}

// remoteArgs are the extcap's Remote tab options for s.
func (s *sshServer) remoteArgs() []string {
	return []string{"--remote-host", s.user + "@127.0.0.1", "--remote-port", strconv.Itoa(s.port),
		"--remote-key", s.key, "--remote-path", binary}
}

func (s *sshServer) label() string { return "127.0.0.1:" + strconv.Itoa(s.port) }

// runExtcap runs the extcap with env and returns stdout, stderr and the
// exit status.
func runExtcap(t *testing.T, env []string, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = env
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return out.String(), errb.String(), ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errb.String(), 0
}

// remoteLaunch captures command on s through the extcap entry point into
// a file and returns its path.
func (s *sshServer) remoteLaunch(t *testing.T, env []string, command string) string {
	t.Helper()
	out := touch(t, filepath.Join(t.TempDir(), "remote.pcapng"))
	args := append([]string{"--extcap-interface", "strace", "--capture", "--fifo", out, "--command", command}, s.remoteArgs()...)
	_, stderr, code := runExtcap(t, env, args...)
	if code != 0 || stderr != "" {
		t.Fatalf("remote capture of %q: exit %d, stderr %q", command, code, stderr)
	}
	return out
}

// touch creates an empty file at path, which the extcap then opens as
// its --fifo, and returns path.
func touch(t *testing.T, path string) string {
	t.Helper()
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestRemoteExtcapLaunch(t *testing.T) {
	s := startSSHD(t)
	env := s.sshEnv(t, true)
	out := s.remoteLaunch(t, env, "ls /")
	text, err := exec.Command(binary, "decode", out).CombinedOutput()
	if err != nil {
		t.Fatalf("decode of the remote capture: %v\n%s", err, text)
	}
	for _, want := range []string{`execve("/usr/bin/ls", ["ls", "/"]`, "getdents64(", "+++ exited with 0 +++"} {
		if !strings.Contains(string(text), want) {
			t.Errorf("the remote capture lacks %q:\n%s", want, text)
		}
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := pcapng.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	var rec pcapng.Record
	if err := r.Next(&rec); err != nil {
		t.Fatal(err)
	}
	if got, want := r.Interface().Description, "host: "+s.label()+"; ls /"; got != want {
		t.Errorf("interface description %q, want %q", got, want)
	}
}

// TestRemoteExtcapAttach attaches over ssh to a process the test started
// and stops as Wireshark does (the fifo's reader goes, then SIGTERM): the
// process runs on, untraced.
func TestRemoteExtcapAttach(t *testing.T) {
	s := startSSHD(t)
	env := s.sshEnv(t, true)
	sleep := exec.Command("sleep", "1001")
	if err := sleep.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = sleep.Process.Kill(); _ = sleep.Wait() }()
	pid := sleep.Process.Pid
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := unix.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	capFile := filepath.Join(dir, "attach.pcapng")
	args := append([]string{"--extcap-interface", "strace", "--capture", "--fifo", fifo, "--pids", strconv.Itoa(pid)}, s.remoteArgs()...)
	ext := exec.Command(binary, args...)
	ext.Env = env
	var stderr bytes.Buffer
	ext.Stderr = &stderr
	if err := ext.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = ext.Process.Kill() }()
	// dumpcap's side: the fifo's reader copies into a file.
	r, err := os.Open(fifo)
	if err != nil {
		t.Fatal(err)
	}
	capF, err := os.Create(capFile)
	if err != nil {
		t.Fatal(err)
	}
	defer capF.Close()
	go func() { _, _ = io.Copy(capF, r) }()
	if !eventually(func() bool { t := tracerPid(pid); return t != "" && t != "0" }) {
		t.Fatalf("the remote stracedump never attached; stderr %q", stderr.String())
	}
	attached := func() bool {
		text, _ := exec.Command(binary, "decode", "--json", capFile).Output()
		return strings.Contains(string(text), fmt.Sprintf(`"pid":%d`, pid))
	}
	if !eventually(attached) {
		t.Fatal("the attached process's record never reached the fifo")
	}
	// Wireshark's stop: the reader closes the fifo, then SIGTERM.
	r.Close()
	_ = ext.Process.Signal(syscall.SIGTERM)
	if err := ext.Wait(); err != nil || stderr.Len() > 0 {
		t.Errorf("the extcap after the stop: %v, stderr %q", err, stderr.String())
	}
	if !eventually(func() bool { return tracerPid(pid) == "0" }) {
		t.Fatalf("the process is still traced (TracerPid %s) after the stop", tracerPid(pid))
	}
	if st := procState(pid); st == "T" || st == "t" {
		t.Errorf("the process is left stopped (state %s)", st)
	}
	if err := sleep.Process.Signal(syscall.Signal(0)); err != nil {
		t.Errorf("the attached process did not survive the stop: %v", err)
	}
	if text, err := exec.Command(binary, "decode", capFile).CombinedOutput(); err != nil {
		t.Errorf("decode of the attach capture after the stop: %v\n%s", err, text)
	}
}

func TestRemoteProcessPicker(t *testing.T) {
	s := startSSHD(t)
	env := s.sshEnv(t, true)
	marker := fmt.Sprintf("1002.%d", os.Getpid())
	sleep := exec.Command("sleep", marker)
	if err := sleep.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = sleep.Process.Kill(); _ = sleep.Wait() }()
	args := append([]string{"--extcap-config", "--extcap-interface", "strace", "--extcap-reload-option", "process"}, s.remoteArgs()...)
	out, stderr, code := runExtcap(t, env, args...)
	if code != 0 || stderr != "" {
		t.Fatalf("remote reload: exit %d, stderr %q", code, stderr)
	}
	want := fmt.Sprintf("{value=%d}{display=%d sleep sleep %s}", sleep.Process.Pid, sleep.Process.Pid, marker)
	if !strings.Contains(out, want) {
		t.Errorf("the remote picker lacks %q:\n%s", want, out)
	}
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		if !strings.HasPrefix(l, "value {arg=") {
			t.Errorf("reload line %q is not a value sentence", l)
		}
	}
	// A host that cannot be listed: the picker's one entry says why.
	args = append([]string{"--extcap-config", "--extcap-interface", "strace", "--extcap-reload-option", "process"}, s.remoteArgs()...)
	out, stderr, code = runExtcap(t, s.sshEnv(t, false), args...)
	want = "value {arg=3}{value=}{display=(none) ssh failed: the host key of " + s.label() + " is not known yet"
	if code != 0 || stderr != "" || !strings.HasPrefix(out, want) || strings.Count(out, "\n") != 1 {
		t.Errorf("reload of an unknown host: exit %d, stderr %q, stdout %q; want one value starting %q", code, stderr, out, want)
	}
	// Opening the dialog never logs in anywhere.
	args = append([]string{"--extcap-config", "--extcap-interface", "strace"}, s.remoteArgs()...)
	if out, stderr, code = runExtcap(t, env, args...); code != 0 || stderr != "" || strings.Contains(out, marker) {
		t.Errorf("config with a remote host: exit %d, stderr %q, lists the remote processes: %v", code, stderr, strings.Contains(out, marker))
	}
}

// TestRemoteErrors: each failure is one line on stderr, exit status 1.
func TestRemoteErrors(t *testing.T) {
	s := startSSHD(t)
	known := s.sshEnv(t, true)
	for _, tc := range []struct {
		name string
		env  []string
		args []string
		want string
	}{
		{"unknown host key", s.sshEnv(t, false), nil, "host key of " + s.label() + " is not known yet"},
		{"no remote binary", known, []string{"--remote-path", "/nonexistent/stracedump"}, `has no "/nonexistent/stracedump"`},
		{"remote error", known, []string{"--command", "/nonexistent/prog"}, "on " + s.label() + ": "},
		{"bad port", known, []string{"--remote-port", "x"}, "SSH port (strace.remoteport)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"--extcap-interface", "strace", "--capture", "--fifo", touch(t, filepath.Join(t.TempDir(), "out")), "--command", "true"}, s.remoteArgs()...)
			args = append(args, tc.args...)
			_, stderr, code := runExtcap(t, tc.env, args...)
			t.Logf("%s", stderr)
			if code != 1 || !strings.Contains(stderr, tc.want) || strings.Count(stderr, "\n") != 1 {
				t.Errorf("exit %d, stderr %q; want 1 and one line with %q", code, stderr, tc.want)
			}
		})
	}
}

// TestRemoteConnectionDrop: the connection drops mid-capture (the server's
// session process dies): one line says so, and the remote run ends.
func TestRemoteConnectionDrop(t *testing.T) {
	s := startSSHD(t)
	env := s.sshEnv(t, true)
	marker := fmt.Sprintf("1003.%d", os.Getpid())
	out := touch(t, filepath.Join(t.TempDir(), "drop.pcapng"))
	args := append([]string{"--extcap-interface", "strace", "--capture", "--fifo", out, "--command", "sleep " + marker}, s.remoteArgs()...)
	ext := exec.Command(binary, args...)
	ext.Env = env
	var stderr bytes.Buffer
	ext.Stderr = &stderr
	if err := ext.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = ext.Process.Kill() }()
	running := func() bool { return exec.Command("pgrep", "-f", "^sleep "+marker).Run() == nil }
	if !eventually(running) {
		t.Fatalf("the remote sleep never started; stderr %q", stderr.String())
	}
	// The session's sshd processes: those whose command line names the user.
	b, _ := exec.Command("pgrep", "-f", "^sshd: "+s.user).Output()
	pids := strings.Fields(string(b))
	if len(pids) == 0 {
		t.Fatal("no sshd session process found")
	}
	for _, p := range pids {
		n, _ := strconv.Atoi(p)
		_ = syscall.Kill(n, syscall.SIGKILL)
	}
	done := make(chan error, 1)
	go func() { done <- ext.Wait() }()
	select {
	case err := <-done:
		t.Logf("%s", stderr.String())
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != 1 || !strings.Contains(stderr.String(), "dropped") || strings.Count(stderr.String(), "\n") != 1 {
			t.Errorf("after the drop: %v, stderr %q; want exit 1 and one line saying the connection dropped", err, stderr.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the extcap still runs 30 s after the connection dropped")
	}
	if !eventually(func() bool { return !running() }) {
		_ = exec.Command("pkill", "-f", "^sleep "+marker).Run()
		t.Error("the remote sleep outlived the connection by 20 s")
	}
}

// TestRemoteMerge: captures of two hosts (two SSH servers) merged with
// mergecap filter per host in tshark, and decode reads the merged file.
func TestRemoteMerge(t *testing.T) {
	testhost.Tool(t, "mergecap", "merged remote captures are checked with Wireshark's mergecap")
	testhost.Tool(t, "tshark", "the host filter is checked in the real tshark")
	a, b := startSSHD(t), startSSHD(t)
	capA := a.remoteLaunch(t, a.sshEnv(t, true), "ls /")
	capB := b.remoteLaunch(t, b.sshEnv(t, true), "true")
	merged := filepath.Join(t.TempDir(), "merged.pcapng")
	if out, err := exec.Command("mergecap", "-w", merged, capA, capB).CombinedOutput(); err != nil {
		t.Fatalf("mergecap: %v\n%s", err, out)
	}
	lua, _ := filepath.Abs("../lua/strace.lua")
	fields := func(filter string) []string {
		t.Helper()
		cmd := exec.Command("tshark", "-r", merged, "-X", "lua_script:"+lua, "-Y", filter, "-T", "fields", "-e", "strace.host", "-e", "frame.interface_description")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil || strings.Contains(stderr.String(), "Lua") {
			t.Fatalf("tshark -Y %q: %v\n%s", filter, err, stderr.String())
		}
		return strings.Split(strings.TrimSpace(string(out)), "\n")
	}
	all := fields("strace")
	onlyA := fields(fmt.Sprintf(`strace.host == "%s"`, a.label()))
	if len(onlyA) == 0 || len(onlyA) >= len(all) {
		t.Fatalf("host filter kept %d of %d records", len(onlyA), len(all))
	}
	for _, l := range onlyA {
		if !strings.HasPrefix(l, a.label()+"\thost: "+a.label()+"; ls /") {
			t.Errorf("a record of host %s shows %q", a.label(), l)
		}
	}
	byDesc := fields(fmt.Sprintf(`frame.interface_description contains "host: %s;"`, b.label()))
	if len(byDesc)+len(onlyA) != len(all) {
		t.Errorf("host %s has %d records by interface description, host %s %d, of %d", b.label(), len(byDesc), a.label(), len(onlyA), len(all))
	}
	text, err := exec.Command(binary, "decode", merged).CombinedOutput()
	if err != nil || !strings.Contains(string(text), `execve("/usr/bin/ls"`) || !strings.Contains(string(text), `execve("/usr/bin/true"`) {
		t.Errorf("decode of the merged capture: %v\n%s", err, text)
	}
}

// TestRemoteTshark: tshark -i strace with the Remote tab's preferences.
func TestRemoteTshark(t *testing.T) {
	s := startSSHD(t)
	w := newWireshark(t)
	w.env = append(s.sshEnv(t, true), "WIRESHARK_CONFIG_DIR="+w.dir)
	out := filepath.Join(t.TempDir(), "out.pcapng")
	_, stderr, code := w.tshark(t, 30*time.Second, "-i", "strace", "-w", out,
		"-o", "extcap.strace.command:ls /",
		"-o", "extcap.strace.remotehost:"+s.user+"@127.0.0.1",
		"-o", "extcap.strace.remoteport:"+strconv.Itoa(s.port),
		"-o", "extcap.strace.remotekey:"+s.key,
		"-o", "extcap.strace.remotepath:"+binary)
	if code != 0 || strings.Contains(stderr, "Error") {
		t.Fatalf("tshark: exit %d, stderr %q", code, stderr)
	}
	text, err := exec.Command(binary, "decode", out).CombinedOutput()
	if err != nil || !strings.Contains(string(text), `execve("/usr/bin/ls", ["ls", "/"]`) {
		t.Errorf("decode of tshark's remote capture: %v\n%s", err, text)
	}
	f, _ := os.Open(out)
	defer f.Close()
	b, _ := io.ReadAll(f)
	if !bytes.Contains(b, []byte("host: "+s.label()+"; ls /")) {
		t.Errorf("tshark's capture does not name the host %s", s.label())
	}
}

// TestRemoteProgramStatus: the traced program's own exit status, even the
// 255 and 127 that ssh and the shell use for their failures, is no error.
func TestRemoteProgramStatus(t *testing.T) {
	s := startSSHD(t)
	env := s.sshEnv(t, true)
	for _, code := range []string{"255", "127", "1"} {
		out := s.remoteLaunch(t, env, "sh -c 'exit "+code+"'")
		text, err := exec.Command(binary, "decode", out).CombinedOutput()
		if err != nil || !strings.Contains(string(text), "+++ exited with "+code+" +++") {
			t.Errorf("exit %s: decode %v\n%s", code, err, text)
		}
	}
}

// TestRemoteExtcapLaunchStop: Wireshark's stop (the fifo's reader goes,
// then SIGTERM) ends a remotely launched program, and the extcap exits 0
// without a word.
func TestRemoteExtcapLaunchStop(t *testing.T) {
	s := startSSHD(t)
	env := s.sshEnv(t, true)
	marker := fmt.Sprintf("1004.%d", os.Getpid())
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := unix.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	args := append([]string{"--extcap-interface", "strace", "--capture", "--fifo", fifo, "--command", "sleep " + marker}, s.remoteArgs()...)
	ext := exec.Command(binary, args...)
	ext.Env = env
	var stderr bytes.Buffer
	ext.Stderr = &stderr
	if err := ext.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = ext.Process.Kill() }()
	r, err := os.Open(fifo)
	if err != nil {
		t.Fatal(err)
	}
	go func() { _, _ = io.Copy(io.Discard, r) }()
	running := func() bool { return exec.Command("pgrep", "-f", "^sleep "+marker).Run() == nil }
	if !eventually(running) {
		t.Fatalf("the remote sleep never started; stderr %q", stderr.String())
	}
	r.Close()
	_ = ext.Process.Signal(syscall.SIGTERM)
	if err := ext.Wait(); err != nil || stderr.Len() > 0 {
		t.Errorf("the extcap after the stop: %v, stderr %q", err, stderr.String())
	}
	if !eventually(func() bool { return !running() }) {
		_ = exec.Command("pkill", "-f", "^sleep "+marker).Run()
		t.Error("the remote sleep outlived the stop by 20 s")
	}
	if exec.Command("pgrep", "-f", binary+" record -o - .* sleep "+marker).Run() == nil {
		t.Error("the remote stracedump outlived the stop")
	}
}

// TestRemoteExtcapKilled: Wireshark's last resort, SIGKILL, still ends
// the remote run: ssh gets a SIGTERM when the extcap dies.
func TestRemoteExtcapKilled(t *testing.T) {
	s := startSSHD(t)
	env := s.sshEnv(t, true)
	marker := fmt.Sprintf("1005.%d", os.Getpid())
	out := touch(t, filepath.Join(t.TempDir(), "killed.pcapng"))
	args := append([]string{"--extcap-interface", "strace", "--capture", "--fifo", out, "--command", "sleep " + marker}, s.remoteArgs()...)
	ext := exec.Command(binary, args...)
	ext.Env = env
	if err := ext.Start(); err != nil {
		t.Fatal(err)
	}
	running := func() bool { return exec.Command("pgrep", "-f", "^sleep "+marker).Run() == nil }
	if !eventually(running) {
		_ = ext.Process.Kill()
		t.Fatal("the remote sleep never started")
	}
	_ = ext.Process.Kill()
	_ = ext.Wait()
	if !eventually(func() bool { return !running() }) {
		_ = exec.Command("pkill", "-f", "^sleep "+marker).Run()
		t.Error("the remote sleep outlived the killed extcap by 20 s")
	}
}

// TestRemoteOptions: the other tabs' settings reach the remote record:
// working directory, environment, capture filter, and the program's
// output, which comes back through ssh into the Program output file.
func TestRemoteOptions(t *testing.T) {
	s := startSSHD(t)
	env := s.sshEnv(t, true)
	dir := t.TempDir()
	out := touch(t, filepath.Join(dir, "opts.pcapng"))
	progOut := filepath.Join(dir, "prog.out")
	args := append([]string{"--extcap-interface", "strace", "--capture", "--fifo", out,
		"--command", `sh -c 'pwd; echo "$A"'`, "--workdir", "/usr/share", "--env", "A='x y'",
		"--output", progOut, "--extcap-capture-filter", "trace=%file"}, s.remoteArgs()...)
	_, stderr, code := runExtcap(t, env, args...)
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	got, err := os.ReadFile(progOut)
	if err != nil || string(got) != "/usr/share\nx y\n" {
		t.Errorf("program output %q (%v), want the working directory and $A", got, err)
	}
	text, err := exec.Command(binary, "decode", out).CombinedOutput()
	if err != nil || !strings.Contains(string(text), `execve("/usr/bin/sh"`) || strings.Contains(string(text), "write(") {
		t.Errorf("decode of the filtered remote capture (trace=%%file: execve, no write): %v\n%s", err, text)
	}
}
