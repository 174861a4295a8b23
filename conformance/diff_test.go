package conformance

import (
	"bytes"
	"strings"
	"testing"
)

func TestDiff(t *testing.T) {
	tests := []struct {
		name   string
		a, b   string // lines as letters
		want   string // op kinds in order
		common int
	}{
		{"equal", "abc", "abc", "   ", 3},
		{"one extra line does not shift the rest", "abcdef", "abXcdef", "  +    ", 6},
		{"one missing line", "abcdef", "abdef", "  -   ", 5},
		{"changed line: removal before addition", "abc", "aXc", " -+ ", 2},
		{"empty b", "ab", "", "--", 0},
		{"empty a", "", "ab", "++", 0},
		{"nothing in common", "ab", "cd", "--++", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ops := Diff(strings.Split(tt.a, ""), strings.Split(tt.b, ""))
			var kinds strings.Builder
			for _, op := range ops {
				kinds.WriteByte(op.Kind)
			}
			if kinds.String() != tt.want {
				t.Errorf("kinds %q, want %q", kinds.String(), tt.want)
			}
			if got := Common(ops); got != tt.common {
				t.Errorf("Common = %d, want %d", got, tt.common)
			}
		})
	}
}

func TestWriteHunks(t *testing.T) {
	a := strings.Split("1 2 3 4 5 6 7 8 9 10 11 12", " ")
	b := strings.Split("1 2 X 3 4 5 6 7 8 9 10 12", " ")
	var buf bytes.Buffer
	if err := WriteHunks(&buf, "a", "b", Diff(a, b), 1); err != nil {
		t.Fatal(err)
	}
	want := `--- a
+++ b
@@ -2,2 +2,3 @@
 2
+X
 3
@@ -10,3 +11,2 @@
 10
-11
 12
`
	if buf.String() != want {
		t.Errorf("got\n%s\nwant\n%s", buf.String(), want)
	}
}

func TestCategorize(t *testing.T) {
	ops := Diff(
		[]string{"P1 openat(1) = 3", "P1 close(3) = 0", "P2 --- SIGCHLD {} ---"},
		[]string{"P1 openat(2) = 3", "P1 close(3) = 0"},
	)
	cats := map[string]*Category{}
	Categorize(cats, "prog", ops)
	top := TopCategories(cats, 10)
	var got []string
	for _, c := range top {
		got = append(got, c.Name)
	}
	if strings.Join(got, ",") != "openat,signal" {
		t.Fatalf("categories %v, want openat then signal", got)
	}
	if c := cats["openat"]; c.OnlyA != 1 || c.OnlyB != 1 || !c.Programs["prog"] {
		t.Errorf("openat = %+v, want one line on each side in prog", *c)
	}
	if c := cats["signal"]; c.OnlyA != 1 || c.OnlyB != 0 {
		t.Errorf("signal = %+v, want one line only in A", *c)
	}
}
