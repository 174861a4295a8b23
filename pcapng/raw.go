package pcapng

import (
	"fmt"
	"time"

	"github.com/gopacket/gopacket"
)

// PacketTime is the timestamp a record's packet carries: the moment the
// record describes as having happened last, a completed syscall's exit,
// otherwise Time.
func (r *Record) PacketTime() int64 {
	if r.Kind == KindSyscall {
		return r.Time + int64(r.Duration)
	}
	return r.Time
}

// WriteMarshalled writes a record already encoded by Record.AppendTo, with
// packet time ts (Record.PacketTime). It lets a tracer encode records on
// its own thread and hand the bytes to a writer goroutine.
func (w *Writer) WriteMarshalled(rec []byte, ts int64) error {
	if len(rec) > MaxRecordLen {
		return fmt.Errorf("%w: %d bytes, limit %d", ErrRecordTooLarge, len(rec), MaxRecordLen)
	}
	w.buf = append(w.buf[:len(pduHeader)], rec...)
	ci := gopacket.CaptureInfo{Timestamp: time.Unix(0, ts), CaptureLength: len(w.buf), Length: len(w.buf)}
	if err := w.ng.WritePacket(ci, w.buf); err != nil {
		return fmt.Errorf("writing record: %w", err)
	}
	return nil
}
