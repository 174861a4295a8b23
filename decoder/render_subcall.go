package decoder

import (
	"github.com/stracedump/stracedump/pcapng"
)

// i386's multiplexed calls (socketcall, ipc, old mmap, old select) resolved.

// subcall resolves a multiplexed call to the one it stands for, as strace
// prints it: socketcall(call, args) reads the call's arguments from
// memory at args, ipc(call, ...) shifts its own down by one, and i386's
// old select reads its five from memory too. ok is false for any other
// call, or when the arguments cannot be read (strace then prints the
// multiplexer itself).
func subcall(rec *pcapng.Record, arch *Arch, name string, mem Memory) (sub string, nargs int, args [6]uint64, ok bool) {
	if arch == nil || mem == nil {
		return "", 0, args, false
	}
	fromMemory := func(addr uint64, n int) bool {
		ws := arch.WordSize
		b, err := mem.Read(addr, n*ws)
		if err != nil {
			return false
		}
		c := &ctx{arch: arch}
		for i := 0; i < n && i < 6; i++ {
			args[i] = c.uint(b[i*ws : (i+1)*ws])
		}
		return true
	}
	switch {
	case name == "socketcall":
		s, found := arch.SocketSubcalls[int(uint32(rec.Args[0]))]
		if !found || !fromMemory(uint64(uint32(rec.Args[1])), s.NArgs) {
			return "", 0, args, false
		}
		return s.Name, s.NArgs, args, true
	case name == "ipc":
		s, found := arch.IPCSubcalls[int(rec.Args[0]&0xffff)]
		if !found {
			return "", 0, args, false
		}
		copy(args[:], rec.Args[1:])
		return s.Name, s.NArgs, args, true
	case name == "mmap" && arch.Audit == AuditArchI386:
		// old_mmap: one pointer to struct mmap_arg_struct.
		if !fromMemory(uint64(uint32(rec.Args[0])), 6) {
			return "", 0, args, false
		}
		return "mmap", 6, args, true
	case name == "select" && arch.Audit == AuditArchI386:
		// old_select: one pointer to struct sel_arg_struct.
		if !fromMemory(uint64(uint32(rec.Args[0])), 5) {
			return "", 0, args, false
		}
		return "select", 5, args, true
	}
	return "", 0, args, false
}

// useArgs makes the ctx render the arguments of cl's real call: a copy of
// the record whose registers are those arguments. Memory reads still go
// to the record itself, through c.mem.
func (c *ctx) useArgs(cl callPlan) {
	if cl.args == nil || c.rec.Args == *cl.args {
		return
	}
	r := *c.rec
	r.Args = *cl.args
	c.rec = &r
}

// DecEnum is an enum whose unknown values print in decimal (socketcall's
// call number).
type DecEnum struct{ Set string }

func (e DecEnum) render(c *ctx, v uint64) {
	v = uint64(uint32(v))
	if n := xlats()[e.Set].lookup(v, c.rec.Arch); n != "" {
		c.str(c.styled(u10(v), n))
		return
	}
	c.str(u10(v))
}

// CallName returns the name a syscall record prints under: its syscall's,
// or for a call multiplexed through i386's socketcall or ipc the call it
// stands for, as strace prints and counts it (strace -c); "" when the
// arch or number is unknown.
func CallName(rec *pcapng.Record) string {
	arch := ArchByAudit(rec.Arch)
	if arch == nil {
		return ""
	}
	name := arch.SyscallName(rec.Nr)
	if sub, _, _, ok := subcall(rec, arch, name, NewReplay(rec, false)); ok {
		return sub
	}
	return name
}
