package extcap

import (
	"fmt"
	"strings"

	"github.com/stracedump/stracedump/decoder"
	"github.com/stracedump/stracedump/pcapng"
)

// Filter selects the syscalls a capture keeps, from the capture filter
// field: syscall names and strace classes, as in strace's -e trace=.
// Records that are not syscalls (signals, exits, process metadata) are
// always kept. The zero Filter (an empty field) keeps everything.
type Filter struct {
	names   map[string]bool
	classes []decoder.Class
	all     bool
	// seen caches the decision per arch and number: the filter runs on the
	// tracing thread for every stop.
	seen map[uint64]bool
}

// ParseFilter parses a capture filter: comma-separated syscall names
// (openat) and classes (%file, %network, %process, ...), optionally
// prefixed by "trace=". Names must exist in some architecture's table.
// The error is one line, shown to the user as typed.
func ParseFilter(s string) (*Filter, error) {
	f := &Filter{}
	s = strings.TrimSpace(s)
	if s == "" {
		f.all = true
		return f, nil
	}
	if q, rest, ok := strings.Cut(s, "="); ok {
		if strings.TrimSpace(q) != "trace" {
			return nil, fmt.Errorf("only trace= filters are supported, not %s=", strings.TrimSpace(q))
		}
		s = rest
	}
	f.names = map[string]bool{}
	for _, tok := range strings.Split(s, ",") {
		tok = strings.TrimSpace(tok)
		switch {
		case tok == "":
			return nil, fmt.Errorf("empty item in %q: give syscall names or classes separated by commas", s)
		case strings.HasPrefix(tok, "!") || strings.HasPrefix(tok, "?") || strings.HasPrefix(tok, "/"):
			return nil, fmt.Errorf("%q: negation, ? and /regex are not supported yet; give syscall names or classes", tok)
		}
		if c, ok := decoder.ClassByName(tok); ok {
			if c == 0 {
				f.all = true // "all"
			}
			f.classes = append(f.classes, c)
			continue
		}
		if strings.HasPrefix(tok, "%") {
			return nil, fmt.Errorf("unknown syscall class %q (known: %%file, %%desc, %%network, %%process, %%signal, %%ipc, %%memory, %%creds, %%clock, %%stat, %%pure, ...)", tok)
		}
		if !knownSyscall(tok) {
			return nil, fmt.Errorf("unknown syscall %q", tok)
		}
		f.names[tok] = true
	}
	return f, nil
}

// knownSyscall reports whether some architecture has a syscall called
// name: a filter typed on one machine may serve a capture of another.
func knownSyscall(name string) bool {
	for _, a := range decoder.Arches() {
		if _, ok := a.SyscallNumber(name); ok {
			return true
		}
	}
	return false
}

// Keep reports whether rec belongs in the capture.
func (f *Filter) Keep(rec *pcapng.Record) bool {
	if f == nil || f.all || (rec.Kind != pcapng.KindSyscall && rec.Kind != pcapng.KindSyscallEntry) {
		return true
	}
	key := uint64(rec.Arch)<<32 | uint64(uint32(rec.Nr))
	if keep, ok := f.seen[key]; ok {
		return keep
	}
	keep := false
	if a := decoder.ArchByAudit(rec.Arch); a != nil {
		if name, _, class, ok := a.Info(rec.Nr); ok {
			keep = f.names[name]
			for _, c := range f.classes {
				keep = keep || class.Has(c)
			}
		}
	}
	if f.seen == nil {
		f.seen = map[uint64]bool{}
	}
	f.seen[key] = keep
	return keep
}
