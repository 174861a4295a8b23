package pcapng

import (
	"bytes"
	"io"
	"reflect"
	"testing"
)

func TestCopyRelabelled(t *testing.T) {
	var src bytes.Buffer
	w, err := NewWriter(&src, testOptions)
	if err != nil {
		t.Fatal(err)
	}
	recs := sampleRecords()
	for i := range recs {
		if err := w.WriteRecord(&recs[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(Stats{}); err != nil {
		t.Fatal(err)
	}
	var dst bytes.Buffer
	begun := false
	err = CopyRelabelled(&dst, &src, func(old string) string { return HostDescription("web1:2222", old) }, func() { begun = true })
	if err != nil || !begun {
		t.Fatalf("CopyRelabelled: %v, begun %v", err, begun)
	}
	r, err := NewReader(&dst)
	if err != nil {
		t.Fatal(err)
	}
	var got []Record
	for {
		var rec Record
		if err := r.Next(&rec); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		got = append(got, rec)
	}
	if len(got) != len(recs) {
		t.Fatalf("%d records after the copy, want %d", len(got), len(recs))
	}
	intf := r.Interface()
	if want := "host: web1:2222; " + testOptions.Command; intf.Description != want {
		t.Errorf("description %q, want %q", intf.Description, want)
	}
	if intf.OS != testOptions.OS || intf.Name != "strace" || intf.LinkType != LinkTypeUpperPDU {
		t.Errorf("the other interface options changed: %+v", intf)
	}
	if h := DescriptionHost(intf.Description); h != "web1:2222" {
		t.Errorf("DescriptionHost = %q", h)
	}
	if !reflect.DeepEqual(r.SectionInfo(), mustSection(t, testOptions)) {
		t.Errorf("section info %+v", r.SectionInfo())
	}
}

func mustSection(t *testing.T, o WriterOptions) interface{} {
	var b bytes.Buffer
	if _, err := NewWriter(&b, o); err != nil {
		t.Fatal(err)
	}
	r, err := NewReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	return r.SectionInfo()
}

func TestCopyRelabelledRefusesOthers(t *testing.T) {
	for _, in := range []string{"", "bash: stracedump: command not found\n", "\x0a\x0d\x0d\x0a\xff\xff\xff\xff\x4d\x3c\x2b\x1a"} {
		if err := CopyRelabelled(io.Discard, bytes.NewBufferString(in), func(s string) string { return s }, nil); err == nil {
			t.Errorf("CopyRelabelled(%q) = nil", in)
		}
	}
}
