package decoder

import (
	"testing"

	"github.com/stracedump/stracedump/pcapng"
)

// The ioctl families' golden lines: records built as a program made each
// request, the x86_64 ones on a machine whose strace 6.1 printed the
// same calls with these values (testdata/ioctl.golden; the program's
// addresses replaced by the fixtures'). The i386 ones lay out the same
// calls in the 32-bit ABI: struct ifreq of 32 bytes, BLKGETSIZE64's own
// number, longs of 4 bytes; testdata/i386_ioctls.pcapng is a real 32-bit
// program's requests, which TestConformance holds to strace's text.

const errENODEV, errEOPNOTSUPP, errEBUSY = -19, -95, -16

// changing captures r's entry against f, lets the kernel's answer change
// f, then captures the exit, as a call that fills its argument does.
func changing(r *pcapng.Record, f *fakeTracee, kernel func()) *pcapng.Record {
	d := New(CaptureOptions(32))
	d.Capture(r, NewRecorder(r, false, f), false)
	kernel()
	d.Capture(r, NewRecorder(r, true, f), true)
	return r
}

// ifreq64 is an x86_64 struct ifreq (40 bytes): a name and the union's
// first bytes.
func ifreq64(name string, union []byte) []byte { return ifreqOf(40, name, union) }

// ifreq32 is an i386 struct ifreq (32 bytes).
func ifreq32(name string, union []byte) []byte { return ifreqOf(32, name, union) }

func ifreqOf(size int, name string, union []byte) []byte {
	b := make([]byte, size)
	copy(b, name)
	copy(b[16:], union)
	return b
}

var ioctlCases = []goldenCase{
	// Network interfaces, on a datagram socket.
	{"siocgifconf", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		r := call(t, "ioctl", 0, 3, 0x8912, 0x3000)
		f.bytes(0x3000, le(nil, 4, 1024, 4, 0, 8, 0x4000))
		f.bytes(0x4000, make([]byte, 80))
		return changing(r, f, func() {
			f.bytes(0x3000, le(nil, 4, 80, 4, 0, 8, 0x4000))
			f.bytes(0x4000, append(ifreq64("lo", sockaddrIn4(0, 127, 0, 0, 1)), ifreq64("eth0", sockaddrIn4(0, 192, 0, 2, 2))...))
		})
	}},
	{"siocgifconf_null", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		r := call(t, "ioctl", 0, 3, 0x8912, 0x3000)
		f.bytes(0x3000, le(nil, 4, 0, 4, 0, 8, 0))
		return changing(r, f, func() { f.bytes(0x3000, le(nil, 4, 80, 4, 0, 8, 0)) })
	}},
	{"siocgifflags", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		r := call(t, "ioctl", 0, 3, 0x8913, 0x3000)
		f.bytes(0x3000, ifreq64("lo", nil))
		return changing(r, f, func() { f.bytes(0x3000, ifreq64("lo", le(nil, 2, 0x49))) })
	}},
	{"siocsifflags", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(call(t, "ioctl", 0, 3, 0x8914, f.bytes(0x3000, ifreq64("lo", le(nil, 2, 0x49)))), f)
	}},
	{"siocgifindex", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		r := call(t, "ioctl", 0, 3, 0x8933, 0x3000)
		f.bytes(0x3000, ifreq64("lo", nil))
		return changing(r, f, func() { f.bytes(0x3000, ifreq64("lo", le(nil, 4, 1))) })
	}},
	{"siocgifname", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		r := call(t, "ioctl", 0, 3, 0x8910, 0x3000)
		f.bytes(0x3000, ifreq64("", le(nil, 4, 1)))
		return changing(r, f, func() { f.bytes(0x3000, ifreq64("lo", le(nil, 4, 1))) })
	}},
	{"siocgifname_enodev", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(call(t, "ioctl", errENODEV, 3, 0x8910, f.bytes(0x3000, ifreq64("", le(nil, 4, 999)))), f)
	}},
	{"siocgifhwaddr", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		r := call(t, "ioctl", 0, 3, 0x8927, 0x3000)
		f.bytes(0x3000, ifreq64("lo", nil))
		return changing(r, f, func() { f.bytes(0x3000, ifreq64("lo", le(nil, 2, 772))) })
	}},
	{"siocgifmtu", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		r := call(t, "ioctl", 0, 3, 0x8921, 0x3000)
		f.bytes(0x3000, ifreq64("lo", nil))
		return changing(r, f, func() { f.bytes(0x3000, ifreq64("lo", le(nil, 4, 65536))) })
	}},
	{"siocgifnetmask", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		r := call(t, "ioctl", 0, 3, 0x891b, 0x3000)
		f.bytes(0x3000, ifreq64("lo", nil))
		return changing(r, f, func() { f.bytes(0x3000, ifreq64("lo", sockaddrIn4(0, 255, 0, 0, 0))) })
	}},
	{"siocgifmap", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		r := call(t, "ioctl", 0, 3, 0x8970, 0x3000)
		f.bytes(0x3000, ifreq64("lo", nil))
		return changing(r, f, func() {})
	}},
	{"siocgifflags_enodev", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(call(t, "ioctl", errENODEV, 3, 0x8913, f.bytes(0x3000, ifreq64("nosuch0", nil))), f)
	}},
	{"siocethtool", nil, func(t *testing.T) *pcapng.Record {
		return captured(call(t, "ioctl", errEOPNOTSUPP, 3, 0x8946, 0x7ffe94204be0), newFake())
	}},
	{"siocatmark_enotty", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(call(t, "ioctl", errENOTTY, 3, 0x8905, f.bytes(0x7ffe942046cc, le(nil, 4, 0))), f)
	}},
	{"fiogetown", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(call(t, "ioctl", 0, 3, 0x8903, f.bytes(0x3000, le(nil, 4, 0))), f)
	}},
	{"fiosetown", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(call(t, "ioctl", 0, 3, 0x8901, f.bytes(0x3000, le(nil, 4, 0))), f)
	}},
	{"siocgstamp_old", nil, func(t *testing.T) *pcapng.Record {
		return captured(call(t, "ioctl", errENOENT, 3, 0x8906, 0x7ffe942046b0), newFake())
	}},
	// The random pool, on /dev/urandom.
	{"rndgetentcnt", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(call(t, "ioctl", 0, 4, 0x80045200, f.bytes(0x3000, le(nil, 4, 256))), f)
	}},
	{"rndaddtoentcnt", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(call(t, "ioctl", 0, 4, 0x40045201, f.bytes(0x3000, le(nil, 4, 0))), f)
	}},
	{"rndzapentcnt", nil, func(t *testing.T) *pcapng.Record {
		return captured(call(t, "ioctl", 0, 4, 0x5204, 0x7ffe942046cc), newFake())
	}},
	{"rndaddentropy", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(call(t, "ioctl", 0, 4, 0x40085203, f.bytes(0x3000, le(nil, 4, 8, 4, 8, 4, 1, 4, 2))), f)
	}},
	// Block requests, on a loop device and on a regular file.
	{"blkgetsize64", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(call(t, "ioctl", 0, 5, 0x80081272, f.bytes(0x3000, le(nil, 8, 1048576))), f)
	}},
	{"blkgetsize", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(call(t, "ioctl", 0, 5, 0x1260, f.bytes(0x3000, le(nil, 8, 2048))), f)
	}},
	{"blksectget", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(call(t, "ioctl", 0, 5, 0x1267, f.bytes(0x3000, le(nil, 2, 2560))), f)
	}},
	{"blkraget", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(call(t, "ioctl", 0, 5, 0x1263, f.bytes(0x3000, le(nil, 8, 5120))), f)
	}},
	{"blkpbszget", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(call(t, "ioctl", 0, 5, 0x127b, f.bytes(0x3000, le(nil, 4, 512))), f)
	}},
	{"blkdiscard", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(call(t, "ioctl", 0, 5, 0x1277, f.bytes(0x3000, le(nil, 8, 0, 8, 4096))), f)
	}},
	{"blkrraset", nil, func(t *testing.T) *pcapng.Record { return captured(call(t, "ioctl", 0, 5, 0x1262, 256), newFake()) }},
	{"blkflsbuf", nil, func(t *testing.T) *pcapng.Record { return captured(call(t, "ioctl", 0, 5, 0x1261, 0), newFake()) }},
	{"blksszget_enotty", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(call(t, "ioctl", errENOTTY, 5, 0x1268, f.bytes(0x7ffe9420467c, le(nil, 4, 0))), f)
	}},
	// Loop devices and /dev/loop-control.
	{"loop_ctl_get_free", nil, func(t *testing.T) *pcapng.Record { return captured(call(t, "ioctl", 0, 3, 0x4c82, 0), newFake()) }},
	{"loop_configure", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(call(t, "ioctl", 0, 5, 0x4c0a, f.bytes(0x3000, loopConfig(4, 512, loopInfo64(4, "back.img")))), f)
	}},
	{"loop_configure_v", func(o *Options) { o.Verbose = true }, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(call(t, "ioctl", 0, 5, 0x4c0a, f.bytes(0x3000, loopConfig(4, 512, loopInfo64(4, "back.img")))), f)
	}},
	{"loop_get_status64", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(call(t, "ioctl", 0, 5, 0x4c05, f.bytes(0x3000, loopInfo64(4, "back.img"))), f)
	}},
	{"loop_set_block_size", nil, func(t *testing.T) *pcapng.Record { return captured(call(t, "ioctl", 0, 5, 0x4c09, 1024), newFake()) }},
	{"loop_set_fd_ebusy", nil, func(t *testing.T) *pcapng.Record {
		return captured(call(t, "ioctl", errEBUSY, 5, 0x4c00, 4), newFake())
	}},
	{"loop_ctl_add", nil, func(t *testing.T) *pcapng.Record {
		return captured(call(t, "ioctl", 77777, 3, 0x4c80, 77777), newFake())
	}},
	// A request of no name: its _IOC() decoding and the argument in hex.
	{"ioc_unknown", nil, func(t *testing.T) *pcapng.Record {
		return captured(call(t, "ioctl", errENOTTY, 5, 0x40045899, 0), newFake())
	}},
	{"ioc_unknown_none", nil, func(t *testing.T) *pcapng.Record {
		return captured(call(t, "ioctl", errENOTTY, 5, 0x1234, 5), newFake())
	}},

	// Numbers strace names with their parameter.
	{"eviocgname", nil, func(t *testing.T) *pcapng.Record {
		return captured(call(t, "ioctl", errEBADF, 0xffffffff, 0x81004506, 0x7ffe94204be0), newFake())
	}},
	{"eviocgbit_ev_key", nil, func(t *testing.T) *pcapng.Record {
		return captured(call(t, "ioctl", errEBADF, 0xffffffff, 0x80604521, 0x7ffe94204be0), newFake())
	}},
	{"eviocgabs_unknown", nil, func(t *testing.T) *pcapng.Record {
		return captured(call(t, "ioctl", errEBADF, 0xffffffff, 0x8018457e, 0x7ffe94204be0), newFake())
	}},
	{"eviocgabs_unknown_verbose", func(o *Options) { o.Xlat = XlatVerbose }, func(t *testing.T) *pcapng.Record {
		return captured(call(t, "ioctl", errEBADF, 0xffffffff, 0x8018457e, 0x7ffe94204be0), newFake())
	}},
	{"mixer_read", nil, func(t *testing.T) *pcapng.Record {
		return captured(call(t, "ioctl", errEBADF, 0xffffffff, 0x80044d00, 0), newFake())
	}},
	{"hidiocgfeature", nil, func(t *testing.T) *pcapng.Record {
		return captured(call(t, "ioctl", errEBADF, 0xffffffff, 0xc0404807, 0), newFake())
	}},

	// i386.
	{"i386_siocgifconf", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		r := callOn(t, AuditArchI386, "ioctl", 0, 3, 0x8912, 0xffd0b000)
		f.bytes(0xffd0b000, le(nil, 4, 1024, 4, 0xffd0b100))
		f.bytes(0xffd0b100, make([]byte, 64))
		return changing(r, f, func() {
			f.bytes(0xffd0b000, le(nil, 4, 64, 4, 0xffd0b100))
			f.bytes(0xffd0b100, append(ifreq32("lo", sockaddrIn4(0, 127, 0, 0, 1)), ifreq32("eth0", sockaddrIn4(0, 192, 0, 2, 2))...))
		})
	}},
	{"i386_siocgifaddr", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		r := callOn(t, AuditArchI386, "ioctl", 0, 3, 0x8915, 0xffd0b000)
		f.bytes(0xffd0b000, ifreq32("lo", nil))
		return changing(r, f, func() { f.bytes(0xffd0b000, ifreq32("lo", sockaddrIn4(0, 127, 0, 0, 1))) })
	}},
	{"i386_siocgifmap", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		r := callOn(t, AuditArchI386, "ioctl", 0, 3, 0x8970, 0xffd0b000)
		f.bytes(0xffd0b000, ifreq32("lo", nil))
		return changing(r, f, func() { f.bytes(0xffd0b000, ifreq32("lo", le(nil, 4, 0xd0000, 4, 0xdffff, 2, 0x300, 1, 10))) })
	}},
	{"i386_siocethtool", nil, func(t *testing.T) *pcapng.Record {
		return captured(callOn(t, AuditArchI386, "ioctl", errEOPNOTSUPP, 3, 0x8946, 0xffd0b0c0), newFake())
	}},
	{"i386_blkgetsize64", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(callOn(t, AuditArchI386, "ioctl", 0, 5, 0x80041272, f.bytes(0xffd0b000, le(nil, 8, 1048576))), f)
	}},
	{"i386_blkgetsize", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(callOn(t, AuditArchI386, "ioctl", 0, 5, 0x1260, f.bytes(0xffd0b000, le(nil, 4, 2048))), f)
	}},
	{"i386_blkraget", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(callOn(t, AuditArchI386, "ioctl", 0, 5, 0x1263, f.bytes(0xffd0b000, le(nil, 4, 5120))), f)
	}},
	{"i386_blkbszget", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(callOn(t, AuditArchI386, "ioctl", 0, 5, 0x80041270, f.bytes(0xffd0b000, le(nil, 4, 4096))), f)
	}},
	{"i386_loop_get_status64", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(callOn(t, AuditArchI386, "ioctl", 0, 5, 0x4c05, f.bytes(0xffd0b000, loopInfo64(4, "back.img"))), f)
	}},
	{"i386_rndgetentcnt", nil, func(t *testing.T) *pcapng.Record {
		f := newFake()
		return captured(callOn(t, AuditArchI386, "ioctl", 0, 4, 0x80045200, f.bytes(0xffd0b000, le(nil, 4, 256))), f)
	}},
}

// loopInfo64 is a struct loop_info64 (232 bytes on every arch) of flags
// and a file name, the rest zero.
func loopInfo64(flags int, name string) []byte {
	b := make([]byte, 232)
	copy(b[52:], le(nil, 4, flags))
	copy(b[56:], name)
	return b
}

// loopConfig is a struct loop_config (304 bytes).
func loopConfig(fd, blockSize int, info []byte) []byte {
	return append(append(le(nil, 4, fd, 4, blockSize), info...), make([]byte, 64)...)
}

// TestIoctlGolden renders ioctlCases against testdata/ioctl.golden.
func TestIoctlGolden(t *testing.T) { runGolden(t, "testdata/ioctl.golden", ioctlCases) }
