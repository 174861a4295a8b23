package decoder

import "github.com/stracedump/stracedump/pcapng"

// textBuf is the text a ctx renders: bytes appended to a slice that the
// printer reuses line after line, so rendering allocates nothing of its
// own. Muted, it drops what is written to it: the tracer renders every
// call only for the reads that rendering makes, and with nobody to read
// the text, building it is wasted work on every stop.
type textBuf struct {
	b    []byte
	mute bool
}

func (b *textBuf) WriteString(s string) (int, error) {
	if !b.mute {
		b.b = append(b.b, s...)
	}
	return len(s), nil
}

func (b *textBuf) WriteByte(c byte) error {
	if !b.mute {
		b.b = append(b.b, c)
	}
	return nil
}

func (b *textBuf) Write(p []byte) (int, error) {
	if !b.mute {
		b.b = append(b.b, p...)
	}
	return len(p), nil
}

// String returns a copy of the text so far.
func (b *textBuf) String() string { return string(b.b) }

// Reset empties the text, keeping its array.
func (b *textBuf) Reset() { b.b = b.b[:0] }

// CaptureReads is Capture without the text: it makes exactly the reads
// Capture makes, so the live backend records into rec the same sections,
// and renders nothing. The tracer uses it when no one wants the live text.
func (d *Decoder) CaptureReads(rec *pcapng.Record, mem Memory, exit bool) {
	c := d.newCtx(rec, mem, exit, 0)
	c.sb.mute = true
	// As in Capture: conditions are decided on entry memory in every phase.
	pc := c
	if exit {
		pc = d.newCtx(rec, NewReplay(rec, false), false, 0)
		pc.sb.mute = true
	}
	if n := d.socketLimit(rec, mem, exit, c.limit); n > 0 {
		c.limit, pc.limit = n, n
	}
	cl := plan(rec, c.arch, pc)
	if exit {
		c.exitText(cl)
		c.retText(cl)
		return
	}
	c.entryText(cl)
}

// Capturer makes CaptureReads's reads for one tracing thread, reusing its
// contexts, live recorder and scratch space from call to call: the tracer
// decodes every stop, and allocating them each time was most of its
// garbage. A Capturer is not safe for concurrent use.
type Capturer struct {
	d       *Decoder
	c, pc   ctx
	live    recorder
	entry   replay
	planBuf [16]Arg
}

// NewCapturer returns a Capturer rendering with d's options.
func (d *Decoder) NewCapturer() *Capturer { return &Capturer{d: d} }

// Reads is CaptureReads with src as the live memory, recording into rec.
// The sections recorded hold bytes the Capturer reuses: they are valid
// until the next entry phase is read.
func (k *Capturer) Reads(rec *pcapng.Record, src Source, exit bool) {
	if !exit {
		k.live.resetArena()
	}
	k.live.reset(rec, exit, src)
	k.c = *k.d.newCtx(rec, &k.live, exit, 0)
	k.c.sb.mute = true
	k.c.planBuf = k.planBuf[:0]
	pc := &k.c
	if exit {
		k.entry = replay{rec: rec}
		k.pc = k.c
		k.pc.mem, k.pc.exit = &k.entry, false
		pc = &k.pc
	}
	if n := k.d.socketLimit(rec, &k.live, exit, k.c.limit); n > 0 {
		k.c.limit, pc.limit = n, n
	}
	cl := plan(rec, k.c.arch, pc)
	if exit {
		k.c.exitText(cl)
		k.c.retText(cl)
		return
	}
	k.c.entryText(cl)
}
