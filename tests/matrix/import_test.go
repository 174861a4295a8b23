package matrix

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// pidPrefix is the "[pid N] " decode puts before a line of a process
// other than the first, as strace does; the Info column has no prefix.
var pidPrefix = regexp.MustCompile(`^\[pid +\d+\] `)

// checkImported: strace logs imported with `stracedump import` open
// without a Lua error, and every line decode prints of them, which the
// import round trip holds to the log's own lines, is the Info column of
// some record.
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
		d := s.run(t, commandTimeout, nil, s.bin, "decode", capture)
		if d.code != 0 {
			s.failf(t, "stracedump decode of imported %s: %s", name, d)
		}
		o := s.tshark(t, nil, "-r", capture, "-o", `gui.column.format:"Info","%i"`)
		if o.code != 0 {
			s.failf(t, "tshark -r imported %s: %s", name, o)
		}
		have := map[string]int{}
		for _, l := range lines(o.stdout) {
			have[squeeze(l)]++
		}
		want := lines(d.stdout)
		var missing []string
		for _, l := range want {
			l = squeeze(pidPrefix.ReplaceAllString(l, ""))
			if have[l] > 0 {
				have[l]--
			} else {
				missing = append(missing, l)
			}
		}
		t.Logf("%s: %d of %d decode lines are Info lines", name, len(want)-len(missing), len(want))
		if len(want) == 0 || len(missing) > 0 {
			s.errorf(t, "imported %s: %d of %d decode lines are no Info line; first: %q", name, len(missing), len(want), firstN(missing, 3))
		}
	}
}
