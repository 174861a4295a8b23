package pcapng

import (
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stracedump/stracedump/internal/testhost"
)

// needTool finds a program the test talks to. Without it the test is
// skipped loudly, except in CI, which installs every tool: there a missing
// one fails the test.
func needTool(t *testing.T, name string) string {
	t.Helper()
	return testhost.Tool(t, name, "this test checks our files against the real Wireshark")
}

// TestTshark opens a capture with the real Wireshark: every record must be
// an exported PDU addressed to the "strace" dissector, stamped with the
// time the writer gave it, with the header blocks' text intact.
func TestTshark(t *testing.T) {
	tshark := needTool(t, "tshark")
	recs := sampleRecords()
	path := filepath.Join(t.TempDir(), "sample.pcapng")
	if err := os.WriteFile(path, writeCapture(t, recs, Stats{Received: uint64(len(recs))}), 0o600); err != nil {
		t.Fatal(err)
	}
	// An empty config dir keeps the user's profile (and any strace Lua
	// dissector in it) out of the test: this checks the bare framing.
	cmd := exec.Command(tshark, "-r", path, "-T", "fields", "-E", "separator=|",
		"-e", "frame.number", "-e", "frame.protocols", "-e", "exported_pdu.prot_name",
		"-e", "frame.time_epoch", "-e", "frame.interface_description",
		"-e", "exported_pdu.exported_pdu")
	cmd.Env = append(os.Environ(), "WIRESHARK_CONFIG_DIR="+t.TempDir())
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("tshark: %v\n%s", err, stderrOf(err))
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != len(recs) {
		t.Fatalf("tshark shows %d packets, wrote %d:\n%s", len(lines), len(recs), out)
	}
	for i, line := range lines {
		f := strings.Split(line, "|")
		if len(f) != 6 {
			t.Fatalf("packet %d: %q: want 6 fields", i+1, line)
		}
		ts := recs[i].Time
		if recs[i].Kind == KindSyscall {
			ts += int64(recs[i].Duration)
		}
		payload := strings.ReplaceAll(f[5], ":", "")
		want := []string{strconv.Itoa(i + 1), "exported_pdu", DissectorName, fmt.Sprintf("%d.%09d", ts/1e9, ts%1e9), testOptions.Command, hex.EncodeToString(recs[i].AppendTo(nil))}
		got := []string{f[0], f[1], f[2], f[3], f[4], payload}
		for j := range want {
			if got[j] != want[j] {
				t.Errorf("packet %d field %d: tshark shows %q, want %q", i+1, j+1, got[j], want[j])
			}
		}
	}
}

func stderrOf(err error) string {
	if ee, ok := err.(*exec.ExitError); ok {
		return string(ee.Stderr)
	}
	return ""
}
