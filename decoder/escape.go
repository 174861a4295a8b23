package decoder

import "strings"

// appendQuote appends b to dst as strace quotes strings: printable ASCII as is,
// C escapes for the usual control characters, octal for the rest. An octal
// escape is written with all three digits only when the next byte is an
// octal digit, so "\1" followed by '8' stays "\18" but followed by '7'
// becomes "\0017". With hex set, every byte is written as \xNN (strace's
// QUOTE_FORCE_HEX, used for getrandom's buffer).
func appendQuote(dst []byte, b []byte, hex bool) []byte {
	const digits = "0123456789abcdef"
	dst = append(dst, '"')
	for i, c := range b {
		if hex {
			dst = append(dst, '\\', 'x', digits[c>>4], digits[c&15])
			continue
		}
		switch c {
		case '"', '\\':
			dst = append(dst, '\\', c)
		case '\f':
			dst = append(dst, '\\', 'f')
		case '\n':
			dst = append(dst, '\\', 'n')
		case '\r':
			dst = append(dst, '\\', 'r')
		case '\t':
			dst = append(dst, '\\', 't')
		case '\v':
			dst = append(dst, '\\', 'v')
		default:
			if c >= ' ' && c < 0x7f {
				dst = append(dst, c)
				continue
			}
			dst = append(dst, '\\')
			if i+1 < len(b) && b[i+1] >= '0' && b[i+1] <= '7' {
				dst = append(dst, '0'+c>>6, '0'+(c>>3)&7)
			} else if c>>3 != 0 {
				if c>>6 != 0 {
					dst = append(dst, '0'+c>>6)
				}
				dst = append(dst, '0'+(c>>3)&7)
			}
			dst = append(dst, '0'+c&7)
		}
	}
	return append(dst, '"')
}

// quote is appendQuote for a strings.Builder.
func quote(sb *strings.Builder, b []byte, hex bool) {
	var buf [64]byte
	sb.Write(appendQuote(buf[:0], b, hex))
}

// quoteString is quote for callers that want a string.
func quoteString(b []byte) string {
	var sb strings.Builder
	quote(&sb, b, false)
	return sb.String()
}
