package decoder

import "testing"

// Cases are strings strace 6.1 printed for the same bytes.
func TestQuote(t *testing.T) {
	for _, tc := range []struct {
		in   string
		hex  bool
		want string
	}{
		{"hi\n", false, `"hi\n"`},
		{"", false, `""`},
		{"\x018\x017", false, `"\18\0017"`},
		{"\x1bx\x7f\x00\t\n\v\f\r\"\\", false, `"\33x\177\0\t\n\v\f\r\"\\"`},
		{"\x80\xff\x00", false, `"\200\377\0"`},
		{"\x00" + "0", false, `"\0000"`},
		{"\x00" + "9", false, `"\09"`},
		{"\xfc\xf1Wm", true, `"\xfc\xf1\x57\x6d"`},
	} {
		if got := quoteString([]byte(tc.in)); !tc.hex && got != tc.want {
			t.Errorf("%q: got %s, want %s", tc.in, got, tc.want)
		}
		if tc.hex {
			if got := string(appendQuote(nil, []byte(tc.in), true)); got != tc.want {
				t.Errorf("%q hex: got %s, want %s", tc.in, got, tc.want)
			}
		}
	}
}
