package tracer

import (
	"fmt"
	"net"
	"os"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/stracedump/stracedump/decoder"
)

// fdInfoOf asks the kernel about the test's own fd as the tracer asks about
// a tracee's.
func fdInfoOf(t *testing.T, fd int) (decoder.FDInfo, bool) {
	t.Helper()
	link := fmt.Sprintf("/proc/%d/fd/%d", os.Getpid(), fd)
	target, err := os.Readlink(link)
	if err != nil {
		t.Fatal(err)
	}
	m := memSource{tid: os.Getpid(), socks: &sockInfoCache{}}
	d, final, err := m.readFDInfo(int32(fd), target)
	if err != nil {
		t.Fatalf("%s (%s): %v", link, target, err)
	}
	info, ok := decoder.ParseFDInfo(d)
	if !ok {
		t.Fatalf("%s: malformed details % x", link, d)
	}
	return info, final
}

// The sock_diag answers for loopback sockets of this process: a listening
// TCP socket's address, a connected one's both ends, a UDP socket, a unix
// pair's peers, a netlink socket's port id, /dev/null's numbers.
func TestSocketDetailsFromKernel(t *testing.T) {
	// Plain TCP sockets by hand: Go's net listens with MPTCP where it can.
	lo := &unix.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}
	ls, err := unix.Socket(unix.AF_INET, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer unix.Close(ls)
	if err := unix.Bind(ls, lo); err != nil {
		t.Fatal(err)
	}
	if err := unix.Listen(ls, 1); err != nil {
		t.Fatal(err)
	}
	lsa, _ := unix.Getsockname(ls)
	port := uint16(lsa.(*unix.SockaddrInet4).Port)
	info, final := fdInfoOf(t, ls)
	if !final || info.Proto != "TCP" || info.Family != unix.AF_INET || info.SrcPort != port || info.DstPort != 0 {
		t.Errorf("listening socket: %+v (final %v), want TCP 127.0.0.1:%d", info, final, port)
	}

	c, err := unix.Socket(unix.AF_INET, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer unix.Close(c)
	info, final = fdInfoOf(t, c)
	if final || info.Proto != "TCP" || info.Family != 0 {
		t.Errorf("unbound socket: %+v (final %v), want TCP:[INODE], asked again later", info, final)
	}
	if err := unix.Connect(c, &unix.SockaddrInet4{Addr: lo.Addr, Port: int(port)}); err != nil {
		t.Fatal(err)
	}
	csa, _ := unix.Getsockname(c)
	cport := csa.(*unix.SockaddrInet4).Port
	info, _ = fdInfoOf(t, c)
	if info.Family != unix.AF_INET || info.DstPort != port || int(info.SrcPort) != cport ||
		string(info.Src) != "\x7f\x00\x00\x01" || string(info.Dst) != "\x7f\x00\x00\x01" {
		t.Errorf("connected socket: %+v, want 127.0.0.1:%d->127.0.0.1:%d", info, cport, port)
	}

	// An MPTCP listener, a name strace 6.1 does not know: named after the
	// first protocol that reports its inode, as strace does.
	if ln, err := net.Listen("tcp4", "127.0.0.1:0"); err == nil {
		defer ln.Close()
		lf, _ := ln.(*net.TCPListener).File()
		defer lf.Close()
		var buf [16]byte
		if n, _ := unix.Getxattr(fmt.Sprintf("/proc/self/fd/%d", lf.Fd()), "system.sockprotoname", buf[:]); n > 0 && string(buf[:5]) == "MPTCP" {
			info, final = fdInfoOf(t, int(lf.Fd()))
			if !final || info.Proto != "TCP" || int(info.SrcPort) != ln.Addr().(*net.TCPAddr).Port {
				t.Errorf("MPTCP listener: %+v (final %v), want TCP:[127.0.0.1:%d]", info, final, ln.Addr().(*net.TCPAddr).Port)
			}
		}
	}

	u, err := net.ListenUDP("udp6", &net.UDPAddr{IP: net.IPv6loopback})
	if err != nil {
		t.Skipf("no ::1 here: %v", err)
	}
	defer u.Close()
	uf, _ := u.File()
	defer uf.Close()
	info, _ = fdInfoOf(t, int(uf.Fd()))
	if info.Proto != "UDPv6" || info.Family != unix.AF_INET6 || int(info.SrcPort) != u.LocalAddr().(*net.UDPAddr).Port || info.Src[15] != 1 {
		t.Errorf("udp6 socket: %+v", info)
	}

	pair, err := unix.Socketpair(unix.AF_UNIX, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer unix.Close(pair[0])
	defer unix.Close(pair[1])
	var st0, st1 unix.Stat_t
	unix.Fstat(pair[0], &st0)
	unix.Fstat(pair[1], &st1)
	info, _ = fdInfoOf(t, pair[0])
	if info.Proto != "UNIX-STREAM" || info.Family != unix.AF_UNIX || uint64(info.Inode) != st0.Ino || uint64(info.Peer) != st1.Ino || len(info.Path) != 0 {
		t.Errorf("unix pair: %+v, want UNIX-STREAM:[%d->%d]", info, st0.Ino, st1.Ino)
	}

	nl, err := unix.Socket(unix.AF_NETLINK, unix.SOCK_RAW|unix.SOCK_CLOEXEC, unix.NETLINK_ROUTE)
	if err != nil {
		t.Fatal(err)
	}
	defer unix.Close(nl)
	info, final = fdInfoOf(t, nl)
	if final || info.Proto != "NETLINK" || info.Family != 0 {
		t.Errorf("unbound netlink socket: %+v (final %v), want NETLINK:[INODE], asked again later", info, final)
	}
	if err := unix.Bind(nl, &unix.SockaddrNetlink{Family: unix.AF_NETLINK}); err != nil {
		t.Fatal(err)
	}
	sa, _ := unix.Getsockname(nl)
	info, _ = fdInfoOf(t, nl)
	if info.Family != unix.AF_NETLINK || info.NetlinkProto != unix.NETLINK_ROUTE || info.PortID != sa.(*unix.SockaddrNetlink).Pid {
		t.Errorf("bound netlink socket: %+v, want ROUTE:%d", info, sa.(*unix.SockaddrNetlink).Pid)
	}

	null, err := os.Open("/dev/null")
	if err != nil {
		t.Fatal(err)
	}
	defer null.Close()
	info, _ = fdInfoOf(t, int(null.Fd()))
	if info.Kind != decoder.FDInfoChar || info.Major != 1 || info.Minor != 3 {
		t.Errorf("/dev/null: %+v, want char 1:3", info)
	}
}
