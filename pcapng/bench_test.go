package pcapng

import (
	"bytes"
	"io"
	"testing"
)

// typicalRecord is a read(2) of a 4 KiB buffer: the common large record.
func typicalRecord() Record {
	rec := sampleRecords()[3]
	rec.Sections = append(rec.Sections, Section{Type: SecMem, Flags: SecFlagExit, Key: 0x7ffd0000, Data: make([]byte, 4096)})
	return rec
}

// TestWriteRecordAllocs: the tracer writes a record per syscall, so the
// steady state must not allocate.
func TestWriteRecordAllocs(t *testing.T) {
	w, err := NewWriter(io.Discard, testOptions)
	if err != nil {
		t.Fatal(err)
	}
	rec := typicalRecord()
	if n := testing.AllocsPerRun(100, func() {
		if err := w.WriteRecord(&rec); err != nil {
			t.Fatal(err)
		}
	}); n != 0 {
		t.Errorf("WriteRecord allocates %v times per record, want 0", n)
	}
}

func BenchmarkWriteRecord(b *testing.B) {
	w, err := NewWriter(io.Discard, testOptions)
	if err != nil {
		b.Fatal(err)
	}
	rec := typicalRecord()
	b.SetBytes(int64(rec.MarshalledLen() + len(pduHeader)))
	b.ReportAllocs()
	for b.Loop() {
		if err := w.WriteRecord(&rec); err != nil {
			b.Fatal(err)
		}
	}
}

// ddRecord is a write(2) of one byte, as dd bs=1 makes them: the common
// small record, whose cost is its header's encoding.
func ddRecord() Record {
	return Record{Kind: KindSyscall, Arch: archX8664, PID: 31721, TID: 31721, Nr: 1,
		Args: [6]uint64{1, 0x55671318c000, 1, 0x7f418d8a54f0}, Ret: 1, Time: t0, Duration: 6536,
		Sections: []Section{
			{Type: SecFDPath, Key: 1, Data: []byte("/dev/null")},
			{Type: SecMem, Key: 0x55671318c000, Data: []byte{0}},
		}}
}

// BenchmarkEncodeSmallRecord encodes a small record as the tracer's sink
// does (command/sink.go): Fit to the packet limit, then its bytes.
func BenchmarkEncodeSmallRecord(b *testing.B) {
	rec := ddRecord()
	buf := make([]byte, 0, 4096)
	b.ReportAllocs()
	for b.Loop() {
		rec.Fit(MaxRecordLen)
		buf = rec.AppendTo(buf[:0])
	}
}

// BenchmarkUnmarshal reads the small record in each format version, as
// decode does for every packet.
func BenchmarkUnmarshal(b *testing.B) {
	rec := ddRecord()
	for _, v := range []struct {
		name string
		data []byte
	}{{"v1", appendV1(nil, &rec)}, {"v2", rec.AppendTo(nil)}} {
		b.Run(v.name, func(b *testing.B) {
			b.ReportAllocs()
			var out Record
			for b.Loop() {
				if err := Unmarshal(v.data, rec.PacketTime(), &out); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkReader reads a capture of 10,000 small records from memory,
// block framing and record parsing together, as decode reads a file.
func BenchmarkReader(b *testing.B) {
	rec := ddRecord()
	recs := make([]Record, 10000)
	for i := range recs {
		recs[i] = rec
	}
	data := writeCapture(b, recs, Stats{})
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	var out Record
	for b.Loop() {
		r, err := NewReader(bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for ; r.ZeroCopyNext(&out) == nil; n++ {
		}
		if n != len(recs) {
			b.Fatalf("read %d records of %d", n, len(recs))
		}
	}
}
