package decoder

import (
	"errors"
	"io"
	"os"
	"testing"

	"github.com/stracedump/stracedump/pcapng"
)

// benchRecords reads testdata/bench_sh.pcapng: the conformance corpus's sh
// program (a shell pipeline: execs, forks, file, descriptor, memory and
// signal calls from four processes), as stracedump record captured it.
func benchRecords(b *testing.B) []*pcapng.Record {
	f, err := os.Open("testdata/bench_sh.pcapng")
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	r, err := pcapng.NewReader(f)
	if err != nil {
		b.Fatal(err)
	}
	var recs []*pcapng.Record
	for {
		var rec pcapng.Record
		if err := r.Next(&rec); err != nil {
			if errors.Is(err, io.EOF) {
				break
			}
			b.Fatal(err)
		}
		recs = append(recs, cloneRecord(&rec))
	}
	return recs
}

// BenchmarkDecode renders a capture through the printer, as stracedump
// decode does, and reports records decoded per second. Run on one core:
//
//	go test -run '^$' -bench BenchmarkDecode -cpu 1 ./decoder
func BenchmarkDecode(b *testing.B) {
	recs := benchRecords(b)
	for _, v := range []struct {
		name string
		opts func(*Options)
	}{
		{"default", func(*Options) {}},
		{"y-T-tt", func(o *Options) { o.DecodeFDs, o.Durations, o.Timestamps = 1, true, 2 }},
	} {
		b.Run(v.name, func(b *testing.B) {
			opts := DefaultOptions()
			v.opts(&opts)
			dec := New(opts)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				p := NewPrinter(io.Discard, dec)
				for _, rec := range recs {
					if err := p.Write(rec); err != nil {
						b.Fatal(err)
					}
				}
				if err := p.Close(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(recs)*b.N)/b.Elapsed().Seconds(), "records/s")
		})
	}
}
