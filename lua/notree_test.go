package lua

import (
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// asJSON is s as tshark's JSON output writes it: each byte that is not
// part of valid UTF-8 becomes U+FFFD. The text output writes such bytes
// as they are.
func asJSON(s string) string {
	var b strings.Builder
	for len(s) > 0 {
		r, n := utf8.DecodeRuneInString(s)
		if r == utf8.RuneError && n == 1 {
			b.WriteRune(utf8.RuneError)
		} else {
			b.WriteString(s[:n])
		}
		s = s[n:]
	}
	return b.String()
}

// treelessInfo runs tshark on path with nothing reading the dissector's
// fields (no filter, no -V, no fields): the dissector then takes its quick
// path (the quick parser, the Info cache of repeated records, no tree). It returns frames 1..n's Info, split by the Info the
// tree path gave (rows, by frame number; one holding newlines, a capture
// record's command, spans several lines of output).
func treelessInfo(t *testing.T, path string, rows map[int][]string, n int) []string {
	t.Helper()
	out := tshark(t, "-r", path, "-o", `gui.column.format:"Info","%i"`)
	var infos []string
	for num := 1; num <= n; num++ {
		want := rows[num]
		if len(want) == 0 {
			t.Fatalf("%s frame %d: no Info with a tree", path, num)
		}
		k := strings.Count(want[0], "\n") + 1
		parts := strings.SplitAfterN(out, "\n", k+1)
		if len(parts) < k {
			t.Fatalf("%s: tshark without a tree printed the lines of %d frames, want %d", path, num-1, n)
		}
		infos = append(infos, strings.TrimSuffix(strings.Join(parts[:k], ""), "\n"))
		out = strings.Join(parts[k:], "")
	}
	if out != "" {
		t.Errorf("%s: tshark without a tree printed more lines than there are frames: %q", path, out)
	}
	return infos
}

// TestInfoWithoutTree: the Info of the quick path is the tree path's for
// every frame, and so the Go decoder's line for every printing record.
func TestInfoWithoutTree(t *testing.T) {
	frames, repeated := 0, 0
	for _, c := range getCorpus(t) {
		rows := fieldRows(t, c.path, "", info(t, c.path))
		infos := treelessInfo(t, c.path, rows, len(c.recs))
		seen := map[string]bool{}
		for i, fr := range c.recs {
			got := infos[i]
			frames++
			if seen[got] {
				repeated++
			}
			seen[got] = true
			if asJSON(got) != rows[fr.number][0] {
				t.Errorf("%s frame %d: Info without a tree %q, with a tree %q", c.name, fr.number, got, rows[fr.number][0])
			}
			if fr.err == nil && fr.info != "" && got != fr.info {
				t.Errorf("%s frame %d: Info without a tree %q, decode %q", c.name, fr.number, got, fr.info)
			}
		}
	}
	t.Logf("%d frames, %d of them repeating an earlier Info", frames, repeated)
}

// TestExpertWithoutTree: the quick path adds the expert info of failed
// calls and of calls still blocked, so a filter on expert info alone (which
// names no strace field, so the quick path runs) matches the frames it
// matches when the tree is built.
func TestExpertWithoutTree(t *testing.T) {
	total := 0
	for _, c := range getCorpus(t) {
		// -T json makes tshark 4.0 build the whole tree.
		rows := fieldRows(t, c.path, "_ws.expert", "_ws.expert.message")
		// Two passes, as fieldRows runs a filter: an entry record's
		// expert info depends on whether a later frame completes it.
		out := tshark(t, "-r", c.path, "-2", "-Y", "_ws.expert", "-o", `gui.column.format:"No.","%m"`)
		quick := map[int]bool{}
		for _, l := range strings.Fields(out) {
			n, err := strconv.Atoi(l)
			if err != nil {
				t.Fatalf("%s: frame number %q", c.name, l)
			}
			quick[n] = true
		}
		for n, r := range rows {
			if !quick[n] {
				t.Errorf("%s frame %d: expert info %q with a tree, none without", c.name, n, r[0])
			}
		}
		for n := range quick {
			if _, ok := rows[n]; !ok {
				t.Errorf("%s frame %d: expert info without a tree, none with", c.name, n)
			}
		}
		total += len(rows)
	}
	if total == 0 {
		t.Fatal("no expert info in the corpus")
	}
	t.Logf("%d frames with expert info", total)
}

// TestRecordFieldsFilter: the Record subtree is built only when something
// reads one of its fields (the colouring rules read the kind alone, which
// is then added by itself), so a filter on its fields or on the kind
// matches the frames that -T fields says hold them.
func TestRecordFieldsFilter(t *testing.T) {
	need(t, "tshark")
	// The packet list's columns, not -T fields: tshark shows the tree to
	// -T fields, which then has everything.
	count := func(filter string) int {
		return strings.Count(tshark(t, "-r", v1Capture, "-Y", filter, "-o", `gui.column.format:"No.","%m"`), "\n")
	}
	kinds := map[string]int{}
	sections := 0
	for _, l := range strings.Split(strings.TrimSpace(tshark(t, "-r", v1Capture, "-T", "fields", "-e", "strace.kind", "-e", "strace.nsections")), "\n") {
		f := strings.Split(l, "\t")
		kinds[f[0]]++
		if n, _ := strconv.Atoi(f[1]); n > 2 {
			sections++
		}
	}
	if len(kinds) < 3 || sections == 0 {
		t.Fatalf("the capture's kinds %v and records with more than 2 sections (%d): too few to tell", kinds, sections)
	}
	for k, n := range kinds {
		if got := count("strace.kind == " + k); got != n {
			t.Errorf("-Y 'strace.kind == %s': %d frames, -T fields says %d", k, got, n)
		}
	}
	if got := count("strace.nsections > 2"); got != sections {
		t.Errorf("-Y 'strace.nsections > 2': %d frames, -T fields says %d", got, sections)
	}
}
