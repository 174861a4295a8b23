package pcapng

import (
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
