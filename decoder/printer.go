package decoder

import (
	"fmt"
	"io"
	"time"

	"github.com/stracedump/stracedump/pcapng"
)

// Printer turns a stream of records into strace's text. It keeps strace's
// rule that only one line is open at a time: a call whose entry was seen
// stays open until its own exit, or until another thread prints, which
// closes it as "<unfinished ...>" and resumes it later as
// "<... read resumed>".
type Printer struct {
	w   io.Writer
	dec *Decoder
	err error

	limit int // the capture's -s, from its KindCapture record

	open       *pcapng.Record   // the entry whose line is open
	openPrefix string           // the prefix that line started with
	unfinished map[uint32]bool  // threads with a call printed as unfinished
	live       map[uint32]bool  // threads traced now (for the terminal prefix)
	last       int64            // the time of the line printed last (for -r)
	lastNr     map[uint32]int64 // each thread's latest syscall (for -n)
}

// NewPrinter returns a printer writing to w.
func NewPrinter(w io.Writer, dec *Decoder) *Printer {
	return &Printer{w: w, dec: dec, unfinished: map[uint32]bool{}, live: map[uint32]bool{}, lastNr: map[uint32]int64{}}
}

func (p *Printer) printf(format string, a ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format, a...)
	}
}

// prefix is how a line of thread tid starts at time ns: strace's
// printleader, the pid then the timestamp.
func (p *Printer) prefix(tid uint32, ns int64) string {
	var pre string
	switch p.dec.opts.Prefix {
	case PrefixFile:
		pre = fmt.Sprintf("%-5d ", tid)
	case PrefixTerminal:
		if len(p.live) > 1 {
			pre = fmt.Sprintf("[pid %5d] ", tid)
		}
	}
	if p.dec.opts.Relative {
		// -r: the time since the previous line started.
		d := int64(0)
		if p.last != 0 && ns > p.last {
			d = ns - p.last
		}
		p.last = ns
		pre += fmt.Sprintf("%6d.%06d ", d/1e9, d%1e9/1e3)
	}
	return pre + timestamp(p.dec.opts.Timestamps, ns)
}

// callPrefix is prefix for a syscall line: under -n it ends with the
// call's number, "[ 257] ".
func (p *Printer) callPrefix(rec *pcapng.Record, ns int64) string {
	pre := p.prefix(rec.TID, ns)
	if p.dec.opts.SyscallNumbers {
		pre += fmt.Sprintf("[%4d] ", rec.Nr)
	}
	p.lastNr[rec.TID] = rec.Nr
	return pre
}

// timestamp formats ns as -t, -tt or -ttt do.
func timestamp(level int, ns int64) string {
	if level <= 0 {
		return ""
	}
	t := time.Unix(0, ns)
	switch level {
	case 1:
		return t.Format("15:04:05 ")
	case 2:
		return t.Format("15:04:05.000000 ")
	}
	return fmt.Sprintf("%d.%06d ", ns/1e9, ns%1e9/1e3)
}

// closeOpen ends the open line as unfinished.
func (p *Printer) closeOpen() {
	if p.open == nil {
		return
	}
	e := p.dec.syscallParts(p.open, p.limit)
	p.printf("%s%s <unfinished ...>\n", p.openPrefix, e.entry)
	p.unfinished[p.open.TID] = true
	p.open = nil
}

// Write prints what rec contributes to the text.
func (p *Printer) Write(rec *pcapng.Record) error {
	switch rec.Kind {
	case pcapng.KindCapture:
		p.limit = int(rec.Args[0])
		return p.err
	case pcapng.KindProcess:
		p.live[rec.TID] = true
		return p.err
	case pcapng.KindDetach:
		delete(p.live, rec.TID)
		return p.err
	}
	tid := rec.TID
	if rec.Kind == pcapng.KindExit && p.dec.opts.Quiet >= 2 {
		// Nothing printed, so nothing interrupts an open line.
		delete(p.live, tid)
		delete(p.unfinished, tid)
		return p.err
	}
	if p.open != nil && !(p.open.TID == tid && rec.Kind == pcapng.KindSyscall) {
		if p.open.TID == tid && rec.Kind == pcapng.KindSyscallEntry {
			// A repeated entry of the call already open: nothing new.
			return p.err
		}
		p.closeOpen()
	}
	p.live[tid] = true
	switch rec.Kind {
	case pcapng.KindSyscallEntry:
		if !p.unfinished[tid] {
			// The caller reuses rec and the reader its bytes: keep a copy.
			p.open = cloneRecord(rec)
			p.openPrefix = p.callPrefix(rec, rec.Time)
		}
	case pcapng.KindSyscall:
		if p.open != nil {
			// The open line is this call's: finish it.
			p.printf("%s%s\n", p.openPrefix, p.dec.line(rec, len(p.openPrefix), p.limit))
			p.open = nil
			break
		}
		if p.unfinished[tid] {
			pre := p.callPrefix(rec, rec.Time+int64(rec.Duration))
			delete(p.unfinished, tid)
			e := p.dec.syscallParts(rec, p.limit)
			p.printf("%s%s%s\n", pre, pad(fmt.Sprintf("<... %s resumed>", e.name)+e.exit, len(pre)), e.ret)
			break
		}
		pre := p.callPrefix(rec, rec.Time)
		p.printf("%s%s\n", pre, p.dec.line(rec, len(pre), p.limit))
	default:
		pre := p.prefix(tid, rec.Time)
		if nr, ok := p.lastNr[tid]; ok && p.dec.opts.SyscallNumbers && rec.Kind == pcapng.KindSignal {
			// strace -n heads a signal line with the number of the call
			// the thread made last.
			pre += fmt.Sprintf("[%4d] ", nr)
		}
		if s := p.dec.line(rec, len(pre), p.limit); s != "" {
			p.printf("%s%s\n", pre, s)
		}
		if rec.Kind == pcapng.KindExit {
			delete(p.live, tid)
			delete(p.unfinished, tid)
			delete(p.lastNr, tid)
		}
	}
	return p.err
}

// Close ends the text, finishing any line still open.
func (p *Printer) Close() error {
	p.closeOpen()
	return p.err
}

// cloneRecord copies rec and its sections' data.
func cloneRecord(rec *pcapng.Record) *pcapng.Record {
	c := *rec
	c.Sections = make([]pcapng.Section, len(rec.Sections))
	for i, sec := range rec.Sections {
		sec.Data = append([]byte(nil), sec.Data...)
		c.Sections[i] = sec
	}
	return &c
}
