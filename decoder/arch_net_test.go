package decoder

import (
	"errors"
	"io"
	"os"
	"testing"

	"github.com/stracedump/stracedump/pcapng"
)

// readCapture reads every record of a capture file.
func readCapture(t *testing.T, path string) []*pcapng.Record {
	t.Helper()
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	r, err := pcapng.NewReader(fh)
	if err != nil {
		t.Fatal(err)
	}
	var recs []*pcapng.Record
	for {
		rec := &pcapng.Record{}
		if err := r.Next(rec); errors.Is(err, io.EOF) {
			return recs
		} else if err != nil {
			t.Fatal(err)
		}
		recs = append(recs, rec)
	}
}

// TestI386Captures decodes captures of real 32-bit programs, taken on an
// x86_64 host. i386_net and i386_subcalls: "gcc -m32 testdata/NAME.c" and
// "env -i stracedump record -o testdata/NAME.pcapng"; their golden files
// were checked against "env -i strace [-v]" of the same programs: every
// line is identical (addresses, ports and pids aside) but two of i386_net,
// where strace asks the tracing host: sin6_scope_id=if_nametoindex("lo")
// (the capture holds only the index) and SIOCGIFCONF's struct ifconf
// (the capture predates its decoding and lacks the structure, so the
// argument shows as an address; i386_ioctls has it decoded). i386_forkwait,
// i386_offsets, i386_locks, i386_timers, i386_numa and i386_ioctls: the
// conformance programs forkwait32, offsets32, locks32, timers32, numa32
// and ioctls32, recorded
// by conformance/testdata/i386/record.sh beside strace's text of the same
// runs, which TestConformance compares them with on every host.
func TestI386Captures(t *testing.T) {
	for _, name := range []string{"i386_net", "i386_subcalls", "i386_forkwait", "i386_offsets", "i386_locks", "i386_timers", "i386_numa", "i386_ioctls"} {
		t.Run(name, func(t *testing.T) {
			recs := readCapture(t, "testdata/"+name+".pcapng")
			var i386 int
			for _, r := range recs {
				if r.Kind == pcapng.KindSyscall && r.Arch == AuditArchI386 {
					i386++
				}
			}
			if i386 < 30 {
				t.Fatalf("%d i386 syscall records, want a real 32-bit program's", i386)
			}
			for _, o := range []struct {
				suffix string
				opts   Options
			}{{"", Options{StringLimit: 32, Prefix: PrefixNone}}, {".v", Options{StringLimit: 32, Verbose: true, Prefix: PrefixNone}}} {
				checkGolden(t, "testdata/"+name+o.suffix+".golden", printAll(t, o.opts, recs))
			}
		})
	}
}

// callOn builds a syscall record of arch, as a tracee of that arch makes
// the call.
func callOn(t testing.TB, audit uint32, name string, ret int64, args ...uint64) *pcapng.Record {
	a := ArchByAudit(audit)
	nr, ok := a.SyscallNumber(name)
	if !ok {
		t.Fatalf("%s has no %s", a.Name, name)
	}
	r := &pcapng.Record{Kind: pcapng.KindSyscall, Arch: audit, PID: 100, TID: 100, Nr: nr, Ret: ret}
	copy(r.Args[:], args)
	return r
}

// words32 maps little-endian 32-bit words at addr, as an i386 tracee
// holds pointers and longs.
func (f *fakeTracee) words32(addr uint64, ws ...uint64) uint64 {
	var b []byte
	for _, w := range ws {
		b = le(b, 4, w)
	}
	f.regions[addr] = b
	return addr
}

// archCases are records as aarch64 and i386 tracees make them, where the
// layout differs from x86_64's; each golden line is the one strace 6.1
// prints for the same call on x86_64, which these must equal.
var archCases = []goldenCase{
	// aarch64's struct epoll_event is not packed: data sits at offset 8.
	{"aarch64_epoll_ctl", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(callOn(t, AuditArchAarch64, "epoll_ctl", 0, 8, 1, 6, f.bytes(0x3000, le(nil, 4, 0x80000001, 4, 0xdead, 8, 0x1234))), f)
	}},
	{"aarch64_epoll_pwait", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		ev := le(nil, 4, 4, 4, 0, 8, 7, 4, 1, 4, 0, 8, 6)
		return captured(callOn(t, AuditArchAarch64, "epoll_pwait", 2, 8, f.bytes(0x3000, ev), 4, 100, 0, 8), f)
	}},
	{"aarch64_ppoll", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(callOn(t, AuditArchAarch64, "ppoll", 0, f.bytes(0x3000, le(nil, 4, 3, 2, 1, 2, 0)), 1, f.bytes(0x4000, le(nil, 8, 0, 8, 0)), 0, 8), f)
	}},
	{"aarch64_connect", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(callOn(t, AuditArchAarch64, "connect", -115, 6, f.bytes(0x3000, sockaddrIn4(80, 10, 0, 0, 1)), 16), f)
	}},
	{"aarch64_socket", nil, func(t *testing.T) *pcapng.Record {
		return captured(callOn(t, AuditArchAarch64, "socket", 3, 10, 0o2004002, 17), newFake())
	}},
	{"aarch64_accept4", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(callOn(t, AuditArchAarch64, "accept4", 7, 5, f.bytes(0x3000, sockaddrIn4(57828, 127, 0, 0, 1)), f.bytes(0x4000, le(nil, 4, 16)), 0o4000), f)
	}},
	// i386: 4-byte pointers and lengths in iovec and msghdr, 12-byte
	// cmsghdr, a packed epoll_event like x86_64's.
	{"i386_writev", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		f.bytes(0x5000, []byte("abc"))
		f.bytes(0x6000, []byte("defgh"))
		return captured(callOn(t, AuditArchI386, "writev", 8, 6, f.words32(0x3000, 0x5000, 3, 0x6000, 5), 2), f)
	}},
	{"i386_sendmsg_rights", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		f.bytes(0x5000, []byte("msgdata"))
		f.words32(0x4000, 0x5000, 7)
		f.bytes(0x6000, le(nil, 4, 16, 4, 1, 4, 1, 4, 1))
		return captured(callOn(t, AuditArchI386, "sendmsg", 7, 3, f.words32(0x3000, 0, 0, 0x4000, 1, 0x6000, 16, 0), 0), f)
	}},
	{"i386_socketcall_connect", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		f.bytes(0x5000, sockaddrIn4(80, 10, 0, 0, 1))
		return captured(callOn(t, AuditArchI386, "socketcall", -111, 3, f.words32(0x3000, 4, 0x5000, 16)), f)
	}},
	{"i386_socketcall_unreadable", nil, func(t *testing.T) *pcapng.Record {
		return captured(callOn(t, AuditArchI386, "socketcall", errEFAULT, 4, 0x10), newFake())
	}},
	{"i386_preadv_offset", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(callOn(t, AuditArchI386, "preadv", errEBADF, 99, f.words32(0x3000, 0x5000, 4), 1, 0, 1), f)
	}},
	// Lines strace 6.1 printed for a gcc -m32 program.
	{"i386_llseek", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(callOn(t, AuditArchI386, "_llseek", 0, 3, 0, 0, f.bytes(0x3000, le(nil, 8, 0)), 0), f)
	}},
	{"i386_llseek_big", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(callOn(t, AuditArchI386, "_llseek", 0, 3, 1, 16, f.bytes(0x3000, le(nil, 8, 1<<32|16)), 0), f)
	}},
	{"i386_fcntl64", nil, func(t *testing.T) *pcapng.Record {
		return captured(callOn(t, AuditArchI386, "fcntl64", 1, 21, 1), newFake())
	}},
	{"i386_fcntl64_setfl", nil, func(t *testing.T) *pcapng.Record {
		return captured(callOn(t, AuditArchI386, "fcntl64", 0, 21, 4, 0o4000), newFake())
	}},
	{"i386_ppoll_time64", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		r := callOn(t, AuditArchI386, "ppoll_time64", 1, 0x3000, 1, 0x4000, 0, 8)
		f.bytes(0x3000, le(nil, 4, 6, 2, 4, 2, 0))
		f.bytes(0x4000, le(nil, 8, 1, 8, 500))
		d := New(CaptureOptions(32))
		d.Capture(r, NewRecorder(r, false, f), false)
		f.bytes(0x3000, le(nil, 4, 6, 2, 4, 2, 4))
		f.bytes(0x4000, le(nil, 8, 0, 8, 999999133))
		d.Capture(r, NewRecorder(r, true, f), true)
		return r
	}},
	{"i386_epoll_wait", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(callOn(t, AuditArchI386, "epoll_wait", 1, 8, f.bytes(0x3000, le(nil, 4, 4, 8, 7)), 4, 100), f)
	}},
}

func TestArchGolden(t *testing.T) { runGolden(t, "testdata/arch.golden", archCases) }
