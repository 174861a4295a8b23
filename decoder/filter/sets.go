package filter

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/stracedump/stracedump/decoder"
)

// numberSet is a set of small numbers (statuses, signals up to 255), with
// strace's inversion: a set with not holds every number it does not list.
type numberSet struct {
	bits [4]uint64
	not  bool
}

func (s *numberSet) add(n int) { s.bits[n>>6] |= 1 << (n & 63) }

func (s *numberSet) has(n int) bool {
	in := n >= 0 && n < 256 && s.bits[n>>6]&(1<<(n&63)) != 0
	return in != s.not
}

// parseTokens parses a status= or signal= set as strace's qualify_tokens
// does: each leading "!" inverts, "all" and "none" stand alone, items are
// comma-separated and empty items are skipped, and at least one is needed.
func parseTokens(str, what string, lookup func(string) (int, bool), max int) (*numberSet, error) {
	set := &numberSet{}
	err := qualify(str, &set.not, func(tok string) error {
		n, ok := lookup(tok)
		if !ok || n < 0 || n > max {
			return fmt.Errorf("invalid %s '%s'", what, tok)
		}
		set.add(n)
		return nil
	})
	if err == errNoItems {
		return nil, fmt.Errorf("invalid %s '%s'", what, str)
	}
	if err != nil {
		return nil, err
	}
	return set, nil
}

// fdSet is a --trace-fds set of descriptor numbers.
type fdSet struct {
	fds map[int32]bool
	not bool
}

func (s *fdSet) has(fd int32) bool { return fd >= 0 && s.fds[fd] != s.not }

// parseFDs parses a descriptor set as strace parses its fd sets (read=,
// write=, trace-fds=): non-negative decimal numbers, with the usual "!",
// "all" and "none".
func parseFDs(str string) (*fdSet, error) {
	set := &fdSet{fds: map[int32]bool{}}
	err := qualify(str, &set.not, func(tok string) error {
		n, err := strconv.ParseUint(tok, 10, 31)
		if err != nil {
			return fmt.Errorf("invalid descriptor '%s'", tok)
		}
		set.fds[int32(n)] = true
		return nil
	})
	if err == errNoItems {
		return nil, fmt.Errorf("invalid descriptor '%s'", str)
	}
	if err != nil {
		return nil, err
	}
	return set, nil
}

// errNoItems is a set expression that names nothing ("", ",", "!").
var errNoItems = errors.New("no items")

// qualify walks a set expression as strace's qualify does: each leading
// "!" inverts *not, "all" and "none" stand alone, the rest is
// comma-separated items (empty ones skipped) handed to item, at least one.
func qualify(str string, not *bool, item func(tok string) error) error {
	s := str
	for strings.HasPrefix(s, "!") {
		*not = !*not
		s = s[1:]
	}
	switch s {
	case "none":
		return nil
	case "all":
		*not = !*not
		return nil
	}
	done := false
	for _, tok := range strings.Split(s, ",") {
		if tok == "" {
			continue
		}
		if err := item(tok); err != nil {
			return err
		}
		done = true
	}
	if !done {
		return errNoItems
	}
	return nil
}

// personality is a set of arch word sizes a trace= item is limited to by
// its "@64", "@32" or "@x32" suffix; 0 means every arch.
type personality int

const (
	pers64 personality = 1 << iota
	pers32
	persX32 // no arch here has x32 tables: such items select nothing
)

func (p personality) covers(a *decoder.Arch) bool {
	switch {
	case p == 0:
		return true
	case a.WordSize == 8:
		return p&pers64 != 0
	case a.WordSize == 4:
		return p&pers32 != 0
	}
	return false
}

// matcher is one item of a trace= set.
type matcher struct {
	pers   personality
	number int64 // -1 unless the item is a number
	class  decoder.Class
	isCls  bool
	name   string
	re     *regexp.Regexp
}

func (m *matcher) matches(a *decoder.Arch, nr int64, name string) bool {
	if !m.pers.covers(a) {
		return false
	}
	switch {
	case m.number >= 0:
		return nr == m.number
	case m.re != nil:
		return name != "" && m.re.MatchString(name)
	case m.isCls:
		c, ok := decoder.ClassOf(name)
		return ok && c.Has(m.class)
	}
	return name == m.name
}

// syscallSet is a parsed trace= set. Items are kept as matchers and
// resolved per arch from its table, so one set serves captures of every
// arch: "openat" is 257 on x86_64, 295 on i386, 56 on aarch64.
type syscallSet struct {
	items  []matcher
	not    bool
	byArch map[uint32][]bool // resolved items, by number, per arch
}

// tableLen is one more than the arch's highest syscall number.
func tableLen(a *decoder.Arch) int { return len(a.Syscalls) }

func (s *syscallSet) resolved(a *decoder.Arch) []bool {
	if sel, ok := s.byArch[a.Audit]; ok {
		return sel
	}
	sel := make([]bool, tableLen(a))
	for nr := range sel {
		name := a.SyscallName(int64(nr))
		for i := range s.items {
			if s.items[i].matches(a, int64(nr), name) {
				sel[nr] = true
				break
			}
		}
	}
	if s.byArch == nil {
		s.byArch = map[uint32][]bool{}
	}
	s.byArch[a.Audit] = sel
	return sel
}

// has reports whether the set holds syscall nr of arch.
func (s *syscallSet) has(a *decoder.Arch, nr int64) bool {
	sel := s.resolved(a)
	in := nr >= 0 && nr < int64(len(sel)) && sel[nr]
	return in != s.not
}

// hasName reports whether the set holds the call called name on arch,
// for calls multiplexed through socketcall or ipc, which have no number
// of their own there. Number items never select them.
func (s *syscallSet) hasName(a *decoder.Arch, name string) bool {
	in := false
	for i := range s.items {
		if s.items[i].matches(a, -2, name) {
			in = true
			break
		}
	}
	return in != s.not
}

func (s *syscallSet) anySub(a *decoder.Arch, subs map[int]decoder.Subcall) bool {
	for _, sub := range subs {
		if s.hasName(a, sub.Name) {
			return true
		}
	}
	return false
}

// parseSyscalls parses a trace= set as strace 6.1 does: leading "!"
// invert, "all" and "none" alone, then comma-separated items (empty ones
// skipped), each optionally prefixed by "?" (no error when it selects
// nothing) and suffixed by a personality: a syscall number, /REGEX, a
// %class, or a name. Names are looked up in every arch's table, so a
// filter typed on one machine serves captures of another.
func parseSyscalls(str string) (*syscallSet, error) {
	set := &syscallSet{}
	err := qualify(str, &set.not, func(tok string) error {
		m, ok, err := parseItem(tok)
		if err != nil {
			return err
		}
		if !ok {
			return &SyscallError{Item: tok}
		}
		if m != nil {
			set.items = append(set.items, *m)
		}
		return nil
	})
	if err == errNoItems {
		return nil, &SyscallError{Item: str}
	}
	if err != nil {
		return nil, err
	}
	return set, nil
}

// SyscallError is a trace= item that selects no syscall on any arch: an
// unknown name, class or number. Its text is strace's.
type SyscallError struct{ Item string }

func (e *SyscallError) Error() string { return fmt.Sprintf("invalid system call '%s'", e.Item) }

// parseItem parses one trace= item. ok is false when the item is not
// valid and not optional; m is nil for an optional item that selects
// nothing.
func parseItem(tok string) (m *matcher, ok bool, err error) {
	optional := false
	for strings.HasPrefix(tok, "?") {
		tok, optional = tok[1:], true
	}
	spec := tok
	m = &matcher{number: -1}
	if i := strings.IndexByte(tok, '@'); i >= 0 {
		switch p := tok[i+1:]; p {
		case "64":
			m.pers = pers64
		case "32":
			m.pers = pers32
		case "x32":
			m.pers = persX32
		default:
			return nil, false, fmt.Errorf("incorrect personality designator '%s' in qualification '%s'", p, tok)
		}
		spec = tok[:i]
	}
	switch {
	case spec != "" && spec[0] >= '0' && spec[0] <= '9':
		n, err := strconv.ParseUint(spec, 10, 31)
		if err == nil {
			m.number = int64(n)
		}
	case strings.HasPrefix(spec, "/"):
		re, err := regexp.Compile(spec[1:])
		if err != nil {
			return nil, false, fmt.Errorf("invalid regular expression '%s': %v", spec[1:], regexpReason(err))
		}
		m.re = re
	default:
		// Class names are matched as strace spells them: "%file" and the
		// old "file", never "%FILE".
		if c, isClass := decoder.ClassByName(spec); isClass && strings.ToLower(spec) == spec {
			m.class, m.isCls = c, true
			return m, true, nil
		}
		m.name = spec
	}
	if m.number < 0 && m.re == nil && m.name == "" {
		return nil, optional, nil // a bad number, or an empty name
	}
	if !selectsAny(m) {
		return nil, optional, nil
	}
	return m, true, nil
}

// selectsAny reports whether an item names a syscall of some arch within
// its personality; for @x32 the x86_64 table stands in for x32's.
func selectsAny(m *matcher) bool {
	probe := *m
	if probe.pers == persX32 {
		probe.pers = pers64
	}
	for _, a := range decoder.Arches() {
		if m.pers == persX32 && a.Audit != decoder.AuditArchX86_64 {
			continue
		}
		if probe.number >= 0 {
			if probe.pers.covers(a) && probe.number < int64(tableLen(a)) {
				return true
			}
			continue
		}
		for nr, name := range a.Syscalls {
			if name != "" && probe.matches(a, int64(nr), name) {
				return true
			}
		}
		for _, subs := range []map[int]decoder.Subcall{a.SocketSubcalls, a.IPCSubcalls} {
			for _, sub := range subs {
				if probe.matches(a, -2, sub.Name) {
					return true
				}
			}
		}
	}
	return false
}

// regexpReason is the part of Go's regexp error after its "error parsing
// regexp: " preamble.
func regexpReason(err error) string {
	s := err.Error()
	if _, r, ok := strings.Cut(s, "error parsing regexp: "); ok {
		return r
	}
	return s
}
