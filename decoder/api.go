package decoder

import (
	"bytes"
	"strings"

	"github.com/stracedump/stracedump/pcapng"
)

// Options choose how records render, as strace's flags do.
type Options struct {
	StringLimit int  // -s: bytes of strings and buffers shown (default 32)
	Verbose     bool // -v: structures and arrays unabbreviated
	DecodeFDs   int  // -y: 1 shows fd paths, 2 also socket details (-yy)
	// Quiet is strace's -q count: 2 (-qq) also hides "+++ exited" lines.
	Quiet int
	// Prefix is how lines start: PrefixFile, as strace -f -o FILE writes
	// ("1234  "), or PrefixTerminal, as strace -f writes to a terminal
	// ("[pid  1234] " while more than one process is traced).
	Prefix PrefixMode
	// Durations appends each call's time, as -T does (" <0.000123>").
	Durations bool
	// Timestamps starts lines with the time, as -t (1), -tt (2) and -ttt
	// (3) do.
	Timestamps int
	// Relative starts lines with the time since the previous line, as -r.
	Relative bool
	// SyscallNumbers prints each call's number before its name, as -n:
	// "[ 257] openat(...)".
	SyscallNumbers bool
	// HexStrings is -x (1: strings with a non-printable byte in hex) or
	// -xx (2: every string in hex).
	HexStrings int
	// Xlat is -X: how named constants print.
	Xlat XlatStyle
	// ArgNames is -N (--arg-names, strace 6.16 and later): every
	// argument of a described call prints as name=value, with the names
	// strace prints (straceArgName).
	ArgNames bool
	// PidComm is -Y (--decode-pids=comm, strace 6.16 and later): each
	// line's pid with the thread's name, "1234<sh>", from the capture's
	// process records and the thread's prctl(PR_SET_NAME) calls.
	PidComm bool
	// DumpRead and DumpWrite are -e read=SET and -e write=SET: the
	// descriptors whose reads (writes) are followed by a hex dump of the
	// data moved, as far as the capture holds it; nil: none.
	DumpRead, DumpWrite func(fd int32) bool
	// SocketCaptureLength, at capture time, is the capture length of the
	// data of calls that read from or write to a socket, when larger than
	// StringLimit, the capture length of everything else.
	SocketCaptureLength int
	// IoUring follows each io_uring_enter line with comment lines of the
	// operations it submitted and the completions waiting after it
	// ("# io_uring sqe: ...", uring.go), which strace does not print.
	IoUring bool
}

// XlatStyle is how constants with names print, as strace's -X.
type XlatStyle int

const (
	// XlatAbbrev prints names: "O_RDONLY|O_CLOEXEC" (strace's default).
	XlatAbbrev XlatStyle = iota
	// XlatRaw prints numbers: "0x80000".
	XlatRaw
	// XlatVerbose prints numbers with names in a comment:
	// "0x80000 /* O_RDONLY|O_CLOEXEC */".
	XlatVerbose
)

// ParseXlatStyle reads -X's argument: "raw", "abbrev" or "verbose".
func ParseXlatStyle(s string) (XlatStyle, bool) {
	switch s {
	case "abbrev":
		return XlatAbbrev, true
	case "raw":
		return XlatRaw, true
	case "verbose":
		return XlatVerbose, true
	}
	return 0, false
}

// PrefixMode says how the printer starts each line.
type PrefixMode int

const (
	// PrefixFile starts every line with the thread id, as strace -f -o FILE.
	PrefixFile PrefixMode = iota
	// PrefixTerminal starts a line with "[pid N] " only while more than one
	// thread is traced, as strace -f writes to its standard error.
	PrefixTerminal
	// PrefixNone prints no prefix at all, as strace without -f.
	PrefixNone
)

// DefaultOptions are strace's defaults.
func DefaultOptions() Options { return Options{StringLimit: 32} }

// DefaultCaptureLength is how many bytes of each string or buffer a capture
// keeps unless told otherwise (record --snaplen): enough for the headers of
// most protocols and the text of most writes, at a few percent of a
// capture's size (docs/performance.md has the measurements). Decoding
// still shows strace's 32 unless asked for more (-s).
const DefaultCaptureLength = 256

// CaptureOptions are the options the tracer decodes with at capture time:
// the most that any later decoding may ask for, so a capture holds every
// byte that decoding it with any options will read. captureLength is the
// most bytes of each string or buffer kept: a later -s shows at most that.
func CaptureOptions(captureLength int) Options {
	return Options{StringLimit: captureLength, Verbose: true, DecodeFDs: 2, IoUring: true}
}

// DefaultSocketCaptureLength is how many bytes of each buffer a call
// reading from or writing to a socket keeps unless told otherwise (record
// --snaplen-socket): whole messages, for the protocol dissectors and for
// decode -s, at the price measured in docs/performance.md.
const DefaultSocketCaptureLength = 65536

// socketDataCalls are the calls whose data a socket capture length covers
// when their first argument, a descriptor, is a socket: the calls of
// strace's -e read=/write= dumps, and sendmmsg and recvmmsg.
var socketDataCalls = func() map[string]bool {
	m := map[string]bool{"sendmmsg": true, "recvmmsg": true}
	for name := range dumpCalls {
		m[name] = true
	}
	return m
}()

// socketLimit is, at capture time, the socket capture length when rec
// moves data through a socket and that length is above limit; else 0. It
// is decided on the entry's fd path (live at entry, recorded at exit), as
// a later decode decides it.
func (d *Decoder) socketLimit(rec *pcapng.Record, mem Memory, exit bool, limit int) int {
	n := d.opts.SocketCaptureLength
	if n <= limit || d.opts.DecodeFDs == 0 {
		// Without fd paths (the extcap's fdpaths off) the capture
		// cannot tell a socket, and records no paths to tell it later.
		return 0
	}
	if exit && replayedSocketData(rec) || !exit && socketData(rec, mem) {
		return n
	}
	return 0
}

// socketDataFD is the descriptor of rec when it is a call of
// socketDataCalls.
func socketDataFD(rec *pcapng.Record) (int32, bool) {
	a := ArchByAudit(rec.Arch)
	if a == nil || !socketDataCalls[a.SyscallName(rec.Nr)] || int32(rec.Args[0]) < 0 {
		return 0, false
	}
	return int32(rec.Args[0]), true
}

// socketData reports whether rec moves data through a socket: a call of
// socketDataCalls whose descriptor's path, read from entry memory (live
// or replayed), is a socket's.
func socketData(rec *pcapng.Record, entry Memory) bool {
	fd, ok := socketDataFD(rec)
	if !ok {
		return false
	}
	p, ok := entry.FDPath(fd)
	return ok && strings.HasPrefix(p, "socket:")
}

// replayedSocketData is socketData on rec's own entry sections, without
// making a string of the path.
func replayedSocketData(rec *pcapng.Record) bool {
	fd, ok := socketDataFD(rec)
	if !ok {
		return false
	}
	r := replay{rec: rec}
	p, ok := r.fdPath(fd)
	return ok && bytes.HasPrefix(p, []byte("socket:"))
}

// Decoder renders records; it holds no per-stream state.
type Decoder struct {
	opts Options
}

// Preload makes the tables that decoding any call reads: the never-failing
// calls, the index of the flag sets and the structure renderers, each of
// which is otherwise made by the first call that needs it (descriptions
// are made one call at a time, when first decoded). The tracer calls it before it forks a command to trace, whose first
// stops need them: made after the fork, while the child still shares the
// tracer's memory, they would cost a copied page for every page written.
func Preload() {
	neverFailing()
	xlats()
	structs()
}

// New returns a decoder with the given options.
func New(opts Options) *Decoder {
	if opts.StringLimit <= 0 {
		opts.StringLimit = 32
	}
	return &Decoder{opts: opts}
}

// newCtx prepares the rendering of one phase of rec. limit is the
// effective -s: the smaller of the options' and the capture's.
func (d *Decoder) newCtx(rec *pcapng.Record, mem Memory, exit bool, limit int) *ctx {
	if limit <= 0 || limit > d.opts.StringLimit {
		limit = d.opts.StringLimit
	}
	return &ctx{opts: d.opts, limit: limit, rec: rec, arch: ArchByAudit(rec.Arch), mem: mem, exit: exit}
}

// Capture decodes one phase of a syscall record (entry, or exit when exit
// is set) against live memory, exactly as a later decode will, so that the
// live backend records every read into rec. It returns the phase's text:
// the entry part ("read(3, ") and no result, or the exit part ("\"abc\",
// 3)") and the result ("= 3").
func (d *Decoder) Capture(rec *pcapng.Record, mem Memory, exit bool) (text, result string) {
	c := d.newCtx(rec, mem, exit, 0)
	var pc ctx
	var entry replay
	ret := d.capturePhase(c, &pc, &entry, rec, exit)
	s := c.sb.String()
	if exit {
		return s[:ret], s[ret:]
	}
	return s, ""
}

// capturePhase renders one phase of rec into c, whose memory is the live
// one and whose text may be muted: the entry part, or the exit part and the
// result, returning where the result starts. It is the sequence every
// capture-time entry point shares. Conditions are decided on entry memory
// in every phase, so that the exit phase replays the same reads (the record
// already holds the entry's sections when its exit is captured): at exit,
// pc becomes c's copy reading entry, a replay of rec's entry sections.
func (d *Decoder) capturePhase(c, pc *ctx, entry *replay, rec *pcapng.Record, exit bool) int {
	if exit {
		*entry = replay{rec: rec}
		*pc = *c
		pc.mem, pc.exit = entry, false
	} else {
		pc = c
	}
	if n := d.socketLimit(rec, c.mem, exit, c.limit); n > 0 {
		c.limit, pc.limit = n, n
	}
	cl := plan(rec, c.arch, pc)
	if !exit {
		c.entryText(cl)
		c.captureUring(cl.name, pc.mem, false)
		return len(c.sb.b)
	}
	c.exitText(cl)
	ret := len(c.sb.b)
	c.retText(cl)
	c.captureUring(cl.name, pc.mem, true)
	return ret
}

// JoinResult puts a call's text and its result together as Line does,
// the result in strace's column.
func JoinResult(call, result string) string { return pad(call, 0) + result }

// parts is a syscall record rendered from its sections.
type parts struct {
	name  string
	entry string // "read(3, "
	exit  string // "\"abc\", 3)"
	ret   string // "= 3"
}

func (d *Decoder) syscallParts(rec *pcapng.Record, limit int) parts {
	return d.partsWith(rec, NewReplay(rec, false), NewReplay(rec, true), limit)
}

// partsWith renders rec reading entry and exit memory from the given
// backends: replay when decoding, live ones in tests.
func (d *Decoder) partsWith(rec *pcapng.Record, entryMem, exitMem Memory, limit int) parts {
	var r renderer
	b, m := d.renderCall(&r, nil, 0, rec, entryMem, exitMem, limit, formWhole)
	p := parts{name: m.name, entry: string(b[:m.entryEnd])}
	if rec.Kind == pcapng.KindSyscallEntry {
		return p
	}
	p.exit = string(b[m.entryEnd:m.exitEnd])
	p.ret = string(b[m.retStart:])
	return p
}

// renderer is the scratch space of rendering: the printer keeps one and
// reuses it record after record, so that a line costs no allocation.
type renderer struct {
	c           ctx
	entry, exit replay
	args        [24]Arg // the plan's arguments
	// spans, when set, collects where each argument's text lies (the
	// JSON writer's); the printer leaves it nil.
	spans *[]argSpan
}

// callForm says which part of a call renderCall prints.
type callForm int

const (
	// formWhole: "read(0, \"a\", 1)" padded to the result column, then
	// "= 1" (and -T's duration).
	formWhole callForm = iota
	// formEntry: the entry part alone, "read(0, ".
	formEntry
	// formResumed: "<... read resumed>\"a\", 1)", padded, and the result.
	formResumed
)

// callMarks say where renderCall put the parts of a call.
type callMarks struct {
	name     string // the call's name, as its line shows it
	entryEnd int    // end of the entry part (or of "<... resumed>")
	exitEnd  int    // end of the exit part, before the padding
	retStart int    // start of the result
	retEnd   int    // end of the result, before -T's duration
	ret      Kind   // how the plan renders the result
}

// renderCall appends the text of syscall record rec to dst, whose current
// line started at lineStart (the result column counts from there). An entry
// record (KindSyscallEntry) stops after its entry part whatever the form.
func (d *Decoder) renderCall(r *renderer, dst []byte, lineStart int, rec *pcapng.Record, entryMem, exitMem Memory, limit int, form callForm) ([]byte, callMarks) {
	c := &r.c
	d.resetCtx(c, rec, entryMem, false, limit)
	c.sb.b, c.planBuf, c.spans = dst, r.args[:0], r.spans
	cl := plan(rec, c.arch, c)
	var m callMarks
	m.name, m.ret = cl.name, cl.ret
	if form == formResumed {
		c.str("<... ")
		c.str(cl.name)
		c.str(" resumed>")
	} else {
		c.entryText(cl)
	}
	m.entryEnd = len(c.sb.b)
	if form == formEntry || rec.Kind == pcapng.KindSyscallEntry {
		m.exitEnd, m.retStart, m.retEnd = m.entryEnd, m.entryEnd, m.entryEnd
		return c.sb.b, m
	}
	d.resetCtx(c, rec, exitMem, true, limit)
	c.exitText(cl)
	m.exitEnd = len(c.sb.b)
	c.sb.b = appendPad(c.sb.b, m.exitEnd-lineStart)
	m.retStart = len(c.sb.b)
	c.retText(cl)
	m.retEnd = len(c.sb.b)
	if d.opts.Durations && rec.Flags&pcapng.FlagNoReturn == 0 {
		// A call that never returned ("= ?") has no duration in strace.
		c.sb.b = appendDuration(c.sb.b, rec.Duration)
	}
	return c.sb.b, m
}

// resetCtx readies c, keeping its text, for one phase of rec.
func (d *Decoder) resetCtx(c *ctx, rec *pcapng.Record, mem Memory, exit bool, limit int) {
	if limit <= 0 || limit > d.opts.StringLimit {
		limit = d.opts.StringLimit
	}
	// Field by field: the context lives on the heap, and copying a whole
	// ctx costs write barriers for fields that do not change. Its text
	// and plan scratch space stay.
	c.opts, c.limit, c.rec, c.mem, c.exit, c.sb.mute = d.opts, limit, rec, mem, exit, false
	if c.arch == nil || c.arch.Audit != rec.Arch {
		c.arch = ArchByAudit(rec.Arch)
	}
}

// appendRecord appends the text of rec to dst as Line renders it, the
// result column counted from lineStart; it appends nothing for records
// that print nothing.
func (d *Decoder) appendRecord(r *renderer, dst []byte, lineStart int, rec *pcapng.Record, limit int) []byte {
	switch rec.Kind {
	case pcapng.KindSyscall:
		r.entry = replay{rec: rec}
		r.exit = replay{rec: rec, exit: true}
		dst, _ = d.renderCall(r, dst, lineStart, rec, &r.entry, &r.exit, limit, formWhole)
	case pcapng.KindSyscallEntry:
		r.entry = replay{rec: rec}
		dst, _ = d.renderCall(r, dst, lineStart, rec, &r.entry, nil, limit, formEntry)
		dst = append(dst, " <unfinished ...>"...)
	case pcapng.KindSignal:
		dst = append(dst, d.signalLine(rec)...)
	case pcapng.KindExit:
		if d.opts.Quiet < 2 || !quietExit(rec) {
			dst = append(dst, exitLine(rec)...)
		}
	case pcapng.KindComment:
		dst = append(dst, rec.Text(pcapng.SecText)...)
	}
	return dst
}

// Line renders one record's text as strace prints it, without the line's
// prefix and without a newline; "" for records that print nothing.
func (d *Decoder) Line(rec *pcapng.Record) string {
	var r renderer
	return string(d.appendRecord(&r, nil, 0, rec, 0))
}

// resultColumn is strace's default -a: results start in column 40.
const resultColumn = 40

// appendPad ends a call's text of n columns (its line's prefix included)
// so that its result starts at column 40, or one space after it when the
// call is longer.
func appendPad(dst []byte, n int) []byte {
	if n < resultColumn {
		return append(dst, spaces[:resultColumn-n]...)
	}
	return append(dst, ' ')
}

// spaces pads to the result column.
var spaces = strings.Repeat(" ", resultColumn)

// pad is appendPad for a string of col columns of prefix and s.
func pad(s string, col int) string {
	return string(appendPad([]byte(s), col+len(s)))
}
