package pcapng

import (
	"io"
	"os"
	"reflect"
	"testing"
	"time"
)

// TestPipeStreaming reads a capture live from a pipe, as Wireshark reads
// an extcap's fifo: the reader starts before the writer, and each record
// arrives when the writer flushes, without the writer closing.
func TestPipeStreaming(t *testing.T) {
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer pr.Close()
	defer pw.Close()

	type result struct {
		rec  Record
		err  error
		desc string // the interface description after reading rec
	}
	results := make(chan result)
	opened := make(chan struct{}, 1)
	go func() {
		r, err := NewReader(pr)
		if err != nil {
			results <- result{err: err}
			return
		}
		opened <- struct{}{}
		for {
			var rec Record
			err := r.Next(&rec)
			results <- result{rec, err, r.Interface().Description}
			if err != nil {
				return
			}
		}
	}()
	await := func(what string) result {
		t.Helper()
		select {
		case res := <-results:
			return res
		case <-time.After(5 * time.Second):
			t.Fatalf("%s: nothing read after 5s", what)
			return result{}
		}
	}

	w, err := NewWriter(pw, testOptions)
	if err != nil {
		t.Fatal(err)
	}
	select {
	case <-opened:
	case res := <-results:
		t.Fatalf("opening the stream: %v", res.err)
	case <-time.After(5 * time.Second):
		t.Fatal("NewReader did not return after the writer's header: NewWriter must flush it")
	}

	recs := sampleRecords()
	for i := range recs[:3] {
		if err := w.WriteRecord(&recs[i]); err != nil {
			t.Fatal(err)
		}
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		res := await("record after Flush")
		if res.err != nil {
			t.Fatalf("record %d: %v", i+1, res.err)
		}
		if !reflect.DeepEqual(res.rec, recs[i]) {
			t.Fatalf("record %d:\n got %+v\nwant %+v", i+1, res.rec, recs[i])
		}
		if res.desc != testOptions.Command {
			t.Errorf("record %d: interface description %q, want the command %q", i+1, res.desc, testOptions.Command)
		}
	}
	if err := w.Close(Stats{Received: 3}); err != nil {
		t.Fatal(err)
	}
	pw.Close()
	if res := await("end of stream"); res.err != io.EOF {
		t.Fatalf("after the writer closed: %v, want io.EOF", res.err)
	}
}
