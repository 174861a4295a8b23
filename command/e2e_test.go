package command_test

import (
	"bytes"
	binenc "encoding/binary"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"
	"github.com/stracedump/stracedump/internal/testhost"
	"github.com/stracedump/stracedump/pcapng"
)

// These tests run the real binary against real processes: the stop paths
// are about signals, pipes and process states that only a separate
// stracedump process shows.

var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "stracedump-e2e")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "stracedump")
	build := exec.Command("go", "build", "-o", binary, "..")
	build.Stderr = os.Stderr
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building stracedump:", err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func readRecords(t *testing.T, path string) []pcapng.Record {
	t.Helper()
	recs, _ := readCapture(t, path)
	return recs
}

// readCapture reads every record of a capture, and the statistics its
// interface statistics block holds.
func readCapture(t *testing.T, path string) ([]pcapng.Record, pcapng.InterfaceStatistics) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := pcapng.NewReader(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var recs []pcapng.Record
	for {
		var rec pcapng.Record
		if err := r.Next(&rec); err != nil {
			break
		}
		recs = append(recs, rec)
	}
	return recs, r.Interface().Statistics
}

// procState returns the state letter of /proc/PID/stat, "" when gone.
func procState(pid int) string {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return ""
	}
	i := bytes.LastIndexByte(b, ')')
	if i < 0 || i+2 >= len(b) {
		return ""
	}
	return string(b[i+2])
}

func tracerPid(pid int) string {
	b, _ := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "TracerPid:"); ok {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

func waitExit(t *testing.T, cmd *exec.Cmd, limit time.Duration) (time.Duration, error) {
	t.Helper()
	start := time.Now()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		return time.Since(start), err
	case <-time.After(limit):
		cmd.Process.Kill()
		<-done
		t.Fatalf("stracedump still running %v after the stop request", limit)
		return 0, nil
	}
}

// needAttach stops an attach test where the kernel forbids attaching to a
// running process, saying so and what checks the rest.
func needAttach(t *testing.T) {
	t.Helper()
	if testhost.Attach.Err() != nil {
		testhost.Substitute(t, testhost.Attach, "launched traces run the same stop loop and clean stop that attach "+
			"shares; the attach refusal's message is checked by TestRecordErrors")
		t.SkipNow()
	}
}

func TestOutputClosedEarly(t *testing.T) {
	sh := exec.Command("sh", "-c", binary+" record -o - -- yes | head -c 100 | wc -c")
	var out, stderr bytes.Buffer
	sh.Stdout, sh.Stderr = &out, &stderr
	if err := sh.Start(); err != nil {
		t.Fatal(err)
	}
	if _, err := waitExit(t, sh, 10*time.Second); err != nil {
		t.Fatalf("pipeline failed: %v (stderr %q)", err, stderr.String())
	}
	if strings.TrimSpace(out.String()) != "100" || stderr.Len() > 0 {
		t.Errorf("got %q on stdout and %q on stderr; want 100 and nothing", out.String(), stderr.String())
	}
}

func TestRecordErrors(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"missing program", []string{"record", "-o", filepath.Join(dir, "a"), "--", "no-such-program-xyz"}, `cannot run "no-such-program-xyz": executable file not found`},
		{"missing pid", []string{"record", "-o", filepath.Join(dir, "b"), "-p", "999999999"}, "cannot attach to pid 999999999: no such process"},
		{"bad pid", []string{"record", "-o", filepath.Join(dir, "c"), "-p", "abc"}, "-p abc: not a process id"},
		{"nothing to trace", []string{"record", "-o", filepath.Join(dir, "d")}, "record needs a command"},
		{"negative string limit", []string{"record", "-s", "-1", "-o", filepath.Join(dir, "e"), "--", "true"}, "-s -1: the string limit cannot be negative"},
		// decode's options are checked before the capture is opened.
		{"decode, negative string limit", []string{"decode", "-s", "-1", "no-such-capture"}, "-s -1: the string limit cannot be negative"},
		{"decode, bad -X", []string{"decode", "-X", "foo", "no-such-capture"}, `-X "foo": want raw, abbrev or verbose`},
		{"decode, bad -S", []string{"decode", "-c", "-S", "foo", "no-such-capture"}, `invalid sortby: 'foo'`},
		{"decode, --json and -c", []string{"decode", "--json", "-c", "no-such-capture"}, `--json prints the records; -c and -C print strace's table`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, err := exec.Command(binary, tc.args...).CombinedOutput()
			if err == nil {
				t.Fatal("exit status 0, want failure")
			}
			lines := strings.Split(strings.TrimSpace(string(out)), "\n")
			if len(lines) != 1 || !strings.Contains(lines[0], tc.want) {
				t.Errorf("output %q, want one line containing %q", out, tc.want)
			}
		})
	}
	// A mistyped decode option leaves the -o file as it was.
	kept := filepath.Join(dir, "kept.txt")
	os.WriteFile(kept, []byte("an earlier decode\n"), 0o600)
	if out, err := exec.Command(binary, "decode", "-X", "foo", "-o", kept, os.DevNull).CombinedOutput(); err == nil {
		t.Errorf("decode -X foo: no failure: %s", out)
	}
	if b, _ := os.ReadFile(kept); string(b) != "an earlier decode\n" {
		t.Errorf("decode -X foo -o FILE left FILE holding %q", b)
	}
}

func TestExitStatusPassedOn(t *testing.T) {
	cmd := exec.Command(binary, "record", "-o", filepath.Join(t.TempDir(), "x"), "--", "sh", "-c", "exit 7")
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 7 {
		t.Errorf("exit: %v, want status 7 like the command", err)
	}
}

func TestDecodeCorruptCaptures(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.pcapng")
	if out, err := exec.Command(binary, "record", "-o", good, "--", "cat", "/etc/hostname").CombinedOutput(); err != nil {
		t.Fatalf("record: %v: %s", err, out)
	}
	data, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	full, err := exec.Command(binary, "decode", good).Output()
	if err != nil {
		t.Fatalf("decode of the intact capture: %v", err)
	}
	// Records follow the exported-PDU tags naming the dissector.
	tags := []byte("\x00\x0c\x00\x08strace\x00\x00\x00\x00\x00\x00")
	fifth := 0
	for k := 0; k < 5; k++ {
		i := bytes.Index(data[fifth:], tags)
		if i < 0 {
			t.Fatal("capture has fewer than five records")
		}
		fifth += i + len(tags)
	}
	corrupt := append([]byte(nil), data...)
	// The record's head varint: bits the format does not define.
	copy(corrupt[fifth+2:], []byte{0xff, 0xff, 0xff, 0x7f})
	newer := append([]byte(nil), data...)
	newer[fifth] = 0x63 // version 99
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"truncated", data[:len(data)/2], "capture file truncated after record"},
		// Offsets count from the packet start, as Wireshark's bytes pane.
		{"corrupt record", corrupt, "record 5, byte 18: header bits 0xfc00000 unknown"},
		{"newer version", newer, "record 5: unknown record version 99"},
		{"not pcapng", []byte("hello world, this is not a capture"), "not a pcapng capture"},
		{"empty", nil, "empty input"},
		{"ethernet capture", foreignCapture(t, layers.LinkTypeEthernet, make([]byte, 60), 2), "not a stracedump capture: its 2 packets hold no syscall record (Ethernet)"},
		{"one ethernet frame", foreignCapture(t, layers.LinkTypeEthernet, make([]byte, 60), 1), "not a stracedump capture: its 1 packet holds no syscall record (Ethernet)"},
		{"ethernet, no packets", foreignCapture(t, layers.LinkTypeEthernet, nil, 0), "not a stracedump capture: it holds no packets, and its interface is Ethernet"},
		{"no interface", sectionHeaderOnly(t), "not a stracedump capture: a pcapng section header with no interface and no packets"},
		// Wireshark's File > Export PDUs writes such packets for any protocol.
		{"another dissector's PDUs", foreignCapture(t, 252, []byte("\x00\x0c\x00\x04http\x00\x00\x00\x00GET / HTTP/1.1\r\n"), 3),
			"not a stracedump capture: its 3 packets hold no syscall record (Upper PDU for another dissector)"},
		{"link type without a name", foreignCapture(t, 299, []byte("xx"), 1), "(link type 299)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, tc.name)
			if err := os.WriteFile(path, tc.data, 0o600); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(binary, "decode", path)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err := cmd.Run()
			if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
				t.Fatalf("exit %v, want status 1", err)
			}
			msg := strings.TrimSpace(stderr.String())
			if strings.Contains(msg, "\n") || !strings.Contains(msg, tc.want) || strings.Contains(msg, "panic") {
				t.Errorf("stderr %q, want one line containing %q", msg, tc.want)
			}
			// What decoded before the damage is printed, as it was.
			if !bytes.HasPrefix(full, stdout.Bytes()) {
				t.Errorf("partial output is not a prefix of the intact decode:\n%s", stdout.String())
			}
			if tc.name == "truncated" && stdout.Len() == 0 {
				t.Error("nothing printed before the cut")
			}
			if !strings.Contains(tc.want, "not a stracedump capture") {
				return
			}
			// Not even the JSON metadata line: the file is not a capture
			// of ours, whatever is asked of it.
			for _, mode := range []string{"--json", "-c"} {
				out, errOut, code, _ := run(t, "decode", mode, path)
				if code != 1 || out != "" || strings.TrimSpace(errOut) != msg {
					t.Errorf("decode %s: exit %d, stdout %q, stderr %q; want status 1, nothing printed and %q", mode, code, out, errOut, msg)
				}
			}
		})
	}
}

// foreignCapture is a pcapng capture of n packets of link type lt, each
// holding data, as tshark -i eth0 or Wireshark's Export PDUs write one: a
// valid capture with no record in it.
func foreignCapture(t *testing.T, lt layers.LinkType, data []byte, n int) []byte {
	var b bytes.Buffer
	w, err := pcapgo.NewNgWriter(&b, lt)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < n; i++ {
		ci := gopacket.CaptureInfo{Timestamp: time.Unix(1700000000, 0), CaptureLength: len(data), Length: len(data)}
		if err := w.WritePacket(ci, data); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// sectionHeaderOnly is the section header block alone, which starts
// every pcapng file: a pcapng file with nothing in it.
func sectionHeaderOnly(t *testing.T) []byte {
	b := foreignCapture(t, layers.LinkTypeEthernet, nil, 0)
	return b[:binenc.LittleEndian.Uint32(b[4:])]
}

// TestGzipCapture: a capture written compressed (-o FILE.gz) is a gzip
// stream that decode reads like the plain one, record for record.
func TestGzipCapture(t *testing.T) {
	dir := t.TempDir()
	plain, packed := filepath.Join(dir, "c.pcapng"), filepath.Join(dir, "c.pcapng.gz")
	for _, out := range []string{plain, packed} {
		if msg, err := exec.Command(binary, "record", "-o", out, "--", "cat", "/etc/hostname").CombinedOutput(); err != nil {
			t.Fatalf("record -o %s: %v\n%s", out, err, msg)
		}
	}
	head, err := os.ReadFile(packed)
	if err != nil || len(head) < 2 || head[0] != 0x1f || head[1] != 0x8b {
		t.Fatalf("%s is not a gzip stream (%v)", packed, err)
	}
	count := func(path string) int {
		out, err := exec.Command(binary, "decode", path).Output()
		if err != nil {
			t.Fatalf("decode %s: %v", path, err)
		}
		return strings.Count(string(out), "\n")
	}
	if a, b := count(plain), count(packed); a == 0 || a != b {
		t.Errorf("decode printed %d lines from the plain capture and %d from the compressed one", a, b)
	}
}
