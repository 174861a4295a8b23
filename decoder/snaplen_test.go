package decoder

import (
	"bytes"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/stracedump/stracedump/pcapng"
)

// capturedLen is captured with a capture length: the tracer decodes live
// with CaptureOptions(n).
func capturedLen(rec *pcapng.Record, src Source, n int) *pcapng.Record {
	d := New(CaptureOptions(n))
	d.Capture(rec, NewRecorder(rec, false, src), false)
	d.Capture(rec, NewRecorder(rec, true, src), true)
	return rec
}

// ioStream is a capture of the calls that move data, taken with the
// capture record capRec and capture length n: the calls of strace's own
// lines in dumpStrace.
func ioStream(t *testing.T, capRec *pcapng.Record, n int) []*pcapng.Record {
	f := newFake()
	x300 := bytes.Repeat([]byte("x"), 300)
	recs := []*pcapng.Record{capRec,
		capturedLen(call(t, "write", 12, 1, f.bytes(0x1000, []byte("hello\tworld\n")), 12), f, n),
		capturedLen(call(t, "writev", 38, 1, f.words(0x2000, f.bytes(0x2100, []byte("ab")), 2,
			f.bytes(0x2200, []byte("cdefghijklmnopqrstuvwxyz0123456789")), 34, 0x2300, 0, f.bytes(0x2400, []byte("zz")), 2), 4), f, n),
		capturedLen(call(t, "readv", 7, 5, f.words(0x3000, f.bytes(0x3100, []byte("\x00\x01\xff")), 3,
			f.bytes(0x3200, []byte(" abc\x00\x00\x00\x00\x00\x00")), 10), 2), f, n),
		capturedLen(call(t, "write", errEBADF, 99, f.bytes(0x4000, []byte("bad")), 3), f, n),
		capturedLen(call(t, "read", errEBADF, 98, 0x4100, 10), f, n),
		capturedLen(call(t, "sendto", 300, 3, f.bytes(0x5000, x300), 300, 0, 0, 0), f, n),
	}
	return recs
}

// dumpStrace is what strace 6.1 printed for the calls of ioStream
// (strace -e write=all -e read=all, x86_64; the result column as without
// -f), a read that failed added.
const dumpStrace = `write(1, "hello\tworld\n", 12)          = 12
 | 00000  68 65 6c 6c 6f 09 77 6f  72 6c 64 0a              hello.world.     |
writev(1, [{iov_base="ab", iov_len=2}, {iov_base="cdefghijklmnopqrstuvwxyz01234567"..., iov_len=34}, {iov_base="", iov_len=0}, {iov_base="zz", iov_len=2}], 4) = 38
 * 2 bytes in buffer 0
 | 00000  61 62                                             ab               |
 * 34 bytes in buffer 1
 | 00000  63 64 65 66 67 68 69 6a  6b 6c 6d 6e 6f 70 71 72  cdefghijklmnopqr |
 | 00010  73 74 75 76 77 78 79 7a  30 31 32 33 34 35 36 37  stuvwxyz01234567 |
 | 00020  38 39                                             89               |
readv(5, [{iov_base="\0\1\377", iov_len=3}, {iov_base=" abc", iov_len=10}], 2) = 7
 * 3 bytes in buffer 0
 | 00000  00 01 ff                                          ...              |
 * 4 bytes in buffer 1
 | 00000  20 61 62 63                                        abc             |
write(99, "bad", 3)                     = -1 EBADF (Bad file descriptor)
 | 00000  62 61 64                                          bad              |
read(98, 0x4100, 10)                    = -1 EBADF (Bad file descriptor)
`

func printStream(t *testing.T, opts Options, recs []*pcapng.Record) string {
	t.Helper()
	opts.Prefix = PrefixNone
	var b bytes.Buffer
	p := NewPrinter(&b, New(opts))
	for _, r := range recs {
		if err := p.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestDumpsAsStrace: -e read=all -e write=all print strace's hex dumps.
func TestDumpsAsStrace(t *testing.T) {
	all := func(int32) bool { return true }
	opts := DefaultOptions()
	opts.DumpRead, opts.DumpWrite = all, all
	recs := ioStream(t, &pcapng.Record{Kind: pcapng.KindCapture, Args: [6]uint64{32, 256}}, 256)
	got := printStream(t, opts, recs[:len(recs)-1])
	if got != dumpStrace {
		t.Errorf("got\n%s\nwant (strace 6.1)\n%s", got, dumpStrace)
	}
	// Only the descriptors of the sets.
	opts.DumpRead = func(fd int32) bool { return fd == 5 }
	opts.DumpWrite = nil
	got = printStream(t, opts, recs[:len(recs)-1])
	if strings.Count(got, " | ") != 2 || !strings.Contains(got, " * 4 bytes in buffer 1\n") {
		t.Errorf("-e read=5 dumped other calls:\n%s", got)
	}
}

// TestSnaplenGolden: a capture keeps its capture length of each buffer,
// whatever -s it was taken with; decoding shows min(-s, capture length)
// with strace's "..." when the call moved more, and dumps show what the
// capture holds.
func TestSnaplenGolden(t *testing.T) {
	all := func(int32) bool { return true }
	var out strings.Builder
	for _, tc := range []struct {
		name   string
		caplen int
		s      int
		dump   bool
	}{
		{"caplen 256, default -s", 256, 32, false},
		{"caplen 256, -s 256", 256, 256, false},
		{"caplen 256, -s 1024", 256, 1024, false},
		{"caplen 1024, -s 1024", 1024, 1024, false},
		{"caplen 256, -e read=all -e write=all", 256, 32, true},
	} {
		opts := DefaultOptions()
		opts.StringLimit = tc.s
		if tc.dump {
			opts.DumpRead, opts.DumpWrite = all, all
		}
		recs := ioStream(t, &pcapng.Record{Kind: pcapng.KindCapture, Args: [6]uint64{32, uint64(tc.caplen)}}, tc.caplen)
		out.WriteString("== " + tc.name + "\n" + printStream(t, opts, recs))
	}
	const path = "testdata/snaplen.golden"
	if *update {
		if err := os.WriteFile(path, []byte(out.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if out.String() != string(want) {
		t.Errorf("differs from %s (go test -run TestSnaplenGolden -update):\n%s", path, out.String())
	}
}

// TestOldCaptureLength: a capture from before the capture length (Args[1]
// zero) holds its -s of each buffer and decodes as it did, whatever -s a
// decode asks for; a new capture with the same bytes decodes the same.
func TestOldCaptureLength(t *testing.T) {
	old := ioStream(t, &pcapng.Record{Kind: pcapng.KindCapture, Args: [6]uint64{32}}, 32)
	if n := old[0].CaptureLength(); n != 32 {
		t.Fatalf("an old capture's length is %d, want its -s, 32", n)
	}
	for _, s := range []int{8, 32, 256} {
		opts := DefaultOptions()
		opts.StringLimit = s
		got := printStream(t, opts, old)
		newer := printStream(t, opts, ioStream(t, &pcapng.Record{Kind: pcapng.KindCapture, Args: [6]uint64{32, 32}}, 32))
		if got != newer {
			t.Errorf("-s %d: an old capture decodes as\n%s\nand a new one of the same length as\n%s", s, got, newer)
		}
		if s >= 32 && strings.Contains(got, strings.Repeat("x", 33)) {
			t.Errorf("-s %d shows more than an old capture's 32 bytes:\n%s", s, got)
		}
	}
	// A default decode of a 256-byte capture prints what a 32-byte one
	// prints: only -s shows more.
	def := DefaultOptions()
	if a, b := printStream(t, def, old), printStream(t, def, ioStream(t, &pcapng.Record{Kind: pcapng.KindCapture, Args: [6]uint64{32, 256}}, 256)); a != b {
		t.Errorf("default decode differs with the capture length:\n%s\nvs\n%s", a, b)
	}
}

// FuzzDumps: -e read=all -e write=all never panic on any record, whatever
// its sections claim (iovec counts, lengths, arches).
func FuzzDumps(f *testing.F) {
	f.Add(uint32(AuditArchX86_64), int64(20), uint64(0x2000), uint64(2), int64(5), []byte("abcdefgh"))
	f.Add(uint32(AuditArchI386), int64(4), uint64(0x1000), uint64(3), int64(-9), []byte("xyz"))
	f.Fuzz(func(t *testing.T, arch uint32, nr int64, a1, a2 uint64, ret int64, data []byte) {
		rec := &pcapng.Record{Kind: pcapng.KindSyscall, Arch: arch, Nr: nr, Ret: ret, Args: [6]uint64{1, a1, a2}}
		for i, key := range []uint64{a1, a1 &^ 7, uint64(len(data))} {
			rec.Sections = append(rec.Sections, pcapng.Section{Type: pcapng.SecMem, Flags: uint16(i & 1), Key: key, Data: data})
		}
		all := func(int32) bool { return true }
		o := DefaultOptions()
		o.DumpRead, o.DumpWrite, o.Prefix = all, all, PrefixNone
		p := NewPrinter(io.Discard, New(o))
		_ = p.Write(rec)
		_ = p.Close()
	})
}

// TestSocketCaptureLength: the data of a call on a socket keeps the socket
// capture length, that of a file the capture length; decoding shows each
// up to its own, and a capture without a socket length (Args[2] zero) uses
// the capture length for both.
func TestSocketCaptureLength(t *testing.T) {
	x300 := bytes.Repeat([]byte("x"), 300)
	o := CaptureOptions(256)
	o.SocketCaptureLength = 65536
	d := New(o)
	capture := func(rec *pcapng.Record, f *fakeTracee) *pcapng.Record {
		d.Capture(rec, NewRecorder(rec, false, f), false)
		d.Capture(rec, NewRecorder(rec, true, f), true)
		return rec
	}
	f := newFake()
	f.fds[3], f.fds[4] = "socket:[1234]", "/tmp/file"
	sock := capture(call(t, "sendto", 300, 3, f.bytes(0x5000, x300), 300, 0, 0, 0), f)
	file := capture(call(t, "write", 300, 4, f.bytes(0x6000, x300), 300), f)
	// Exit-phase reads decide on the entry's fd path: recvfrom's data.
	recv := capture(call(t, "recvfrom", 300, 3, f.bytes(0x7000, x300), 1000, 0, 0, 0), f)
	opts := DefaultOptions()
	opts.StringLimit = 1024
	for _, tc := range []struct {
		args [6]uint64
		want []int // bytes shown of sock, file, recv
	}{
		{[6]uint64{32, 256, 65536}, []int{300, 256, 300}},
		{[6]uint64{32, 256}, []int{256, 256, 256}},
	} {
		got := printStream(t, opts, []*pcapng.Record{{Kind: pcapng.KindCapture, Args: tc.args}, sock, file, recv})
		lines := strings.Split(strings.TrimSpace(got), "\n")
		for i, n := range tc.want {
			if c := strings.Count(lines[i], "x"); c != n {
				t.Errorf("capture record %v, line %d shows %d bytes, want %d:\n%s", tc.args[:3], i, c, n, lines[i])
			}
		}
	}
	// strace's 32 unless -s asks for more.
	if got := printStream(t, DefaultOptions(), []*pcapng.Record{{Kind: pcapng.KindCapture, Args: [6]uint64{32, 256, 65536}}, sock}); strings.Count(got, "x") != 32 {
		t.Errorf("default decode of socket data: %s", got)
	}
}
