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
	// Regs returns the instruction and stack pointers at the stop.
	Regs() (ip, sp uint64, err error)
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
	seen []recKey
	buf  [8]recKey
}

type recKey struct {
	typ  pcapng.SectionType
	addr uint64
	n    int
	str  bool
}

// NewRecorder returns the live Memory for one phase of rec.
func NewRecorder(rec *pcapng.Record, exit bool, src Source) Memory {
	r := &recorder{rec: rec, exit: exit, src: src}
	r.seen = r.buf[:0]
	return r
}

func (r *recorder) flags() uint16 {
	if r.exit {
		return pcapng.SecFlagExit
	}
	return 0
}

func (r *recorder) add(k recKey, flags uint16, data []byte) {
	for _, s := range r.seen {
		if s == k {
			return
		}
	}
	r.seen = append(r.seen, k)
	r.rec.Sections = append(r.rec.Sections, pcapng.Section{Type: k.typ, Flags: r.flags() | flags, Key: k.addr, Data: data})
}

func (r *recorder) Read(addr uint64, n int) ([]byte, error) {
	if n < 0 {
		return nil, ErrFault
	}
	p := make([]byte, n)
	got, _ := r.src.ReadAt(addr, p)
	if got < 0 {
		got = 0
	}
	if got > n {
		got = n
	}
	if got < n {
		r.add(recKey{pcapng.SecMem, addr, n, false}, pcapng.SecFlagFault, p[:got])
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
	// page is still read whole.
	var out []byte
	const page = 4096
	for len(out) < max {
		chunk := page - int((addr+uint64(len(out)))%page)
		if chunk > max-len(out) {
			chunk = max - len(out)
		}
		p := make([]byte, chunk)
		got, _ := r.src.ReadAt(addr+uint64(len(out)), p)
		if got < 0 {
			got = 0
		}
		if got > chunk {
			got = chunk
		}
		if i := bytes.IndexByte(p[:got], 0); i >= 0 {
			out = append(out, p[:i]...)
			r.add(recKey{pcapng.SecMem, addr, max, true}, pcapng.SecFlagString|pcapng.SecFlagTerminated, out)
			return out, true, nil
		}
		out = append(out, p[:got]...)
		if got < chunk {
			r.add(recKey{pcapng.SecMem, addr, max, true}, pcapng.SecFlagString|pcapng.SecFlagFault, out)
			return out, false, ErrFault
		}
	}
	r.add(recKey{pcapng.SecMem, addr, max, true}, pcapng.SecFlagString, out)
	return out, false, nil
}

func (r *recorder) FDPath(fd int32) (string, bool) {
	p, err := r.src.FDPath(fd)
	if err != nil {
		return "", false
	}
	r.add(recKey{pcapng.SecFDPath, uint64(uint32(fd)), 0, false}, 0, []byte(p))
	return p, true
}

func (r *recorder) Regs() (ip, sp uint64, ok bool) {
	ip, sp, err := r.src.Regs()
	if err != nil {
		return 0, 0, false
	}
	b := binary.LittleEndian.AppendUint64(binary.LittleEndian.AppendUint64(make([]byte, 0, 16), ip), sp)
	r.add(recKey{typ: pcapng.SecRegs}, 0, b)
	return ip, sp, true
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

func (r *replay) Regs() (ip, sp uint64, ok bool) {
	for i := range r.rec.Sections {
		s := &r.rec.Sections[i]
		if s.Type == pcapng.SecRegs && r.phase(s) && len(s.Data) >= 16 {
			return binary.LittleEndian.Uint64(s.Data), binary.LittleEndian.Uint64(s.Data[8:]), true
		}
	}
	return 0, 0, false
}
