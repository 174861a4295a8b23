package decoder

import (
	"fmt"
	"math"
	"testing"
)

// The append helpers stand in for fmt verbs on the decoding path: each
// must print every value exactly as its verb does.
func TestAppendNumbersMatchFmt(t *testing.T) {
	ints := []int64{0, 1, -1, 7, 9, 10, -10, 99, 100, 12345, 123456, -12345, 999999, 1000000,
		-1000000, math.MaxInt64, math.MinInt64, math.MaxInt32, math.MinInt32}
	for _, v := range ints {
		for _, tc := range []struct {
			verb string
			got  string
		}{
			{"%-5d", string(appendInt(nil, v, 5, true))},
			{"%5d", string(appendInt(nil, v, 5, false))},
			{"%4d", string(appendInt(nil, v, 4, false))},
			{"%6d", string(appendInt(nil, v, 6, false))},
			{"%06d", string(appendZeroInt(nil, v, 6))},
		} {
			if want := fmt.Sprintf(tc.verb, v); tc.got != want {
				t.Errorf("%s of %d: got %q, want %q", tc.verb, v, tc.got, want)
			}
		}
		if got, want := string(appendSecMicro(nil, v)), fmt.Sprintf("%d.%06d", v/1e9, v%1e9/1e3); got != want {
			t.Errorf("seconds of %d: got %q, want %q", v, got, want)
		}
		u := uint64(v)
		want := fmt.Sprintf("%#x", u)
		if u == 0 {
			want = "0" // C's %#x, which strace prints
		}
		if got := string(appendHex(nil, u)); got != want {
			t.Errorf("%%#x of %d: got %q, want %q", u, got, want)
		}
		if got, want := string(appendDuration(nil, u)), fmt.Sprintf(" <%d.%06d>", u/1e9, u%1e9/1e3); got != want {
			t.Errorf("duration %d: got %q, want %q", u, got, want)
		}
	}
	for _, v := range []uint64{0, 1, 7, 8, 0o22, 0o77, 0o100, 0o644, 0o755, 0o1777, 0o7777, math.MaxUint32} {
		if got, want := string(appendOctal(nil, v, 0)), fmt.Sprintf("%#o", v); got != want {
			t.Errorf("%%#o of %o: got %q, want %q", v, got, want)
		}
		if got, want := string(appendOctal(nil, v, 3)), fmt.Sprintf("%#03o", v); got != want {
			t.Errorf("%%#03o of %o: got %q, want %q", v, got, want)
		}
	}
}
