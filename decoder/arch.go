package decoder

import (
	"slices"
	"sort"
	"sync/atomic"
)

// Arch is everything the decoder needs to know about one tracee
// architecture and personality, all of it data: every arch's tables compile
// on every host, so a capture decodes anywhere.
type Arch struct {
	Name     string // "x86_64", as uname -m says
	Audit    uint32 // AUDIT_ARCH_* value found in records
	WordSize int    // bytes in a pointer or long
	// Align64 is the alignment of a 64-bit integer inside a structure: 4
	// on i386, whose ABI aligns long long to 4 bytes there.
	Align64   int
	BigEndian bool
	// Syscalls names the syscalls by number, "" where the arch has none.
	// A slice, not a map: the compiler lays it out as data, which costs a
	// process start nothing, where a map is built by every start.
	Syscalls []string
	// NArgs overrides the argument count of sysinfo for the calls whose
	// count differs on this arch (a 64-bit argument split across two
	// registers, an old one-pointer calling convention).
	NArgs map[string]int
	// CloneBackwards is set where clone takes tls before child_tid
	// (CONFIG_CLONE_BACKWARDS: i386, aarch64), clone(flags, stack,
	// parent_tid, tls, child_tid); x86_64 passes child_tid then tls.
	CloneBackwards bool
	// SocketSubcalls and IPCSubcalls are the calls multiplexed through
	// socketcall and ipc (i386), by call number. strace prints such a call
	// as the one it stands for: "socket(AF_INET, ...)", not "socketcall(1,
	// ...)". socketcall's call number is its first argument and the call's
	// arguments are NArgs words (WordSize each) read from the address in
	// its second; ipc's call number is the low 16 bits of its first
	// argument (the high 16 are a version) and the call's arguments are
	// ipc's remaining ones, shifted down by one.
	SocketSubcalls map[int]Subcall
	IPCSubcalls    map[int]Subcall

	// byNr is what Info, NeverFails and describe say of each number below
	// maxDenseNr, each entry made the first time its number is looked up:
	// decoding looks up every record's call, which took three to five map
	// lookups a record, and making all of them at once cost a short trace
	// more than its calls did.
	byNr [maxDenseNr]atomic.Pointer[sysEntry]
}

// sysEntry is what the decoder knows of one syscall number of an arch.
type sysEntry struct {
	name       string
	nargs      int
	class      Class
	ok         bool // the arch defines the number
	neverFails bool
	desc       *Syscall // describe(name, arch)
	// static: desc has neither conditions nor a switch, so its arguments
	// print the same for every call: entry and exit are its plan.
	static      bool
	entry, exit []Arg
}

// maxDenseNr bounds the table of calls by number: every arch's numbers
// lie below it (x86_64's x32 range ends at 547); a larger one is looked up
// in the maps.
const maxDenseNr = 1024

// entry returns what the decoder knows of syscall nr.
func (a *Arch) entry(nr int64) *sysEntry {
	if nr < 0 || nr >= maxDenseNr {
		e := a.lookupEntry(nr)
		return &e
	}
	p := &a.byNr[nr]
	if e := p.Load(); e != nil {
		return e
	}
	e := a.lookupEntry(nr)
	// Two decoders may make one entry at once: both are the same.
	p.CompareAndSwap(nil, &e)
	return p.Load()
}

// lookupEntry finds what the decoder knows of nr in the arch's maps.
func (a *Arch) lookupEntry(nr int64) sysEntry {
	name, nargs, class, ok := a.info(nr)
	if !ok {
		return sysEntry{}
	}
	e := sysEntry{name: name, nargs: nargs, class: class, ok: true,
		neverFails: neverFailing()[name], desc: describe(name, a)}
	if d := e.desc; d != nil && d.Switch == nil && !slices.ContainsFunc(d.Args, func(x Arg) bool { return x.Cond != nil }) {
		e.static = true
		e.entry, e.exit = splitArgs(d.Args, nil, nil, nil)
	}
	return e
}

// Subcall is one call multiplexed through socketcall or ipc. Its classes
// are sysinfo's for Name; its argument count is its own, as the
// multiplexed form passes them differently from the direct syscall.
type Subcall struct {
	Name  string
	NArgs int
}

// AUDIT_ARCH_* values (include/uapi/linux/audit.h).
const (
	AuditArchX86_64  = 0xc000003e
	AuditArchI386    = 0x40000003
	AuditArchAarch64 = 0xc00000b7
)

var arches = []*Arch{X86_64, I386, Aarch64}

// ArchByAudit returns the arch for an AUDIT_ARCH_* value, or nil.
func ArchByAudit(audit uint32) *Arch {
	for _, a := range arches {
		if a.Audit == audit {
			return a
		}
	}
	return nil
}

// ArchByName returns the arch called name ("x86_64", "i386", "aarch64"),
// or nil.
func ArchByName(name string) *Arch {
	for _, a := range arches {
		if a.Name == name {
			return a
		}
	}
	return nil
}

// Arches returns every known arch, ordered by name.
func Arches() []*Arch {
	all := append([]*Arch(nil), arches...)
	sort.Slice(all, func(i, j int) bool { return all[i].Name < all[j].Name })
	return all
}

// SyscallName returns the name of syscall nr, or "" when the arch has none.
func (a *Arch) SyscallName(nr int64) string {
	if nr < 0 || nr >= int64(len(a.Syscalls)) {
		return ""
	}
	return a.Syscalls[nr]
}

// SyscallNumber returns the number of the syscall called name on this arch,
// for filters such as -e trace=openat; ok is false when the arch has none.
func (a *Arch) SyscallNumber(name string) (nr int64, ok bool) {
	if name == "" {
		return 0, false
	}
	for n, s := range a.Syscalls {
		if s == name {
			return int64(n), true
		}
	}
	return 0, false
}

// Info returns what the decoder knows of syscall nr on this arch: its name,
// how many arguments strace shows, and its trace classes. ok is false for a
// number the arch does not define.
func (a *Arch) Info(nr int64) (name string, nargs int, class Class, ok bool) {
	e := a.entry(nr)
	return e.name, e.nargs, e.class, e.ok
}

// info is Info from the arch's maps.
func (a *Arch) info(nr int64) (name string, nargs int, class Class, ok bool) {
	if name = a.SyscallName(nr); name == "" {
		return "", 0, 0, false
	}
	si, _ := sysinfoOf(name)
	nargs = si.nargs
	if n, over := a.NArgs[name]; over {
		nargs = n
	}
	return name, nargs, si.class, true
}

// NeverFails reports whether syscall nr cannot fail (getpid, umask, ...):
// strace prints its return value as is, never as an error, even when it
// looks like -errno.
func (a *Arch) NeverFails(nr int64) bool { return a.entry(nr).neverFails }
