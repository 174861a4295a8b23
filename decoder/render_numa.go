package decoder

import (
	"strconv"
	"strings"
)

// NUMA: node masks (arrays of words, maxnode bits long), get_mempolicy's
// mode, and move_pages' arrays of pages, nodes and per-page status.

func numaStructs() structRenderers {
	return structRenderers{
		"nodemask":      (*ctx).nodemask,
		"mpol_mode_ptr": (*ctx).mpolModePtr,
		"page_ptrs":     func(c *ctx, addr uint64, s Struct) { c.wordArray(addr, s, c.wordSize(), ptrString) },
		"page_nodes":    func(c *ctx, addr uint64, s Struct) { c.wordArray(addr, s, 4, nodeID) },
		"page_status":   func(c *ctx, addr uint64, s Struct) { c.wordArray(addr, s, 4, c.pageStatus) },
	}
}

// nodemask renders a node mask of maxnode (argument LenArg) bits as
// strace does: maxnode-1 bits rounded up to words, each word in hex of the
// word's width ("0x00000000000001", "0000000000000000": C's %#0*lx, which
// writes no 0x for zero).
func (c *ctx) nodemask(addr uint64, s Struct) {
	maxnode := c.word(c.rec.Args[s.LenArg])
	ws := uint64(c.wordSize())
	bits := 8 * ws
	n := (maxnode + bits - 2) / bits // wraps, as strace's does, for a huge maxnode
	if n < maxnode/bits || (maxnode != 0 && n == 0) {
		c.ptr(addr)
		return
	}
	c.array(addr, n, int(ws), func(v uint64) string {
		if v == 0 {
			return strings.Repeat("0", int(2*ws))
		}
		h := strconv.FormatUint(v, 16)
		if pad := int(2*ws) - 2 - len(h); pad > 0 {
			h = strings.Repeat("0", pad) + h
		}
		return "0x" + h
	})
}

// wordArray renders an array of argument LenArg elements of size bytes.
func (c *ctx) wordArray(addr uint64, s Struct, size int, elem func(uint64) string) {
	c.array(addr, c.word(c.rec.Args[s.LenArg]), size, elem)
}

// array renders n elements of size bytes at addr as strace's print_array
// does: NULL, "[]" for none, the address when they cannot be read, and
// after -s elements "...".
func (c *ctx) array(addr, n uint64, size int, elem func(uint64) string) {
	switch {
	case addr == 0:
		c.str("NULL")
		return
	case n == 0:
		c.str("[]")
		return
	case n > 1<<20:
		c.ptr(addr)
		return
	}
	shown := min(n, uint64(c.opts.StringLimit))
	b, err := c.mem.Read(addr, int(shown)*size)
	if err != nil || len(b) < int(shown)*size {
		c.ptr(addr)
		return
	}
	c.sb.WriteByte('[')
	for i := 0; i < int(shown); i++ {
		if i > 0 {
			c.str(", ")
		}
		c.str(elem(c.uint(b[i*size : (i+1)*size])))
	}
	if shown < n {
		c.str(", ...")
	}
	c.sb.WriteByte(']')
}

// nodeID is a node number of move_pages' nodes (an int).
func nodeID(v uint64) string { return d10(int64(int32(v))) }

// pageStatus is one page's status after move_pages: its node, or a
// negated errno by name in the -X style ("-ENOENT", "-2 /* -ENOENT */").
func (c *ctx) pageStatus(v uint64) string {
	n := int32(v)
	if n < 0 {
		if name := ErrnoName(int(-n)); name != "" {
			return c.styled(d10(int64(n)), "-"+name)
		}
	}
	return d10(int64(n))
}

// mpolModePtr renders get_mempolicy's mode: the policy the kernel stored
// at the pointer, "[MPOL_BIND]".
func (c *ctx) mpolModePtr(addr uint64, _ Struct) {
	if addr == 0 {
		c.str("NULL")
		return
	}
	b, ok := c.fetch(addr, 4)
	if !ok {
		return
	}
	c.str("[" + c.xenum("mpol_modes", uint64(uint32(c.uint(b)))) + "]")
}
