package pcapng

import (
	"bytes"
	"encoding/binary"
	"io"
	"os"
	"reflect"
	"testing"
	"time"

	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"
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

// TestZeroCopyNextByteOrders: ZeroCopyNext reads packet blocks in little-
// and big-endian sections, one after the other, with and without options,
// in reads that cut blocks anywhere; it returns what Next returns.
func TestZeroCopyNextByteOrders(t *testing.T) {
	recs := sampleRecords()
	// More than the reader's buffer holds, so that blocks straddle its
	// refills.
	var many []Record
	for len(many)*100 < 3*readBufferSize {
		many = append(many, recs...)
	}
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"little-endian", ngSection(binary.LittleEndian, recs, -1)},
		{"big-endian", ngSection(binary.BigEndian, recs, -1)},
		{"option", ngSection(binary.LittleEndian, recs, 1)},
		{"little then big", append(ngSection(binary.LittleEndian, recs, -1), ngSection(binary.BigEndian, recs, -1)...)},
		{"big then little", append(ngSection(binary.BigEndian, recs, 2), ngSection(binary.LittleEndian, recs, -1)...)},
		// if_tsresol 2^-20 and if_tsoffset 1000 s; then 10^-9.
		{"timestamp options", append(
			ngSectionTimed(binary.LittleEndian, recs, -1, []byte{9, 0, 1, 0, 0x80 | 20, 0, 0, 0, 14, 0, 8, 0, 0xe8, 3, 0, 0, 0, 0, 0, 0}),
			ngSectionTimed(binary.BigEndian, recs, -1, []byte{0, 9, 0, 1, 9, 0, 0, 0})...)},
		{"larger than the buffer", ngSection(binary.LittleEndian, many, 5)},
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
	}
}

// TestAgreesWithGopacket: an independent pcapng reader, gopacket's
// pcapgo (which this package used before it read pcapng itself), finds
// the same packets in the same interfaces at the same times, and the
// same section and interface descriptions and statistics, in captures of
// every shape the reader is tested with.
func TestAgreesWithGopacket(t *testing.T) {
	recs := sampleRecords()
	v1, err := os.ReadFile("testdata/v1.pcapng")
	if err != nil {
		t.Fatal(err)
	}
	withOther := func() []byte {
		var b bytes.Buffer
		ng, err := pcapgo.NewNgWriter(&b, layers.LinkType(LinkTypeUpperPDU))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ng.AddInterface(pcapgo.NgInterface{Name: "eth0", Description: "an Ethernet", LinkType: layers.LinkTypeEthernet}); err != nil {
			t.Fatal(err)
		}
		for i := range recs {
			data := recs[i].AppendTo(append([]byte(nil), pduHeader...))
			if err := ng.WritePacket(ciFor(i%2, data, recs[i].PacketTime()), data); err != nil {
				t.Fatal(err)
			}
		}
		if err := ng.WriteInterfaceStats(1, pcapgo.NgInterfaceStatistics{LastUpdate: time.Unix(0, t0), PacketsReceived: 3, PacketsDropped: pcapgo.NgNoValue64}); err != nil {
			t.Fatal(err)
		}
		if err := ng.Flush(); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"ours", writeCapture(t, recs, Stats{Start: time.Unix(0, t0), End: time.Unix(5, 0), Received: 9, Dropped: 2})},
		{"version 1", v1},
		{"little-endian", ngSection(binary.LittleEndian, recs, 2)},
		{"big-endian", ngSection(binary.BigEndian, recs, 2)},
		{"two sections", append(ngSection(binary.BigEndian, recs, -1), ngSection(binary.LittleEndian, recs[:2], -1)...)},
		// if_tsresol 10^-6 and if_tsoffset 1000 s.
		{"microseconds", ngSectionTimed(binary.LittleEndian, recs, -1, []byte{9, 0, 1, 0, 6, 0, 0, 0, 14, 0, 8, 0, 0xe8, 3, 0, 0, 0, 0, 0, 0})},
		{"other link types", withOther()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ng, err := pcapgo.NewNgReader(bytes.NewReader(tc.data), pcapgo.NgReaderOptions{WantMixedLinkType: true})
			if err != nil {
				t.Fatal(err)
			}
			r, err := NewReader(bytes.NewReader(tc.data))
			if err != nil {
				t.Fatal(err)
			}
			var sections int
			for i := 1; ; i++ {
				want, ci, werr := ng.ReadPacketData()
				got, intf, ns, gerr := nextPacket(r)
				if werr == io.EOF || gerr == io.EOF {
					if werr != gerr {
						t.Fatalf("packet %d: gopacket says %v, we say %v", i, werr, gerr)
					}
					break
				}
				if werr != nil || gerr != nil {
					t.Fatalf("packet %d: gopacket says %v, we say %v", i, werr, gerr)
				}
				if !bytes.Equal(got, want) || intf != ci.InterfaceIndex || ns != ci.Timestamp.UnixNano() ||
					r.intfs[intf].LinkType != LinkType(ci.AncillaryData[0].(layers.LinkType)) {
					t.Fatalf("packet %d: interface %d at %d, %d bytes; gopacket: interface %d at %d, %d bytes",
						i, intf, ns, len(got), ci.InterfaceIndex, ci.Timestamp.UnixNano(), len(want))
				}
				sections = max(sections, 1)
			}
			if sections == 0 {
				t.Fatal("no packets")
			}
			ws := ng.SectionInfo()
			if got := r.SectionInfo(); got != (SectionInfo{ws.Hardware, ws.OS, ws.Application, ws.Comment}) {
				t.Errorf("section %+v, gopacket's %+v", got, ws)
			}
			if ng.NInterfaces() != len(r.intfs) {
				t.Fatalf("%d interfaces, gopacket %d", len(r.intfs), ng.NInterfaces())
			}
			for i, in := range r.intfs {
				w, _ := ng.Interface(i)
				ws := w.Statistics
				if in.Name != w.Name || in.Description != w.Description || in.OS != w.OS || in.SnapLength != w.SnapLength ||
					in.TimestampOffset != int64(w.TimestampOffset) || uint8(in.TimestampResolution) != uint8(w.TimestampResolution) {
					t.Errorf("interface %d: %+v, gopacket's %+v", i, in, w)
				}
				st := in.Statistics
				if st.PacketsReceived != ws.PacketsReceived || st.PacketsDropped != ws.PacketsDropped || st.Comment != ws.Comment ||
					!st.LastUpdate.Equal(ws.LastUpdate) || !st.StartTime.Equal(ws.StartTime) || !st.EndTime.Equal(ws.EndTime) {
					t.Errorf("interface %d statistics: %+v, gopacket's %+v", i, st, ws)
				}
			}
		})
	}
}

// nextPacket reads the next packet of any link type, as Next does before
// it looks for a record.
func nextPacket(r *Reader) ([]byte, int, int64, error) {
	for {
		typ, body, err := r.block()
		if err != nil {
			return nil, 0, 0, err
		}
		switch typ {
		case blockSectionHeader:
			err = r.sectionHeader(body)
		case blockInterface:
			err = r.interfaceDescription(body)
		case blockStatistics:
			err = r.statistics(body)
		case blockEnhancedPacket, blockPacket, blockSimplePacket:
			return r.packet(typ, body)
		}
		if err != nil {
			return nil, 0, 0, err
		}
	}
}
