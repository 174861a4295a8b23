package decoder

import (
	"bytes"
	"testing"

	"github.com/stracedump/stracedump/pcapng"
)

// TestCaptureReadsMatchesCapture captures every golden case a second time
// with CaptureReads: the muted rendering must make exactly the reads the
// full one makes, so the record written is byte for byte the same.
func TestCaptureReadsMatchesCapture(t *testing.T) {
	checked := 0
	// One Capturer for every case, as the tracer keeps one per thread: its
	// reused contexts and bytes must not leak from one call to the next.
	k := New(CaptureOptions(32)).NewCapturer()
	afterCapture = func(before, after *pcapng.Record, src Source) {
		muted := *before
		muted.Sections = nil
		d := New(CaptureOptions(32))
		d.CaptureReads(&muted, NewRecorder(&muted, false, src), false)
		if muted.Kind == pcapng.KindSyscall {
			d.CaptureReads(&muted, NewRecorder(&muted, true, src), true)
		}
		reused := *before
		reused.Sections = nil
		k.Reads(&reused, src, false)
		if reused.Kind == pcapng.KindSyscall {
			k.Reads(&reused, src, true)
		}
		checked++
		want := after.AppendTo(nil)
		if b := muted.AppendTo(nil); !bytes.Equal(want, b) {
			t.Errorf("%s: CaptureReads recorded %d sections, Capture %d; records differ", New(DefaultOptions()).Line(after), len(muted.Sections), len(after.Sections))
		}
		if b := reused.AppendTo(nil); !bytes.Equal(want, b) {
			t.Errorf("%s: Capturer.Reads recorded %d sections, Capture %d; records differ", New(DefaultOptions()).Line(after), len(reused.Sections), len(after.Sections))
		}
	}
	defer func() { afterCapture = nil }()
	for _, gc := range goldenCases {
		gc.rec(t)
	}
	if checked < len(goldenCases)/2 {
		t.Fatalf("only %d of %d golden cases went through captured", checked, len(goldenCases))
	}
	t.Logf("%d captures compared", checked)
}
