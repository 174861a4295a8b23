package pcapng

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"reflect"
	"testing"
)

// FuzzUnmarshal: any input either fails with a FormatError or
// ErrUnknownVersion, or gives a record that survives a round trip through
// version 2; a version 1 record with the version 1 header length marshals
// back to the very input in version 1, and a version 2 record re-marshals
// to bytes that marshal to themselves.
func FuzzUnmarshal(f *testing.F) {
	for _, rec := range sampleRecords() {
		f.Add(rec.AppendTo(nil))
		f.Add(appendV1(nil, &rec))
	}
	long := appendV1(nil, &sampleRecords()[3])
	binary.LittleEndian.PutUint16(long[2:], HeaderLen+8) // a longer, future header
	f.Add(append(long[:HeaderLen:HeaderLen], append(make([]byte, 8), long[HeaderLen:]...)...))
	f.Add([]byte{1, 0})
	f.Add([]byte{2, 0, 104, 0})
	// Version 2 edge cases: a kind written out, every value mode, an
	// overlong varint, a key by reference to a missing argument.
	f.Add([]byte{2, 0, 0, 9, 1, 1})
	f.Add([]byte{2, 0, 0xc1, 0xff, 0x3f, 0xfb, 0x01, 1, 1, 1, 1, 1, 1, 1, 1})
	f.Add([]byte{2, 0, 1, 0xfb, 1, 100, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01})
	f.Add([]byte{2, 0, 1, 0xfb, 1, 100, 0x18, 0, 1, 'x'})
	f.Fuzz(func(t *testing.T, b []byte) {
		var rec Record
		err := Unmarshal(b, t0, &rec)
		if err != nil {
			var fe *FormatError
			if !errors.As(err, &fe) && !errors.Is(err, ErrUnknownVersion) {
				t.Fatalf("error of unexpected type %T: %v", err, err)
			}
			if fe != nil && (fe.Offset < 0 || fe.Offset > len(b)) {
				t.Fatalf("error offset %d outside the %d-byte input: %v", fe.Offset, len(b), err)
			}
			return
		}
		version := binary.LittleEndian.Uint16(b)
		if version == 1 && binary.LittleEndian.Uint16(b[2:]) == HeaderLen {
			if again := appendV1(nil, &rec); !bytes.Equal(again, b) {
				t.Fatalf("re-marshalled version 1 record differs:\n got % x\nwant % x", again, b)
			}
		}
		if version == 2 && rec.PacketTime() != t0 {
			t.Fatalf("version 2 record's PacketTime %d, its packet's %d", rec.PacketTime(), t0)
		}
		again := rec.AppendTo(nil)
		if len(again) != rec.MarshalledLen() {
			t.Fatalf("AppendTo wrote %d bytes, MarshalledLen says %d", len(again), rec.MarshalledLen())
		}
		var rec2 Record
		if err := Unmarshal(again, rec.PacketTime(), &rec2); err != nil {
			t.Fatalf("re-marshalled record does not parse: %v", err)
		}
		if !reflect.DeepEqual(rec, rec2) {
			t.Fatalf("round trip changed the record:\n got %+v\nwant %+v", rec2, rec)
		}
		if third := rec2.AppendTo(nil); !bytes.Equal(third, again) {
			t.Fatalf("a re-marshalled record marshals differently:\n got % x\nwant % x", third, again)
		}
	})
}

// FuzzReader: the reader survives any stream without panicking or looping,
// every record it returns is valid, and ZeroCopyNext reads what Next reads.
func FuzzReader(f *testing.F) {
	recs := sampleRecords()
	capture := writeCapture(f, recs, Stats{Received: uint64(len(recs)), Dropped: 1})
	f.Add(capture)
	f.Add(capture[:len(capture)/2])
	f.Add(writeV1Capture(f, recs))
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(capture)
	zw.Close()
	f.Add(gz.Bytes())
	// Sections in both byte orders, one after the other, a packet with
	// options: where ZeroCopyNext hands blocks to gopacket and back.
	f.Add(append(ngSection(binary.BigEndian, recs[:3], 1), ngSection(binary.LittleEndian, recs[:2], -1)...))
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := NewReader(bytes.NewReader(b))
		if err != nil {
			return
		}
		// In small reads, so that ZeroCopyNext's buffer refills
		// mid-block.
		zr, err := NewReader(&chunkReader{bytes.NewReader(b), 7})
		if err != nil {
			t.Fatalf("a second reader of the same bytes fails: %v", err)
		}
		var zrec Record // reused, as decode reuses its record
		// Each Next consumes at least one block of 12 bytes or more.
		for i := 0; i <= len(b)/12+1; i++ {
			var rec Record
			err := r.Next(&rec)
			zerr := zr.ZeroCopyNext(&zrec)
			if fmt.Sprint(err) != fmt.Sprint(zerr) {
				t.Fatalf("record %d: Next says %v, ZeroCopyNext %v", i+1, err, zerr)
			}
			if err == nil && !reflect.DeepEqual(rec, zrec) {
				t.Fatalf("record %d: Next read %+v, ZeroCopyNext %+v", i+1, rec, zrec)
			}
			if err == io.EOF || (err != nil && !isRecordError(err)) {
				return
			}
			if err == nil {
				if err := Unmarshal(rec.AppendTo(nil), rec.PacketTime(), new(Record)); err != nil {
					t.Fatalf("returned record does not re-marshal: %v", err)
				}
			}
		}
		t.Fatalf("reader still going after %d bytes", len(b))
	})
}

func isRecordError(err error) bool {
	var re *RecordError
	return errors.As(err, &re)
}
