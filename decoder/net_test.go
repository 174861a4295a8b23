package decoder

import (
	"math/rand"
	"sort"
	"testing"

	"github.com/stracedump/stracedump/pcapng"
)

// TestNoDuplicateDefinitions: describe_net.go, render_socket.go and
// xlat_net.go add to maps other files fill; a name defined twice would
// silently replace the other definition.
func TestNoDuplicateDefinitions(t *testing.T) {
	// The maps are made on first use, which records the duplicates.
	descriptions()
	structs()
	xlats()
	for what, names := range map[string][]string{
		"description": descriptionDuplicates, "struct renderer": structDuplicates, "xlat set": xlatDuplicates,
		"switch case": caseDuplicates,
	} {
		for _, n := range names {
			t.Errorf("%s %q defined twice", what, n)
		}
	}
}

// Each want is what strace 6.1 printed for the value.
func TestSockType(t *testing.T) {
	for _, tc := range []struct {
		v    uint64
		want string
	}{
		{1, "SOCK_STREAM"},
		{0o2004001, "SOCK_STREAM|SOCK_CLOEXEC|SOCK_NONBLOCK"},
		{0o2000003, "SOCK_RAW|SOCK_CLOEXEC"},
		{77, "0x4d /* SOCK_??? */"},
		{0x4d | 0o2000000, "SOCK_CLOEXEC|0x4d"},
	} {
		c := &ctx{rec: &pcapng.Record{Arch: AuditArchX86_64}}
		SockType{}.render(c, tc.v)
		if got := c.sb.String(); got != tc.want {
			t.Errorf("%#o: got %s, want %s", tc.v, got, tc.want)
		}
	}
}

// Each want is what glibc's inet_ntop, and so strace, prints.
func TestInet6String(t *testing.T) {
	for _, tc := range []struct {
		a    [16]byte
		want string
	}{
		{[16]byte{15: 1}, "::1"},
		{[16]byte{}, "::"},
		{[16]byte{10: 0xff, 11: 0xff, 12: 1, 13: 2, 14: 3, 15: 4}, "::ffff:1.2.3.4"},
		{[16]byte{12: 1, 13: 2, 14: 3, 15: 4}, "::1.2.3.4"},
		{[16]byte{0: 0xfe, 1: 0x80, 15: 1}, "fe80::1"},
		{[16]byte{0: 0x20, 1: 0x01, 2: 0x0d, 3: 0xb8, 5: 1, 15: 1}, "2001:db8:1::1"},
		// One zero group is not compressed; of two equal runs the first is.
		{[16]byte{1: 1, 5: 2, 7: 3, 15: 4}, "1:0:2:3::4"},
		{[16]byte{1: 1, 7: 2, 9: 3, 15: 4}, "1::2:3:0:0:4"},
	} {
		if got := inet6String(tc.a[:]); got != tc.want {
			t.Errorf("% x: got %s, want %s", tc.a, got, tc.want)
		}
	}
}

// TestReplayEqualsLiveSubcalls: i386's multiplexed calls (socketcall, ipc,
// old select) replay exactly as they decoded live, whichever subcall.
func TestReplayEqualsLiveSubcalls(t *testing.T) {
	arch := ArchByAudit(AuditArchI386)
	var calls []int
	for n := range arch.SocketSubcalls {
		calls = append(calls, n)
	}
	sort.Ints(calls)
	for _, name := range []string{"socketcall", "ipc", "select"} {
		nr, ok := arch.SyscallNumber(name)
		if !ok {
			t.Fatalf("i386 has no %s", name)
		}
		for i := 0; i < 400; i++ {
			src, addrs := randomTracee(rngFor(i))
			rec := &pcapng.Record{Kind: pcapng.KindSyscall, Arch: arch.Audit, Nr: nr}
			rng := rngFor(i + 1000)
			for j := range rec.Args {
				rec.Args[j] = randomArg(rng, addrs) & 0xffffffff
			}
			rec.Args[0] = uint64(calls[i%len(calls)])
			if name == "select" {
				rec.Args[0] = addrs[rng.Intn(len(addrs))]
			}
			rec.Ret = int64(rng.Intn(300)) - 150
			captured(rec, src)
			for _, o := range []Options{DefaultOptions(), {StringLimit: 4, Verbose: true, DecodeFDs: 1}} {
				d := New(o)
				live := &pcapng.Record{}
				*live = *rec
				live.Sections = nil
				lp := d.partsWith(live, NewRecorder(live, false, src), NewRecorder(live, true, src), 0)
				rp := d.syscallParts(rec, 32)
				if lp != rp {
					t.Fatalf("%s %+v args %#x:\nlive   %s%s %s\nreplay %s%s %s", name, o, rec.Args, lp.entry, lp.exit, lp.ret, rp.entry, rp.exit, rp.ret)
				}
			}
		}
	}
}

func rngFor(seed int) *rand.Rand { return rand.New(rand.NewSource(int64(seed))) }

// TestCallName: a multiplexed call counts under the call it stands for.
func TestCallName(t *testing.T) {
	f := newFake()
	f.words32(0x3000, 2, 1, 0)
	socket := captured(callOn(t, AuditArchI386, "socketcall", 3, 1, 0x3000), f)
	bad := captured(callOn(t, AuditArchI386, "socketcall", errEFAULT, 1, 0x10), newFake())
	ipc := captured(callOn(t, AuditArchI386, "ipc", 0, 2, 0, 1, 0o600), newFake())
	for _, tc := range []struct {
		rec  *pcapng.Record
		want string
	}{
		{socket, "socket"}, {bad, "socketcall"}, {ipc, "semget"},
		{call(t, "openat", 3), "openat"},
		{&pcapng.Record{Arch: 0x1234}, ""},
	} {
		if got := CallName(tc.rec); got != tc.want {
			t.Errorf("%s: got %q, want %q", New(DefaultOptions()).Line(tc.rec), got, tc.want)
		}
	}
}
