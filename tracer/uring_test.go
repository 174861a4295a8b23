package tracer

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stracedump/stracedump/decoder"
	"github.com/stracedump/stracedump/internal/testhost"
	"github.com/stracedump/stracedump/pcapng"
)

// TestUringReplayEqualsLive traces io_uring through raw syscalls
// (command/testdata/uring.c): at each stop of an io_uring_enter, the
// comment lines of its entries and completions read from the stopped
// process equal those its record replays, and they are there.
func TestUringReplayEqualsLive(t *testing.T) {
	gcc := testhost.Tool(t, "gcc", "the program is C")
	prog := filepath.Join(t.TempDir(), "uring")
	if out, err := exec.Command(gcc, "-O2", "-o", prog, filepath.Join("..", "command", "testdata", "uring.c")).CombinedOutput(); err != nil {
		t.Fatalf("gcc: %v\n%s", err, out)
	}
	if out, err := exec.Command(prog).CombinedOutput(); err != nil {
		t.Skipf("io_uring is not usable here: %v %s", err, out)
	}
	dec := decoder.New(decoder.CaptureOptions(32))
	var all strings.Builder
	phases := 0
	checkUring = func(rec *pcapng.Record, src decoder.Source, exit bool) {
		if a := decoder.ArchByAudit(rec.Arch); a == nil || a.SyscallName(rec.Nr) != "io_uring_enter" {
			return
		}
		phases++
		live := &pcapng.Record{}
		*live = *rec
		live.Sections = nil
		var got string
		if !exit {
			entry := decoder.NewRecorder(live, false, src)
			got = dec.UringText(live, entry, entry, false)
		} else {
			got = dec.UringText(live, decoder.NewReplay(rec, false), decoder.NewRecorder(live, true, src), true)
		}
		want := dec.UringText(rec, decoder.NewReplay(rec, false), decoder.NewReplay(rec, exit), exit)
		if got != want {
			t.Errorf("exit %v: live\n%s\nreplay\n%s", exit, got, want)
		}
		all.WriteString(want)
	}
	defer func() { checkUring = nil }()
	trace(t, prog)
	if phases != 14 {
		t.Errorf("%d phases of io_uring_enter, want 14", phases)
	}
	for _, want := range []string{
		"# io_uring sqe: READ fd=4</etc/passwd>",
		"# io_uring cqe: user_data=0x4 res=-9 EBADF (Bad file descriptor)\n",
		"# io_uring sqe: NOP flags=IOSQE_IO_LINK user_data=0x5\n",
		// Through the registered ring.
		"# io_uring sqe: NOP user_data=0x7\n",
	} {
		if !strings.Contains(all.String(), want) {
			t.Errorf("no %q in\n%s", want, all.String())
		}
	}
}
