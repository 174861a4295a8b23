package importer

import (
	"fmt"
	"strings"
	"time"

	"github.com/stracedump/stracedump/decoder"
	"github.com/stracedump/stracedump/pcapng"
)

// Options say how the text was made, as far as the text does not say it.
type Options struct {
	Arch        *decoder.Arch // the traced program's (x86_64 when nil)
	StringLimit int           // strace's -s (32 when 0)
	HexStrings  int           // strace's -x count
	// Day is the date of -t and -tt times, which give only the time of
	// day, in its location (midnight of the day the log was written).
	Day time.Time
	// Warn hears of every line kept as a comment, and why.
	Warn func(file string, line int, err error)
}

// Stats count what an import kept as values and what as text.
type Stats struct {
	Lines, Calls, Signals, Exits, Comments int
	// Args counts the arguments of calls read back; ArgsText those of
	// them kept as text. WholeText counts calls whose arguments were
	// kept as one text (the line's commas did not match the description).
	Args, ArgsText, WholeText int
	// Results counts results read back; ResultsText those kept as text.
	Results, ResultsText int
	// SiginfoText counts signals whose siginfo was kept as text.
	SiginfoText int
	// TextKinds counts the arguments kept as text by their kind in the
	// decoder's descriptions ("Struct", "Sigset").
	TextKinds map[string]int
}

// Importer turns lines into records, one Line call at a time.
type Importer struct {
	opts  Options
	emit  func(*pcapng.Record) error
	dec   *decoder.Decoder
	Stats Stats
	// entries holds each thread's unfinished call text ("read(0, ").
	entries map[int]entry
	started bool
	// last is the time of the last record that had one: a comment's
	// line, which has none, is put there rather than at 1970.
	last int64
}

// New returns an importer handing each record to emit.
func New(opts Options, emit func(*pcapng.Record) error) *Importer {
	if opts.Arch == nil {
		opts.Arch = decoder.ArchByName("x86_64")
	}
	if opts.StringLimit <= 0 {
		opts.StringLimit = 32
	}
	dec := decoder.New(decoder.Options{StringLimit: opts.StringLimit, DecodeFDs: 2, HexStrings: opts.HexStrings})
	return &Importer{opts: opts, emit: emit, dec: dec, entries: map[int]entry{}}
}

// Line imports line n of file; pid is the pid of a file of strace -ff
// (whose lines carry none), else 0. Only emit's errors are returned: a
// line that cannot be read becomes a comment record and a warning.
func (im *Importer) Line(file string, n int, pid int, text string) error {
	if !im.started {
		im.started = true
		c := &pcapng.Record{Kind: pcapng.KindCapture, Arch: im.opts.Arch.Audit, Flags: pcapng.FlagFollowForks}
		c.Args[0], c.Args[1] = uint64(im.opts.StringLimit), uint64(im.opts.StringLimit)
		if err := im.emit(c); err != nil {
			return err
		}
	}
	im.Stats.Lines++
	l, err := ParseLine(text)
	if l.PID == 0 {
		l.PID = pid
	}
	var rec *pcapng.Record
	if err == nil {
		rec, err = im.record(&l)
	}
	if err == nil && rec.MarshalledLen() > pcapng.MaxRecordLen {
		err = fmt.Errorf("the call's record would be %d bytes, more than a packet holds", rec.MarshalledLen())
	}
	if err != nil {
		if len(text) > maxComment {
			// What no strace line is: kept, but not whole.
			text = text[:maxComment] + fmt.Sprintf(" ... [%d bytes more]", len(text)-maxComment)
		}
		im.Stats.Comments++
		if im.opts.Warn != nil {
			im.opts.Warn(file, n, err)
		}
		rec = &pcapng.Record{Kind: pcapng.KindComment, Arch: im.opts.Arch.Audit, PID: uint32(l.PID), TID: uint32(l.PID),
			Time: im.time(&l), Sections: []pcapng.Section{{Type: pcapng.SecText, Key: pcapng.TextComment, Data: []byte(text)}}}
		if rec.Time == 0 {
			rec.Time = im.last
		}
	}
	if rec.Time != 0 {
		im.last = rec.Time
	}
	return im.emit(rec)
}

// maxComment is the most of a line a comment record keeps.
const maxComment = 64 << 10

// time is the line's time as Unix nanoseconds.
func (im *Importer) time(l *Line) int64 {
	switch l.Clock {
	case 0:
		return 0
	case 3:
		return l.Time
	}
	d := im.opts.Day
	if d.IsZero() {
		d = time.Now()
	}
	y, m, day := d.Date()
	mid := time.Date(y, m, day, 0, 0, 0, 0, d.Location())
	return mid.UnixNano() + l.Time
}

func (im *Importer) record(l *Line) (*pcapng.Record, error) {
	a := im.opts.Arch
	rec := &pcapng.Record{Arch: a.Audit, PID: uint32(l.PID), TID: uint32(l.PID), Time: im.time(l)}
	switch l.Kind {
	case LineSignal, LineStopped:
		sig, ok := signal(l.Name)
		if !ok {
			return nil, fmt.Errorf("unknown signal %q", l.Name)
		}
		rec.Kind, rec.Nr = pcapng.KindSignal, int64(sig)
		if l.Kind == LineStopped {
			rec.Flags = pcapng.FlagGroupStop
		} else {
			im.signalRecord(rec, l)
		}
		im.Stats.Signals++
		return rec, nil
	case LineExited, LineKilled, LineSuperseded:
		rec.Kind = pcapng.KindExit
		switch l.Kind {
		case LineExited:
			rec.Ret = int64(l.Status) << 8
		case LineKilled:
			sig, ok := signal(l.Name)
			if !ok {
				return nil, fmt.Errorf("unknown signal %q", l.Name)
			}
			rec.Ret = int64(sig)
			if l.Core {
				rec.Ret |= 0x80
			}
		default:
			rec.Flags, rec.Nr = pcapng.FlagSuperseded, int64(l.Former)
		}
		delete(im.entries, l.PID)
		if e, ok := im.entries[l.Former]; ok && l.Kind == LineSuperseded {
			// The thread that called execve took the leader's pid: its
			// execve resumes there.
			im.entries[l.PID] = e
			delete(im.entries, l.Former)
		}
		im.Stats.Exits++
		return rec, nil
	}
	nr, ok := a.SyscallNumber(l.Name)
	if !ok {
		if h, found := strings.CutPrefix(l.Name, "syscall_0x"); found {
			if v, isNum := number("0x" + h); isNum {
				nr, ok = int64(v), true
			}
		}
		if !ok {
			return nil, fmt.Errorf("no syscall %q on %s", l.Name, a.Name)
		}
	}
	rec.Nr = nr
	switch l.Kind {
	case LineUnfinished:
		rec.Kind = pcapng.KindSyscallEntry
		im.entries[l.PID] = entry{l.Args, rec.Time}
		im.build(rec, l.Args, "", "", true, false)
	case LineResumed:
		e, ok := im.entries[l.PID]
		if !ok {
			return nil, fmt.Errorf("%s resumed without its start", l.Name)
		}
		delete(im.entries, l.PID)
		rec.Kind = pcapng.KindSyscall
		// A resumed line prints at the call's time plus its duration.
		// With -T, the duration is -T's and the call's time is the
		// resumed line's less it, a few microseconds after the
		// unfinished line's (strace's -T does not measure between the
		// times it prints); without, the duration is the time between
		// the two lines.
		end := rec.Time
		rec.Time = e.time
		if l.HasDuration {
			rec.Duration = uint64(max(l.Duration, 0))
			if l.Clock != 0 {
				rec.Time = end - l.Duration
			}
		} else {
			rec.Duration = uint64(max(end-e.time, 0))
		}
		im.build(rec, e.args, l.Args, l.Result, false, true)
		im.Stats.Calls++
	default:
		rec.Kind = pcapng.KindSyscall
		rec.Duration = uint64(max(l.Duration, 0))
		im.build(rec, l.Args, "", l.Result, false, false)
		im.Stats.Calls++
	}
	return rec, nil
}

// entry is a thread's unfinished call.
type entry struct {
	args string // "0, " of "read(0,  <unfinished ...>"
	time int64
}

// signal reads a signal's name or number.
func signal(s string) (int, bool) {
	if n, ok := number(s); ok && n > 0 && n < 128 {
		return int(n), true
	}
	return decoder.SignalByName(s)
}
