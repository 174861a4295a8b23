package command_test

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestSnaplen: record keeps its capture length of each buffer, whatever
// -s; decode shows strace's 32 by default, up to the capture length with
// -s, and -e write= dumps what the capture holds.
func TestSnaplen(t *testing.T) {
	dir := t.TempDir()
	text := strings.Repeat("0123456789", 10) // 100 bytes, no newline
	record := func(name string, args ...string) string {
		out := filepath.Join(dir, name)
		args = append(append([]string{"record", "-o", out}, args...), "--", "printf", text)
		if msg, err := exec.Command(binary, args...).CombinedOutput(); err != nil {
			t.Fatalf("record %v: %v\n%s", args, err, msg)
		}
		return out
	}
	write := func(capture string, args ...string) string {
		out, err := exec.Command(binary, append(append([]string{"decode", "-e", "trace=write"}, args...), capture)...).Output()
		if err != nil {
			t.Fatalf("decode %v %s: %v", args, capture, err)
		}
		return string(out)
	}
	def, short := record("def.pcapng"), record("short.pcapng", "--snaplen", "40")
	recs := readRecords(t, short)
	if recs[0].Args[0] != 32 || recs[0].CaptureLength() != 40 {
		t.Errorf("capture record args %v, want -s 32 and capture length 40", recs[0].Args[:2])
	}
	if r := readRecords(t, def)[0]; r.CaptureLength() != 256 || r.SocketCaptureLength() != 65536 {
		t.Errorf("default capture lengths %d and %d (sockets), want 256 and 65536", r.CaptureLength(), r.SocketCaptureLength())
	}
	q := func(n int) string { return `write(1, "` + text[:n] + `"...` }
	for _, tc := range []struct {
		capture string
		args    []string
		want    string
	}{
		{def, nil, q(32) + ", 100)"},
		{def, []string{"-s", "64"}, q(64) + ", 100)"},
		{def, []string{"-s", "256"}, `write(1, "` + text + `", 100)`},
		{short, nil, q(32) + ", 100)"},
		{short, []string{"-s", "256"}, q(40) + ", 100)"},
	} {
		if got := write(tc.capture, tc.args...); !strings.HasPrefix(got, tc.want) {
			t.Errorf("decode %v %s:\n%s\nwant a line starting %s", tc.args, filepath.Base(tc.capture), got, tc.want)
		}
	}
	// The dump holds the 40 bytes kept: two full lines and 8 bytes.
	got := write(short, "-e", "write=1")
	if want := "\n | 00020  32 33 34 35 36 37 38 39                           23456789         |\n+++"; !strings.Contains(got, want) || strings.Count(got, " | ") != 3 {
		t.Errorf("decode -e write=1 of a 40-byte capture:\n%s\nwant 3 dump lines, the last\n%s", got, want)
	}
	// -s above --snaplen raises the capture length to it.
	if n := readRecords(t, record("big.pcapng", "-s", "512", "--snaplen", "16"))[0].CaptureLength(); n != 512 {
		t.Errorf("record -s 512 --snaplen 16: capture length %d, want 512", n)
	}
}
