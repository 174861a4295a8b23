package pcapng

import (
	"bytes"
	"testing"
)

func TestFitCutsLargestMemorySection(t *testing.T) {
	r := Record{Kind: KindSyscall, Sections: []Section{
		{Type: SecMem, Flags: SecFlagString | SecFlagTerminated, Key: 1, Data: bytes.Repeat([]byte{'a'}, 300000)},
		{Type: SecMem, Key: 2, Data: []byte("small")},
		{Type: SecFDPath, Key: 3, Data: []byte("/etc/passwd")},
	}}
	r.Fit(MaxRecordLen)
	if n := r.MarshalledLen(); n != MaxRecordLen {
		t.Fatalf("fitted record is %d bytes, want exactly %d", n, MaxRecordLen)
	}
	if r.Sections[0].Flags&SecFlagTerminated != 0 {
		t.Error("cut string still claims its NUL")
	}
	if string(r.Sections[1].Data) != "small" || string(r.Sections[2].Data) != "/etc/passwd" {
		t.Error("Fit cut sections that were not the largest")
	}
	small := Record{Sections: []Section{{Type: SecMem, Data: []byte("x")}}}
	small.Fit(MaxRecordLen)
	if len(small.Sections[0].Data) != 1 {
		t.Error("Fit changed a record that fits")
	}
}
