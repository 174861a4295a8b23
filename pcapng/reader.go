package pcapng

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"
)

// ErrTruncated says the capture ends inside a block: the records before the
// cut were returned. Live captures whose writer was killed end this way.
var ErrTruncated = errors.New("capture file truncated")

// RecordError is a packet that holds no valid record. The stream stays in
// step: Next may be called again to read the records after it.
type RecordError struct {
	// Record is the packet's 1-based number, as Wireshark numbers frames.
	Record int
	// Offset is the byte offset in the packet data, as Wireshark's bytes
	// pane counts it (the exported-PDU tags come first).
	Offset int
	// Err is the cause: a *FormatError (whose own Offset counts from the
	// record's start) or ErrUnknownVersion.
	Err error
}

func (e *RecordError) Error() string {
	var fe *FormatError
	if errors.As(e.Err, &fe) {
		return fmt.Sprintf("record %d, byte %d: %s", e.Record, e.Offset, fe.Reason)
	}
	return fmt.Sprintf("record %d: %v", e.Record, e.Err)
}

func (e *RecordError) Unwrap() error { return e.Err }

// Reader reads records from a pcapng stream written by Writer, or any
// pcapng file whose packets carry records: Upper-PDU packets addressed to
// the "strace" dissector, or bare records on DLT_USER0. Other packets are
// skipped, though they still count in record numbers, as in Wireshark.
type Reader struct {
	ng     *pcapgo.NgReader
	fast   packetBlocks // ZeroCopyNext's own reading of packet blocks
	frames int          // packets read, so the number of the last one
	intf   int          // interface of the last record returned
	// version is the record format version of the last record returned.
	version int
	// Packets that carry no record, by link type: a capture of nothing
	// but these is not stracedump's, which decode must say.
	foreign map[layers.LinkType]int
	err     error // set once the stream cannot go on
}

// NewReader reads the section header from r, blocking until it arrives,
// and returns a Reader. Gzip-compressed captures are read transparently.
func NewReader(r io.Reader) (*Reader, error) {
	// A large buffer: a record is a few hundred bytes, and each read of
	// the file is a syscall.
	br := bufio.NewReaderSize(r, readBufferSize)
	magic, _ := br.Peek(12) // pcapgo does not say what it found instead
	// Mixed link types: otherwise pcapgo drops packets of other interfaces
	// silently and the record numbers would no longer match Wireshark's.
	ng, err := pcapgo.NewNgReader(br, pcapgo.NgReaderOptions{WantMixedLinkType: true})
	switch {
	case err == io.EOF:
		return nil, errors.New("empty input, not a pcapng capture")
	case err == io.ErrUnexpectedEOF:
		return nil, fmt.Errorf("%w inside its section header", ErrTruncated)
	case err != nil:
		if isClassicPcap(magic) {
			return nil, errors.New("a classic pcap file, not pcapng: convert it with editcap -F pcapng")
		}
		return nil, fmt.Errorf("not a pcapng capture: %w", err)
	}
	rd := &Reader{ng: ng}
	rd.fast.start(br, magic)
	return rd, nil
}

// readBufferSize is the size of the reader's buffer.
const readBufferSize = 64 << 10

// isClassicPcap says whether magic starts a classic pcap file (either byte
// order, micro- or nanosecond), which pcapgo reports only as an unknown
// block type.
func isClassicPcap(magic []byte) bool {
	if len(magic) < 4 {
		return false
	}
	switch binary.LittleEndian.Uint32(magic) {
	case 0xa1b2c3d4, 0xd4c3b2a1, 0xa1b23c4d, 0x4d3cb2a1:
		return true
	}
	return false
}

// Next reads the next record into rec. It returns io.EOF at the end of the
// stream, a *RecordError for a packet that holds no valid record (reading
// may go on), and an error wrapping ErrTruncated, or another pcapng error,
// when the stream cannot go on. Section data of rec is rec's own: it stays
// valid after later calls.
func (r *Reader) Next(rec *Record) error { return r.next(rec, false) }

// ZeroCopyNext is Next for a reader done with each record before it reads
// the next, as a decoder printing records one by one is: the section data
// of rec are the reader's buffer, overwritten by the next call, where
// Next gives each record its own copy, and rec's Sections slice is reused
// for the next record's. It saves copies and allocations a record.
func (r *Reader) ZeroCopyNext(rec *Record) error { return r.next(rec, true) }

func (r *Reader) next(rec *Record, zeroCopy bool) error {
	if r.err != nil {
		return r.err
	}
	for {
		var data []byte
		var ci gopacket.CaptureInfo
		var err error
		var fast bool
		if zeroCopy {
			data, ci, fast = r.fast.next(r.ng)
			if !fast {
				data, ci, err = r.ng.ZeroCopyReadPacketData()
			}
		} else {
			r.fast.off()
			data, ci, err = r.ng.ReadPacketData()
		}
		if err != nil {
			switch err {
			case io.EOF:
				r.err = io.EOF
			case io.ErrUnexpectedEOF:
				r.err = fmt.Errorf("%w after record %d", ErrTruncated, r.frames)
			default:
				r.err = fmt.Errorf("reading capture after record %d: %w", r.frames, err)
			}
			return r.err
		}
		r.frames++
		var payload []byte
		start := 0
		switch ci.AncillaryData[0] {
		case LinkTypeUpperPDU:
			var ours bool
			start, ours, err = stripPDU(data)
			if err != nil {
				return &RecordError{Record: r.frames, Offset: start, Err: err}
			}
			if !ours {
				r.countForeign(LinkTypeUpperPDU)
				continue
			}
			payload = data[start:]
		case LinkTypeUser0:
			payload = data
		default:
			r.countForeign(ci.AncillaryData[0].(layers.LinkType))
			continue
		}
		if err := unmarshal(payload, ci.Timestamp.UnixNano(), rec, zeroCopy); err != nil {
			off := start
			var fe *FormatError
			if errors.As(err, &fe) {
				off += fe.Offset
			}
			return &RecordError{Record: r.frames, Offset: off, Err: err}
		}
		r.intf = ci.InterfaceIndex
		r.version = int(binary.LittleEndian.Uint16(payload))
		return nil
	}
}

// stripPDU walks the exported-PDU tags at the start of an Upper-PDU packet.
// It returns where the payload starts and whether the packet is addressed
// to our dissector; on error, the offset is where the tags went wrong.
func stripPDU(data []byte) (int, bool, error) {
	ours := false
	off := 0
	for {
		if len(data)-off < 4 {
			return off, false, &FormatError{off, "exported-PDU tags end without an end-of-tags tag"}
		}
		tag := binary.BigEndian.Uint16(data[off:])
		n := int(binary.BigEndian.Uint16(data[off+2:]))
		if n > len(data)-off-4 {
			return off + 2, false, &FormatError{off + 2, fmt.Sprintf("exported-PDU tag %d length %d runs past the packet end", tag, n)}
		}
		value := data[off+4 : off+4+n]
		off += 4 + n
		switch tag {
		case pduTagEnd:
			// Wireshark skips an end tag's value too, whatever its length.
			return off, ours, nil
		case pduTagDissectorName:
			ours = string(bytes.TrimRight(value, "\x00")) == DissectorName
		}
	}
}

// RecordVersion returns the record format version (1 or 2) of the last
// record Next or ZeroCopyNext returned; 0 before the first.
func (r *Reader) RecordVersion() int { return r.version }

// Interface describes the capture interface of the last record read (of
// the first interface before any): its Description is the traced command.
// After Next has returned io.EOF, its Statistics hold the totals the
// writer's Close recorded.
func (r *Reader) Interface() pcapgo.NgInterface {
	intf, err := r.ng.Interface(r.intf)
	if err != nil {
		return pcapgo.NgInterface{}
	}
	return intf
}

// SectionInfo describes the capturing host and tool, as the section
// header gives them.
func (r *Reader) SectionInfo() pcapgo.NgSectionInfo { return r.ng.SectionInfo() }

func (r *Reader) countForeign(lt layers.LinkType) {
	if r.foreign == nil {
		r.foreign = map[layers.LinkType]int{}
	}
	r.foreign[lt]++
}

// NotRecords says, once the stream has given no record up to its end, why
// it is not a stracedump capture: its packets are other link types' (an
// Ethernet capture, another dissector's exported PDUs), or it has no
// packets and no interface of a link type that carries records. It returns
// nil for a stream that may be a capture with no record yet.
func (r *Reader) NotRecords() error {
	n := 0
	var names []string
	for lt, k := range r.foreign {
		n += k
		names = append(names, linkName(lt))
	}
	if n > 0 {
		sort.Strings(names)
		packets := "its 1 packet holds"
		if n > 1 {
			packets = fmt.Sprintf("its %d packets hold", n)
		}
		return fmt.Errorf("not a stracedump capture: %s no syscall record (%s)", packets, strings.Join(names, ", "))
	}
	for i := 0; i < r.ng.NInterfaces(); i++ {
		intf, _ := r.ng.Interface(i)
		switch intf.LinkType {
		case LinkTypeUpperPDU, LinkTypeUser0:
			return nil
		}
		names = append(names, linkName(intf.LinkType))
	}
	interfaces := "its interface is"
	switch {
	case len(names) == 0:
		return errors.New("not a stracedump capture: a pcapng section header with no interface and no packets")
	case len(names) > 1:
		interfaces = "its interfaces are"
	}
	return fmt.Errorf("not a stracedump capture: it holds no packets, and %s %s", interfaces, strings.Join(names, ", "))
}

// linkName names a link type as a user of Wireshark knows it.
func linkName(lt layers.LinkType) string {
	name := lt.String()
	switch {
	case lt == LinkTypeUpperPDU:
		// Only another dissector's PDUs are counted as foreign.
		return "Upper PDU for another dissector"
	case strings.HasPrefix(name, "UnknownLinkType"):
		return fmt.Sprintf("link type %d", int(lt))
	}
	return name
}

// LinkType is the link type of the interface of the last record read.
func (r *Reader) LinkType() layers.LinkType { return r.Interface().LinkType }
