package command

import (
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/stracedump/stracedump/pcapng"
)

// ringOptions are record's -b (switch to the next file) and -a (stop)
// conditions, as dumpcap's: sizes in kB (1000 bytes), durations in
// seconds.
type ringOptions struct {
	fileSize int64         // -b filesize: the next file once one holds this many bytes
	duration time.Duration // -b duration: the next file once one is this old
	files    int           // -b files: keep only the newest N files (a ring)

	stopAfter time.Duration // -a duration: stop the capture after this long
	stopSize  int64         // -a filesize: stop once the file being written holds this many bytes
	stopFiles int           // -a files: stop once this many files are full
}

// rotates says whether -b asks for more than one file.
func (o ringOptions) rotates() bool { return o.fileSize > 0 || o.duration > 0 }

// parseRing reads -b and -a values ("filesize:1000", "duration:60",
// "files:5"), as dumpcap names them.
func parseRing(b, a []string) (ringOptions, error) {
	var o ringOptions
	for _, set := range []struct {
		flag   string
		values []string
	}{{"-b", b}, {"-a", a}} {
		for _, v := range set.values {
			key, val, ok := strings.Cut(v, ":")
			n, err := strconv.ParseInt(val, 10, 64)
			if !ok || err != nil || n <= 0 {
				return o, fmt.Errorf("%s %s: want filesize:KB, duration:SECONDS or files:N with a positive number", set.flag, v)
			}
			switch {
			case set.flag == "-b" && key == "filesize":
				o.fileSize = n * 1000
			case set.flag == "-b" && key == "duration":
				o.duration = time.Duration(n) * time.Second
			case set.flag == "-b" && key == "files":
				o.files = int(n)
			case set.flag == "-a" && key == "filesize":
				o.stopSize = n * 1000
			case set.flag == "-a" && key == "duration":
				o.stopAfter = time.Duration(n) * time.Second
			case set.flag == "-a" && key == "files":
				o.stopFiles = int(n)
			default:
				return o, fmt.Errorf("%s %s: unknown condition %q (want filesize, duration or files)", set.flag, v, key)
			}
		}
	}
	if o.files > 0 && !o.rotates() {
		return o, fmt.Errorf("-b files:%d needs -b filesize: or -b duration: to switch files", o.files)
	}
	if o.stopFiles > 0 && !o.rotates() {
		return o, fmt.Errorf("-a files:%d needs -b filesize: or -b duration: to switch files", o.stopFiles)
	}
	return o, nil
}

// ringName is the name of file n (from 1) of a ring whose -o is base,
// dumpcap's way: trace.pcapng gives trace_00001_20261204101500.pcapng.
func ringName(base string, n int, at time.Time) string {
	dir, file := filepath.Split(base)
	stem, ext := file, ""
	for _, e := range []string{".pcapng.gz", ".pcapng", ".gz"} {
		if strings.HasSuffix(file, e) {
			stem, ext = strings.TrimSuffix(file, e), e
			break
		}
	}
	if ext == "" {
		if i := strings.LastIndexByte(file, '.'); i > 0 {
			stem, ext = file[:i], file[i:]
		}
	}
	return filepath.Join(dir, fmt.Sprintf("%s_%05d_%s%s", stem, n, at.Format("20060102150405"), ext))
}

// stream is one capture file being written: the file, its gzip layer
// when compressed, and the pcapng writer on top.
type stream struct {
	name string
	f    *os.File
	gz   *gzip.Writer
	w    *pcapng.Writer
}

// newStream starts a pcapng stream on f.
func newStream(name string, f *os.File, compress bool, wo pcapng.WriterOptions) (*stream, error) {
	st := &stream{name: name, f: f}
	var dst io.Writer = f
	if compress {
		// The fastest level: the tracer must not wait on the compressor.
		st.gz, _ = gzip.NewWriterLevel(f, gzip.BestSpeed)
		dst = st.gz
	}
	w, err := pcapng.NewWriter(dst, wo)
	if err != nil {
		return nil, err
	}
	st.w = w
	return st, nil
}

// flushed pushes the gzip layer after a batch, so a reader sees records
// promptly.
func (st *stream) flushed() error {
	if st.gz == nil {
		return nil
	}
	return st.gz.Flush()
}

// finish ends the gzip layer; the caller closes the file.
func (st *stream) finish() error {
	if st.gz == nil {
		return nil
	}
	return st.gz.Close()
}

// ring is the sink's side of record -b and -a: it counts what the current
// file holds, switches to the next file between two records when a
// condition says so, starts each with the capture record and the latest
// process record of every process still alive (so each file decodes and
// names its processes on its own), and removes the oldest beyond -b files.
type ring struct {
	opts     ringOptions
	base     string
	compress bool
	wo       pcapng.WriterOptions

	n       int      // files started
	kept    []string // files written, oldest first
	started time.Time
	bytes   int64  // written to the current file
	count   uint64 // records in the current file
	header  []byte // the capture record, marshalled
	procs   map[uint32][]byte
	order   []uint32 // the order processes appeared in
	// limit is called once when an -a condition is reached.
	limit    func()
	limitHit bool
}

// pcapngOverhead is what an enhanced packet block and the exported PDU
// header add to a record, near enough to count a file's size.
const pcapngOverhead = 48

// note counts a record written to the current file and remembers the
// records a new file must start with.
func (r *ring) note(rec []byte, ts int64) {
	r.bytes += int64(len(rec)) + pcapngOverhead
	r.count++
	switch kindOf(rec) {
	case pcapng.KindCapture:
		if r.header == nil {
			r.header = append([]byte(nil), rec...)
		}
	case pcapng.KindProcess, pcapng.KindExit:
		var p pcapng.Record
		if pcapng.Unmarshal(rec, ts, &p) != nil {
			return
		}
		if p.Kind == pcapng.KindExit {
			if p.TID == p.PID {
				delete(r.procs, p.PID)
			}
			return
		}
		if _, seen := r.procs[p.PID]; !seen {
			r.order = append(r.order, p.PID)
		}
		r.procs[p.PID] = append([]byte(nil), rec...)
	}
}

// kindOf reads a marshalled record's kind: the low three bits of the
// header word after the version (docs/format.md, version 2); 0 when it
// cannot tell.
func kindOf(rec []byte) pcapng.Kind {
	if len(rec) < 3 {
		return 0
	}
	h, n := binary.Uvarint(rec[2:])
	if n <= 0 {
		return 0
	}
	return pcapng.Kind(h & 7)
}

// endsProcess says whether a marshalled record tells how a process or
// thread left the trace (an exit or a detach).
func endsProcess(rec []byte) bool {
	k := kindOf(rec)
	return k == pcapng.KindExit || k == pcapng.KindDetach
}

// due says whether the next record goes to a new file.
func (r *ring) due(now time.Time) bool {
	if !r.opts.rotates() || r.count == 0 {
		return false
	}
	return r.opts.fileSize > 0 && r.bytes >= r.opts.fileSize || r.opts.duration > 0 && now.Sub(r.started) >= r.opts.duration
}

// checkLimit stops the capture once the file being written is as large
// as -a filesize says.
func (r *ring) checkLimit() {
	if r.opts.stopSize > 0 && r.bytes >= r.opts.stopSize {
		r.stop()
	}
}

// stop calls limit, once.
func (r *ring) stop() {
	if !r.limitHit && r.limit != nil {
		r.limitHit = true
		r.limit()
	}
}

// next closes cur with its statistics and opens the following file,
// which it starts with the capture record and the live processes'
// records, time-stamped ts: the packet time of the record that comes next,
// so that the file's times never run backwards.
func (r *ring) next(cur *stream, stats pcapng.Stats, ts int64) (*stream, error) {
	if err := cur.w.Close(stats); err != nil {
		return nil, err
	}
	if err := cur.finish(); err != nil {
		return nil, err
	}
	if err := cur.f.Close(); err != nil {
		return nil, err
	}
	now := time.Now()
	r.n++
	name := ringName(r.base, r.n, now)
	f, err := pcapng.Create(name)
	if err != nil {
		return nil, fmt.Errorf("cannot create the next capture file: %w", err)
	}
	st, err := newStream(name, f, r.compress, r.wo)
	if err != nil {
		f.Close()
		return nil, err
	}
	r.kept = append(r.kept, name)
	if r.opts.files > 0 {
		for len(r.kept) > r.opts.files {
			_ = os.Remove(r.kept[0])
			r.kept = r.kept[1:]
		}
	}
	r.started, r.bytes, r.count = now, 0, 0
	// What the new file needs to stand alone.
	if r.header != nil {
		if err := st.w.WriteMarshalled(r.header, ts); err != nil {
			return nil, err
		}
		r.bytes += int64(len(r.header)) + pcapngOverhead
		r.count++
	}
	for _, pid := range r.order {
		if rec, ok := r.procs[pid]; ok {
			if err := st.w.WriteMarshalled(rec, ts); err != nil {
				return nil, err
			}
			r.bytes += int64(len(rec)) + pcapngOverhead
			r.count++
		}
	}
	live := r.order[:0]
	for _, pid := range r.order {
		if _, ok := r.procs[pid]; ok {
			live = append(live, pid)
		}
	}
	r.order = live
	return st, nil
}
