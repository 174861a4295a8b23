package lua

import (
	"strings"
	"testing"
)

// TestInfoWithoutTree: tshark with nothing reading the tree (no filter, no
// -V, no fields) passes the dissector no tree, and the dissector then takes
// its quick path (the Info cache of repeated records). Its Info must be the
// tree path's for every frame, and so the Go decoder's line for every
// printing record.
func TestInfoWithoutTree(t *testing.T) {
	frames, repeated := 0, 0
	for _, c := range getCorpus(t) {
		rows := fieldRows(t, c.path, "", info(t, c.path))
		// Only the Info column: one line per frame, or more for an Info
		// holding newlines (a capture record's command).
		out := tshark(t, "-r", c.path, "-o", `gui.column.format:"Info","%i"`)
		seen := map[string]bool{}
		for _, fr := range c.recs {
			frames++
			want := rows[fr.number]
			if len(want) == 0 {
				t.Fatalf("%s frame %d: no Info with a tree", c.name, fr.number)
			}
			n := strings.Count(want[0], "\n") + 1
			parts := strings.SplitAfterN(out, "\n", n+1)
			if len(parts) < n {
				t.Fatalf("%s frame %d: tshark without a tree printed %d frames' lines", c.name, fr.number, fr.number-1)
			}
			got := strings.TrimSuffix(strings.Join(parts[:n], ""), "\n")
			out = strings.Join(parts[n:], "")
			if seen[got] {
				repeated++
			}
			seen[got] = true
			if got != want[0] {
				t.Fatalf("%s frame %d: Info without a tree %q, with a tree %q", c.name, fr.number, got, want[0])
			}
			if fr.err == nil && fr.line != "" && got != fr.line {
				t.Errorf("%s frame %d: Info without a tree %q, decode %q", c.name, fr.number, got, fr.line)
			}
		}
		if out != "" {
			t.Errorf("%s: tshark without a tree printed more lines than there are frames: %q", c.name, out)
		}
	}
	t.Logf("%d frames, %d of them repeating an earlier Info", frames, repeated)
}
