package decoder

import (
	"fmt"
	"strconv"
	"strings"
)

// ioctl requests and the structures their arguments point to.

// termios renders the kernel's struct termios (asm-generic/termbits.h):
// four flag words, c_line, c_cc[19]. strace prints the flag words with
// their fields first and an empty list for no flags.
func (c *ctx) termios(addr uint64, _ Struct) {
	l := c.layout("termios")
	if l == nil {
		c.ptr(addr)
		return
	}
	b, ok := c.fetch(addr, l.Size)
	if !ok {
		return
	}
	arch := c.rec.Arch
	// Each part prints in the -X style: "0x500 /* ICRNL|IXON */" under
	// -X verbose; an empty flags part prints nothing in every style.
	flags := func(set string, v uint64) string {
		if v == 0 {
			return ""
		}
		return c.xflags(set, v)
	}
	iflag, oflag, cflag, lflag := c.mu(b, l, "c_iflag"), c.mu(b, l, "c_oflag"), c.mu(b, l, "c_cflag"), c.mu(b, l, "c_lflag")
	var o strings.Builder
	for _, f := range []struct {
		mask  uint64
		names []string
	}{
		{0o400, []string{"NL0", "NL1"}},
		{0o3000, []string{"CR0", "CR1", "CR2", "CR3"}},
		{0o14000, []string{"TAB0", "TAB1", "TAB2", "XTABS"}},
		{0o20000, []string{"BS0", "BS1"}},
		{0o40000, []string{"VT0", "VT1"}},
		{0o100000, []string{"FF0", "FF1"}},
	} {
		shift := 0
		for f.mask>>shift&1 == 0 {
			shift++
		}
		o.WriteString(c.styled(hex(oflag&f.mask), f.names[oflag&f.mask>>shift]) + "|")
	}
	o.WriteString(flags("term_oflags", oflag&^0o177400))
	var cf strings.Builder
	cf.WriteString(c.xenum("baud_options", cflag&0o10017) + "|")
	if ib := cflag >> 16 & 0o10017; ib != 0 {
		cf.WriteString(c.xenum("baud_options", ib) + "<<IBSHIFT|")
	}
	cf.WriteString(c.xenum("term_csize", cflag&0o60) + "|")
	cf.WriteString(flags("term_cflags", cflag&^(0o10017|0o10017<<16|0o60)))
	kv := []string{"c_iflag", flags("term_iflags", iflag), "c_oflag", o.String(), "c_cflag", cf.String(),
		"c_lflag", flags("term_lflags", lflag)}
	if !c.opts.Verbose {
		c.fields(append(kv, "", "...")...)
		return
	}
	var cc strings.Builder
	cc.WriteByte('[')
	for i := 0; ; i++ {
		m := "c_cc[" + strconv.Itoa(i) + "]"
		if !l.has(m) {
			break
		}
		if i > 0 {
			cc.WriteString(", ")
		}
		name := strconv.Itoa(i)
		if i < len(termCC) {
			name = termCC[i]
		}
		cc.WriteString("[" + name + "]=" + hex(c.mu(b, l, m)))
	}
	cc.WriteByte(']')
	c.fields(append(kv, "c_line", formatEnum("line_disciplines", c.mu(b, l, "c_line"), arch), "c_cc", cc.String())...)
}

// charPtr is one byte to print as a string (TIOCSTI).
func (c *ctx) charPtr(addr uint64, _ Struct) { c.readBuf(addr, 1, false) }

// IoctlReq is an ioctl request: every name of its number ("SNDCTL_TMR_START
// or TCSETS"), or its _IOC() decoding.
type IoctlReq struct{}

func (IoctlReq) render(c *ctx, v uint64) {
	v = uint64(uint32(v))
	var names []string
	for _, set := range []string{"ioctl_aliases", "ioctl_requests"} {
		if n := xlats()[set].lookup(v, c.rec.Arch); n != "" {
			names = append(names, n)
		}
	}
	if len(names) > 0 {
		c.str(c.styled(hex(v), strings.Join(names, " or ")))
		return
	}
	// include/uapi/asm-generic/ioctl.h: dir(2) size(14) type(8) nr(8).
	dir := []string{"_IOC_NONE", "_IOC_WRITE", "_IOC_READ", "_IOC_READ|_IOC_WRITE"}[v>>30]
	c.str(c.styled(hex(v), fmt.Sprintf("_IOC(%s, %s, %s, %s)", dir, hex(v>>8&0xff), hex(v&0xff), hex(v>>16&0x3fff))))
}
