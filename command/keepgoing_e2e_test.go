package command_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stracedump/stracedump/pcapng"
)

// TestDecodeKeepGoing: a damaged record in the middle of a capture stops
// decode there (one line, status 1); with --keep-going decode says which
// record it skipped and prints the rest, in text and JSON, still exiting 1.
func TestDecodeKeepGoing(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.pcapng")
	if out, err := exec.Command(binary, "record", "-o", good, "--", "cat", "/etc/hostname").CombinedOutput(); err != nil {
		t.Fatalf("record: %v\n%s", err, out)
	}
	recs := readRecords(t, good)
	bad := filepath.Join(dir, "bad.pcapng")
	f, err := os.Create(bad)
	if err != nil {
		t.Fatal(err)
	}
	w, err := pcapng.NewWriter(f, pcapng.WriterOptions{Command: "cat /etc/hostname"})
	if err != nil {
		t.Fatal(err)
	}
	// The record cut short is one in the middle; the packet around it
	// stays whole.
	damaged := len(recs) / 2
	for i := range recs {
		b := recs[i].AppendTo(nil)
		if i == damaged {
			b = b[:len(b)/2]
		}
		if err := w.WriteMarshalled(b, recs[i].PacketTime()); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(pcapng.Stats{}); err != nil {
		t.Fatal(err)
	}
	f.Close()
	run := func(args ...string) (string, string, int) {
		cmd := exec.Command(binary, append([]string{"decode"}, args...)...)
		var out, errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		code := 0
		if err := cmd.Run(); err != nil {
			ee, ok := err.(*exec.ExitError)
			if !ok {
				t.Fatal(err)
			}
			code = ee.ExitCode()
		}
		return out.String(), errb.String(), code
	}
	whole, _, _ := run(good)
	if !strings.Contains(whole, "+++ exited with 0 +++") {
		t.Fatalf("the undamaged capture:\n%s", whole)
	}
	out, errs, code := run(bad)
	if code != 1 || strings.Count(errs, "\n") != 1 || strings.Contains(out, "+++ exited") {
		t.Errorf("without --keep-going: status %d, stderr %q, and the end printed: %v", code, errs, strings.Contains(out, "+++ exited"))
	}
	for _, mode := range [][]string{nil, {"--json"}} {
		out, errs, code = run(append(append([]string{"--keep-going"}, mode...), bad)...)
		end := "+++ exited with 0 +++"
		if mode != nil {
			end = `"kind":"exit"`
		}
		if code != 1 || !strings.Contains(errs, "(skipped)") || strings.Count(errs, "\n") != 1 || !strings.Contains(out, end) {
			t.Errorf("decode --keep-going %v: status %d, stderr %q; the end printed: %v", mode, code, errs, strings.Contains(out, end))
		}
	}
}
