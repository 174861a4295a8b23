package pcapng

import (
	"bytes"
	"encoding/binary"
	"io"
	"reflect"
	"testing"
)

// ngBlock is one pcapng block of type typ and body, in byte order o.
func ngBlock(o binary.AppendByteOrder, typ uint32, body []byte) []byte {
	for len(body)%4 != 0 {
		body = append(body, 0)
	}
	n := uint32(12 + len(body))
	b := o.AppendUint32(o.AppendUint32(nil, typ), n)
	b = append(b, body...)
	return o.AppendUint32(b, n)
}

// ngSection is a section in byte order o: its header, one interface of
// our link type, and an enhanced packet block a record, with options on
// the one at withOption.
func ngSection(o binary.AppendByteOrder, recs []Record, withOption int) []byte {
	return ngSectionTimed(o, recs, withOption, nil)
}

// ngSectionTimed is ngSection with the interface's timestamp options,
// which the section's packets' times are in.
func ngSectionTimed(o binary.AppendByteOrder, recs []Record, withOption int, intfOpts []byte) []byte {
	shb := o.AppendUint16(o.AppendUint16(o.AppendUint32(nil, byteOrderMagic), 1), 0)
	shb = o.AppendUint64(shb, ^uint64(0))
	out := ngBlock(o, blockSectionHeader, shb)
	idb := o.AppendUint32(o.AppendUint16(o.AppendUint16(nil, uint16(LinkTypeUpperPDU)), 0), 0)
	if intfOpts != nil {
		idb = o.AppendUint32(append(idb, intfOpts...), 0) // then opt_endofopt
	}
	out = append(out, ngBlock(o, 1, idb)...)
	for i := range recs {
		data := recs[i].AppendTo(append([]byte(nil), pduHeader...))
		ts := uint64(recs[i].PacketTime())
		epb := o.AppendUint32(o.AppendUint32(o.AppendUint32(nil, 0), uint32(ts>>32)), uint32(ts))
		epb = o.AppendUint32(o.AppendUint32(epb, uint32(len(data))), uint32(len(data)))
		epb = append(epb, data...)
		for len(epb)%4 != 0 {
			epb = append(epb, 0)
		}
		if i == withOption {
			// opt_comment "hi", then opt_endofopt.
			epb = append(o.AppendUint16(o.AppendUint16(epb, 1), 2), 'h', 'i', 0, 0)
			epb = o.AppendUint32(epb, 0)
		}
		out = append(out, ngBlock(o, blockEnhancedPacket, epb)...)
	}
	return out
}

// chunkReader reads at most n bytes at a time from r.
type chunkReader struct {
	r io.Reader
	n int
}

func (c *chunkReader) Read(p []byte) (int, error) {
	if len(p) > c.n {
		p = p[:c.n]
	}
	return c.r.Read(p)
}

// TestZeroCopyNextByteOrders: ZeroCopyNext reads its own packet blocks in
// little- and big-endian sections, one after the other, and around a block
// with options it leaves to gopacket; it returns what Next returns.
func TestZeroCopyNextByteOrders(t *testing.T) {
	recs := sampleRecords()
	n := len(recs)
	// More than the reader's buffer holds, so that blocks straddle its
	// refills.
	var many []Record
	for len(many)*100 < 3*readBufferSize {
		many = append(many, recs...)
	}
	for _, tc := range []struct {
		name string
		data []byte
		// gopacket reads each section's first packet and those with
		// options; the rest are read without it.
		wantFast int
	}{
		{"little-endian", ngSection(binary.LittleEndian, recs, -1), n - 1},
		{"big-endian", ngSection(binary.BigEndian, recs, -1), n - 1},
		{"option", ngSection(binary.LittleEndian, recs, 1), n - 2},
		{"little then big", append(ngSection(binary.LittleEndian, recs, -1), ngSection(binary.BigEndian, recs, -1)...), 2*n - 2},
		{"big then little", append(ngSection(binary.BigEndian, recs, 2), ngSection(binary.LittleEndian, recs, -1)...), 2*n - 3},
		// if_tsresol 2^-20 and if_tsoffset 1000 s; then 10^-9.
		{"timestamp options", append(
			ngSectionTimed(binary.LittleEndian, recs, -1, []byte{9, 0, 1, 0, 0x80 | 20, 0, 0, 0, 14, 0, 8, 0, 0xe8, 3, 0, 0, 0, 0, 0, 0}),
			ngSectionTimed(binary.BigEndian, recs, -1, []byte{0, 9, 0, 1, 9, 0, 0, 0})...), 2*n - 2},
		{"larger than the buffer", ngSection(binary.LittleEndian, many, 5), len(many) - 2},
	} {
		want, _, err := readAll(tc.data)
		if err != nil {
			t.Fatalf("%s: Next: %v", tc.name, err)
		}
		if len(want) == 0 || len(want)%len(recs) != 0 {
			t.Fatalf("%s: Next read %d records", tc.name, len(want))
		}
		// Reads of at most 1000 bytes, as a pipe gives them: the buffer
		// refills, moving what it holds, in the middle of blocks.
		r, err := NewReader(&chunkReader{bytes.NewReader(tc.data), 1000})
		if err != nil {
			t.Fatal(err)
		}
		var rec Record
		for i := 0; ; i++ {
			err := r.ZeroCopyNext(&rec)
			if err == io.EOF {
				if i != len(want) {
					t.Errorf("%s: ZeroCopyNext read %d records, Next %d", tc.name, i, len(want))
				}
				break
			}
			if err != nil {
				t.Fatalf("%s: record %d: %v", tc.name, i+1, err)
			}
			if i >= len(want) || !reflect.DeepEqual(rec, want[i]) {
				t.Fatalf("%s: record %d differs from Next's", tc.name, i+1)
			}
		}
		if got := r.fast.reads; got != tc.wantFast {
			t.Errorf("%s: %d of %d packets read without gopacket", tc.name, got, len(want))
		}
	}
}
