package decoder

// Reading structure members by name: the renderers' accessors over a Layout
// and a structure's bytes, and pickLayout for a record's structures.

import (
	"bytes"
	"slices"
	"strings"
)

// layout returns structure name as the ctx's arch lays it out, or nil.
// That is the record's arch, except for a siginfo section, which is in
// the tracer's layout.
func (c *ctx) layout(name string) *Layout {
	if c.arch == nil {
		return nil
	}
	l := layoutFor(name, c.arch.Audit)
	if c.spans != nil && l != nil && len(c.layoutsSeen) < 16 && !slices.Contains(c.layoutsSeen, l) {
		c.layoutsSeen = append(c.layoutsSeen, l)
	}
	return l
}

// member returns member name of l, or nil when l is nil or lacks it.
func (l *Layout) member(name string) *Member {
	if l == nil {
		return nil
	}
	if i, ok := l.index[name]; ok {
		return &l.Members[i]
	}
	return nil
}

// read reads m from b, which holds its layout from the start, as an
// unsigned number; a member missing or past the end of b reads as 0.
func (c *ctx) read(b []byte, m *Member) uint64 {
	if m == nil || m.Off+m.Size > len(b) {
		return 0
	}
	f := b[m.Off : m.Off+m.Size]
	if m.Kind == Net {
		var v uint64
		for _, x := range f {
			v = v<<8 | uint64(x)
		}
		return v
	}
	if m.Bits > 0 {
		return c.uint(f) >> m.Bit & (1<<m.Bits - 1)
	}
	return c.uint(f)
}

// readSigned is read sign-extended from the member's width.
func (c *ctx) readSigned(b []byte, m *Member) int64 {
	v := c.read(b, m)
	if m == nil {
		return 0
	}
	bits := uint(8 * m.Size)
	if m.Bits > 0 {
		bits = uint(m.Bits)
	}
	if bits == 0 || bits >= 64 {
		return int64(v)
	}
	return int64(v<<(64-bits)) >> (64 - bits)
}

// mu reads member name of l from b, which holds l from its start, as an
// unsigned number; a member l does not have reads as 0.
func (c *ctx) mu(b []byte, l *Layout, name string) uint64 { return c.read(b, l.member(name)) }

// ms reads member name of l from b sign-extended from its size, whatever
// its declared kind: strace shows times signed where the kernel declares
// them unsigned.
func (c *ctx) ms(b []byte, l *Layout, name string) int64 { return c.readSigned(b, l.member(name)) }

// mv reads member name of l from b as its declared kind says: signed
// members sign-extended, others zero-extended.
func (c *ctx) mv(b []byte, l *Layout, name string) int64 {
	m := l.member(name)
	if m != nil && m.Kind == Signed {
		return c.readSigned(b, m)
	}
	return int64(c.read(b, m))
}

// mb returns the bytes of member name of l in b, or nil.
func (l *Layout) mb(b []byte, name string) []byte {
	i, ok := l.index[name]
	if !ok {
		return nil
	}
	mb := &l.Members[i]
	if mb.Off+mb.Size > len(b) {
		return nil
	}
	return b[mb.Off : mb.Off+mb.Size]
}

// off returns the offset of member name of l, or -1.
func (l *Layout) off(name string) int {
	if i, ok := l.index[name]; ok {
		return l.Members[i].Off
	}
	return -1
}

// end returns where the last of members names ends: how much of l a
// renderer that reads only those needs.
func (l *Layout) end(names ...string) int {
	e := 0
	for _, n := range names {
		if i, ok := l.index[n]; ok {
			e = max(e, l.Members[i].Off+l.Members[i].Size)
		}
	}
	return e
}

// has says whether l has member name.
func (l *Layout) has(name string) bool { _, ok := l.index[name]; return ok }

// pickLayout returns the layout of seen whose members a structure's text
// shows most ("st_mode=" for stat's st_mode; a nested member by its first
// part), or nil when the text is not one structure or shows none: a
// renderer may read several layouts (a sockaddr's family, then the
// family's own), and the JSON writer describes the one the text shows.
func pickLayout(seen []*Layout, text []byte) *Layout {
	if len(seen) == 0 || len(text) == 0 || text[0] != '{' {
		return nil
	}
	var best *Layout
	bestN := 0
	for _, l := range seen {
		n := 0
		for i := range l.Members {
			name := l.Members[i].Name
			if k := strings.IndexAny(name, ".["); k >= 0 {
				name = name[:k]
			}
			if i > 0 && strings.HasPrefix(l.Members[i-1].Name, name) {
				continue // the same top-level member, counted once
			}
			// "name=" after "{" or " ": a member, not the end of another's
			// name (a "mode=" inside "st_mode=").
			at := bytes.Index(text, []byte(name))
			if at > 0 && (text[at-1] == '{' || text[at-1] == ' ') && at+len(name) < len(text) && text[at+len(name)] == '=' {
				n++
			}
		}
		// On a tie the later one: renderers read the generic layout
		// (sockaddr) before the specific one (sockaddr_un).
		if n > 0 && n >= bestN {
			best, bestN = l, n
		}
	}
	return best
}
