package decoder

import (
	"bytes"
	"io"
	"strconv"
	"time"

	"github.com/stracedump/stracedump/pcapng"
)

// Printer turns a stream of records into strace's text. It keeps strace's
// rule that only one line is open at a time: a call whose entry was seen
// stays open until its own exit, or until another thread prints, which
// closes it as "<unfinished ...>" and resumes it later as
// "<... read resumed>".
//
// Each line is built in one buffer that lives as long as the printer and
// written with one Write: printing allocates nothing per record.
type Printer struct {
	w   io.Writer
	dec *Decoder
	err error

	limit int // the capture's length, from its KindCapture record
	// sockLimit is its capture length of socket data, when larger.
	sockLimit int

	open       *pcapng.Record // the entry whose line is open, or nil
	openRec    pcapng.Record  // open's storage: the caller reuses its record
	openData   []byte         // the bytes of openRec's sections
	openPrefix []byte         // the prefix that line started with

	threads map[uint32]*thread
	// lastThread and lastTID cache the thread of the previous record: a
	// capture holds long runs of one thread's records.
	lastThread *thread
	lastTID    uint32
	nlive      int // threads traced now (for the terminal prefix)

	last int64 // the time of the line printed last (for -r)

	line []byte   // the line being built
	r    renderer // the record being rendered

	// The -t and -tt clock of the second the last timestamp fell in.
	clockSec  int64
	clockText []byte
}

// thread is what the printer remembers of one thread.
type thread struct {
	live       bool // traced now
	unfinished bool // a call printed as unfinished, not yet resumed
	hasNr      bool // nr holds the thread's latest syscall (for -n)
	nr         int64
	// pid is the thread's id as its lines' prefix shows it ("1234  ",
	// "[pid  1234] "), made once, again when its comm changes.
	pid []byte
	// comm is the thread's name as the process records and its
	// prctl(PR_SET_NAME) calls give it, for -Y's "1234<sh>".
	comm []byte
	// execComm is the name an exec gives, taken once the execve's line
	// is printed: the process record comes first, and strace shows the
	// name the thread had when the call was made ("5<sh> execve(...)").
	execComm []byte
}

// NewPrinter returns a printer writing to w.
func NewPrinter(w io.Writer, dec *Decoder) *Printer {
	p := &Printer{w: w, dec: dec, threads: map[uint32]*thread{}, clockSec: -1}
	if dec.opts.PidComm {
		p.r.c.pidComm = p.commOf
	}
	return p
}

// commOf is the name of traced thread pid, nil when it is not traced (or
// gone: strace finds no name for a process that has been reaped).
func (p *Printer) commOf(pid int32) []byte {
	if t := p.threads[uint32(pid)]; t != nil {
		return t.comm
	}
	return nil
}

// thread returns the state of tid, making it when add is set; nil when
// there is none and add is not set.
func (p *Printer) thread(tid uint32, add bool) *thread {
	if p.lastThread != nil && p.lastTID == tid {
		return p.lastThread
	}
	t := p.threads[tid]
	if t == nil {
		if !add {
			return nil
		}
		t = &thread{}
		p.threads[tid] = t
	}
	p.lastThread, p.lastTID = t, tid
	return t
}

// forget drops tid's state.
func (p *Printer) forget(tid uint32) {
	if t := p.threads[tid]; t != nil {
		p.setLive(t, false)
		delete(p.threads, tid)
	}
	if p.lastTID == tid {
		p.lastThread = nil
	}
}

// setLive marks t traced or gone.
func (p *Printer) setLive(t *thread, live bool) {
	if t.live != live {
		t.live = live
		if live {
			p.nlive++
		} else {
			p.nlive--
		}
	}
}

// emit writes the line b and keeps its array for the next one.
func (p *Printer) emit(b []byte) {
	b = append(b, '\n')
	if p.err == nil {
		_, p.err = p.w.Write(b)
	}
	p.line = b[:0]
}

// limitOf is the capture length of rec's strings and buffers: the
// socket one for a call moving data through a socket.
func (p *Printer) limitOf(rec *pcapng.Record) int {
	if p.sockLimit > p.limit && replayedSocketData(rec) {
		return p.sockLimit
	}
	return p.limit
}

// dumps writes the hex dumps -e read= and -e write= ask for after the line
// of the completed call rec, unprefixed as strace writes them.
func (p *Printer) dumps(rec *pcapng.Record) {
	if p.dec.opts.IoUring {
		p.uring(rec)
	}
	if p.dec.opts.DumpRead == nil && p.dec.opts.DumpWrite == nil {
		return
	}
	if b := p.dec.appendDumps(&p.r, p.line[:0], rec); len(b) > 0 && p.err == nil {
		_, p.err = p.w.Write(b)
		p.line = b[:0]
	}
}

// appendPrefix appends how a line of thread t (tid) starts at time ns:
// strace's printleader, the pid then the timestamp.
func (p *Printer) appendPrefix(b []byte, t *thread, tid uint32, ns int64) []byte {
	switch p.dec.opts.Prefix {
	case PrefixFile:
		if t.pid == nil {
			if p.dec.opts.PidComm {
				// strace -Y pads neither: "5<sh> ".
				t.pid = append(appendComm(appendInt(nil, int64(tid), 0, true), t.comm), ' ')
			} else {
				t.pid = append(appendInt(nil, int64(tid), 5, true), ' ')
			}
		}
		b = append(b, t.pid...)
	case PrefixTerminal:
		if p.nlive > 1 {
			if t.pid == nil {
				t.pid = appendInt([]byte("[pid "), int64(tid), 5, false)
				if p.dec.opts.PidComm {
					t.pid = appendComm(t.pid, t.comm)
				}
				t.pid = append(t.pid, "] "...)
			}
			b = append(b, t.pid...)
		}
	}
	if p.dec.opts.Relative {
		// -r: the time since the previous line started.
		d := int64(0)
		if p.last != 0 && ns > p.last {
			d = ns - p.last
		}
		p.last = ns
		b = appendInt(b, d/1e9, 6, false)
		b = append(appendZeroInt(append(b, '.'), d%1e9/1e3, 6), ' ')
	}
	return p.appendTimestamp(b, ns)
}

// appendComm appends -Y's "<comm>", nothing when the name is not known.
func appendComm(b, comm []byte) []byte {
	if len(comm) == 0 {
		return b
	}
	return append(append(append(b, '<'), comm...), '>')
}

// setComm gives t the name comm (a process record's, a PR_SET_NAME's), as
// the kernel keeps it: at most 15 bytes.
func (p *Printer) setComm(t *thread, comm []byte) {
	if i := bytes.IndexByte(comm, 0); i >= 0 {
		comm = comm[:i]
	}
	comm = bytes.TrimRight(comm, "\n")
	if len(comm) == 0 {
		return
	}
	comm = comm[:min(len(comm), 15)]
	if !bytes.Equal(t.comm, comm) {
		t.comm = append(t.comm[:0], comm...)
		t.pid = nil
	}
}

// execed gives t the name its exec gave.
func (p *Printer) execed(t *thread) {
	p.setComm(t, t.execComm)
	t.execComm = nil
}

// wordMask keeps the bits of a word of a.
func wordMask(a *Arch) uint64 {
	if a.WordSize == 4 {
		return 0xffffffff
	}
	return ^uint64(0)
}

// prSetName is prctl's PR_SET_NAME.
const prSetName = 15

// renamed follows a thread's successful prctl(PR_SET_NAME, name) in rec,
// for -Y: strace reads the name from /proc at each line, a capture has the
// call's string.
func (p *Printer) renamed(t *thread, rec *pcapng.Record) {
	if rec.Args[0] != prSetName || rec.Ret != 0 {
		return
	}
	a := ArchByAudit(rec.Arch)
	if a == nil || a.entry(rec.Nr).name != "prctl" {
		return
	}
	r := replay{rec: rec}
	if s, _, err := r.ReadString(rec.Args[1]&wordMask(a), 16); err == nil {
		p.setComm(t, s)
	}
}

// appendCallPrefix is appendPrefix for a syscall line: under -n it ends
// with the call's number, "[ 257] ".
func (p *Printer) appendCallPrefix(b []byte, t *thread, rec *pcapng.Record, ns int64) []byte {
	b = p.appendPrefix(b, t, rec.TID, ns)
	if p.dec.opts.SyscallNumbers {
		b = appendNr(b, rec.Nr)
	}
	t.nr, t.hasNr = rec.Nr, true
	return b
}

// appendNr appends -n's "[ 257] ".
func appendNr(b []byte, nr int64) []byte {
	return append(appendInt(append(b, '['), nr, 4, false), "] "...)
}

// appendTimestamp appends ns as -t, -tt or -ttt print it.
func (p *Printer) appendTimestamp(b []byte, ns int64) []byte {
	level := p.dec.opts.Timestamps
	switch {
	case level <= 0:
		return b
	case level >= 3:
		return append(appendSecMicro(b, ns), ' ')
	case ns < 0:
		// Before 1970: the time package's own arithmetic.
		if level == 1 {
			return time.Unix(0, ns).AppendFormat(b, "15:04:05 ")
		}
		return time.Unix(0, ns).AppendFormat(b, "15:04:05.000000 ")
	}
	// The clock time of a second is the same for all its lines: format
	// it once, in the local zone, as time.Format does.
	if sec := ns / 1e9; sec != p.clockSec {
		p.clockSec = sec
		p.clockText = time.Unix(sec, 0).AppendFormat(p.clockText[:0], "15:04:05")
	}
	b = append(b, p.clockText...)
	if level == 2 {
		b = appendZeroInt(append(b, '.'), ns%1e9/1e3, 6)
	}
	return append(b, ' ')
}

// closeOpen ends the open line as unfinished.
func (p *Printer) closeOpen() {
	if p.open == nil {
		return
	}
	b := append(p.line[:0], p.openPrefix...)
	b = p.dec.appendRecord(&p.r, b, 0, p.open, p.limitOf(p.open))
	p.emit(b)
	p.thread(p.open.TID, true).unfinished = true
	p.open = nil
}

// closeOpenPidChanged ends the open line, the execve of the thread that
// took the leader's tid, as strace does: "<pid changed to LEADER ...>"
// where another line would make it "<unfinished ...>".
func (p *Printer) closeOpenPidChanged(leader uint32) {
	b := append(p.line[:0], p.openPrefix...)
	b = p.dec.appendRecord(&p.r, b, 0, p.open, p.limitOf(p.open))
	b = bytes.TrimSuffix(b, []byte(" <unfinished ...>"))
	b = strconv.AppendUint(append(b, " <pid changed to "...), uint64(leader), 10)
	p.emit(append(b, " ...>"...))
	p.thread(p.open.TID, true).unfinished = true
	p.open = nil
}

// keepOpen makes rec the open line, copying it: the caller reuses rec and
// the reader its bytes.
func (p *Printer) keepOpen(rec *pcapng.Record) {
	secs := p.openRec.Sections[:0]
	p.openRec = *rec
	n := 0
	for i := range rec.Sections {
		n += len(rec.Sections[i].Data)
	}
	if cap(p.openData) < n {
		p.openData = make([]byte, 0, n)
	}
	data := p.openData[:0]
	for _, sec := range rec.Sections {
		start := len(data)
		data = append(data, sec.Data...)
		sec.Data = data[start:len(data):len(data)]
		secs = append(secs, sec)
	}
	p.openData = data
	p.openRec.Sections = secs
	p.open = &p.openRec
}

// Write prints what rec contributes to the text.
func (p *Printer) Write(rec *pcapng.Record) error {
	tid := rec.TID
	switch rec.Kind {
	case pcapng.KindCapture:
		p.limit, p.sockLimit = rec.CaptureLength(), rec.SocketCaptureLength()
		return p.err
	case pcapng.KindProcess:
		t := p.thread(tid, true)
		p.setLive(t, true)
		if p.dec.opts.PidComm {
			comm := []byte(rec.Text(pcapng.SecComm))
			if rec.Flags&pcapng.FlagProcExec != 0 {
				t.execComm = comm
			} else {
				p.setComm(t, comm)
			}
		}
		return p.err
	case pcapng.KindDetach:
		if t := p.thread(tid, false); t != nil {
			p.setLive(t, false)
		}
		return p.err
	case pcapng.KindComment:
		// A line an imported log held and nothing could read: as it was.
		p.closeOpen()
		p.emit(append(p.line[:0], rec.Text(pcapng.SecText)...))
		return p.err
	}
	if rec.Kind == pcapng.KindExit && p.dec.opts.Quiet >= 2 && quietExit(rec) {
		// Nothing printed, so nothing interrupts an open line. The
		// thread's last call number stays, as strace keeps it.
		if t := p.thread(tid, false); t != nil {
			p.setLive(t, false)
			t.unfinished = false
		}
		return p.err
	}
	if p.open != nil && rec.Kind == pcapng.KindExit && rec.Flags&pcapng.FlagSuperseded != 0 && p.open.TID == uint32(rec.Nr) {
		p.closeOpenPidChanged(tid)
	}
	if p.open != nil && !(p.open.TID == tid && rec.Kind == pcapng.KindSyscall) {
		if p.open.TID == tid && rec.Kind == pcapng.KindSyscallEntry {
			// A repeated entry of the call already open: nothing new.
			return p.err
		}
		p.closeOpen()
	}
	if rec.Kind == pcapng.KindExit && rec.Flags&pcapng.FlagSuperseded != 0 {
		// The thread that called execve is the leader now: its state
		// moves first, so the line's prefix counts one thread fewer, as
		// strace's does.
		p.supersede(uint32(rec.Nr), tid)
		t := p.thread(tid, true)
		p.setLive(t, true)
		b := p.appendPrefix(p.line[:0], t, tid, rec.Time)
		if p.dec.opts.SyscallNumbers && t.hasNr {
			// strace -n heads it with the execve's number, the call the
			// thread (now the leader) made last.
			b = appendNr(b, t.nr)
		}
		p.emit(append(b, exitLine(rec)...))
		return p.err
	}
	t := p.thread(tid, true)
	p.setLive(t, true)
	if t.execComm != nil && !(rec.Kind == pcapng.KindSyscall && !t.unfinished) {
		p.execed(t)
	}
	switch rec.Kind {
	case pcapng.KindSyscallEntry:
		if !t.unfinished {
			p.keepOpen(rec)
			p.openPrefix = p.appendCallPrefix(p.openPrefix[:0], t, rec, rec.Time)
		}
	case pcapng.KindSyscall:
		if p.open != nil {
			// The open line is this call's: finish it.
			b := append(p.line[:0], p.openPrefix...)
			p.emit(p.dec.appendRecord(&p.r, b, 0, rec, p.limitOf(rec)))
			p.open = nil
			p.dumps(rec)
			break
		}
		if t.unfinished {
			b := p.appendCallPrefix(p.line[:0], t, rec, rec.Time+int64(rec.Duration))
			t.unfinished = false
			r := &p.r
			r.entry, r.exit = replay{rec: rec}, replay{rec: rec, exit: true}
			b, _ = p.dec.renderCall(r, b, 0, rec, &r.entry, &r.exit, p.limitOf(rec), formResumed)
			p.emit(b)
			p.dumps(rec)
			break
		}
		b := p.appendCallPrefix(p.line[:0], t, rec, rec.Time)
		p.emit(p.dec.appendRecord(&p.r, b, 0, rec, p.limitOf(rec)))
		p.dumps(rec)
	default:
		b := p.appendPrefix(p.line[:0], t, tid, rec.Time)
		if p.dec.opts.SyscallNumbers && (rec.Kind == pcapng.KindSignal || rec.Kind == pcapng.KindExit) && t.hasNr {
			// strace -n heads a signal or exit line with the number of the call
			// the thread made last.
			b = appendNr(b, t.nr)
		}
		n := len(b)
		if b = p.dec.appendRecord(&p.r, b, 0, rec, p.limitOf(rec)); len(b) > n {
			p.emit(b)
		} else {
			p.line = b[:0]
		}
		if rec.Kind == pcapng.KindExit {
			p.forget(tid)
		}
	}
	if rec.Kind == pcapng.KindSyscall && p.dec.opts.PidComm {
		if t.execComm != nil {
			p.execed(t)
		}
		p.renamed(t, rec)
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

// supersede moves the thread that called execve, former, to the leader's
// tid, which it took: its execve, left unfinished under its old tid,
// resumes under the leader's ("<... execve resumed>"), as strace prints.
func (p *Printer) supersede(former, leader uint32) {
	t := p.thread(leader, true)
	t.unfinished = false
	if old := p.thread(former, false); old != nil {
		t.unfinished, t.nr, t.hasNr = old.unfinished, old.nr, old.hasNr
		p.forget(former)
	}
}
