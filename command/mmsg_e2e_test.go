package command_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stracedump/stracedump/internal/testhost"
)

// TestMmsgDumps: decode -e write=all -e read=all dumps each message of a
// sendmmsg and a recvmmsg as strace 6.1 does ("= N buffers in vector I",
// then the message's iovecs up to its msg_len).
func TestMmsgDumps(t *testing.T) {
	strace := testhost.Tool(t, "strace", "the dumps are compared with strace's")
	gcc := testhost.Tool(t, "gcc", "the program is C")
	dir := t.TempDir()
	prog := filepath.Join(dir, "mmsg")
	if out, err := exec.Command(gcc, "-O2", "-o", prog, filepath.Join("testdata", "mmsg.c")).CombinedOutput(); err != nil {
		t.Fatalf("gcc: %v\n%s", err, out)
	}
	opts := []string{"-e", "trace=sendmmsg,recvmmsg", "-e", "write=all", "-e", "read=all"}
	ref := filepath.Join(dir, "strace.txt")
	if out, err := exec.Command(strace, append(append([]string{"-o", ref}, opts...), prog)...).CombinedOutput(); err != nil {
		t.Fatalf("strace: %v\n%s", err, out)
	}
	capture := filepath.Join(dir, "mmsg.pcapng")
	if out, err := exec.Command(binary, "record", "-o", capture, "--", prog).CombinedOutput(); err != nil {
		t.Fatalf("record: %v\n%s", err, out)
	}
	got, err := exec.Command(binary, append(append([]string{"decode"}, opts...), capture)...).Output()
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	want, err := os.ReadFile(ref)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Errorf("decode %v:\n%s\nstrace 6.1:\n%s", opts, got, want)
	}
}
