package decoder

import "github.com/stracedump/stracedump/pcapng"

// ClassOf returns the trace classes of the syscall called name, as
// strace's tables give them; ok is false for a name no table has. It also
// answers for calls that exist only multiplexed (i386's send and recv
// through socketcall).
func ClassOf(name string) (class Class, ok bool) {
	si, ok := sysinfo[name]
	return si.class, ok
}

// PathArgs returns the path arguments of a syscall record (openat's
// pathname, rename's two), as the tracee passed them and the capture
// recorded them at entry: what strace's -P compares with its paths.
// Arguments that were unreadable are left out.
func PathArgs(rec *pcapng.Record) []string {
	arch := ArchByAudit(rec.Arch)
	if arch == nil {
		return nil
	}
	mem := NewReplay(rec, false)
	c := &ctx{opts: CaptureOptions(0), rec: rec, arch: arch, mem: mem}
	cl := plan(rec, arch, c, nil)
	var paths []string
	for _, args := range [][]Arg{cl.entry, cl.exit} {
		for _, a := range args {
			if _, ok := a.Kind.(Path); !ok || a.Index < 0 || a.Index >= len(rec.Args) {
				continue
			}
			s, _, err := mem.ReadString(c.word(rec.Args[a.Index]), pathMax)
			if err == nil {
				paths = append(paths, string(s))
			}
		}
	}
	return paths
}
