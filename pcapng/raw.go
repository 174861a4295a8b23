package pcapng

import (
	"fmt"
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
	w.buf = append(w.buf[:epbHeader+len(pduHeader)], rec...)
	return w.writePacket(ts)
}

// Fit shrinks r until it marshals into at most max bytes, so that a huge
// string limit never produces a packet Wireshark refuses: it cuts the
// largest memory sections first. A cut string loses its terminated flag,
// so it prints with strace's "..." as if the limit had cut it. A record
// well under max costs no more than a pass over its sections.
func (r *Record) Fit(max int) {
	if r.sizeBound() <= max {
		return
	}
	for over := r.MarshalledLen() - max; over > 0; over = r.MarshalledLen() - max {
		big := -1
		for i := range r.Sections {
			if r.Sections[i].Type == SecMem && (big < 0 || len(r.Sections[i].Data) > len(r.Sections[big].Data)) {
				big = i
			}
		}
		if big < 0 || len(r.Sections[big].Data) == 0 {
			// Nothing left to cut but sections themselves.
			r.Sections = r.Sections[:len(r.Sections)-1]
			continue
		}
		s := &r.Sections[big]
		n := len(s.Data) - over
		if n < 0 {
			n = 0
		}
		s.Data = s.Data[:n]
		s.Flags &^= SecFlagTerminated | SecFlagFault
	}
}
