package pcapng

import (
	"encoding/binary"
	"fmt"
	"math/bits"
	"slices"
)

// Record format version 2 (docs/format.md): after the 2-byte version, every
// field is an unsigned LEB128 varint, fields equal to zero are left out and
// the head varint says which are there. The record's Time is not stored:
// it is derived from the packet's timestamp.

// Bits of the head varint.
const (
	headKindMask  = 0x7 // kind 1-7; 0: the kind follows as its own varint
	headFlags     = 1 << 3
	headTID       = 1 << 4 // tid differs from pid: their difference follows
	headDuration  = 1 << 5
	headNrShift   = 6  // 2-bit value mode of nr
	headRetShift  = 8  // 2-bit value mode of ret
	headArgsShift = 10 // 2-bit value mode of each arg, args[0] lowest
	headKnownBits = headArgsShift + 2*6
	headMaxKind   = 7 // the largest kind the head holds itself
)

// Value modes: how a 64-bit value is stored. Negative numbers, 64-bit or
// 32-bit (an int the tracee passed zero-extended, as AT_FDCWD and -1 fds
// arrive on x86_64), are stored as their distance below zero, so small
// negative numbers take one byte.
const (
	modeZero  = 0 // the value is 0 and takes no bytes
	modeUint  = 1 // varint v
	modeNeg64 = 2 // varint ^v: v = -1 - m as an int64
	modeNeg32 = 3 // varint 0xffffffff - v: v = 0xffffffff - m, m < 2^32
)

// A section's descriptor: the key mode in its low 4 bits, the data
// reference bit, then the type.
const (
	keyZero    = 0 // the key is 0 and takes no bytes
	keyVarint  = 1 // varint key
	keyRet     = 2 // the key equals the record's ret
	keyArg0    = 3 // 3+i: the key equals args[i]
	keyModes   = keyArg0 + 6
	keyModeLen = 4

	// descDataRef: the data repeats an earlier section's (an fd's path read
	// at entry and at exit, a path argument and the path of the fd it
	// opened); that section's index follows instead of length and data.
	descDataRef   = 1 << keyModeLen
	descTypeShift = keyModeLen + 1
	// dataRefWindow is how many earlier sections a writer compares: a
	// process record's hundreds of fd paths must not cost a search each.
	dataRefWindow = 8
)

func uvarintLen(x uint64) int { return (bits.Len64(x|1) + 6) / 7 }

// valueMode picks the mode that stores v in the fewest bytes and returns
// it with the number to write.
func valueMode(v uint64) (mode uint64, m uint64) {
	switch {
	case v == 0:
		return modeZero, 0
	case v>>63 != 0:
		return modeNeg64, ^v
	case v >= 1<<31 && v < 1<<32 && uvarintLen(0xffffffff-v) < uvarintLen(v):
		return modeNeg32, 0xffffffff - v
	}
	return modeUint, v
}

// zigzag maps a signed difference to an unsigned one, small either way.
func zigzag(d int64) uint64 { return uint64(d<<1) ^ uint64(d>>63) }

func unzigzag(u uint64) int64 { return int64(u>>1) ^ -int64(u&1) }

// archCode rotates an AUDIT_ARCH_* value left by 2 bits: its flag bits
// (64-bit, little-endian) come below the ELF machine number, so every
// arch takes at most 2 bytes as a varint (x86_64 0xc000003e is 251).
func archCode(arch uint32) uint64 { return uint64(bits.RotateLeft32(arch, 2)) }

func archFromCode(c uint32) uint32 { return bits.RotateLeft32(c, -2) }

// values returns r's head varint and the numbers to write for nr, ret and
// the six args (in that order; a zero value's number is not written).
func (r *Record) values() (h uint64, ms [8]uint64) {
	if r.Kind >= 1 && r.Kind <= headMaxKind {
		h = uint64(r.Kind)
	}
	if r.Flags != 0 {
		h |= headFlags
	}
	if r.TID != r.PID {
		h |= headTID
	}
	if r.Duration != 0 {
		h |= headDuration
	}
	var mode uint64
	mode, ms[0] = valueMode(uint64(r.Nr))
	h |= mode << headNrShift
	mode, ms[1] = valueMode(uint64(r.Ret))
	h |= mode << headRetShift
	for i, a := range r.Args {
		mode, ms[2+i] = valueMode(a)
		h |= mode << (headArgsShift + 2*i)
	}
	return h, ms
}

// written says whether the i-th value in writing order (nr, ret, args) is
// written: its mode in head h is not zero.
func written(h uint64, i int) bool { return h>>(headNrShift+2*i)&3 != modeZero }

// keyMode says how a section's key is stored: by reference to ret or an
// argument when it equals one (a buffer's address, an fd).
func (r *Record) keyMode(key uint64) uint64 {
	if key == 0 {
		return keyZero
	}
	for i, a := range r.Args {
		if a == key {
			return keyArg0 + uint64(i)
		}
	}
	if uint64(r.Ret) == key {
		return keyRet
	}
	return keyVarint
}

// dataRef returns the index of an earlier section of r, among the last
// dataRefWindow, whose data equals section i's, or -1. Empty data is never
// a reference: its length alone is as short.
func (r *Record) dataRef(i int) int {
	d := r.Sections[i].Data
	if len(d) == 0 {
		return -1
	}
	for j := max(0, i-dataRefWindow); j < i; j++ {
		if string(r.Sections[j].Data) == string(d) {
			return j
		}
	}
	return -1
}

// MarshalledLen is the number of bytes AppendTo adds for r.
func (r *Record) MarshalledLen() int {
	h, ms := r.values()
	n := 2 + uvarintLen(h)
	if r.Kind < 1 || r.Kind > headMaxKind {
		n += uvarintLen(uint64(r.Kind))
	}
	n += uvarintLen(archCode(r.Arch)) + uvarintLen(uint64(r.PID))
	if r.Flags != 0 {
		n += uvarintLen(uint64(r.Flags))
	}
	if r.TID != r.PID {
		n += uvarintLen(zigzag(int64(r.TID) - int64(r.PID)))
	}
	if r.Duration != 0 {
		n += uvarintLen(r.Duration)
	}
	for i, m := range ms {
		if written(h, i) {
			n += uvarintLen(m)
		}
	}
	for i := range r.Sections {
		s := &r.Sections[i]
		km := r.keyMode(s.Key)
		n += uvarintLen(uint64(s.Type)<<descTypeShift|descDataRef|km) + uvarintLen(uint64(s.Flags))
		if km == keyVarint {
			n += uvarintLen(s.Key)
		}
		if j := r.dataRef(i); j >= 0 {
			n += uvarintLen(uint64(j))
		} else {
			n += uvarintLen(uint64(len(s.Data))) + len(s.Data)
		}
	}
	return n
}

// putUvarint writes x at buf[n:] and returns the offset after it. Writing
// varints into room grown once is several times faster than appending a
// byte at a time, and the tracer encodes a record per call.
func putUvarint(buf []byte, n int, x uint64) int {
	for x >= 0x80 {
		buf[n] = byte(x) | 0x80
		x >>= 7
		n++
	}
	buf[n] = byte(x)
	return n + 1
}

// maxHeaderLen bounds a version 2 header: version, head, kind, arch, pid,
// flags, tid, then duration and 8 values of up to 10 bytes.
const maxHeaderLen = 2 + 4 + 3 + 5 + 5 + 3 + 5 + 9*binary.MaxVarintLen64

// maxSectionHeaderLen bounds a section's descriptor, flags, key and length.
const maxSectionHeaderLen = 4 * binary.MaxVarintLen64

// sizeBound is at least MarshalledLen and cheaper: writers check the
// exact length only for records near the limit.
func (r *Record) sizeBound() int {
	n := maxHeaderLen
	for i := range r.Sections {
		n += maxSectionHeaderLen + len(r.Sections[i].Data)
	}
	return n
}

// AppendTo appends r in the record format, version 2, to b. Its Time is
// not written: the packet carrying it must have PacketTime as timestamp.
func (r *Record) AppendTo(b []byte) []byte {
	h, ms := r.values()
	b = slices.Grow(b, maxHeaderLen)
	start := len(b)
	buf := b[start : start+maxHeaderLen]
	buf[0], buf[1] = Version, 0
	n := putUvarint(buf, 2, h)
	if r.Kind < 1 || r.Kind > headMaxKind {
		n = putUvarint(buf, n, uint64(r.Kind))
	}
	n = putUvarint(buf, n, archCode(r.Arch))
	n = putUvarint(buf, n, uint64(r.PID))
	if r.Flags != 0 {
		n = putUvarint(buf, n, uint64(r.Flags))
	}
	if r.TID != r.PID {
		n = putUvarint(buf, n, zigzag(int64(r.TID)-int64(r.PID)))
	}
	if r.Duration != 0 {
		n = putUvarint(buf, n, r.Duration)
	}
	for i, m := range ms {
		if written(h, i) {
			n = putUvarint(buf, n, m)
		}
	}
	b = b[:start+n]
	for i := range r.Sections {
		s := &r.Sections[i]
		b = slices.Grow(b, maxSectionHeaderLen+len(s.Data))
		start := len(b)
		buf := b[start : start+maxSectionHeaderLen]
		km := r.keyMode(s.Key)
		j := r.dataRef(i)
		desc := uint64(s.Type)<<descTypeShift | km
		if j >= 0 {
			desc |= descDataRef
		}
		k := putUvarint(buf, 0, desc)
		k = putUvarint(buf, k, uint64(s.Flags))
		if km == keyVarint {
			k = putUvarint(buf, k, s.Key)
		}
		if j >= 0 {
			k = putUvarint(buf, k, uint64(j))
			b = b[:start+k]
			continue
		}
		k = putUvarint(buf, k, uint64(len(s.Data)))
		b = append(b[:start+k], s.Data...)
	}
	return b
}

// decoder2 reads the varints of a version 2 record, remembering the first
// error so that callers check once per field group.
type decoder2 struct {
	b   []byte
	off int
	err *FormatError
}

func (d *decoder2) uvarint(what string) uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b[d.off:])
	switch {
	case n == 0:
		d.err = &FormatError{d.off, what + " truncated"}
		return 0
	case n < 0:
		d.err = &FormatError{d.off, what + " overflows 64 bits"}
		return 0
	}
	d.off += n
	return v
}

// bounded reads a varint that must be at most max.
func (d *decoder2) bounded(what string, max uint64) uint64 {
	at := d.off
	v := d.uvarint(what)
	if d.err == nil && v > max {
		d.err = &FormatError{at, fmt.Sprintf("%s %d out of range (at most %d)", what, v, max)}
	}
	return v
}

// value reads a value stored in the given mode.
func (d *decoder2) value(mode uint64, what string) uint64 {
	switch mode {
	case modeUint:
		return d.uvarint(what)
	case modeNeg64:
		return ^d.uvarint(what)
	case modeNeg32:
		return 0xffffffff - d.bounded(what+" (32-bit negative)", 0xffffffff)
	}
	return 0
}

var argNames = [6]string{"args[0]", "args[1]", "args[2]", "args[3]", "args[4]", "args[5]"}

func unmarshalV2(b []byte, packetTime int64, r *Record) error {
	d := decoder2{b: b, off: 2}
	h := d.uvarint("header")
	if d.err == nil && h>>headKnownBits != 0 {
		return &FormatError{2, fmt.Sprintf("header bits %#x unknown", h>>headKnownBits<<headKnownBits)}
	}
	*r = Record{Kind: Kind(h & headKindMask)}
	if r.Kind == 0 {
		r.Kind = Kind(d.bounded("kind", 0xffff))
	}
	r.Arch = archFromCode(uint32(d.bounded("arch", 0xffffffff)))
	r.PID = uint32(d.bounded("pid", 0xffffffff))
	if h&headFlags != 0 {
		r.Flags = uint16(d.bounded("flags", 0xffff))
	}
	r.TID = r.PID
	if h&headTID != 0 {
		at := d.off
		tid := int64(r.PID) + unzigzag(d.uvarint("tid"))
		if d.err == nil && (tid < 0 || tid > 0xffffffff) {
			d.err = &FormatError{at, fmt.Sprintf("tid %d out of range", tid)}
		}
		r.TID = uint32(tid)
	}
	if h&headDuration != 0 {
		r.Duration = d.uvarint("duration")
	}
	r.Nr = int64(d.value(h>>headNrShift&3, "nr"))
	r.Ret = int64(d.value(h>>headRetShift&3, "ret"))
	for i := range r.Args {
		r.Args[i] = d.value(h>>(headArgsShift+2*i)&3, argNames[i])
	}
	if d.err != nil {
		return d.err
	}
	// Time is the inverse of PacketTime.
	r.Time = packetTime
	if r.Kind == KindSyscall {
		r.Time -= int64(r.Duration)
	}
	// Sections go to a stack buffer first: their number is known only at
	// the end, and the record gets a slice of exactly that size.
	var buf [8]Section
	secs := buf[:0]
	for i := 0; d.off < len(b); i++ {
		start := d.off
		desc := d.uvarint("section type")
		km := desc & (1<<keyModeLen - 1)
		if d.err == nil && (desc>>descTypeShift > 0xffff || km >= keyModes) {
			return &FormatError{start, fmt.Sprintf("section %d descriptor %#x: type or key mode out of range", i, desc)}
		}
		s := Section{Type: SectionType(desc >> descTypeShift)}
		s.Flags = uint16(d.bounded("section flags", 0xffff))
		switch {
		case km == keyVarint:
			s.Key = d.uvarint("section key")
		case km == keyRet:
			s.Key = uint64(r.Ret)
		case km >= keyArg0:
			s.Key = r.Args[km-keyArg0]
		}
		at := d.off
		if desc&descDataRef != 0 {
			j := d.uvarint("section data reference")
			if d.err == nil && j >= uint64(len(secs)) {
				return &FormatError{at, fmt.Sprintf("section %d repeats the data of section %d, not an earlier one", i, j)}
			}
			if d.err == nil {
				s.Data = secs[j].Data
				secs = append(secs, s)
				continue
			}
		}
		n := d.uvarint("section length")
		if d.err != nil {
			d.err.Reason = fmt.Sprintf("section %d: %s", i, d.err.Reason)
			return d.err
		}
		if n > uint64(len(b)-d.off) {
			return &FormatError{at, fmt.Sprintf("section %d length %d runs past the record end (%d bytes left)", i, n, len(b)-d.off)}
		}
		end := d.off + int(n)
		s.Data = b[d.off:end:end]
		d.off = end
		secs = append(secs, s)
	}
	if len(secs) > 0 {
		r.Sections = append([]Section(nil), secs...)
	}
	return nil
}
