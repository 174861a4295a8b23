package command

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"golang.org/x/sys/unix"

	"github.com/stracedump/stracedump/decoder/filter"
	"github.com/stracedump/stracedump/extcap"
	"github.com/stracedump/stracedump/pcapng"
	"github.com/stracedump/stracedump/tracer"
)

// capture is one capture run as both record and the extcap run it: what
// to trace, how, and what the capture says about itself.
type capture struct {
	target      tracer.Target
	opts        tracer.Options
	described   string // the command line, or "pid 1,2"
	stringLimit int
	// captureLength is the most bytes of each string or buffer kept: at
	// least stringLimit.
	captureLength int
	// socketLength is that of the data of calls on sockets: at least
	// captureLength.
	socketLength int
	// filter, when set, drops the records it rejects before they are
	// written.
	filter *filter.Filter
	// seccomp lets a launched command's filter select syscalls in the
	// kernel, when the filter leaves some out.
	seccomp bool
	// gzip compresses the stream; Wireshark and decode read it as is.
	gzip bool
	// interrupt is when the stop signals (SIGINT, SIGTERM, SIGHUP,
	// SIGQUIT) stop the capture, as strace's -I says.
	interrupt interruptible
	// ring holds record's -b and -a conditions, and output the -o name
	// the ring's files are named after.
	ring   ringOptions
	output string
}

// interruptible is strace's -I: whether a stop signal sent to the tracer
// ends the capture. strace blocks them while it decodes a stop (2); in the
// tracer here a signal is only acted on between stops anyway, so 1 and 2
// behave alike.
type interruptible int

const (
	interruptAnywhere  interruptible = 1 + iota // -I 1: the stop signals stop the capture
	interruptWaiting                            // -I 2: the same (strace's default)
	interruptNever                              // -I 3: the stop signals are ignored (strace's default for -o FILE PROG)
	interruptNeverTSTP                          // -I 4: and SIGTSTP too, so ^Z stops only the command
)

// parseInterruptible reads -I's value as strace does: 1-4 or its name.
func parseInterruptible(s string) (interruptible, error) {
	for i, names := range [][2]string{{"1", "anywhere"}, {"2", "waiting"}, {"3", "never"}, {"4", "never_tstp"}} {
		if s == names[0] || s == names[1] {
			return interruptible(i + 1), nil
		}
	}
	return 0, fmt.Errorf("-I %s: want 1 (anywhere), 2 (waiting), 3 (never) or 4 (never_tstp)", s)
}

// captureResult is how a capture ended.
type captureResult struct {
	stats     tracer.Stats
	stoppedBy syscall.Signal // 0 unless a signal stopped it
	// readerGone: the output's reader went away, which ended the capture
	// (and killed a launched command, unless --detach-on-stop).
	readerGone bool
	// autostopped: an -a condition ended the capture.
	autostopped bool
}

// runCapture writes c's records to out as a pcapng stream until the traced
// processes are gone, a signal (SIGINT, SIGTERM, SIGHUP) arrives or out's
// reader goes away; then it lets go of the tracees and ends the stream.
func runCapture(out *os.File, c capture) (captureResult, error) {
	var res captureResult
	wo := pcapng.WriterOptions{Command: c.described, Version: Version}
	st, err := newStream(out.Name(), out, c.gzip, wo)
	if err != nil {
		return res, err
	}
	s := newSink(st.w, out)
	s.stream = st
	if st.gz != nil {
		s.afterFlush = st.flushed
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var autostopped atomic.Bool
	if c.ring != (ringOptions{}) {
		s.ring = &ring{opts: c.ring, base: c.output, compress: c.gzip, wo: wo, n: 1, kept: []string{out.Name()},
			started: time.Now(), procs: map[uint32][]byte{}}
		// An -a condition ends the capture as a stop request does; the
		// writer and the -a duration timer may both reach one.
		var once sync.Once
		s.ring.limit = func() {
			once.Do(func() {
				autostopped.Store(true)
				s.stop()
				cancel()
			})
		}
		if d := c.ring.stopAfter; d > 0 {
			t := time.AfterFunc(d, s.ring.limit)
			defer t.Stop()
		}
	}
	_ = s.emit(captureRecord(c.described, c.stringLimit, c.captureLength, c.socketLength, c.opts.FollowForks, len(c.target.Argv) > 0))
	emit := s.emit
	if f := c.filter; f != nil {
		emit = func(rec *pcapng.Record) error {
			if !f.Keep(rec) {
				return nil
			}
			return s.emit(rec)
		}
		if c.seccomp && !f.TracesAll() {
			c.opts.Seccomp = f
		}
	}

	// SIGPIPE must become an EPIPE error, not our death, so the capture ends
	// cleanly; Notify (unlike Ignore) is not inherited by the command.
	signal.Notify(make(chan os.Signal, 1), syscall.SIGPIPE)
	stopSignals := []os.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT}
	sigs := make(chan os.Signal, 1)
	if c.interrupt >= interruptNever {
		// Caught and dropped, not ignored: an ignored signal would stay
		// ignored in the command across its exec; a caught one is reset.
		if c.interrupt == interruptNeverTSTP {
			stopSignals = append(stopSignals, syscall.SIGTSTP)
		}
		dropped := make(chan os.Signal, 4)
		signal.Notify(dropped, stopSignals...)
		defer signal.Stop(dropped)
		go func() {
			for range dropped {
			}
		}()
	} else {
		signal.Notify(sigs, stopSignals...)
		defer signal.Stop(sigs)
	}
	var stoppedBy atomic.Value
	var readerGone atomic.Bool
	go func() {
		select {
		case sig := <-sigs:
			stoppedBy.Store(sig)
			s.stop()
			cancel()
			// A second one is the user insisting while we wait for a
			// reader that may never read again: die of it at once. The
			// tracees are let go already, or by the kernel as we go.
			die((<-sigs).(syscall.Signal))
		case <-s.closed:
			readerGone.Store(true)
			cancel()
		case <-ctx.Done():
		}
	}()

	stats, traceErr := tracer.Trace(ctx, c.target, c.opts, emit)
	res.stats = stats
	closeErr := s.close()
	if err := s.stream.finish(); closeErr == nil {
		closeErr = err
	}
	if s.stream.f != out {
		// A ring's last file; the caller closes the first.
		if err := s.stream.f.Close(); closeErr == nil {
			closeErr = err
		}
	}
	if sig, ok := stoppedBy.Load().(syscall.Signal); ok {
		res.stoppedBy = sig
	}
	res.readerGone = readerGone.Load()
	res.autostopped = autostopped.Load()
	if traceErr != nil {
		return res, traceErr
	}
	if closeErr != nil && !errors.Is(closeErr, syscall.EPIPE) {
		return res, closeErr
	}
	return res, nil
}

// describe says what a capture traces, for its header: the command line
// quoted as a shell user would type it, or the pids.
func describe(argv []string, pids []int) string {
	if len(pids) == 0 {
		return extcap.JoinWords(argv)
	}
	s := make([]string, len(pids))
	for i, p := range pids {
		s[i] = strconv.Itoa(p)
	}
	return "pid " + strings.Join(s, ",")
}

func captureRecord(command string, stringLimit, captureLength, socketLength int, follow, launched bool) *pcapng.Record {
	rec := &pcapng.Record{Kind: pcapng.KindCapture, Time: time.Now().UnixNano(), PID: uint32(os.Getpid()), TID: uint32(os.Getpid())}
	rec.Args[0] = uint64(stringLimit)
	rec.Args[1] = uint64(captureLength)
	rec.Args[2] = uint64(socketLength)
	if follow {
		rec.Flags |= pcapng.FlagFollowForks
	}
	if launched {
		rec.Flags |= pcapng.FlagLaunched
	}
	text := func(key uint64, s string) {
		rec.Sections = append(rec.Sections, pcapng.Section{Type: pcapng.SecText, Key: key, Data: []byte(s)})
	}
	text(pcapng.TextCommand, command)
	text(pcapng.TextVersion, "stracedump "+Version)
	var u unix.Utsname
	if unix.Uname(&u) == nil {
		text(pcapng.TextHost, unix.ByteSliceToString(u.Nodename[:]))
		text(pcapng.TextKernel, unix.ByteSliceToString(u.Release[:]))
		text(pcapng.TextMachine, unix.ByteSliceToString(u.Machine[:]))
	}
	return rec
}
