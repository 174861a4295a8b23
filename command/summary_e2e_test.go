package command_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stracedump/stracedump/internal/testhost"
)

// summaryCounts parses strace -c's table: calls and errors per syscall,
// and the table's dashed line.
func summaryCounts(t *testing.T, table string) (map[string][2]int, string) {
	t.Helper()
	counts := map[string][2]int{}
	lines := strings.Split(strings.TrimRight(table, "\n"), "\n")
	if len(lines) < 4 || lines[0] != "% time     seconds  usecs/call     calls    errors syscall" {
		t.Fatalf("not strace -c's table:\n%s", table)
	}
	for _, l := range lines[2:] {
		if strings.HasPrefix(l, "------") {
			continue
		}
		f := strings.Fields(l)
		if len(f) < 5 {
			t.Fatalf("row %q", l)
		}
		calls, err := strconv.Atoi(f[3])
		if err != nil {
			t.Fatalf("row %q: %v", l, err)
		}
		errs := 0
		if len(f) == 6 {
			if errs, err = strconv.Atoi(f[4]); err != nil {
				t.Fatalf("row %q: %v", l, err)
			}
		}
		counts[f[len(f)-1]] = [2]int{calls, errs}
	}
	return counts, lines[1]
}

// TestDecodeSummaryMatchesStrace: decode -c of a capture counts the same
// calls and errors per syscall as strace -c -w of the same program, in
// strace's layout (its name column widens for a long name: nproc calls
// sched_getaffinity).
func TestDecodeSummaryMatchesStrace(t *testing.T) {
	strace := testhost.Tool(t, "strace", "decode -c is compared with strace -c")
	dir := t.TempDir()
	prog := []string{"setarch", "-R", "sh", "-c", "cat /etc/hostname /nonexistent 2>/dev/null; nproc; true"}
	text := filepath.Join(dir, "strace.txt")
	if out, err := exec.Command(strace, append([]string{"-f", "-c", "-w", "-o", text, "--"}, prog...)...).CombinedOutput(); err != nil {
		t.Fatalf("strace: %v\n%s", err, out)
	}
	b, err := os.ReadFile(text)
	if err != nil {
		t.Fatal(err)
	}
	want, wantDashes := summaryCounts(t, string(b))
	capture := filepath.Join(dir, "c.pcapng")
	if out, err := exec.Command(binary, append([]string{"record", "-o", capture, "--"}, prog...)...).CombinedOutput(); err != nil {
		t.Fatalf("record: %v\n%s", err, out)
	}
	out, err := exec.Command(binary, "decode", "-c", capture).Output()
	if err != nil {
		t.Fatalf("decode -c: %v", err)
	}
	got, gotDashes := summaryCounts(t, string(out))
	if gotDashes != wantDashes {
		t.Errorf("dashed line %q, strace's %q", gotDashes, wantDashes)
	}
	for name, w := range want {
		if got[name] != w {
			t.Errorf("%s: calls and errors %v, strace -c %v", name, got[name], w)
		}
	}
	for name, g := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s: %v, not in strace's table", name, g)
		}
	}
	// -C prints the calls, then the same table; -S calls sorts by calls.
	out, err = exec.Command(binary, "decode", "-C", "-S", "calls", capture).Output()
	if err != nil {
		t.Fatalf("decode -C: %v", err)
	}
	calls, table, ok := strings.Cut(string(out), "% time")
	if !ok || !strings.Contains(calls, "execve(") {
		t.Fatalf("decode -C printed no calls before its table:\n%s", out)
	}
	sorted, _ := summaryCounts(t, "% time"+table)
	if len(sorted) != len(got) {
		t.Errorf("decode -C's table has %d rows, -c's %d", len(sorted), len(got))
	}
	rows := strings.Split(strings.TrimSpace(table), "\n")[2:]
	prev := -1
	for _, r := range rows {
		if strings.HasPrefix(r, "------") {
			break
		}
		n, _ := strconv.Atoi(strings.Fields(r)[3])
		if prev >= 0 && n > prev {
			t.Errorf("-S calls: %q after a row of %d calls", r, prev)
		}
		prev = n
	}
	if out, err := exec.Command(binary, "decode", "-c", "-S", "bogus", capture).CombinedOutput(); err == nil || !strings.Contains(string(out), "invalid sortby: 'bogus'") {
		t.Errorf("decode -c -S bogus: %v, %s", err, out)
	}
}
