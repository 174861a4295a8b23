package command_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestRecordDecodeFilters records one program with filters and decodes
// the capture with others: record's filter decides what the file holds,
// decode's what is printed of it.
func TestRecordDecodeFilters(t *testing.T) {
	dir := t.TempDir()
	capture := filepath.Join(dir, "c.pcapng.gz")
	prog := []string{"sh", "-c", "cat /etc/hostname /nonexistent; true"}
	if out, err := exec.Command(binary, append([]string{"record", "-o", capture, "-e", "trace=%file,close,read", "--"}, prog...)...).CombinedOutput(); err != nil {
		t.Fatalf("record: %v\n%s", err, out)
	}
	if b, err := os.ReadFile(capture); err != nil || len(b) < 2 || b[0] != 0x1f || b[1] != 0x8b {
		t.Fatalf("%s is not gzip-compressed (%v)", capture, err)
	}
	decode := func(args ...string) []string {
		t.Helper()
		var out bytes.Buffer
		cmd := exec.Command(binary, append(append([]string{"decode", "-qq"}, args...), capture)...)
		cmd.Stdout = &out
		if err := cmd.Run(); err != nil {
			t.Fatalf("decode %v: %v", args, err)
		}
		return strings.Split(strings.TrimSpace(out.String()), "\n")
	}
	calls := func(lines []string) map[string]int {
		m := map[string]int{}
		for _, l := range lines {
			if strings.HasPrefix(l, "[pid ") {
				_, l, _ = strings.Cut(l, "] ")
			}
			if i := strings.IndexByte(l, '('); i > 0 && !strings.Contains(l[:i], " ") {
				m[l[:i]]++
			}
		}
		return m
	}
	all := calls(decode())
	for _, name := range []string{"openat", "close", "read", "execve"} {
		if all[name] == 0 {
			t.Errorf("record -e trace=%%file,close,read kept no %s: %v", name, all)
		}
	}
	for name := range all {
		switch name {
		case "write", "mmap", "brk", "fstat", "fadvise64":
			t.Errorf("record -e trace=%%file,close,read kept %s", name)
		}
	}
	failed := decode("-Z")
	for _, l := range failed {
		if strings.Contains(l, "(") && !strings.Contains(l, "= -1 ") {
			t.Errorf("decode -Z printed a call that did not fail: %s", l)
		}
	}
	if !strings.Contains(strings.Join(failed, "\n"), `openat(AT_FDCWD, "/nonexistent", O_RDONLY) = -1 ENOENT`) {
		t.Errorf("decode -Z lost the failed openat:\n%s", strings.Join(failed, "\n"))
	}
	onlyClose := calls(decode("-e", "close"))
	if len(onlyClose) != 1 || onlyClose["close"] != all["close"] {
		t.Errorf("decode -e close printed %v, want the %d closes only", onlyClose, all["close"])
	}
	path := calls(decode("-P", "/etc/hostname"))
	if path["openat"] != 1 || path["read"] < 1 || path["close"] < 1 {
		t.Errorf("decode -P /etc/hostname printed %v, want its openat, reads and close", path)
	}
	var stderr bytes.Buffer
	cmd := exec.Command(binary, "decode", "-e", "trace=opn", capture)
	cmd.Stderr = &stderr
	if err := cmd.Run(); err == nil || strings.TrimSpace(stderr.String()) != "stracedump: invalid system call 'opn'" {
		t.Errorf("decode -e trace=opn: %v, stderr %q", err, stderr.String())
	}
}

// TestTraceFDs records a program that works on descriptor 7 with
// --trace-fds=7: the capture holds the calls on fd 7 and nothing else,
// and decode -e trace-fds= selects the same calls from a full capture.
func TestTraceFDs(t *testing.T) {
	dir := t.TempDir()
	prog := []string{"sh", "-c", "exec 7</etc/hostname; cat <&7 >/dev/null; exec 7<&-; true"}
	onFD7 := regexp.MustCompile(`^(\[pid +\d+\] )?\w+\((7[,)]|\d+, 7[,)])`)
	lines := func(args ...string) []string {
		t.Helper()
		out, err := exec.Command(binary, append([]string{"decode", "-qq"}, args...)...).Output()
		if err != nil {
			t.Fatalf("decode %v: %v", args, err)
		}
		var calls []string
		for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			if strings.Contains(l, "(") && !strings.HasPrefix(l, "+++") && !strings.HasPrefix(l, "---") {
				calls = append(calls, l)
			}
		}
		return calls
	}
	filtered := filepath.Join(dir, "fd7.pcapng")
	if out, err := exec.Command(binary, append([]string{"record", "--trace-fds=7", "-o", filtered, "--"}, prog...)...).CombinedOutput(); err != nil {
		t.Fatalf("record --trace-fds=7: %v\n%s", err, out)
	}
	got := lines(filtered)
	if len(got) < 3 {
		t.Fatalf("record --trace-fds=7 kept %d calls, want at least the dup, a read and the close:\n%s", len(got), strings.Join(got, "\n"))
	}
	for _, l := range got {
		if !onFD7.MatchString(l) {
			t.Errorf("record --trace-fds=7 kept a call not on fd 7: %s", l)
		}
	}
	full := filepath.Join(dir, "all.pcapng")
	if out, err := exec.Command(binary, append([]string{"record", "-o", full, "--"}, prog...)...).CombinedOutput(); err != nil {
		t.Fatalf("record: %v\n%s", err, out)
	}
	all, decoded := lines(full), lines("-e", "trace-fds=7", full)
	want := 0
	for _, l := range all {
		if onFD7.MatchString(l) {
			want++
		}
	}
	if len(decoded) != want || want == 0 {
		t.Errorf("decode -e trace-fds=7 printed %d calls, the full capture has %d on fd 7:\n%s", len(decoded), want, strings.Join(decoded, "\n"))
	}
}
