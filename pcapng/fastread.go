package pcapng

import (
	"bufio"
	"encoding/binary"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"
)

// pcapng block types this file reads or looks for.
const (
	blockSectionHeader  = 0x0a0d0d0a
	blockEnhancedPacket = 0x00000006
	blockSimplePacket   = 0x00000003
	blockPacket         = 0x00000002 // obsolete, still read by pcapgo
	byteOrderMagic      = 0x1a2b3c4d
)

// packetBlocks reads the enhanced packet blocks of a capture straight from
// the buffer gopacket's reader reads from, leaving every other block to
// it: gopacket's packet read was a third of decoding a capture. It reads
// only what it is sure gopacket would read the same way: an enhanced packet
// block without options, of an interface gopacket has described, in a
// section whose byte order it knows. Anything else, it hands to gopacket,
// after looking ahead at the blocks gopacket will read up to its next
// packet, so that it knows the byte order after them; when it cannot tell,
// it stops for the rest of the stream.
type packetBlocks struct {
	br    *bufio.Reader // the buffer gopacket reads; nil once stopped
	order binary.ByteOrder
	intfs []intfTime // each interface's, as gopacket described them
	ci    gopacket.CaptureInfo
	ancil [1]interface{}
	reads int // packets read here, which tests check
}

// intfTime is an interface's link type and how its packets' timestamps
// convert to time, computed as gopacket computes them (its own fields for
// them are unexported): the record format's version 2 takes the time of
// a record's packet.
type intfTime struct {
	link                         layers.LinkType
	secondMask, scaleUp, scaleDn uint64
	offset                       uint64
}

func newIntfTime(in pcapgo.NgInterface) intfTime {
	t := intfTime{link: in.LinkType, offset: in.TimestampOffset, scaleUp: 1, scaleDn: 1}
	res := in.TimestampResolution
	if res == 0 {
		res = 6
	}
	if res.Binary() {
		t.secondMask = 1 << res.Exponent()
	} else {
		t.secondMask = 1
		for j := uint8(0); j < res.Exponent(); j++ {
			t.secondMask *= 10
		}
	}
	if t.secondMask < 1e9 {
		t.scaleUp = 1e9 / t.secondMask
	} else {
		t.scaleDn = t.secondMask / 1e9
	}
	return t
}

// time converts a packet's timestamp as gopacket does.
func (t *intfTime) time(ts uint64) time.Time {
	return time.Unix(int64(ts/t.secondMask+t.offset), int64(ts%t.secondMask*t.scaleUp/t.scaleDn)).UTC()
}

// start begins at the block after the section header that head (the
// stream's first 12 bytes) starts, which gopacket has read from br. A
// gzipped stream is read by gopacket through its own buffer: no fast path.
func (p *packetBlocks) start(br *bufio.Reader, head []byte) {
	if len(head) < 12 || binary.LittleEndian.Uint32(head) != blockSectionHeader {
		return
	}
	switch {
	case binary.LittleEndian.Uint32(head[8:]) == byteOrderMagic:
		p.order = binary.LittleEndian
	case binary.BigEndian.Uint32(head[8:]) == byteOrderMagic:
		p.order = binary.BigEndian
	default:
		return
	}
	p.br = br
}

// off stops the fast path for good: the stream is read by Next.
func (p *packetBlocks) off() { p.br = nil }

// next returns the next packet when it is an enhanced packet block it can
// read; otherwise ok is false and the caller asks ng, which this prepares.
func (p *packetBlocks) next(ng *pcapgo.NgReader) (data []byte, ci gopacket.CaptureInfo, ok bool) {
	if p.br == nil {
		return nil, ci, false
	}
	if data, ok = p.packet(ng); ok {
		return data, p.ci, true
	}
	p.beforeFallback()
	return nil, ci, false
}

// packet reads an enhanced packet block without options at the start of
// the buffer.
func (p *packetBlocks) packet(ng *pcapgo.NgReader) ([]byte, bool) {
	head, err := p.br.Peek(28)
	if err != nil || p.order.Uint32(head) != blockEnhancedPacket {
		return nil, false
	}
	total := uint64(p.order.Uint32(head[4:]))
	intf := uint64(p.order.Uint32(head[8:]))
	caplen := uint64(p.order.Uint32(head[20:]))
	// 28 bytes of header, the data padded to 4 bytes, the trailing length:
	// a block with options, or one whose lengths disagree, is gopacket's.
	if total != 28+(caplen+3)&^3+4 || total > uint64(p.br.Size()) {
		return nil, false
	}
	if p.intfs == nil {
		for i := 0; i < ng.NInterfaces(); i++ {
			in, err := ng.Interface(i)
			if err != nil {
				return nil, false
			}
			p.intfs = append(p.intfs, newIntfTime(in))
		}
	}
	if intf >= uint64(len(p.intfs)) {
		return nil, false
	}
	// Peeking further may move the buffered bytes: head is stale after
	// this, block holds the same bytes where they are now.
	block, err := p.br.Peek(int(total))
	if err != nil || uint64(p.order.Uint32(block[total-4:])) != total {
		return nil, false
	}
	// The bytes stay in the buffer until the next read fills it.
	if _, err := p.br.Discard(int(total)); err != nil {
		return nil, false
	}
	p.reads++
	it := &p.intfs[intf]
	p.ancil[0] = it.link
	ts := uint64(p.order.Uint32(block[12:]))<<32 | uint64(p.order.Uint32(block[16:]))
	p.ci = gopacket.CaptureInfo{Timestamp: it.time(ts), CaptureLength: int(caplen),
		Length: int(p.order.Uint32(block[24:])), InterfaceIndex: int(intf), AncillaryData: p.ancil[:]}
	return block[28 : 28+caplen], true
}

// beforeFallback looks at the blocks gopacket is about to read, up to and
// including its next packet, for the byte order they leave; interfaces
// they describe are asked for again. It stops the fast path when it cannot
// see them all in the buffer or they are not well formed.
func (p *packetBlocks) beforeFallback() {
	p.intfs = nil
	order := p.order
	for off := 0; ; {
		head, err := p.br.Peek(off + 12)
		if err != nil {
			// The end of the stream, or blocks larger than the buffer.
			p.off()
			return
		}
		head = head[off:]
		typ := order.Uint32(head)
		if typ == blockSectionHeader {
			switch {
			case binary.LittleEndian.Uint32(head[8:]) == byteOrderMagic:
				order = binary.LittleEndian
			case binary.BigEndian.Uint32(head[8:]) == byteOrderMagic:
				order = binary.BigEndian
			default:
				p.off()
				return
			}
			typ = order.Uint32(head)
		}
		n := int(order.Uint32(head[4:]))
		if n < 12 || n%4 != 0 || n > p.br.Size() {
			p.off()
			return
		}
		switch typ {
		case blockEnhancedPacket, blockSimplePacket, blockPacket:
			p.order = order
			return
		}
		off += n
	}
}
