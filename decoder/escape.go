package decoder

import "strings"

// quote appends b to sb as strace quotes strings: printable ASCII as is,
// C escapes for the usual control characters, octal for the rest. An octal
// escape is written with all three digits only when the next byte is an
// octal digit, so "\1" followed by '8' stays "\18" but followed by '7'
// becomes "\0017". With hex set, every byte is written as \xNN (strace's
// QUOTE_FORCE_HEX, used for getrandom's buffer).
func quote(sb *strings.Builder, b []byte, hex bool) {
	const digits = "0123456789abcdef"
	sb.WriteByte('"')
	for i, c := range b {
		if hex {
			sb.WriteString(`\x`)
			sb.WriteByte(digits[c>>4])
			sb.WriteByte(digits[c&15])
			continue
		}
		switch c {
		case '"', '\\':
			sb.WriteByte('\\')
			sb.WriteByte(c)
		case '\f':
			sb.WriteString(`\f`)
		case '\n':
			sb.WriteString(`\n`)
		case '\r':
			sb.WriteString(`\r`)
		case '\t':
			sb.WriteString(`\t`)
		case '\v':
			sb.WriteString(`\v`)
		default:
			if c >= ' ' && c < 0x7f {
				sb.WriteByte(c)
				continue
			}
			sb.WriteByte('\\')
			if i+1 < len(b) && b[i+1] >= '0' && b[i+1] <= '7' {
				sb.WriteByte('0' + c>>6)
				sb.WriteByte('0' + (c>>3)&7)
			} else if c>>3 != 0 {
				if c>>6 != 0 {
					sb.WriteByte('0' + c>>6)
				}
				sb.WriteByte('0' + (c>>3)&7)
			}
			sb.WriteByte('0' + c&7)
		}
	}
	sb.WriteByte('"')
}

// quoteString is quote for callers that want a string.
func quoteString(b []byte) string {
	var sb strings.Builder
	quote(&sb, b, false)
	return sb.String()
}
