package decoder

import (
	"reflect"
	"testing"
)

// FDInfo's section layout reads back what was written, and a section that
// is cut short or too long is refused rather than misread.
func TestFDInfoLayout(t *testing.T) {
	infos := []FDInfo{
		{Kind: FDInfoChar, Major: 1, Minor: 3},
		{Kind: FDInfoBlock, Major: 259, Minor: 1 << 20},
		{Kind: FDInfoSocket, Proto: "TCP", Inode: 113359},
		{Kind: FDInfoSocket, Proto: "TCP", Inode: 1, Family: afInet, Src: []byte{127, 0, 0, 1}, SrcPort: 47283, Dst: []byte{127, 0, 0, 1}, DstPort: 8080},
		{Kind: FDInfoSocket, Proto: "UDPv6", Inode: 2, Family: afInet6, Src: append(make([]byte, 15), 1), SrcPort: 53, Dst: make([]byte, 16)},
		{Kind: FDInfoSocket, Proto: "UNIX-STREAM", Inode: 3, Family: afUnix, Peer: 4, Path: []byte("\x00abstract")},
		{Kind: FDInfoSocket, Proto: "UNIX", Inode: 5, Family: afUnix, Path: []byte{}},
		{Kind: FDInfoSocket, Proto: "NETLINK", Inode: 6, Family: afNetlink, NetlinkProto: 16, PortID: 4242},
		{Kind: FDInfoPidfd, PID: 7101},
		{Kind: FDInfoPidfd, PID: -1},
	}
	for _, in := range infos {
		b := in.AppendTo(nil)
		out, ok := ParseFDInfo(b)
		if !ok || !reflect.DeepEqual(out, in) {
			t.Errorf("%+v: read back %+v (ok %v) from % x", in, out, ok, b)
		}
		for n := 0; n < len(b); n++ {
			if _, ok := ParseFDInfo(b[:n]); ok && !(in.Family == afUnix && n >= len(b)-len(in.Path)) {
				t.Errorf("%+v: %d of %d bytes read as whole", in, n, len(b))
			}
		}
		if in.Family != afUnix {
			if _, ok := ParseFDInfo(append(b, 0)); ok {
				t.Errorf("%+v: a trailing byte was accepted", in)
			}
		}
	}
	if _, ok := ParseFDInfo([]byte{9}); ok {
		t.Error("an unknown kind was accepted")
	}
}
