package decoder

import (
	"strings"
	"testing"
)

// statx's flags under -X raw, as strace 6.1 printed them for a program
// calling statx with each of these flags (the sync type printed apart:
// nothing for AT_STATX_SYNC_AS_STAT, then "|" and the other flags).
func TestSplitFieldRaw(t *testing.T) {
	for _, tc := range []struct {
		flags uint64
		want  string
	}{
		{0, `statx(-100, "/", , 0x2, `},
		{0x100, `statx(-100, "/", |0x100, 0x2, `},
		{0x2000, `statx(-100, "/", 0x2000, 0x2, `},
		{0x2100, `statx(-100, "/", 0x2000|0x100, 0x2, `},
		{0x6000, `statx(-100, "/", 0x6000, 0x2, `},
		{0x80000, `statx(-100, "/", |0x80000, 0x2, `},
	} {
		f := newFake()
		f.regions[0x1000] = []byte("/\x00")
		rec := captured(call(t, "statx", -22, 0xffffff9c, 0x1000, tc.flags, 2, 0x2000), f)
		got := New(Options{StringLimit: 32, Xlat: XlatRaw}).Line(rec)
		if !strings.HasPrefix(got, tc.want) {
			t.Errorf("flags %#x: %s, want it to start %s", tc.flags, got, tc.want)
		}
	}
}
