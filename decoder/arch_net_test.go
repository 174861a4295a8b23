package decoder

import (
	"errors"
	"io"
	"os"
	"testing"

	"github.com/stracedump/stracedump/pcapng"
)

// readCapture reads every record of a capture file.
func readCapture(t *testing.T, path string) []*pcapng.Record {
	t.Helper()
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	r, err := pcapng.NewReader(fh)
	if err != nil {
		t.Fatal(err)
	}
	var recs []*pcapng.Record
	for {
		rec := &pcapng.Record{}
		if err := r.Next(rec); errors.Is(err, io.EOF) {
			return recs
		} else if err != nil {
			t.Fatal(err)
		}
		recs = append(recs, rec)
	}
}

// TestI386Captures decodes captures of real 32-bit programs, taken on an
// x86_64 host with "gcc -m32 testdata/NAME.c" and "env -i stracedump
// record -o testdata/NAME.pcapng". The golden files are their decode,
// checked against "env -i strace [-v]" of the same programs: every line
// is identical (addresses, ports and pids aside) but two of i386_net,
// where strace asks the tracing host: sin6_scope_id=if_nametoindex("lo")
// (the capture holds only the index) and SIOCGIFCONF's struct ifconf
// (not decoded; the argument shows as an address).
func TestI386Captures(t *testing.T) {
	for _, name := range []string{"i386_net", "i386_subcalls"} {
		t.Run(name, func(t *testing.T) {
			recs := readCapture(t, "testdata/"+name+".pcapng")
			var i386 int
			for _, r := range recs {
				if r.Kind == pcapng.KindSyscall && r.Arch == AuditArchI386 {
					i386++
				}
			}
			if i386 < 30 {
				t.Fatalf("%d i386 syscall records, want a real 32-bit program's", i386)
			}
			for _, o := range []struct {
				suffix string
				opts   Options
			}{{"", Options{StringLimit: 32, Prefix: PrefixNone}}, {".v", Options{StringLimit: 32, Verbose: true, Prefix: PrefixNone}}} {
				checkGolden(t, "testdata/"+name+o.suffix+".golden", printAll(t, o.opts, recs))
			}
		})
	}
}
