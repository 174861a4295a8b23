package lua

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/stracedump/stracedump/decoder"
	"github.com/stracedump/stracedump/internal/testhost"
	"github.com/stracedump/stracedump/lua/workbench"
	"github.com/stracedump/stracedump/pcapng"
)

// The differential test: records made on the Go side, rendered by the Go
// decoder and by strace_render.lua under plain lua5.2 and lua5.4, must
// give the same Info line. No tshark: the Lua half is
// testdata/difffuzz.lua, one process per batch of records.
//
// Each round makes one record of every syscall number of every arch's
// table (and a few numbers past it), with random arguments, a random
// phase (an entry, a call that returned or one that failed) and memory
// read the way the tracer reads it: decoder.Capturer, the tracer's own
// reader, over a made-up tracee (fuzzTracee) whose pages hold zeros,
// small numbers, pointers, text or noise, some unmapped, with made-up fd
// paths and socket details. The same seed makes the same records.

var (
	diffRounds = flag.Int("difffuzz.rounds", 0, "rounds of the differential Lua test: one record of every syscall of every arch each (default $DIFFFUZZ_ROUNDS, else 5)")
	diffSeed   = flag.Int64("difffuzz.seed", 1, "seed of the differential Lua test's first round")
)

// diffDefaultRounds is what make test runs: a fixed count, not a time.
const diffDefaultRounds = 5

// diffBatch is the most records one Lua process renders.
const diffBatch = 20000

func diffRoundCount(t *testing.T) int {
	if *diffRounds > 0 {
		return *diffRounds
	}
	if s := os.Getenv("DIFFFUZZ_ROUNDS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			t.Fatalf("DIFFFUZZ_ROUNDS=%q: want a count of rounds", s)
		}
		return n
	}
	return diffDefaultRounds
}

// diffCase is one record with what the Go side renders for it.
type diffCase struct {
	arch  string
	name  string
	limit int
	raw   []byte // the record as a capture holds it
	want  string // the Go decoder's Info line
}

func TestRendererMatchesDecode(t *testing.T) {
	luas := map[string]string{}
	for _, l := range []string{"lua5.2", "lua5.4"} {
		luas[l] = testhost.Tool(t, l, "the renderer is checked under plain Lua against the Go decoder")
	}
	rounds := diffRoundCount(t)
	var cases []diffCase
	for r := 0; r < rounds; r++ {
		cases = append(cases, diffRound(t, *diffSeed+int64(r))...)
	}
	dir := t.TempDir()
	luaDir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range []string{"lua5.2", "lua5.4"} {
		var got []string
		for start := 0; start < len(cases); start += diffBatch {
			end := min(start+diffBatch, len(cases))
			got = append(got, diffRunLua(t, luas[l], luaDir, dir, cases[start:end])...)
		}
		diffReport(t, l, cases, got)
	}
	var netlink, entries, failed int
	for _, c := range cases {
		switch {
		case strings.Contains(c.want, "nlmsg_len="):
			netlink++
		case strings.HasSuffix(c.want, "<unfinished ...>"):
			entries++
		case strings.Contains(c.want, ") = -1 "):
			failed++
		}
	}
	t.Logf("%d records in %d rounds from seed %d, each under lua5.2 and lua5.4: %d entries, %d failed calls, %d with netlink messages",
		len(cases), rounds, *diffSeed, entries, failed, netlink)
}

// diffReport fails the test for every record whose lines differ, showing
// a few of each syscall with the record's bytes.
func diffReport(t *testing.T, lua string, cases []diffCase, got []string) {
	t.Helper()
	if len(got) != len(cases) {
		t.Fatalf("%s answered %d records of %d", lua, len(got), len(cases))
	}
	bad := map[string]int{}
	shown := 0
	for i, c := range cases {
		if got[i] == c.want {
			continue
		}
		key := c.arch + " " + c.name
		bad[key]++
		if bad[key] <= 2 && shown < 40 {
			shown++
			t.Errorf("%s, %s %s (-s %d), record %x:\n  go:  %s\n  lua: %s", lua, c.arch, c.name, c.limit, c.raw, c.want, got[i])
		}
	}
	if len(bad) == 0 {
		return
	}
	var keys []string
	for k := range bad {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&b, " %s x%d;", k, bad[k])
	}
	t.Errorf("%s differs from the Go decoder on:%s", lua, b.String())
}

// diffRunLua renders cases with one Lua process and returns its lines.
func diffRunLua(t *testing.T, lua, luaDir, dir string, cases []diffCase) []string {
	t.Helper()
	in := filepath.Join(dir, "records")
	out := filepath.Join(dir, "lines")
	var b bytes.Buffer
	for _, c := range cases {
		fmt.Fprintf(&b, "%d %d\n", c.limit, len(c.raw))
		b.Write(c.raw)
	}
	if err := os.WriteFile(in, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(lua, filepath.Join("testdata", "difffuzz.lua"), luaDir, in, out)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s testdata/difffuzz.lua: %v\n%s", lua, err, msg)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := bufio.NewReader(f)
	var lines []string
	for {
		head, err := r.ReadString('\n')
		if err != nil {
			break
		}
		n, err := strconv.Atoi(strings.TrimSuffix(head, "\n"))
		if err != nil {
			t.Fatalf("%s: bad answer header %q", lua, head)
		}
		p := make([]byte, n+1)
		if _, err := io.ReadFull(r, p); err != nil {
			t.Fatalf("%s: answer %d cut short: %v", lua, len(lines)+1, err)
		}
		lines = append(lines, string(p[:n]))
	}
	return lines
}

// diffRound makes one record of every syscall of every arch.
func diffRound(t *testing.T, seed int64) []diffCase {
	t.Helper()
	rng := rand.New(rand.NewSource(seed))
	var cases []diffCase
	for _, a := range decoder.Arches() {
		nrs := make([]int64, 0, len(a.Syscalls)+4)
		for n, name := range a.Syscalls {
			if name != "" {
				nrs = append(nrs, int64(n))
			}
		}
		// Numbers the table has no name for.
		nrs = append(nrs, int64(len(a.Syscalls)), int64(len(a.Syscalls)+rng.Intn(1000)), 0x7fffffff)
		for _, nr := range nrs {
			c, err := diffRecord(rng, a, nr, false)
			if err != nil {
				t.Fatalf("%s nr %d: %v", a.Name, nr, err)
			}
			cases = append(cases, c)
		}
		// The calls whose data is netlink messages on a netlink socket,
		// on one, their buffers at messages.
		for _, name := range []string{"send", "sendto", "recv", "recvfrom"} {
			nr, ok := a.SyscallNumber(name)
			for i := 0; ok && i < 10; i++ {
				c, err := diffRecord(rng, a, nr, true)
				if err != nil {
					t.Fatalf("%s %s: %v", a.Name, name, err)
				}
				cases = append(cases, c)
			}
		}
		// Every request ioctl decodes, twice each: a random one rarely is
		// one.
		if nr, ok := a.SyscallNumber("ioctl"); ok {
			for _, req := range ioctlRequests(a) {
				for i := 0; i < 2; i++ {
					c, err := diffRecordWith(rng, a, nr, false, func(r *pcapng.Record) { r.Args[1] = req })
					if err != nil {
						t.Fatalf("%s ioctl %#x: %v", a.Name, req, err)
					}
					cases = append(cases, c)
				}
			}
			// The numbers named with their parameter (EVIOCGNAME(256),
			// MIXER_READ(0)): every direction of those types.
			for _, typ := range []uint64{'!', 'E', 'H', 'M', 'U', 'j', 'k'} {
				for dir := uint64(0); dir < 4; dir++ {
					for _, n := range []uint64{0, 2, 4, 6, 7, 0x13, 0x18, 0x20, 0x21, 0x2c, 0x3e, 0x40, 0x7e, 0xc0, 0xef} {
						req := dir<<30 | uint64(rng.Intn(2))*0x100<<16 | 8<<16 | typ<<8 | n
						c, err := diffRecordWith(rng, a, nr, false, func(r *pcapng.Record) { r.Args[1] = req })
						if err != nil {
							t.Fatalf("%s ioctl %#x: %v", a.Name, req, err)
						}
						cases = append(cases, c)
					}
				}
			}
		}
		// Every signal number once, and a few exits.
		for sig := int64(1); sig <= 65; sig++ {
			cases = append(cases, diffOther(t, diffSignal(rng, a, sig)))
		}
		for i := 0; i < 8; i++ {
			cases = append(cases, diffOther(t, diffExit(rng, a)))
		}
	}
	return cases
}

// diffSignal is a signal-delivery stop of sig (now and then a group
// stop) with a siginfo_t in the layout the tracer's own arch gives it, of
// random codes and fields.
func diffSignal(rng *rand.Rand, a *decoder.Arch, sig int64) pcapng.Record {
	rec := pcapng.Record{Kind: pcapng.KindSignal, Arch: a.Audit, PID: 4242, TID: 4242, Nr: sig, Time: 1_700_000_000_000_000_000}
	if rng.Intn(16) == 0 {
		rec.Flags = pcapng.FlagGroupStop
		return rec
	}
	if rng.Intn(16) == 0 {
		return rec // no siginfo section
	}
	tr := newFuzzTracee(rng, a)
	si := make([]byte, 128)
	tr.ReadAt(tr.ptrBase, si)
	signo := uint32(sig)
	if rng.Intn(8) == 0 {
		signo = uint32(rng.Intn(70))
	}
	codes := []int32{0, -6, -1, -3, -2, -4, -5, 0x80, 1, 2, 3, 4, 5, 6, 7, 8, 9}
	code := codes[rng.Intn(len(codes))]
	var errno uint32
	if rng.Intn(4) == 0 {
		errno = uint32(rng.Intn(140))
	}
	binary.LittleEndian.PutUint32(si[0:], signo)
	binary.LittleEndian.PutUint32(si[4:], errno)
	binary.LittleEndian.PutUint32(si[8:], uint32(code))
	// The tracer's arch names the layout: x86_64 for an i386 tracee.
	key := uint64(a.Audit)
	if a.WordSize == 4 {
		key = uint64(decoder.AuditArchX86_64)
	}
	if rng.Intn(8) == 0 {
		key = 0
	}
	n := 128
	if rng.Intn(8) == 0 {
		n = rng.Intn(129)
	}
	rec.Sections = []pcapng.Section{{Type: pcapng.SecSiginfo, Key: key, Data: si[:n]}}
	return rec
}

// diffExit is a thread's end: an exit status, a killing signal with or
// without a core, a stop status, or an execve in another thread.
func diffExit(rng *rand.Rand, a *decoder.Arch) pcapng.Record {
	rec := pcapng.Record{Kind: pcapng.KindExit, Arch: a.Audit, PID: 4242, TID: 4243, Time: 1_700_000_000_000_000_000}
	switch rng.Intn(5) {
	case 0:
		rec.Ret = int64(rng.Intn(256)) << 8
	case 1:
		rec.Ret = int64(1+rng.Intn(64)) | int64(rng.Intn(2))<<7
	case 2:
		rec.Ret = 0x7f | int64(rng.Intn(256))<<8
	case 3:
		rec.Flags, rec.Nr = pcapng.FlagSuperseded, 4242
	default:
		rec.Ret = int64(rng.Uint32())
	}
	return rec
}

// diffOther renders a signal or exit record on the Go side.
func diffOther(t *testing.T, rec pcapng.Record) diffCase {
	t.Helper()
	c := diffCase{arch: decoder.ArchByAudit(rec.Arch).Name, name: rec.Kind.String(), limit: 32, raw: rec.AppendTo(nil)}
	var back pcapng.Record
	if err := pcapng.Unmarshal(c.raw, rec.Time, &back); err != nil {
		t.Fatalf("the %s record made does not read back: %v", c.name, err)
	}
	dec := decoder.New(decoder.DefaultOptions())
	c.want = dec.Line(&back)
	return c
}

// diffRecord makes and renders one record of syscall nr; netlink makes
// its tracee talk netlink, its first argument a netlink socket and its
// third a buffer length of a few messages.
func diffRecord(rng *rand.Rand, a *decoder.Arch, nr int64, netlink bool) (c diffCase, err error) {
	return diffRecordWith(rng, a, nr, netlink, nil)
}

// ioctlRequests are the numbers on arch a of every request ioctl's
// description has a case for, in order.
func ioctlRequests(a *decoder.Arch) []uint64 {
	sw := decoder.Descriptions()["ioctl"].Switch
	var reqs []uint64
	for name := range sw.Cases {
		if v, ok := decoder.XlatValue(sw.Set, name, a.Audit); ok {
			reqs = append(reqs, v)
		}
	}
	sort.Slice(reqs, func(i, j int) bool { return reqs[i] < reqs[j] })
	return reqs
}

// diffRecordWith is diffRecord with the record's registers then changed
// by set, when set is not nil, before its memory is read.
func diffRecordWith(rng *rand.Rand, a *decoder.Arch, nr int64, netlink bool, set func(*pcapng.Record)) (c diffCase, err error) {
	name := a.SyscallName(nr)
	if name == "" {
		name = fmt.Sprintf("syscall_%d", nr)
	}
	c = diffCase{arch: a.Name, name: name, limit: 32}
	if rng.Intn(4) == 0 {
		c.limit = 1 + rng.Intn(40)
	}
	capLen := decoder.DefaultCaptureLength
	switch rng.Intn(6) {
	case 0:
		capLen = 1 + rng.Intn(40)
	case 1:
		capLen = 32
	}
	opts := decoder.CaptureOptions(capLen)
	if rng.Intn(2) == 0 {
		opts.SocketCaptureLength = capLen + rng.Intn(2048)
	}
	tr := newFuzzTracee(rng, a)
	if netlink && !tr.netlink {
		tr.netlink, tr.openFDs = true, 1+rng.Intn(4)
	}
	rec := pcapng.Record{Kind: pcapng.KindSyscall, Arch: a.Audit, PID: 100 + uint32(rng.Intn(1000)), Nr: nr,
		Time: 1_700_000_000_000_000_000 + rng.Int63n(1e15)}
	rec.TID = rec.PID
	for i := range rec.Args {
		rec.Args[i] = tr.arg(rng)
	}
	if tr.netlink {
		rec.Args[0] = uint64(rng.Intn(tr.openFDs)) // a netlink socket
	}
	if netlink {
		rec.Args[2] = uint64(16 + rng.Intn(300))
	}
	if set != nil {
		set(&rec)
	}
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("go decoder panicked on record %x: %v", c.raw, p)
		}
	}()
	k := decoder.New(opts).NewCapturer()
	k.Reads(&rec, tr, false)
	switch p := rng.Intn(10); {
	case p < 2:
		rec.Kind = pcapng.KindSyscallEntry
	default:
		rec.Ret = tr.ret(rng, p < 5)
		if rng.Intn(40) == 0 {
			rec.Flags |= pcapng.FlagNoReturn
		}
		rec.Duration = uint64(rng.Int63n(1e9))
		if rng.Intn(2) == 0 {
			tr.kernelWrote(rng)
		}
		k.Reads(&rec, tr, true)
	}
	c.raw = rec.AppendTo(nil)
	// Render what a reader of the capture gets back.
	var back pcapng.Record
	if err := pcapng.Unmarshal(c.raw, rec.Time, &back); err != nil {
		return c, fmt.Errorf("the record made does not read back: %w", err)
	}
	o := decoder.DefaultOptions()
	o.StringLimit = c.limit
	dec := decoder.New(o)
	c.want = workbench.InfoLine(dec, &back, dec.Line(&back))
	return c, nil
}

// fuzzTracee is a made-up tracee for decoder.Capturer: every read of the
// same address gives the same bytes (until kernelWrote), from a hash of
// the address and a per-record seed.
type fuzzTracee struct {
	arch     *decoder.Arch
	seed     uint64
	modes    []int  // the kinds of words this tracee's memory holds
	faults   uint64 // one page in faults is unmapped (0: none)
	ptrBase  uint64 // where its mapped memory starts
	fdSeed   uint64
	openFDs  int // fds below this have paths
	wordMask uint64
	netlink  bool // half its 64-byte cells hold netlink messages
}

func newFuzzTracee(rng *rand.Rand, a *decoder.Arch) *fuzzTracee {
	tr := &fuzzTracee{arch: a, seed: rng.Uint64(), fdSeed: rng.Uint64(), openFDs: rng.Intn(12), wordMask: ^uint64(0)}
	if a.WordSize == 4 {
		tr.wordMask = 0xffffffff
		tr.ptrBase = 0x08048000
	} else {
		tr.ptrBase = 0x7f0000000000
	}
	for n := 1 + rng.Intn(3); n > 0; n-- {
		tr.modes = append(tr.modes, rng.Intn(wordModes))
	}
	tr.faults = []uint64{0, 0, 2, 8, 64}[rng.Intn(5)]
	// A tracee talking netlink: every fd a netlink socket, half its
	// memory messages, its pointers at their starts.
	tr.netlink = rng.Intn(4) == 0
	if tr.netlink {
		tr.openFDs = 1 + rng.Intn(4)
	}
	return tr
}

// nlTypes are netlink message types of the families the renderers know:
// the control messages, rtnetlink's links, addresses, routes, neighbours,
// rules and qdiscs, sock_diag's request, audit's.
var nlTypes = []uint64{1, 2, 3, 4, 16, 17, 18, 19, 20, 21, 22, 24, 25, 26, 28, 30, 32, 36, 1000, 1100, 1300, 0x10, 0x14}

// netlinkWord is word i of a 64-byte cell holding a netlink message of
// the cell's hash c: a header with a length inside the cell, a family
// header of small numbers, then attributes.
func netlinkWord(c uint64, i int, h uint64) uint64 {
	switch i {
	case 0:
		n := 16 + 4*(c%13)
		flags := []uint64{0, 1, 5, 0x301, 2, 0x100, 0x200}[c>>8%7]
		return n | nlTypes[c>>16%uint64(len(nlTypes))]<<32 | flags<<48
	case 1:
		return c>>24%4 | (c>>32%3)<<32
	case 2:
		return []uint64{0, 2, 10, 16, 1}[c>>40%5] | (h%4)<<16 | (h>>8%4)<<32
	}
	// An attribute: nla_len, nla_type, a small value.
	return (4 + 4*(h%3)) | (h>>8%40)<<16 | (h>>16%300)<<32
}

// kernelWrote changes the memory an exit reads, as a call's output does.
func (tr *fuzzTracee) kernelWrote(rng *rand.Rand) { tr.seed = rng.Uint64() }

// mix is splitmix64's finalizer.
func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// pointer is an address in the tracee's mapped memory.
func (tr *fuzzTracee) pointer(h uint64) uint64 {
	off := h % fuzzMapped
	switch h >> 40 & 3 {
	case 0, 1:
		off &^= 7
	case 2:
		off &^= 63 // a netlink cell's start
	}
	if tr.netlink {
		off &^= 63
	}
	return tr.ptrBase + off
}

const wordModes = 9

// edgeWords are numbers where renderers change their minds: sign and
// width limits, the float limit of Lua 5.2, the years localtime can hold,
// UTIME_NOW and UTIME_OMIT, a second's nanoseconds.
var edgeWords = []uint64{1, 1<<31 - 1, 1 << 31, 1<<32 - 1, 1 << 32, 1 << 53, 1<<53 + 1, 1<<63 - 1, 1 << 63,
	67767976233316799, 67768036191676800, 67768040609740800, 67768040609741000, 999999999, 1000000000,
	0x3fffffff, 0x3ffffffe, 1700000000, 4095, 4096}

// fuzzMapped is the size of the tracee's mapped memory: arrays that end
// at no NULL end at its end.
const fuzzMapped = 1 << 16

// word is the 8 bytes at an 8-aligned address.
func (tr *fuzzTracee) word(addr uint64) uint64 {
	h := mix(tr.seed ^ addr)
	if h>>60 == 0 {
		return 0 // arrays end, now and then
	}
	if tr.netlink && mix(tr.seed^addr>>6)&1 == 0 {
		return netlinkWord(mix(tr.seed^addr>>6), int(addr>>3&7), h)
	}
	mode := tr.modes[h%uint64(len(tr.modes))]
	v := mix(h)
	switch mode {
	case 0:
		return 0
	case 1: // two small 32-bit numbers
		return v%9 | (v>>32%9)<<32
	case 2: // one small number
		return v % 300
	case 3: // pointers, two on a 32-bit arch
		if tr.arch.WordSize == 4 {
			return tr.pointer(v) | tr.pointer(mix(v))<<32
		}
		return tr.pointer(v)
	case 4, 5: // text, sometimes ending
		var w uint64
		const chars = "abcz019 ./-_\"\\\n\t\x01\x7f\xc3\xa9\x00"
		for i := 0; i < 8; i++ {
			n := len(chars) - 1
			if mode == 5 {
				n++
			}
			w |= uint64(chars[v%uint64(n)]) << (8 * i)
			v = mix(v)
		}
		return w
	case 6: // -1 and small negative numbers
		return ^(v % 4)
	case 7:
		w := edgeWords[v%uint64(len(edgeWords))]
		if v>>32&1 == 0 {
			w = -w
		}
		return w
	}
	return v
}

func (tr *fuzzTracee) mapped(addr uint64) bool {
	if addr < tr.ptrBase || addr >= tr.ptrBase+fuzzMapped+4096 {
		return false
	}
	return tr.faults == 0 || mix(tr.seed^0x5a5a^(addr>>12))%tr.faults != 0
}

func (tr *fuzzTracee) ReadAt(addr uint64, p []byte) (int, error) {
	for i := range p {
		a := addr + uint64(i)
		if a%4096 == 0 || i == 0 {
			if !tr.mapped(a) {
				return i, syscall.EFAULT
			}
		}
		p[i] = byte(tr.word(a&^7) >> (8 * (a & 7)))
	}
	return len(p), nil
}

var fuzzPaths = []string{"/dev/null", "/etc/passwd", "/tmp/a b\n\"c\"", "socket:[12345]", "socket:[777]", "pipe:[678]",
	"anon_inode:[eventfd]", "anon_inode:[pidfd]", "/dev/pts/0", "/dev/sda1", "net:[4026531840]", "/proc/1/status",
	"/very/long/" + strings.Repeat("x", 100), "\xff\xfe"}

func (tr *fuzzTracee) FDPath(fd int32) (string, error) {
	if fd < 0 || int(fd) >= tr.openFDs {
		return "", syscall.ENOENT
	}
	if tr.netlink {
		return fmt.Sprintf("socket:[%d]", 1000+fd), nil
	}
	return fuzzPaths[mix(tr.fdSeed^uint64(fd))%uint64(len(fuzzPaths))], nil
}

func (tr *fuzzTracee) FDInfo(fd int32, path string) ([]byte, error) {
	h := mix(tr.fdSeed ^ uint64(fd) ^ 0xf00d)
	var f decoder.FDInfo
	switch {
	case strings.HasPrefix(path, "socket:"):
		f.Kind = decoder.FDInfoSocket
		f.Inode = uint32(h % 100000)
		kind := h >> 8 % 5
		if tr.netlink {
			kind = 3
		}
		switch kind {
		case 0:
			f.Proto, f.Family = "TCP", 2
			f.Src, f.Dst = []byte{127, 0, 0, 1}, []byte{10, 1, 2, 3}
			f.SrcPort, f.DstPort = uint16(h>>16), 80
			if h>>32&1 == 0 {
				f.Dst, f.DstPort = make([]byte, 4), 0
			}
		case 1:
			f.Proto, f.Family = "UDPv6", 10
			f.Src, f.Dst = make([]byte, 16), make([]byte, 16)
			f.Src[15], f.Dst[0], f.Dst[1] = 1, 0xfe, 0x80
			f.SrcPort, f.DstPort = 53, uint16(h>>16)
		case 2:
			f.Proto, f.Family = "UNIX-STREAM", 1
			f.Peer = uint32(h >> 20 % 3 * 4242)
			f.Path = [][]byte{nil, []byte("/run/x.sock"), []byte("\x00abstract")}[h>>24%3]
		case 3:
			f.Proto, f.Family = "NETLINK", 16
			f.NetlinkProto = []uint32{0, 4, 9, 15, 16, 31}[h>>24%6]
			f.PortID = uint32(h >> 32)
		default:
			f.Proto = "TCP"
		}
	case strings.HasPrefix(path, "/dev/"):
		f.Kind = decoder.FDInfoChar
		if path == "/dev/sda1" {
			f.Kind = decoder.FDInfoBlock
		}
		f.Major, f.Minor = uint32(h%300), uint32(h>>16%300)
	case path == "anon_inode:[pidfd]":
		f.Kind, f.PID = decoder.FDInfoPidfd, int32(h%5000)-1
	default:
		return nil, nil
	}
	return f.AppendTo(nil), nil
}

func (tr *fuzzTracee) Regs() (ip, sp uint64, err error) {
	return tr.pointer(mix(tr.seed ^ 1)), tr.pointer(mix(tr.seed ^ 2)), nil
}

func (tr *fuzzTracee) IfName(index uint32) (string, error) {
	switch index {
	case 1:
		return "lo", nil
	case 2:
		return "eth0", nil
	}
	return "", errors.New("no such device")
}

// arg is a random argument value, of the kinds calls take.
func (tr *fuzzTracee) arg(rng *rand.Rand) uint64 {
	var v uint64
	switch rng.Intn(9) {
	case 0:
		v = uint64(rng.Intn(17))
	case 1:
		v = uint64(rng.Intn(12))
		if rng.Intn(4) == 0 {
			v = uint64(0xffffffffffffff9c) // AT_FDCWD
		}
	case 2, 3:
		v = tr.pointer(rng.Uint64())
	case 4:
		v = 0
	case 5:
		v = uint64(rng.Uint32())
	case 6:
		v = rng.Uint64()
	case 7:
		for n := 1 + rng.Intn(3); n > 0; n-- {
			v |= 1 << rng.Intn(32)
		}
	default:
		v = ^uint64(0)
	}
	return v & tr.wordMask
}

// ret is a random return value: an error when failed.
func (tr *fuzzTracee) ret(rng *rand.Rand, failed bool) int64 {
	if failed {
		switch rng.Intn(5) {
		case 0:
			return -int64(1 + rng.Intn(4095))
		case 1:
			return -int64(512 + rng.Intn(20)) // ERESTARTSYS and the kernel's own
		}
		return -int64(1 + rng.Intn(133))
	}
	switch rng.Intn(5) {
	case 0:
		return 0
	case 1:
		return int64(rng.Intn(12))
	case 2:
		return int64(rng.Intn(100000))
	case 3:
		return int64(tr.pointer(rng.Uint64()))
	}
	if tr.arch.WordSize == 4 {
		return int64(rng.Int31())
	}
	return rng.Int63()
}
