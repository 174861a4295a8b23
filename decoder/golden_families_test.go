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
	// mseal, as traced on a 6.18 kernel (strace 6.1 does not know it).
	{"mseal", nil, func(t *testing.T) *pcapng.Record {
		return captured(call(t, "mseal", 0, 0x7fc83f191000, 4096, 0), newFake())
	}},
	{"mseal_einval", nil, func(t *testing.T) *pcapng.Record {
		return captured(call(t, "mseal", -22, 0x7fc83f191000, 4096, 1), newFake())
	}},
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
	{"fcntl_getlease_rdlck", nil, func(t *testing.T) *pcapng.Record {
		return captured(call(t, "fcntl", 0, 3, 1025), newFake())
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
	{"fcntl_setfd_unknown_bit", nil, func(t *testing.T) *pcapng.Record {
		return captured(call(t, "fcntl", 0, 3, 2, 3), newFake())
	}},
	{"fcntl_notify_unknown", nil, func(t *testing.T) *pcapng.Record {
		return captured(call(t, "fcntl", 0, 3, 1026, 0x40), newFake())
	}},
	{"fcntl_add_seals_unknown", nil, func(t *testing.T) *pcapng.Record {
		return captured(call(t, "fcntl", errEINVAL, 4, 1033, 0x100), newFake())
	}},
	{"fcntl_setsig_rt", nil, func(t *testing.T) *pcapng.Record {
		return captured(call(t, "fcntl", 0, 3, 10, 40), newFake())
	}},
	{"fcntl_getsig_rt", nil, func(t *testing.T) *pcapng.Record {
		return captured(call(t, "fcntl", 40, 3, 11), newFake())
	}},
	{"fcntl_dupfd_int_minus1", nil, func(t *testing.T) *pcapng.Record {
		return captured(call(t, "fcntl", errEINVAL, 3, 0, 0xffffffff), newFake())
	}},
	{"fcntl_dupfd_long_minus1", nil, func(t *testing.T) *pcapng.Record {
		return captured(call(t, "fcntl", errEINVAL, 3, 0, 0xffffffffffffffff), newFake())
	}},
	{"fcntl_setown_minus1", nil, func(t *testing.T) *pcapng.Record {
		return captured(call(t, "fcntl", 0, 3, 8, 0xffffffff), newFake())
	}},
	{"fcntl_setown_ex_unknown", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(call(t, "fcntl", errEINVAL, 3, 15, f.bytes(0x3000, le(nil, 4, 7, 4, 0))), f)
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
	{"i386_fcntl64_dupfd_minus1", nil, func(t *testing.T) *pcapng.Record {
		return captured(callOn(t, AuditArchI386, "fcntl64", errEINVAL, 3, 0, 0xffffffff), newFake())
	}},
	{"i386_fcntl64_getfl_rdonly", nil, func(t *testing.T) *pcapng.Record {
		return captured(callOn(t, AuditArchI386, "fcntl64", 0, 4, 3), newFake())
	}},

	// sigevent: the value only when non-zero, the signal named only for
	// the notifications that send one.
	{"timer_create_zero_value", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(call(t, "timer_create", 0, 0, f.bytes(0x3000, sigevent64(0, 14, 0, 0)), f.bytes(0x4000, le(nil, 4, 0))), f)
	}},
	{"timer_create_value", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(call(t, "timer_create", 0, 1, f.bytes(0x3000, sigevent64(42, 14, 0, 0)), f.bytes(0x4000, le(nil, 4, 1))), f)
	}},
	{"timer_create_none", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(call(t, "timer_create", 0, 1, f.bytes(0x3000, sigevent64(42, 14, 1, 0)), f.bytes(0x4000, le(nil, 4, 2))), f)
	}},
	{"timer_create_thread", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(call(t, "timer_create", 0, 1, f.bytes(0x3000, sigevent64(0x1234, 14, 2, 0x5678)), f.bytes(0x4000, le(nil, 4, 3))), f)
	}},
	{"timer_create_unknown_notify", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(call(t, "timer_create", errEINVAL, 1, f.bytes(0x3000, sigevent64(0x1234, 14, 9, 0)), 0x7fff31f0c8b8), f)
	}},
	{"mq_notify_signal", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(call(t, "mq_notify", 0, 3, f.bytes(0x3000, sigevent64(0, 12, 0, 0))), f)
	}},
	{"mq_notify_none", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(call(t, "mq_notify", 0, 3, f.bytes(0x3000, sigevent64(7, 12, 1, 0))), f)
	}},
	{"mq_notify_null", nil, func(t *testing.T) *pcapng.Record {
		return captured(call(t, "mq_notify", 0, 3, 0), newFake())
	}},
	{"mq_open_creat", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(call(t, "mq_open", 3, f.str(0x2000, "stracedump-timers"), 0o302, 0o600, f.bytes(0x3000, mqAttr64(0))), f)
	}},
	{"mq_open_rdonly", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(call(t, "mq_open", errENOENT, f.str(0x2000, "stracedump-none"), 0), f)
	}},
	{"mq_getsetattr", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(call(t, "mq_getsetattr", 0, 3, f.bytes(0x3000, mqAttr64(0o4000)), f.bytes(0x4000, mqAttr64(0))), f)
	}},
	{"mq_timedsend", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(call(t, "mq_timedsend", 0, 3, f.str(0x2000, "world"), 5, 1, f.bytes(0x3000, le(nil, 8, 1, 8, 0))), f)
	}},
	{"mq_timedreceive", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(call(t, "mq_timedreceive", 5, 3, f.str(0x2000, "hello"), 16, f.bytes(0x3000, le(nil, 4, 3)), 0), f)
	}},
	{"mq_timedreceive_timedout", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(call(t, "mq_timedreceive", -110, 3, 0x7fff31f0c8d0, 16, 0x7fff31f0c8b4, f.bytes(0x3000, le(nil, 8, 1, 8, 0))), f)
	}},

	// A sleep's remaining time shows after a restart code only.
	{"nanosleep_interrupted", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(call(t, "nanosleep", -516, f.bytes(0x3000, le(nil, 8, 5, 8, 0)), f.bytes(0x4000, le(nil, 8, 4, 8, 26748))), f)
	}},
	{"nanosleep_done", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(call(t, "nanosleep", 0, f.bytes(0x3000, le(nil, 8, 0, 8, 1000)), f.bytes(0x7fff4ccadaf0, le(nil, 8, 7, 8, 7))), f)
	}},
	{"nanosleep_efault", nil, func(t *testing.T) *pcapng.Record {
		return captured(call(t, "nanosleep", errEFAULT, 8, 0x7fff31f0c8f0), newFake())
	}},
	{"clock_nanosleep_interrupted", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(call(t, "clock_nanosleep", -516, 1, 0, f.bytes(0x3000, le(nil, 8, 5, 8, 0)), f.bytes(0x4000, le(nil, 8, 3, 8, 999956575))), f)
	}},
	{"clock_nanosleep_null", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(call(t, "clock_nanosleep", -516, 0, 0, f.bytes(0x3000, le(nil, 8, 5, 8, 0)), 0), f)
	}},
	{"clock_nanosleep_abstime", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(call(t, "clock_nanosleep", -514, 1, 1, f.bytes(0x3000, le(nil, 8, 20455, 8, 328898158)), f.bytes(0x7fff31f0c8f0, le(nil, 8, 1, 8, 1))), f)
	}},

	// i386: a 4-byte sival_ptr and longs in mq_attr, 32-bit timespecs.
	{"i386_timer_create_value", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(callOn(t, AuditArchI386, "timer_create", 0, 1, f.bytes(0x3000, sigevent32(42, 14, 0, 0)), f.bytes(0x4000, le(nil, 4, 1))), f)
	}},
	{"i386_timer_create_thread", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(callOn(t, AuditArchI386, "timer_create", 0, 1, f.bytes(0x3000, sigevent32(0x1234, 14, 2, 0x5678)), f.bytes(0x4000, le(nil, 4, 3))), f)
	}},
	{"i386_mq_getsetattr", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(callOn(t, AuditArchI386, "mq_getsetattr", 0, 3, 0, f.bytes(0x4000, append(le(nil, 4, 0o4000, 4, 4, 4, 16, 4, 0), make([]byte, 16)...))), f)
	}},
	{"i386_nanosleep_interrupted", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(callOn(t, AuditArchI386, "nanosleep", -516, f.bytes(0x3000, le(nil, 4, 5, 4, 0)), f.bytes(0x4000, le(nil, 4, 4, 4, 26748))), f)
	}},

	// NUMA: node masks of maxnode-1 bits in words of the tracee's width.
	{"get_mempolicy_mems_allowed", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(call(t, "get_mempolicy", 0, f.bytes(0x3000, le(nil, 4, 0)), f.bytes(0x4000, le(nil, 8, 1, 8, 0)), 128, 0, 4), f)
	}},
	{"get_mempolicy_addr", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(call(t, "get_mempolicy", 0, f.bytes(0x3000, le(nil, 4, 0)), 0, 0, 0x7ffff7fbe000, 3), f)
	}},
	{"get_mempolicy_bind", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(call(t, "get_mempolicy", 0, f.bytes(0x3000, le(nil, 4, 2)), f.bytes(0x4000, le(nil, 8, 1)), 64, 0, 0), f)
	}},
	{"get_mempolicy_unknown_flags", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(call(t, "get_mempolicy", errEINVAL, f.bytes(0x7fffffffe33c, le(nil, 4, 0)), 0, 0, 0, 0x10), f)
	}},
	{"set_mempolicy_static", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(call(t, "set_mempolicy", 0, 1|1<<15, f.bytes(0x4000, le(nil, 8, 1)), 3), f)
	}},
	{"set_mempolicy_unknown", nil, func(t *testing.T) *pcapng.Record {
		return captured(call(t, "set_mempolicy", errEINVAL, 99, 0, 0), newFake())
	}},
	{"set_mempolicy_unknown_with_flag", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(call(t, "set_mempolicy", errEINVAL, 0x1002|1<<13, f.bytes(0x4000, le(nil, 8, 1)), 2), f)
	}},
	{"set_mempolicy_empty", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(call(t, "set_mempolicy", errEINVAL, 0, f.bytes(0x4000, le(nil, 8, 1)), 0), f)
	}},
	{"set_mempolicy_one_bit", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(call(t, "set_mempolicy", 0, 0, f.bytes(0x7fffffffe370, le(nil, 8, 1)), 1), f)
	}},
	{"set_mempolicy_two_words", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(call(t, "set_mempolicy", errEINVAL, 0, f.bytes(0x4000, le(nil, 8, 1, 8, 0)), 66), f)
	}},
	{"set_mempolicy_past_limit", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(call(t, "set_mempolicy", 0, 2, f.bytes(0x4000, append(le(nil, 8, 1), make([]byte, 39*8)...)), 64*40), f)
	}},
	{"mbind", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(call(t, "mbind", 0, 0x7ffff7fbe000, 8192, 3, f.bytes(0x4000, le(nil, 8, 1)), 64, 3), f)
	}},
	{"migrate_pages", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(call(t, "migrate_pages", 0, 0, 64, f.bytes(0x4000, le(nil, 8, 1)), f.bytes(0x5000, le(nil, 8, 1))), f)
	}},
	{"move_pages", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(call(t, "move_pages", 0, 0, 2, f.bytes(0x3000, le(nil, 8, 0x7ffff7fbe000, 8, 0x7ffff7fbf000)), f.bytes(0x4000, le(nil, 4, 0, 4, 0)),
			f.bytes(0x5000, le(nil, 4, 0, 4, -2)), 2), f)
	}},
	{"move_pages_xverbose", func(o *Options) { o.Xlat = XlatVerbose }, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(call(t, "move_pages", 0, 0, 2, f.bytes(0x3000, le(nil, 8, 0x7ffff7fbe000, 8, 0x7ffff7fbf000)), 0,
			f.bytes(0x5000, le(nil, 4, 0, 4, -2)), 0), f)
	}},
	{"get_mempolicy_xverbose", func(o *Options) { o.Xlat = XlatVerbose }, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(call(t, "get_mempolicy", 0, f.bytes(0x3000, le(nil, 4, 0)), f.bytes(0x4000, le(nil, 8, 1, 8, 0)), 128, 0, 4), f)
	}},
	{"move_pages_unknown_flag", nil, func(t *testing.T) *pcapng.Record {
		return captured(call(t, "move_pages", errEINVAL, 0, 1, 0x10, 0, 0x20, 8), newFake())
	}},

	// i386: 32-bit words in node masks (8 hex digits) and page arrays.
	{"i386_get_mempolicy_mems_allowed", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(callOn(t, AuditArchI386, "get_mempolicy", 0, f.bytes(0x3000, le(nil, 4, 0)), f.bytes(0x4000, le(nil, 4, 1, 4, 0)), 64, 0, 4), f)
	}},
	{"i386_move_pages", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(callOn(t, AuditArchI386, "move_pages", 0, 0, 2, f.bytes(0x3000, le(nil, 4, 0xf7fbe000, 4, 0xf7fbf000)), 0,
			f.bytes(0x5000, le(nil, 4, 0, 4, -2)), 0), f)
	}},
	// i386's clock_nanosleep_time64, which glibc's nanosleep calls there,
	// and mq_timedreceive_time64 take 64-bit timespecs.
	{"i386_clock_nanosleep_time64_interrupted", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(callOn(t, AuditArchI386, "clock_nanosleep_time64", -516, 1, 0, f.bytes(0x3000, le(nil, 8, 5, 8, 0)), f.bytes(0x4000, le(nil, 8, 4, 8, 980079431))), f)
	}},
	{"i386_clock_nanosleep_time64_done", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(callOn(t, AuditArchI386, "clock_nanosleep_time64", 0, 1, 0, f.bytes(0x3000, le(nil, 8, 0, 8, 1000)), f.bytes(0xffd0b190, le(nil, 8, 0, 8, 0))), f)
	}},
	{"i386_mq_timedreceive_time64", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(callOn(t, AuditArchI386, "mq_timedreceive_time64", 5, 3, f.str(0x2000, "hello"), 16, f.bytes(0x3000, le(nil, 4, 3)), f.bytes(0x4000, le(nil, 8, 1, 8, 0))), f)
	}},
	// i386's sigreturn (handlers without SA_SIGINFO, as timers' on i386):
	// the mask from the sigcontext at the stack pointer and the extramask
	// after the FPU state; the line strace 6.1 printed for timers32.
	{"i386_sigreturn", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		f.sp = 0xffffc000
		frame := make([]byte, 716)
		copy(frame[80:], le(nil, 4, 1<<(17-1)))
		f.bytes(0xffffc000, frame)
		return captured(callOn(t, AuditArchI386, "sigreturn", -4), f)
	}},
	{"i386_sigreturn_rt_half", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		f.sp = 0xffffc000
		frame := make([]byte, 716)
		copy(frame[80:], le(nil, 4, 1<<(14-1)))
		copy(frame[712:], le(nil, 4, 1<<(34-33)))
		f.bytes(0xffffc000, frame)
		return captured(callOn(t, AuditArchI386, "sigreturn", -4), f)
	}},
	{"i386_sigreturn_unreadable", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		f.sp = 0xffffc000
		return captured(callOn(t, AuditArchI386, "sigreturn", -4), f)
	}},
}

// sigevent64 and sigevent32 lay out a struct sigevent (64 bytes) as an
// x86_64 and an i386 tracee hold it: value, signal, notify, then the
// thread function or thread id.
func sigevent64(val uint64, signo, notify int, fn uint64) []byte {
	return append(le(nil, 8, val, 4, signo, 4, notify, 8, fn), make([]byte, 40)...)
}

func sigevent32(val uint64, signo, notify int, fn uint64) []byte {
	return append(le(nil, 4, val, 4, signo, 4, notify, 4, fn), make([]byte, 48)...)
}

// mqAttr64 is an x86_64 struct mq_attr of 4 messages of 16 bytes.
func mqAttr64(flags uint64) []byte {
	return append(le(nil, 8, flags, 8, 4, 8, 16, 8, 0), make([]byte, 32)...)
}

func TestFamiliesGolden(t *testing.T) { runGolden(t, "testdata/families.golden", familyCases) }
