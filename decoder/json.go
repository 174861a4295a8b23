package decoder

import (
	"bytes"
	enchex "encoding/hex"
	"io"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

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

// args writes the arguments as an object keyed by name, in call order.
// An argument shown twice (a value updated by the call, "[16 => 8]") is
// one member whose text is both.
func (j *JSONWriter) args(rec *pcapng.Record, text []byte) {
	b := &j.b
	b.obj("args")
	spans := j.spans
	for i := range spans {
		s := &spans[i]
		name := s.arg.Name
		if name == "" {
			name = "arg" + strconv.Itoa(s.arg.Index)
		}
		dup := false
		for k := range spans[:i] {
			if spans[k].arg.Index == s.arg.Index && spans[k].arg.Name == s.arg.Name {
				dup = true
			}
		}
		if dup {
			continue
		}
		// The last span of the same argument, when the call updated it.
		last := s
		for k := i + 1; k < len(spans); k++ {
			if spans[k].arg.Index == s.arg.Index && spans[k].arg.Name == s.arg.Name {
				last = &spans[k]
			}
		}
		b.obj(name)
		b.uint("raw", j.r.c.word(s.raw))
		switch {
		case last != s && string(text[s.end:last.start]) == " => ":
			b.bytes("text", text[s.start:last.end])
		default:
			b.bytes("text", text[last.start:last.end])
		}
		j.argDetail(rec, last, text[last.start:last.end])
		b.close()
	}
	b.close()
}

// argDetail writes what the renderer knows of an argument beyond its
// text: flag names, a constant's name, a string's bytes, an fd's path and
// socket, a structure's members.
func (j *JSONWriter) argDetail(rec *pcapng.Record, s *argSpan, text []byte) {
	b := &j.b
	c := &j.r.c
	v := s.raw
	// An argument printed as its address alone: the call failed or the
	// memory is not in the capture.
	addrOnly := bytes.HasPrefix(text, []byte("0x")) || string(text) == "NULL"
	switch k := s.arg.Kind.(type) {
	case FD:
		if fd := int32(v); fd >= 0 {
			b.key("fd")
			j.fd(rec, fd, s.exit)
		}
	case DirFD:
		b.key("fd")
		j.fd(rec, int32(v), s.exit)
	case Flags:
		if !k.Long {
			v = uint64(uint32(v))
		}
		b.arr("flags")
		for rest, more := formatFlags(k.Set, c.word(v), rec.Arch), true; more; {
			var f string
			f, rest, more = strings.Cut(rest, "|")
			b.elemStr(f)
		}
		b.endArr()
	case Enum:
		if !k.Long {
			v = uint64(uint32(v))
		}
		if x := xlats()[k.Set]; x != nil {
			if n := x.lookup(c.word(v), rec.Arch); n != "" {
				b.str("name", n)
			}
		}
	case Signal:
		if n := SignalName(int(int32(v))); n != "" {
			b.str("name", n)
		}
	case Path, Str:
		if addrOnly {
			break
		}
		max := c.limit
		if _, isPath := k.(Path); isPath {
			max = pathMax
		}
		mem := replay{rec: rec, exit: s.exit}
		if str, term, err := mem.ReadString(c.word(v), max+1); err == nil {
			if !term && len(str) > max {
				str = str[:max]
			}
			b.bytes("string", str)
			if !term {
				b.bool("truncated", true)
			}
		}
	case Buf:
		if addrOnly {
			break
		}
		n := c.word(rec.Args[k.LenArg])
		if k.FromRet {
			n = c.word(uint64(rec.Ret))
		}
		show := min(n, uint64(c.limit))
		mem := replay{rec: rec, exit: s.exit}
		if data, err := mem.Read(c.word(v), int(show)); err == nil {
			b.bytes("string", data)
			if show < n {
				b.bool("truncated", true)
			}
		}
	}
	if s.layout != nil {
		if data, known := structAt(rec, c.word(v), s.exit, s.layout.Size); data != nil {
			b.key("members")
			j.members(s.layout, data, known)
		}
	}
}

// structAt returns the captured memory of a structure of size bytes at
// addr, read in the given phase: the section it starts in, known nil; or,
// where the capture holds it in pieces (an import of a line that showed
// some members: decoder's fetchStruct), the bytes of every piece in place
// and known true for those. nil when the capture holds none of it.
func structAt(rec *pcapng.Record, addr uint64, exit bool, size int) (data []byte, known []bool) {
	data = sectionAt(rec, addr, exit)
	if len(data) >= size {
		return data, nil
	}
	var buf []byte
	for i := range rec.Sections {
		s := &rec.Sections[i]
		if s.Type != pcapng.SecMem || (s.Flags&pcapng.SecFlagExit != 0) != exit || s.Flags&pcapng.SecFlagString != 0 ||
			s.Key < addr+uint64(len(data)) || s.Key-addr >= uint64(size) {
			continue
		}
		if buf == nil {
			buf, known = make([]byte, size), make([]bool, size)
			for k := range data {
				buf[k], known[k] = data[k], true
			}
		}
		off := int(s.Key - addr)
		for k := 0; k < len(s.Data) && off+k < size; k++ {
			buf[off+k], known[off+k] = s.Data[k], true
		}
	}
	if buf == nil {
		return data, nil
	}
	return buf, known
}

// sectionAt returns the captured memory from addr on, read in the given
// phase; nil when the capture holds none.
func sectionAt(rec *pcapng.Record, addr uint64, exit bool) []byte {
	for i := range rec.Sections {
		s := &rec.Sections[i]
		if s.Type != pcapng.SecMem || (s.Flags&pcapng.SecFlagExit != 0) != exit || s.Flags&pcapng.SecFlagString != 0 {
			continue
		}
		if addr >= s.Key && addr-s.Key < uint64(len(s.Data)) {
			return s.Data[addr-s.Key:]
		}
	}
	return nil
}

// members writes a structure read by layout l as nested objects: a
// member "ru_utime.tv_sec" is {"ru_utime": {"tv_sec": N}}. Members past
// the captured bytes are left out, and so are padding and reserved
// members ("__pad0"), which strace never shows.
//
// known, when not nil, says which bytes of data the capture holds: a
// member with any other is left out.
func (j *JSONWriter) members(l *Layout, data []byte, known []bool) {
	b := &j.b
	c := &j.r.c
	// open holds the objects open now, closed those already closed (a
	// union's later member cannot reopen them), each as the prefix of a
	// member name that names it: "ru_utime".
	open, closed := j.open[:0], j.closed[:0]
	b.open()
	for i := range l.Members {
		m := &l.Members[i]
		size := m.Size
		if m.Kind == Chars && m.Off < len(data) {
			// A char array may end early: a sockaddr_un of addrlen
			// bytes.
			size = min(size, len(data)-m.Off)
		}
		if m.Off+size > len(data) || known != nil && slices.Contains(known[m.Off:m.Off+size], false) {
			continue
		}
		name := m.Name
		var pre [8]string
		np := 0
		for k := 0; k < len(name) && np < len(pre); k++ {
			if name[k] == '.' {
				pre[np] = name[:k]
				np++
			}
		}
		leaf := name[strings.LastIndexByte(name, '.')+1:]
		if strings.HasPrefix(leaf, "__") || np > 0 && slices.Contains(closed, pre[np-1]) {
			continue
		}
		k := 0
		for k < len(open) && k < np && open[k] == pre[k] {
			k++
		}
		for len(open) > k {
			closed = append(closed, open[len(open)-1])
			open = open[:len(open)-1]
			b.close()
		}
		for ; k < np; k++ {
			b.obj(pre[k][strings.LastIndexByte(pre[k], '.')+1:])
			open = append(open, pre[k])
		}
		switch m.Kind {
		case Signed:
			b.int(leaf, c.readSigned(data, m))
		case Chars:
			b.bytes(leaf, cbytes(data[m.Off:m.Off+size]))
		case Bytes:
			b.key(leaf)
			b.b = append(b.b, '"')
			b.b = enchex.AppendEncode(b.b, data[m.Off:m.Off+m.Size])
			b.b = append(b.b, '"')
		default:
			b.uint(leaf, c.read(data, m))
		}
	}
	for range open {
		b.close()
	}
	b.close()
	j.open, j.closed = open, closed
}

// cbytes is a char array up to its NUL.
func cbytes(b []byte) []byte {
	if i := bytes.IndexByte(b, 0); i >= 0 {
		return b[:i]
	}
	return b
}

// fd writes a descriptor's object: its number, path and -yy details, read
// from the record's sections of the given phase, else of the other.
func (j *JSONWriter) fd(rec *pcapng.Record, fd int32, exit bool) {
	b := &j.b
	b.open()
	b.int("fd", int64(fd))
	mem := replay{rec: rec, exit: exit}
	path, ok := mem.fdPath(fd)
	if !ok {
		mem.exit = !exit
		path, ok = mem.fdPath(fd)
	}
	if ok {
		b.bytes("path", path)
	}
	if d, ok := mem.fdInfo(fd); ok {
		if f, ok := ParseFDInfo(d); ok {
			j.fdInfo(&f)
		}
	}
	b.close()
}

// fdInfo writes -yy's details of a descriptor, named as the dissector's
// strace.fd.* fields.
func (j *JSONWriter) fdInfo(f *FDInfo) {
	b := &j.b
	switch f.Kind {
	case FDInfoChar, FDInfoBlock:
		b.obj("dev")
		if f.Kind == FDInfoChar {
			b.str("type", "char")
		} else {
			b.str("type", "block")
		}
		b.uint("major", uint64(f.Major))
		b.uint("minor", uint64(f.Minor))
		b.close()
	case FDInfoPidfd:
		b.int("pid", int64(f.PID))
	case FDInfoSocket:
		b.str("proto", f.Proto)
		b.uint("inode", uint64(f.Inode))
		switch f.Family {
		case afInet, afInet6:
			end := func(key string, a []byte, port uint16) {
				b.obj(key)
				if ip, ok := netip.AddrFromSlice(a); ok {
					b.str("addr", ip.String())
				}
				b.uint("port", uint64(port))
				b.close()
			}
			end("local", f.Src, f.SrcPort)
			end("peer", f.Dst, f.DstPort)
		case afUnix:
			b.obj("unix")
			p := f.Path
			if len(p) > 0 && p[0] == 0 {
				p = append([]byte{'@'}, p[1:]...)
			}
			b.bytes("path", p)
			b.uint("peer", uint64(f.Peer))
			b.close()
		case afNetlink:
			b.obj("netlink")
			b.uint("protocol", uint64(f.NetlinkProto))
			b.uint("portid", uint64(f.PortID))
			b.close()
		}
	}
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

// jsonBuf builds one JSON object; first says no member was written yet at
// the current level.
type jsonBuf struct {
	b     []byte
	first bool
}

func (b *jsonBuf) reset() { b.b, b.first = b.b[:0], true }
func (b *jsonBuf) open()  { b.b = append(b.b, '{'); b.first = true }
func (b *jsonBuf) close() { b.b = append(b.b, '}'); b.first = false }

// elem starts an element of an array.
func (b *jsonBuf) elem() {
	if !b.first {
		b.b = append(b.b, ',')
	}
	b.first = false
}

// key starts a member. Keys are this file's own names, argument names
// and C member names: none needs an escape.
func (b *jsonBuf) key(k string) {
	b.elem()
	b.b = append(b.b, '"')
	b.b = append(b.b, k...)
	b.b = append(b.b, '"', ':')
}

func (b *jsonBuf) str(k, v string)          { b.key(k); b.b = appendJSONString(b.b, v) }
func (b *jsonBuf) bytes(k string, v []byte) { b.key(k); b.b = appendJSONString(b.b, v) }
func (b *jsonBuf) int(k string, v int64)    { b.key(k); b.b = strconv.AppendInt(b.b, v, 10) }
func (b *jsonBuf) uint(k string, v uint64) {
	b.key(k)
	b.b = strconv.AppendUint(b.b, v, 10)
}
func (b *jsonBuf) bool(k string, v bool) { b.key(k); b.b = strconv.AppendBool(b.b, v) }
func (b *jsonBuf) obj(k string)          { b.key(k); b.open() }
func (b *jsonBuf) arr(k string)          { b.key(k); b.b = append(b.b, '['); b.first = true }
func (b *jsonBuf) endArr()               { b.b = append(b.b, ']'); b.first = false }
func (b *jsonBuf) elemStr(v string)      { b.elem(); b.b = appendJSONString(b.b, v) }
func (b *jsonBuf) elemBytes(v []byte)    { b.elem(); b.b = appendJSONString(b.b, v) }

// appendJSONString appends s as a JSON string. Bytes that are not UTF-8
// become U+FFFD, as encoding/json makes them: the exact bytes are in the
// strace text beside it.
func appendJSONString[T string | []byte](dst []byte, s T) []byte {
	const hexDigits = "0123456789abcdef"
	dst = append(dst, '"')
	for i := 0; i < len(s); {
		// A run of bytes that need no escape, appended at once.
		k := i
		for k < len(s) && s[k] >= 0x20 && s[k] < 0x7f && s[k] != '"' && s[k] != '\\' {
			k++
		}
		if k > i {
			dst = append(dst, s[i:k]...)
			if i = k; i == len(s) {
				break
			}
		}
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				dst = append(dst, '\\', c)
			case c == '\n':
				dst = append(dst, '\\', 'n')
			case c == '\r':
				dst = append(dst, '\\', 'r')
			case c == '\t':
				dst = append(dst, '\\', 't')
			case c < 0x20 || c == 0x7f:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			default:
				dst = append(dst, c)
			}
			i++
			continue
		}
		var r rune
		var n int
		switch v := any(s).(type) {
		case string:
			r, n = utf8.DecodeRuneInString(v[i:])
		case []byte:
			r, n = utf8.DecodeRune(v[i:])
		}
		if r == utf8.RuneError && n == 1 {
			dst = append(dst, `\ufffd`...)
		} else if r == '\u2028' || r == '\u2029' {
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
		} else {
			dst = append(dst, string(s[i:i+n])...)
		}
		i += n
	}
	return append(dst, '"')
}
