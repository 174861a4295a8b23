package decoder

// What each phase of a call prints: plan picks the arguments of the entry and
// the exit, and entryText, exitText and retText print them and the result.

import "github.com/stracedump/stracedump/pcapng"

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
