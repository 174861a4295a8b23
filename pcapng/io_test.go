package pcapng

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"
)

// AUDIT_ARCH_X86_64 and AUDIT_ARCH_AARCH64 (include/uapi/linux/audit.h).
const (
	archX8664   = 0xc000003e
	archAarch64 = 0xc00000b7
)

// t0 is an arbitrary capture start, far from the zero time so that a
// timestamp lost on the way shows.
const t0 = int64(1_700_000_000_123_456_789)

// testOptions gives stable header blocks, independent of the host.
var testOptions = WriterOptions{Command: "/bin/cat /etc/hostname", Version: "0.1-test", OS: "Linux 6.1.0-test", Hardware: "x86_64"}

// sampleRecords returns one record of every kind and a section of every
// type, with the edge cases of each field (negative returns, empty data).
func sampleRecords() []Record {
	creds := make([]byte, 32)
	for i := range creds {
		creds[i] = byte(i)
	}
	return []Record{
		{Kind: KindCapture, Flags: FlagFollowForks | FlagLaunched, Arch: archX8664, Args: [6]uint64{64}, Time: t0,
			Sections: []Section{
				{Type: SecText, Key: TextCommand, Data: []byte("/bin/cat /etc/hostname")},
				{Type: SecText, Key: TextHost, Data: []byte("box")},
				{Type: SecText, Key: TextVersion, Data: []byte("stracedump 0.1")},
				{Type: SecText, Key: TextKernel, Data: []byte("6.1.0")},
				{Type: SecText, Key: TextMachine, Data: []byte("x86_64")},
			}},
		{Kind: KindProcess, Flags: FlagProcAttach | FlagLaunched, Arch: archX8664, PID: 100, TID: 100, Time: t0 + 1,
			Sections: []Section{
				{Type: SecComm, Data: []byte("cat")},
				{Type: SecExe, Data: []byte("/usr/bin/cat")},
				{Type: SecCwd, Data: []byte("/")},
				{Type: SecArgv, Data: []byte("/bin/cat\x00/etc/hostname")},
				{Type: SecCreds, Data: creds},
			}},
		{Kind: KindSyscallEntry, Arch: archX8664, PID: 100, TID: 101, Nr: 0, Args: [6]uint64{3, 0x7ffd0000, 4096}, Time: t0 + 2},
		{Kind: KindSyscall, Arch: archX8664, PID: 100, TID: 100, Nr: 257,
			Args: [6]uint64{0xffffff9c, 0x7ffc1234, 0o2000000, 0, 1 << 63, ^uint64(0)}, Ret: 3, Time: t0 + 3, Duration: 4500,
			Sections: []Section{
				{Type: SecMem, Flags: SecFlagString | SecFlagTerminated, Key: 0x7ffc1234, Data: []byte("/etc/hostname")},
				{Type: SecFDPath, Flags: SecFlagExit, Key: 3, Data: []byte("/etc/hostname")},
				{Type: SecMem, Flags: SecFlagFault, Key: 0x1000, Data: []byte{}},
			}},
		{Kind: KindSyscall, Arch: archAarch64, PID: 100, TID: 100, Nr: 56, Ret: -2, Time: t0 + 10, Duration: 1},
		{Kind: KindSyscall, Flags: FlagNoReturn, Arch: archX8664, PID: 100, TID: 100, Nr: 231, Time: t0 + 20},
		{Kind: KindSignal, Arch: archX8664, PID: 100, TID: 100, Nr: 17, Time: t0 + 30,
			Sections: []Section{{Type: SecSiginfo, Data: bytes.Repeat([]byte{0xa5}, 128)}}},
		{Kind: KindSignal, Flags: FlagGroupStop, Arch: archX8664, PID: 100, TID: 100, Nr: 20, Time: t0 + 31},
		{Kind: KindExit, Arch: archX8664, PID: 100, TID: 100, Ret: 0x100, Time: t0 + 40},
		{Kind: KindDetach, Arch: archX8664, PID: 100, TID: 102, Time: t0 + 50},
	}
}

// writeCapture writes recs with stats and returns the file's bytes.
func writeCapture(t testing.TB, recs []Record, stats Stats) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := NewWriter(&buf, testOptions)
	if err != nil {
		t.Fatal(err)
	}
	for i := range recs {
		if err := w.WriteRecord(&recs[i]); err != nil {
			t.Fatalf("record %d: %v", i+1, err)
		}
	}
	if err := w.Close(stats); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// readAll reads records until the first error, which it returns (nil for
// a clean io.EOF).
func readAll(data []byte) ([]Record, *Reader, error) {
	r, err := NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, nil, err
	}
	var recs []Record
	for {
		var rec Record
		err := r.Next(&rec)
		if err == io.EOF {
			return recs, r, nil
		}
		if err != nil {
			return recs, r, err
		}
		recs = append(recs, rec)
	}
}

func TestRoundTrip(t *testing.T) {
	want := sampleRecords()
	stats := Stats{Start: time.Unix(0, t0), End: time.Unix(0, t0+100), Received: uint64(len(want)), Dropped: 7}
	got, r, err := readAll(writeCapture(t, want, stats))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("read %d records, wrote %d", len(got), len(want))
	}
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("record %d:\n got %+v\nwant %+v", i+1, got[i], want[i])
		}
	}
	sec := r.SectionInfo()
	if sec.Application != "stracedump 0.1-test" || sec.OS != testOptions.OS || sec.Hardware != testOptions.Hardware {
		t.Errorf("section info %+v", sec)
	}
	intf := r.Interface()
	if intf.Name != "strace" || intf.Description != testOptions.Command || intf.OS != testOptions.OS || intf.LinkType != LinkTypeUpperPDU {
		t.Errorf("interface %+v", intf)
	}
	st := intf.Statistics
	if !st.StartTime.Equal(stats.Start) || !st.EndTime.Equal(stats.End) || st.PacketsReceived != stats.Received || st.PacketsDropped != 7 {
		t.Errorf("statistics %+v, wrote %+v", st, stats)
	}
}

// TestStatisticsSayWhatWasLost: the statistics block states the drop
// count, zero included (the writer never drops: the tracer waits for it),
// and says in its comment whether the tracer had to wait.
func TestStatisticsSayWhatWasLost(t *testing.T) {
	end := time.Unix(1700000000, 5)
	for _, tc := range []struct {
		stats   Stats
		comment string
	}{
		{Stats{Received: 1, End: end}, "no record was lost; the tracer never waited for the writer"},
		{Stats{Received: 1, End: end, Waits: 3, Waited: 1234567 * time.Microsecond},
			"no record was lost; the tracer waited 3 times (1.235s in all) for the writer to catch up"},
		{Stats{Received: 1, Dropped: 2}, "2 events were lost; the tracer never waited for the writer"},
	} {
		_, r, err := readAll(writeCapture(t, sampleRecords()[:1], tc.stats))
		if err != nil {
			t.Fatal(err)
		}
		st := r.Interface().Statistics
		if st.PacketsDropped != tc.stats.Dropped || st.PacketsReceived != 1 || st.Comment != tc.comment {
			t.Errorf("statistics %+v, want %d dropped and comment %q", st, tc.stats.Dropped, tc.comment)
		}
		if !tc.stats.End.IsZero() && !st.LastUpdate.Equal(tc.stats.End) {
			t.Errorf("statistics stamped %v, want %v", st.LastUpdate, tc.stats.End)
		}
	}
}

// TestTimestamps: each packet is stamped with the moment its record was
// complete, which keeps the file in time order as Wireshark expects.
func TestTimestamps(t *testing.T) {
	recs := sampleRecords()
	ng, err := pcapgo.NewNgReader(bytes.NewReader(writeCapture(t, recs, Stats{})), pcapgo.DefaultNgReaderOptions)
	if err != nil {
		t.Fatal(err)
	}
	for i, rec := range recs {
		_, ci, err := ng.ReadPacketData()
		if err != nil {
			t.Fatalf("packet %d: %v", i+1, err)
		}
		want := rec.Time
		if rec.Kind == KindSyscall {
			want += int64(rec.Duration)
		}
		if got := ci.Timestamp.UnixNano(); got != want {
			t.Errorf("packet %d (%s): timestamp %d, want %d", i+1, rec.Kind, got, want)
		}
	}
}

// TestPacketBytes pins the Upper-PDU framing Wireshark relies on.
func TestPacketBytes(t *testing.T) {
	rec := sampleRecords()[2]
	ng, err := pcapgo.NewNgReader(bytes.NewReader(writeCapture(t, []Record{rec}, Stats{})), pcapgo.DefaultNgReaderOptions)
	if err != nil {
		t.Fatal(err)
	}
	if ng.LinkType() != 252 {
		t.Errorf("link type %d, want 252", ng.LinkType())
	}
	data, _, err := ng.ReadPacketData()
	if err != nil {
		t.Fatal(err)
	}
	head := []byte{0x00, 0x0c, 0x00, 0x08, 's', 't', 'r', 'a', 'c', 'e', 0, 0, 0, 0, 0, 0}
	if !bytes.HasPrefix(data, head) {
		t.Fatalf("packet starts % x, want % x", data[:min(len(data), 16)], head)
	}
	if want := rec.AppendTo(nil); !bytes.Equal(data[len(head):], want) {
		t.Errorf("payload % x, want % x", data[len(head):], want)
	}
}

func TestRecordTooLarge(t *testing.T) {
	w, err := NewWriter(io.Discard, testOptions)
	if err != nil {
		t.Fatal(err)
	}
	rec := Record{Kind: KindSyscall, Sections: []Section{{Type: SecMem}}}
	rec.Sections[0].Data = make([]byte, MaxRecordLen-rec.MarshalledLen()-2) // its length takes 3 bytes, not 1
	if n := rec.MarshalledLen(); n != MaxRecordLen {
		t.Fatalf("test record is %d bytes, want %d", n, MaxRecordLen)
	}
	if err := w.WriteRecord(&rec); err != nil {
		t.Fatalf("record of exactly MaxRecordLen bytes: %v", err)
	}
	rec.Sections[0].Data = append(rec.Sections[0].Data, 0)
	if err := w.WriteRecord(&rec); !errors.Is(err, ErrRecordTooLarge) {
		t.Fatalf("record one byte over the limit: got %v, want ErrRecordTooLarge", err)
	}
}

// TestWriteErrorEPIPE: a reader that went away shows as EPIPE through the
// writer's wrapping, which is how the tracer learns to stop.
func TestWriteErrorEPIPE(t *testing.T) {
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer pw.Close()
	w, err := NewWriter(pw, testOptions)
	pr.Close()
	if err != nil {
		// The header fitted in the pipe before the close.
		t.Fatal(err)
	}
	rec := sampleRecords()[3]
	for i := 0; i < 3; i++ {
		if err = w.WriteRecord(&rec); err != nil {
			break
		}
		if err = w.Flush(); err != nil {
			break
		}
	}
	if !errors.Is(err, syscall.EPIPE) {
		t.Fatalf("writing to a closed pipe: got %v, want EPIPE", err)
	}
}

func TestCreateMode(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "new.pcapng")
	old := filepath.Join(dir, "old.pcapng")
	if err := os.WriteFile(old, []byte("previous contents"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{path, old} {
		f, err := Create(p)
		if err != nil {
			t.Fatal(err)
		}
		f.Close()
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o600 || fi.Size() != 0 {
			t.Errorf("%s: mode %v size %d, want -rw------- and empty", filepath.Base(p), fi.Mode(), fi.Size())
		}
	}
}

// TestOtherPackets: packets for other dissectors and link types are
// skipped, but counted, so record numbers in errors match Wireshark's.
func TestOtherPackets(t *testing.T) {
	var buf bytes.Buffer
	ng, err := pcapgo.NewNgWriter(&buf, layers.LinkType(LinkTypeUpperPDU))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ng.AddInterface(pcapgo.NgInterface{Name: "eth0", LinkType: 1}); err != nil {
		t.Fatal(err)
	}
	if _, err := ng.AddInterface(pcapgo.NgInterface{Name: "user0", LinkType: layers.LinkType(LinkTypeUser0)}); err != nil {
		t.Fatal(err)
	}
	recs := sampleRecords()
	write := func(intf int, data []byte, ts int64) {
		t.Helper()
		err := ng.WritePacket(ciFor(intf, data, ts), data)
		if err != nil {
			t.Fatal(err)
		}
	}
	pdu := func(tags []byte, rec *Record) []byte { return rec.AppendTo(append([]byte(nil), tags...)) }
	// 1: another dissector, with an extra tag before the name (tag 36,
	// Info column text, as Wireshark 4.2+ writes it).
	write(0, pdu([]byte{0, 36, 0, 4, 'a', 'b', 'c', 0, 0, 12, 0, 4, 'h', 't', 't', 'p', 0, 0, 0, 0}, &recs[0]), t0)
	// 2: Ethernet.
	write(1, make([]byte, 60), t0)
	// 3: ours, with the Info tag first and an unpadded name.
	write(0, pdu([]byte{0, 36, 0, 4, 'a', 'b', 'c', 0, 0, 12, 0, 6, 's', 't', 'r', 'a', 'c', 'e', 0, 0, 0, 0}, &recs[1]), recs[1].PacketTime())
	// 4: a bare record on DLT_USER0.
	write(2, recs[2].AppendTo(nil), recs[2].PacketTime())
	// 5: ours, record with a section running past the end: its 128-byte
	// siginfo, whose length is the 2-byte varint before the data.
	bad := pdu(pduHeader, &recs[6])
	badLenAt := len(bad) - 128 - 2
	write(0, bad[:len(bad)-1], t0)
	// 6: ours, from a newer stracedump.
	newer := pdu(pduHeader, &recs[4])
	newer[len(pduHeader)] = Version + 1
	write(0, newer, t0)
	// 7: ours, tags running past the packet.
	write(0, []byte{0, 12, 0, 8, 's', 't', 'r'}, t0)
	// 8: ours, fine.
	write(0, pdu(pduHeader, &recs[5]), recs[5].PacketTime())
	if err := ng.Flush(); err != nil {
		t.Fatal(err)
	}

	r, err := NewReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	var rec Record
	next := func() error { rec = Record{}; return r.Next(&rec) }
	if err := next(); err != nil || !reflect.DeepEqual(rec, recs[1]) {
		t.Fatalf("first record: %v, %+v", err, rec)
	}
	if err := next(); err != nil || !reflect.DeepEqual(rec, recs[2]) || r.LinkType() != LinkTypeUser0 {
		t.Fatalf("DLT_USER0 record: %v, link type %d, %+v", err, r.LinkType(), rec)
	}
	var re *RecordError
	err = next()
	wantMsg := fmt.Sprintf("record 5, byte %d: section 0 length 128 runs past the record end (127 bytes left)", badLenAt)
	if !errors.As(err, &re) || re.Record != 5 || err.Error() != wantMsg {
		t.Fatalf("truncated section: got %v, want %q...", err, wantMsg)
	}
	err = next()
	if !errors.Is(err, ErrUnknownVersion) || !errors.As(err, &re) || re.Record != 6 {
		t.Fatalf("newer version: got %v, want ErrUnknownVersion in record 6", err)
	}
	err = next()
	if !errors.As(err, &re) || re.Record != 7 || re.Offset != 2 {
		t.Fatalf("bad tags: got %v, want record 7 byte 2", err)
	}
	if err := next(); err != nil || !reflect.DeepEqual(rec, recs[5]) {
		t.Fatalf("record after the errors: %v, %+v", err, rec)
	}
	if err := next(); err != io.EOF {
		t.Fatalf("at the end: %v, want io.EOF", err)
	}
}

// TestTruncated cuts a capture at every byte: the reader never panics,
// returns every record that ends before the cut, and then says the file is
// truncated, naming the last record read. A cut between blocks is a clean
// end, as in a live capture read while it grows.
func TestTruncated(t *testing.T) {
	recs := sampleRecords()[:4]
	data := writeCapture(t, recs, Stats{Received: 4})
	packets, blocks := blockEnds(t, data)
	for cut := 0; cut < len(data); cut++ {
		got, _, err := readAll(data[:cut])
		complete := 0
		for complete < len(packets) && packets[complete] <= cut {
			complete++
		}
		if len(got) != complete {
			t.Errorf("cut at %d: read %d records, want %d", cut, len(got), complete)
		}
		for i := range got {
			if !reflect.DeepEqual(got[i], recs[i]) {
				t.Errorf("cut at %d: record %d differs", cut, i+1)
			}
		}
		switch {
		case cut == 0:
			if err == nil || !strings.Contains(err.Error(), "empty") {
				t.Errorf("empty file: %v", err)
			}
		case blocks[cut]:
			if err != nil {
				t.Errorf("cut between blocks at %d: %v, want a clean end", cut, err)
			}
		case !errors.Is(err, ErrTruncated):
			t.Errorf("cut at %d: %v, want ErrTruncated", cut, err)
		case cut > blocksBefore(blocks, 1):
			if want := fmt.Sprintf("capture file truncated after record %d", len(got)); err.Error() != want {
				t.Errorf("cut at %d: %q, want %q", cut, err, want)
			}
		}
	}
}

// blockEnds returns the offsets just past each packet block of a capture,
// and the set of offsets just past any block.
func blockEnds(t *testing.T, data []byte) ([]int, map[int]bool) {
	var packets []int
	blocks := map[int]bool{}
	for off := 0; off+8 <= len(data); {
		typ := binary.LittleEndian.Uint32(data[off:])
		n := int(binary.LittleEndian.Uint32(data[off+4:]))
		if n < 12 || off+n > len(data) {
			t.Fatalf("bad block at %d", off)
		}
		off += n
		blocks[off] = true
		if typ == 6 { // Enhanced Packet Block
			packets = append(packets, off)
		}
	}
	return packets, blocks
}

// blocksBefore returns the end of the first n blocks.
func blocksBefore(blocks map[int]bool, n int) int {
	for off := 0; ; off++ {
		if blocks[off] {
			if n--; n == 0 {
				return off
			}
		}
	}
}

func ciFor(intf int, data []byte, ts int64) gopacket.CaptureInfo {
	return gopacket.CaptureInfo{Timestamp: time.Unix(0, ts), CaptureLength: len(data), Length: len(data), InterfaceIndex: intf}
}

// TestReaderInputs: the stream shapes a capture reaches the reader in.
func TestReaderInputs(t *testing.T) {
	recs := sampleRecords()
	capture := writeCapture(t, recs, Stats{})
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(capture)
	zw.Close()
	// Two captures concatenated are two sections, as Wireshark reads them.
	other := testOptions
	other.Command = "second"
	var second bytes.Buffer
	w, err := NewWriter(&second, other)
	if err != nil {
		t.Fatal(err)
	}
	for i := range recs[:2] {
		w.WriteRecord(&recs[i])
	}
	w.Flush()

	for _, tc := range []struct {
		name string
		data []byte
		want []Record
		desc string
	}{
		{"plain", capture, recs, testOptions.Command},
		{"gzip", gz.Bytes(), recs, testOptions.Command},
		{"two sections", append(append([]byte(nil), capture...), second.Bytes()...), append(recs[:len(recs):len(recs)], recs[:2]...), "second"},
	} {
		got, r, err := readAll(tc.data)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: read %d records, want %d equal to those written", tc.name, len(got), len(tc.want))
		}
		if d := r.Interface().Description; d != tc.desc {
			t.Errorf("%s: interface description %q, want %q", tc.name, d, tc.desc)
		}
	}
}

func TestReaderNotPcapng(t *testing.T) {
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "empty input"},
		{"pcap", []byte{0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 1, 0, 0, 0}, "classic pcap file, not pcapng: convert it with editcap -F pcapng"},
		{"text", []byte("openat(AT_FDCWD, \"/etc/hostname\", O_RDONLY) = 3\n"), "not a pcapng capture"},
	} {
		_, err := NewReader(bytes.NewReader(tc.data))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want an error saying %q", tc.name, err, tc.want)
		}
	}
}

// TestZeroCopyNext: ZeroCopyNext reads the records Next reads, one record
// at a time; its section data are valid until the next call.
func TestZeroCopyNext(t *testing.T) {
	want := sampleRecords()
	data := writeCapture(t, want, Stats{})
	r, err := NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	var rec Record
	for i := 0; ; i++ {
		err := r.ZeroCopyNext(&rec)
		if err == io.EOF {
			if i != len(want) {
				t.Fatalf("read %d records, wrote %d", i, len(want))
			}
			break
		}
		if err != nil {
			t.Fatalf("record %d: %v", i+1, err)
		}
		if i >= len(want) {
			t.Fatalf("record %d: more records than written", i+1)
		}
		if !reflect.DeepEqual(rec, want[i]) {
			t.Errorf("record %d:\n got %+v\nwant %+v", i+1, rec, want[i])
		}
	}
}
