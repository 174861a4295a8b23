package command_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestDecodePidComm: decode -Y heads each line with the pid and the
// thread's name as strace 7.2's -Y does: an execve's line with the name
// the thread had when it made the call, the lines after it with the new
// one, a prctl(PR_SET_NAME) renaming the thread from its next line, and
// pids in arguments and results named too.
func TestDecodePidComm(t *testing.T) {
	dir := t.TempDir()
	capture := filepath.Join(dir, "y.pcapng")
	script := `sleep 0 & wait; kill -0 $$; exec python3 -c 'import ctypes; ctypes.CDLL(None).prctl(15, b"renamed-thread-xyz", 0, 0, 0); import os; os.getppid()'`
	if out, err := exec.Command(binary, "record", "-o", capture, "--", "sh", "-c", script).CombinedOutput(); err != nil {
		t.Fatalf("record: %v\n%s", err, out)
	}
	out, err := exec.Command(binary, "decode", "-Y", "-o", filepath.Join(dir, "y.txt"), capture).CombinedOutput()
	if err != nil {
		t.Fatalf("decode -Y: %v\n%s", err, out)
	}
	text, err := os.ReadFile(filepath.Join(dir, "y.txt"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(text), "\n")
	want := []*regexp.Regexp{
		regexp.MustCompile(`^[0-9]+<sh> clone\(.*\) = [0-9]+<sh>$`),
		regexp.MustCompile(`^([0-9]+)<sh> execve\("/usr/bin/sleep", `),
		regexp.MustCompile(`^[0-9]+<sleep> \+\+\+ exited with 0 \+\+\+$`),
		regexp.MustCompile(`^([0-9]+)<sh> kill\([0-9]+<sh>, 0\) = 0$`),
		regexp.MustCompile(`^[0-9]+<sh> execve\("[^"]*python3", `),
		regexp.MustCompile(`^[0-9]+<python3> prctl\(PR_SET_NAME, "renamed-thread-xyz"\) = 0$`),
		regexp.MustCompile(`^[0-9]+<renamed-thread-> getppid\(\) +=`),
		regexp.MustCompile(`^[0-9]+<renamed-thread-> \+\+\+ exited with 0 \+\+\+$`),
	}
	i := 0
	for _, l := range lines {
		if i < len(want) && want[i].MatchString(strings.Join(strings.Fields(l), " ")) {
			i++
		}
	}
	if i < len(want) {
		t.Errorf("decode -Y: no line like %q after the ones before it in:\n%s", want[i], text)
	}
	// strace's long form is the same (here to a terminal: "[pid  N<sleep>] "); another value is refused.
	long, err := exec.Command(binary, "decode", "--decode-pids=comm", capture).CombinedOutput()
	if err != nil || !strings.Contains(string(long), "<sleep>] +++ exited with 0 +++") {
		t.Errorf("decode --decode-pids=comm: %v\n%.300s", err, long)
	}
	if out, err := exec.Command(binary, "decode", "--decode-pids=pidns", capture).CombinedOutput(); err == nil || !strings.Contains(string(out), "want comm") {
		t.Errorf("decode --decode-pids=pidns: %v, %s; want a one-line refusal", err, out)
	}
	// Without -Y the prefix is strace -o's: the pid alone, padded.
	plain, err := exec.Command(binary, "decode", capture).CombinedOutput()
	if err != nil || strings.Contains(string(plain), "<sh>") {
		t.Errorf("decode without -Y: %v, names in it: %v", err, strings.Contains(string(plain), "<sh>"))
	}
}
