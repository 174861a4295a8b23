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
// ErrUnknownVersion, or gives a record that survives a round trip; a record
// with the version 1 header length marshals back to the very input.
func FuzzUnmarshal(f *testing.F) {
	for _, rec := range sampleRecords() {
		f.Add(rec.AppendTo(nil))
	}
	long := sampleRecords()[3].AppendTo(nil)
	binary.LittleEndian.PutUint16(long[2:], HeaderLen+8) // a longer, future header
	f.Add(append(long[:HeaderLen:HeaderLen], append(make([]byte, 8), long[HeaderLen:]...)...))
	f.Add([]byte{1, 0})
	f.Add([]byte{2, 0, 104, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		var rec Record
		err := Unmarshal(b, &rec)
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
		again := rec.AppendTo(nil)
		if binary.LittleEndian.Uint16(b[2:]) == HeaderLen && !bytes.Equal(again, b) {
			t.Fatalf("re-marshalled record differs:\n got % x\nwant % x", again, b)
		}
		var rec2 Record
		if err := Unmarshal(again, &rec2); err != nil {
			t.Fatalf("re-marshalled record does not parse: %v", err)
		}
		if !reflect.DeepEqual(rec, rec2) {
			t.Fatalf("round trip changed the record:\n got %+v\nwant %+v", rec2, rec)
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
		zr, err := NewReader(bytes.NewReader(b))
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
				if err := Unmarshal(rec.AppendTo(nil), new(Record)); err != nil {
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
