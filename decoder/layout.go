package decoder

import (
	"fmt"
	"maps"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// Structure layouts. Every structure a renderer reads is declared once,
// in layout_decls.go, as its C members with the types of the kernel UAPI
// header named beside it, and laid out here for each arch by that arch's
// ABI (word size, the alignment of 64-bit integers, packing). The Go
// renderers read members by name from the result, so the tracer records
// exactly the bytes they read; lua/gen exports it to the Lua dissector;
// TestLayoutsMatchC compares it with what gcc lays out from the headers.

// MemberKind says how a structure member's bytes are read.
type MemberKind uint8

const (
	Unsigned MemberKind = iota + 1 // an unsigned integer in the tracee's byte order
	Signed                         // a signed integer in the tracee's byte order
	Pointer                        // an address, one word
	Net                            // an unsigned integer in network byte order
	Chars                          // a char array holding a NUL-terminated string
	Bytes                          // bytes read as a whole (a signal mask, an IPv6 address)
)

var memberKindNames = [...]string{Unsigned: "u", Signed: "s", Pointer: "p", Net: "n", Chars: "c", Bytes: "b"}

// String is the kind's one-letter code, as the Lua tables spell it.
func (k MemberKind) String() string {
	if int(k) < len(memberKindNames) && memberKindNames[k] != "" {
		return memberKindNames[k]
	}
	return fmt.Sprintf("MemberKind(%d)", uint8(k))
}

// Member is one member of a Layout. Nested members are named by their C
// member designator ("ru_utime.tv_sec"), array elements by their index
// ("loads[1]"); a char array is one member. A bit-field is Bits bits from
// bit Bit (the least significant is 0) of the Size-byte unit at Off.
type Member struct {
	Name      string
	Off, Size int
	Kind      MemberKind
	Bit, Bits int
}

// Layout is one structure as one arch lays it out in the tracee's memory.
type Layout struct {
	Name    string // the C structure's name: "stat", "new_utsname", "stack_t"
	Arch    uint32 // AUDIT_ARCH_*
	Size    int    // sizeof, trailing padding included
	Members []Member
	// CType and Header are the C declaration ("struct stat") and the
	// header that has it ("asm/stat.h"); both are "" for a part of
	// other structures only (an anonymous union).
	CType, Header string

	align int
	index map[string]int
	decl  *layoutDecl
}

// Member returns the member called name.
func (l *Layout) Member(name string) (Member, bool) {
	i, ok := l.index[name]
	if !ok {
		return Member{}, false
	}
	return l.Members[i], true
}

// ctype is a C type of a member declaration.
type ctype uint8

const (
	tChar ctype = iota + 1 // only in arrays: a string
	tU8
	tU16
	tS16
	tBE16
	tU32
	tS32
	tBE32
	tU64
	tS64
	tLong
	tUlong
	tPtr
	// tStatfsWord is asm-generic/statfs.h's __statfs_word: a signed long
	// on 64-bit arches, a __u32 on 32-bit ones.
	tStatfsWord
)

// sizeKind returns the size, alignment and kind of t on arch a.
func (t ctype) sizeKind(a *Arch) (size, align int, kind MemberKind) {
	ws, a64 := a.WordSize, a.Align64
	if a64 == 0 {
		a64 = 8 // natural alignment, unless the arch says otherwise
	}
	switch t {
	case tChar:
		return 1, 1, Chars
	case tU8:
		return 1, 1, Unsigned
	case tU16:
		return 2, 2, Unsigned
	case tS16:
		return 2, 2, Signed
	case tBE16:
		return 2, 2, Net
	case tU32:
		return 4, 4, Unsigned
	case tS32:
		return 4, 4, Signed
	case tBE32:
		return 4, 4, Net
	case tU64:
		return 8, a64, Unsigned
	case tS64:
		return 8, a64, Signed
	case tLong:
		return ws, ws, Signed
	case tUlong:
		return ws, ws, Unsigned
	case tPtr:
		return ws, ws, Pointer
	case tStatfsWord:
		if ws == 8 {
			return 8, 8, Signed
		}
		return 4, 4, Unsigned
	}
	return 0, 1, 0
}

// mdecl is one member declaration: a scalar, an array of n scalars, a
// nested structure, or opaque bytes.
type mdecl struct {
	name  string
	t     ctype
	n     string // array length: a number, or an expression of W, the word size
	bits  int    // a bit-field this wide
	sub   string // nested structure, by its declaration's name
	bytes int    // opaque: this many bytes, aligned to align (0: the word)
	align int
}

// layoutDecl declares a structure: its members in C's notation, where
// the C declaration lives (for the layout test), and on which arches it
// is laid out so.
type layoutDecl struct {
	name   string
	c      string // the C type: "struct stat", "stack_t"; "" for a part of others only
	header string // the header that declares it, as #include takes it
	pre    string // C text before the #include (a feature macro)
	arches []uint32
	packed []uint32 // arches where the declaration is packed
	union  bool     // every member at offset 0
	// noCheck names the arches whose layout gcc on an x86_64 host cannot
	// show, and why.
	noCheck map[uint32]string
	// decl lists the members as C does, "type name, name[N]; type name"
	// with the types of ctypes, "struct X" for another declaration (with
	// no name for C's anonymous members), the opaque types of opaques,
	// and "u32 name:N" for a bit-field.
	decl    string
	members []mdecl
	// parsed says members holds decl parsed, or parseErr why it does not.
	parsed   bool
	parseErr error
}

// ctypes are the scalar types a declaration names.
var ctypes = map[string]ctype{
	"char": tChar, "u8": tU8, "u16": tU16, "s16": tS16, "be16": tBE16, "u32": tU32, "s32": tS32,
	"be32": tBE32, "u64": tU64, "s64": tS64, "long": tLong, "ulong": tUlong, "ptr": tPtr,
	"statfs_word": tStatfsWord,
}

// opaques are the types read as a whole: {size, alignment} (0: the word).
var opaques = map[string][2]int{
	"sigset":   {8, 0}, // the kernel's sigset_t: 64 signals in words
	"in6_addr": {16, 4},
}

// parseDecl reads d.decl into d.members.
func parseDecl(d *layoutDecl) error {
	d.parseErr = parseMembers(d)
	d.parsed = true
	return d.parseErr
}

func parseMembers(d *layoutDecl) error {
	d.members = nil
	for _, part := range strings.Split(d.decl, ";") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		words := strings.Fields(part)
		typ := words[0]
		rest := strings.Join(words[1:], " ")
		if typ == "struct" && len(words) > 1 {
			typ = "struct " + words[1]
			rest = strings.Join(words[2:], " ")
		}
		for _, name := range strings.Split(rest, ",") {
			name = strings.TrimSpace(name)
			md := mdecl{name: name}
			if i := strings.IndexByte(name, ':'); i >= 0 {
				w, err := strconv.Atoi(strings.TrimSpace(name[i+1:]))
				if err != nil || w < 1 || w > 32 || (typ != "u32" && typ != "s32") {
					return fmt.Errorf("%s: bad bit-field %q (u32 and s32 ones only)", d.name, name)
				}
				md.name, md.bits = strings.TrimSpace(name[:i]), w
			}
			if i := strings.IndexByte(name, '['); i >= 0 {
				if !strings.HasSuffix(name, "]") {
					return fmt.Errorf("%s: bad array %q", d.name, name)
				}
				md.name, md.n = name[:i], name[i+1:len(name)-1]
				if _, err := evalLen(md.n, 8); err != nil {
					return fmt.Errorf("%s: %s: %w", d.name, name, err)
				}
			}
			// Only a structure may go unnamed: C's anonymous members.
			if (md.name == "" && !strings.HasPrefix(typ, "struct ")) || strings.ContainsAny(md.name, " []") {
				return fmt.Errorf("%s: bad member name in %q", d.name, part)
			}
			switch t, ok := ctypes[typ]; {
			case ok:
				md.t = t
			case strings.HasPrefix(typ, "struct "):
				md.sub = strings.TrimPrefix(typ, "struct ")
			default:
				o, ok := opaques[typ]
				if !ok {
					return fmt.Errorf("%s: unknown type %q", d.name, typ)
				}
				md.bytes, md.align = o[0], o[1]
			}
			d.members = append(d.members, md)
		}
	}
	return nil
}

// evalLen evaluates an array length: sums and differences of products
// and quotients of numbers and W, the word size ("20-2*W-4", "14-W/4"),
// left to right.
func evalLen(s string, word int) (int, error) {
	total, sign, term := 0, 1, ""
	flush := func() error {
		p, op := 1, byte('*')
		for len(term) > 0 || op != 0 {
			i := strings.IndexAny(term, "*/")
			f := term
			next := byte(0)
			if i >= 0 {
				f, next, term = term[:i], term[i], term[i+1:]
			} else {
				term = ""
			}
			n := word
			if f = strings.TrimSpace(f); f != "W" {
				var err error
				if n, err = strconv.Atoi(f); err != nil {
					return fmt.Errorf("bad length %q", s)
				}
			}
			switch op {
			case '*':
				p *= n
			case '/':
				if n == 0 {
					return fmt.Errorf("bad length %q", s)
				}
				p /= n
			}
			op = next
		}
		total += sign * p
		return nil
	}
	for _, r := range s {
		if r == '+' || r == '-' {
			if err := flush(); err != nil {
				return 0, err
			}
			sign, term = 1, ""
			if r == '-' {
				sign = -1
			}
			continue
		}
		term += string(r)
	}
	if err := flush(); err != nil {
		return 0, err
	}
	if total < 0 {
		return 0, fmt.Errorf("negative length %q", s)
	}
	return total, nil
}

// lay lays d out on arch a, parsing it first if that is still to do.
func lay(d *layoutDecl, a *Arch) (*Layout, error) {
	if !d.parsed {
		parseDecl(d)
	}
	if d.parseErr != nil {
		return nil, d.parseErr
	}
	l := &Layout{Name: d.name, Arch: a.Audit, align: 1, decl: d, CType: d.c}
	if d.c != "" {
		l.Header = d.header
	}
	packed := containsAudit(d.packed, a.Audit)
	off := 0
	place := func(align int) {
		if packed {
			align = 1
		}
		if align > l.align {
			l.align = align
		}
		off = (off + align - 1) / align * align
	}
	add := func(name string, size int, kind MemberKind) {
		l.Members = append(l.Members, Member{Name: name, Off: off, Size: size, Kind: kind})
		off += size
	}
	end := 0
	// unit and used are the 32-bit unit bit-fields are being packed into
	// (-1: none) and how many of its bits they take, least significant
	// first as GCC does on little-endian arches (the only ones here).
	unit, used := -1, 0
	for _, md := range d.members {
		if d.union {
			end = max(end, off)
			off = 0
		}
		if md.bits > 0 {
			_, _, kind := md.t.sizeKind(a)
			if unit < 0 || used+md.bits > 32 {
				place(4)
				unit, used = off, 0
				off += 4
			}
			l.Members = append(l.Members, Member{Name: md.name, Off: unit, Size: 4, Kind: kind, Bit: used, Bits: md.bits})
			used += md.bits
			continue
		}
		unit = -1
		switch {
		case md.sub != "":
			sd := declFor(md.sub, a.Audit)
			if sd == nil {
				return nil, fmt.Errorf("%s: struct %s is not declared for %s", d.name, md.sub, a.Name)
			}
			s, err := lay(sd, a)
			if err != nil {
				return nil, err
			}
			place(s.align)
			for _, sm := range s.Members {
				if md.name != "" {
					sm.Name = md.name + "." + sm.Name
				}
				sm.Off += off
				l.Members = append(l.Members, sm)
			}
			off += s.Size
		case md.bytes > 0:
			align := md.align
			if align == 0 {
				align = a.WordSize
			}
			place(align)
			add(md.name, md.bytes, Bytes)
		default:
			size, align, kind := md.t.sizeKind(a)
			place(align)
			if md.n == "" {
				add(md.name, size, kind)
				continue
			}
			n, err := evalLen(md.n, a.WordSize)
			if err != nil {
				return nil, fmt.Errorf("%s: %s: %w", d.name, md.name, err)
			}
			if md.t == tChar {
				add(md.name, n, kind)
				continue
			}
			for i := 0; i < n; i++ {
				add(fmt.Sprintf("%s[%d]", md.name, i), size, kind)
			}
		}
	}
	off = max(off, end)
	place(l.align)
	l.Size = off
	l.index = make(map[string]int, len(l.Members))
	for i, mb := range l.Members {
		if _, dup := l.index[mb.Name]; dup {
			return nil, fmt.Errorf("%s: member %s declared twice", d.name, mb.Name)
		}
		l.index[mb.Name] = i
	}
	return l, nil
}

// declFor returns the declaration of structure name for arch.
func declFor(name string, arch uint32) *layoutDecl {
	for _, d := range layoutDecls {
		if d.name == name && (d.arches == nil || containsAudit(d.arches, arch)) {
			return d
		}
	}
	return nil
}

// A structure is laid out for an arch when it is first asked for: laying
// them all out for every arch costs 1.3-1.5 ms and 4,300 allocations,
// which a short trace paid at its first structure (and, before that, every
// start of the binary). layoutMu guards the declarations' parsing and
// the making of laidOut, the layouts made so far by layoutKey (nil for a
// structure not declared for the arch): a map never changed once
// published, replaced by a larger copy when a layout is added, so a
// lookup, made for every structure a record holds, takes no lock and
// allocates nothing.
var (
	layoutMu sync.Mutex
	laidOut  atomic.Pointer[map[layoutKey]*Layout]
)

type layoutKey struct {
	name string
	arch uint32
}

// layoutFor returns structure name as arch lays it out, or nil.
func layoutFor(name string, arch uint32) *Layout {
	k := layoutKey{name, arch}
	if m := laidOut.Load(); m != nil {
		if l, ok := (*m)[k]; ok {
			return l
		}
	}
	layoutMu.Lock()
	defer layoutMu.Unlock()
	old := laidOut.Load()
	if old != nil {
		if l, ok := (*old)[k]; ok {
			return l
		}
	}
	var l *Layout
	if a, d := ArchByAudit(arch), declFor(name, arch); a != nil && d != nil {
		l, _ = lay(d, a) // a declaration that does not lay out fails a test
	}
	m := make(map[layoutKey]*Layout, 1)
	if old != nil {
		m = maps.Clone(*old)
	}
	m[k] = l
	laidOut.Store(&m)
	return l
}

// The table of every declared structure by name, then by arch, for the
// tests and generators that list them all.
var (
	layoutsOnce  sync.Once
	layoutsTable map[string]map[uint32]*Layout
	// layoutErrs are declarations that do not parse or lay out, or that
	// declare a structure twice for one arch; a test fails on any.
	layoutErrs []error
)

// layouts returns the table of every declared structure.
func layouts() map[string]map[uint32]*Layout {
	layoutsOnce.Do(buildLayouts)
	return layoutsTable
}

// layoutErrors returns what went wrong laying out the declarations.
func layoutErrors() []error {
	layoutsOnce.Do(buildLayouts)
	return layoutErrs
}

func buildLayouts() {
	layoutMu.Lock()
	defer layoutMu.Unlock()
	layoutsTable = map[string]map[uint32]*Layout{}
	for _, d := range layoutDecls {
		if err := parseDecl(d); err != nil {
			layoutErrs = append(layoutErrs, err)
		}
	}
	for _, d := range layoutDecls {
		for _, a := range arches {
			if d.arches != nil && !containsAudit(d.arches, a.Audit) {
				continue
			}
			if layoutsTable[d.name] == nil {
				layoutsTable[d.name] = map[uint32]*Layout{}
			}
			if layoutsTable[d.name][a.Audit] != nil {
				layoutErrs = append(layoutErrs, fmt.Errorf("%s declared twice for %s", d.name, a.Name))
				continue
			}
			l, err := lay(d, a)
			if err != nil {
				layoutErrs = append(layoutErrs, err)
				continue
			}
			layoutsTable[d.name][a.Audit] = l
		}
	}
}

func containsAudit(list []uint32, a uint32) bool {
	for _, x := range list {
		if x == a {
			return true
		}
	}
	return false
}

// LayoutNames returns the names of the declared structures, sorted.
func LayoutNames() []string {
	names := make([]string, 0, len(layouts()))
	for n := range layouts() {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// LayoutOf returns structure name as arch lays it out, or nil when it is
// not declared for that arch.
func LayoutOf(name string, arch uint32) *Layout { return layoutFor(name, arch) }
