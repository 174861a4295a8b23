package command

import (
	"errors"
	"os"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"golang.org/x/sys/unix"

	"github.com/stracedump/stracedump/pcapng"
)

// sink hands records from the tracing thread to a writer goroutine. The
// tracer encodes each record (cheap) and never waits on the output unless
// the queue is full: then it waits rather than dropping a record. The writer
// flushes whenever the queue runs dry, so a live reader sees each record
// within moments of its stop.
type sink struct {
	w      *pcapng.Writer
	queue  chan encoded
	done   chan struct{}
	err    atomic.Pointer[error]
	bufs   sync.Pool
	start  time.Time
	count  uint64
	closed chan struct{} // closed when the output's reader went away
	once   sync.Once
}

type encoded struct {
	data []byte
	ts   int64
}

func newSink(w *pcapng.Writer, out *os.File) *sink {
	s := &sink{w: w, queue: make(chan encoded, 4096), done: make(chan struct{}),
		start: time.Now(), closed: make(chan struct{})}
	s.bufs.New = func() any { b := make([]byte, 0, 512); return &b }
	go s.run()
	if fi, err := out.Stat(); err == nil && fi.Mode()&os.ModeNamedPipe != 0 {
		go s.watchReader(out)
	}
	return s
}

// emit is the tracer's EmitFunc.
func (s *sink) emit(rec *pcapng.Record) error {
	if p := s.err.Load(); p != nil {
		return *p
	}
	if rec.MarshalledLen() > pcapng.MaxRecordLen {
		rec.Fit(pcapng.MaxRecordLen)
	}
	bp := s.bufs.Get().(*[]byte)
	*bp = rec.AppendTo((*bp)[:0])
	s.queue <- encoded{data: *bp, ts: rec.PacketTime()}
	return nil
}

func (s *sink) fail(err error) {
	s.err.CompareAndSwap(nil, &err)
	if errors.Is(err, syscall.EPIPE) {
		s.once.Do(func() { close(s.closed) })
	}
}

func (s *sink) run() {
	defer close(s.done)
	for e := range s.queue {
		if s.err.Load() == nil {
			if err := s.w.WriteMarshalled(e.data, e.ts); err != nil {
				s.fail(err)
			} else {
				s.count++
			}
		}
		b := e.data[:0]
		s.bufs.Put(&b)
		if len(s.queue) == 0 && s.err.Load() == nil {
			if err := s.w.Flush(); err != nil {
				s.fail(err)
			}
		}
	}
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

// close drains the queue and ends the stream with its statistics.
func (s *sink) close() error {
	close(s.queue)
	<-s.done
	if p := s.err.Load(); p != nil {
		return *p
	}
	return s.w.Close(pcapng.Stats{Start: s.start, End: time.Now(), Received: s.count})
}
