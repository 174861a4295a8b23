package command_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/stracedump/stracedump/pcapng"
)

// The ring buffer and stop conditions of record (-b, -a), as dumpcap's.

// busy writes "line 0" to "line N-1" to /dev/null, one write each.
func busy(n int) []string {
	return []string{"sh", "-c", fmt.Sprintf(`i=0; while [ $i -lt %d ]; do echo "line $i"; i=$((i+1)); done >/dev/null`, n)}
}

// ringFiles runs record with args into dir and returns the files it left,
// in order.
func ringFiles(t *testing.T, dir string, args ...string) []string {
	t.Helper()
	if out, err := exec.Command(binary, append([]string{"record"}, args...)...).CombinedOutput(); err != nil {
		t.Fatalf("record %v: %v\n%s", args, err, out)
	}
	files, err := filepath.Glob(filepath.Join(dir, "ring_*"))
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(files)
	return files
}

var lineWrite = regexp.MustCompile(`write\(1, "line (\d+)\\n", \d+\)`)

// TestRingBuffer: -b filesize: splits the capture into files of about
// that size, each starting with the capture and process records so that it
// decodes and names its processes alone, and no record is lost or doubled
// between files: the writes come out once each, in order.
func TestRingBuffer(t *testing.T) {
	dir := t.TempDir()
	const n = 3000
	files := ringFiles(t, dir, append([]string{"-b", "filesize:60", "-o", filepath.Join(dir, "ring.pcapng"), "--"}, busy(n)...)...)
	if len(files) < 3 {
		t.Fatalf("%d files, want several: %v", len(files), files)
	}
	next := 0
	for i, f := range files {
		if want := fmt.Sprintf("ring_%05d_", i+1); !strings.HasPrefix(filepath.Base(f), want) {
			t.Errorf("file %d is %s, want a name starting %s", i+1, filepath.Base(f), want)
		}
		recs := readRecords(t, f)
		if len(recs) < 2 || recs[0].Kind != pcapng.KindCapture || recs[1].Kind != pcapng.KindProcess {
			t.Errorf("%s does not start with the capture and a process record", filepath.Base(f))
		}
		fi, err := os.Stat(f)
		if err != nil {
			t.Fatal(err)
		}
		if i < len(files)-1 && (fi.Size() < 60000 || fi.Size() > 70000) {
			t.Errorf("%s holds %d bytes, want about 60 kB", filepath.Base(f), fi.Size())
		}
		text, err := exec.Command(binary, "decode", f).Output()
		if err != nil {
			t.Fatalf("decode %s: %v", f, err)
		}
		for _, m := range lineWrite.FindAllStringSubmatch(string(text), -1) {
			if m[1] != fmt.Sprint(next) {
				t.Fatalf("%s: write of line %s where line %d was due: a record lost or doubled between files", filepath.Base(f), m[1], next)
			}
			next++
		}
	}
	if next != n {
		t.Errorf("the files hold %d of the %d writes", next, n)
	}
}

// TestRingKeepsNewest: -b files:N leaves the newest N files.
func TestRingKeepsNewest(t *testing.T) {
	dir := t.TempDir()
	files := ringFiles(t, dir, append([]string{"-b", "filesize:30", "-b", "files:2", "-o", filepath.Join(dir, "ring.pcapng.gz"), "--"}, busy(3000)...)...)
	if len(files) != 2 {
		t.Fatalf("%d files left, want 2: %v", len(files), files)
	}
	for _, f := range files {
		if strings.Contains(f, "_00001_") || !strings.HasSuffix(f, ".pcapng.gz") {
			t.Errorf("%s: want one of the newest files, gzip-compressed", filepath.Base(f))
		}
		if out, err := exec.Command(binary, "decode", f).CombinedOutput(); err != nil {
			t.Errorf("decode %s: %v\n%s", f, err, out)
		}
	}
}

// TestAutostop: -a ends the capture as asked, exit status 0, and the
// capture says how the command ended.
func TestAutostop(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "d.pcapng")
	if msg, err := exec.Command(binary, "record", "-a", "duration:1", "-o", out, "--", "sleep", "60").CombinedOutput(); err != nil {
		t.Fatalf("record -a duration:1: %v\n%s", err, msg)
	}
	if text, _ := exec.Command(binary, "decode", out).Output(); !strings.Contains(string(text), "+++ killed by SIGKILL +++") {
		t.Errorf("-a duration:1 of sleep 60:\n%s", text)
	}
	out = filepath.Join(dir, "s.pcapng")
	if msg, err := exec.Command(binary, append([]string{"record", "-a", "filesize:40", "-o", out, "--"}, busy(3000)...)...).CombinedOutput(); err != nil {
		t.Fatalf("record -a filesize:40: %v\n%s", err, msg)
	}
	if fi, err := os.Stat(out); err != nil || fi.Size() < 40000 || fi.Size() > 42000 {
		t.Errorf("-a filesize:40 wrote %v bytes (%v), want just over 40 kB", fi.Size(), err)
	}
	files := ringFiles(t, dir, "-b", "filesize:20", "-a", "files:3", "-o", filepath.Join(dir, "ring.pcapng"), "--", "sh", "-c", "while :; do echo x >/dev/null; done")
	if len(files) != 3 {
		t.Errorf("-b filesize:20 -a files:3 left %d files, want 3: %v", len(files), files)
	}
}

// TestRingNeedsFile: -b names files after -o.
func TestRingNeedsFile(t *testing.T) {
	out, err := exec.Command(binary, "record", "-b", "filesize:10", "-o", "-", "--", "true").CombinedOutput()
	if err == nil || !strings.Contains(string(out), "-b writes a ring of files: give -o FILE to name them") {
		t.Errorf("record -b -o -: %v\n%s", err, out)
	}
}
