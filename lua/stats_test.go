package lua

import (
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/stracedump/stracedump/pcapng"
)

// tableRows runs -z strace,NAME on c and returns the rows of its table
// (after the header and dashes), each split into words.
func tableRows(t *testing.T, c *followCap, name string) [][]string {
	t.Helper()
	out := tshark(t, "-q", "-r", c.path, "-z", "strace,"+name)
	var rows [][]string
	inTable := false
	for _, l := range strings.Split(out, "\n") {
		switch {
		case strings.HasPrefix(strings.TrimSpace(l), "---"):
			inTable = true
		case strings.HasPrefix(l, "====="):
			inTable = false
		case inTable && strings.TrimSpace(l) != "":
			rows = append(rows, strings.Fields(l))
		}
	}
	if len(rows) == 0 {
		t.Fatalf("-z strace,%s printed no rows:\n%s", name, out)
	}
	return rows
}

func TestStatsProcesses(t *testing.T) {
	c := followCapture(t, 32)
	type count struct{ calls, errors int }
	want := map[uint32]*count{c.parent: {}, c.kid: {}}
	for i := range c.recs {
		r := &c.recs[i]
		if w := want[r.PID]; w != nil && r.Kind == pcapng.KindSyscall && r.Flags&pcapng.FlagNoReturn == 0 {
			w.calls++
			if failed(r) {
				w.errors++
			}
		}
	}
	rows := tableRows(t, c, "processes")
	if len(rows) != 2 {
		t.Fatalf("want a row for follow and one for its child, got %q", rows)
	}
	for i, pid := range []uint32{c.parent, c.kid} {
		r := rows[i]
		// pid ppid threads calls errors seconds end(2 words) command
		w := want[pid]
		if len(r) != 9 || r[0] != strconv.Itoa(int(pid)) || r[2] != "1" || r[3] != strconv.Itoa(w.calls) ||
			r[4] != strconv.Itoa(w.errors) || r[6] != "exit" || r[7] != "0" || r[8] != "follow" {
			t.Errorf("row %q, want pid %d with %d calls and %d errors, exit 0, follow", r, pid, w.calls, w.errors)
		}
		if _, err := strconv.ParseFloat(r[5], 64); err != nil {
			t.Errorf("row %q: seconds %q", r, r[5])
		}
	}
	if rows[1][1] != strconv.Itoa(int(c.parent)) {
		t.Errorf("the child's ppid: %q, want %d", rows[1], c.parent)
	}
}

func TestStatsFiles(t *testing.T) {
	c := followCapture(t, 32)
	rows := tableRows(t, c, "files")
	byPath := map[string][]string{}
	var sockets, pipes []string
	for _, r := range rows {
		path := r[len(r)-1]
		byPath[path] = r[:len(r)-1]
		// opens calls errors read written
		switch {
		case strings.HasPrefix(path, "socket:["):
			sockets = append(sockets, r[3]+"/"+r[4])
		case strings.HasPrefix(path, "pipe:["):
			pipes = append(pipes, r[3]+"/"+r[4])
		}
	}
	for path, want := range map[string]string{
		// openat, write, write, close, openat, read, read, close.
		filepath.Join(c.dir, "data.txt"): "2 8 0 20 20",
		"/nonexistent/follow":            "0 2 2 0 0",
	} {
		if got := strings.Join(byPath[path], " "); got != want {
			t.Errorf("files row of %s: %q, want %q", path, got, want)
		}
	}
	// The bytes each end of the socketpair read/wrote, counted from the
	// calls' results, whatever the capture holds of them.
	sort.Strings(sockets)
	if strings.Join(sockets, " ") != "0/9 105/7 7/105 9/0" {
		t.Errorf("socket rows read/written: %q, want 105/7 and 7/105 (the stream pair), 9/0 and 0/9 (the datagrams)", sockets)
	}
	if strings.Join(pipes, " ") != "5/5" {
		t.Errorf("pipe rows read/written: %q, want 5/5", pipes)
	}
}

func TestStatsErrors(t *testing.T) {
	c := followCapture(t, 32)
	rows := tableRows(t, c, "errors")
	found := false
	for _, r := range rows {
		if strings.Join(r, " ") == "ENOENT 2 openat /nonexistent/follow" {
			found = true
		}
	}
	if !found || strings.Join(rows[0], " ") != "ENOENT 2 openat /nonexistent/follow" {
		t.Errorf("-z strace,errors: want the first row ENOENT 2 openat /nonexistent/follow, got %q", rows)
	}
}
