package lua

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stracedump/stracedump/decoder"
	"github.com/stracedump/stracedump/pcapng"
)

// v1Capture is a real capture in record format version 1 (see
// command/formatv1_test.go for how it was taken).
var v1Capture = filepath.Join("..", "pcapng", "testdata", "v1.pcapng")

// TestInfoVersion1: the dissector's Info column for the version 1 capture
// is the one it showed when the capture was taken.
func TestInfoVersion1(t *testing.T) {
	need(t, "tshark")
	rows := fieldRows(t, v1Capture, "", info(t, v1Capture), "strace.malformed", "_ws.lua.error")
	var nums []int
	for n := range rows {
		nums = append(nums, n)
	}
	sort.Ints(nums)
	var b strings.Builder
	for _, n := range nums {
		r := rows[n]
		if r[1] != "" || r[2] != "" {
			t.Errorf("frame %d: malformed %q, Lua error %q", n, r[1], r[2])
		}
		fmt.Fprintf(&b, "%d\t%s\n", n, r[0])
	}
	golden := filepath.Join("..", "pcapng", "testdata", "v1.info.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (go test ./lua -run TestInfoVersion1 -update writes it)", err)
	}
	got := strings.Split(b.String(), "\n")
	for i, w := range strings.Split(string(want), "\n") {
		if i >= len(got) {
			t.Fatalf("Info has %d lines, the golden file %d", len(got), i+1)
		}
		if got[i] != w {
			t.Errorf("Info line %d changed:\n got %s\nwant %s", i+1, got[i], w)
		}
	}
	if len(got) != len(strings.Split(string(want), "\n")) {
		t.Errorf("Info has %d lines, the golden file %d", len(got), len(strings.Split(string(want), "\n")))
	}
}

// TestVersionsDissectAlike rewrites the version 1 capture's records in
// version 2 and dissects both: every field but the format's own (version,
// header length) is the same in both, times to the nanosecond.
func TestVersionsDissectAlike(t *testing.T) {
	need(t, "tshark")
	in, err := os.Open(v1Capture)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	r, err := pcapng.NewReader(in)
	if err != nil {
		t.Fatal(err)
	}
	v2 := filepath.Join(t.TempDir(), "v2.pcapng")
	out, err := os.Create(v2)
	if err != nil {
		t.Fatal(err)
	}
	w, err := pcapng.NewWriter(out, pcapng.WriterOptions{Command: r.Interface().Description, OS: "Linux", Hardware: "x86_64"})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for {
		var rec pcapng.Record
		if err := r.Next(&rec); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		if err := w.WriteRecord(&rec); err != nil {
			t.Fatal(err)
		}
		n++
	}
	if err := w.Close(pcapng.Stats{}); err != nil {
		t.Fatal(err)
	}
	out.Close()
	fields := []string{info(t, v1Capture), "frame.time_epoch", "strace.kind", "strace.flags", "strace.flags.no_return",
		"strace.flags.exec", "strace.arch", "strace.pid", "strace.tid", "strace.nsections", "strace.timestamp",
		"strace.nr", "strace.syscall", "strace.arg", "strace.arg.text", "strace.ret", "strace.errno", "strace.duration",
		"strace.fd", "strace.fd.path", "strace.path", "strace.data", "strace.signal", "strace.siginfo.pid",
		"strace.exit.status", "strace.proc.comm", "strace.proc.argv", "strace.proc.uid", "strace.section.type",
		"strace.section.flags", "strace.section.len", "strace.section.key", "strace.section.data", "strace.line",
		"strace.request_in", "strace.response_in", "strace.capture.string_limit", "strace.version"}
	one := fieldRows(t, v1Capture, "", fields...)
	two := fieldRows(t, v2, "", fields...)
	if len(one) != n || len(two) != n {
		t.Fatalf("%d records, tshark rows: %d in version 1, %d in version 2", n, len(one), len(two))
	}
	for num := 1; num <= n; num++ {
		a, b := one[num], two[num]
		if a[len(a)-1] != "1" || b[len(b)-1] != "2" {
			t.Fatalf("frame %d: versions %q and %q, want 1 and 2", num, a[len(a)-1], b[len(b)-1])
		}
		for i := range fields[:len(fields)-1] {
			if a[i] != b[i] {
				t.Errorf("frame %d: %s is %q in version 1, %q in version 2", num, fields[i], a[i], b[i])
			}
		}
	}
}

// TestVersion2EdgeValues: 64-bit values at the edges of each value mode
// (pointers above 2^53, 64-bit and 32-bit negatives) and tids either side
// of the pid reach the dissector exactly: its Info is the Go decoder's
// line, and the tree's pid, tid and arguments are the record's.
func TestVersion2EdgeValues(t *testing.T) {
	need(t, "tshark")
	edges := [][6]uint64{
		{1 << 63, ^uint64(0), 1<<63 - 1, 0x123456789abcdef0, 0xffffff9c, 0x80000000},
		{0xfedcba9876543210, 1 << 53, 1<<53 + 1, 0xffffffff, 0x7fffffff, ^uint64(0xffff)},
	}
	var recs []pcapng.Record
	for i, args := range edges {
		recs = append(recs,
			// 999: no syscall, so every argument prints in hex.
			pcapng.Record{Kind: pcapng.KindSyscall, Arch: 0xc000003e, PID: 70000, TID: 70000 + uint32(i) - 1, Nr: 999,
				Args: args, Ret: -38, Time: 1795664426654847123, Duration: 1<<40 + 7},
			// A -1 descriptor and a pointer result, mode 3 and a 47-bit value.
			pcapng.Record{Kind: pcapng.KindSyscall, Arch: 0xc000003e, PID: 4194304, TID: 4194304, Nr: 9,
				Args: [6]uint64{0, 4096, 3, 0x22, 0xffffffff, 0}, Ret: 0x7f1df1308000, Time: 1795664426654847999, Duration: 3})
	}
	path := filepath.Join(t.TempDir(), "edges.pcapng")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w, err := pcapng.NewWriter(f, pcapng.WriterOptions{Command: "edges", OS: "Linux", Hardware: "x86_64"})
	if err != nil {
		t.Fatal(err)
	}
	for i := range recs {
		if err := w.WriteRecord(&recs[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(pcapng.Stats{}); err != nil {
		t.Fatal(err)
	}
	f.Close()
	dec := decoder.New(decoder.DefaultOptions())
	rows := fieldRows(t, path, "", info(t, path), "strace.pid", "strace.tid", "strace.arg", "strace.ret", "strace.duration", "strace.malformed")
	for i, rec := range recs {
		row := rows[i+1]
		if want := infoLine(dec, &rec, dec.Line(&rec)); row[0] != want {
			t.Errorf("record %d: Info %q, want %q", i+1, row[0], want)
		}
		if row[1] != fmt.Sprint(rec.PID) || row[2] != fmt.Sprint(rec.TID) || row[6] != "" {
			t.Errorf("record %d: pid %s tid %s (malformed %q), want %d and %d", i+1, row[1], row[2], row[6], rec.PID, rec.TID)
		}
		if want := fmt.Sprintf("%d.%09d", rec.Duration/1e9, rec.Duration%1e9); row[5] != want {
			t.Errorf("record %d: duration %s, want %s", i+1, row[5], want)
		}
		if rec.Nr == 999 {
			var args []string
			for _, a := range rec.Args {
				args = append(args, fmt.Sprintf("0x%016x", a))
			}
			if row[3] != strings.Join(args, ",") {
				t.Errorf("record %d: args %s, want %s", i+1, row[3], strings.Join(args, ","))
			}
			if row[4] != "-38" {
				t.Errorf("record %d: ret %s, want -38", i+1, row[4])
			}
		}
	}
}
