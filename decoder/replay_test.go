package decoder

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand"
	"sort"
	"strings"
	"testing"

	"github.com/stracedump/stracedump/pcapng"
)

// randomTracee maps a few regions of random bytes, NULs and printable
// text mixed, so every kind of argument finds something to read.
func randomTracee(rng *rand.Rand) (*fakeTracee, []uint64) {
	f := newFake()
	var addrs []uint64
	for i := 0; i < 6; i++ {
		addr := uint64(0x10000 * (i + 1))
		n := rng.Intn(300)
		b := make([]byte, n)
		for j := range b {
			switch rng.Intn(4) {
			case 0:
				b[j] = 0
			case 1:
				b[j] = byte(rng.Intn(256))
			default:
				b[j] = byte('a' + rng.Intn(26))
			}
		}
		f.regions[addr] = b
		addrs = append(addrs, addr, addr+uint64(rng.Intn(n+1)))
	}
	// An argv-like array pointing into the regions.
	f.words(0x90000, addrs[0], addrs[2], 0)
	addrs = append(addrs, 0x90000)
	f.fds[3] = "/etc/passwd"
	// Fds that -yy shows more of: a connected TCP socket, a device, a
	// named unix socket, a pidfd.
	f.fds[4], f.fds[5], f.fds[6], f.fds[7] = "socket:[4004]", "/dev/null", "socket:[6006]", "anon_inode:[pidfd]"
	f.infos = map[int32]FDInfo{
		4: {Kind: FDInfoSocket, Proto: "TCP", Inode: 4004, Family: afInet, Src: []byte{127, 0, 0, 1}, SrcPort: 4000, Dst: []byte{127, 0, 0, 1}, DstPort: 80},
		5: {Kind: FDInfoChar, Major: 1, Minor: 3},
		6: {Kind: FDInfoSocket, Proto: "UNIX-STREAM", Inode: 6006, Family: afUnix, Peer: 6007, Path: []byte("/run/s")},
		7: {Kind: FDInfoPidfd, PID: 77},
	}
	return f, addrs
}

func randomArg(rng *rand.Rand, addrs []uint64) uint64 {
	switch rng.Intn(6) {
	case 0:
		return 0
	case 1, 2:
		return addrs[rng.Intn(len(addrs))]
	case 3:
		return uint64(rng.Intn(40))
	case 4:
		return uint64(0xffffffffffffff9c) // AT_FDCWD, -100
	}
	return rng.Uint64()
}

// TestReplayEqualsLive: for every description on every arch, decoding a
// capture gives exactly the text that decoding the live tracee gives,
// whatever the decode options (with -s no larger than the capture's).
func TestReplayEqualsLive(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	optSets := []Options{
		DefaultOptions(),
		{StringLimit: 5},
		{StringLimit: 32, Verbose: true, DecodeFDs: 1},
		{StringLimit: 1, DecodeFDs: 2},
	}
	names := make([]string, 0, len(descriptions()))
	for n := range descriptions() {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, arch := range Arches() {
		for _, name := range names {
			nr, ok := arch.SyscallNumber(name)
			if !ok {
				continue
			}
			for i := 0; i < 40; i++ {
				src, addrs := randomTracee(rng)
				rec := &pcapng.Record{Kind: pcapng.KindSyscall, Arch: arch.Audit, PID: 1, TID: 1, Nr: nr}
				for j := range rec.Args {
					rec.Args[j] = randomArg(rng, addrs)
				}
				switch rng.Intn(3) {
				case 0:
					rec.Ret = -int64(1 + rng.Intn(130))
				case 1:
					rec.Ret = int64(rng.Intn(300))
				default:
					rec.Ret = int64(randomArg(rng, addrs))
				}
				captured(rec, src)
				for _, o := range optSets {
					d := New(o)
					live := &pcapng.Record{}
					*live = *rec
					live.Sections = nil
					lp := d.partsWith(live, NewRecorder(live, false, src), NewRecorder(live, true, src), 0)
					rp := d.syscallParts(rec, 32)
					if lp != rp {
						t.Fatalf("%s %s %+v args %#x ret %d:\nlive   %s%s %s\nreplay %s%s %s",
							arch.Name, name, o, rec.Args, rec.Ret, lp.entry, lp.exit, lp.ret, rp.entry, rp.exit, rp.ret)
					}
				}
			}
		}
	}
}

// TestReplayMissing: a read the capture does not hold prints as the bare
// address, as strace prints an address it cannot read.
func TestReplayMissing(t *testing.T) {
	rec := call(t, "openat", 3, uint64(0xffffffffffffff9c), 0x1000, 0)
	if got, want := New(DefaultOptions()).Line(rec), "openat(AT_FDCWD, 0x1000, O_RDONLY)      = 3"; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// TestCaptureLimit: decoding with -s 100 a capture taken with -s 5 still
// marks the cut strings, since the capture's limit wins.
func TestCaptureLimit(t *testing.T) {
	f := newFake()
	rec := call(t, "write", 40, 1, f.bytes(0x2000, []byte("0123456789012345678901234567890123456789")), 40)
	d := New(CaptureOptions(5))
	d.Capture(rec, NewRecorder(rec, false, f), false)
	d.Capture(rec, NewRecorder(rec, true, f), true)
	out := printAll(t, Options{StringLimit: 100, Prefix: PrefixNone},
		[]*pcapng.Record{{Kind: pcapng.KindCapture, Args: [6]uint64{5}}, rec})
	if want := "write(1, \"01234\"..., 40)                = 40\n"; out != want {
		t.Errorf("got  %q\nwant %q", out, want)
	}
}

// TestRecorderOnce: the same read in one phase is recorded once.
func TestRecorderOnce(t *testing.T) {
	f := newFake()
	f.str(0x1000, "abc")
	rec := &pcapng.Record{}
	m := NewRecorder(rec, false, f)
	for i := 0; i < 3; i++ {
		if s, term, err := m.ReadString(0x1000, 33); string(s) != "abc" || !term || err != nil {
			t.Fatalf("ReadString = %q, %v, %v", s, term, err)
		}
	}
	if len(rec.Sections) != 1 {
		t.Errorf("%d sections, want 1", len(rec.Sections))
	}
	s := rec.Sections[0]
	if s.Flags != pcapng.SecFlagString|pcapng.SecFlagTerminated || s.Key != 0x1000 {
		t.Errorf("section %+v", s)
	}
}

func FuzzLine(f *testing.F) {
	f.Add(uint16(1), uint16(0), uint32(AuditArchX86_64), int64(257), uint64(0x1000), uint64(0x2000), int64(3), []byte("abc"), uint16(0))
	f.Add(uint16(3), uint16(0), uint32(AuditArchAarch64), int64(17), uint64(0), uint64(0), int64(0), make([]byte, 128), uint16(3))
	f.Fuzz(func(t *testing.T, kind, flags uint16, arch uint32, nr int64, a0, a1 uint64, ret int64, data []byte, stype uint16) {
		rec := &pcapng.Record{Kind: pcapng.Kind(kind % 8), Flags: flags, Arch: arch, Nr: nr, Ret: ret,
			Args: [6]uint64{a0, a1, a0 ^ a1, uint64(len(data)), a1 >> 3, a0 + 1}}
		for i := 0; i < 3; i++ {
			rec.Sections = append(rec.Sections, pcapng.Section{Type: pcapng.SectionType(stype%10 + uint16(i)), Flags: uint16(i) ^ flags, Key: [3]uint64{a0, a1, 0}[i], Data: data})
		}
		for _, o := range []Options{DefaultOptions(), {StringLimit: 3, Verbose: true, DecodeFDs: 1}} {
			_ = New(o).Line(rec)
			// The JSON writer reads the same record further (strings,
			// structure members, siginfo, fd details): one valid object.
			var out bytes.Buffer
			w := NewJSONWriter(&out, New(o))
			if err := w.Write(rec); err != nil {
				t.Fatal(err)
			}
			for _, line := range bytes.Split(bytes.TrimSuffix(out.Bytes(), []byte{'\n'}), []byte{'\n'}) {
				if !json.Valid(line) {
					t.Fatalf("not JSON: %s", line)
				}
			}
		}
	})
}

// TestNoPanicEverySyscall renders every known number of every arch from an
// empty record: nothing captured, every read fails.
func TestNoPanicEverySyscall(t *testing.T) {
	for _, a := range Arches() {
		for n, name := range a.Syscalls {
			if name == "" {
				continue
			}
			nr := int64(n)
			for _, ret := range []int64{0, -2, 5} {
				rec := &pcapng.Record{Kind: pcapng.KindSyscall, Arch: a.Audit, Nr: nr, Ret: ret, Args: [6]uint64{1, 0x1000, 2, 0x2000, 3, 4}}
				if New(DefaultOptions()).Line(rec) == "" {
					t.Errorf("%s %d: empty line", a.Name, nr)
				}
			}
		}
	}
}

// TestRecorderManyReads: an argv of thousands of strings, some pointers
// repeated, is recorded with each read once (past the reads a phase scans
// it indexes them), and replays to the live text.
func TestRecorderManyReads(t *testing.T) {
	f := newFake()
	const n = 3000
	const base = 0x100000
	var strs []byte
	ptrs := make([]uint64, n+1) // NULL-terminated
	for i := 0; i < n; i++ {
		ptrs[i] = base + uint64(len(strs))
		strs = append(append(strs, fmt.Sprintf("arg%d", i)...), 0)
	}
	for i := 500; i < n; i += 500 {
		ptrs[i] = ptrs[0] // the same string again
	}
	f.bytes(base, strs)
	rec := &pcapng.Record{Kind: pcapng.KindSyscall, Arch: AuditArchX86_64, PID: 100, TID: 100, Nr: nr(t, "execve")}
	rec.Args[0] = f.str(0x300000, "/bin/x")
	rec.Args[1] = f.words(0x200000, ptrs...)
	d := New(CaptureOptions(32))
	d.opts.Verbose = true
	entry, _ := d.Capture(rec, NewRecorder(rec, false, f), false)
	exit, ret := d.Capture(rec, NewRecorder(rec, true, f), true)
	live := JoinResult(entry+exit, ret)
	type key struct {
		addr  uint64
		flags uint16
	}
	seen := map[key]int{}
	for _, s := range rec.Sections {
		seen[key{s.Key, s.Flags}]++
	}
	for k, c := range seen {
		if c > 1 {
			t.Errorf("%d sections at %#x (flags %#x)", c, k.addr, k.flags)
		}
	}
	if got := New(Options{StringLimit: 32, Verbose: true}).Line(rec); got != live {
		t.Errorf("replay differs from live:\n got %.200s\nwant %.200s", got, live)
	}
	if !strings.Contains(live, `"arg2999"]`) || strings.Count(live, `"arg0"`) != n/500 {
		t.Errorf("live text lacks the array's end or its repeats: %.300s", live)
	}
}
