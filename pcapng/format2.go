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

// uv reads the varint at b[off:] and returns it with the offset after it,
// or -1 for a varint that is truncated or longer than 64 bits. Small enough
// to inline: decoding a record reads twenty of them.
func uv(b []byte, off int) (uint64, int) {
	var v uint64
	for shift := uint(0); off < len(b); shift += 7 {
		c := b[off]
		off++
		if c < 0x80 {
			if shift == 63 && c > 1 {
				return 0, -1
			}
			return v | uint64(c)<<shift, off
		}
		if shift == 63 {
			return 0, -1
		}
		v |= uint64(c&0x7f) << shift
	}
	return 0, -1
}

// varintError says why the varint of field what at b[at:] cannot be read.
func varintError(b []byte, at int, what string) *FormatError {
	if _, n := binary.Uvarint(b[at:]); n < 0 {
		return &FormatError{at, what + " overflows 64 bits"}
	}
	return &FormatError{at, what + " truncated"}
}

func rangeError(at int, what string, v, max uint64) *FormatError {
	return &FormatError{at, fmt.Sprintf("%s %d out of range (at most %d)", what, v, max)}
}

// Header fields after the head, in the order they are written.
const (
	fieldKind = iota
	fieldArch
	fieldPID
	fieldFlags
	fieldTID
	fieldDuration
	fieldNr    // then ret and the six args: fieldNr+i is the i-th value
	fieldCount = fieldNr + 8
)

var fieldNames = [fieldCount]string{"kind", "arch", "pid", "flags", "tid", "duration", "nr", "ret",
	"args[0]", "args[1]", "args[2]", "args[3]", "args[4]", "args[5]"}

func unmarshalV2(b []byte, packetTime int64, r *Record, reuseSections bool) error {
	h, off := uv(b, 2)
	if off < 0 {
		return varintError(b, 2, "header")
	}
	if h>>headKnownBits != 0 {
		return &FormatError{2, fmt.Sprintf("header bits %#x unknown", h>>headKnownBits<<headKnownBits)}
	}
	// Which fields follow, then all their varints in one loop.
	var ids [fieldCount]uint8
	n := 0
	if h&headKindMask == 0 {
		ids[n] = fieldKind
		n++
	}
	ids[n], ids[n+1] = fieldArch, fieldPID
	n += 2
	for _, f := range [...]struct {
		bit uint64
		id  uint8
	}{{headFlags, fieldFlags}, {headTID, fieldTID}, {headDuration, fieldDuration}} {
		if h&f.bit != 0 {
			ids[n] = f.id
			n++
		}
	}
	for i := 0; i < 8; i++ {
		if written(h, i) {
			ids[n] = uint8(fieldNr + i)
			n++
		}
	}
	var vals, at [fieldCount]uint64 // by field id
	for _, id := range ids[:n] {
		at[id] = uint64(off)
		if vals[id], off = uv(b, off); off < 0 {
			return varintError(b, int(at[id]), fieldNames[id])
		}
	}
	reuse := r.Sections[:0]
	*r = Record{Kind: Kind(h & headKindMask)}
	if r.Kind == 0 {
		if vals[fieldKind] > 0xffff {
			return rangeError(int(at[fieldKind]), "kind", vals[fieldKind], 0xffff)
		}
		r.Kind = Kind(vals[fieldKind])
	}
	for _, f := range [...]struct {
		id  uint8
		max uint64
	}{{fieldArch, 0xffffffff}, {fieldPID, 0xffffffff}, {fieldFlags, 0xffff}} {
		if vals[f.id] > f.max {
			return rangeError(int(at[f.id]), fieldNames[f.id], vals[f.id], f.max)
		}
	}
	r.Arch = archFromCode(uint32(vals[fieldArch]))
	r.PID = uint32(vals[fieldPID])
	r.Flags = uint16(vals[fieldFlags])
	r.TID = r.PID
	if h&headTID != 0 {
		tid := int64(r.PID) + unzigzag(vals[fieldTID])
		if tid < 0 || tid > 0xffffffff {
			return &FormatError{int(at[fieldTID]), fmt.Sprintf("tid %d out of range", tid)}
		}
		r.TID = uint32(tid)
	}
	r.Duration = vals[fieldDuration]
	var values [8]uint64
	for i := range values {
		m := vals[fieldNr+i]
		switch h >> (headNrShift + 2*i) & 3 {
		case modeUint:
			values[i] = m
		case modeNeg64:
			values[i] = ^m
		case modeNeg32:
			if m > 0xffffffff {
				return rangeError(int(at[fieldNr+i]), fieldNames[fieldNr+i]+" (32-bit negative)", m, 0xffffffff)
			}
			values[i] = 0xffffffff - m
		}
	}
	r.Nr, r.Ret = int64(values[0]), int64(values[1])
	copy(r.Args[:], values[2:])
	// Time is the inverse of PacketTime.
	r.Time = packetTime
	if r.Kind == KindSyscall {
		r.Time -= int64(r.Duration)
	}
	// Sections go to a stack buffer first: their number is known only at
	// the end, and the record gets a slice of exactly that size.
	var buf [4]Section
	secs := buf[:0]
	for i := 0; off < len(b); i++ {
		start := off
		desc, next := uv(b, off)
		if next < 0 {
			return sectionError(varintError(b, off, "section type"), i)
		}
		km := desc & (1<<keyModeLen - 1)
		if desc>>descTypeShift > 0xffff || km >= keyModes {
			return &FormatError{start, fmt.Sprintf("section %d descriptor %#x: type or key mode out of range", i, desc)}
		}
		s := Section{Type: SectionType(desc >> descTypeShift)}
		off = next
		flags, next := uv(b, off)
		switch {
		case next < 0:
			return sectionError(varintError(b, off, "section flags"), i)
		case flags > 0xffff:
			return sectionError(rangeError(off, "section flags", flags, 0xffff), i)
		}
		s.Flags = uint16(flags)
		off = next
		switch {
		case km == keyVarint:
			if s.Key, next = uv(b, off); next < 0 {
				return sectionError(varintError(b, off, "section key"), i)
			}
			off = next
		case km == keyRet:
			s.Key = uint64(r.Ret)
		case km >= keyArg0:
			s.Key = r.Args[km-keyArg0]
		}
		v, next := uv(b, off)
		if desc&descDataRef != 0 {
			switch {
			case next < 0:
				return sectionError(varintError(b, off, "section data reference"), i)
			case v >= uint64(len(secs)):
				return &FormatError{off, fmt.Sprintf("section %d repeats the data of section %d, not an earlier one", i, v)}
			}
			s.Data = secs[v].Data
			off = next
			secs = append(secs, s)
			continue
		}
		switch {
		case next < 0:
			return sectionError(varintError(b, off, "section length"), i)
		case v > uint64(len(b)-next):
			return &FormatError{off, fmt.Sprintf("section %d length %d runs past the record end (%d bytes left)", i, v, len(b)-next)}
		}
		end := next + int(v)
		s.Data = b[next:end:end]
		off = end
		secs = append(secs, s)
	}
	if len(secs) > 0 {
		if reuseSections && cap(reuse) >= len(secs) {
			r.Sections = reuse[:len(secs)]
		} else {
			r.Sections = make([]Section, len(secs))
		}
		copy(r.Sections, secs)
	}
	return nil
}

// sectionError names the section a field error is in.
func sectionError(e *FormatError, i int) *FormatError {
	e.Reason = fmt.Sprintf("section %d: %s", i, e.Reason)
	return e
}
