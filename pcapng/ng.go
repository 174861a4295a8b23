package pcapng

import (
	"encoding/binary"
	"fmt"
	"math/bits"
	"time"
)

// The pcapng container itself (the IETF draft "PCAP Next Generation
// (pcapng) Capture File Format"): blocks, their options, the link types a
// packet can carry and how an interface's timestamps read as time. The
// package reads and writes it itself: a general pcap library cost the
// binary half its size and every start its initialization (docs/format.md).

// Block types this package reads or writes; others are skipped.
const (
	blockSectionHeader  = 0x0a0d0d0a
	blockInterface      = 0x00000001
	blockPacket         = 0x00000002 // obsolete, still read
	blockSimplePacket   = 0x00000003
	blockStatistics     = 0x00000005
	blockEnhancedPacket = 0x00000006
	byteOrderMagic      = 0x1a2b3c4d
)

// Option codes.
const (
	optEnd     = 0
	optComment = 1
	// Section header.
	shbHardware    = 2
	shbOS          = 3
	shbApplication = 4
	// Interface description.
	ifName        = 2
	ifDescription = 3
	ifTSResol     = 9
	ifFilter      = 11
	ifOS          = 12
	ifTSOffset    = 14
	// Interface statistics.
	isbStartTime = 2
	isbEndTime   = 3
	isbIfRecv    = 4
	isbIfDrop    = 5
)

// maxBlockLen bounds the blocks the reader accepts: Wireshark's own limit
// is 16 MiB for a packet, and a damaged length must not make the reader
// allocate gigabytes.
const maxBlockLen = 64 << 20

// LinkType is an interface's link-layer type (tcpdump.org's LINKTYPE_
// values, which pcapng uses).
type LinkType uint16

// linkTypeNames name the link types a capture given to decode by mistake
// is likely to have, as Wireshark calls them.
var linkTypeNames = map[LinkType]string{
	0:   "BSD loopback",
	1:   "Ethernet",
	9:   "PPP",
	101: "Raw IP",
	105: "IEEE 802.11",
	108: "OpenBSD loopback",
	113: "Linux cooked-mode capture v1",
	127: "IEEE 802.11 plus radiotap",
	187: "Bluetooth H4",
	220: "USB packets with Linux header",
	228: "Raw IPv4",
	229: "Raw IPv6",
	252: "Upper PDU",
	253: "Linux netlink",
	276: "Linux cooked-mode capture v2",
}

// String names the link type as Wireshark does, or "link type N".
func (lt LinkType) String() string {
	if name, ok := linkTypeNames[lt]; ok {
		return name
	}
	if lt >= 147 && lt <= 162 {
		return fmt.Sprintf("DLT_USER%d", lt-147)
	}
	return fmt.Sprintf("link type %d", uint16(lt))
}

// NoValue is a statistic the block does not give.
const NoValue = ^uint64(0)

// SectionInfo is what a section header says of the capturing host and
// tool.
type SectionInfo struct {
	Hardware, OS, Application, Comment string
}

// Interface is an interface description, with the statistics of the
// capture's last statistics block for it.
type Interface struct {
	Name, Description, Comment, Filter, OS string
	LinkType                               LinkType
	SnapLength                             uint32
	// TimestampResolution is if_tsresol as written: 10^-n seconds, or
	// 2^-(n&0x7f) with the top bit set; 6 when absent.
	TimestampResolution uint8
	// TimestampOffset is if_tsoffset, in seconds, added to every time.
	TimestampOffset int64
	Statistics      InterfaceStatistics
	units           uint64 // timestamp units a second
}

// InterfaceStatistics is an interface statistics block's content.
// Counters it does not give are NoValue, times the zero time; all are zero
// for an interface with no statistics block.
type InterfaceStatistics struct {
	LastUpdate, StartTime, EndTime  time.Time
	PacketsReceived, PacketsDropped uint64
	Comment                         string
}

// setResolution sets the interface's timestamp units from if_tsresol.
func (in *Interface) setResolution(res uint8) error {
	in.TimestampResolution = res
	exp := uint64(res & 0x7f)
	if res&0x80 != 0 {
		if exp > 63 {
			return fmt.Errorf("interface timestamp resolution 2^-%d is finer than 64 bits count", exp)
		}
		in.units = 1 << exp
		return nil
	}
	if exp > 19 {
		return fmt.Errorf("interface timestamp resolution 10^-%d is finer than 64 bits count", exp)
	}
	in.units = 1
	for ; exp > 0; exp-- {
		in.units *= 10
	}
	return nil
}

// time converts a timestamp of the interface's to time, exactly to the
// nanosecond (rounding down) for every resolution.
func (in *Interface) time(ts uint64) time.Time {
	sec, frac := ts/in.units, ts%in.units
	hi, lo := bits.Mul64(frac, 1e9)
	ns, _ := bits.Div64(hi, lo, in.units) // frac < units: no overflow
	return time.Unix(int64(sec)+in.TimestampOffset, int64(ns)).UTC()
}

// options calls f with each option of a block's options area, in byte
// order o, up to opt_endofopt or the area's end.
func options(o binary.ByteOrder, b []byte, f func(code uint16, value []byte) error) error {
	for len(b) >= 4 {
		code, n := o.Uint16(b), int(o.Uint16(b[2:]))
		if code == optEnd {
			return nil
		}
		if 4+n > len(b) {
			return fmt.Errorf("option %d of %d bytes runs past its block", code, n)
		}
		if err := f(code, b[4:4+n]); err != nil {
			return err
		}
		b = b[min(len(b), 4+(n+3)&^3):]
	}
	return nil
}

// appendOption appends an option with its padding, little-endian.
func appendOption(b []byte, code uint16, value []byte) []byte {
	le := binary.LittleEndian
	b = le.AppendUint16(le.AppendUint16(b, code), uint16(len(value)))
	b = append(b, value...)
	for len(b)%4 != 0 {
		b = append(b, 0)
	}
	return b
}

// option is a code and its value, for writing.
type option struct {
	code  uint16
	value []byte
}

// appendOptions appends opts, leaving out empty values, and opt_endofopt
// after them if any was written.
func appendOptions(b []byte, opts ...option) []byte {
	n := len(b)
	for _, o := range opts {
		if len(o.value) > 0 {
			b = appendOption(b, o.code, o.value)
		}
	}
	if len(b) > n {
		b = appendOption(b, optEnd, nil)
	}
	return b
}

// appendBlock appends a little-endian block of type typ with body, whose
// length is a multiple of 4.
func appendBlock(b []byte, typ uint32, body []byte) []byte {
	le := binary.LittleEndian
	n := uint32(12 + len(body))
	b = le.AppendUint32(le.AppendUint32(b, typ), n)
	b = append(b, body...)
	return le.AppendUint32(b, n)
}
