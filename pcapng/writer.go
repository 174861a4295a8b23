package pcapng

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/stracedump/stracedump/internal/private"
	"golang.org/x/sys/unix"
)

// Link types a record can travel in.
const (
	// LinkTypeUpperPDU is Wireshark's exported-PDU encapsulation: the packet
	// names the dissector that decodes it, so no per-user configuration of
	// DLT_USER tables is needed. Writers use it.
	LinkTypeUpperPDU LinkType = 252
	// LinkTypeUser0 (DLT_USER0) carries a bare record. Readers accept it for
	// captures converted by hand; it collides with other private users.
	LinkTypeUser0 LinkType = 147
)

// DissectorName is the exported-PDU dissector name records are sent to.
const DissectorName = "strace"

// Exported-PDU tags (Wireshark epan/exported_pdu.h).
const (
	pduTagEnd           = 0
	pduTagDissectorName = 12
)

// pduHeader is the exported-PDU TLV prefix of every packet: tag 12 with the
// dissector name NUL-padded to a multiple of 4 (the length counts the
// padding, as Wireshark's own exporter writes it), then the end tag.
var pduHeader = []byte{
	0, pduTagDissectorName, 0, 8, 's', 't', 'r', 'a', 'c', 'e', 0, 0,
	0, pduTagEnd, 0, 0,
}

// MaxPacketLen is the largest packet Wireshark reads for this link type
// (WTAP_MAX_PACKET_SIZE_STANDARD): a larger one makes Wireshark stop
// reading the file there, so WriteRecord refuses it.
const MaxPacketLen = 262144

// MaxRecordLen is the largest marshalled record WriteRecord accepts.
const MaxRecordLen = MaxPacketLen - 16

// ErrRecordTooLarge is returned by WriteRecord for a record longer than
// MaxRecordLen; the tracer must cut memory sections to fit.
var ErrRecordTooLarge = errors.New("record too large for a pcapng packet")

// WriterOptions describe the capture in the file's header blocks.
type WriterOptions struct {
	// Command is the traced command line (or the pids attached to); it
	// becomes the interface description Wireshark shows.
	Command string
	// Version is stracedump's version, written as "stracedump <Version>"
	// in the section's user application option.
	Version string
	// OS and Hardware default to "Linux <kernel release>" and the machine
	// name (uname -m) of the host. Tests set them to get stable files.
	OS       string
	Hardware string
}

// Writer writes records to a pcapng stream, one Upper-PDU packet each.
// Output is buffered: call Flush after each batch of records when the
// stream is read live (a fifo to Wireshark), or Wireshark shows nothing
// until the buffer fills. A Writer is not safe for concurrent use.
type Writer struct {
	bw  *bufio.Writer
	out io.Writer // under bw: Close writes the statistics block itself
	buf []byte    // an enhanced packet block: its header, then the packet
}

// epbHeader is the length of an enhanced packet block before its data:
// type, length, interface, timestamp (two words), captured and original
// lengths.
const epbHeader = 28

// NewWriter writes the section header and the one interface description to
// w, flushes them so a live reader can start, and returns a Writer.
func NewWriter(w io.Writer, opts WriterOptions) (*Writer, error) {
	osName, hardware := opts.OS, opts.Hardware
	if osName == "" || hardware == "" {
		var u unix.Utsname
		if err := unix.Uname(&u); err != nil {
			return nil, fmt.Errorf("uname: %w", err)
		}
		if osName == "" {
			osName = "Linux " + unix.ByteSliceToString(u.Release[:])
		}
		if hardware == "" {
			hardware = unix.ByteSliceToString(u.Machine[:])
		}
	}
	app := "stracedump"
	if opts.Version != "" {
		app += " " + opts.Version
	}
	le := binary.LittleEndian
	// Version 1.0, section length unknown (-1): a stream.
	shb := le.AppendUint16(le.AppendUint16(le.AppendUint32(nil, byteOrderMagic), 1), 0)
	shb = le.AppendUint64(shb, ^uint64(0))
	shb = appendOptions(shb, option{shbApplication, []byte(app)}, option{shbHardware, []byte(hardware)}, option{shbOS, []byte(osName)})
	// Snap length 0: no limit. Nanosecond timestamps, the records' own.
	idb := le.AppendUint32(le.AppendUint16(le.AppendUint16(nil, uint16(LinkTypeUpperPDU)), 0), 0)
	idb = appendOptions(idb, option{ifName, []byte("strace")}, option{ifDescription, []byte(opts.Command)},
		option{ifOS, []byte(osName)}, option{ifTSResol, []byte{9}})
	bw := bufio.NewWriter(w)
	if _, err := bw.Write(appendBlock(appendBlock(nil, blockSectionHeader, shb), blockInterface, idb)); err != nil {
		return nil, fmt.Errorf("writing pcapng header: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return nil, fmt.Errorf("writing pcapng header: %w", err)
	}
	buf := make([]byte, epbHeader, 4096)
	return &Writer{bw: bw, out: w, buf: append(buf, pduHeader...)}, nil
}

// WriteRecord appends r to the stream as one packet. Its timestamp is the
// time the record describes as having happened last: a completed syscall's
// exit, otherwise r.Time. Errors from the underlying writer are wrapped, so
// errors.Is(err, syscall.EPIPE) tells a reader that went away.
func (w *Writer) WriteRecord(r *Record) error {
	if r.sizeBound() > MaxRecordLen {
		if n := r.MarshalledLen(); n > MaxRecordLen {
			return fmt.Errorf("%w: %s record of tid %d is %d bytes, limit %d", ErrRecordTooLarge, r.Kind, r.TID, n, MaxRecordLen)
		}
	}
	w.buf = r.AppendTo(w.buf[:epbHeader+len(pduHeader)])
	return w.writePacket(r.PacketTime())
}

// writePacket writes w.buf, an enhanced packet block's header space and
// the packet, as a block of interface 0 with time ts (Unix nanoseconds).
func (w *Writer) writePacket(ts int64) error {
	le := binary.LittleEndian
	n := len(w.buf) - epbHeader
	for len(w.buf)%4 != 0 {
		w.buf = append(w.buf, 0)
	}
	total := uint32(len(w.buf) + 4)
	w.buf = le.AppendUint32(w.buf, total)
	h := w.buf[:epbHeader]
	le.PutUint32(h[0:], blockEnhancedPacket)
	le.PutUint32(h[4:], total)
	le.PutUint32(h[8:], 0)
	le.PutUint32(h[12:], uint32(uint64(ts)>>32))
	le.PutUint32(h[16:], uint32(ts))
	le.PutUint32(h[20:], uint32(n))
	le.PutUint32(h[24:], uint32(n))
	if _, err := w.bw.Write(w.buf); err != nil {
		return fmt.Errorf("writing record: %w", err)
	}
	return nil
}

// Flush writes buffered records to the underlying writer.
func (w *Writer) Flush() error {
	if err := w.bw.Flush(); err != nil {
		return fmt.Errorf("flushing capture: %w", err)
	}
	return nil
}

// Stats are the capture's totals, written at its end.
type Stats struct {
	Start, End time.Time
	Received   uint64 // records written
	Dropped    uint64 // events lost
	// Waits counts the times the tracer stopped to let the writer catch up
	// rather than drop records, Waited their total.
	Waits  uint64
	Waited time.Duration
}

// Comment is what the statistics block says in words: whether anything
// was lost, and whether the tracer had to wait for its writer.
func (s Stats) Comment() string {
	lost := "no record was lost"
	if s.Dropped > 0 {
		lost = fmt.Sprintf("%d events were lost", s.Dropped)
	}
	if s.Waits == 0 {
		return lost + "; the tracer never waited for the writer"
	}
	times := fmt.Sprintf("%d times", s.Waits)
	if s.Waits == 1 {
		times = "once"
	}
	return fmt.Sprintf("%s; the tracer waited %s (%s in all) for the writer to catch up",
		lost, times, s.Waited.Round(time.Millisecond))
}

// Close writes an Interface Statistics Block with stats and flushes. It
// does not close the underlying writer. The block always carries the drop
// count, zero included, and a comment saying whether the tracer waited
// for the writer.
func (w *Writer) Close(stats Stats) error {
	if err := w.bw.Flush(); err != nil {
		return fmt.Errorf("writing capture statistics: %w", err)
	}
	le := binary.LittleEndian
	stamp := func(t time.Time) []byte {
		var ns int64
		if !t.IsZero() {
			ns = t.UnixNano()
		}
		return le.AppendUint32(le.AppendUint32(nil, uint32(ns>>32)), uint32(ns))
	}
	body := le.AppendUint32(nil, 0) // interface 0, the only one
	body = append(body, stamp(stats.End)...)
	body = appendOption(body, optComment, []byte(stats.Comment()))
	if !stats.Start.IsZero() {
		body = appendOption(body, isbStartTime, stamp(stats.Start))
	}
	if !stats.End.IsZero() {
		body = appendOption(body, isbEndTime, stamp(stats.End))
	}
	body = appendOption(body, isbIfRecv, le.AppendUint64(nil, stats.Received))
	body = appendOption(body, isbIfDrop, le.AppendUint64(nil, stats.Dropped))
	body = appendOption(body, optEnd, nil)
	b := appendBlock(nil, blockStatistics, body)
	if _, err := w.out.Write(b); err != nil {
		return fmt.Errorf("writing capture statistics: %w", err)
	}
	return nil
}

// Create creates or empties the capture file at path, readable by its
// owner only: captures hold tracee memory (file contents, passwords typed
// into a traced program). See private.Create for the rules.
func Create(path string) (*os.File, error) { return private.Create(path) }
