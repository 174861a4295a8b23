package matrix

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stracedump/stracedump/pcapng"
)

// envTestdata is the directory holding pcapng/testdata's version 1 capture
// and its golden Info column; run.sh stages it.
const envTestdata = "MATRIX_TESTDATA"

// versionFields are the dissector fields both record format versions must
// give alike, times to the nanosecond.
var versionFields = []string{"strace.kind", "strace.flags", "strace.arch", "strace.pid", "strace.tid",
	"strace.nsections", "strace.timestamp", "strace.nr", "strace.arg", "strace.ret", "strace.duration",
	"strace.fd.path", "strace.signal", "strace.exit.status", "strace.section.key", "strace.section.len",
	"strace.line"}

// checkRecordVersions: this tshark shows the version 1 capture's Info column
// as when it was taken, and the same records rewritten in version 2 (the
// time taken from the packet) dissect to the same fields.
func (s *suite) checkRecordVersions(t *testing.T) {
	s.needInstall(t)
	dir := os.Getenv(envTestdata)
	if dir == "" {
		s.notYet(t, envTestdata+" (pcapng/testdata)")
	}
	v1 := filepath.Join(dir, "v1.pcapng")
	golden, err := os.ReadFile(filepath.Join(dir, "v1.info.golden"))
	if err != nil {
		s.failf(t, "%v", err)
	}
	v2 := filepath.Join(s.work, "v1-as-v2.pcapng")
	if err := rewrite(v1, v2); err != nil {
		s.failf(t, "rewriting %s in version 2: %v", v1, err)
	}
	one, two := s.jsonRows(t, v1), s.jsonRows(t, v2)
	var info strings.Builder
	for i, r := range one {
		info.WriteString(r["frame.number"] + "\t" + r["_ws.col.info"] + r["_ws.col.Info"] + "\n")
		if i >= len(two) {
			s.failf(t, "%d frames in version 1, %d in version 2", len(one), len(two))
		}
		for _, f := range versionFields {
			if r[f] != two[i][f] {
				s.errorf(t, "frame %s: %s is %q in version 1, %q in version 2", r["frame.number"], f, r[f], two[i][f])
			}
		}
	}
	if got := info.String(); got != string(golden) {
		want := lines(string(golden))
		for i, l := range lines(got) {
			if i < len(want) && l != want[i] {
				s.failf(t, "the version 1 capture's Info changed at line %d:\n got %s\nwant %s", i+1, l, want[i])
			}
		}
		s.failf(t, "the version 1 capture's Info has %d lines, the golden file %d", len(lines(got)), len(want))
	}
}

// jsonRows is tshark's JSON for path, one map of field to its values
// (joined by ",") per frame: JSON rather than -T fields, which 4.2 and
// later escape.
func (s *suite) jsonRows(t *testing.T, path string) []map[string]string {
	t.Helper()
	args := []string{"-r", path, "-T", "json", "-e", "frame.number", "-e", "_ws.col.info", "-e", "_ws.col.Info"}
	for _, f := range versionFields {
		args = append(args, "-e", f)
	}
	o := s.tshark(t, nil, args...)
	if o.code != 0 {
		s.failf(t, "tshark -r %s: %s", path, o)
	}
	var packets []struct {
		Source struct {
			Layers map[string][]string `json:"layers"`
		} `json:"_source"`
	}
	if err := json.Unmarshal([]byte(o.stdout), &packets); err != nil {
		s.failf(t, "tshark -T json: %v", err)
	}
	rows := make([]map[string]string, len(packets))
	for i, p := range packets {
		rows[i] = map[string]string{}
		for k, v := range p.Source.Layers {
			rows[i][k] = strings.Join(v, ",")
		}
	}
	return rows
}

// rewrite copies the records of capture from into a new capture to, in
// the record format version this stracedump writes.
func rewrite(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	r, err := pcapng.NewReader(in)
	if err != nil {
		return err
	}
	out, err := os.Create(to)
	if err != nil {
		return err
	}
	defer out.Close()
	w, err := pcapng.NewWriter(out, pcapng.WriterOptions{Command: r.Interface().Description, OS: "Linux", Hardware: "x86_64"})
	if err != nil {
		return err
	}
	for {
		var rec pcapng.Record
		if err := r.Next(&rec); err == io.EOF {
			break
		} else if err != nil {
			return err
		}
		if err := w.WriteRecord(&rec); err != nil {
			return err
		}
	}
	return w.Close(pcapng.Stats{})
}
