package decoder

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"os"
	"runtime"
	"syscall"
	"testing"
	"time"

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

// benchOptions are the option sets the decode benchmarks run with.
var benchOptions = []struct {
	name string
	opts func(*Options)
}{
	{"default", func(*Options) {}},
	{"y-T-tt", func(o *Options) { o.DecodeFDs, o.Durations, o.Timestamps = 1, true, 2 }},
}

// BenchmarkDecode renders a capture through the printer, as stracedump
// decode does, and reports records decoded per second and allocations per
// record. Run on one core:
//
//	go test -run '^$' -bench BenchmarkDecode -cpu 1 ./decoder
func BenchmarkDecode(b *testing.B) {
	recs := benchRecords(b)
	for _, v := range benchOptions {
		b.Run(v.name, func(b *testing.B) {
			opts := DefaultOptions()
			v.opts(&opts)
			dec := New(opts)
			b.ReportAllocs()
			start := startCount()
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
			reportPerRecord(b, len(recs), start)
		})
	}
}

// BenchmarkDecodeCapture is stracedump decode from the capture's bytes to
// the text, reading included, on two captures by stracedump record: dd
// (testdata/bench_dd*.pcapng.gz: "dd if=/dev/zero of=/dev/null bs=1
// count=1000", 2,127 records, one-byte reads and writes) and find
// (testdata/bench_find*.pcapng.gz: "find /usr/include/linux -name '*.h'",
// 680 records: fcntl, close, newfstatat, openat and getdents64, the mix of
// "find /usr"), each in record format version 1 and version 2 (_v2). The
// captures are unzipped once, before timing.
func BenchmarkDecodeCapture(b *testing.B) {
	for _, capture := range []string{"dd", "find", "dd_v2", "find_v2"} {
		data := unzipCapture(b, "testdata/bench_"+capture+".pcapng.gz")
		for _, v := range benchOptions {
			b.Run(capture+"/"+v.name, func(b *testing.B) {
				opts := DefaultOptions()
				v.opts(&opts)
				opts.Prefix = PrefixFile // as decode -o FILE
				dec := New(opts)
				records := 0
				b.ReportAllocs()
				start := startCount()
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					records = decodeAll(b, data, NewPrinter(io.Discard, dec))
				}
				reportPerRecord(b, records, start)
			})
		}
	}
}

// unzipCapture returns the bytes of a gzipped capture.
func unzipCapture(b *testing.B, name string) []byte {
	f, err := os.Open(name)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		b.Fatal(err)
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		b.Fatal(err)
	}
	return data
}

// benchStart is what reportPerRecord measures from.
type benchStart struct {
	mallocs uint64
	cpu     time.Duration
}

// startCount notes the allocations and CPU time so far; call it just
// before b.ResetTimer.
func startCount() benchStart {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return benchStart{ms.Mallocs, cpuTime()}
}

// cpuTime is the user and system time of the process so far. On a machine
// other work keeps busy, wall time per operation counts the waits for a
// core; CPU time does not.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportPerRecord reports records per second of wall time and of CPU
// time, and allocations per record, for n records an iteration.
func reportPerRecord(b *testing.B, n int, start benchStart) {
	b.StopTimer()
	cpu := cpuTime() - start.cpu
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	records := float64(n * b.N)
	b.ReportMetric(records/b.Elapsed().Seconds(), "records/s")
	if cpu > 0 {
		b.ReportMetric(records/cpu.Seconds(), "records/cpu-s")
	}
	b.ReportMetric(float64(ms.Mallocs-start.mallocs)/records, "allocs/record")
}

// BenchmarkDecodeJSON is BenchmarkDecodeCapture's find capture (version
// 2) decoded to text and to JSON Lines (decode --json), reading included,
// in decode's default options: what --json costs over the text.
//
//	go test -run '^$' -bench BenchmarkDecodeJSON -cpu 1 ./decoder
func BenchmarkDecodeJSON(b *testing.B) {
	for _, capture := range []string{"find_v2", "dd_v2"} {
		data := unzipCapture(b, "testdata/bench_"+capture+".pcapng.gz")
		for _, format := range []string{"text", "json"} {
			b.Run(capture+"/"+format, func(b *testing.B) {
				dec := New(DefaultOptions())
				records := 0
				var out countWriter
				b.ReportAllocs()
				start := startCount()
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					out = 0
					var w recordWriter = NewPrinter(&out, dec)
					if format == "json" {
						w = NewJSONWriter(&out, dec)
					}
					records = decodeAll(b, data, w)
				}
				b.ReportMetric(float64(out)/float64(records), "bytes/record")
				reportPerRecord(b, records, start)
			})
		}
	}
}

// countWriter counts the bytes written to it.
type countWriter int

func (c *countWriter) Write(p []byte) (int, error) { *c += countWriter(len(p)); return len(p), nil }

// recordWriter is what decode writes records with: the text printer or
// the JSON writer.
type recordWriter interface {
	Write(*pcapng.Record) error
	Close() error
}

// decodeAll writes every record of the capture data with w, closes it and
// returns how many records it wrote.
func decodeAll(b *testing.B, data []byte, w recordWriter) int {
	r, err := pcapng.NewReader(bytes.NewReader(data))
	if err != nil {
		b.Fatal(err)
	}
	records := 0
	var rec pcapng.Record
	for {
		if err := r.ZeroCopyNext(&rec); err != nil {
			if err == io.EOF {
				break
			}
			b.Fatal(err)
		}
		records++
		if err := w.Write(&rec); err != nil {
			b.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		b.Fatal(err)
	}
	return records
}
