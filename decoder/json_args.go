package decoder

// The JSON record's arguments: each argument's text and what it adds (flag
// names, strings, structure members, fd details).

import (
	"bytes"
	enchex "encoding/hex"
	"net/netip"
	"slices"
	"strconv"
	"strings"

	"github.com/stracedump/stracedump/pcapng"
)

// args writes the arguments as an object keyed by name, in call order.
// An argument shown twice (a value updated by the call, "[16 => 8]") is
// one member whose text is both.
func (j *JSONWriter) args(rec *pcapng.Record, text []byte) {
	b := &j.b
	b.obj("args")
	spans := j.spans
	for i := range spans {
		s := &spans[i]
		name := s.arg.Name
		if name == "" {
			name = "arg" + strconv.Itoa(s.arg.Index)
		}
		dup := false
		for k := range spans[:i] {
			if spans[k].arg.Index == s.arg.Index && spans[k].arg.Name == s.arg.Name {
				dup = true
			}
		}
		if dup {
			continue
		}
		// The last span of the same argument, when the call updated it.
		last := s
		for k := i + 1; k < len(spans); k++ {
			if spans[k].arg.Index == s.arg.Index && spans[k].arg.Name == s.arg.Name {
				last = &spans[k]
			}
		}
		b.obj(name)
		b.uint("raw", j.r.c.word(s.raw))
		switch {
		case last != s && string(text[s.end:last.start]) == " => ":
			b.bytes("text", text[s.start:last.end])
		default:
			b.bytes("text", text[last.start:last.end])
		}
		j.argDetail(rec, last, text[last.start:last.end])
		b.close()
	}
	b.close()
}

// argDetail writes what the renderer knows of an argument beyond its
// text: flag names, a constant's name, a string's bytes, an fd's path and
// socket, a structure's members.
func (j *JSONWriter) argDetail(rec *pcapng.Record, s *argSpan, text []byte) {
	b := &j.b
	c := &j.r.c
	v := s.raw
	// An argument printed as its address alone: the call failed or the
	// memory is not in the capture.
	addrOnly := bytes.HasPrefix(text, []byte("0x")) || string(text) == "NULL"
	switch k := s.arg.Kind.(type) {
	case FD:
		if fd := int32(v); fd >= 0 {
			b.key("fd")
			j.fd(rec, fd, s.exit)
		}
	case DirFD:
		b.key("fd")
		j.fd(rec, int32(v), s.exit)
	case Flags:
		if !k.Long {
			v = uint64(uint32(v))
		}
		b.arr("flags")
		for rest, more := formatFlags(k.Set, c.word(v), rec.Arch), true; more; {
			var f string
			f, rest, more = strings.Cut(rest, "|")
			b.elemStr(f)
		}
		b.endArr()
	case Enum:
		if !k.Long {
			v = uint64(uint32(v))
		}
		if x := xlats()[k.Set]; x != nil {
			if n := x.lookup(c.word(v), rec.Arch); n != "" {
				b.str("name", n)
			}
		}
	case Signal:
		if n := SignalName(int(int32(v))); n != "" {
			b.str("name", n)
		}
	case Path, Str:
		if addrOnly {
			break
		}
		max := c.limit
		if _, isPath := k.(Path); isPath {
			max = pathMax
		}
		mem := replay{rec: rec, exit: s.exit}
		if str, term, err := mem.ReadString(c.word(v), max+1); err == nil {
			if !term && len(str) > max {
				str = str[:max]
			}
			b.bytes("string", str)
			if !term {
				b.bool("truncated", true)
			}
		}
	case Buf:
		if addrOnly {
			break
		}
		n := c.word(rec.Args[k.LenArg])
		if k.FromRet {
			n = c.word(uint64(rec.Ret))
		}
		show := min(n, uint64(c.limit))
		mem := replay{rec: rec, exit: s.exit}
		if data, err := mem.Read(c.word(v), int(show)); err == nil {
			b.bytes("string", data)
			if show < n {
				b.bool("truncated", true)
			}
		}
	}
	if s.layout != nil {
		if data, known := structAt(rec, c.word(v), s.exit, s.layout.Size); data != nil {
			b.key("members")
			j.members(s.layout, data, known)
		}
	}
}

// structAt returns the captured memory of a structure of size bytes at
// addr, read in the given phase: the section it starts in, known nil; or,
// where the capture holds it in pieces (an import of a line that showed
// some members: decoder's fetchStruct), the bytes of every piece in place
// and known true for those. nil when the capture holds none of it.
func structAt(rec *pcapng.Record, addr uint64, exit bool, size int) (data []byte, known []bool) {
	data = sectionAt(rec, addr, exit)
	if len(data) >= size {
		return data, nil
	}
	var buf []byte
	for i := range rec.Sections {
		s := &rec.Sections[i]
		if s.Type != pcapng.SecMem || (s.Flags&pcapng.SecFlagExit != 0) != exit || s.Flags&pcapng.SecFlagString != 0 ||
			s.Key < addr+uint64(len(data)) || s.Key-addr >= uint64(size) {
			continue
		}
		if buf == nil {
			buf, known = make([]byte, size), make([]bool, size)
			for k := range data {
				buf[k], known[k] = data[k], true
			}
		}
		off := int(s.Key - addr)
		for k := 0; k < len(s.Data) && off+k < size; k++ {
			buf[off+k], known[off+k] = s.Data[k], true
		}
	}
	if buf == nil {
		return data, nil
	}
	return buf, known
}

// sectionAt returns the captured memory from addr on, read in the given
// phase; nil when the capture holds none.
func sectionAt(rec *pcapng.Record, addr uint64, exit bool) []byte {
	for i := range rec.Sections {
		s := &rec.Sections[i]
		if s.Type != pcapng.SecMem || (s.Flags&pcapng.SecFlagExit != 0) != exit || s.Flags&pcapng.SecFlagString != 0 {
			continue
		}
		if addr >= s.Key && addr-s.Key < uint64(len(s.Data)) {
			return s.Data[addr-s.Key:]
		}
	}
	return nil
}

// members writes a structure read by layout l as nested objects: a
// member "ru_utime.tv_sec" is {"ru_utime": {"tv_sec": N}}. Members past
// the captured bytes are left out, and so are padding and reserved
// members ("__pad0"), which strace never shows.
//
// known, when not nil, says which bytes of data the capture holds: a
// member with any other is left out.
func (j *JSONWriter) members(l *Layout, data []byte, known []bool) {
	b := &j.b
	c := &j.r.c
	// open holds the objects open now, closed those already closed (a
	// union's later member cannot reopen them), each as the prefix of a
	// member name that names it: "ru_utime".
	open, closed := j.open[:0], j.closed[:0]
	b.open()
	for i := range l.Members {
		m := &l.Members[i]
		size := m.Size
		if m.Kind == Chars && m.Off < len(data) {
			// A char array may end early: a sockaddr_un of addrlen
			// bytes.
			size = min(size, len(data)-m.Off)
		}
		if m.Off+size > len(data) || known != nil && slices.Contains(known[m.Off:m.Off+size], false) {
			continue
		}
		name := m.Name
		var pre [8]string
		np := 0
		for k := 0; k < len(name) && np < len(pre); k++ {
			if name[k] == '.' {
				pre[np] = name[:k]
				np++
			}
		}
		leaf := name[strings.LastIndexByte(name, '.')+1:]
		if strings.HasPrefix(leaf, "__") || np > 0 && slices.Contains(closed, pre[np-1]) {
			continue
		}
		k := 0
		for k < len(open) && k < np && open[k] == pre[k] {
			k++
		}
		for len(open) > k {
			closed = append(closed, open[len(open)-1])
			open = open[:len(open)-1]
			b.close()
		}
		for ; k < np; k++ {
			b.obj(pre[k][strings.LastIndexByte(pre[k], '.')+1:])
			open = append(open, pre[k])
		}
		switch m.Kind {
		case Signed:
			b.int(leaf, c.readSigned(data, m))
		case Chars:
			b.bytes(leaf, cbytes(data[m.Off:m.Off+size]))
		case Bytes:
			b.key(leaf)
			b.b = append(b.b, '"')
			b.b = enchex.AppendEncode(b.b, data[m.Off:m.Off+m.Size])
			b.b = append(b.b, '"')
		default:
			b.uint(leaf, c.read(data, m))
		}
	}
	for range open {
		b.close()
	}
	b.close()
	j.open, j.closed = open, closed
}

// cbytes is a char array up to its NUL.
func cbytes(b []byte) []byte {
	if i := bytes.IndexByte(b, 0); i >= 0 {
		return b[:i]
	}
	return b
}

// fd writes a descriptor's object: its number, path and -yy details, read
// from the record's sections of the given phase, else of the other.
func (j *JSONWriter) fd(rec *pcapng.Record, fd int32, exit bool) {
	b := &j.b
	b.open()
	b.int("fd", int64(fd))
	mem := replay{rec: rec, exit: exit}
	path, ok := mem.fdPath(fd)
	if !ok {
		mem.exit = !exit
		path, ok = mem.fdPath(fd)
	}
	if ok {
		b.bytes("path", path)
	}
	if d, ok := mem.fdInfo(fd); ok {
		if f, ok := ParseFDInfo(d); ok {
			j.fdInfo(&f)
		}
	}
	b.close()
}

// fdInfo writes -yy's details of a descriptor, named as the dissector's
// strace.fd.* fields.
func (j *JSONWriter) fdInfo(f *FDInfo) {
	b := &j.b
	switch f.Kind {
	case FDInfoChar, FDInfoBlock:
		b.obj("dev")
		if f.Kind == FDInfoChar {
			b.str("type", "char")
		} else {
			b.str("type", "block")
		}
		b.uint("major", uint64(f.Major))
		b.uint("minor", uint64(f.Minor))
		b.close()
	case FDInfoPidfd:
		b.int("pid", int64(f.PID))
	case FDInfoSocket:
		b.str("proto", f.Proto)
		b.uint("inode", uint64(f.Inode))
		switch f.Family {
		case afInet, afInet6:
			end := func(key string, a []byte, port uint16) {
				b.obj(key)
				if ip, ok := netip.AddrFromSlice(a); ok {
					b.str("addr", ip.String())
				}
				b.uint("port", uint64(port))
				b.close()
			}
			end("local", f.Src, f.SrcPort)
			end("peer", f.Dst, f.DstPort)
		case afUnix:
			b.obj("unix")
			p := f.Path
			if len(p) > 0 && p[0] == 0 {
				p = append([]byte{'@'}, p[1:]...)
			}
			b.bytes("path", p)
			b.uint("peer", uint64(f.Peer))
			b.close()
		case afNetlink:
			b.obj("netlink")
			b.uint("protocol", uint64(f.NetlinkProto))
			b.uint("portid", uint64(f.PortID))
			b.close()
		}
	}
}
