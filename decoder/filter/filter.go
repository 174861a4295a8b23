// Package filter is strace's -e filter language (trace=, status=, signal=,
// trace-fds=), with -P paths and -z/-Z: it parses expressions, says which records a
// capture or a decode keeps, and which syscall numbers of each arch a
// kernel-side (seccomp) filter must stop on. It never touches a process.
package filter

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"sync"

	"github.com/stracedump/stracedump/decoder"
	"github.com/stracedump/stracedump/pcapng"
)

// Filter is the accumulated effect of a command line's -e, -P, -z and -Z
// options. The zero Filter is not ready: use New. As in strace, a later
// expression of a kind replaces an earlier one of the same kind
// ("-e trace=openat -e trace=close" traces close only), while kinds
// combine: a record is kept when every kind keeps it.
type Filter struct {
	trace   *syscallSet // nil: every syscall
	status  *numberSet  // nil: every status
	signals *numberSet  // nil: every signal
	paths   []string    // -P; empty: no path condition
	fds     *fdSet      // --trace-fds; nil: no descriptor condition
	// seen caches the trace decision per arch and number: Keep runs on the
	// tracing thread for every stop.
	seen map[uint64]bool
}

// New returns a filter that keeps everything, as strace with no options.
func New() *Filter { return &Filter{} }

// Parse returns a filter built from -e expressions, in order.
func Parse(exprs ...string) (*Filter, error) {
	f := New()
	for _, e := range exprs {
		if err := f.Qualify(e); err != nil {
			return nil, err
		}
	}
	return f, nil
}

// ParseCapture parses a capture filter as typed in Wireshark's field or
// given to tshark -f: what follows -e on strace's command line
// ("trace=%file,connect"), a bare list meaning trace= ("%file,connect").
// Several expressions may be separated by spaces ("trace=%file
// status=failed"), since no expression holds one; spaces around a comma
// are forgiven ("openat, close"), as people type lists. An empty field
// keeps everything.
func ParseCapture(field string) (*Filter, error) {
	return Parse(strings.Fields(commaSpaces().ReplaceAllString(field, ","))...)
}

// commaSpaces is compiled on first use: compiling it at initialization
// cost every process start more than the rest of this package's.
var commaSpaces = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\s*,\s*`) })

// qualifier names strace 6.1 accepts before "=", with their aliases.
var qualifiers = map[string]string{
	"trace": "trace", "t": "trace",
	"signal": "signal", "signals": "signal", "s": "signal",
	"status":    "status",
	"trace-fds": "trace-fds", "trace-fd": "trace-fds", "fd": "trace-fds", "fds": "trace-fds",
	// Known to strace but about how it prints or tampers, not what it
	// keeps: rejected with a reason rather than mistaken for syscalls.
	"abbrev": "abbrev", "a": "abbrev",
	"verbose": "verbose", "v": "verbose",
	"raw": "raw", "x": "raw",
	"read": "read", "reads": "read", "r": "read",
	"write": "write", "writes": "write", "w": "write",
	"fault": "fault", "inject": "inject",
	"quiet": "quiet", "silent": "quiet", "silence": "quiet", "q": "quiet",
	"decode-fds": "decode-fds", "decode-fd": "decode-fds",
	"kvm": "kvm",
}

// Dump reads strace's -e read=SET or -e write=SET (and their aliases):
// kind is "read" or "write" and has tells the descriptors of SET; kind is ""
// for any other expression. Dumps are about how a call prints, so decoding
// takes them from here, not the filter.
func Dump(expr string) (kind string, has func(fd int32) bool, err error) {
	name, set, ok := strings.Cut(expr, "=")
	if !ok {
		return "", nil, nil
	}
	if kind = qualifiers[name]; kind != "read" && kind != "write" {
		return "", nil, nil
	}
	s, err := parseFDs(set)
	if err != nil {
		return "", nil, err
	}
	return kind, s.has, nil
}

// Qualify applies one -e expression: "trace=SET", "status=SET",
// "signal=SET", or a bare syscall SET. The error is one line, worded as
// strace words it where stracedump agrees ("invalid system call 'opn'").
func (f *Filter) Qualify(expr string) error {
	kind, set := "trace", expr
	if name, rest, ok := strings.Cut(expr, "="); ok {
		// As strace: an unknown name before "=" makes the whole
		// expression a syscall set, which then fails as one.
		if q, known := qualifiers[name]; known {
			kind, set = q, rest
		}
	}
	switch kind {
	case "trace":
		s, err := parseSyscalls(set)
		if err != nil {
			return err
		}
		f.trace, f.seen = s, nil
	case "status":
		s, err := parseTokens(set, "status", statusByName, statusAll)
		if err != nil {
			return err
		}
		f.status = s
	case "signal":
		s, err := parseTokens(set, "signal", signalByName, signalAll)
		if err != nil {
			return err
		}
		f.signals = s
	case "trace-fds":
		return f.TraceFDs(set)
	default:
		return fmt.Errorf("-e %s= is not supported by stracedump (supported: trace=, status=, signal=, trace-fds=)", kind)
	}
	return nil
}

// TraceFDs is --trace-fds=SET (strace 6.3's, also -e trace-fds=SET): only
// calls that operate on a descriptor of SET, by an fd argument or through
// poll's and select's sets; calls on no descriptor at all are left out.
// SET is descriptor numbers, with "!", "all" and "none" as in other sets.
// Together with -P, a call touching either is kept, as in strace.
func (f *Filter) TraceFDs(set string) error {
	s, err := parseFDs(set)
	if err != nil {
		return err
	}
	f.fds = s
	return nil
}

// SuccessfulOnly is -z: only calls that returned without an error. As in
// strace, it replaces any status= given before it.
func (f *Filter) SuccessfulOnly() { f.status = &numberSet{}; f.status.add(statusSuccessful) }

// FailedOnly is -Z: only calls that returned an error.
func (f *Filter) FailedOnly() { f.status = &numberSet{}; f.status.add(statusFailed) }

// TracePath is -P PATH: only calls whose path arguments, or the paths of
// whose fd arguments, are PATH. Several -P accumulate. As strace does, a
// PATH that resolves to another (a symlink, "..") matches under both
// names: calls name it as given, fd paths name it resolved. It resolves
// on this machine, which for decode may not be the one captured.
func (f *Filter) TracePath(path string) error {
	if path == "" {
		return fmt.Errorf("-P: empty path")
	}
	f.paths = append(f.paths, path)
	if abs, err := filepath.Abs(path); err == nil {
		if real, err := filepath.EvalSymlinks(abs); err == nil && real != path {
			f.paths = append(f.paths, real)
		}
	}
	return nil
}

// NeedsTracer reports whether the filter decides on what only the tracer
// sees (results, paths, signals): such parts cannot be done by a seccomp
// filter, which only knows syscall numbers.
func (f *Filter) NeedsTracer() bool {
	return f.status != nil || f.signals != nil || len(f.paths) > 0 || f.fds != nil
}

// TracesAll reports whether every syscall of every arch is selected, so a
// kernel-side filter would stop on everything anyway.
func (f *Filter) TracesAll() bool {
	if f.trace == nil {
		return true
	}
	for _, a := range decoder.Arches() {
		sel, rest := f.Syscalls(a)
		if !rest {
			return false
		}
		for _, s := range sel {
			if !s {
				return false
			}
		}
	}
	return true
}

// Syscalls returns which syscall numbers of arch the trace set selects:
// selected[nr] for the numbers of the arch's table range, and rest for
// every number beyond it (set by a negated set such as "!openat", as
// strace keeps numbers it has no name for then). On i386, socketcall and
// ipc are selected when any call multiplexed through them is.
func (f *Filter) Syscalls(arch *decoder.Arch) (selected []bool, rest bool) {
	n := tableLen(arch)
	selected = make([]bool, n)
	if f.trace == nil {
		for i := range selected {
			selected[i] = true
		}
		return selected, true
	}
	for nr := range selected {
		selected[nr] = f.trace.has(arch, int64(nr))
	}
	if sc, ok := arch.SyscallNumber("socketcall"); ok && len(arch.SocketSubcalls) > 0 && f.trace.anySub(arch, arch.SocketSubcalls) {
		selected[sc] = true
	}
	if ipc, ok := arch.SyscallNumber("ipc"); ok && len(arch.IPCSubcalls) > 0 && f.trace.anySub(arch, arch.IPCSubcalls) {
		selected[ipc] = true
	}
	return selected, f.trace.not
}

// Keep reports whether rec belongs in the output. Records that are not
// syscalls or signals (process metadata, exits, detaches) are always
// kept, as strace prints exits whatever the filter. With a status filter,
// a call's entry alone is never kept: its status is known at its exit,
// whose record repeats the entry, and strace too prints such a call whole.
func (f *Filter) Keep(rec *pcapng.Record) bool {
	switch rec.Kind {
	case pcapng.KindSyscall, pcapng.KindSyscallEntry:
		if !f.keepSyscall(rec) {
			return false
		}
		if (len(f.paths) > 0 || f.fds != nil) && !f.touches(rec) {
			return false
		}
		if f.status != nil {
			if rec.Kind == pcapng.KindSyscallEntry {
				return false
			}
			return f.status.has(statusOf(rec))
		}
		return true
	case pcapng.KindSignal:
		return f.signals == nil || f.signals.has(int(rec.Nr))
	}
	return true
}

func (f *Filter) keepSyscall(rec *pcapng.Record) bool {
	if f.trace == nil {
		return true
	}
	arch := decoder.ArchByAudit(rec.Arch)
	if arch == nil {
		return f.trace.not
	}
	nr := rec.Nr
	if rec.Arch == decoder.AuditArchX86_64 && nr&x32Bit != 0 {
		// x32 shares x86_64's numbers below 512 (its own variants start
		// there): decide by the x86_64 call of the same number.
		nr &^= x32Bit
	}
	// Multiplexed calls are decided by the call they stand for, the one
	// strace shows.
	if name := arch.SyscallName(nr); name == "socketcall" && len(arch.SocketSubcalls) > 0 {
		if sub, ok := arch.SocketSubcalls[int(rec.Args[0])]; ok {
			return f.trace.hasName(arch, sub.Name)
		}
	} else if name == "ipc" && len(arch.IPCSubcalls) > 0 {
		if sub, ok := arch.IPCSubcalls[int(rec.Args[0]&0xffff)]; ok {
			return f.trace.hasName(arch, sub.Name)
		}
	}
	key := uint64(rec.Arch)<<32 | uint64(uint32(nr))
	if keep, ok := f.seen[key]; ok {
		return keep
	}
	keep := f.trace.has(arch, nr)
	if f.seen == nil {
		f.seen = map[uint64]bool{}
	}
	f.seen[key] = keep
	return keep
}

// x32Bit marks x32 syscall numbers (__X32_SYSCALL_BIT) on x86_64.
const x32Bit = 0x40000000

// touches is the -P and --trace-fds test: with both given, a call that
// touches a path or a descriptor of either is kept.
func (f *Filter) touches(rec *pcapng.Record) bool {
	if len(f.paths) > 0 && f.touchesPath(rec) {
		return true
	}
	if f.fds != nil {
		for _, fd := range decoder.FDArgs(rec) {
			if f.fds.has(fd) {
				return true
			}
		}
	}
	return false
}

// touchesPath is strace's -P test: a path argument equal to one of the
// paths, or an fd argument referring to one (the fd paths the capture
// recorded for the call's descriptors).
func (f *Filter) touchesPath(rec *pcapng.Record) bool {
	for i := range rec.Sections {
		s := &rec.Sections[i]
		if s.Type == pcapng.SecFDPath && f.isTracedPath(string(s.Data)) {
			return true
		}
	}
	for _, p := range decoder.PathArgs(rec) {
		if f.isTracedPath(p) {
			return true
		}
	}
	return false
}

func (f *Filter) isTracedPath(p string) bool {
	for _, q := range f.paths {
		if p == q {
			return true
		}
	}
	return false
}

// Statuses of strace's status= qualifier.
const (
	statusSuccessful = iota
	statusFailed
	statusUnfinished
	statusUnavailable
	statusDetached
	statusCount
)

var statusNames = []string{"successful", "failed", "unfinished", "unavailable", "detached"}

func statusByName(s string) (int, bool) {
	for i, n := range statusNames {
		if strings.EqualFold(s, n) {
			return i, true
		}
	}
	return 0, false
}

// statusOf classifies a completed call as strace does: unfinished when it
// never returned (exit_group, or killed inside it), failed when it
// returned an error code, else successful. stracedump never writes a call
// it could not fetch the result of (unavailable) or one cut by a detach
// (detached): those statuses select nothing.
func statusOf(rec *pcapng.Record) int {
	if rec.Flags&pcapng.FlagNoReturn != 0 {
		return statusUnfinished
	}
	r := rec.Ret
	arch := decoder.ArchByAudit(rec.Arch)
	if arch != nil && arch.WordSize == 4 {
		r = int64(int32(r))
	}
	if r < 0 && r >= -4095 && !(arch != nil && arch.NeverFails(rec.Nr)) {
		return statusFailed
	}
	return statusSuccessful
}

const (
	statusAll = statusCount - 1
	signalAll = 255 // strace's -e signal= takes numbers up to 255
)

func signalByName(s string) (int, bool) { return decoder.SignalByName(s) }
