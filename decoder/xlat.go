package decoder

import (
	"strconv"
	"sync"
)

// Flag is one named value of an Xlat: a bit pattern of a bitmask, or one
// value of an enumeration.
type Flag struct {
	Value uint64
	Name  string
}

// NotOnArch, as a per-arch value, says the name does not exist there.
const NotOnArch = ^uint64(0)

// Xlat is a named set of values, like strace's xlat files: rendered either
// as a bitmask (Flags) or as one value (Enum). Entries are tried in order,
// so a combination must come before the flags it contains (O_SYNC before
// O_DSYNC). Values are those of the kernel UAPI headers; where an arch
// differs, Arch gives its value by name.
type Xlat struct {
	Name    string
	Unknown string // an unknown value of an enum prints as "0x7 /* SEEK_??? */"; "" as "0x7"
	// UnknownFlags: flags none of which is known print as
	// "0x18 /* SYNC_FILE_RANGE_??? */", as strace's printflags with a
	// default; "" prints "0x18". Known flags with unknown bits print as
	// "SYNC_FILE_RANGE_WRITE|0x18" either way.
	UnknownFlags string
	Entries      []Flag
	Arch         map[uint32]map[string]uint64

	// A bitmask may start with a value field printed as an enum: open's
	// access mode (O_RDONLY is 0) or mmap's MAP_TYPE.
	Field     string
	FieldMask uint64
	// FieldIfKnown: a field value the set does not know makes the whole
	// value print as flags, as strace's printflags over the flags alone
	// (set_mempolicy's mode: "MPOL_F_NUMA_BALANCING|0x1002").
	FieldIfKnown bool
	// SplitField: strace prints the field and the flags as two values
	// (statx's sync type, a socket's type), which -X verbose comments
	// each on its own.
	SplitField bool
	// A bitmask may end with a number in a bit field: mmap's hugetlb size,
	// printed as "21<<MAP_HUGE_SHIFT".
	ShiftName string
	Shift     uint
	ShiftMask uint64
	ShiftWhen uint64 // the field counts only with these bits set (MAP_HUGETLB)
}

// xlats returns every set by name. The sets themselves are package data
// the compiler lays out, which costs nothing until read; only this index
// is made, on first use. Registered from init functions, they were a fifth
// of the decoder's initialization, paid by every process start, and their
// heap pages by every capture.
var xlats = sync.OnceValue(func() map[string]*Xlat {
	m := map[string]*Xlat{}
	for _, sets := range [][]*Xlat{fileXlats, procXlats, netXlats, netlinkXlats(), ioctlXlats, uringXlats} {
		for _, x := range sets {
			if m[x.Name] != nil {
				// Sets live in several files; a test fails on a name
				// declared twice, as one would silently replace the other.
				xlatDuplicates = append(xlatDuplicates, x.Name)
			}
			m[x.Name] = x
		}
	}
	return m
})

var (
	resolvedMu   sync.Mutex
	resolvedSets = map[resolvedKey][]Flag{}
)

type resolvedKey struct {
	name string
	arch uint32
}

// xlatDuplicates are the set names registered more than once.
var xlatDuplicates []string

// entries returns the set's entries with arch's values applied.
func (x *Xlat) entries(arch uint32) []Flag {
	over := x.Arch[arch]
	if over == nil {
		return x.Entries
	}
	key := resolvedKey{x.Name, arch}
	resolvedMu.Lock()
	defer resolvedMu.Unlock()
	if e, ok := resolvedSets[key]; ok {
		return e
	}
	e := make([]Flag, 0, len(x.Entries))
	for _, f := range x.Entries {
		if v, ok := over[f.Name]; ok {
			if v == NotOnArch {
				continue
			}
			f.Value = v
		}
		e = append(e, f)
	}
	resolvedSets[key] = e
	return e
}

// Value returns the value of name in set on arch.
func XlatValue(set, name string, arch uint32) (uint64, bool) {
	x := xlats()[set]
	if x == nil {
		return 0, false
	}
	for _, f := range x.entries(arch) {
		if f.Name == name {
			return f.Value, true
		}
	}
	return 0, false
}

// lookup returns the name of value v, or "".
func (x *Xlat) lookup(v uint64, arch uint32) string {
	for _, f := range x.entries(arch) {
		if f.Value == v {
			return f.Name
		}
	}
	return ""
}

// formatEnum renders v as strace's printxval does.
func formatEnum(set string, v uint64, arch uint32) string {
	x := xlats()[set]
	if x != nil {
		if n := x.lookup(v, arch); n != "" {
			return n
		}
	}
	if x != nil && x.Unknown == "" {
		// A set without a name for the unknown prints the bare number,
		// as strace's printxval with no default does.
		return hex(v)
	}
	unknown := "???"
	if x != nil {
		unknown = x.Unknown
	}
	// C's %#x: a zero prints as "0".
	return hex(v) + " /* " + unknown + " */"
}

// formatFlags renders v as strace's printflags does: known flags in table
// order joined by '|', then any bits left over in hex; "0" when nothing is
// set and the set has no name for zero.
func formatFlags(set string, v uint64, arch uint32) string {
	return formatFlagsField(set, v, arch, true)
}

// formatFlagsField is formatFlags, without the value field unless field.
func formatFlagsField(set string, v uint64, arch uint32, field bool) string {
	var buf [64]byte
	return string(appendFlagsField(buf[:0], xlats()[set], v, arch, field))
}

// appendFlagsField appends what formatFlagsField returns for set x.
func appendFlagsField(dst []byte, x *Xlat, v uint64, arch uint32, field bool) []byte {
	if x == nil {
		return appendHex(dst, v)
	}
	start := len(dst)
	sep := func() {
		if len(dst) > start {
			dst = append(dst, '|')
		}
	}
	if x.Field != "" && field && !(x.FieldIfKnown && xlats()[x.Field].lookup(v&x.FieldMask, arch) == "") {
		dst = append(dst, formatEnum(x.Field, v&x.FieldMask, arch)...)
		v &^= x.FieldMask
	}
	var shifted uint64
	if x.ShiftName != "" && v&x.ShiftWhen == x.ShiftWhen {
		shifted = (v >> x.Shift) & x.ShiftMask
		v &^= x.ShiftMask << x.Shift
	}
	zero := ""
	for _, f := range x.entries(arch) {
		if f.Value == 0 {
			if zero == "" {
				zero = f.Name
			}
			continue
		}
		if v&f.Value == f.Value {
			sep()
			dst = append(dst, f.Name...)
			v &^= f.Value
		}
	}
	if v != 0 {
		if len(dst) == start && shifted == 0 && x.UnknownFlags != "" {
			dst = append(appendHex(dst, v), " /* "...)
			return append(append(dst, x.UnknownFlags...), " */"...)
		}
		sep()
		dst = appendHex(dst, v)
	}
	if shifted != 0 {
		sep()
		dst = strconv.AppendUint(dst, shifted, 10)
		dst = append(append(dst, "<<"...), x.ShiftName...)
	}
	if len(dst) == start {
		if zero != "" {
			return append(dst, zero...)
		}
		return append(dst, '0')
	}
	return dst
}

// hex prints v as C's %#x does: "0" for zero, else 0x-prefixed.
func hex(v uint64) string {
	var buf [18]byte
	return string(appendHex(buf[:0], v))
}
