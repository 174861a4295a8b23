package importer

import (
	"strconv"
	"strings"

	"github.com/stracedump/stracedump/decoder"
	"github.com/stracedump/stracedump/pcapng"
)

// fdSections reads what -y or -yy shows of descriptor fd between its
// brackets into the sections a capture holds: the /proc target as an
// fdpath section and, for what -yy adds where the text gives it whole, an
// fdinfo section ("/dev/null<char 1:3>", "pid:42", "UNIX-STREAM:[5->6]",
// "TCP:[7]"). A socket whose -yy text shows addresses but no inode
// ("TCP:[127.0.0.1:80->...]") keeps that text as its path: the inode the
// /proc target names is not in the text.
func fdSections(fd uint64, text string, flags uint16) []pcapng.Section {
	path := []byte(text)
	var info *decoder.FDInfo
	switch {
	case strings.HasPrefix(text, "/") && strings.HasSuffix(text, ">"):
		if i := strings.LastIndexByte(text, '<'); i > 0 {
			kind, nums, _ := strings.Cut(text[i+1:len(text)-1], " ")
			maj, min, ok := strings.Cut(nums, ":")
			a, e1 := strconv.ParseUint(maj, 10, 32)
			b, e2 := strconv.ParseUint(min, 10, 32)
			if ok && e1 == nil && e2 == nil && (kind == "char" || kind == "block") {
				k := decoder.FDInfoChar
				if kind == "block" {
					k = decoder.FDInfoBlock
				}
				path, info = []byte(text[:i]), &decoder.FDInfo{Kind: k, Major: uint32(a), Minor: uint32(b)}
			}
		}
	case strings.HasPrefix(text, "pid:"):
		if pid, err := strconv.ParseInt(text[4:], 10, 32); err == nil {
			path, info = []byte(decoder.PidfdPath), &decoder.FDInfo{Kind: decoder.FDInfoPidfd, PID: int32(pid)}
		}
	default:
		proto, rest, ok := strings.Cut(text, ":[")
		if !ok || !strings.HasSuffix(rest, "]") {
			break
		}
		if _, _, isSocket := decoder.SocketProtocol(proto); !isSocket {
			// "pipe:[5]", "anon_inode:[eventfd]", "socket:[7]": the
			// target itself.
			break
		}
		rest = rest[:len(rest)-1]
		// "INODE", or a Unix socket's "INODE->PEER", "INODE,\"name\"".
		head, name, named := strings.Cut(rest, ",")
		ino, peer, linked := strings.Cut(head, "->")
		n, err := strconv.ParseUint(ino, 10, 32)
		if err != nil {
			break
		}
		f := &decoder.FDInfo{Kind: decoder.FDInfoSocket, Proto: proto, Inode: uint32(n)}
		if linked || named {
			if !strings.HasPrefix(proto, "UNIX") {
				break
			}
			f.Family = 1 // AF_UNIX
			if linked {
				p, err := strconv.ParseUint(peer, 10, 32)
				if err != nil {
					break
				}
				f.Peer = uint32(p)
			}
			if named {
				abstract := strings.HasPrefix(name, "@")
				b, more, ok := unquote(strings.TrimPrefix(name, "@"))
				if !ok || more {
					break
				}
				if abstract {
					b = append([]byte{0}, b...)
				}
				f.Path = b
			}
		}
		path, info = []byte("socket:["+ino+"]"), f
	}
	secs := []pcapng.Section{{Type: pcapng.SecFDPath, Flags: flags, Key: fd, Data: path}}
	if info != nil {
		secs = append(secs, pcapng.Section{Type: pcapng.SecFDInfo, Flags: flags, Key: fd, Data: info.AppendTo(nil)})
	}
	return secs
}
