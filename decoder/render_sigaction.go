package decoder

// Signal sets and struct sigaction, as rt_sigprocmask and rt_sigaction show them.

import (
	"fmt"
	"strconv"
	"strings"
)

// sigsetString renders a signal mask as strace's sprintsigmask_n: names
// without "SIG", and "~[...]" listing the signals not set when at least
// two thirds are.
func sigsetString(c *ctx, b []byte) string {
	nwords := len(b) / 4
	words := make([]uint32, nwords)
	pop := 0
	for i := range words {
		words[i] = uint32(c.uint(b[4*i : 4*i+4]))
		for w := words[i]; w != 0; w &= w - 1 {
			pop++
		}
	}
	// A 64-bit mask is two words; on a big-endian 64-bit tracee the
	// first signals live in the second word of the first long.
	if c.arch != nil && c.arch.BigEndian && c.wordSize() == 8 {
		for i := 0; i+1 < nwords; i += 2 {
			words[i], words[i+1] = words[i+1], words[i]
		}
	}
	var sb strings.Builder
	if pop >= nwords*32*2/3 {
		sb.WriteByte('~')
		for i := range words {
			words[i] = ^words[i]
		}
	}
	sb.WriteByte('[')
	first := true
	for i := 0; i < nwords*32; i++ {
		if words[i/32]&(1<<(i%32)) == 0 {
			continue
		}
		if !first {
			sb.WriteByte(' ')
		}
		first = false
		sb.WriteString(c.styled(strconv.Itoa(i+1), strings.TrimPrefix(signalName(i+1), "SIG")))
	}
	sb.WriteByte(']')
	return sb.String()
}

func (s Sigset) render(c *ctx, v uint64) {
	addr := c.word(v)
	if addr == 0 {
		c.str("NULL")
		return
	}
	n := c.word(c.rec.Args[s.SizeArg])
	if n == 0 || n > 128 || n%4 != 0 {
		c.ptr(addr)
		return
	}
	b, ok := c.fetch(addr, int(n))
	if !ok {
		return
	}
	c.str(sigsetString(c, b))
}

// sigaction renders the kernel's struct sigaction: handler, flags,
// restorer, mask.
func (c *ctx) sigaction(addr uint64, _ Struct) {
	l := c.layout("sigaction")
	if l == nil {
		c.ptr(addr)
		return
	}
	// Imported, it may lack sa_restorer, which it shows only with
	// SA_RESTORER.
	b, _, ok := c.fetchStruct(addr, l)
	if !ok {
		return
	}
	h := c.mu(b, l, "sa_handler")
	var hs string
	switch int64(c.slong(h)) {
	case 0:
		hs = c.styled("0", "SIG_DFL")
	case 1:
		hs = c.styled("0x1", "SIG_IGN")
	case -1:
		hs = c.styled(fmt.Sprintf("%#x", c.word(h)), "SIG_ERR")
	default:
		hs = fmt.Sprintf("%#x", h)
	}
	flags := c.mu(b, l, "sa_flags")
	kv := []string{"sa_handler", hs, "sa_mask", sigsetString(c, l.mb(b, "sa_mask")),
		"sa_flags", c.xflags("sigact_flags", flags)}
	if sr, ok := XlatValue("sigact_flags", "SA_RESTORER", c.rec.Arch); ok && flags&sr != 0 {
		kv = append(kv, "sa_restorer", fmt.Sprintf("%#x", c.mu(b, l, "sa_restorer")))
	}
	c.fields(kv...)
}
