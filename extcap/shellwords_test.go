package extcap

import (
	"reflect"
	"testing"
)

func TestSplitWords(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"   ", nil},
		{"ls -l /", []string{"ls", "-l", "/"}},
		{"  ls\t -l  ", []string{"ls", "-l"}},
		{`sh -c 'echo "$HOME"; exit 3'`, []string{"sh", "-c", `echo "$HOME"; exit 3`}},
		{`echo "a b" c`, []string{"echo", "a b", "c"}},
		{`echo "say \"hi\" \$x \n"`, []string{"echo", `say "hi" $x \n`}},
		{`echo a\ b\\c`, []string{"echo", `a b\c`}},
		{`echo ''`, []string{"echo", ""}},
		{`echo ""x`, []string{"echo", "x"}},
		{`a'b c'"d e"f`, []string{"ab cd ef"}},
		{"echo $HOME ~ *", []string{"echo", "$HOME", "~", "*"}}, // nothing expands
		{"echo a;b|c", []string{"echo", "a;b|c"}},               // no operators: no shell
		{"a \\\nb", []string{"a", "b"}},
	} {
		got, err := SplitWords(tc.in)
		if err != nil || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("SplitWords(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
	for _, bad := range []string{`echo 'a`, `echo "a`, `echo a\`, `"\"`} {
		if got, err := SplitWords(bad); err == nil {
			t.Errorf("SplitWords(%q) = %q, want an error", bad, got)
		}
	}
}
