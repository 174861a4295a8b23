package matrix

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// checkImported: strace logs imported with `stracedump import` open
// without a Lua error, and each record's line, as `decode --json` gives
// it, is the Info column of a record. (decode's text is not: where strace
// split a call around another thread's, its "<... resumed>" line is only
// the call's second half, while the Info column shows the call whole. The
// import round trip holds that text to the log's own lines.)
func (s *suite) checkImported(t *testing.T) {
	s.needInstall(t)
	dir := os.Getenv(envTestdata)
	if dir == "" {
		s.notYet(t, envTestdata+" (importer/testdata's strace logs)")
	}
	logs, _ := filepath.Glob(filepath.Join(dir, "import", "*.strace"))
	if len(logs) == 0 {
		s.failf(t, "no strace logs in %s", filepath.Join(dir, "import"))
	}
	for _, log := range logs {
		name := strings.TrimSuffix(filepath.Base(log), ".strace")
		capture := filepath.Join(s.work, "imported-"+name+".pcapng")
		if o := s.run(t, commandTimeout, nil, s.bin, "import", "-o", capture, log); o.code != 0 {
			s.failf(t, "stracedump import %s: %s", name, o)
		}
		d := s.run(t, commandTimeout, nil, s.bin, "decode", "--json", capture)
		if d.code != 0 {
			s.failf(t, "stracedump decode --json of imported %s: %s", name, d)
		}
		var want []string
		for _, l := range lines(d.stdout) {
			var rec struct{ Line string }
			if err := json.Unmarshal([]byte(l), &rec); err != nil {
				s.failf(t, "decode --json of imported %s: %v: %s", name, err, l)
			}
			if rec.Line != "" {
				want = append(want, rec.Line)
			}
		}
		o := s.tshark(t, nil, "-r", capture, "-o", `gui.column.format:"Info","%i"`)
		if o.code != 0 {
			s.failf(t, "tshark -r imported %s: %s", name, o)
		}
		have := map[string]int{}
		for _, l := range lines(o.stdout) {
			have[squeeze(l)]++
		}
		var missing []string
		for _, l := range want {
			l = squeeze(l)
			if have[l] > 0 {
				have[l]--
			} else {
				missing = append(missing, l)
			}
		}
		t.Logf("%s: %d of %d records' lines are Info lines", name, len(want)-len(missing), len(want))
		if len(want) == 0 || len(missing) > 0 {
			s.errorf(t, "imported %s: %d of %d records' lines are no Info line; first: %q", name, len(missing), len(want), firstN(missing, 3))
		}
	}
}
