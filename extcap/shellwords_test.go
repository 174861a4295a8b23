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

func TestJoinWords(t *testing.T) {
	for _, tc := range []struct {
		in   []string
		want string
	}{
		{[]string{"ls", "-l", "/"}, "ls -l /"},
		{[]string{"sh", "-c", `echo "$HOME"; exit 3`}, `sh -c 'echo "$HOME"; exit 3'`},
		{[]string{"echo", "it's", ""}, `echo 'it'\''s' ''`},
		{[]string{"make", "-j2", "CFLAGS=-O2", "a b"}, "make -j2 CFLAGS=-O2 'a b'"},
		{[]string{"echo", "~", "*", "a\\b", "x\ny"}, "echo '~' '*' 'a\\b' 'x\ny'"},
	} {
		got := JoinWords(tc.in)
		if got != tc.want {
			t.Errorf("JoinWords(%q) = %s, want %s", tc.in, got, tc.want)
		}
		if back, err := SplitWords(got); err != nil || !reflect.DeepEqual(back, tc.in) {
			t.Errorf("SplitWords(JoinWords(%q)) = %q, %v", tc.in, back, err)
		}
	}
}

func FuzzJoinWords(f *testing.F) {
	f.Add("sh", "-c", "echo 'a' \"b\" \\c")
	f.Fuzz(func(t *testing.T, a, b, c string) {
		words := []string{a, b, c}
		if back, err := SplitWords(JoinWords(words)); err != nil || !reflect.DeepEqual(back, words) {
			t.Errorf("SplitWords(JoinWords(%q)) = %q, %v", words, back, err)
		}
	})
}
