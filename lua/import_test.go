package lua

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestImportedInfo imports strace 6.1's text (importer/testdata, with a
// line no strace wrote, kept as a comment record) and checks that the
// dissector opens the capture without an error and that its Info column
// is decode's line for every record: arguments, results and siginfo
// given as text included.
func TestImportedInfo(t *testing.T) {
	need(t, "tshark")
	self, err := builtStracedump()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, name := range []string{"threads", "signals", "killread"} {
		log, err := os.ReadFile(filepath.Join("..", "importer", "testdata", name+".strace"))
		if err != nil {
			t.Fatal(err)
		}
		in := filepath.Join(dir, name+".strace")
		if err := os.WriteFile(in, append(log, "a line strace never wrote\n"...), 0o644); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, name+".pcapng")
		if out, err := exec.Command(self, "import", "-o", path, in).CombinedOutput(); err != nil {
			t.Fatalf("import %s: %v\n%s", name, err, out)
		}
		c, err := load(name, path)
		if err != nil {
			t.Fatal(err)
		}
		for n, r := range fieldRows(t, path, "strace.render_error || _ws.lua.error || _ws.malformed || strace.malformed", "strace.render_error") {
			t.Errorf("%s frame %d: %v", name, n, r)
		}
		rows := fieldRows(t, path, "", info(t, path))
		same := 0
		for _, fr := range c.recs {
			row, ok := rows[fr.number]
			switch {
			case !ok:
				t.Errorf("%s frame %d: tshark printed no row", name, fr.number)
			case fr.err != nil:
				t.Errorf("%s frame %d: %v", name, fr.number, fr.err)
			case fr.info != "" && row[0] != fr.info:
				t.Errorf("%s frame %d:\n  go:  %s\n  lua: %s", name, fr.number, fr.info, row[0])
			default:
				same++
			}
		}
		t.Logf("%s: Info equals decode's line for %d of %d records", name, same, len(c.recs))
	}
}
