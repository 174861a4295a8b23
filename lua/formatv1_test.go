package lua

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// v1Capture is a real capture in record format version 1 (see
// command/formatv1_test.go for how it was taken).
var v1Capture = filepath.Join("..", "pcapng", "testdata", "v1.pcapng")

// TestInfoVersion1: the dissector's Info column for the version 1 capture
// is the one it showed when the capture was taken.
func TestInfoVersion1(t *testing.T) {
	need(t, "tshark")
	rows := fieldRows(t, v1Capture, "", info(t, v1Capture), "strace.malformed", "_ws.lua.error")
	var nums []int
	for n := range rows {
		nums = append(nums, n)
	}
	sort.Ints(nums)
	var b strings.Builder
	for _, n := range nums {
		r := rows[n]
		if r[1] != "" || r[2] != "" {
			t.Errorf("frame %d: malformed %q, Lua error %q", n, r[1], r[2])
		}
		fmt.Fprintf(&b, "%d\t%s\n", n, r[0])
	}
	golden := filepath.Join("..", "pcapng", "testdata", "v1.info.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (go test ./lua -run TestInfoVersion1 -update writes it)", err)
	}
	got := strings.Split(b.String(), "\n")
	for i, w := range strings.Split(string(want), "\n") {
		if i >= len(got) {
			t.Fatalf("Info has %d lines, the golden file %d", len(got), i+1)
		}
		if got[i] != w {
			t.Errorf("Info line %d changed:\n got %s\nwant %s", i+1, got[i], w)
		}
	}
	if len(got) != len(strings.Split(string(want), "\n")) {
		t.Errorf("Info has %d lines, the golden file %d", len(got), len(strings.Split(string(want), "\n")))
	}
}
