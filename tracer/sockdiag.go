package tracer

import (
	"encoding/binary"
	"errors"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"

	"github.com/stracedump/stracedump/decoder"
)

// Socket endpoints for -yy, asked of the kernel as strace 6.1 asks: the
// socket's protocol name from the system.sockprotoname attribute of
// /proc/PID/fd/N, then a NETLINK_SOCK_DIAG query for its family (a dump of
// the protocol's sockets for inet and netlink, a lookup by inode for unix)
// and the message whose inode is the socket's.

// Netlink and sock_diag constants (include/uapi/linux/netlink.h,
// sock_diag.h, unix_diag.h, netlink_diag.h).
const (
	nlmsgError        = 2
	nlmsgDone         = 3
	nlmFRequest       = 0x1
	nlmFDump          = 0x300
	sockDiagByFamily  = 20
	nlmsgHdrLen       = 16
	unixDiagName      = 0
	unixDiagPeer      = 2
	udiagShowName     = 0x1
	udiagShowPeer     = 0x4
	ndiagProtoAll     = 255
	inetDiagMsgLen    = 72 // struct inet_diag_msg
	unixDiagMsgLen    = 16 // struct unix_diag_msg
	netlinkDiagMsgLen = 28 // struct netlink_diag_msg
)

// errNoInfo: the fd has nothing for -yy to add.
var errNoInfo = errors.New("no -yy details")

// sockInfoCache remembers sockets' details by inode, as strace's own cache
// does (1024 slots, indexed by the inode's low bits): once the kernel has
// reported a socket, strace shows what it reported then for as long as the
// slot holds it, even after the socket was connected, so a capture must
// too. Only answers are kept; a socket the kernel did not report is asked
// about again at its next call.
type sockInfoCache struct {
	slots [1024]struct {
		inode uint32
		data  []byte
	}
}

func (c *sockInfoCache) get(inode uint32) ([]byte, bool) {
	e := &c.slots[inode&1023]
	return e.data, e.data != nil && e.inode == inode
}

func (c *sockInfoCache) put(inode uint32, data []byte) {
	e := &c.slots[inode&1023]
	e.inode, e.data = inode, data
}

// socketInode reads N of "socket:[N]".
func socketInode(path string) (uint32, bool) {
	s, ok := strings.CutPrefix(path, "socket:[")
	if !ok || !strings.HasSuffix(s, "]") {
		return 0, false
	}
	n, err := strconv.ParseUint(s[:len(s)-1], 10, 32)
	return uint32(n), err == nil
}

// socketInfo returns the -yy details of the socket behind fdLink (a
// /proc/PID/fd/N path) with inode, and whether they are final (the kernel
// reported the socket) and may be cached.
func socketInfo(fdLink string, inode uint32) (data []byte, final bool, err error) {
	var buf [64]byte
	name := ""
	// Without the attribute the name is unknown, as for strace.
	if n, err := unix.Getxattr(fdLink, "system.sockprotoname", buf[:]); err == nil && n > 0 {
		name = string(buf[:n])
		if i := strings.IndexByte(name, 0); i >= 0 {
			name = name[:i]
		}
	}
	fd, err := unix.Socket(unix.AF_NETLINK, unix.SOCK_RAW|unix.SOCK_CLOEXEC, unix.NETLINK_SOCK_DIAG)
	if err != nil {
		return nil, false, errNoInfo
	}
	defer unix.Close(fd)
	info := decoder.FDInfo{Kind: decoder.FDInfoSocket, Proto: name, Inode: inode}
	if _, _, ok := decoder.SocketProtocol(name); !ok {
		// A name strace does not know (MPTCP, say): it asks each
		// protocol in turn and names the socket after the first that
		// reports it; when none does it shows "socket:[N]". strace asks
		// again at the next call; the answer is kept in the fd cache
		// instead, which bind, connect and listen clear: the loop may
		// make the kernel look for diag modules it lacks (a modprobe
		// each), too slow for every call on a packet socket.
		for _, p := range decoder.SocketProtocols() {
			info.Proto = p
			if socketDiag(fd, p, inode, &info) {
				return info.AppendTo(nil), true, nil
			}
		}
		return nil, true, errNoInfo
	}
	if socketDiag(fd, name, inode, &info) {
		return info.AppendTo(nil), true, nil
	}
	// strace then shows "TCP:[INODE]" and asks again next time.
	info = decoder.FDInfo{Kind: decoder.FDInfoSocket, Proto: name, Inode: inode}
	return info.AppendTo(nil), false, nil
}

// socketDiag asks over the NETLINK_SOCK_DIAG socket fd for the socket with
// inode among those of the protocol strace calls name, filling info's
// details; false when the kernel does not report it.
func socketDiag(fd int, name string, inode uint32, info *decoder.FDInfo) bool {
	family, proto, _ := decoder.SocketProtocol(name)
	switch family {
	case unix.AF_INET, unix.AF_INET6:
		return inetDiag(fd, family, proto, inode, info)
	case unix.AF_UNIX:
		return unixDiag(fd, inode, info)
	case unix.AF_NETLINK:
		return netlinkDiag(fd, inode, info)
	}
	return false
}

// diagQuery sends a SOCK_DIAG_BY_FAMILY request with body req and calls
// match on each answer's payload until match returns true (found), the
// kernel says it is done, or an error.
func diagQuery(fd int, flags uint16, req []byte, match func(msg []byte) bool) bool {
	b := make([]byte, nlmsgHdrLen, nlmsgHdrLen+len(req))
	binary.NativeEndian.PutUint32(b[0:], uint32(nlmsgHdrLen+len(req)))
	binary.NativeEndian.PutUint16(b[4:], sockDiagByFamily)
	binary.NativeEndian.PutUint16(b[6:], nlmFRequest|flags)
	b = append(b, req...)
	if err := unix.Sendto(fd, b, 0, &unix.SockaddrNetlink{Family: unix.AF_NETLINK}); err != nil {
		return false
	}
	rbuf := make([]byte, 32768)
	for {
		n, _, err := unix.Recvfrom(fd, rbuf, 0)
		if err == unix.EINTR {
			continue
		}
		if err != nil || n < nlmsgHdrLen {
			return false
		}
		msgs := rbuf[:n]
		for len(msgs) >= nlmsgHdrLen {
			l := int(binary.NativeEndian.Uint32(msgs))
			typ := binary.NativeEndian.Uint16(msgs[4:])
			if l < nlmsgHdrLen || l > len(msgs) {
				return false
			}
			switch typ {
			case nlmsgDone, nlmsgError:
				return false
			case sockDiagByFamily:
				if match(msgs[nlmsgHdrLen:l]) {
					return true
				}
			default:
				return false
			}
			l = (l + 3) &^ 3
			if l > len(msgs) {
				break
			}
			msgs = msgs[l:]
		}
		if flags&nlmFDump == 0 {
			return false
		}
	}
}

// inetDiag dumps the sockets of family and proto (struct
// inet_diag_req_v2, all states) for the one with inode.
func inetDiag(fd, family, proto int, inode uint32, info *decoder.FDInfo) bool {
	req := make([]byte, 56)
	req[0], req[1] = byte(family), byte(proto)
	binary.NativeEndian.PutUint32(req[4:], 0xffffffff) // idiag_states
	n := 4
	if family == unix.AF_INET6 {
		n = 16
	}
	return diagQuery(fd, nlmFDump, req, func(m []byte) bool {
		if len(m) < inetDiagMsgLen || binary.NativeEndian.Uint32(m[68:]) != inode {
			return false
		}
		if int(m[0]) != family {
			return false
		}
		// struct inet_diag_sockid at 4: sport, dport (network order),
		// src[16], dst[16].
		info.Family = m[0]
		info.SrcPort = binary.BigEndian.Uint16(m[4:])
		info.DstPort = binary.BigEndian.Uint16(m[6:])
		info.Src = append([]byte(nil), m[8:8+n]...)
		info.Dst = append([]byte(nil), m[24:24+n]...)
		return true
	})
}

// unixDiag asks for the unix socket with inode, its name and peer (struct
// unix_diag_req).
func unixDiag(fd int, inode uint32, info *decoder.FDInfo) bool {
	req := make([]byte, 24)
	req[0] = unix.AF_UNIX
	binary.NativeEndian.PutUint32(req[4:], 0xffffffff) // udiag_states
	binary.NativeEndian.PutUint32(req[8:], inode)
	binary.NativeEndian.PutUint32(req[12:], udiagShowName|udiagShowPeer)
	binary.NativeEndian.PutUint32(req[16:], 0xffffffff) // no cookie
	binary.NativeEndian.PutUint32(req[20:], 0xffffffff)
	return diagQuery(fd, 0, req, func(m []byte) bool {
		if len(m) < unixDiagMsgLen || binary.NativeEndian.Uint32(m[4:]) != inode || m[0] != unix.AF_UNIX {
			return false
		}
		var peer uint32
		var name []byte
		named := false
		for a := m[unixDiagMsgLen:]; len(a) >= 4; {
			l := int(binary.NativeEndian.Uint16(a))
			typ := binary.NativeEndian.Uint16(a[2:])
			if l < 4 || l > len(a) {
				break
			}
			switch typ {
			case unixDiagName:
				if !named {
					name, named = append([]byte(nil), a[4:l]...), true
				}
			case unixDiagPeer:
				if l >= 8 {
					peer = binary.NativeEndian.Uint32(a[4:])
				}
			}
			l = (l + 3) &^ 3
			if l > len(a) {
				break
			}
			a = a[l:]
		}
		info.Family, info.Peer, info.Path = unix.AF_UNIX, peer, name
		// strace keeps nothing of a socket with neither: it asks again.
		return peer != 0 || len(name) > 0
	})
}

// netlinkDiag dumps the netlink sockets of every protocol (struct
// netlink_diag_req) for the one with inode.
func netlinkDiag(fd int, inode uint32, info *decoder.FDInfo) bool {
	req := make([]byte, 20)
	req[0], req[1] = unix.AF_NETLINK, ndiagProtoAll
	return diagQuery(fd, nlmFDump, req, func(m []byte) bool {
		if len(m) < netlinkDiagMsgLen || binary.NativeEndian.Uint32(m[16:]) != inode || m[0] != unix.AF_NETLINK {
			return false
		}
		info.Family = unix.AF_NETLINK
		info.NetlinkProto = uint32(m[2])
		info.PortID = binary.NativeEndian.Uint32(m[4:])
		return true
	})
}

// deviceInfo returns the -yy details of fdLink when it is a character or
// block device: strace shows "/dev/null<char 1:3>".
func deviceInfo(fdLink string) ([]byte, error) {
	var st unix.Stat_t
	if err := unix.Stat(fdLink, &st); err != nil {
		return nil, err
	}
	var kind decoder.FDInfoKind
	switch st.Mode & unix.S_IFMT {
	case unix.S_IFCHR:
		kind = decoder.FDInfoChar
	case unix.S_IFBLK:
		kind = decoder.FDInfoBlock
	default:
		return nil, errNoInfo
	}
	info := decoder.FDInfo{Kind: kind, Major: unix.Major(uint64(st.Rdev)), Minor: unix.Minor(uint64(st.Rdev))}
	return info.AppendTo(nil), nil
}

// pidfdInfo returns the -yy details of a pidfd: the pid on the Pid: line of
// /proc/TID/fdinfo/FD, which strace shows as "3<pid:1234>".
func pidfdInfo(tid int, fd int32) ([]byte, error) {
	b, err := readProc("/proc/" + strconv.Itoa(tid) + "/fdinfo/" + strconv.Itoa(int(fd)))
	if err != nil {
		return nil, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "Pid:"); ok {
			pid, err := strconv.ParseInt(strings.TrimSpace(v), 10, 32)
			if err != nil {
				return nil, errNoInfo
			}
			info := decoder.FDInfo{Kind: decoder.FDInfoPidfd, PID: int32(pid)}
			return info.AppendTo(nil), nil
		}
	}
	return nil, errNoInfo
}
