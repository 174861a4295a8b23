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
	afterCapture = func(before, after *pcapng.Record, src Source) {
		muted := *before
		muted.Sections = nil
		d := New(CaptureOptions(32))
		d.CaptureReads(&muted, NewRecorder(&muted, false, src), false)
		if muted.Kind == pcapng.KindSyscall {
			d.CaptureReads(&muted, NewRecorder(&muted, true, src), true)
		}
		checked++
		if a, b := after.AppendTo(nil), muted.AppendTo(nil); !bytes.Equal(a, b) {
			t.Errorf("%s: CaptureReads recorded %d sections, Capture %d; records differ", New(DefaultOptions()).Line(after), len(muted.Sections), len(after.Sections))
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
