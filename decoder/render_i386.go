package decoder

import (
	"strconv"
	"strings"
)

// The 32-bit x86 ABI's own calls: mmap2's offset, user_desc, native rlimit.

// PageOffset is mmap2's offset in 4096-byte pages, printed in bytes.
type PageOffset struct{}

func (PageOffset) render(c *ctx, v uint64) { c.str(hex(c.word(v) * 4096)) }

// userDesc is struct user_desc: three words, then bit-fields; lm exists
// only for 64-bit tracees. strace shows entry_number signed.
func (c *ctx) userDesc(addr uint64, _ Struct) {
	l := c.layout("user_desc")
	if l == nil {
		c.ptr(addr)
		return
	}
	b, ok := c.fetch(addr, l.Size)
	if !ok {
		return
	}
	kv := []string{"entry_number", d10(c.ms(b, l, "entry_number")), "base_addr", cHex08(c.mu(b, l, "base_addr")),
		"limit", cHex08(c.mu(b, l, "limit"))}
	for _, n := range [...]string{"seg_32bit", "contents", "read_exec_only", "limit_in_pages", "seg_not_present", "useable", "lm"} {
		if l.has(n) {
			kv = append(kv, n, u10(c.mu(b, l, n)))
		}
	}
	c.fields(kv...)
}

// ThreadAreaRet is set_thread_area's result: the entry the kernel chose
// when the caller asked for any (entry_number -1).
type ThreadAreaRet struct{ Arg int }

func (t ThreadAreaRet) render(c *ctx, v uint64) {
	c.str(d10(c.slong(v)))
	addr := c.word(c.rec.Args[t.Arg])
	if in, ok := c.entryInt(addr); !ok || in != 0xffffffff {
		return
	}
	if b, err := c.mem.Read(addr, 4); err == nil {
		c.printf(" (entry_number=%d)", int32(c.uint(b)))
	}
}

// rlimitNative is struct rlimit in the tracee's words (getrlimit,
// ugetrlimit): RLIM_INFINITY is all ones.
func (c *ctx) rlimitNative(addr uint64, _ Struct) {
	l := c.layout("rlimit")
	if l == nil {
		c.ptr(addr)
		return
	}
	b, ok := c.fetch(addr, l.Size)
	if !ok {
		return
	}
	lim := func(v uint64) string {
		if v == c.word(^uint64(0)) {
			return c.styled(u10(v), "RLIM_INFINITY")
		}
		return c.styled(u10(v), rlimValue(v))
	}
	c.fields("rlim_cur", lim(c.mu(b, l, "rlim_cur")), "rlim_max", lim(c.mu(b, l, "rlim_max")))
}

// cHex08 formats v as C's "%#08x": eight characters with the 0x, and no
// 0x at all for zero.
func cHex08(v uint64) string {
	if v == 0 {
		return "00000000"
	}
	d := strconv.FormatUint(v, 16)
	if len(d) < 6 {
		d = strings.Repeat("0", 6-len(d)) + d
	}
	return "0x" + d
}
