package decoder

import "strconv"

// Number formatting appended to a byte slice, as fmt's verbs print the same
// numbers. Decoding formats several numbers a line; through fmt each costs
// an allocation (the boxed argument) and a pass over the format string.

// appendHex appends v as C's %#x does: "0" for zero, else 0x-prefixed.
func appendHex(dst []byte, v uint64) []byte {
	if v == 0 {
		return append(dst, '0')
	}
	return strconv.AppendUint(append(dst, '0', 'x'), v, 16)
}

// appendInt appends v in decimal as fmt's %Nd (left false) or %-Nd (left
// true) does: padded with spaces to width, the sign counted in it.
func appendInt(dst []byte, v int64, width int, left bool) []byte {
	var buf [24]byte
	d := strconv.AppendInt(buf[:0], v, 10)
	if left {
		dst = append(dst, d...)
		for n := len(d); n < width; n++ {
			dst = append(dst, ' ')
		}
		return dst
	}
	for n := len(d); n < width; n++ {
		dst = append(dst, ' ')
	}
	return append(dst, d...)
}

// appendZeroInt appends v in decimal as fmt's %0Nd does: padded with
// zeros to width after the sign, the sign counted in the width.
func appendZeroInt(dst []byte, v int64, width int) []byte {
	u := uint64(v)
	if v < 0 {
		dst = append(dst, '-')
		u = -u
		width--
	}
	return appendZeroUint(dst, u, width)
}

// appendZeroUint appends v in decimal padded with zeros to width.
func appendZeroUint(dst []byte, v uint64, width int) []byte {
	var buf [24]byte
	d := strconv.AppendUint(buf[:0], v, 10)
	for n := len(d); n < width; n++ {
		dst = append(dst, '0')
	}
	return append(dst, d...)
}

// appendSecMicro appends ns as seconds and microseconds, "%d.%06d" of
// ns/1e9 and ns%1e9/1e3, as strace prints times.
func appendSecMicro(dst []byte, ns int64) []byte {
	dst = strconv.AppendInt(dst, ns/1e9, 10)
	return appendZeroInt(append(dst, '.'), ns%1e9/1e3, 6)
}

// appendOctal appends v as fmt's %#0Wo does (%#o for width 0): octal
// digits zero-padded to width, with a leading 0 unless the digits already
// start with one.
func appendOctal(dst []byte, v uint64, width int) []byte {
	var buf [24]byte
	d := strconv.AppendUint(buf[:0], v, 8)
	if len(d) >= width && d[0] != '0' {
		dst = append(dst, '0')
	}
	for n := len(d); n < width; n++ {
		dst = append(dst, '0')
	}
	return append(dst, d...)
}
