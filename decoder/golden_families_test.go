package decoder

import (
	"testing"

	"github.com/stracedump/stracedump/pcapng"
)

// familyCases are fcntl's commands, NUMA policies, sigevents and
// interrupted sleeps as real calls made them. The x86_64 lines are those
// strace 6.1 printed for conformance/testdata/locks.c, timers.c and
// numa.c; an i386 case, whose structure is laid out otherwise, holds the
// line strace prints for the same call on x86_64.
var familyCases = []goldenCase{
	{"fcntl_getfd_cloexec", nil, func(t *testing.T) *pcapng.Record {
		return captured(call(t, "fcntl", 1, 3, 1), newFake())
	}},
	{"fcntl_getfd_zero", nil, func(t *testing.T) *pcapng.Record {
		return captured(call(t, "fcntl", 0, 3, 1), newFake())
	}},
	{"fcntl_getfl_rdonly", nil, func(t *testing.T) *pcapng.Record {
		return captured(call(t, "fcntl", 0, 4, 3), newFake())
	}},
	{"fcntl_setfl", nil, func(t *testing.T) *pcapng.Record {
		return captured(call(t, "fcntl", 0, 3, 4, 0o6000), newFake())
	}},
	{"fcntl_getown", nil, func(t *testing.T) *pcapng.Record {
		return captured(call(t, "fcntl", 0, 3, 9), newFake())
	}},
	{"fcntl_getown_ex", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(call(t, "fcntl", 0, 3, 16, f.bytes(0x3000, le(nil, 4, 1, 4, 25459))), f)
	}},
	{"fcntl_setown_ex", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(call(t, "fcntl", 0, 3, 15, f.bytes(0x3000, le(nil, 4, 1, 4, 25459))), f)
	}},
	{"fcntl_getsig", nil, func(t *testing.T) *pcapng.Record {
		return captured(call(t, "fcntl", 10, 3, 11), newFake())
	}},
	{"fcntl_getlease", nil, func(t *testing.T) *pcapng.Record {
		return captured(call(t, "fcntl", 2, 3, 1025), newFake())
	}},
	{"fcntl_setlease_unknown", nil, func(t *testing.T) *pcapng.Record {
		return captured(call(t, "fcntl", errEINVAL, 3, 1024, 7), newFake())
	}},
	{"fcntl_notify", nil, func(t *testing.T) *pcapng.Record {
		return captured(call(t, "fcntl", -20, 3, 1026, 0x80000002), newFake())
	}},
	{"fcntl_get_seals", nil, func(t *testing.T) *pcapng.Record {
		return captured(call(t, "fcntl", 6, 6, 1034), newFake())
	}},
	{"fcntl_add_seals", nil, func(t *testing.T) *pcapng.Record {
		return captured(call(t, "fcntl", 0, 6, 1033, 6), newFake())
	}},
	{"fcntl_getpipe_sz", nil, func(t *testing.T) *pcapng.Record {
		return captured(call(t, "fcntl", 65536, 4, 1032), newFake())
	}},
	{"fcntl_rw_hint_unknown", nil, func(t *testing.T) *pcapng.Record {
		return captured(call(t, "fcntl", 0, 3, 1035, 0x7ffdafe47eb8), newFake())
	}},
	{"fcntl_setlk", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(call(t, "fcntl", 0, 3, 6, f.bytes(0x3000, le(nil, 2, 1, 2, 0, 4, 0, 8, 2, 8, 4, 4, 0, 4, 0))), f)
	}},
	{"fcntl_setlkw_cur", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(call(t, "fcntl", 0, 3, 7, f.bytes(0x3000, le(nil, 2, 0, 2, 1, 4, 0, 8, -1, 8, 0, 4, 0, 4, 0))), f)
	}},
	{"fcntl_setlk_unknown", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(call(t, "fcntl", errEINVAL, 3, 6, f.bytes(0x3000, le(nil, 2, 9, 2, 7, 4, 0, 8, 0, 8, 0, 4, 0, 4, 0))), f)
	}},
	{"fcntl_getlk", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(call(t, "fcntl", 0, 3, 5, f.bytes(0x3000, le(nil, 2, 0, 2, 0, 4, 0, 8, 0, 8, 10, 4, -1, 4, 0))), f)
	}},
	{"fcntl_getlk_efault", nil, func(t *testing.T) *pcapng.Record {
		return captured(call(t, "fcntl", errEFAULT, 3, 5, 8), newFake())
	}},
	{"fcntl_setlk_null", nil, func(t *testing.T) *pcapng.Record {
		return captured(call(t, "fcntl", errEFAULT, 3, 6, 0), newFake())
	}},
	{"fcntl_ofd_setlkw", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(call(t, "fcntl", 0, 3, 38, f.bytes(0x3000, le(nil, 2, 0, 2, 0, 4, 0, 8, 0, 8, 10, 4, 0, 4, 0))), f)
	}},
	{"fcntl_ofd_getlk", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(call(t, "fcntl", 0, 3, 36, f.bytes(0x3000, le(nil, 2, 2, 2, 0, 4, 0, 8, 0, 8, 10, 4, 0, 4, 0))), f)
	}},
	// fcntl, unlike fcntl64, leaves the 64-bit lock commands undecoded.
	{"fcntl_setlk64_undecoded", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(call(t, "fcntl", errEINVAL, 3, 13, f.bytes(0x7fff4ccadb10, make([]byte, 32))), f)
	}},

	// i386: struct flock has 32-bit offsets; flock64 packs its 64-bit
	// ones at offset 4.
	{"i386_fcntl64_setlk", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(callOn(t, AuditArchI386, "fcntl64", 0, 3, 6, f.bytes(0x3000, le(nil, 2, 1, 2, 0, 4, 2, 4, 4, 4, 0))), f)
	}},
	{"i386_fcntl64_getlk", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(callOn(t, AuditArchI386, "fcntl64", 0, 3, 5, f.bytes(0x3000, le(nil, 2, 0, 2, 0, 4, 0, 4, 10, 4, -1))), f)
	}},
	{"i386_fcntl64_setlkw64", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(callOn(t, AuditArchI386, "fcntl64", 0, 3, 14, f.bytes(0x3000, le(nil, 2, 0, 2, 1, 8, -1, 8, 0, 4, 0))), f)
	}},
	{"i386_fcntl64_getlk64", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(callOn(t, AuditArchI386, "fcntl64", 0, 3, 12, f.bytes(0x3000, le(nil, 2, 2, 2, 2, 8, 0, 8, 100, 4, 0))), f)
	}},
	{"i386_fcntl64_ofd_getlk", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(callOn(t, AuditArchI386, "fcntl64", 0, 3, 36, f.bytes(0x3000, le(nil, 2, 0, 2, 0, 8, 0, 8, 10, 4, -1))), f)
	}},
	{"i386_fcntl_setlk64_undecoded", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(callOn(t, AuditArchI386, "fcntl", errEINVAL, 3, 13, f.bytes(0xffd0b010, make([]byte, 24))), f)
	}},
	{"i386_fcntl64_getfl_rdonly", nil, func(t *testing.T) *pcapng.Record {
		return captured(callOn(t, AuditArchI386, "fcntl64", 0, 4, 3), newFake())
	}},
}

func TestFamiliesGolden(t *testing.T) { runGolden(t, "testdata/families.golden", familyCases) }
