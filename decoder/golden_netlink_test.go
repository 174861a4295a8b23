package decoder

import (
	"bufio"
	enchex "encoding/hex"
	"os"
	"strings"
	"testing"

	"github.com/stracedump/stracedump/pcapng"
)

// netlinkMsg is one line of testdata/netlink_msgs.txt: a buffer of
// netlink messages that testdata/netlink.c sends on a NETLINK_ROUTE or
// NETLINK_SOCK_DIAG socket, or an XFRM or audit one.
type netlinkMsg struct {
	name, socket string
	data         []byte
}

func netlinkMsgs(t *testing.T) []netlinkMsg {
	fh, err := os.Open("testdata/netlink_msgs.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	var ms []netlinkMsg
	sc := bufio.NewScanner(fh)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) != 3 || strings.HasPrefix(f[0], "#") {
			continue
		}
		b, err := enchex.DecodeString(f[2])
		if err != nil {
			t.Fatalf("%s: %v", f[0], err)
		}
		ms = append(ms, netlinkMsg{f[0], f[1], b})
	}
	return ms
}

// netlinkCase records netlink.c's sendto of m, as the tracer does: fd 3
// is its NETLINK_ROUTE socket, fd 4 NETLINK_SOCK_DIAG, 5 NETLINK_XFRM, 6
// NETLINK_AUDIT and 7 NETLINK_KOBJECT_UEVENT.
func netlinkCase(m netlinkMsg) func(t *testing.T) *pcapng.Record {
	return func(t *testing.T) *pcapng.Record {
		f := newFake()
		f.fds[3], f.fds[4], f.fds[5], f.fds[6], f.fds[7] = "socket:[1001]", "socket:[1002]", "socket:[1003]", "socket:[1004]", "socket:[1005]"
		f.infos = map[int32]FDInfo{
			3: {Kind: FDInfoSocket, Proto: "NETLINK", Inode: 1001, Family: afNetlink, NetlinkProto: 0, PortID: 100},
			4: {Kind: FDInfoSocket, Proto: "NETLINK", Inode: 1002, Family: afNetlink, NetlinkProto: 4, PortID: 200},
			5: {Kind: FDInfoSocket, Proto: "NETLINK", Inode: 1003, Family: afNetlink, NetlinkProto: 6, PortID: 300},
			6: {Kind: FDInfoSocket, Proto: "NETLINK", Inode: 1004, Family: afNetlink, NetlinkProto: 9, PortID: 400},
			7: {Kind: FDInfoSocket, Proto: "NETLINK", Inode: 1005, Family: afNetlink, NetlinkProto: 15, PortID: 500},
		}
		fd := map[string]uint64{"route": 3, "diag": 4, "xfrm": 5, "audit": 6, "uevent": 7}[m.socket]
		addr := f.bytes(0x5000, m.data)
		return captured(call(t, "sendto", int64(len(m.data)), fd, addr, uint64(len(m.data)), 0, 0, 0), f)
	}
}

// TestNetlinkGolden: netlink messages of NETLINK_ROUTE and
// NETLINK_SOCK_DIAG, well formed and not (short buffers, lengths past
// the buffer or below a header), print as strace 6.1 printed the sendto
// calls of testdata/netlink.c (`strace -o - ./netlink` on x86_64). The
// messages' layouts are the same on every arch.
func TestNetlinkGolden(t *testing.T) {
	var cases []goldenCase
	for _, m := range netlinkMsgs(t) {
		cases = append(cases, goldenCase{m.name, nil, netlinkCase(m)})
	}
	runGolden(t, "testdata/netlink.golden", cases)
}

// TestNetlinkGoldenVerbose: the same under -v, -X verbose and -x, the
// forms strace gives names, addresses and unprintable strings there.
func TestNetlinkGoldenVerbose(t *testing.T) {
	var cases []goldenCase
	for _, m := range netlinkMsgs(t) {
		cases = append(cases, goldenCase{m.name, func(o *Options) {
			o.Verbose, o.Xlat, o.HexStrings = true, XlatVerbose, 1
		}, netlinkCase(m)})
	}
	runGolden(t, "testdata/netlink.vxx.golden", cases)
}

// FuzzNetlink renders any bytes as the data of a netlink socket's sendto
// and recvmsg, of either protocol, with every option that changes what
// prints: none may panic, and a replay prints what the capture did. The
// seeds are the messages of TestNetlinkGolden.
func FuzzNetlink(f *testing.F) {
	for _, proto := range []uint8{0, 4} {
		f.Add(proto, []byte{1, 2, 3})
	}
	if fh, err := os.Open("testdata/netlink_msgs.txt"); err == nil {
		sc := bufio.NewScanner(fh)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			if fs := strings.Fields(sc.Text()); len(fs) == 3 && !strings.HasPrefix(fs[0], "#") {
				if b, err := enchex.DecodeString(fs[2]); err == nil {
					f.Add(map[string]uint8{"route": 0, "diag": 4, "xfrm": 6, "audit": 9, "uevent": 15}[fs[1]], b)
				}
			}
		}
		fh.Close()
	}
	f.Fuzz(func(t *testing.T, proto uint8, data []byte) {
		fk := newFake()
		fk.fds[3] = "socket:[1001]"
		fk.infos = map[int32]FDInfo{3: {Kind: FDInfoSocket, Proto: "NETLINK", Inode: 1001, Family: afNetlink, NetlinkProto: uint32(proto)}}
		addr := fk.bytes(0x5000, data)
		rec := captured(call(t, "sendto", int64(len(data)), 3, addr, uint64(len(data)), 0, 0, 0), fk)
		for _, o := range []Options{DefaultOptions(), {StringLimit: 4, Verbose: true, Xlat: XlatVerbose, HexStrings: 1},
			{StringLimit: 32, Xlat: XlatRaw, HexStrings: 2}} {
			if New(o).Line(rec) == "" {
				t.Fatal("empty line")
			}
		}
	})
}
