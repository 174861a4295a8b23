package decoder

import (
	"bytes"
	"encoding/binary"
	"strconv"
)

// FDInfo is what strace -yy shows of a descriptor beyond its path: the
// endpoints of a socket, as the kernel's sock_diag reports them, or the
// numbers of a character or block device. The tracer fills it at capture
// time; a SecFDInfo section holds it in the layout of AppendTo.
type FDInfo struct {
	Kind FDInfoKind
	// Major and Minor are a device's numbers.
	Major, Minor uint32
	// Proto is a socket's protocol name as the kernel gives it
	// (system.sockprotoname): "TCP", "UDPv6", "UNIX-STREAM", "NETLINK".
	Proto string
	// Inode is the socket's inode number.
	Inode uint32
	// Family is the address family of the details that follow: AF_INET,
	// AF_INET6, AF_UNIX or AF_NETLINK; 0 when the kernel did not report
	// the socket (an unbound TCP socket, say), which strace shows as
	// "TCP:[INODE]".
	Family uint8
	// Src and Dst are the local and peer addresses (4 or 16 bytes),
	// SrcPort and DstPort their ports, of an AF_INET or AF_INET6 socket.
	Src, Dst         []byte
	SrcPort, DstPort uint16
	// Peer is the peer's inode and Path the bound name of an AF_UNIX
	// socket (empty when unbound; a leading NUL for an abstract name).
	Peer uint32
	Path []byte
	// NetlinkProto and PortID are an AF_NETLINK socket's protocol and
	// port id.
	NetlinkProto, PortID uint32
	// PID is the process a pidfd refers to (the Pid: line of
	// /proc/PID/fdinfo/N; -1 once it was reaped).
	PID int32
}

// FDInfoKind is the first byte of a SecFDInfo section.
type FDInfoKind uint8

const (
	FDInfoChar   FDInfoKind = 1 // a character device
	FDInfoBlock  FDInfoKind = 2 // a block device
	FDInfoSocket FDInfoKind = 3 // a socket
	FDInfoPidfd  FDInfoKind = 4 // a pidfd
)

// Address families of FDInfo.Family (include/linux/socket.h).
const (
	afUnix    = 1
	afInet    = 2
	afInet6   = 10
	afNetlink = 16
)

// AppendTo appends f in the layout of a SecFDInfo section:
//
//	kind (1 byte)
//	char or block device: major, minor (unsigned LEB128 varints, as in record version 2)
//	socket: length of Proto (1 byte), Proto, Inode (uint32 LE), Family (1 byte), then by Family
//	  AF_INET, AF_INET6: Src (4 or 16 bytes), SrcPort (big-endian), Dst, DstPort
//	  AF_UNIX:           Peer (uint32 LE), then Path to the end
//	  AF_NETLINK:        NetlinkProto, PortID (uint32 LE each)
//	  0:                 nothing
//	pidfd: PID (int32 LE)
func (f *FDInfo) AppendTo(b []byte) []byte {
	b = append(b, byte(f.Kind))
	switch f.Kind {
	case FDInfoPidfd:
		b = binary.LittleEndian.AppendUint32(b, uint32(f.PID))
	case FDInfoChar, FDInfoBlock:
		b = binary.AppendUvarint(b, uint64(f.Major))
		b = binary.AppendUvarint(b, uint64(f.Minor))
	case FDInfoSocket:
		proto := f.Proto
		if len(proto) > 255 {
			proto = proto[:255]
		}
		b = append(b, byte(len(proto)))
		b = append(b, proto...)
		b = binary.LittleEndian.AppendUint32(b, f.Inode)
		b = append(b, f.Family)
		switch f.Family {
		case afInet, afInet6:
			n := 4
			if f.Family == afInet6 {
				n = 16
			}
			b = appendAddr(b, f.Src, n)
			b = binary.BigEndian.AppendUint16(b, f.SrcPort)
			b = appendAddr(b, f.Dst, n)
			b = binary.BigEndian.AppendUint16(b, f.DstPort)
		case afUnix:
			b = binary.LittleEndian.AppendUint32(b, f.Peer)
			b = append(b, f.Path...)
		case afNetlink:
			b = binary.LittleEndian.AppendUint32(b, f.NetlinkProto)
			b = binary.LittleEndian.AppendUint32(b, f.PortID)
		}
	}
	return b
}

// appendAddr appends a, cut or padded with zeros to n bytes.
func appendAddr(b, a []byte, n int) []byte {
	if len(a) >= n {
		return append(b, a[:n]...)
	}
	b = append(b, a...)
	for i := len(a); i < n; i++ {
		b = append(b, 0)
	}
	return b
}

// ParseFDInfo reads a SecFDInfo section's data; false when it is
// malformed or of a kind this decoder does not know. The slices of the
// result point into b.
func ParseFDInfo(b []byte) (FDInfo, bool) {
	var f FDInfo
	if len(b) < 1 {
		return f, false
	}
	f.Kind = FDInfoKind(b[0])
	b = b[1:]
	switch f.Kind {
	case FDInfoPidfd:
		if len(b) != 4 {
			return f, false
		}
		f.PID = int32(binary.LittleEndian.Uint32(b))
		return f, true
	case FDInfoChar, FDInfoBlock:
		major, n := binary.Uvarint(b)
		if n <= 0 || major > 0xffffffff {
			return f, false
		}
		minor, m := binary.Uvarint(b[n:])
		if m <= 0 || minor > 0xffffffff || n+m != len(b) {
			return f, false
		}
		f.Major, f.Minor = uint32(major), uint32(minor)
		return f, true
	case FDInfoSocket:
		if len(b) < 1 || len(b) < 1+int(b[0])+5 {
			return f, false
		}
		n := int(b[0])
		f.Proto = string(b[1 : 1+n])
		b = b[1+n:]
		f.Inode, f.Family = binary.LittleEndian.Uint32(b), b[4]
		b = b[5:]
		switch f.Family {
		case 0:
			return f, len(b) == 0
		case afInet, afInet6:
			n := 4
			if f.Family == afInet6 {
				n = 16
			}
			if len(b) != 2*(n+2) {
				return f, false
			}
			f.Src, f.SrcPort = b[:n], binary.BigEndian.Uint16(b[n:])
			b = b[n+2:]
			f.Dst, f.DstPort = b[:n], binary.BigEndian.Uint16(b[n:])
			return f, true
		case afUnix:
			if len(b) < 4 {
				return f, false
			}
			f.Peer, f.Path = binary.LittleEndian.Uint32(b), b[4:]
			return f, true
		case afNetlink:
			if len(b) != 8 {
				return f, false
			}
			f.NetlinkProto, f.PortID = binary.LittleEndian.Uint32(b), binary.LittleEndian.Uint32(b[4:])
			return f, true
		}
	}
	return f, false
}

// socketProtocols are the protocol names strace 6.1 resolves with
// sock_diag (its socketutils.c protocols table, in its order, as the
// kernel names them in the system.sockprotoname attribute), with the
// family and protocol its query asks for.
var socketProtocols = []struct {
	name             string
	family, protocol int
}{
	{"UNIX", afUnix, 0}, {"UNIX-STREAM", afUnix, 0},
	{"TCP", afInet, 6}, {"UDP", afInet, 17}, {"UDPLITE", afInet, 136}, {"DCCP", afInet, 33},
	{"SCTP", afInet, 132}, {"L2TP/IP", afInet, 115}, {"PING", afInet, 1}, {"RAW", afInet, 255},
	{"TCPv6", afInet6, 6}, {"UDPv6", afInet6, 17}, {"UDPLITEv6", afInet6, 136}, {"DCCPv6", afInet6, 33},
	{"SCTPv6", afInet6, 132}, {"L2TP/IPv6", afInet6, 115}, {"PINGv6", afInet6, 1}, {"RAWv6", afInet6, 255},
	{"NETLINK", afNetlink, 0},
}

// SocketProtocol says how strace -yy looks up a socket of the kernel's
// protocol name: the sock_diag family (AF_UNIX, AF_INET, AF_INET6 or
// AF_NETLINK) and, for AF_INET and AF_INET6, the IP protocol. ok is false
// for a name strace does not know; strace then tries every protocol of
// SocketProtocols in turn and names the socket after the first that
// reports it (an MPTCP socket shows as "TCP:[...]"), else shows
// "socket:[INODE]".
func SocketProtocol(name string) (family, protocol int, ok bool) {
	for _, p := range socketProtocols {
		if p.name == name {
			return p.family, p.protocol, true
		}
	}
	return 0, 0, false
}

// SocketProtocols lists the names SocketProtocol knows, in the order
// strace tries them for a socket of an unknown name.
func SocketProtocols() []string {
	names := make([]string, len(socketProtocols))
	for i, p := range socketProtocols {
		names[i] = p.name
	}
	return names
}

// ShowsFDInfo says whether strace -yy looks beyond the path of an fd with
// this /proc/PID/fd target: a socket's endpoints, a pidfd's process, or
// whether an absolute path is a device.
func ShowsFDInfo(path []byte) bool {
	return bytes.HasPrefix(path, []byte("socket:[")) || len(path) > 0 && path[0] == '/' ||
		bytes.Equal(path, []byte(PidfdPath))
}

// PidfdPath is the /proc/PID/fd target of a pidfd.
const PidfdPath = "anon_inode:[pidfd]"

// appendFDInfo prints the -yy form of an fd whose /proc target is path
// ("3<TCP:[127.0.0.1:8080]>", "1</dev/null<char 1:3>>"), the part inside
// the outer brackets. ok is false when f changes nothing (a socket of a
// protocol strace does not resolve): the caller prints the path.
func (c *ctx) appendFDInfo(path []byte, f *FDInfo) bool {
	switch f.Kind {
	case FDInfoPidfd:
		c.str("pid:")
		c.dec(int64(f.PID))
		return true
	case FDInfoChar, FDInfoBlock:
		c.sb.Write(path)
		if f.Kind == FDInfoChar {
			c.str("<char ")
		} else {
			c.str("<block ")
		}
		c.udec(uint64(f.Major))
		c.sb.WriteByte(':')
		c.udec(uint64(f.Minor))
		c.sb.WriteByte('>')
		return true
	case FDInfoSocket:
		c.str(f.Proto)
		c.str(":[")
		switch f.Family {
		case afInet, afInet6:
			c.endpoint(f.Family, f.Src, f.SrcPort)
			// strace shows the peer when it has a port or an address.
			if f.DstPort != 0 || !allZero(f.Dst) {
				c.str("->")
				c.endpoint(f.Family, f.Dst, f.DstPort)
			}
		case afUnix:
			name := f.Path
			if len(name) > 108 {
				name = name[:108]
			}
			if f.Peer == 0 && len(name) == 0 {
				// strace's lookup found nothing to show: the inode alone.
				c.udec(uint64(f.Inode))
				break
			}
			c.udec(uint64(f.Inode))
			if f.Peer != 0 {
				c.str("->")
				c.udec(uint64(f.Peer))
			}
			if len(name) > 0 {
				c.sb.WriteByte(',')
				if name[0] == 0 {
					c.sb.WriteByte('@')
					name = name[1:]
				}
				if i := bytes.IndexByte(name, 0); i >= 0 {
					name = name[:i]
				}
				c.quote(name, false)
			}
		case afNetlink:
			if x := xlats()["netlink_protocols"]; x != nil {
				if name := x.lookup(uint64(f.NetlinkProto), c.rec.Arch); name != "" {
					c.str(name[len("NETLINK_"):])
					c.sb.WriteByte(':')
					c.udec(uint64(f.PortID))
					break
				}
			}
			c.udec(uint64(f.NetlinkProto))
		default:
			c.udec(uint64(f.Inode))
		}
		c.sb.WriteByte(']')
		return true
	}
	return false
}

// endpoint prints an address and port as strace -yy does:
// "127.0.0.1:8080", "[::1]:8080".
func (c *ctx) endpoint(family uint8, addr []byte, port uint16) {
	if family == afInet6 {
		c.sb.WriteByte('[')
		c.str(inet6String(addr))
		c.sb.WriteByte(']')
	} else {
		for i, x := range addr {
			if i > 0 {
				c.sb.WriteByte('.')
			}
			c.udec(uint64(x))
		}
	}
	c.sb.WriteByte(':')
	c.str(strconv.Itoa(int(port)))
}

func allZero(b []byte) bool {
	for _, x := range b {
		if x != 0 {
			return false
		}
	}
	return true
}
