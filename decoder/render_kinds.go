package decoder

// The renderers of the argument kinds of desc.go that need no structure (Int,
// Hex, Path, Buf, Flags, Enum, Signal, ...), and renderArg, which calls them.

import (
	"strconv"
	"strings"

	"github.com/stracedump/stracedump/pcapng"
)

func (Int) render(c *ctx, v uint64) { c.dec(int64(int32(v))) }

// render prints a pid, and under -Y the name of the traced thread it is
// (strace leaves a pid it cannot name, 0 and negative ones bare).
func (k Pid) render(c *ctx, v uint64) {
	pid := int32(v)
	c.dec(int64(pid))
	if c.pidComm != nil && pid > 0 {
		comm := c.pidComm(pid)
		if len(comm) == 0 && k.Child {
			comm = c.pidComm(int32(c.rec.TID))
		}
		if len(comm) > 0 {
			c.sb.WriteByte('<')
			c.sb.b = append(c.sb.b, comm...)
			c.sb.WriteByte('>')
		}
	}
}

func (Uint) render(c *ctx, v uint64)     { c.udec(uint64(uint32(v))) }
func (Long) render(c *ctx, v uint64)     { c.dec(c.slong(v)) }
func (Ulong) render(c *ctx, v uint64)    { c.udec(c.word(v)) }
func (KLong) render(c *ctx, v uint64)    { c.dec(int64(v)) }
func (Hex) render(c *ctx, v uint64)      { c.hex(c.word(v)) }
func (Octal) render(c *ctx, v uint64)    { c.octal(uint64(uint32(v)), 0) }
func (Ptr) render(c *ctx, v uint64)      { c.ptr(v) }
func (FD) render(c *ctx, v uint64)       { c.fd(v) }
func (Mode) render(c *ctx, v uint64)     { c.octal(uint64(uint32(v)), 3) }
func (Path) render(c *ctx, v uint64)     { c.readString(v, pathMax) }
func (ModeType) render(c *ctx, v uint64) { c.str(c.mode(uint32(v))) }
func (Dev) render(c *ctx, v uint64)      { c.str(c.dev(c.word(v))) }
func (Str) render(c *ctx, v uint64)      { c.readString(v, c.limit) }

func (DirFD) render(c *ctx, v uint64) {
	if int32(v) == atFDCWD {
		// strace -y shows the working directory: "AT_FDCWD</home/u>".
		c.str(c.styled("-100", "AT_FDCWD"))
		c.fdPath(atFDCWD)
		return
	}
	c.fd(v)
}

// atFDCWD is AT_FDCWD (include/uapi/linux/fcntl.h), the same on every arch.
const atFDCWD = -100

func (b Buf) render(c *ctx, v uint64) {
	var n uint64
	if b.FromRet {
		n = c.word(uint64(c.rec.Ret))
	} else {
		n = c.word(c.rec.Args[b.LenArg])
	}
	if b.Netlink {
		if family, ok := c.netlinkSocket(int32(c.rec.Args[0])); ok {
			c.netlink(v, n, family)
			return
		}
	}
	c.readBuf(v, n, b.Hex)
}

func (f Flags) render(c *ctx, v uint64) {
	if !f.Long {
		v = uint64(uint32(v))
	}
	c.flags(f.Set, c.word(v))
}

func (e Enum) render(c *ctx, v uint64) {
	if !e.Long {
		v = uint64(uint32(v))
	}
	c.enum(e.Set, c.word(v))
}

func (f FlagsRet) render(c *ctx, v uint64) {
	v = c.word(v)
	if v == 0 && !f.Zero {
		c.str("0")
		return
	}
	c.hex(v)
	word := f.Word
	if word == "" {
		word = "flags"
	}
	c.str(" (" + word + " ")
	switch {
	case strings.HasSuffix(formatFlags(f.Set, v, c.rec.Arch), "??? */"):
		// strace's sprintflags writes unknown bits as a bare number, with
		// none of printflags' "/* FD_??? */".
		c.hex(v)
	case f.Set != "open_flags":
		c.flags(f.Set, v)
	case !c.sb.mute:
		// strace spells F_GETFL's flags out itself, whatever -X says.
		c.sb.b = appendFlagsField(c.sb.b, xlats()[f.Set], v, c.rec.Arch, true)
	}
	c.sb.WriteByte(')')
}

func (Signal) render(c *ctx, v uint64) { c.str(c.signal(int(int32(v)))) }

func (e EnumRet) render(c *ctx, v uint64) {
	n := c.slong(v)
	if e.Hex {
		c.hex(c.word(v))
	} else {
		c.str(strconv.FormatInt(n, 10))
	}
	if x := xlats()[e.Set]; x != nil {
		if name := x.lookup(uint64(n), c.rec.Arch); name != "" {
			c.str(" (" + name + ")")
		}
	}
}

func (SignalRet) render(c *ctx, v uint64) {
	n := c.slong(v)
	c.str(strconv.FormatInt(n, 10))
	if n > 0 && n < 65 {
		c.str(" (" + signalName(int(n)) + ")")
	}
}

// signalName is a signal as strace prints it: its name, else the number.
func signalName(sig int) string { return SignalString(sig) }

// readsMemory says whether k's rendering reads tracee memory; such an
// argument printed at exit shows only as its address when the call failed,
// as strace shows output parameters it does not decode.
func readsMemory(k Kind) bool {
	switch k.(type) {
	case Path, Str, Buf, Sigset, StrArray, Struct, SigFrame:
		return true
	}
	return false
}

// renderArg prints one argument.
func (c *ctx) renderArg(a *Arg) {
	switch {
	case a.Label:
		c.str(a.Name)
		c.sb.WriteByte('=')
	case c.opts.ArgNames && !a.Update:
		c.str(straceArgName(c.call, a.Name))
		c.sb.WriteByte('=')
	}
	v := c.rec.Args[a.Index]
	if c.spans != nil {
		c.layoutsSeen = c.layoutsSeen[:0]
		start := len(c.sb.b)
		c.renderValue(a, v)
		text := c.sb.b[start:]
		*c.spans = append(*c.spans, argSpan{arg: *a, raw: v, start: start, end: len(c.sb.b), exit: c.exit, layout: pickLayout(c.layoutsSeen, text)})
		return
	}
	c.renderValue(a, v)
}

// renderValue prints one argument's value.
func (c *ctx) renderValue(a *Arg, v uint64) {
	if c.rec.Flags&pcapng.FlagArgText != 0 && c.argText(uint64(a.Index)) {
		return
	}
	if a.Exit && !a.Input && readsMemory(a.Kind) && (c.failed() || c.rec.Flags&pcapng.FlagNoReturn != 0) {
		c.ptr(v)
		return
	}
	a.Kind.render(c, v)
}
