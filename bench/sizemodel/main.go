// Command sizemodel reads a capture and says how many bytes per syscall it
// takes in each record format version: the file as it is, and the same
// records as version 1 (fixed 104-byte headers) and version 2 (varints)
// would take, each in its Enhanced Packet Block with the exported-PDU
// tags. docs/performance.md quotes its output.
//
//	go run ./bench/sizemodel FILE.pcapng
package main

import (
	"fmt"
	"os"

	"github.com/stracedump/stracedump/pcapng"
)

// packetLen is a record's share of the file: an Enhanced Packet Block of
// 28 header and 4 trailer bytes around the 16 bytes of exported-PDU tags
// and the record, padded to 4.
func packetLen(record int) int64 { return int64(32 + (16+record+3)/4*4) }

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
	var records, calls, v1, v2, v1File, v2File int64
	for r.Next(&rec) == nil {
		records++
		if rec.Kind == pcapng.KindSyscall {
			calls++
		}
		n1 := pcapng.HeaderLen
		for _, s := range rec.Sections {
			n1 += 16 + len(s.Data)
		}
		n2 := rec.MarshalledLen()
		v1 += int64(n1)
		v2 += int64(n2)
		v1File += packetLen(n1)
		v2File += packetLen(n2)
	}
	if calls == 0 {
		fmt.Println("no syscalls in the capture")
		return
	}
	per := func(n int64) float64 { return float64(n) / float64(calls) }
	fmt.Printf("%d records, %d syscalls, %d bytes: %.1f bytes per syscall\n", records, calls, fi.Size(), per(fi.Size()))
	fmt.Printf("version 1: records %.1f bytes each, packets %.1f bytes per syscall\n", float64(v1)/float64(records), per(v1File))
	fmt.Printf("version 2: records %.1f bytes each, packets %.1f bytes per syscall\n", float64(v2)/float64(records), per(v2File))
}
