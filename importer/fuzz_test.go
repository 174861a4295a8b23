package importer

import (
	"testing"

	"github.com/stracedump/stracedump/decoder"
	"github.com/stracedump/stracedump/pcapng"
)

// FuzzImportLine feeds lines to the parser and the importer: neither may
// panic, every record made must read back, and decoding it must not panic.
// The seeds (lineTests and testdata/fuzz) run with every go test.
func FuzzImportLine(f *testing.F) {
	for _, tt := range lineTests {
		f.Add(tt.line)
	}
	f.Add(`14412 openat(AT_FDCWD</tmp>, "/etc/ld.so.cache", O_RDONLY|O_CLOEXEC) = 3</etc/ld.so.cache>`)
	f.Add(`1 fcntl(3</tmp/a>, F_GETFD) = 0x1 (flags FD_CLOEXEC)`)
	f.Add(`1 write(1</dev/pts/0<char 136:0>>, "\x68\x69\n"..., 300) = 300`)
	dec := decoder.New(decoder.Options{StringLimit: 32, DecodeFDs: 2, Xlat: decoder.XlatRaw})
	f.Fuzz(func(t *testing.T, line string) {
		_, _ = ParseLine(line)
		var recs []*pcapng.Record
		im := New(Options{Warn: func(string, int, error) {}}, func(r *pcapng.Record) error {
			recs = append(recs, r)
			return nil
		})
		// Twice, so that an unfinished call may be resumed.
		for n := 1; n <= 2; n++ {
			if err := im.Line("fuzz", n, 0, line); err != nil {
				t.Fatal(err)
			}
		}
		for _, r := range recs {
			ts := r.Time
			if r.Kind == pcapng.KindSyscall {
				ts += int64(r.Duration)
			}
			var back pcapng.Record
			if err := pcapng.Unmarshal(r.AppendTo(nil), ts, &back); err != nil {
				t.Fatalf("%q: the record does not read back: %v", line, err)
			}
			_ = dec.Line(&back)
		}
	})
}
