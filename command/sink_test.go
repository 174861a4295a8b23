package command

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stracedump/stracedump/pcapng"
)

// TestSinkWaitsForASlowReader: a reader that does not keep up makes the
// tracer wait instead of losing records, and the capture's statistics
// block says so.
func TestSinkWaitsForASlowReader(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	// The reader starts late, so the pipe fills and the writer stalls
	// while the tracer keeps emitting past maxQueued.
	got := make(chan []byte, 1)
	go func() {
		time.Sleep(300 * time.Millisecond)
		b, _ := io.ReadAll(r)
		got <- b
	}()
	pw, err := pcapng.NewWriter(w, pcapng.WriterOptions{Command: "test", OS: "Linux", Hardware: "x86_64"})
	if err != nil {
		t.Fatal(err)
	}
	s := newSink(pw, w)
	data := bytes.Repeat([]byte{'x'}, 32<<10)
	const n = 2 * maxQueued / (32 << 10)
	for i := 0; i < n; i++ {
		rec := pcapng.Record{Kind: pcapng.KindSyscall, PID: 1, TID: 1, Nr: 0, Time: int64(i + 1),
			Sections: []pcapng.Section{{Type: pcapng.SecMem, Key: 0x1000, Data: data}}}
		if err := s.emit(&rec); err != nil {
			t.Fatalf("record %d: %v", i+1, err)
		}
	}
	if err := s.close(); err != nil {
		t.Fatal(err)
	}
	w.Close()
	capture := <-got

	rd, err := pcapng.NewReader(bytes.NewReader(capture))
	if err != nil {
		t.Fatal(err)
	}
	count := 0
	for {
		var rec pcapng.Record
		err := rd.Next(&rec)
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("after %d records: %v", count, err)
		}
		count++
	}
	if count != n {
		t.Errorf("read %d records, emitted %d", count, n)
	}
	st := rd.Interface().Statistics
	if st.PacketsDropped != 0 || st.PacketsReceived != n || !strings.Contains(st.Comment, "the tracer waited") {
		t.Errorf("statistics %+v: want %d received, 0 dropped and the waits told", st, n)
	}
	t.Logf("statistics comment: %s", st.Comment)
}

// TestExtcapLogIsPrivate: a bare --debug logs into the user's own cache
// directory, not a shared one, and the log is the user's alone.
func TestExtcapLogIsPrivate(t *testing.T) {
	cache := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", cache)
	l, done, err := extcapLog(true, "")
	if err != nil {
		t.Fatal(err)
	}
	l.Print("--env SECRET=x")
	done()
	path := filepath.Join(cache, "stracedump", "extcap.log")
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatalf("no log at %s: %v", path, err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("log mode %v, want 0600", fi.Mode().Perm())
	}
	if di, _ := os.Stat(filepath.Dir(path)); di.Mode().Perm() != 0o700 {
		t.Errorf("log directory mode %v, want 0700", di.Mode().Perm())
	}
}
