package decoder

// jsonBuf: the appending JSON encoder the JSONWriter writes its objects with.

import (
	"strconv"
	"unicode/utf8"
)

// jsonBuf builds one JSON object; first says no member was written yet at
// the current level.
type jsonBuf struct {
	b     []byte
	first bool
}

func (b *jsonBuf) reset() { b.b, b.first = b.b[:0], true }
func (b *jsonBuf) open()  { b.b = append(b.b, '{'); b.first = true }
func (b *jsonBuf) close() { b.b = append(b.b, '}'); b.first = false }

// elem starts an element of an array.
func (b *jsonBuf) elem() {
	if !b.first {
		b.b = append(b.b, ',')
	}
	b.first = false
}

// key starts a member. Keys are this file's own names, argument names
// and C member names: none needs an escape.
func (b *jsonBuf) key(k string) {
	b.elem()
	b.b = append(b.b, '"')
	b.b = append(b.b, k...)
	b.b = append(b.b, '"', ':')
}

func (b *jsonBuf) str(k, v string)          { b.key(k); b.b = appendJSONString(b.b, v) }
func (b *jsonBuf) bytes(k string, v []byte) { b.key(k); b.b = appendJSONString(b.b, v) }
func (b *jsonBuf) int(k string, v int64)    { b.key(k); b.b = strconv.AppendInt(b.b, v, 10) }
func (b *jsonBuf) uint(k string, v uint64) {
	b.key(k)
	b.b = strconv.AppendUint(b.b, v, 10)
}
func (b *jsonBuf) bool(k string, v bool) { b.key(k); b.b = strconv.AppendBool(b.b, v) }
func (b *jsonBuf) obj(k string)          { b.key(k); b.open() }
func (b *jsonBuf) arr(k string)          { b.key(k); b.b = append(b.b, '['); b.first = true }
func (b *jsonBuf) endArr()               { b.b = append(b.b, ']'); b.first = false }
func (b *jsonBuf) elemStr(v string)      { b.elem(); b.b = appendJSONString(b.b, v) }
func (b *jsonBuf) elemBytes(v []byte)    { b.elem(); b.b = appendJSONString(b.b, v) }

// appendJSONString appends s as a JSON string. Bytes that are not UTF-8
// become U+FFFD, as encoding/json makes them: the exact bytes are in the
// strace text beside it.
func appendJSONString[T string | []byte](dst []byte, s T) []byte {
	const hexDigits = "0123456789abcdef"
	dst = append(dst, '"')
	for i := 0; i < len(s); {
		// A run of bytes that need no escape, appended at once.
		k := i
		for k < len(s) && s[k] >= 0x20 && s[k] < 0x7f && s[k] != '"' && s[k] != '\\' {
			k++
		}
		if k > i {
			dst = append(dst, s[i:k]...)
			if i = k; i == len(s) {
				break
			}
		}
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				dst = append(dst, '\\', c)
			case c == '\n':
				dst = append(dst, '\\', 'n')
			case c == '\r':
				dst = append(dst, '\\', 'r')
			case c == '\t':
				dst = append(dst, '\\', 't')
			case c < 0x20 || c == 0x7f:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			default:
				dst = append(dst, c)
			}
			i++
			continue
		}
		var r rune
		var n int
		switch v := any(s).(type) {
		case string:
			r, n = utf8.DecodeRuneInString(v[i:])
		case []byte:
			r, n = utf8.DecodeRune(v[i:])
		}
		if r == utf8.RuneError && n == 1 {
			dst = append(dst, `\ufffd`...)
		} else if r == '\u2028' || r == '\u2029' {
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
		} else {
			dst = append(dst, string(s[i:i+n])...)
		}
		i += n
	}
	return append(dst, '"')
}
