package pcapng

import (
	"bytes"
	"encoding/hex"
	"reflect"
	"strings"
	"testing"
)

// TestVersion2Example pins the worked example of docs/format.md: a real
// openat record from a dd capture, byte by byte.
func TestVersion2Example(t *testing.T) {
	const packetTime = 1795664677609652601
	rec := Record{Kind: KindSyscall, Arch: archX8664, PID: 10159, TID: 10159, Nr: 257,
		Args: [6]uint64{0xffffff9c, 0x7f1df152a0b1, 0x80000, 0, 0, 0x55c96789bfcc}, Ret: 3,
		Time: packetTime - 99157, Duration: 99157,
		Sections: []Section{
			{Type: SecFDPath, Key: 0xffffff9c, Data: []byte("/tmp/fv2")},
			{Type: SecMem, Flags: SecFlagString | SecFlagTerminated, Key: 0x7f1df152a0b1, Data: []byte("/etc/ld.so.cache")},
			{Type: SecFDPath, Flags: SecFlagExit, Key: 3, Data: []byte("/etc/ld.so.cache")},
		}}
	want, err := hex.DecodeString(strings.Join(strings.Fields(`
		02 00  e1 ba 41  fb 01  af 4f  d5 86 06  81 02  03  63  b1 c1 ca 8a df e3 1f  80 80 20  cc ff a6 bc 96 b9 15
		43 00 08 2f746d702f667632
		24 06 10 2f6574632f6c642e736f2e6361636865
		52 01 01`), ""))
	if err != nil {
		t.Fatal(err)
	}
	got := rec.AppendTo(nil)
	if !bytes.Equal(got, want) {
		t.Fatalf("AppendTo:\n got % x\nwant % x", got, want)
	}
	if rec.PacketTime() != packetTime {
		t.Errorf("PacketTime %d, want %d", rec.PacketTime(), packetTime)
	}
	var back Record
	if err := Unmarshal(want, packetTime, &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, rec) {
		t.Errorf("Unmarshal:\n got %+v\nwant %+v", back, rec)
	}
}

func valueLen(v uint64) int {
	mode, m := valueMode(v)
	if mode == modeZero {
		return 0
	}
	return uvarintLen(m)
}

// TestVersion2Values: each value mode round-trips at its edges, and the
// writer picks the shortest.
func TestVersion2Values(t *testing.T) {
	for _, tc := range []struct {
		v     uint64
		mode  uint64
		bytes int
	}{
		{0, modeZero, 0},
		{1, modeUint, 1},
		{127, modeUint, 1},
		{128, modeUint, 2},
		{0x7fffffff, modeUint, 5},
		{0x80000000, modeUint, 5}, // 0xffffffff-v is no shorter
		{0xffffff9c, modeNeg32, 1},
		{0xffffffff, modeNeg32, 1},
		{1 << 32, modeUint, 5},
		{^uint64(0), modeNeg64, 1},
		{^uint64(1), modeNeg64, 1},
		{1 << 63, modeNeg64, 9},
		{1<<63 - 1, modeUint, 9},
	} {
		mode, _ := valueMode(tc.v)
		if mode != tc.mode || valueLen(tc.v) != tc.bytes {
			t.Errorf("%#x: mode %d in %d bytes, want mode %d in %d", tc.v, mode, valueLen(tc.v), tc.mode, tc.bytes)
		}
		rec := Record{Kind: KindSyscall, Nr: int64(tc.v), Ret: int64(tc.v), Args: [6]uint64{tc.v, 0, 0, 0, 0, tc.v}}
		var back Record
		if err := Unmarshal(rec.AppendTo(nil), 0, &back); err != nil {
			t.Fatalf("%#x: %v", tc.v, err)
		}
		if back.Nr != rec.Nr || back.Ret != rec.Ret || back.Args != rec.Args {
			t.Errorf("%#x: read back nr %#x ret %#x args %#x", tc.v, back.Nr, back.Ret, back.Args)
		}
	}
}

// TestVersion2Malformed: each way a version 2 record can be wrong gives
// the offset and reason.
func TestVersion2Malformed(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   string
		want string
	}{
		{"no head", "0200", "malformed record at byte 2: header truncated"},
		{"unknown head bits", "0200 81808002 fb01 01", "malformed record at byte 2: header bits 0x400000 unknown"},
		{"kind out of range", "0200 00 808004 fb01 01", "malformed record at byte 3: kind 65536 out of range (at most 65535)"},
		{"overlong varint", "0200 01 fb01 ffffffffffffffffff7f", "malformed record at byte 5: pid overflows 64 bits"},
		{"32-bit negative out of range", "0200 8118 fb01 01 8080808010", "malformed record at byte 7: args[0] (32-bit negative) 4294967296 out of range (at most 4294967295)"},
		{"tid out of range", "0200 11 fb01 01 03", "malformed record at byte 6: tid -1 out of range"},
		{"section key mode", "0200 01 fb01 01 19 00 00", "malformed record at byte 6: section 0 descriptor 0x19: type or key mode out of range"},
		{"section length", "0200 01 fb01 01 20 00 05 6162", "malformed record at byte 8: section 0 length 5 runs past the record end (2 bytes left)"},
		{"data of a later section", "0200 01 fb01 01 20 00 01 61 30 00 01", "malformed record at byte 12: section 1 repeats the data of section 1, not an earlier one"},
		{"section truncated", "0200 01 fb01 01 21 00", "malformed record at byte 8: section 0: section key truncated"},
	} {
		b, err := hex.DecodeString(strings.ReplaceAll(tc.in, " ", ""))
		if err != nil {
			t.Fatal(err)
		}
		var rec Record
		err = Unmarshal(b, 0, &rec)
		if err == nil || err.Error() != tc.want {
			t.Errorf("%s: %v, want %q", tc.name, err, tc.want)
		}
	}
}

// TestVersion2DataReferences: a section repeating an earlier one's data
// among the last dataRefWindow is stored as a reference, one further back
// in full, and both read back as the data.
func TestVersion2DataReferences(t *testing.T) {
	path := []byte("/usr/include/stdio.h")
	rec := Record{Kind: KindSyscall, Args: [6]uint64{3}}
	rec.Sections = append(rec.Sections, Section{Type: SecFDPath, Key: 3, Data: path})
	for i := 0; i < dataRefWindow; i++ {
		rec.Sections = append(rec.Sections, Section{Type: SecMem, Key: uint64(0x1000 + i), Data: []byte{byte(i)}})
	}
	// Section 9: nine back, beyond the window; section 10 repeats 9.
	rec.Sections = append(rec.Sections, Section{Type: SecFDPath, Flags: SecFlagExit, Key: 3, Data: path},
		Section{Type: SecMem, Flags: SecFlagString, Key: 0x2000, Data: path})
	b := rec.AppendTo(nil)
	if n := bytes.Count(b, path); n != 2 {
		t.Errorf("the path is stored %d times, want 2 (first, then beyond the window)", n)
	}
	if len(b) != rec.MarshalledLen() {
		t.Errorf("AppendTo wrote %d bytes, MarshalledLen says %d", len(b), rec.MarshalledLen())
	}
	var back Record
	if err := Unmarshal(b, rec.PacketTime(), &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, rec) {
		t.Errorf("read back:\n got %+v\nwant %+v", back, rec)
	}
}
