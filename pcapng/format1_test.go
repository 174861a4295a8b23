package pcapng

import (
	"bytes"
	"encoding/binary"
	"os"
	"reflect"
	"testing"

	"github.com/gopacket/gopacket/pcapgo"
)

// appendV1 appends r in record format version 1, as stracedump 0.1 wrote
// it, so tests can make version 1 input.
func appendV1(b []byte, r *Record) []byte {
	le := binary.LittleEndian
	b = le.AppendUint16(b, 1)
	b = le.AppendUint16(b, HeaderLen)
	b = le.AppendUint16(b, uint16(r.Kind))
	b = le.AppendUint16(b, r.Flags)
	b = le.AppendUint32(b, r.Arch)
	b = le.AppendUint32(b, r.PID)
	b = le.AppendUint32(b, r.TID)
	b = le.AppendUint32(b, uint32(len(r.Sections)))
	b = le.AppendUint64(b, uint64(r.Nr))
	for _, a := range r.Args {
		b = le.AppendUint64(b, a)
	}
	b = le.AppendUint64(b, uint64(r.Ret))
	b = le.AppendUint64(b, uint64(r.Time))
	b = le.AppendUint64(b, r.Duration)
	for i := range r.Sections {
		s := &r.Sections[i]
		b = le.AppendUint16(b, uint16(s.Type))
		b = le.AppendUint16(b, s.Flags)
		b = le.AppendUint32(b, uint32(len(s.Data)))
		b = le.AppendUint64(b, s.Key)
		b = append(b, s.Data...)
	}
	return b
}

// TestVersion1Capture reads the real version 1 capture in testdata: each
// packet is a version 1 record that reads back byte for byte, whose packet
// time is PacketTime, and which survives a round trip through version 2.
func TestVersion1Capture(t *testing.T) {
	f, err := os.Open("testdata/v1.pcapng")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ng, err := pcapgo.NewNgReader(f, pcapgo.DefaultNgReaderOptions)
	if err != nil {
		t.Fatal(err)
	}
	n, v1Bytes, v2Bytes := 0, 0, 0
	for {
		data, ci, err := ng.ReadPacketData()
		if err != nil {
			break
		}
		n++
		payload := data[len(pduHeader):]
		ts := ci.Timestamp.UnixNano()
		var rec Record
		if err := Unmarshal(payload, ts, &rec); err != nil {
			t.Fatalf("packet %d: %v", n, err)
		}
		if binary.LittleEndian.Uint16(payload) != 1 {
			t.Fatalf("packet %d: version %d, want 1", n, binary.LittleEndian.Uint16(payload))
		}
		if again := appendV1(nil, &rec); !bytes.Equal(again, payload) {
			t.Fatalf("packet %d: version 1 record does not marshal back to its bytes", n)
		}
		if rec.PacketTime() != ts {
			t.Errorf("packet %d: packet time %d, PacketTime %d", n, ts, rec.PacketTime())
		}
		v2 := rec.AppendTo(nil)
		if len(v2) != rec.MarshalledLen() {
			t.Errorf("packet %d: AppendTo wrote %d bytes, MarshalledLen says %d", n, len(v2), rec.MarshalledLen())
		}
		var rec2 Record
		if err := Unmarshal(v2, ts, &rec2); err != nil {
			t.Fatalf("packet %d as version 2: %v", n, err)
		}
		if !reflect.DeepEqual(rec, rec2) {
			t.Errorf("packet %d changed through version 2:\n got %+v\nwant %+v", n, rec2, rec)
		}
		v1Bytes += len(payload)
		v2Bytes += len(v2)
	}
	if n < 100 {
		t.Fatalf("read %d packets, want the whole capture", n)
	}
	t.Logf("%d records: %d bytes in version 1, %d in version 2", n, v1Bytes, v2Bytes)
}

// writeV1Capture writes recs as version 1 records and returns the file's
// bytes.
func writeV1Capture(t testing.TB, recs []Record) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := NewWriter(&buf, testOptions)
	if err != nil {
		t.Fatal(err)
	}
	for i := range recs {
		if err := w.WriteMarshalled(appendV1(nil, &recs[i]), recs[i].PacketTime()); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(Stats{}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestReaderVersion1: a stream of version 1 records reads back as the
// records written.
func TestReaderVersion1(t *testing.T) {
	want := sampleRecords()
	got, _, err := readAll(writeV1Capture(t, want))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("read %d records, want %d equal to those written:\n got %+v\nwant %+v", len(got), len(want), got, want)
	}
}
