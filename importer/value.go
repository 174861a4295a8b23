package importer

import (
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/stracedump/stracedump/decoder"
)

// splitArgs splits the text of a call's arguments at its top-level commas.
func splitArgs(s string) []string {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	var out []string
	depth, angle, start := 0, 0, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '"':
			if j, ok := endQuote(s, i); ok {
				i = j
			}
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			depth--
		case '<':
			// An fd's path: "3</a, b>", "</dev/null<char 1:3>>".
			if angle > 0 || i > 0 && s[i-1] >= '0' && s[i-1] <= '9' {
				angle++
			}
		case '>':
			if angle > 0 && (i == 0 || s[i-1] != '-') {
				angle--
			}
		case ',':
			if depth == 0 && angle == 0 && i+1 < len(s) && s[i+1] == ' ' {
				out = append(out, s[start:i])
				start = i + 2
				i++
			}
		}
	}
	return append(out, s[start:])
}

// number reads an integer as strace prints one: decimal (maybe negative),
// 0x hex, 0 octal, NULL.
func number(s string) (uint64, bool) {
	if s == "NULL" {
		return 0, true
	}
	if strings.HasPrefix(s, "-") {
		v, err := strconv.ParseInt(s, 10, 64)
		return uint64(v), err == nil
	}
	if len(s) > 1 && s[0] == '0' && s[1] != 'x' {
		v, err := strconv.ParseUint(s[1:], 8, 64)
		return v, err == nil
	}
	v, err := strconv.ParseUint(s, 0, 64)
	return v, err == nil
}

// flagValue reads "O_RDONLY|O_CLOEXEC|0x80000000" through set.
func flagValue(set, s string, arch uint32) (uint64, bool) {
	s, _, _ = strings.Cut(s, " /* ")
	var v uint64
	for _, part := range strings.Split(s, "|") {
		if n, ok := number(part); ok {
			v |= n
			continue
		}
		n, ok := decoder.XlatValue(set, part, arch)
		if x := decoder.Xlats()[set]; !ok && x != nil && x.Field != "" {
			n, ok = decoder.XlatValue(x.Field, part, arch)
		}
		if !ok {
			n, ok = anyXlat(part, arch)
		}
		if !ok {
			// A mode's special bits, which strace names without a set
			// (include/uapi/linux/stat.h).
			n, ok = modeBits[part]
		}
		if !ok {
			return 0, false
		}
		v |= n
	}
	return v, true
}

var modeBits = map[string]uint64{"S_ISUID": 0o4000, "S_ISGID": 0o2000, "S_ISVTX": 0o1000}

// xlatNames are the names of every flag and value set, sorted, so that a
// name two sets hold is looked up the same way every time.
var xlatNames = sync.OnceValue(func() []string {
	var names []string
	for n := range decoder.Xlats() {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
})

// anyXlat looks name up in every set, for an argument whose kind names no
// set of its own (a socket's type, an ioctl's request): the first set
// holding it gives the value, which the caller checks by rendering it.
func anyXlat(name string, arch uint32) (uint64, bool) {
	for _, set := range xlatNames() {
		if v, ok := decoder.XlatValue(set, name, arch); ok {
			return v, true
		}
	}
	return 0, false
}

// unquote reads a string strace printed: "abc\n\x01\33"..., the dots
// saying it was cut. more is set when it was.
func unquote(s string) (b []byte, more bool, ok bool) {
	if body, cut := strings.CutSuffix(s, "..."); cut && strings.HasSuffix(body, `"`) && len(body) >= 2 {
		s, more = body, true
	}
	if len(s) < 2 || s[0] != '"' || s[len(s)-1] != '"' {
		return nil, false, false
	}
	s = s[1 : len(s)-1]
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '"' {
			return nil, false, false
		}
		if c != '\\' {
			b = append(b, c)
			continue
		}
		i++
		if i >= len(s) {
			return nil, false, false
		}
		switch c = s[i]; c {
		case 'n':
			b = append(b, '\n')
		case 't':
			b = append(b, '\t')
		case 'r':
			b = append(b, '\r')
		case 'v':
			b = append(b, '\v')
		case 'f':
			b = append(b, '\f')
		case '\\', '"':
			b = append(b, c)
		case 'x':
			if i+3 > len(s) {
				return nil, false, false
			}
			v, err := strconv.ParseUint(s[i+1:i+3], 16, 8)
			if err != nil {
				return nil, false, false
			}
			b = append(b, byte(v))
			i += 2
		default:
			if c < '0' || c > '7' {
				return nil, false, false
			}
			v, j := 0, i
			for j < len(s) && j < i+3 && s[j] >= '0' && s[j] <= '7' {
				v = v*8 + int(s[j]-'0')
				j++
			}
			if v > 255 {
				return nil, false, false
			}
			b = append(b, byte(v))
			i = j - 1
		}
	}
	return b, more, true
}

// sigBits maps the names a signal mask shows ("CHLD", "RTMIN", "RT_1")
// to their bit, as the decoder prints each alone.
var sigBits = sync.OnceValue(func() map[string]int {
	m := map[string]int{}
	for bit := range 64 {
		w := []uint32{0, 0}
		w[bit/32] = 1 << (bit % 32)
		s := decoder.FormatSigset(w)
		if name, ok := strings.CutPrefix(s, "["); ok {
			m[strings.TrimSuffix(name, "]")] = bit
		}
	}
	return m
})

// sigset reads a signal mask, "[INT CHLD]" or "~[RTMIN RT_1]", as the 8
// bytes of a kernel sigset_t.
func sigset(s string) ([]byte, bool) {
	inv := strings.HasPrefix(s, "~")
	s = strings.TrimPrefix(s, "~")
	if len(s) < 2 || s[0] != '[' || s[len(s)-1] != ']' {
		return nil, false
	}
	var v uint64
	for _, name := range strings.Fields(s[1 : len(s)-1]) {
		bit, ok := sigBits()[name]
		if !ok {
			return nil, false
		}
		v |= 1 << bit
	}
	if inv {
		v = ^v
	}
	b := make([]byte, 8)
	for i := range b {
		b[i] = byte(v >> (8 * i))
	}
	return b, true
}
