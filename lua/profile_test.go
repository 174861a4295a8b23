package lua

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"
)

func TestProfileFilters(t *testing.T) {
	list, err := ProfileFilters()
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	for _, f := range list {
		count[f.File]++
		if f.Name == "" || f.Expr == "" {
			t.Errorf("%s: empty name or filter: %+v", f.File, f)
		}
	}
	// What the issue asked for, at least: strace filters, not Wireshark's
	// defaults ("tcp port 80"), which the strace interface rejects.
	for file, min := range map[string]int{"cfilters": 4, "dfilters": 5, "dfilter_buttons": 5} {
		if count[file] < min {
			t.Errorf("%s has %d filters, want at least %d", file, count[file], min)
		}
	}
	for _, f := range list {
		if strings.Contains(f.Expr, "tcp") || strings.Contains(f.Expr, "ether") {
			t.Errorf("%s %q: %q is a network filter", f.File, f.Name, f.Expr)
		}
	}
}

func TestUATUnescape(t *testing.T) {
	for in, want := range map[string]string{`a \x22b\x22`: `a "b"`, `${x}`: `${x}`} {
		if got, err := uatUnescape(in); err != nil || got != want {
			t.Errorf("uatUnescape(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{`a"b`, `\x2`, `\y22`, `\xzz`} {
		if got, err := uatUnescape(bad); err == nil {
			t.Errorf("uatUnescape(%q) = %q, want an error", bad, got)
		}
	}
}

// TestProfileColumnWidths: every column of the profile has a width in its
// recent file, under the name Wireshark matches it by (a custom column by
// its field), and no other.
func TestProfileColumnWidths(t *testing.T) {
	prefs, err := fs.ReadFile(Profile, "profile/preferences")
	if err != nil {
		t.Fatal(err)
	}
	recent, err := fs.ReadFile(Profile, "profile/recent")
	if err != nil {
		t.Fatal(err)
	}
	var columns []string
	for _, m := range regexp.MustCompile(`"[^"]*", "(%[a-z]+|%Cus:[^:"]+)[^"]*"`).FindAllStringSubmatch(string(prefs), -1) {
		c := m[1]
		if strings.HasPrefix(c, "%Cus:") {
			c = `"` + c + `"`
		}
		columns = append(columns, c)
	}
	var widths []string
	for _, m := range regexp.MustCompile(`(?m)^\s+("%Cus:[^"]+"|%[a-z]+), (\d+),?$`).FindAllStringSubmatch(string(recent), -1) {
		widths = append(widths, m[1])
		if m[2] == "0" {
			t.Errorf("column %s has width 0", m[1])
		}
	}
	if strings.Join(columns, " ") != strings.Join(widths, " ") || len(columns) < 5 {
		t.Errorf("the profile's columns are %q, its recent file gives widths for %q", columns, widths)
	}
}
