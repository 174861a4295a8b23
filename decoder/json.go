package decoder

import (
	"bytes"
	"io"
	"strings"
	"time"

	"github.com/stracedump/stracedump/pcapng"
)

// JSONSchema is the version of the JSON Lines output (docs/json.md). It
// changes only when a field changes meaning or goes away; new fields keep it.
const JSONSchema = 1

// JSONWriter turns a stream of records into JSON Lines: the capture's
// metadata first, then one object a record, each carrying the argument
// texts, the result and the whole line exactly as the text decoder renders
// them. It renders through the same code as the Printer; what it adds
// (flag names, strings, fd details, structure members) it reads from the
// record's sections, the decoder's flag tables and structure layouts.
//
// Unlike the Printer it keeps no line open: an entry record is its own
// object ("syscall-entry"), and its call's later record is whole.
type JSONWriter struct {
	w   io.Writer
	dec *Decoder
	err error

	limit   int  // the capture's -s, from its KindCapture record
	started bool // the metadata line is written
	// FormatVersion, when set before the first Write, is the record
	// format version the metadata line reports (pcapng.Reader's
	// RecordVersion): a record does not carry its own.
	FormatVersion int
	comm          map[uint32]string

	r     renderer
	spans []argSpan
	// classes caches each class set's names; open and closed are the
	// scratch space of members.
	classes      map[Class][]string
	open, closed []string
	text         []byte // the rendered call
	b            jsonBuf
	// The date and clock of the second the last time fell in.
	clockSec int64
	clock    []byte
}

// argSpan is where one argument's text lies in a rendered call, and what
// the JSON writer needs to describe it beyond its text.
type argSpan struct {
	arg        Arg
	raw        uint64
	start, end int
	exit       bool    // rendered in the exit phase
	layout     *Layout // the structure layout its renderer read by, if any
}

// NewJSONWriter returns a writer of JSON Lines to w; dec's options decide
// the texts ("text", "ret_text", "line") as they decide the Printer's.
func NewJSONWriter(w io.Writer, dec *Decoder) *JSONWriter {
	j := &JSONWriter{w: w, dec: dec, comm: map[uint32]string{}, classes: map[Class][]string{}}
	j.r.spans = &j.spans
	return j
}

// Write writes the object of rec, after the metadata line if none was
// written yet.
func (j *JSONWriter) Write(rec *pcapng.Record) error {
	if j.err != nil {
		return j.err
	}
	if !j.started {
		j.started = true
		if rec.Kind == pcapng.KindCapture {
			j.limit = int(rec.Args[0])
			j.capture(rec)
			return j.emit()
		}
		// A capture without its metadata record still starts with the
		// schema version.
		j.b.reset()
		j.b.open()
		j.b.int("schema", JSONSchema)
		j.b.str("kind", pcapng.KindCapture.String())
		if j.FormatVersion > 0 {
			j.b.int("format_version", int64(j.FormatVersion))
		}
		j.b.close()
		if err := j.emit(); err != nil {
			return err
		}
	}
	j.b.reset()
	j.b.open()
	j.common(rec)
	switch rec.Kind {
	case pcapng.KindCapture:
		// A second capture record (captures concatenated): its metadata.
		j.b.reset()
		j.limit = int(rec.Args[0])
		j.capture(rec)
		return j.emit()
	case pcapng.KindSyscall, pcapng.KindSyscallEntry:
		j.syscall(rec)
	case pcapng.KindSignal:
		j.signal(rec)
	case pcapng.KindExit:
		j.exit(rec)
	case pcapng.KindProcess:
		j.process(rec)
	case pcapng.KindComment:
		j.b.str("line", rec.Text(pcapng.SecText))
	}
	j.b.close()
	return j.emit()
}

// Close ends the output: a capture without any record still gets its
// metadata line.
func (j *JSONWriter) Close() error {
	if !j.started && j.err == nil {
		j.started = true
		j.b.reset()
		j.b.open()
		j.b.int("schema", JSONSchema)
		j.b.str("kind", pcapng.KindCapture.String())
		j.b.close()
		return j.emit()
	}
	return j.err
}

func (j *JSONWriter) emit() error {
	if j.err == nil {
		j.b.b = append(j.b.b, '\n')
		_, j.err = j.w.Write(j.b.b)
	}
	return j.err
}

// recordFlags are the names of pcapng's record flags, as the dissector's
// strace.flags.* fields name them.
var recordFlags = []struct {
	bit  uint16
	name string
}{
	{pcapng.FlagNoReturn, "no_return"}, {pcapng.FlagGroupStop, "group_stop"},
	{pcapng.FlagProcAttach, "attach"}, {pcapng.FlagProcExec, "exec"}, {pcapng.FlagProcFork, "fork"},
	{pcapng.FlagFollowForks, "follow_forks"}, {pcapng.FlagLaunched, "launched"},
	{pcapng.FlagSuperseded, "superseded"}, {pcapng.FlagArgText, "arg_text"},
}

// common writes what every record has: kind, ids, time, flags, process.
func (j *JSONWriter) common(rec *pcapng.Record) {
	b := &j.b
	b.str("kind", rec.Kind.String())
	b.uint("pid", uint64(rec.PID))
	b.uint("tid", uint64(rec.TID))
	b.key("time")
	b.b = append(j.appendTime(append(b.b, '"'), rec.Time), '"')
	b.int("time_ns", rec.Time)
	if rec.Flags != 0 {
		b.arr("flags")
		for _, f := range recordFlags {
			if rec.Flags&f.bit != 0 {
				b.elemStr(f.name)
			}
		}
		b.endArr()
	}
	if rec.Kind == pcapng.KindProcess {
		if s := rec.Section(pcapng.SecComm, 0); s != nil {
			j.comm[rec.PID] = string(bytes.TrimSuffix(s.Data, []byte{'\n'}))
		}
	}
	if name, ok := j.comm[rec.PID]; ok {
		b.str("process", name)
	}
}

// appendTime appends ns as RFC 3339 in UTC with nine digits of
// fraction. The date and clock of a second are made once: a capture
// holds runs of records in the same second.
func (j *JSONWriter) appendTime(dst []byte, ns int64) []byte {
	if ns < 0 {
		return time.Unix(0, ns).UTC().AppendFormat(dst, "2006-01-02T15:04:05.000000000Z07:00")
	}
	if sec := ns / 1e9; sec != j.clockSec || j.clock == nil {
		j.clockSec = sec
		j.clock = time.Unix(sec, 0).UTC().AppendFormat(j.clock[:0], "2006-01-02T15:04:05")
	}
	dst = append(append(dst, j.clock...), '.')
	return append(appendZeroInt(dst, ns%1e9, 9), 'Z')
}

// capture writes the metadata line of a KindCapture record.
func (j *JSONWriter) capture(rec *pcapng.Record) {
	b := &j.b
	b.reset()
	b.open()
	b.int("schema", JSONSchema)
	j.common(rec)
	if j.FormatVersion > 0 {
		b.int("format_version", int64(j.FormatVersion))
	}
	b.uint("string_limit", rec.Args[0])
	keys := []struct {
		key  uint64
		name string
	}{
		{pcapng.TextCommand, "command"}, {pcapng.TextVersion, "version"}, {pcapng.TextHost, "host"},
		{pcapng.TextKernel, "kernel"}, {pcapng.TextMachine, "machine"},
	}
	for _, k := range keys {
		if s := rec.Section(pcapng.SecText, k.key); s != nil {
			b.bytes(k.name, s.Data)
		}
	}
	b.close()
}

// syscall writes a call: its name, arguments, result and line.
func (j *JSONWriter) syscall(rec *pcapng.Record) {
	b := &j.b
	d := j.dec
	r := &j.r
	r.entry = replay{rec: rec}
	r.exit = replay{rec: rec, exit: true}
	j.spans = j.spans[:0]
	form := formWhole
	if rec.Kind == pcapng.KindSyscallEntry {
		form = formEntry
	}
	text, m := d.renderCall(r, j.text[:0], 0, rec, &r.entry, &r.exit, j.limit, form)
	j.text = text
	c := &r.c
	if a := c.arch; a != nil {
		b.str("arch", a.Name)
	}
	b.str("syscall", m.name)
	b.int("nr", rec.Nr)
	if cls, ok := ClassOf(m.name); ok && cls != 0 {
		names, ok := j.classes[cls]
		if !ok {
			names = strings.Split(cls.String(), "|")
			j.classes[cls] = names
		}
		b.arr("class")
		for _, n := range names {
			b.elemStr(n)
		}
		b.endArr()
	}
	j.args(rec, text)
	j.uring(rec)
	if rec.Kind == pcapng.KindSyscallEntry {
		b.bool("unfinished", true)
		b.bytes("line", append(text[:m.entryEnd:m.entryEnd], " <unfinished ...>"...))
		return
	}
	if rec.Flags&pcapng.FlagNoReturn == 0 {
		ret := c.slong(uint64(rec.Ret))
		b.int("ret", ret)
		b.bytes("ret_text", bytes.TrimPrefix(text[m.retStart:m.retEnd], []byte("= ")))
		if c.failed() {
			b.bool("failed", true)
			e := int(-ret)
			b.obj("errno")
			if name := ErrnoName(e); name != "" {
				b.str("name", name)
			}
			b.int("number", int64(e))
			b.str("message", ErrnoMessage(e))
			b.close()
		} else if _, isFD := m.ret.(FD); isFD && ret >= 0 {
			b.key("ret_fd")
			j.fd(rec, int32(ret), true)
		}
		b.uint("duration_ns", rec.Duration)
	} else {
		b.str("ret_text", "?")
	}
	b.bytes("line", text)
}

// signal writes a signal-delivery stop or group-stop.
func (j *JSONWriter) signal(rec *pcapng.Record) {
	b := &j.b
	b.key("signal")
	signalObj(b, int(rec.Nr))
	if s := siginfoSection(rec); s != nil && rec.Flags&pcapng.FlagGroupStop == 0 {
		c := j.dec.newCtx(rec, nil, false, 0)
		if a := ArchByAudit(uint32(s.Key)); a != nil {
			c.arch = a
		}
		l := c.layout("siginfo_t")
		if l == nil {
			l = layoutFor("siginfo_t", AuditArchX86_64)
		}
		data := s.Data
		if len(data) >= l.end("si_code") {
			i32 := func(name string) int64 { return int64(int32(c.mu(data, l, name))) }
			signo, code := i32("si_signo"), i32("si_code")
			b.obj("siginfo")
			b.int("signo", signo)
			b.int("code", code)
			if n := SigCodeName(int(signo), int(code)); n != "" {
				b.str("code_name", n)
			}
			if e := i32("si_errno"); e != 0 {
				b.int("errno", e)
			}
			switch {
			case code == 0 || code == -6 || code == -1 || code == -3: // SI_USER, SI_TKILL, SI_QUEUE, SI_MESGQ
				b.uint("pid", uint64(uint32(i32("_sifields._kill._pid"))))
				b.uint("uid", uint64(uint32(i32("_sifields._kill._uid"))))
			case signo == 17 && code > 0: // SIGCHLD from the kernel: CLD_*
				b.uint("pid", uint64(uint32(i32("_sifields._sigchld._pid"))))
				b.uint("uid", uint64(uint32(i32("_sifields._sigchld._uid"))))
				b.int("status", i32("_sifields._sigchld._status"))
			case signo == 11 || signo == 7 || signo == 4 || signo == 8: // SIGSEGV, SIGBUS, SIGILL, SIGFPE
				b.uint("addr", c.mu(data, l, "_sifields._sigfault._addr"))
			}
			b.close()
		}
	}
	b.str("line", j.dec.signalLine(rec))
}

// signalObj writes {"name": "SIGCHLD", "number": 17}.
func signalObj(b *jsonBuf, sig int) {
	b.open()
	if n := SignalName(sig); n != "" {
		b.str("name", n)
	}
	b.int("number", int64(sig))
	b.close()
}

// exit writes a thread's end from its raw wait status.
func (j *JSONWriter) exit(rec *pcapng.Record) {
	b := &j.b
	ws := uint32(rec.Ret)
	b.obj("exit")
	b.uint("status", uint64(ws))
	switch {
	case rec.Flags&pcapng.FlagSuperseded != 0:
		b.int("superseded_by", rec.Nr)
	case ws&0x7f == 0 || ws&0x7f == 0x7f:
		b.uint("code", uint64(ws>>8&0xff))
	default:
		b.key("signal")
		signalObj(b, int(ws&0x7f))
		b.bool("core_dumped", ws&0x80 != 0)
	}
	b.close()
	b.str("line", exitLine(rec))
}

// process writes a process's metadata, named as strace.proc.* fields.
func (j *JSONWriter) process(rec *pcapng.Record) {
	b := &j.b
	b.obj("proc")
	b.uint("ppid", rec.Args[0])
	for _, sec := range []struct {
		t    pcapng.SectionType
		name string
	}{{pcapng.SecComm, "comm"}, {pcapng.SecExe, "exe"}, {pcapng.SecCwd, "cwd"}} {
		if s := rec.Section(sec.t, 0); s != nil {
			b.bytes(sec.name, bytes.TrimSuffix(s.Data, []byte{'\n'}))
		}
	}
	if s := rec.Section(pcapng.SecArgv, 0); s != nil {
		b.arr("argv")
		for _, a := range bytes.Split(s.Data, []byte{0}) {
			b.elemBytes(a)
		}
		b.endArr()
	}
	if s := rec.Section(pcapng.SecCreds, 0); s != nil && len(s.Data) >= 32 {
		for i, n := range []string{"uid", "euid", "suid", "fsuid", "gid", "egid", "sgid", "fsgid"} {
			d := s.Data[4*i:]
			b.uint(n, uint64(d[0])|uint64(d[1])<<8|uint64(d[2])<<16|uint64(d[3])<<24)
		}
	}
	first := true
	for i := range rec.Sections {
		s := &rec.Sections[i]
		if s.Type != pcapng.SecFDPath {
			continue
		}
		if first {
			b.arr("fds")
			first = false
		}
		b.elem()
		b.open()
		b.int("fd", int64(int32(s.Key)))
		b.bytes("path", s.Data)
		b.close()
	}
	if !first {
		b.endArr()
	}
	b.close()
}
