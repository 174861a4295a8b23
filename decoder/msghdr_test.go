package decoder

import (
	"strings"
	"testing"

	"github.com/stracedump/stracedump/pcapng"
)

// recvmsg's msg_namelen as the caller set it shows before the kernel's
// value whenever they differ, a negative one too: strace's print_msghdr
// compares the two ints, with no sign test, and decodes the name with
// the smaller. (The kernel refuses a negative length, so only memory
// changed behind the call's back gives one; the differential Lua test
// made it.)
func TestRecvmsgNamelenChanged(t *testing.T) {
	for _, c := range []struct {
		entry, exit uint64
		want        string
	}{
		{0xffffffff, 16, "msg_name=0x1000, msg_namelen=-1 => 16, "},
		{8, 16, "msg_namelen=8 => 16, "},
		{16, 16, "msg_namelen=16, "},
	} {
		src := newFake()
		msg := src.words(0x2000, 0x1000, c.entry, 0, 0, 0, 0, 0)
		src.bytes(0x1000, []byte{2, 0, 0, 80, 127, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0})
		rec := call(t, "recvmsg", 0, 3, msg, 0)
		d := New(CaptureOptions(32))
		d.Capture(rec, NewRecorder(rec, false, src), false)
		src.words(0x2000, 0x1000, c.exit, 0, 0, 0, 0, 0)
		d.Capture(rec, NewRecorder(rec, true, src), true)
		rec.Kind = pcapng.KindSyscall
		line := New(DefaultOptions()).Line(rec)
		if !strings.Contains(line, c.want) {
			t.Errorf("msg_namelen %d at entry, %d at exit: %s\nwant it to hold %q", int32(c.entry), c.exit, line, c.want)
		}
	}
}
