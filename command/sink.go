package command

import (
	"encoding/binary"
	"errors"
	"os"
	"sync"
	"syscall"
	"time"

	"golang.org/x/sys/unix"

	"github.com/stracedump/stracedump/pcapng"
)

// Tuning of the hand-off between the tracing thread and the writer.
const (
	// flushEvery bounds how long a record waits before a live reader
	// (Wireshark on a fifo) sees it.
	flushEvery = 50 * time.Millisecond
	// kickAt wakes the writer early once this much is queued, so it writes
	// in large batches without waiting for the tick.
	kickAt = 256 << 10
	// maxQueued is where the tracer waits for the writer rather than queue
	// more: a slow reader slows the trace down, it never loses records.
	maxQueued = 8 << 20
)

// sink hands records from the tracing thread to a writer goroutine. The
// tracer appends each encoded record to a shared batch under a mutex, which
// costs no wake-up per record; the writer swaps the batch out on a short
// tick (or early when it grows), writes it and flushes, so a live reader
// sees each record within flushEvery.
type sink struct {
	w *pcapng.Writer

	mu      sync.Mutex
	room    *sync.Cond // signalled when the writer took a batch
	batch   []byte     // queued records: int64 time, uint32 length, record
	err     error      // first write error; the tracer sees it on its next emit
	closing bool
	// stopping: a stop was asked for, so the tracer must not wait for a
	// stalled reader (the tracees it holds stopped would wait with it);
	// records that find the queue full are dropped and counted instead.
	stopping bool
	dropped  uint64

	kick   chan struct{}
	done   chan struct{}
	closed chan struct{} // closed when the output's reader went away
	once   sync.Once

	start time.Time
	count uint64
	// waits and waited count the tracer's waits for the writer (under mu);
	// the statistics block at the end reports them.
	waits  uint64
	waited time.Duration
	// afterFlush, when set, pushes a layer under the writer (a gzip
	// stream) after each batch, so a reader still sees records promptly.
	afterFlush func() error
	// ring, when set (record -b, -a), switches stream to the next file
	// between records and stops the capture at its limits; used by the
	// writer goroutine only.
	ring   *ring
	stream *stream
}

func newSink(w *pcapng.Writer, out *os.File) *sink {
	s := &sink{w: w, kick: make(chan struct{}, 1), done: make(chan struct{}),
		closed: make(chan struct{}), start: time.Now(), batch: make([]byte, 0, kickAt*2)}
	s.room = sync.NewCond(&s.mu)
	go s.run()
	if fi, err := out.Stat(); err == nil && fi.Mode()&os.ModeNamedPipe != 0 {
		go s.watchReader(out)
	}
	return s
}

// emit is the tracer's EmitFunc.
func (s *sink) emit(rec *pcapng.Record) error {
	rec.Fit(pcapng.MaxRecordLen)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err == nil && !s.stopping && len(s.batch) >= maxQueued {
		began := time.Now()
		for s.err == nil && !s.stopping && len(s.batch) >= maxQueued {
			s.room.Wait()
		}
		s.waits++
		s.waited += time.Since(began)
	}
	if s.err != nil {
		return s.err
	}
	if s.stopping && len(s.batch) >= maxQueued {
		s.dropped++
		return nil
	}
	var hdr [12]byte
	binary.LittleEndian.PutUint64(hdr[:], uint64(rec.PacketTime()))
	start := len(s.batch)
	s.batch = rec.AppendTo(append(s.batch, hdr[:]...))
	// The length once written: measuring a record first costs as much as
	// encoding its header.
	binary.LittleEndian.PutUint32(s.batch[start+8:], uint32(len(s.batch)-start-len(hdr)))
	if len(s.batch) >= kickAt {
		select {
		case s.kick <- struct{}{}:
		default:
		}
	}
	return nil
}

// stop tells a tracer waiting for room, or about to, not to wait: a stop
// must let go of the tracees whatever the output's reader is doing.
func (s *sink) stop() {
	s.mu.Lock()
	s.stopping = true
	s.room.Broadcast()
	s.mu.Unlock()
}

func (s *sink) fail(err error) {
	s.mu.Lock()
	if s.err == nil {
		s.err = err
	}
	s.room.Broadcast()
	s.mu.Unlock()
	if errors.Is(err, syscall.EPIPE) {
		s.once.Do(func() { close(s.closed) })
	}
}

func (s *sink) run() {
	defer close(s.done)
	tick := time.NewTicker(flushEvery)
	defer tick.Stop()
	// The batch and this one take turns. Grown from nothing by appends, it
	// would be allocated and copied seven times over at the first flush,
	// on fresh pages each time.
	spare := make([]byte, 0, kickAt*2)
	for {
		select {
		case <-s.kick:
		case <-tick.C:
		}
		s.mu.Lock()
		batch, closing, failed := s.batch, s.closing, s.err != nil
		s.batch = spare[:0]
		s.room.Broadcast()
		s.mu.Unlock()
		if !failed && len(batch) > 0 {
			if err := s.write(batch); err != nil {
				s.fail(err)
			}
		}
		spare = batch
		if closing {
			return
		}
	}
}

func (s *sink) write(batch []byte) error {
	for len(batch) >= 12 {
		ts := int64(binary.LittleEndian.Uint64(batch))
		n := int(binary.LittleEndian.Uint32(batch[8:]))
		rec := batch[12 : 12+n]
		if r := s.ring; r != nil {
			if now := time.Now(); r.due(now) {
				if r.opts.stopFiles > 0 && r.n >= r.opts.stopFiles {
					// -a files: that many are full. What comes until the
					// tracees are let go stays in the last one.
					r.stop()
				} else if err := s.nextFile(now, ts); err != nil {
					return err
				}
			}
			if r.limitHit && !endsProcess(rec) {
				// Past an -a limit only how the processes ended is kept.
				batch = batch[12+n:]
				continue
			}
			r.note(rec, ts)
		}
		if err := s.w.WriteMarshalled(rec, ts); err != nil {
			return err
		}
		s.count++
		if s.ring != nil {
			s.ring.checkLimit()
		}
		batch = batch[12+n:]
	}
	if err := s.w.Flush(); err != nil {
		return err
	}
	if s.afterFlush != nil {
		return s.afterFlush()
	}
	return nil
}

// watchReader notices a pipe whose reader has gone while nothing is being
// written: the write end then polls with an error.
func (s *sink) watchReader(out *os.File) {
	fds := []unix.PollFd{{Fd: int32(out.Fd())}}
	for {
		select {
		case <-s.done:
			return
		default:
		}
		n, err := unix.Poll(fds, 250)
		if err == nil && n > 0 && fds[0].Revents&(unix.POLLERR|unix.POLLHUP) != 0 {
			s.fail(syscall.EPIPE)
			return
		}
	}
}

// close writes what is queued and ends the stream with its statistics.
func (s *sink) close() error {
	s.mu.Lock()
	s.closing = true
	s.mu.Unlock()
	select {
	case s.kick <- struct{}{}:
	default:
	}
	<-s.done
	if s.err != nil {
		return s.err
	}
	s.mu.Lock()
	stats := pcapng.Stats{Start: s.start, End: time.Now(), Received: s.count, Dropped: s.dropped, Waits: s.waits, Waited: s.waited}
	s.mu.Unlock()
	if s.ring != nil {
		// The last file's own counts; what was dropped at the stop is its.
		stats.Start, stats.Received = s.ring.started, s.ring.count
	}
	return s.w.Close(stats)
}

// nextFile ends the current file of a ring with its statistics and goes
// on in the next.
func (s *sink) nextFile(now time.Time, ts int64) error {
	r := s.ring
	s.mu.Lock()
	stats := pcapng.Stats{Start: r.started, End: now, Received: r.count, Waits: s.waits, Waited: s.waited}
	s.mu.Unlock()
	st, err := r.next(s.stream, stats, ts)
	if err != nil {
		return err
	}
	s.stream, s.w = st, st.w
	if st.gz != nil {
		s.afterFlush = st.flushed
	}
	return nil
}
