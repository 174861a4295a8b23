package importer

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// LineKind says what a line of strace's output is.
type LineKind int

const (
	// LineCall is a whole call: "read(0, "a", 1) = 1".
	LineCall LineKind = iota + 1
	// LineUnfinished is a call's entry: "read(0,  <unfinished ...>".
	LineUnfinished
	// LineResumed is the rest of a call: "<... read resumed>"a", 1) = 1".
	LineResumed
	// LineSignal is "--- SIGCHLD {si_signo=...} ---".
	LineSignal
	// LineStopped is a group-stop: "--- stopped by SIGTSTP ---".
	LineStopped
	// LineExited is "+++ exited with N +++".
	LineExited
	// LineKilled is "+++ killed by SIGKILL (core dumped) +++".
	LineKilled
	// LineSuperseded is "+++ superseded by execve in pid N +++".
	LineSuperseded
)

// Line is one line of strace's output, split into its parts; the text of
// arguments, result and siginfo is left as it is.
type Line struct {
	Kind LineKind
	PID  int // the line's pid prefix, 0 when it has none
	// Clock is how the line's time was printed: 0 none, 1 -t
	// ("12:34:56"), 2 -tt ("12:34:56.123456"), 3 -ttt (seconds since
	// the epoch).
	Clock int
	// Time is the line's time: since the epoch (-ttt) or since midnight
	// (-t, -tt), in nanoseconds.
	Time int64
	Name string // the call's name; the signal's for LineSignal, LineStopped, LineKilled
	// Args is the text between the call's parentheses: for an unfinished
	// call, what came before " <unfinished ...>"; for a resumed one, what
	// came after "resumed>".
	Args string
	// Result is the text after "= " ("3", "-1 ENOENT (No such file or
	// directory)", "?"); Siginfo the "{...}" of a signal line.
	Result  string
	Siginfo string
	// Duration is -T's time in nanoseconds, when HasDuration.
	Duration    int64
	HasDuration bool
	// Status is the exit status (LineExited); Core says a killed process
	// dumped core (LineKilled); Former is a superseded thread's tid.
	Status int
	Core   bool
	Former int
}

// ErrSyntax is the error of a line that is none of strace's.
var ErrSyntax = errors.New("not a line of strace's output")

func syntax(what string) error { return fmt.Errorf("%w: %s", ErrSyntax, what) }

// ParseLine splits one line of strace's output (without its newline).
func ParseLine(s string) (Line, error) {
	var l Line
	s = l.prefix(s)
	switch {
	case len(s) >= 8 && strings.HasPrefix(s, "--- ") && strings.HasSuffix(s, " ---"):
		return l, l.signal(s[4 : len(s)-4])
	case len(s) >= 8 && strings.HasPrefix(s, "+++ ") && strings.HasSuffix(s, " +++"):
		return l, l.exit(s[4 : len(s)-4])
	case strings.HasPrefix(s, "<... "):
		rest := s[5:]
		i := strings.Index(rest, " resumed>")
		if i <= 0 || !isName(rest[:i]) {
			return l, syntax("a resumed call without its name")
		}
		l.Kind, l.Name = LineResumed, rest[:i]
		return l, l.tail(rest[i+len(" resumed>"):], 1)
	}
	i := strings.IndexByte(s, '(')
	if i <= 0 || !isName(s[:i]) {
		return l, syntax("no call, signal or exit")
	}
	l.Name = s[:i]
	if body, ok := strings.CutSuffix(s[i+1:], " <unfinished ...>"); ok {
		l.Kind, l.Args = LineUnfinished, body
		return l, nil
	}
	l.Kind = LineCall
	return l, l.tail(s[i+1:], 1)
}

// prefix reads the pid and the time a line starts with and returns the rest.
func (l *Line) prefix(s string) string {
	if rest, ok := strings.CutPrefix(s, "[pid "); ok {
		rest = strings.TrimLeft(rest, " ")
		if j := strings.Index(rest, "] "); j > 0 {
			if pid, err := strconv.Atoi(rest[:j]); err == nil && pid > 0 {
				l.PID, s = pid, rest[j+2:]
			}
		}
	} else if j := digits(s); j > 0 && j < len(s) && s[j] == ' ' {
		if pid, err := strconv.Atoi(s[:j]); err == nil && pid > 0 && pid < 1<<31 {
			l.PID, s = pid, strings.TrimLeft(s[j:], " ")
		}
	}
	// The time: "12:34:56", "12:34:56.123456" or "1700000000.123456".
	sp := strings.IndexByte(s, ' ')
	if sp <= 0 {
		return s
	}
	t := s[:sp]
	if len(t) >= 8 && t[2] == ':' && t[5] == ':' {
		h, e1 := strconv.Atoi(t[0:2])
		m, e2 := strconv.Atoi(t[3:5])
		sec, e3 := strconv.Atoi(t[6:8])
		if e1 != nil || e2 != nil || e3 != nil || h > 23 || m > 59 || sec > 60 {
			return s
		}
		ns := (int64(h)*3600 + int64(m)*60 + int64(sec)) * 1e9
		l.Clock = 1
		if len(t) > 8 {
			f, ok := fraction(t[8:])
			if !ok {
				l.Clock = 0
				return s
			}
			ns += f
			l.Clock = 2
		}
		l.Time = ns
		return s[sp+1:]
	}
	if j := digits(t); j > 0 && j < len(t) && t[j] == '.' {
		sec, err := strconv.ParseInt(t[:j], 10, 64)
		f, ok := fraction(t[j:])
		if err == nil && ok && sec < 1<<33 {
			l.Clock, l.Time = 3, sec*1e9+f
			return s[sp+1:]
		}
	}
	return s
}

// fraction reads ".123456" as nanoseconds.
func fraction(s string) (int64, bool) {
	if len(s) < 2 || len(s) > 10 || s[0] != '.' || digits(s[1:]) != len(s)-1 {
		return 0, false
	}
	f, _ := strconv.ParseInt(s[1:], 10, 64)
	for i := len(s) - 1; i < 9; i++ {
		f *= 10
	}
	return f, true
}

func digits(s string) int {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}

func isName(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '?') {
			return false
		}
	}
	return s != ""
}

// tail reads what follows a call's opening parenthesis (depth 1) or a
// resumed call's "resumed>": the arguments up to the closing
// parenthesis, then "= result" and -T's duration.
func (l *Line) tail(s string, depth int) error {
	end, ok := closing(s, depth)
	if !ok {
		return syntax("no closing parenthesis")
	}
	l.Args = s[:end]
	rest := strings.TrimLeft(s[end+1:], " ")
	r, ok := strings.CutPrefix(rest, "=")
	if !ok {
		return syntax("no result")
	}
	r = strings.TrimPrefix(r, " ")
	if strings.HasSuffix(r, ">") {
		if i := strings.LastIndex(r, " <"); i >= 0 {
			d := r[i+2 : len(r)-1]
			if j := digits(d); j > 0 && j < len(d) {
				if f, ok := fraction(d[j:]); ok {
					sec, err := strconv.ParseInt(d[:j], 10, 64)
					if err == nil && sec < 1<<33 {
						l.Duration, l.HasDuration = sec*1e9+f, true
						r = r[:i]
					}
				}
			}
		}
	}
	if r == "" {
		return syntax("empty result")
	}
	l.Result = r
	return nil
}

// closing finds the parenthesis that closes one opened depth levels
// before s, skipping quoted strings and brackets.
func closing(s string, depth int) (int, bool) {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '"':
			j, ok := endQuote(s, i)
			if !ok {
				return 0, false
			}
			i = j
		case '(', '[', '{':
			depth++
		case ']', '}':
			depth--
		case ')':
			depth--
			if depth == 0 {
				return i, true
			}
		}
	}
	return 0, false
}

// endQuote returns the index of the quote closing the string opened at i.
func endQuote(s string, i int) (int, bool) {
	for j := i + 1; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
		case '"':
			return j, true
		}
	}
	return 0, false
}

func (l *Line) signal(s string) error {
	if sig, ok := strings.CutPrefix(s, "stopped by "); ok {
		l.Kind, l.Name = LineStopped, sig
		return nil
	}
	name, info, ok := strings.Cut(s, " ")
	if !ok || !strings.HasPrefix(name, "SIG") && digits(name) != len(name) || !strings.HasPrefix(info, "{") {
		return syntax("a signal line without its siginfo")
	}
	l.Kind, l.Name, l.Siginfo = LineSignal, name, info
	return nil
}

func (l *Line) exit(s string) error {
	switch {
	case strings.HasPrefix(s, "exited with "):
		n, err := strconv.Atoi(s[len("exited with "):])
		if err != nil || n < 0 || n > 255 {
			return syntax("an exit status that is no number")
		}
		l.Kind, l.Status = LineExited, n
	case strings.HasPrefix(s, "killed by "):
		sig := s[len("killed by "):]
		sig, l.Core = strings.CutSuffix(sig, " (core dumped)")
		l.Kind, l.Name = LineKilled, sig
	case strings.HasPrefix(s, "superseded by execve in pid "):
		n, err := strconv.Atoi(s[len("superseded by execve in pid "):])
		if err != nil || n <= 0 {
			return syntax("a superseding pid that is no number")
		}
		l.Kind, l.Former = LineSuperseded, n
	default:
		return syntax("an unknown +++ line")
	}
	return nil
}
