package decoder

import (
	"io"
	"testing"

	"github.com/stracedump/stracedump/pcapng"
)

// benchRecords are the golden cases' records, marshalled: a mix of the
// calls real programs make, with their captured memory.
func benchRecords(b *testing.B) [][]byte {
	b.Helper()
	// The cases build their records with a *testing.T for failures; they
	// do not fail on the fixed inputs here.
	t := new(testing.T)
	var raw [][]byte
	for _, gc := range goldenCases {
		rec := gc.rec(t)
		if rec.Kind != pcapng.KindSyscall {
			continue
		}
		raw = append(raw, rec.AppendTo(nil))
	}
	if len(raw) == 0 {
		b.Fatal("no records to decode")
	}
	return raw
}

// BenchmarkDecode is decode's inner loop on one core: unmarshal a record
// and print its line as strace -f -o FILE would, to a discarding writer.
func BenchmarkDecode(b *testing.B) {
	raw := benchRecords(b)
	opts := DefaultOptions()
	opts.Prefix = PrefixFile
	p := NewPrinter(io.Discard, New(opts))
	var rec pcapng.Record
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if err := pcapng.Unmarshal(raw[i%len(raw)], &rec); err != nil {
			b.Fatal(err)
		}
		if err := p.Write(&rec); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.ReportMetric(float64(i)/b.Elapsed().Seconds(), "records/s")
}

// BenchmarkLine is the renderer alone: one record's line, no I/O.
func BenchmarkLine(b *testing.B) {
	raw := benchRecords(b)
	recs := make([]pcapng.Record, len(raw))
	for i := range raw {
		if err := pcapng.Unmarshal(raw[i], &recs[i]); err != nil {
			b.Fatal(err)
		}
	}
	dec := New(DefaultOptions())
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		_ = dec.Line(&recs[i%len(recs)])
		i++
	}
	b.ReportMetric(float64(i)/b.Elapsed().Seconds(), "records/s")
}
