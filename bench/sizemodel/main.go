// Command sizemodel estimates how small a capture would be under a compact
// record encoding, without changing the format: it reads a capture and
// sums, per record, the bytes a varint header (no duplicated timestamp,
// one byte for kind, flags and arch each), one-byte section headers with
// varint keys and lengths, and optionally a per-capture table of fd paths
// would take. docs/performance.md quotes its output.
//
//	go run ./bench/sizemodel FILE.pcapng
package main

import (
	"encoding/binary"
	"fmt"
	"os"

	"github.com/stracedump/stracedump/pcapng"
)

func uvarintLen(x uint64) int {
	var b [binary.MaxVarintLen64]byte
	return binary.PutUvarint(b[:], x)
}

func varintLen(x int64) int {
	var b [binary.MaxVarintLen64]byte
	return binary.PutVarint(b[:], x)
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: sizemodel FILE.pcapng")
		os.Exit(2)
	}
	f, err := os.Open(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	r, err := pcapng.NewReader(f)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	var rec pcapng.Record
	var records, calls, v1, compact, compactTable int64
	for r.Next(&rec) == nil {
		records++
		if rec.Kind == pcapng.KindSyscall {
			calls++
		}
		v1 += int64(rec.MarshalledLen())
		// version, kind, flags, arch index; the time is the packet's own.
		n := 4 + uvarintLen(uint64(rec.PID)) + uvarintLen(uint64(rec.TID)) + varintLen(rec.Nr) + 1
		for _, a := range rec.Args {
			n += uvarintLen(a)
		}
		n += varintLen(rec.Ret) + uvarintLen(rec.Duration) + uvarintLen(uint64(len(rec.Sections)))
		withTable := n
		for _, s := range rec.Sections {
			sec := 2 + uvarintLen(s.Key) + uvarintLen(uint64(len(s.Data))) + len(s.Data)
			n += sec
			if s.Type == pcapng.SecFDPath {
				sec = 2 + uvarintLen(s.Key) + 1 // a one-byte index into a path table
			}
			withTable += sec
		}
		compact += int64(n)
		compactTable += int64(withTable)
	}
	if calls == 0 {
		fmt.Println("no syscalls in the capture")
		return
	}
	framing := fi.Size() - v1 // pcapng blocks and the exported-PDU tags
	per := func(payload int64) float64 { return float64(payload+framing) / float64(calls) }
	fmt.Printf("%d records, %d syscalls, %d bytes: %.1f bytes per syscall\n", records, calls, fi.Size(), float64(fi.Size())/float64(calls))
	fmt.Printf("record payload (format 1): %.1f bytes per record; pcapng and PDU framing: %.1f\n", float64(v1)/float64(records), float64(framing)/float64(records))
	fmt.Printf("compact varint records: %.1f bytes per syscall in the file\n", per(compact))
	fmt.Printf("compact records and an fd path table: %.1f bytes per syscall in the file\n", per(compactTable))
}
