package decoder

import (
	"encoding/binary"
	"errors"
	"testing"

	"github.com/stracedump/stracedump/pcapng"
)

// fakeTracee is a Source over a few mapped regions, as a stopped tracee.
type fakeTracee struct {
	regions map[uint64][]byte
	fds     map[int32]string
	infos   map[int32]FDInfo // what -yy adds to an fd's path
	reads   int
	ip, sp  uint64
}

func (f *fakeTracee) Regs() (ip, sp uint64, err error) { return f.ip, f.sp, nil }

func (f *fakeTracee) IfName(index uint32) (string, error) {
	if index == 1 {
		return "lo", nil
	}
	return "", errors.New("no such interface")
}

func newFake() *fakeTracee {
	return &fakeTracee{regions: map[uint64][]byte{}, fds: map[int32]string{}}
}

func (f *fakeTracee) ReadAt(addr uint64, p []byte) (int, error) {
	f.reads++
	for base, data := range f.regions {
		if addr >= base && addr < base+uint64(len(data)) {
			n := copy(p, data[addr-base:])
			if n < len(p) {
				return n, errors.New("short read")
			}
			return n, nil
		}
	}
	return 0, errors.New("unmapped")
}

func (f *fakeTracee) FDPath(fd int32) (string, error) {
	if p, ok := f.fds[fd]; ok {
		return p, nil
	}
	return "", errors.New("no such fd")
}

func (f *fakeTracee) FDInfo(fd int32, path string) ([]byte, error) {
	if i, ok := f.infos[fd]; ok {
		return i.AppendTo(nil), nil
	}
	return nil, nil
}

// str maps a NUL-terminated string at addr.
func (f *fakeTracee) str(addr uint64, s string) uint64 {
	f.regions[addr] = append([]byte(s), 0)
	return addr
}

// bytes maps b at addr.
func (f *fakeTracee) bytes(addr uint64, b []byte) uint64 {
	f.regions[addr] = b
	return addr
}

// words maps little-endian 64-bit words at addr.
func (f *fakeTracee) words(addr uint64, ws ...uint64) uint64 {
	b := make([]byte, 8*len(ws))
	for i, w := range ws {
		binary.LittleEndian.PutUint64(b[8*i:], w)
	}
	f.regions[addr] = b
	return addr
}

// nr returns the x86_64 number of a syscall name.
func nr(t testing.TB, name string) int64 {
	a := ArchByAudit(AuditArchX86_64)
	if n, ok := a.SyscallNumber(name); ok {
		return n
	}
	t.Fatalf("no x86_64 syscall %q", name)
	return -1
}

// call builds an x86_64 syscall record.
func call(t testing.TB, name string, ret int64, args ...uint64) *pcapng.Record {
	r := &pcapng.Record{Kind: pcapng.KindSyscall, Arch: AuditArchX86_64, PID: 100, TID: 100, Nr: nr(t, name), Ret: ret}
	copy(r.Args[:], args)
	return r
}

// captured runs both capture phases of rec against src, as the tracer does.
func captured(rec *pcapng.Record, src Source) *pcapng.Record {
	before := *rec
	d := New(CaptureOptions(32))
	d.Capture(rec, NewRecorder(rec, false, src), false)
	if rec.Kind == pcapng.KindSyscall {
		d.Capture(rec, NewRecorder(rec, true, src), true)
	}
	if afterCapture != nil {
		afterCapture(&before, rec, src)
	}
	return rec
}

// afterCapture, when set, sees every record captured, with a copy of it
// from before the capture and its source, to capture it again otherwise.
var afterCapture func(before, after *pcapng.Record, src Source)
