package decoder

import "github.com/stracedump/stracedump/pcapng"

// ShownArgs returns the name of rec's call and the arguments its line
// shows, in the order it shows them (those printed at entry, then those
// printed at exit), decided on rec's values and sections as a decode
// decides them. known is false for a call without a description, whose
// arguments all print in hex. The importer reads a line's arguments back
// through these descriptions.
func ShownArgs(rec *pcapng.Record) (name string, args []Arg, known bool) {
	d := New(DefaultOptions())
	c := d.newCtx(rec, NewReplay(rec, false), false, 0)
	cl := plan(rec, c.arch, c)
	args = make([]Arg, 0, len(cl.entry)+len(cl.exit))
	args = append(append(args, cl.entry...), cl.exit...)
	return cl.name, args, cl.known
}

// CallText renders syscall record rec in three parts: the call's entry
// part, from its name to where strace would cut the line of an unfinished
// call ("read(0, "), its exit part, to the closing parenthesis, and the
// result, from "= " on, without -T's duration.
func (d *Decoder) CallText(rec *pcapng.Record) (entry, exit, result string) {
	p := d.syscallParts(rec, 0)
	return p.entry, p.exit, p.ret
}
