package decoder

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/stracedump/stracedump/pcapng"
)

// pathMax is PATH_MAX: paths print whole up to this length, whatever -s says.
const pathMax = 4096

// ctx is one phase of one record being rendered. Decoder.resetCtx sets
// each field for the next phase: a new field must be set there too.
type ctx struct {
	opts  Options
	limit int // effective -s
	rec   *pcapng.Record
	call  string // the name the call prints under, for -N's labels
	// pidComm, under -Y, names a traced thread by its id (the printer's);
	// nil or an empty name: the pid prints alone.
	pidComm func(pid int32) []byte
	arch    *Arch
	mem     Memory
	exit    bool
	sb      textBuf
	// planBuf, when set, is scratch space plan may use for its argument
	// lists instead of allocating: the tracer plans every stop twice.
	planBuf []Arg
	// spans, when set, collects where each argument's text lies in sb,
	// for the JSON writer; nil when only the text is wanted. It lives
	// across phases, as sb does.
	spans *[]argSpan
	// layoutsSeen are the structure layouts a renderer asked for while
	// spans are collected, among which pickLayout finds the one an
	// argument's text shows.
	layoutsSeen []*Layout
}

func (c *ctx) wordSize() int {
	if c.arch != nil && c.arch.WordSize == 4 {
		return 4
	}
	return 8
}

// word truncates v to the tracee's word size.
func (c *ctx) word(v uint64) uint64 {
	if c.wordSize() == 4 {
		return uint64(uint32(v))
	}
	return v
}

// slong is v as the tracee's signed long.
func (c *ctx) slong(v uint64) int64 {
	if c.wordSize() == 4 {
		return int64(int32(v))
	}
	return int64(v)
}

// failed says whether the call returned an error: strace's is_negated_errno.
func (c *ctx) failed() bool {
	r := c.slong(uint64(c.rec.Ret))
	if c.rec.Flags&pcapng.FlagNoReturn != 0 || r >= 0 || r < -4095 {
		return false
	}
	return c.arch == nil || !c.arch.NeverFails(c.rec.Nr)
}

func (c *ctx) printf(format string, a ...any) {
	if !c.sb.mute {
		fmt.Fprintf(&c.sb, format, a...)
	}
}
func (c *ctx) str(s string) { c.sb.WriteString(s) }

// hex prints v as %#x; dec and udec print decimal. They append straight
// to the text: through printf each number cost an allocation.
func (c *ctx) hex(v uint64) {
	if !c.sb.mute {
		c.sb.b = appendHex(c.sb.b, v)
	}
}

func (c *ctx) dec(v int64) {
	if !c.sb.mute {
		c.sb.b = strconv.AppendInt(c.sb.b, v, 10)
	}
}

func (c *ctx) udec(v uint64) {
	if !c.sb.mute {
		c.sb.b = strconv.AppendUint(c.sb.b, v, 10)
	}
}

// octal prints v as %#0Wo (width 0: %#o).
func (c *ctx) octal(v uint64, width int) {
	if !c.sb.mute {
		c.sb.b = appendOctal(c.sb.b, v, width)
	}
}

// ptr prints an address as strace's printaddr does.
func (c *ctx) ptr(v uint64) {
	v = c.word(v)
	if v == 0 {
		c.str("NULL")
		return
	}
	c.hex(v)
}

// fd prints a file descriptor, with its path under -y.
func (c *ctx) fd(v uint64) {
	fd := int32(v)
	c.dec(int64(fd))
	if fd >= 0 {
		c.fdPath(fd)
	}
}

// fdPath prints "<path>" of fd under -y, when the capture has it.
func (c *ctx) fdPath(fd int32) {
	if c.opts.DecodeFDs > 0 && c.mem != nil {
		var p []byte
		var ok bool
		if r, isReplay := c.mem.(*replay); isReplay {
			// The section's bytes, not a string made of them.
			p, ok = r.fdPath(fd)
		} else if s, found := c.mem.FDPath(fd); found {
			p, ok = []byte(s), true
		}
		if ok {
			if c.opts.DecodeFDs >= 2 && fd >= 0 && ShowsFDInfo(p) && c.fdInfo(fd, p) {
				return
			}
			// A deleted file's link ends in " (deleted)", which strace
			// moves out of the brackets: "3</memfd:x>(deleted)".
			p, deleted := bytes.CutSuffix(p, []byte(" (deleted)"))
			c.sb.WriteByte('<')
			c.sb.Write(p)
			c.sb.WriteByte('>')
			if deleted {
				c.str("(deleted)")
			}
		}
	}
}

// fdInfo prints "<TCP:[127.0.0.1:8080]>" or "</dev/null<char 1:3>>" for
// an fd whose /proc target is path, as -yy does, when the capture holds
// its details; false when it printed nothing.
func (c *ctx) fdInfo(fd int32, path []byte) bool {
	var d []byte
	var ok bool
	if r, isReplay := c.mem.(*replay); isReplay {
		d, ok = r.fdInfo(fd)
	} else {
		d, ok = c.mem.FDInfo(fd, string(path))
	}
	if !ok {
		return false
	}
	f, ok := ParseFDInfo(d)
	if !ok {
		return false
	}
	if f.Kind != FDInfoSocket && bytes.HasSuffix(path, []byte(" (deleted)")) {
		// A deleted device node keeps -y's form.
		return false
	}
	start := len(c.sb.b)
	c.sb.WriteByte('<')
	if !c.appendFDInfo(path, &f) {
		c.sb.b = c.sb.b[:start]
		return false
	}
	c.sb.WriteByte('>')
	return true
}

// readString prints the NUL-terminated string at addr, at most max bytes,
// with "..." when it is longer; an unreadable string prints as its address.
func (c *ctx) readString(addr uint64, max int) {
	addr = c.word(addr)
	if addr == 0 {
		c.str("NULL")
		return
	}
	// One byte more than shown, so a string of exactly max bytes is told
	// apart from a longer one (strace's umovestr does the same).
	s, term, err := c.mem.ReadString(addr, max+1)
	if err != nil {
		c.ptr(addr)
		return
	}
	if !term && len(s) > max {
		s = s[:max]
	}
	c.quote(s, false)
	if !term {
		c.str("...")
	}
}

// readBuf prints n bytes at addr, cut at -s, as strace's printstrn does.
func (c *ctx) readBuf(addr uint64, n uint64, hexAll bool) {
	addr = c.word(addr)
	if addr == 0 {
		c.str("NULL")
		return
	}
	show := n
	if show > uint64(c.limit) {
		show = uint64(c.limit)
	}
	b, err := c.mem.Read(addr, int(show))
	if err != nil {
		c.ptr(addr)
		return
	}
	c.quote(b, hexAll)
	if show < n {
		c.str("...")
	}
}

// readWord reads one tracee word at addr.
func (c *ctx) readWord(addr uint64) (uint64, error) {
	b, err := c.mem.Read(c.word(addr), c.wordSize())
	if err != nil {
		return 0, err
	}
	return c.uint(b), nil
}

// uint decodes an integer of len(b) bytes in the tracee's byte order.
func (c *ctx) uint(b []byte) uint64 {
	var v uint64
	big := c.arch != nil && c.arch.BigEndian
	for i := range b {
		j := i
		if !big {
			j = len(b) - 1 - i
		}
		v = v<<8 | uint64(b[j])
	}
	return v
}

// styled picks between a constant's number and its name by -X: the name
// (abbrev), the number (raw), or both (verbose: "0x3 /* PROT_READ|PROT_WRITE */").
// Where the name is the number, only the number prints.
func (c *ctx) styled(raw, abbrev string) string {
	switch {
	case c.opts.Xlat == XlatRaw || raw == abbrev:
		return raw
	case c.opts.Xlat == XlatVerbose:
		return raw + " /* " + abbrev + " */"
	}
	return abbrev
}

// xflags renders v as a bitmask of set, in the -X style. A set whose
// value field strace prints apart (SplitField) shows the field and the
// flags each in the style: "0 /* AT_STATX_SYNC_AS_STAT */|0x900 /* ... */".
func (c *ctx) xflags(set string, v uint64) string {
	if x := xlats()[set]; x != nil && x.SplitField && c.opts.Xlat == XlatRaw {
		// strace 6.1 prints the field as printflags does, nothing for
		// 0, then "|" and the flags: ", |0x100, ", ", , ".
		var s string
		if f := v & x.FieldMask; f != 0 {
			s = hex(f)
		}
		if rest := v &^ x.FieldMask; rest != 0 {
			s += "|" + hex(rest)
		}
		return s
	}
	if x := xlats()[set]; x != nil && x.SplitField && c.opts.Xlat == XlatVerbose {
		s := c.xenum(x.Field, v&x.FieldMask)
		if rest := v &^ x.FieldMask; rest != 0 {
			s += "|" + c.styled(hex(rest), formatFlagsField(set, rest, c.rec.Arch, false))
		}
		return s
	}
	f := formatFlags(set, v, c.rec.Arch)
	if strings.HasSuffix(f, "??? */") {
		// Only unknown bits: the value carries its own comment ("0x18 /*
		// SYNC_FILE_RANGE_??? */"), which -X verbose does not repeat.
		if c.opts.Xlat == XlatRaw {
			return hex(v)
		}
		return f
	}
	return c.styled(hex(v), f)
}

// xenum renders v as one value of set, in the -X style.
func (c *ctx) xenum(set string, v uint64) string {
	if x := xlats()[set]; x != nil && x.Unknown != "" && x.lookup(v, c.rec.Arch) == "" {
		// An unknown value carries its own comment ("0x7 /*
		// EPOLL_CTL_??? */"), which -X verbose does not repeat.
		if c.opts.Xlat == XlatRaw {
			return hex(v)
		}
		return formatEnum(set, v, c.rec.Arch)
	}
	return c.styled(hex(v), formatEnum(set, v, c.rec.Arch))
}

// signal renders a signal number in the -X style: "SIGTERM", "15".
func (c *ctx) signal(sig int) string {
	return c.styled(strconv.Itoa(sig), signalName(sig))
}

// quote appends b as a quoted string, in hex under -xx, and under -x when
// it holds a byte that is neither printable nor whitespace.
func (c *ctx) quote(b []byte, hexAll bool) {
	if c.sb.mute {
		return
	}
	switch {
	case hexAll || c.opts.HexStrings >= 2:
		hexAll = true
	case c.opts.HexStrings == 1:
		for _, x := range b {
			if x > 0x7e || (x < ' ' && (x < '\t' || x > '\r')) {
				hexAll = true
				break
			}
		}
	}
	c.sb.b = appendQuote(c.sb.b, b, hexAll)
}

// flags prints v as a bitmask of set, as xflags renders it.
func (c *ctx) flags(set string, v uint64) {
	if c.sb.mute {
		return
	}
	if c.opts.Xlat != XlatAbbrev {
		c.str(c.xflags(set, v))
		return
	}
	// The names alone: where a set has none for v, they are its number.
	c.sb.b = appendFlagsField(c.sb.b, xlats()[set], v, c.rec.Arch, true)
}

// enum prints v as one value of set, as xenum renders it.
func (c *ctx) enum(set string, v uint64) {
	if c.sb.mute {
		return
	}
	if c.opts.Xlat != XlatAbbrev {
		c.str(c.xenum(set, v))
		return
	}
	x := xlats()[set]
	if x != nil {
		if n := x.lookup(v, c.rec.Arch); n != "" {
			c.str(n)
			return
		}
	}
	c.str(formatEnum(set, v, c.rec.Arch))
}
