package lua

import (
	"bufio"
	"bytes"
	"io"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stracedump/stracedump/decoder"
	"github.com/stracedump/stracedump/pcapng"
)

// TestManyMutatedRecords is the long fuzz run of issue 15 (make
// fuzz-records): MUTATED_RECORDS mutated records (a million by default
// there) made from the corpus's captures, through tshark's dissector on
// both paths and through the Go decoder as decode runs it (text in three
// option sets, JSON). It counts Lua errors and render errors, which must
// be zero; a decoder panic fails it. Without the variable it does not
// run: it takes minutes.
func TestManyMutatedRecords(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("MUTATED_RECORDS"))
	if n <= 0 {
		t.Skip("MUTATED_RECORDS is not set (make fuzz-records sets it)")
	}
	seed := time.Now().UnixNano()
	if s, err := strconv.ParseInt(os.Getenv("MUTATED_SEED"), 10, 64); err == nil {
		seed = s
	}
	t.Logf("%d records, seed %d (MUTATED_SEED=%d repeats the run)", n, seed, seed)
	rng := rand.New(rand.NewSource(seed))
	var sources [][]byte
	var heads []int
	for _, c := range getCorpus(t) {
		for _, fr := range c.recs {
			if fr.err == nil {
				sources = append(sources, fr.rec.AppendTo(nil))
				head := fr.rec
				head.Sections = nil
				heads = append(heads, head.MarshalledLen())
			}
		}
	}
	path := filepath.Join(t.TempDir(), "mutated.pcapng")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w, err := pcapng.NewWriter(bufio.NewWriterSize(f, 1<<20), pcapng.WriterOptions{Command: "mutated records", OS: "Linux", Hardware: "x86_64"})
	if err != nil {
		t.Fatal(err)
	}
	var decoders []*decoder.Decoder
	for _, o := range []func(*decoder.Options){
		func(*decoder.Options) {},
		func(o *decoder.Options) {
			o.DecodeFDs, o.Verbose, o.Xlat, o.StringLimit = 2, true, decoder.XlatVerbose, 4096
		},
		func(o *decoder.Options) { o.DecodeFDs, o.Xlat, o.StringLimit = 1, decoder.XlatRaw, 0 },
	} {
		opts := decoder.DefaultOptions()
		o(&opts)
		decoders = append(decoders, decoder.New(opts))
	}
	jw := decoder.NewJSONWriter(io.Discard, decoder.New(decoder.DefaultOptions()))
	decoded, refused := 0, 0
	for i := 0; i < n; i++ {
		k := rng.Intn(len(sources))
		m := append([]byte(nil), sources[k]...)
		switch rng.Intn(4) {
		case 0: // a few bytes anywhere
			for j := 0; j < 1+rng.Intn(4); j++ {
				m[rng.Intn(len(m))] ^= byte(1 + rng.Intn(255))
			}
		case 1: // cut short
			m = m[:rng.Intn(len(m))]
		case 2: // bytes inside the sections, the framing kept
			if hl := heads[k]; len(m) > hl {
				for j := 0; j < 1+rng.Intn(8); j++ {
					m[hl+rng.Intn(len(m)-hl)] ^= byte(1 + rng.Intn(255))
				}
			}
		case 3: // the header of one record on the sections of another
			o := sources[rng.Intn(len(sources))]
			if hl := heads[k]; hl <= len(m) {
				m = append(m[:hl:hl], o[min(len(o), heads[k]):]...)
			}
		}
		if err := w.WriteMarshalled(m, int64(i)*1000); err != nil {
			t.Fatal(err)
		}
		// The Go decoder on the same record, as decode runs it in each
		// mode (a whole capture stops at its first damaged record).
		var rec pcapng.Record
		if pcapng.Unmarshal(m, int64(i)*1000, &rec) != nil {
			refused++
			continue
		}
		for _, d := range decoders {
			_ = d.Line(&rec)
		}
		if err := jw.Write(&rec); err != nil {
			t.Fatalf("JSON of mutated record %d: %v", i, err)
		}
		decoded++
	}
	t.Logf("the Go decoder: %d records decoded in %d modes and as JSON, %d refused by the parser", decoded, len(decoders), refused)
	if err := w.Close(pcapng.Stats{}); err != nil {
		t.Fatal(err)
	}
	f.Close()

	// The tree path for every record (the filter names fields), printing
	// only the records that went wrong.
	bad := tshark(t, "-r", path, "-Y", "_ws.lua.error || strace.render_error", "-T", "fields", "-e", "frame.number")
	if got := strings.Count(bad, "\n"); got != 0 {
		t.Errorf("%d of %d records raised a Lua or render error on the tree path, frames %.200s", got, n, bad)
	}
	// The quick path (nothing names a field): one line a record.
	quick := exec.Command("tshark", "-X", "lua_script:strace.lua", "-r", path, "-o", `gui.column.format:"No.","%m"`)
	var out, stderr bytes.Buffer
	quick.Stdout, quick.Stderr = &out, &stderr
	if err := quick.Run(); err != nil || strings.Contains(stderr.String(), "Lua") {
		t.Errorf("tshark on the quick path: %v\n%.500s", err, stderr.String())
	}
	if got := strings.Count(out.String(), "\n"); got != n {
		t.Errorf("the quick path printed %d rows for %d records", got, n)
	}
	// decode on the whole file: it stops at the first damaged record with
	// one line, never a crash.
	self, err := builtStracedump()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(self, "decode", path)
	stderr.Reset()
	cmd.Stderr = &stderr
	err = cmd.Run()
	if msg := strings.TrimSpace(stderr.String()); strings.Contains(msg, "panic") || strings.Count(msg, "\n") > 0 {
		t.Errorf("stracedump decode: %v\n%.1000s", err, msg)
	}
	// --keep-going reads every record: ten named, the rest counted.
	cmd = exec.Command(self, "decode", "--keep-going", path)
	stderr.Reset()
	var text bytes.Buffer
	cmd.Stdout, cmd.Stderr = &text, &stderr
	err = cmd.Run()
	if msg := strings.TrimSpace(stderr.String()); strings.Contains(msg, "panic") || strings.Count(msg, "\n") > 10 {
		t.Errorf("stracedump decode --keep-going: %v\n%.1000s", err, msg)
	} else {
		t.Logf("decode --keep-going: %d lines of text; stderr ends %q", strings.Count(text.String(), "\n"), msg[strings.LastIndexByte(msg, '\n')+1:])
	}
	t.Logf("%d mutated records: the tree path, the quick path and the Go decoder done", n)
}
