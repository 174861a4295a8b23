package decoder

// clone's flags and struct clone_args, and what clone3 returned.

import "fmt"

func (f CloneFlags) render(c *ctx, v uint64) {
	sig := v & 0xff
	flags := v &^ 0xff
	switch {
	case flags != 0 && sig != 0:
		c.str(c.xflags("clone_flags", flags) + "|" + c.signal(int(sig)))
	case flags != 0:
		c.str(c.xflags("clone_flags", flags))
	default:
		c.str(c.signal(int(sig)))
	}
}

// cloneArgsSizeVer0 is CLONE_ARGS_SIZE_VER0 (include/uapi/linux/sched.h):
// the first struct clone_args, which clone3 takes at the least.
const cloneArgsSizeVer0 = 64

// cloneArgs renders struct clone_args, as much of it as its size in the
// second argument holds.
func (c *ctx) cloneArgs(addr uint64, s Struct) {
	l := c.layout("clone_args")
	size := c.word(c.rec.Args[1])
	if l == nil || size < cloneArgsSizeVer0 {
		c.ptr(addr)
		return
	}
	n := l.Size
	if size < uint64(n) {
		n = int(size)
	}
	b, ok := c.fetch(addr, n)
	if !ok {
		return
	}
	f := func(name string) uint64 { return c.mu(b, l, name) }
	flags := f("flags")
	ptr := func(v uint64) string {
		if v == 0 {
			return "NULL"
		}
		return fmt.Sprintf("%#x", v)
	}
	kv := []string{"flags", c.xflags("clone_flags", flags)}
	if flags&0x1000 != 0 {
		kv = append(kv, "pidfd", ptr(f("pidfd")))
	}
	if flags&(0x1000000|0x200000) != 0 {
		kv = append(kv, "child_tid", ptr(f("child_tid")))
	}
	if flags&0x100000 != 0 {
		kv = append(kv, "parent_tid", ptr(f("parent_tid")))
	}
	sig := f("exit_signal")
	if sig < 1<<31-1 {
		kv = append(kv, "exit_signal", c.signal(int(sig)))
	} else {
		kv = append(kv, "exit_signal", u10(sig))
	}
	kv = append(kv, "stack", ptr(f("stack")), "stack_size", hex(f("stack_size")))
	if flags&0x80000 != 0 {
		kv = append(kv, "tls", ptr(f("tls")))
	}
	if cg, _ := l.Member("cgroup"); n >= cg.Off+cg.Size && (f("cgroup") != 0 || flags&0x200000000 != 0) {
		kv = append(kv, "cgroup", u10(f("cgroup")))
	}
	c.fields(kv...)
}

// cloneResult is clone3's structure at exit: what the kernel wrote back.
func (c *ctx) cloneResult(addr uint64, _ Struct) {
	l := c.layout("clone_args")
	if l == nil {
		c.ptr(addr)
		return
	}
	pt, _ := l.Member("parent_tid")
	b, ok := c.fetch(addr, pt.Off+pt.Size)
	if !ok {
		return
	}
	flags := c.mu(b, l, "flags")
	var kv []string
	if flags&0x1000 != 0 {
		kv = append(kv, "pidfd", c.numAt(c.mu(b, l, "pidfd")))
	}
	if flags&0x100000 != 0 {
		kv = append(kv, "parent_tid", c.numAt(c.mu(b, l, "parent_tid")))
	}
	c.fields(kv...)
}

// numAt renders the int at addr as "[N]", or the address.
func (c *ctx) numAt(addr uint64) string {
	b, err := c.mem.Read(addr, 4)
	if err != nil {
		if addr == 0 {
			return "NULL"
		}
		return fmt.Sprintf("%#x", addr)
	}
	return fmt.Sprintf("[%d]", int32(c.uint(b)))
}
