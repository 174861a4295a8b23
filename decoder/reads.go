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
	var pc ctx
	var entry replay
	d.capturePhase(c, &pc, &entry, rec, exit)
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

// Retained is the number of bytes k keeps for the sections it records.
func (k *Capturer) Retained() int { return cap(k.live.arena) }

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
	k.d.capturePhase(&k.c, &k.pc, &k.entry, rec, exit)
}
