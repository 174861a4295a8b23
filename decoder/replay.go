package decoder

import (
	"bytes"
	"encoding/binary"

	"github.com/stracedump/stracedump/pcapng"
)

// Source is the live tracee as the tracer reads it.
type Source interface {
	// ReadAt reads at addr into p; at an unmapped page it returns the
	// count read so far, as process_vm_readv does.
	ReadAt(addr uint64, p []byte) (int, error)
	// FDPath returns the target of /proc/PID/fd/N.
	FDPath(fd int32) (string, error)
	// FDInfo returns what strace -yy adds to the path of fd, whose
	// /proc/PID/fd/N target is path, in the layout of FDInfo.AppendTo;
	// nil when there is nothing to add.
	FDInfo(fd int32, path string) ([]byte, error)
	// Regs returns the instruction and stack pointers at the stop.
	Regs() (ip, sp uint64, err error)
	// IfName returns the name of network interface index in the
	// tracer's network namespace, where strace looks it up too.
	IfName(index uint32) (string, error)
}

// recorder is the live Memory: it reads src and appends every read to rec
// as a section of the phase being decoded, so that Replay can answer the
// same reads later.
type recorder struct {
	rec  *pcapng.Record
	exit bool
	src  Source
	// seen lists the reads recorded in this phase. A call makes a few, so
	// a scan is cheaper than a map, which cost an allocation every stop.
	// Past seenScan reads (an argv of thousands of strings), the scans
	// would make the phase quadratic: index then holds them all.
	seen  []recKey
	buf   [8]recKey
	index map[recKey]struct{}
	// arena holds the bytes of the sections recorded since the last
	// resetArena. A Capturer keeps it from call to call, so that in the
	// steady state the tracer's reads allocate nothing.
	arena []byte
}

type recKey struct {
	typ  pcapng.SectionType
	addr uint64
	n    int
	str  bool
}

// NewRecorder returns the live Memory for one phase of rec.
func NewRecorder(rec *pcapng.Record, exit bool, src Source) Memory {
	r := &recorder{}
	r.reset(rec, exit, src)
	return r
}

// reset readies r for one phase of rec.
func (r *recorder) reset(rec *pcapng.Record, exit bool, src Source) {
	r.rec, r.exit, r.src = rec, exit, src
	// A phase that read more than buf holds grew seen on the heap: keep
	// that for the next phase (an execve reads every argv and envp string).
	if cap(r.seen) > len(r.buf) {
		r.seen = r.seen[:0]
	} else {
		r.seen = r.buf[:0]
	}
	clear(r.index)
}

// seenScan is how many reads a phase looks through before it indexes them.
const seenScan = 64

// resetArena lets the arena's bytes be reused: the sections recorded
// before must no longer be needed.
func (r *recorder) resetArena() { r.arena = r.arena[:0] }

// alloc returns n bytes of the arena. When it is full a larger one takes
// its place; the old one stays with the sections that point into it.
func (r *recorder) alloc(n int) []byte {
	if cap(r.arena)-len(r.arena) < n {
		r.arena = make([]byte, 0, max(2*cap(r.arena), n, 4096))
	}
	start := len(r.arena)
	r.arena = r.arena[:start+n]
	return r.arena[start : start+n : start+n]
}

// shrink gives back the end of the last alloc, keeping its first n bytes.
func (r *recorder) shrink(p []byte, n int) []byte {
	r.arena = r.arena[:len(r.arena)-len(p)+n]
	return p[:n:n]
}

func (r *recorder) flags() uint16 {
	if r.exit {
		return pcapng.SecFlagExit
	}
	return 0
}

func (r *recorder) add(k recKey, flags uint16, data []byte) {
	if len(r.seen) < seenScan {
		for _, s := range r.seen {
			if s == k {
				return
			}
		}
	} else {
		if len(r.index) == 0 {
			if r.index == nil {
				r.index = make(map[recKey]struct{}, 2*seenScan)
			}
			for _, s := range r.seen {
				r.index[s] = struct{}{}
			}
		}
		if _, ok := r.index[k]; ok {
			return
		}
		r.index[k] = struct{}{}
	}
	r.seen = append(r.seen, k)
	r.rec.Sections = append(r.rec.Sections, pcapng.Section{Type: k.typ, Flags: r.flags() | flags, Key: k.addr, Data: data})
}

func (r *recorder) Read(addr uint64, n int) ([]byte, error) {
	if n < 0 {
		return nil, ErrFault
	}
	p := r.alloc(n)
	got, _ := r.src.ReadAt(addr, p)
	if got < 0 {
		got = 0
	}
	if got > n {
		got = n
	}
	if got < n {
		r.add(recKey{pcapng.SecMem, addr, n, false}, pcapng.SecFlagFault, r.shrink(p, got))
		return nil, ErrFault
	}
	r.add(recKey{pcapng.SecMem, addr, n, false}, 0, p)
	return p, nil
}

func (r *recorder) ReadString(addr uint64, max int) ([]byte, bool, error) {
	if max < 0 {
		max = 0
	}
	// Read page by page so that a string ending just before an unmapped
	// page is still read whole. The pages land one after the other in
	// space reserved for the longest string; what is not used is given
	// back.
	buf := r.alloc(max)
	out := 0
	const page = 4096
	for out < max {
		chunk := page - int((addr+uint64(out))%page)
		if chunk > max-out {
			chunk = max - out
		}
		p := buf[out : out+chunk]
		got, _ := r.src.ReadAt(addr+uint64(out), p)
		if got < 0 {
			got = 0
		}
		if got > chunk {
			got = chunk
		}
		if i := bytes.IndexByte(p[:got], 0); i >= 0 {
			s := r.shrink(buf, out+i)
			r.add(recKey{pcapng.SecMem, addr, max, true}, pcapng.SecFlagString|pcapng.SecFlagTerminated, s)
			return s, true, nil
		}
		out += got
		if got < chunk {
			s := r.shrink(buf, out)
			r.add(recKey{pcapng.SecMem, addr, max, true}, pcapng.SecFlagString|pcapng.SecFlagFault, s)
			return s, false, ErrFault
		}
	}
	r.add(recKey{pcapng.SecMem, addr, max, true}, pcapng.SecFlagString, buf)
	return buf, false, nil
}

func (r *recorder) FDPath(fd int32) (string, bool) {
	p, err := r.src.FDPath(fd)
	if err != nil {
		return "", false
	}
	b := r.alloc(len(p))
	copy(b, p)
	r.add(recKey{pcapng.SecFDPath, uint64(uint32(fd)), 0, false}, 0, b)
	return p, true
}

func (r *recorder) FDInfo(fd int32, path string) ([]byte, bool) {
	d, err := r.src.FDInfo(fd, path)
	if err != nil || len(d) == 0 {
		return nil, false
	}
	b := r.alloc(len(d))
	copy(b, d)
	r.add(recKey{pcapng.SecFDInfo, uint64(uint32(fd)), 0, false}, 0, b)
	return b, true
}

func (r *recorder) Regs() (ip, sp uint64, ok bool) {
	ip, sp, err := r.src.Regs()
	if err != nil {
		return 0, 0, false
	}
	b := r.alloc(16)
	binary.LittleEndian.PutUint64(b, ip)
	binary.LittleEndian.PutUint64(b[8:], sp)
	r.add(recKey{typ: pcapng.SecRegs}, 0, b)
	return ip, sp, true
}

func (r *recorder) IfName(index uint32) (string, bool) {
	name, err := r.src.IfName(index)
	if err != nil || name == "" {
		return "", false
	}
	b := r.alloc(len(name))
	copy(b, name)
	r.add(recKey{pcapng.SecIfName, uint64(index), 0, false}, 0, b)
	return name, true
}

// replay answers reads from the sections of one phase of a record.
type replay struct {
	rec  *pcapng.Record
	exit bool
}

// NewReplay returns a Memory answering from rec's sections of one phase. A
// read the record does not hold fails with ErrNotCaptured, which renders as
// strace renders an unreadable address.
func NewReplay(rec *pcapng.Record, exit bool) Memory { return &replay{rec: rec, exit: exit} }

func (r *replay) phase(s *pcapng.Section) bool {
	return (s.Flags&pcapng.SecFlagExit != 0) == r.exit
}

func (r *replay) Read(addr uint64, n int) ([]byte, error) {
	if n < 0 {
		return nil, ErrFault
	}
	var fault bool
	for i := range r.rec.Sections {
		s := &r.rec.Sections[i]
		if s.Type != pcapng.SecMem || !r.phase(s) || s.Flags&pcapng.SecFlagString != 0 || addr < s.Key {
			continue
		}
		off := addr - s.Key
		if off <= uint64(len(s.Data)) && uint64(len(s.Data))-off >= uint64(n) {
			return s.Data[off : off+uint64(n)], nil
		}
		// A faulted read of this very range: the tracee could not read it.
		if s.Key == addr && s.Flags&pcapng.SecFlagFault != 0 {
			fault = true
		}
	}
	if fault {
		return nil, ErrFault
	}
	return nil, ErrNotCaptured
}

func (r *replay) ReadString(addr uint64, max int) ([]byte, bool, error) {
	for i := range r.rec.Sections {
		s := &r.rec.Sections[i]
		if s.Type != pcapng.SecMem || !r.phase(s) || s.Flags&pcapng.SecFlagString == 0 || s.Key != addr {
			continue
		}
		d := s.Data
		if len(d) >= max {
			// The capture read at least as far as asked: the string is
			// longer than max whatever followed.
			return d[:max], false, nil
		}
		switch {
		case s.Flags&pcapng.SecFlagTerminated != 0:
			return d, true, nil
		case s.Flags&pcapng.SecFlagFault != 0:
			return d, false, ErrFault
		}
		// The capture stopped at its own limit, short of max: the rest
		// is unknown.
		return nil, false, ErrNotCaptured
	}
	return nil, false, ErrNotCaptured
}

func (r *replay) FDPath(fd int32) (string, bool) {
	p, ok := r.fdPath(fd)
	return string(p), ok
}

// fdPath is FDPath without making a string: the section's own bytes.
func (r *replay) fdPath(fd int32) ([]byte, bool) {
	for i := range r.rec.Sections {
		s := &r.rec.Sections[i]
		if s.Type == pcapng.SecFDPath && s.Key == uint64(uint32(fd)) && r.phase(s) {
			return s.Data, true
		}
	}
	return nil, false
}

func (r *replay) FDInfo(fd int32, _ string) ([]byte, bool) { return r.fdInfo(fd) }

// fdInfo is the data of fd's SecFDInfo section of this phase.
func (r *replay) fdInfo(fd int32) ([]byte, bool) {
	for i := range r.rec.Sections {
		s := &r.rec.Sections[i]
		if s.Type == pcapng.SecFDInfo && s.Key == uint64(uint32(fd)) && r.phase(s) {
			return s.Data, true
		}
	}
	return nil, false
}

func (r *replay) Regs() (ip, sp uint64, ok bool) {
	for i := range r.rec.Sections {
		s := &r.rec.Sections[i]
		if s.Type == pcapng.SecRegs && r.phase(s) && len(s.Data) >= 16 {
			return binary.LittleEndian.Uint64(s.Data), binary.LittleEndian.Uint64(s.Data[8:]), true
		}
	}
	return 0, 0, false
}

func (r *replay) IfName(index uint32) (string, bool) {
	for i := range r.rec.Sections {
		s := &r.rec.Sections[i]
		if s.Type == pcapng.SecIfName && s.Key == uint64(index) && r.phase(s) {
			return string(s.Data), true
		}
	}
	return "", false
}
