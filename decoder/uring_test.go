package decoder

import (
	"encoding/binary"
	"errors"
	"strings"
	"testing"

	"github.com/stracedump/stracedump/pcapng"
)

// uringFake is a tracee with one io_uring ring, fd 3, set up as
// io_uring_setup and its three mmaps leave it on a 6.18 kernel.
type uringFake struct {
	*fakeTracee
	tracker UringTracker
}

func (u *uringFake) Uring(key uint64) ([]byte, error) {
	if d, ok := u.tracker.Ring(key, 100); ok {
		return d, nil
	}
	return nil, errors.New("no ring")
}

const (
	fakeSQRing = 0x10000
	fakeCQRing = 0x20000
	fakeSQEs   = 0x30000
)

func sqe(op, flags uint8, fd int32, off, addr uint64, n uint32, userData uint64) []byte {
	b := make([]byte, 64)
	b[0], b[1] = op, flags
	binary.LittleEndian.PutUint32(b[4:], uint32(fd))
	binary.LittleEndian.PutUint64(b[8:], off)
	binary.LittleEndian.PutUint64(b[16:], addr)
	binary.LittleEndian.PutUint32(b[24:], n)
	binary.LittleEndian.PutUint64(b[32:], userData)
	return b
}

// newUringFake makes the ring through the tracker, from the records of
// the calls that set it up, as the tracer does; then fills it with
// sqes (from the head, 0) and cqes (user_data, res, flags triples).
func newUringFake(t *testing.T, sqes [][]byte, cqes ...uint64) *uringFake {
	u := &uringFake{fakeTracee: newFake()}
	u.fds[3], u.fds[4], u.fds[5] = "anon_inode:[io_uring]", "/etc/passwd", "pipe:[7]"
	p := u.bytes(0x7ffd0000, uringParams([10]uint32{8, 16, 0, 0, 0, 0x3ffff}, uringSQOff, uringCQOff))
	u.tracker.Observe(captured(call(t, "io_uring_setup", 3, 8, p), u))
	for _, m := range [][2]uint64{{fakeSQRing, 0}, {fakeCQRing, 0x8000000}, {fakeSQEs, 0x10000000}} {
		u.tracker.Observe(captured(call(t, "mmap", int64(m[0]), 0, 4096, 3, 0x8001, 3, m[1]), u))
	}
	sq := make([]byte, 352)
	binary.LittleEndian.PutUint32(sq[4:], uint32(len(sqes))) // tail
	for i := range sqes {
		binary.LittleEndian.PutUint32(sq[320+4*i:], uint32(i))
	}
	u.regions[fakeSQRing] = sq
	entries := make([]byte, 512)
	for i, e := range sqes {
		copy(entries[64*i:], e)
	}
	u.regions[fakeSQEs] = entries
	cq := make([]byte, 320)
	binary.LittleEndian.PutUint32(cq[12:], uint32(len(cqes)/3)) // tail
	for i := 0; i+2 < len(cqes); i += 3 {
		o := 64 + 16*(i/3)
		binary.LittleEndian.PutUint64(cq[o:], cqes[i])
		binary.LittleEndian.PutUint32(cq[o+8:], uint32(cqes[i+1]))
		binary.LittleEndian.PutUint32(cq[o+12:], uint32(cqes[i+2]))
	}
	u.regions[fakeCQRing] = cq
	u.str(0x40000, "hello world")
	return u
}

// uringLines decodes rec with --io-uring and -y, returning the comment
// lines after its call's line.
func uringLines(t *testing.T, rec *pcapng.Record) string {
	var out strings.Builder
	p := NewPrinter(&out, New(Options{StringLimit: 32, IoUring: true, DecodeFDs: 1, Prefix: PrefixNone}))
	if err := p.Write(rec); err != nil {
		t.Fatal(err)
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	_, lines, _ := strings.Cut(out.String(), "\n")
	return lines
}

// liveUringLines renders the comment lines from the live tracee, as the
// tracer's decoding sees it at the two stops.
func liveUringLines(rec *pcapng.Record, src Source) string {
	live := &pcapng.Record{}
	*live = *rec
	live.Sections = nil
	d := New(Options{StringLimit: 32, IoUring: true, DecodeFDs: 1})
	entry := NewRecorder(live, false, src)
	c := d.newCtx(live, entry, false, 0)
	c.uringText(entry, false)
	c.mem, c.exit = NewRecorder(live, true, src), true
	c.uringText(&replay{rec: live}, true)
	return c.sb.String()
}

func TestUringLines(t *testing.T) {
	for _, tc := range []struct {
		name string
		u    func(t *testing.T) *uringFake
		args []uint64
		ret  int64
		want string
	}{
		{"read_write_failed_linked", func(t *testing.T) *uringFake {
			return newUringFake(t, [][]byte{
				sqe(22, 0, 4, 0, 0x40000, 4096, 2),
				sqe(23, 4, 5, ^uint64(0), 0x40000, 5, 3),
				sqe(22, 0, 99, 0, 0x40000, 16, 4),
			}, 2, 11, 0, 3, 5, 0, 4, uint64(uint32(0xfffffff7)), 0)
		}, []uint64{3, 3, 3, 1, 0, 0}, 3,
			"# io_uring sqe: READ fd=4</etc/passwd> addr=0x40000 len=4096 off=0 user_data=0x2\n" +
				"# io_uring sqe: WRITE fd=5<pipe:[7]> addr=0x40000 buf=\"hello\" len=5 off=-1 flags=IOSQE_IO_LINK user_data=0x3\n" +
				"# io_uring sqe: READ fd=99 addr=0x40000 len=16 off=0 user_data=0x4\n" +
				"# io_uring cqe: user_data=0x2 res=11 buf=\"hello world\"\n" +
				"# io_uring cqe: user_data=0x3 res=5\n" +
				"# io_uring cqe: user_data=0x4 res=-9 EBADF (Bad file descriptor)\n"},
		// to_submit 1 of 2 pending: the one the kernel takes; a fixed
		// file, a NOP with flags, completion flags.
		{"to_submit_fixed", func(t *testing.T) *uringFake {
			return newUringFake(t, [][]byte{
				sqe(22, 1, 0, 0, 0x40000, 8, 0x10),
				sqe(0, 2, 0, 0, 0, 0, 0x11),
			}, 0x10, 8, 2)
		}, []uint64{3, 1, 1, 1, 0, 0}, 1,
			"# io_uring sqe: READ fd=#0 addr=0x40000 len=8 off=0 flags=IOSQE_FIXED_FILE user_data=0x10\n" +
				"# io_uring cqe: user_data=0x10 res=8 buf=\"hello wo\" flags=IORING_CQE_F_MORE\n"},
		// An fd the tracker does not know, a registered ring's index.
		{"unknown_ring", func(t *testing.T) *uringFake {
			return newUringFake(t, [][]byte{sqe(0, 0, 0, 0, 0, 0, 1)}, 1, 0, 0)
		}, []uint64{9, 1, 1, 1, 0, 0}, 1, ""},
		{"registered_ring", func(t *testing.T) *uringFake {
			return newUringFake(t, [][]byte{sqe(0, 0, 0, 0, 0, 0, 1)}, 1, 0, 0)
		}, []uint64{3, 1, 1, 0x11, 0, 0}, 1, ""},
		// The ring registered at index 2 (IORING_REGISTER_RING_FDS, the
		// offset as the kernel wrote it back), entered by that index.
		{"registered_ring_known", func(t *testing.T) *uringFake {
			u := newUringFake(t, [][]byte{sqe(0, 0, 0, 0, 0, 0, 1)}, 1, 0, 0)
			upd := u.bytes(0x50000, le(nil, 4, 2, 4, 0, 8, 3))
			u.tracker.Observe(captured(call(t, "io_uring_register", 1, 3, 20, upd, 1), u))
			return u
		}, []uint64{2, 1, 1, 0x11, 0, 0}, 1,
			"# io_uring sqe: NOP user_data=0x1\n# io_uring cqe: user_data=0x1 res=0\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			u := tc.u(t)
			rec := captured(call(t, "io_uring_enter", tc.ret, tc.args...), u)
			got := uringLines(t, rec)
			if got != tc.want {
				t.Errorf("decode --io-uring:\n%s\nwant:\n%s", got, tc.want)
			}
			if live := liveUringLines(rec, u); live != got {
				t.Errorf("live:\n%s\nreplay:\n%s", live, got)
			}
			// JSON: the entries as fields, by the documented schema.
			var js strings.Builder
			jw := NewJSONWriter(&js, New(Options{StringLimit: 32}))
			if err := jw.Write(rec); err != nil {
				t.Fatal(err)
			}
			if err := jw.Close(); err != nil {
				t.Fatal(err)
			}
			if tc.want != "" && !strings.Contains(js.String(), `"io_uring":{"sqes":[{`) {
				t.Errorf("JSON without the entries:\n%s", js.String())
			}
			validateLines(t, tc.name, strings.Split(strings.TrimSuffix(js.String(), "\n"), "\n"))
			// Off by default: strace's text alone.
			var out strings.Builder
			p := NewPrinter(&out, New(Options{StringLimit: 32, Prefix: PrefixNone}))
			if err := p.Write(rec); err != nil {
				t.Fatal(err)
			}
			p.Close()
			if strings.Contains(out.String(), "# io_uring") {
				t.Errorf("without IoUring:\n%s", out.String())
			}
		})
	}
}

// TestUringRingSection: the section round-trips, and a short one is
// refused.
func TestUringRingSection(t *testing.T) {
	r := UringRing{SQRing: 1, CQRing: 2, SQEs: 3}
	r.Params[0] = 8
	b := r.AppendTo(nil)
	if len(b) != 144 {
		t.Fatalf("%d bytes, want 144", len(b))
	}
	got, ok := ParseUringRing(b)
	if !ok || got != r {
		t.Errorf("parsed %+v %v", got, ok)
	}
	if _, ok := ParseUringRing(b[:143]); ok {
		t.Error("a short section parsed")
	}
}
