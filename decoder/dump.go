package decoder

import (
	"strconv"

	"github.com/stracedump/stracedump/pcapng"
)

// strace's -e read=SET and -e write=SET: after the line of a call that read
// from or wrote to a descriptor of the set, the data it moved as a hex
// dump, whatever -s says (strace 6.1's dumpio in syscall.c, dumpstr and
// dumpiov_upto in util.c). A capture holds at most its capture length of
// each buffer: the dump shows what it holds.

// dumpKind is how a call's data is found: one buffer, an iovec array or a
// msghdr's iovecs.
type dumpKind int

const (
	dumpBuf dumpKind = iota + 1
	dumpIov
	dumpMsg
	dumpMmsg
)

// dumpCall is a call strace dumps: its data is at args[1], with the length
// (or the iovec count) in args[2] for a buffer or an iovec array.
type dumpCall struct {
	write bool
	kind  dumpKind
}

// dumpCalls are the calls of strace 6.1's dumpio (the i386 socketcall
// forms are not dumped here).
var dumpCalls = map[string]dumpCall{
	"write": {true, dumpBuf}, "pwrite64": {true, dumpBuf}, "send": {true, dumpBuf}, "sendto": {true, dumpBuf},
	"mq_timedsend": {true, dumpBuf}, "mq_timedsend_time64": {true, dumpBuf},
	"writev": {true, dumpIov}, "pwritev": {true, dumpIov}, "pwritev2": {true, dumpIov}, "vmsplice": {true, dumpIov},
	"sendmsg": {true, dumpMsg},
	"read":    {false, dumpBuf}, "pread64": {false, dumpBuf}, "recv": {false, dumpBuf}, "recvfrom": {false, dumpBuf},
	"mq_timedreceive": {false, dumpBuf}, "mq_timedreceive_time64": {false, dumpBuf},
	"readv": {false, dumpIov}, "preadv": {false, dumpIov}, "preadv2": {false, dumpIov},
	"recvmsg": {false, dumpMsg}, "sendmmsg": {true, dumpMmsg}, "recvmmsg": {false, dumpMmsg},
}

// appendDumps appends the hex dump lines -e read= and -e write= ask for
// after a completed call's line (each line ends in a newline); nothing
// when they ask for none of rec.
func (d *Decoder) appendDumps(r *renderer, dst []byte, rec *pcapng.Record) []byte {
	if d.opts.DumpRead == nil && d.opts.DumpWrite == nil || rec.Kind != pcapng.KindSyscall || rec.Flags&pcapng.FlagNoReturn != 0 {
		return dst
	}
	arch := ArchByAudit(rec.Arch)
	if arch == nil {
		return dst
	}
	dc, ok := dumpCalls[arch.SyscallName(rec.Nr)]
	if !ok {
		return dst
	}
	c := &r.c
	d.resetCtx(c, rec, nil, !dc.write, 0)
	fd := int32(rec.Args[0])
	if fd < 0 {
		return dst
	}
	// Budget: what the call moved. A write is dumped as asked, even when it
	// failed; a read only when it succeeded, up to what it returned.
	budget := int64(-1)
	if dc.write {
		if d.opts.DumpWrite == nil || !d.opts.DumpWrite(fd) {
			return dst
		}
	} else {
		if d.opts.DumpRead == nil || !d.opts.DumpRead(fd) || c.failed() {
			return dst
		}
		budget = c.slong(uint64(rec.Ret))
	}
	// Data is read at entry for a write and at exit for a read; the
	// structures pointing at it may be in either phase.
	data := &replay{rec: rec, exit: !dc.write}
	other := &replay{rec: rec, exit: dc.write}
	switch dc.kind {
	case dumpBuf:
		n := c.word(rec.Args[2])
		if budget >= 0 {
			n = uint64(budget)
		}
		dst = appendHexDump(dst, data.prefix(c.word(rec.Args[1]), n))
	case dumpIov:
		dst = c.dumpIovecs(dst, data, other, c.word(rec.Args[1]), c.word(rec.Args[2]), budget)
	case dumpMsg:
		l := c.layout("msghdr")
		if l == nil {
			return dst
		}
		b := readEither(data, other, c.word(rec.Args[1]), l.Size)
		if b == nil {
			return dst
		}
		dst = c.dumpIovecs(dst, data, other, c.mu(b, l, "msg_iov"), c.mu(b, l, "msg_iovlen"), budget)
	case dumpMmsg:
		dst = c.dumpMmsgs(dst, data, other, c.word(rec.Args[1]))
	}
	return dst
}

// dumpMmsgs appends strace's dump of the messages a sendmmsg or recvmmsg
// moved (its return value), as dumpiov_in_mmsghdr does: " = N buffers in
// vector I", then each message's iovecs up to its msg_len. A write that
// failed moved no message.
func (c *ctx) dumpMmsgs(dst []byte, data, other *replay, addr uint64) []byte {
	ml, hl := c.layout("mmsghdr"), c.layout("msghdr")
	count := c.slong(uint64(c.rec.Ret))
	if ml == nil || hl == nil || addr == 0 || c.failed() {
		return dst
	}
	for i := int64(0); i < count && i < maxIov; i++ {
		// The header and msg_len as the renderer read them: two reads.
		el := addr + uint64(i)*uint64(ml.Size)
		b := readEither(data, other, el, hl.Size)
		lb := readEither(data, other, el+uint64(ml.off("msg_len")), 4)
		if b == nil || lb == nil {
			return dst
		}
		iovlen := c.mu(b, hl, "msg_iovlen")
		dst = append(dst, " = "...)
		dst = strconv.AppendUint(dst, iovlen, 10)
		dst = append(dst, " buffers in vector "...)
		dst = strconv.AppendInt(dst, i, 10)
		dst = append(dst, '\n')
		dst = c.dumpIovecs(dst, data, other, c.mu(b, hl, "msg_iov"), iovlen, int64(c.uint(lb)))
	}
	return dst
}

// dumpIovecs appends strace's dump of count iovecs at addr, data moved
// budget bytes (-1: all of each): " * N bytes in buffer I" and the dump of
// each, stopping at the first empty one, as dumpiov_upto does.
func (c *ctx) dumpIovecs(dst []byte, data, other *replay, addr, count uint64, budget int64) []byte {
	l := c.layout("iovec")
	if l == nil || addr == 0 || count > maxIov {
		return dst
	}
	size := uint64(budget)
	if budget < 0 {
		size = ^uint64(0)
	}
	for i := uint64(0); i < count; i++ {
		b := readEither(data, other, addr+i*uint64(l.Size), l.Size)
		if b == nil {
			return dst
		}
		base, n := c.mu(b, l, "iov_base"), c.mu(b, l, "iov_len")
		n = min(n, size)
		if n == 0 {
			break
		}
		size -= n
		dst = append(dst, " * "...)
		dst = strconv.AppendUint(dst, n, 10)
		dst = append(dst, " bytes in buffer "...)
		dst = strconv.AppendUint(dst, i, 10)
		dst = append(dst, '\n')
		held := data.prefix(base, n)
		if len(held) == 0 {
			// sendmmsg's data is read at its exit, with the messages'
			// lengths.
			held = other.prefix(base, n)
		}
		dst = appendHexDump(dst, held)
	}
	return dst
}

// readEither reads n bytes at addr from a, else from b; nil when neither
// phase holds them.
func readEither(a, b *replay, addr uint64, n int) []byte {
	if v, err := a.Read(addr, n); err == nil {
		return v
	}
	if v, err := b.Read(addr, n); err == nil {
		return v
	}
	return nil
}

// prefix returns the longest run of at most n bytes at addr that one of
// this phase's buffer sections holds: a capture keeps at most its capture
// length of each buffer.
func (r *replay) prefix(addr uint64, n uint64) []byte {
	var best []byte
	for i := range r.rec.Sections {
		s := &r.rec.Sections[i]
		if s.Type != pcapng.SecMem || !r.phase(s) || s.Flags&pcapng.SecFlagString != 0 || addr < s.Key {
			continue
		}
		off := addr - s.Key
		if off > uint64(len(s.Data)) {
			continue
		}
		d := s.Data[off:]
		if uint64(len(d)) > n {
			d = d[:n]
		}
		if len(d) > len(best) {
			best = d
		}
	}
	return best
}

// appendHexDump appends b as strace's dumpstr prints it, 16 bytes a line:
//
//	| 00000  68 65 6c 6c 6f 0a                                hello.           |
func appendHexDump(dst, b []byte) []byte {
	const digits = "0123456789abcdef"
	for off := 0; off < len(b); off += 16 {
		line := b[off:min(off+16, len(b))]
		dst = append(dst, " | "...)
		for n := off | 1; n < 0x10000; n <<= 4 {
			dst = append(dst, '0') // "%05x"
		}
		dst = strconv.AppendInt(dst, int64(off), 16)
		dst = append(dst, "  "...)
		for i := range 16 {
			if i < len(line) {
				dst = append(dst, digits[line[i]>>4], digits[line[i]&15], ' ')
			} else {
				dst = append(dst, "   "...)
			}
			if i == 7 {
				dst = append(dst, ' ')
			}
		}
		dst = append(dst, ' ')
		for i := range 16 {
			switch {
			case i >= len(line):
				dst = append(dst, ' ')
			case line[i] >= ' ' && line[i] < 0x7f:
				dst = append(dst, line[i])
			default:
				dst = append(dst, '.')
			}
		}
		dst = append(dst, " |\n"...)
	}
	return dst
}
