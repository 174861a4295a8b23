package decoder

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/stracedump/stracedump/pcapng"
)

// jsonLines decodes capture file name with the JSON writer, options as
// decode's defaults.
func jsonLines(t *testing.T, name string, opts Options) []string {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := pcapng.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	w := NewJSONWriter(&out, New(opts))
	var rec pcapng.Record
	for {
		if err := r.ZeroCopyNext(&rec); err != nil {
			if errors.Is(err, io.EOF) {
				break
			}
			t.Fatal(err)
		}
		w.FormatVersion = r.RecordVersion()
		if err := w.Write(&rec); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
}

// TestJSONGolden holds one line of each record kind, from the committed
// captures, in testdata/json_*.golden: the first of its kind, or the first
// that matches the case's pick. Refresh with -update.
func TestJSONGolden(t *testing.T) {
	cases := []struct {
		golden, capture, kind string
		opts                  func(*Options)
		pick                  string // a substring the line must hold
	}{
		{"json_capture.golden", "bench_sh.pcapng", "capture", nil, ""},
		{"json_process.golden", "bench_sh.pcapng", "process", nil, ""},
		{"json_syscall.golden", "bench_sh.pcapng", "syscall", nil, `"syscall":"openat"`},
		{"json_syscall_failed.golden", "bench_sh.pcapng", "syscall", nil, `"errno"`},
		{"json_syscall_struct.golden", "bench_sh.pcapng", "syscall", nil, `"members"`},
		{"json_syscall_yy.golden", "bench_sh.pcapng", "syscall", func(o *Options) { o.DecodeFDs = 2 }, `"syscall":"read"`},
		{"json_syscall_i386.golden", "i386_net.pcapng", "syscall", nil, `"syscall":"connect"`},
		{"json_syscall_entry.golden", "bench_sh.pcapng", "syscall-entry", nil, ""},
		{"json_signal.golden", "bench_sh.pcapng", "signal", nil, ""},
		{"json_exit.golden", "bench_sh.pcapng", "exit", nil, ""},
	}
	for _, tc := range cases {
		t.Run(strings.TrimSuffix(tc.golden, ".golden"), func(t *testing.T) {
			opts := DefaultOptions()
			if tc.opts != nil {
				tc.opts(&opts)
			}
			var got string
			for _, line := range jsonLines(t, filepath.Join("testdata", tc.capture), opts) {
				var head struct{ Kind string }
				if err := json.Unmarshal([]byte(line), &head); err != nil {
					t.Fatalf("%v: %s", err, line)
				}
				if head.Kind == tc.kind && strings.Contains(line, tc.pick) {
					got = line + "\n"
					break
				}
			}
			if got == "" {
				t.Fatalf("%s has no %s line holding %q", tc.capture, tc.kind, tc.pick)
			}
			checkGolden(t, filepath.Join("testdata", tc.golden), got)
		})
	}
}

// TestJSONSocketDetails renders an fd's -yy details, which no committed
// capture holds, from a record built as the tracer writes one: a read
// from a connected TCP socket and a write to /dev/null.
func TestJSONSocketDetails(t *testing.T) {
	f := newFake()
	f.infos = map[int32]FDInfo{
		5: {Kind: FDInfoSocket, Proto: "TCP", Inode: 4242, Family: afInet,
			Src: []byte{127, 0, 0, 1}, SrcPort: 40000, Dst: []byte{127, 0, 0, 1}, DstPort: 8080},
		1: {Kind: FDInfoChar, Major: 1, Minor: 3},
		6: {Kind: FDInfoSocket, Proto: "UNIX-STREAM", Inode: 7, Family: afUnix, Peer: 8, Path: []byte("\x00abstract")},
	}
	f.fds[5], f.fds[1], f.fds[6] = "socket:[4242]", "/dev/null", "socket:[7]"
	rec := captured(call(t, "read", 3, 5, f.bytes(0x2000, []byte("abc")), 16), f)
	rec2 := captured(call(t, "write", 3, 1, f.bytes(0x3000, []byte("xyz")), 3), f)
	rec3 := captured(call(t, "close", 0, 6), f)
	opts := DefaultOptions()
	opts.DecodeFDs = 2
	var out bytes.Buffer
	w := NewJSONWriter(&out, New(opts))
	for _, r := range []*pcapng.Record{rec, rec2, rec3} {
		if err := w.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	checkGolden(t, "testdata/json_fdinfo.golden", out.String())
	validateLines(t, "socket details", strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n"))
}

// schema compiles docs/json-schema.json.
func schema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	sch, err := c.Compile("../docs/json-schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

// validateLines checks each line against the documented schema.
func validateLines(t *testing.T, name string, lines []string) {
	t.Helper()
	sch := schema(t)
	for i, line := range lines {
		v, err := jsonschema.UnmarshalJSON(strings.NewReader(line))
		if err != nil {
			t.Fatalf("%s line %d is not JSON: %v\n%s", name, i+1, err, line)
		}
		if err := sch.Validate(v); err != nil {
			t.Fatalf("%s line %d does not match docs/json-schema.json: %v\n%s", name, i+1, err, line)
		}
	}
}

// TestJSONSchema validates decode --json of every committed capture, in
// the default options and in -yy -v -X verbose, against
// docs/json-schema.json; the first line is the metadata.
func TestJSONSchema(t *testing.T) {
	names, err := filepath.Glob("testdata/*.pcapng")
	if err != nil || len(names) == 0 {
		t.Fatalf("no capture in testdata: %v", err)
	}
	for _, name := range names {
		for _, o := range []func(*Options){
			func(*Options) {},
			func(o *Options) { o.DecodeFDs, o.Verbose, o.Xlat = 2, true, XlatVerbose },
		} {
			opts := DefaultOptions()
			o(&opts)
			lines := jsonLines(t, name, opts)
			if !strings.HasPrefix(lines[0], `{"schema":1,"kind":"capture"`) {
				t.Errorf("%s: the first line is not the metadata: %s", name, lines[0])
			}
			validateLines(t, name, lines)
		}
	}
}

// TestJSONLineIsText: each object's line is the text decode prints for
// the record, without its prefix: the JSON writer renders through the
// same code as the printer.
func TestJSONLineIsText(t *testing.T) {
	opts := DefaultOptions()
	opts.Prefix = PrefixNone
	lines := jsonLines(t, "testdata/bench_sh.pcapng", opts)
	var recs []*pcapng.Record
	for _, rec := range readCapture(t, "testdata/bench_sh.pcapng") {
		// Entries show as <unfinished ...> only when another line
		// interrupts them; the JSON keeps every one.
		if rec.Kind != pcapng.KindSyscallEntry {
			recs = append(recs, rec)
		}
	}
	text := strings.NewReader(printAll(t, opts, recs))
	want := map[string]bool{}
	sc := bufio.NewScanner(text)
	for sc.Scan() {
		want[sc.Text()] = true
	}
	n := 0
	for _, line := range lines[1:] {
		var o struct{ Kind, Line string }
		if err := json.Unmarshal([]byte(line), &o); err != nil {
			t.Fatal(err)
		}
		if o.Kind != "syscall" && o.Kind != "signal" && o.Kind != "exit" {
			continue
		}
		n++
		if !want[o.Line] {
			t.Errorf("line %q is not a line of the text decode", o.Line)
		}
	}
	if n < 300 {
		t.Errorf("only %d lines compared", n)
	}
}

// TestJSONSchemaRejects: the schema is strict enough to catch a renamed
// or misplaced field.
func TestJSONSchemaRejects(t *testing.T) {
	sch := schema(t)
	for _, line := range []string{
		`{"kind":"syscall","pid":1,"tid":1,"time":"1970-01-01T00:00:00.000000000Z","time_ns":0,"syscall":"close","nr":3,"args":{},"line":"close(1) = 0","retval":0}`,
		`{"kind":"syscall","pid":1,"tid":1,"time":"1970-01-01T00:00:00Z","time_ns":0,"syscall":"close","nr":3,"args":{},"line":"close(1) = 0"}`,
		`{"kind":"exit","pid":1,"tid":1,"time":"1970-01-01T00:00:00.000000000Z","time_ns":0,"line":"+++ exited with 0 +++"}`,
		`{"schema":2,"kind":"capture"}`,
	} {
		v, err := jsonschema.UnmarshalJSON(strings.NewReader(line))
		if err != nil {
			t.Fatal(err)
		}
		if sch.Validate(v) == nil {
			t.Errorf("the schema accepts %s", line)
		}
	}
}

// TestJSONEverySyscall writes every known number of every arch, from a
// record with random memory behind its pointers as replay_test's
// randomTracee maps it, through the JSON writer: each line matches the
// schema.
func TestJSONEverySyscall(t *testing.T) {
	sch := schema(t)
	rng := rand.New(rand.NewSource(1))
	var out bytes.Buffer
	w := NewJSONWriter(&out, New(Options{StringLimit: 32, Verbose: true, DecodeFDs: 2}))
	n := 0
	for _, a := range Arches() {
		for n, name := range a.Syscalls {
			if name == "" {
				continue
			}
			nr := int64(n)
			for _, ret := range []int64{0, -2, 5} {
				f, addrs := randomTracee(rng)
				f.fds[5], f.fds[3] = "/etc/passwd", "socket:[9]"
				rec := &pcapng.Record{Kind: pcapng.KindSyscall, Arch: a.Audit, PID: 1, TID: 1, Nr: nr, Ret: ret}
				for i := range rec.Args {
					rec.Args[i] = addrs[rng.Intn(len(addrs))]
				}
				rec.Args[0] = 3
				rec = captured(rec, f)
				out.Reset()
				if err := w.Write(rec); err != nil {
					t.Fatal(err)
				}
				for _, line := range strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n") {
					v, err := jsonschema.UnmarshalJSON(strings.NewReader(line))
					if err != nil {
						t.Fatalf("%s %d: not JSON: %v\n%s", a.Name, nr, err, line)
					}
					if err := sch.Validate(v); err != nil {
						t.Fatalf("%s %d: %v\n%s", a.Name, nr, err, line)
					}
					n++
				}
			}
		}
	}
	t.Logf("%d lines", n)
}

// TestJSONDetach: a detach record, which no committed capture holds (the
// tracer writes one for each thread still traced when a capture stops),
// and an exit by a signal with a core dump.
func TestJSONDetach(t *testing.T) {
	var out bytes.Buffer
	w := NewJSONWriter(&out, New(DefaultOptions()))
	for _, rec := range []*pcapng.Record{
		{Kind: pcapng.KindCapture, PID: 7, TID: 7, Time: 1795658522880107381, Args: [6]uint64{64}},
		{Kind: pcapng.KindDetach, PID: 42, TID: 43, Time: 1795658522880107999},
		{Kind: pcapng.KindExit, PID: 42, TID: 42, Time: 1795658522880108000, Ret: 0x8b},
	} {
		if err := w.Write(rec); err != nil {
			t.Fatal(err)
		}
	}
	checkGolden(t, "testdata/json_detach.golden", out.String())
	validateLines(t, "detach", strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n"))
}
