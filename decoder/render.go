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
	arch  *Arch
	mem   Memory
	exit  bool
	sb    textBuf
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

func (Int) render(c *ctx, v uint64)      { c.dec(int64(int32(v))) }

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

// argText prints the text an imported record gives in place of the value
// of key (an argument's register, or ArgTextResult); false when it gives
// none.
func (c *ctx) argText(key uint64) bool {
	s := c.rec.Section(pcapng.SecArgText, key)
	if s == nil {
		return false
	}
	c.sb.Write(s.Data)
	return true
}

// callText prints the part of an imported call's arguments given as one
// text (ArgTextCall) that belongs to the phase; false when the record
// gives its arguments one by one.
func (c *ctx) callText(exit bool) bool {
	found := false
	for i := range c.rec.Sections {
		s := &c.rec.Sections[i]
		if s.Type == pcapng.SecArgText && s.Key == pcapng.ArgTextCall {
			found = true
			if (s.Flags&pcapng.SecFlagExit != 0) == exit {
				c.sb.Write(s.Data)
			}
		}
	}
	return found
}

// call is a syscall record split the way strace prints it.
type callPlan struct {
	name  string
	entry []Arg // printed at entry
	exit  []Arg // printed at exit
	ret   Kind
	known bool
	// args, when set, are the arguments the call really took: those a
	// socketcall or ipc multiplexed call read from memory or shifted.
	args *[6]uint64
}

// plan resolves the description of rec: which arguments print in which
// phase, and how the result prints. The arguments go in c.planBuf when
// they fit and the call's description has conditions or a switch;
// otherwise they are the arch's table's own, shared and never written to.
func plan(rec *pcapng.Record, arch *Arch, c *ctx) callPlan {
	var cl callPlan
	var e *sysEntry
	if arch != nil {
		e = arch.entry(rec.Nr)
	} else {
		e = &noEntry
	}
	name, nargs, ok, d := e.name, e.nargs, e.ok, e.desc
	if !ok || name == "" {
		// strace's name for a number it does not know.
		cl.name = "syscall_" + hex(uint64(rec.Nr))
		nargs = 6
	} else {
		cl.name = name
	}
	if sub, n, a, ok := subcall(rec, arch, name, c.mem); ok {
		// A copy made here, not a itself: taking a's address would move
		// it to the heap on every call, subcall or not.
		args := a
		cl.name, nargs, cl.args = sub, n, &args
		c.useArgs(cl)
		d = describe(cl.name, arch)
	} else if e.static {
		cl.entry, cl.exit, cl.ret, cl.known = e.entry, e.exit, d.Ret, true
		return cl
	}
	if d == nil || !ok {
		// No description: strace's printargs, every argument in hex.
		cl.entry = hexArgs[:min(nargs, len(hexArgs))]
		return cl
	}
	cl.known = true
	cl.ret = d.Ret
	var tail []Arg
	if sw := d.Switch; sw != nil {
		t := sw.Default
		v := uint64(uint32(rec.Args[sw.Arg]))
		if sw.Mask != 0 {
			v &= sw.Mask
		}
		if x := xlats()[sw.Set]; x != nil {
			if n := x.lookup(v, rec.Arch); n != "" {
				if ct, ok := sw.Cases[n]; ok {
					t = ct
				}
			}
		}
		tail = t.Args
		if t.Ret != nil {
			cl.ret = t.Ret
		}
	}
	cl.entry, cl.exit = splitArgs(d.Args, tail, c, c.planBuf)
	return cl
}

// noEntry is what plan knows of a record of no known arch.
var noEntry sysEntry

// hexArgs are strace's printargs: every argument in hex.
var hexArgs = [6]Arg{{Index: 0, Kind: Hex{}}, {Index: 1, Kind: Hex{}}, {Index: 2, Kind: Hex{}},
	{Index: 3, Kind: Hex{}}, {Index: 4, Kind: Hex{}}, {Index: 5, Kind: Hex{}}}

// splitArgs sorts the arguments of all and then tail that show (whose
// condition holds, c deciding) into those printed at entry and those
// printed at exit, in one array: buf when it fits. Each condition is
// decided once, in order, as it may read memory.
func splitArgs(all, tail []Arg, c *ctx, buf []Arg) (entry, exit []Arg) {
	var small [24]bool
	shown := small[:]
	if len(all)+len(tail) > len(small) {
		shown = make([]bool, len(all)+len(tail))
	}
	arg := func(i int) *Arg {
		if i < len(all) {
			return &all[i]
		}
		return &tail[i-len(all)]
	}
	n, entries := 0, 0
	for i := range len(all) + len(tail) {
		if a := arg(i); a.Cond == nil || c == nil || a.Cond.holds(c) {
			shown[i] = true
			n++
			if !a.Exit {
				entries++
			}
		}
	}
	if cap(buf) < n {
		buf = make([]Arg, n)
	}
	buf = buf[:n]
	en, x := 0, entries
	for i := range len(all) + len(tail) {
		switch a := arg(i); {
		case !shown[i]:
		case a.Exit:
			buf[x] = *a
			x++
		default:
			buf[en] = *a
			en++
		}
	}
	if entries > 0 {
		entry = buf[:entries:entries]
	}
	if n > entries {
		exit = buf[entries:]
	}
	return entry, exit
}

// entryText renders "name(args at entry" with the separator before the
// first exit argument, as strace leaves a line it has to interrupt.
func (c *ctx) entryText(cl callPlan) {
	c.useArgs(cl)
	// Exit arguments that show a value as it was at entry read it now.
	// Arguments by pointer: an Arg is eight words.
	for i := range cl.exit {
		if p, ok := cl.exit[i].Kind.(entryPeeker); ok {
			p.peek(c, c.rec.Args[cl.exit[i].Index])
		}
	}
	c.call = cl.name
	c.str(cl.name)
	c.sb.WriteByte('(')
	if c.rec.Flags&pcapng.FlagArgText != 0 && c.callText(false) {
		return
	}
	for i := range cl.entry {
		if i > 0 {
			c.str(", ")
		}
		c.renderArg(&cl.entry[i])
	}
	if len(cl.exit) > 0 && len(cl.entry) > 0 && !cl.exit[0].Update && !cl.exit[0].LateSep {
		c.str(", ")
	}
}

// exitText renders the exit arguments and the closing parenthesis.
func (c *ctx) exitText(cl callPlan) {
	c.useArgs(cl)
	c.call = cl.name
	if c.rec.Flags&pcapng.FlagArgText != 0 && c.callText(true) {
		c.sb.WriteByte(')')
		return
	}
	if c.rec.Flags&pcapng.FlagNoReturn != 0 && len(cl.exit) > 0 {
		// The call never came back to fill its exit arguments in: strace
		// shows "read(3,  <unfinished ...>) = ?".
		c.str(" <unfinished ...>)")
		return
	}
	for i := range cl.exit {
		a := &cl.exit[i]
		switch {
		case a.Update:
			if c.failed() || c.word(c.rec.Args[a.Index]) == 0 || (a.UpdateNeedsResult && c.rec.Ret == 0) {
				// strace shows no new value for a failed call, nor
				// for a NULL pointer, nor (sendfile) when nothing moved.
				continue
			}
			c.str(" => ")
		case i > 0 || a.LateSep:
			c.str(", ")
		}
		c.renderArg(a)
	}
	c.sb.WriteByte(')')
}

// retText renders the result: "= 3", "= -1 ENOENT (...)", "= ?".
func (c *ctx) retText(cl callPlan) {
	c.useArgs(cl)
	if c.rec.Flags&pcapng.FlagNoReturn != 0 {
		c.str("= ?")
		return
	}
	if c.rec.Flags&pcapng.FlagArgText != 0 {
		start := len(c.sb.b)
		c.str("= ")
		if c.argText(pcapng.ArgTextResult) {
			return
		}
		c.sb.b = c.sb.b[:start]
	}
	r := c.slong(uint64(c.rec.Ret))
	if r < 0 && r >= -4095 && !(c.arch != nil && c.arch.NeverFails(c.rec.Nr)) {
		e := int(-r)
		if ErrnoRestarts(e) {
			// Restart errors never reach user space as such: "= ?".
			c.str("= ? ")
		} else {
			c.str("= -1 ")
		}
		if name := ErrnoName(e); name != "" {
			c.str(name)
		} else {
			c.dec(int64(e))
		}
		c.str(" (")
		c.str(ErrnoMessage(e))
		c.sb.WriteByte(')')
		return
	}
	c.str("= ")
	if cl.ret == nil {
		c.dec(r)
		return
	}
	cl.ret.render(c, uint64(c.rec.Ret))
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
