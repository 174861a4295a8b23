package pcapng

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
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
	br      *bufio.Reader
	order   binary.ByteOrder // the current section's
	section SectionInfo
	intfs   []Interface // the current section's
	big     []byte      // a block larger than br's buffer
	frames  int         // packets read, so the number of the last one
	intf    int         // interface of the last record returned
	// version is the record format version of the last record returned.
	version int
	// Packets that carry no record, by link type: a capture of nothing
	// but these is not stracedump's, which decode must say.
	foreign map[LinkType]int
	err     error // set once the stream cannot go on
}

// NewReader reads the section header from r, blocking until it arrives,
// and returns a Reader. Gzip-compressed captures are read transparently.
func NewReader(r io.Reader) (*Reader, error) {
	// A large buffer: a record is a few hundred bytes, and each read of
	// the file is a syscall.
	br := bufio.NewReaderSize(r, readBufferSize)
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("not a pcapng capture: a damaged gzip stream: %w", err)
		}
		br = bufio.NewReaderSize(zr, readBufferSize)
	}
	magic, _ := br.Peek(12)
	rd := &Reader{br: br, order: binary.LittleEndian}
	typ, body, err := rd.block()
	switch {
	case err == io.EOF:
		return nil, errors.New("empty input, not a pcapng capture")
	case isClassicPcap(magic):
		return nil, errors.New("a classic pcap file, not pcapng: convert it with editcap -F pcapng")
	case err == nil && typ != blockSectionHeader:
		return nil, fmt.Errorf("not a pcapng capture: it starts with a block of type %#x, not a section header", typ)
	case err == io.ErrUnexpectedEOF:
		return nil, fmt.Errorf("%w inside its section header", ErrTruncated)
	case err != nil:
		return nil, fmt.Errorf("not a pcapng capture: %w", err)
	}
	if err := rd.sectionHeader(body); err != nil {
		return nil, fmt.Errorf("not a pcapng capture: %w", err)
	}
	return rd, nil
}

// readBufferSize is the size of the reader's buffer.
const readBufferSize = 64 << 10

// isClassicPcap says whether magic starts a classic pcap file (either byte
// order, micro- or nanosecond).
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

// block reads the next block: its type and its body, between the length
// and the trailing length. The body is the reader's buffer, valid until the
// next call. A section header's byte order magic sets the byte order the
// block and those after it are read in. It returns io.EOF at the end of the
// stream between blocks, io.ErrUnexpectedEOF inside one.
func (r *Reader) block() (uint32, []byte, error) {
	head, err := r.br.Peek(12)
	switch {
	case len(head) == 0 && err == io.EOF:
		return 0, nil, io.EOF
	case len(head) < 8 && err == io.EOF:
		return 0, nil, io.ErrUnexpectedEOF
	case len(head) < 8:
		return 0, nil, err
	}
	if binary.LittleEndian.Uint32(head) == blockSectionHeader {
		if len(head) < 12 {
			return 0, nil, io.ErrUnexpectedEOF
		}
		switch uint32(byteOrderMagic) {
		case binary.LittleEndian.Uint32(head[8:]):
			r.order = binary.LittleEndian
		case binary.BigEndian.Uint32(head[8:]):
			r.order = binary.BigEndian
		default:
			return 0, nil, fmt.Errorf("a section header with byte order magic %#x", binary.LittleEndian.Uint32(head[8:]))
		}
	}
	typ, n := r.order.Uint32(head), r.order.Uint32(head[4:])
	if n < 12 || n%4 != 0 || n > maxBlockLen {
		return 0, nil, fmt.Errorf("a block of type %#x claims a length of %d bytes", typ, n)
	}
	var b []byte
	if int(n) <= r.br.Size() {
		if b, err = r.br.Peek(int(n)); err != nil {
			return 0, nil, noEOF(err)
		}
		// The bytes stay in the buffer until the next read fills it.
		_, _ = r.br.Discard(int(n))
	} else {
		if cap(r.big) < int(n) {
			r.big = make([]byte, n)
		}
		b = r.big[:n]
		if _, err := io.ReadFull(r.br, b); err != nil {
			return 0, nil, noEOF(err)
		}
	}
	if r.order.Uint32(b[n-4:]) != n {
		return 0, nil, fmt.Errorf("a block of type %#x of %d bytes ends with the length %d", typ, n, r.order.Uint32(b[n-4:]))
	}
	return typ, b[8 : n-4], nil
}

// sectionHeader starts a section: no interfaces yet.
func (r *Reader) sectionHeader(body []byte) error {
	if len(body) < 16 {
		return errors.New("a section header too short for its fields")
	}
	if major := r.order.Uint16(body[4:]); major != 1 {
		return fmt.Errorf("pcapng version %d.%d, which this reader does not know", major, r.order.Uint16(body[6:]))
	}
	r.intfs = r.intfs[:0]
	r.section = SectionInfo{}
	return options(r.order, body[16:], func(code uint16, v []byte) error {
		switch code {
		case optComment:
			r.section.Comment = string(v)
		case shbHardware:
			r.section.Hardware = string(v)
		case shbOS:
			r.section.OS = string(v)
		case shbApplication:
			r.section.Application = string(v)
		}
		return nil
	})
}

// interfaceDescription adds an interface to the section.
func (r *Reader) interfaceDescription(body []byte) error {
	if len(body) < 8 {
		return errors.New("an interface description too short for its fields")
	}
	in := Interface{LinkType: LinkType(r.order.Uint16(body)), SnapLength: r.order.Uint32(body[4:])}
	res := uint8(6)
	err := options(r.order, body[8:], func(code uint16, v []byte) error {
		switch code {
		case optComment:
			in.Comment = string(v)
		case ifName:
			in.Name = string(v)
		case ifDescription:
			in.Description = string(v)
		case ifFilter:
			if len(v) > 0 {
				in.Filter = string(v[1:]) // after the filter's kind
			}
		case ifOS:
			in.OS = string(v)
		case ifTSResol:
			if len(v) != 1 {
				return fmt.Errorf("if_tsresol of %d bytes", len(v))
			}
			res = v[0]
		case ifTSOffset:
			if len(v) != 8 {
				return fmt.Errorf("if_tsoffset of %d bytes", len(v))
			}
			in.TimestampOffset = int64(r.order.Uint64(v))
		}
		return nil
	})
	if err == nil {
		err = in.setResolution(res)
	}
	if err != nil {
		return err
	}
	r.intfs = append(r.intfs, in)
	return nil
}

// interfaceOf is the interface numbered i, or an error.
func (r *Reader) interfaceOf(i uint32) (*Interface, error) {
	if uint64(i) >= uint64(len(r.intfs)) {
		return nil, fmt.Errorf("a block of interface %d, of %d described", i, len(r.intfs))
	}
	return &r.intfs[i], nil
}

// stamp reads a timestamp's two words.
func (r *Reader) stamp(b []byte) uint64 {
	return uint64(r.order.Uint32(b))<<32 | uint64(r.order.Uint32(b[4:]))
}

// statistics records an interface statistics block.
func (r *Reader) statistics(body []byte) error {
	if len(body) < 12 {
		return errors.New("an interface statistics block too short for its fields")
	}
	in, err := r.interfaceOf(r.order.Uint32(body))
	if err != nil {
		return err
	}
	st := InterfaceStatistics{LastUpdate: in.time(r.stamp(body[4:])), PacketsReceived: NoValue, PacketsDropped: NoValue}
	err = options(r.order, body[12:], func(code uint16, v []byte) error {
		switch {
		case code == optComment:
			st.Comment = string(v)
		case code == isbStartTime && len(v) == 8:
			st.StartTime = in.time(r.stamp(v))
		case code == isbEndTime && len(v) == 8:
			st.EndTime = in.time(r.stamp(v))
		case code == isbIfRecv && len(v) == 8:
			st.PacketsReceived = r.order.Uint64(v)
		case code == isbIfDrop && len(v) == 8:
			st.PacketsDropped = r.order.Uint64(v)
		}
		return nil
	})
	if err != nil {
		return err
	}
	in.Statistics = st
	return nil
}

// packet reads a packet block of type typ: its data, the interface's
// number and the packet's time.
func (r *Reader) packet(typ uint32, body []byte) (data []byte, intf int, ns int64, err error) {
	var in *Interface
	var caplen uint32
	switch typ {
	case blockEnhancedPacket, blockPacket:
		if len(body) < 20 {
			return nil, 0, 0, errors.New("a packet block too short for its fields")
		}
		id := r.order.Uint32(body)
		if typ == blockPacket {
			id = uint32(r.order.Uint16(body))
		}
		if in, err = r.interfaceOf(id); err != nil {
			return nil, 0, 0, err
		}
		intf, caplen = int(id), r.order.Uint32(body[12:])
		ns = in.time(r.stamp(body[4:])).UnixNano()
		body = body[20:]
	case blockSimplePacket:
		// No time, and only the original length: the captured data is
		// what the block holds, up to the interface's snap length.
		if len(body) < 4 {
			return nil, 0, 0, errors.New("a simple packet block too short for its fields")
		}
		if in, err = r.interfaceOf(0); err != nil {
			return nil, 0, 0, err
		}
		caplen = min(r.order.Uint32(body), uint32(len(body)-4))
		if in.SnapLength != 0 {
			caplen = min(caplen, in.SnapLength)
		}
		body = body[4:]
	}
	if uint64(caplen) > uint64(len(body)) {
		return nil, 0, 0, fmt.Errorf("a packet of %d captured bytes in a block of %d", caplen, len(body))
	}
	return body[:caplen], intf, ns, nil
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
		typ, body, err := r.block()
		var data []byte
		var intf int
		var ns int64
		if err == nil {
			switch typ {
			case blockSectionHeader:
				err = r.sectionHeader(body)
			case blockInterface:
				err = r.interfaceDescription(body)
			case blockStatistics:
				err = r.statistics(body)
			case blockEnhancedPacket, blockPacket, blockSimplePacket:
				data, intf, ns, err = r.packet(typ, body)
			}
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
		if data == nil {
			continue // not a packet
		}
		if !zeroCopy {
			// The record's sections point into the packet, which must
			// outlive the reader's buffer.
			data = bytes.Clone(data)
		}
		r.frames++
		var payload []byte
		start := 0
		switch link := r.intfs[intf].LinkType; link {
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
			r.countForeign(link)
			continue
		}
		if err := unmarshal(payload, ns, rec, zeroCopy); err != nil {
			off := start
			var fe *FormatError
			if errors.As(err, &fe) {
				off += fe.Offset
			}
			return &RecordError{Record: r.frames, Offset: off, Err: err}
		}
		r.intf = intf
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
func (r *Reader) Interface() Interface {
	if r.intf >= len(r.intfs) {
		return Interface{}
	}
	return r.intfs[r.intf]
}

// SectionInfo describes the capturing host and tool, as the section
// header gives them.
func (r *Reader) SectionInfo() SectionInfo { return r.section }

func (r *Reader) countForeign(lt LinkType) {
	if r.foreign == nil {
		r.foreign = map[LinkType]int{}
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
	for _, intf := range r.intfs {
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
func linkName(lt LinkType) string {
	if lt == LinkTypeUpperPDU {
		// Only another dissector's PDUs are counted as foreign.
		return "Upper PDU for another dissector"
	}
	return lt.String()
}

// LinkType is the link type of the interface of the last record read.
func (r *Reader) LinkType() LinkType { return r.Interface().LinkType }
