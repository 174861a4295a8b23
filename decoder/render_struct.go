package decoder

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// structs renders the structures a Struct argument names. Each reads the
// whole structure once and prints the address alone when it cannot. Files
// add theirs from init through registerStructs, whatever order inits run in.
var structs map[string]func(c *ctx, addr uint64, s Struct)

// registerStructs adds renderers to structs.
func registerStructs(m map[string]func(c *ctx, addr uint64, s Struct)) {
	if structs == nil {
		structs = map[string]func(c *ctx, addr uint64, s Struct){}
	}
	for k, f := range m {
		structs[k] = f
	}
}

func init() {
	registerStructs(map[string]func(c *ctx, addr uint64, s Struct){
		"stat":         (*ctx).stat,
		"statx":        (*ctx).statx,
		"sigaction":    (*ctx).sigaction,
		"rlimit64":     (*ctx).rlimit64,
		"wait_status":  (*ctx).waitStatus,
		"fd_pair":      (*ctx).fdPair,
		"utsname":      (*ctx).utsname,
		"sysinfo":      (*ctx).sysinfo,
		"dirents64":    (*ctx).dirents64,
		"clone_args":   (*ctx).cloneArgs,
		"clone_result": (*ctx).cloneResult,
		"timespec":     (*ctx).timespec,
		"int":          (*ctx).intPtr,
		"tid":          (*ctx).intPtr,
		"winsize":      (*ctx).winsize,
		"statfs":       (*ctx).statfs,
	})
}

func (s Struct) render(c *ctx, v uint64) {
	addr := c.word(v)
	if addr == 0 {
		c.str("NULL")
		return
	}
	f := structs[s.Type]
	if f == nil {
		c.ptr(addr)
		return
	}
	f(c, addr, s)
}

// fetch reads n bytes of a structure, printing its address on failure.
func (c *ctx) fetch(addr uint64, n int) ([]byte, bool) {
	b, err := c.mem.Read(addr, n)
	if err != nil {
		c.ptr(addr)
		return nil, false
	}
	return b, true
}

// field reads an unsigned integer of n bytes at off of b.
func (c *ctx) field(b []byte, off, n int) uint64 { return c.uint(b[off : off+n]) }

// fields prints a structure from name/value pairs.
func (c *ctx) fields(kv ...string) {
	c.sb.WriteByte('{')
	for i := 0; i+1 < len(kv); i += 2 {
		if i > 0 {
			c.str(", ")
		}
		if kv[i] != "" {
			c.str(kv[i])
			c.sb.WriteByte('=')
		}
		c.str(kv[i+1])
	}
	c.sb.WriteByte('}')
}

// mode renders a file mode (with its type bits) in the -X style:
// "S_IFREG|0644", "0100644".
func (c *ctx) mode(m uint32) string {
	if c.opts.Xlat == XlatAbbrev {
		return modeString(m)
	}
	return c.styled(string(appendOctal(nil, uint64(m), 0)), modeString(m))
}

// mode renders a file mode as strace's print_symbolic_mode_t does.
func modeString(m uint32) string {
	var buf [64]byte
	b := buf[:0]
	if t := m & 0o170000; t != 0 {
		b = append(append(b, formatEnum("mode_types", uint64(t), 0)...), '|')
	}
	for _, f := range [...]struct {
		bit  uint32
		name string
	}{{0o4000, "S_ISUID"}, {0o2000, "S_ISGID"}, {0o1000, "S_ISVTX"}} {
		if m&f.bit != 0 {
			b = append(append(b, f.name...), '|')
		}
	}
	return string(appendOctal(b, uint64(m&0o777), 3))
}

// dev renders a dev_t in the -X style: "makedev(0x1, 0x3)", "0x103".
func (c *ctx) dev(d uint64) string { return c.styled(hex(d), makedev(d)) }

// makedev renders a dev_t the way strace does: makedev(0x8, 0x1).
func makedev(d uint64) string {
	major := (d>>8)&0xfff | (d>>32)&^0xfff
	minor := d&0xff | (d>>12)&^0xff
	return fmt.Sprintf("makedev(%s, %s)", hex(major&0xffffffff), hex(minor&0xffffffff))
}

// timeComment renders seconds and nanoseconds as strace's sprinttime_nsec.
func timeComment(sec int64, nsec uint64) string {
	t := time.Unix(sec, int64(nsec)).Local()
	if nsec != 0 {
		return fmt.Sprintf("%s.%09d%s", t.Format("2006-01-02T15:04:05"), nsec, t.Format("-0700"))
	}
	return t.Format("2006-01-02T15:04:05-0700")
}

func u10(v uint64) string { return strconv.FormatUint(v, 10) }
func d10(v int64) string  { return strconv.FormatInt(v, 10) }

// statLayout gives the offsets of struct stat's fields on one arch.
type statLayout struct {
	size                                         int
	dev, ino, mode, nlink, uid, gid, rdev, size_ int
	nlinkLen                                     int
	blksize, blksizeLen, blocks, atime           int
}

var (
	// arch/x86/include/uapi/asm/stat.h (x86_64)
	statX86_64 = statLayout{size: 144, dev: 0, ino: 8, nlink: 16, nlinkLen: 8, mode: 24, uid: 28, gid: 32,
		rdev: 40, size_: 48, blksize: 56, blksizeLen: 8, blocks: 64, atime: 72}
	// include/uapi/asm-generic/stat.h (arm64)
	statGeneric = statLayout{size: 128, dev: 0, ino: 8, mode: 16, nlink: 20, nlinkLen: 4, uid: 24, gid: 28,
		rdev: 32, size_: 48, blksize: 56, blksizeLen: 4, blocks: 64, atime: 72}
)

func (c *ctx) stat(addr uint64, _ Struct) {
	var l statLayout
	switch {
	case c.arch != nil && c.arch.Audit == AuditArchX86_64:
		l = statX86_64
	case c.arch != nil && c.arch.Audit == AuditArchAarch64:
		l = statGeneric
	default:
		c.ptr(addr)
		return
	}
	b, ok := c.fetch(addr, l.size)
	if !ok {
		return
	}
	mode := uint32(c.field(b, l.mode, 4))
	kv := make([]string, 0, 32) // room for every field: no growing
	if c.opts.Verbose {
		kv = append(kv, "st_dev", c.dev(c.field(b, l.dev, 8)), "st_ino", u10(c.field(b, l.ino, 8)),
			"st_mode", c.mode(mode), "st_nlink", u10(c.field(b, l.nlink, l.nlinkLen)),
			"st_uid", u10(c.field(b, l.uid, 4)), "st_gid", u10(c.field(b, l.gid, 4)),
			"st_blksize", u10(c.field(b, l.blksize, l.blksizeLen)), "st_blocks", u10(c.field(b, l.blocks, 8)))
	} else {
		kv = append(kv, "st_mode", c.mode(mode))
	}
	if t := mode & 0o170000; t == 0o20000 || t == 0o60000 {
		kv = append(kv, "st_rdev", c.dev(c.field(b, l.rdev, 8)))
	} else {
		kv = append(kv, "st_size", d10(int64(c.field(b, l.size_, 8))))
	}
	if c.opts.Verbose {
		for i, n := range []string{"st_atime", "st_mtime", "st_ctime"} {
			sec := int64(c.field(b, l.atime+16*i, 8))
			nsec := c.field(b, l.atime+16*i+8, 8)
			kv = append(kv, n, d10(sec)+" /* "+timeComment(sec, nsec)+" */", n+"_nsec", u10(nsec))
		}
	} else {
		kv = append(kv, "", "...")
	}
	c.fields(kv...)
}

// include/uapi/linux/stat.h: struct statx, the same on every arch.
func (c *ctx) statx(addr uint64, _ Struct) {
	b, ok := c.fetch(addr, 256)
	if !ok {
		return
	}
	mask := c.field(b, 0, 4)
	kv := []string{"stx_mask", c.xflags("statx_mask", mask)}
	v := c.opts.Verbose
	if v {
		kv = append(kv, "stx_blksize", u10(c.field(b, 4, 4)))
	}
	kv = append(kv, "stx_attributes", c.xflags("statx_attrs", c.field(b, 8, 8)))
	if v {
		if mask&0x4 != 0 {
			kv = append(kv, "stx_nlink", u10(c.field(b, 16, 4)))
		}
		if mask&0x8 != 0 {
			kv = append(kv, "stx_uid", u10(c.field(b, 20, 4)))
		}
		if mask&0x10 != 0 {
			kv = append(kv, "stx_gid", u10(c.field(b, 24, 4)))
		}
	}
	if mask&0x3 != 0 {
		kv = append(kv, "stx_mode", c.mode(uint32(c.field(b, 28, 2))))
	}
	if v && mask&0x100 != 0 {
		kv = append(kv, "stx_ino", u10(c.field(b, 32, 8)))
	}
	if mask&0x200 != 0 {
		kv = append(kv, "stx_size", u10(c.field(b, 40, 8)))
	}
	if !v {
		kv = append(kv, "", "...")
		c.fields(kv...)
		return
	}
	if mask&0x400 != 0 {
		kv = append(kv, "stx_blocks", u10(c.field(b, 48, 8)))
	}
	kv = append(kv, "stx_attributes_mask", c.xflags("statx_attrs", c.field(b, 56, 8)))
	for _, t := range []struct {
		bit  uint64
		name string
		off  int
	}{{0x20, "stx_atime", 64}, {0x800, "stx_btime", 80}, {0x80, "stx_ctime", 96}, {0x40, "stx_mtime", 112}} {
		if mask&t.bit != 0 {
			sec := int64(c.field(b, t.off, 8))
			nsec := c.field(b, t.off+8, 4)
			kv = append(kv, t.name, fmt.Sprintf("{tv_sec=%d, tv_nsec=%d} /* %s */", sec, nsec, timeComment(sec, nsec)))
		}
	}
	kv = append(kv, "stx_rdev_major", u10(c.field(b, 128, 4)), "stx_rdev_minor", u10(c.field(b, 132, 4)),
		"stx_dev_major", u10(c.field(b, 136, 4)), "stx_dev_minor", u10(c.field(b, 140, 4)))
	if mask&0x1000 != 0 {
		kv = append(kv, "stx_mnt_id", hex(c.field(b, 144, 8)))
	}
	if mask&0x2000 != 0 {
		kv = append(kv, "stx_dio_mem_align", u10(c.field(b, 152, 4)), "stx_dio_offset_align", u10(c.field(b, 156, 4)))
	}
	c.fields(kv...)
}

// sigsetString renders a signal mask as strace's sprintsigmask_n: names
// without "SIG", and "~[...]" listing the signals not set when at least
// two thirds are.
func sigsetString(c *ctx, b []byte) string {
	nwords := len(b) / 4
	words := make([]uint32, nwords)
	pop := 0
	for i := range words {
		words[i] = uint32(c.uint(b[4*i : 4*i+4]))
		for w := words[i]; w != 0; w &= w - 1 {
			pop++
		}
	}
	// A 64-bit mask is two words; on a big-endian 64-bit tracee the
	// first signals live in the second word of the first long.
	if c.arch != nil && c.arch.BigEndian && c.wordSize() == 8 {
		for i := 0; i+1 < nwords; i += 2 {
			words[i], words[i+1] = words[i+1], words[i]
		}
	}
	var sb strings.Builder
	if pop >= nwords*32*2/3 {
		sb.WriteByte('~')
		for i := range words {
			words[i] = ^words[i]
		}
	}
	sb.WriteByte('[')
	first := true
	for i := 0; i < nwords*32; i++ {
		if words[i/32]&(1<<(i%32)) == 0 {
			continue
		}
		if !first {
			sb.WriteByte(' ')
		}
		first = false
		sb.WriteString(c.styled(strconv.Itoa(i+1), strings.TrimPrefix(signalName(i+1), "SIG")))
	}
	sb.WriteByte(']')
	return sb.String()
}

func (s Sigset) render(c *ctx, v uint64) {
	addr := c.word(v)
	if addr == 0 {
		c.str("NULL")
		return
	}
	n := c.word(c.rec.Args[s.SizeArg])
	if n == 0 || n > 128 || n%4 != 0 {
		c.ptr(addr)
		return
	}
	b, ok := c.fetch(addr, int(n))
	if !ok {
		return
	}
	c.str(sigsetString(c, b))
}

// sigaction renders the kernel's struct sigaction: handler, flags,
// restorer, mask, each a word except the 8-byte mask.
func (c *ctx) sigaction(addr uint64, _ Struct) {
	ws := c.wordSize()
	b, ok := c.fetch(addr, 3*ws+8)
	if !ok {
		return
	}
	h := c.field(b, 0, ws)
	var hs string
	switch int64(c.slong(h)) {
	case 0:
		hs = c.styled("0", "SIG_DFL")
	case 1:
		hs = c.styled("0x1", "SIG_IGN")
	case -1:
		hs = c.styled(fmt.Sprintf("%#x", c.word(h)), "SIG_ERR")
	default:
		hs = fmt.Sprintf("%#x", h)
	}
	flags := c.field(b, ws, ws)
	kv := []string{"sa_handler", hs, "sa_mask", sigsetString(c, b[3*ws:3*ws+8]),
		"sa_flags", c.xflags("sigact_flags", flags)}
	if sr, ok := XlatValue("sigact_flags", "SA_RESTORER", c.rec.Arch); ok && flags&sr != 0 {
		r := c.field(b, 2*ws, ws)
		kv = append(kv, "sa_restorer", fmt.Sprintf("%#x", r))
	}
	c.fields(kv...)
}

// rlimValue renders one limit as strace's sprint_rlim64.
func rlimValue(v uint64) string {
	if v == ^uint64(0) {
		return "RLIM64_INFINITY"
	}
	if v > 1024 && v%1024 == 0 {
		return fmt.Sprintf("%d*1024", v/1024)
	}
	return u10(v)
}

func (c *ctx) rlimit64(addr uint64, _ Struct) {
	b, ok := c.fetch(addr, 16)
	if !ok {
		return
	}
	lim := func(v uint64) string { return c.styled(u10(v), rlimValue(v)) }
	c.fields("rlim_cur", lim(c.field(b, 0, 8)), "rlim_max", lim(c.field(b, 8, 8)))
}

// waitStatusString renders a wait status as strace's printstatus.
func waitStatusString(s uint32) string {
	var out string
	switch {
	case s&0xff == 0x7f:
		out = "WIFSTOPPED(s) && WSTOPSIG(s) == " + signalName(int(s>>8&0xff))
	case s == 0xffff:
		out = "WIFCONTINUED(s)"
	case s&0x7f == 0:
		out = fmt.Sprintf("WIFEXITED(s) && WEXITSTATUS(s) == %d", s>>8&0xff)
	default:
		out = "WIFSIGNALED(s) && WTERMSIG(s) == " + signalName(int(s&0x7f))
		if s&0x80 != 0 {
			out += " && WCOREDUMP(s)"
		}
	}
	if ev := s >> 16; ev != 0 && s&0xff == 0x7f {
		return "{" + out + "} | " + fmt.Sprintf("%#x", ev<<16)
	}
	return "{" + out + "}"
}

func (c *ctx) waitStatus(addr uint64, _ Struct) {
	if c.rec.Ret == 0 {
		// WNOHANG and no child changed state: nothing was stored.
		c.ptr(addr)
		return
	}
	b, ok := c.fetch(addr, 4)
	if !ok {
		return
	}
	c.str("[" + waitStatusString(uint32(c.uint(b))) + "]")
}

func (c *ctx) intPtr(addr uint64, _ Struct) {
	b, ok := c.fetch(addr, 4)
	if !ok {
		return
	}
	c.printf("[%d]", int32(c.uint(b)))
}

func (c *ctx) fdPair(addr uint64, _ Struct) {
	b, ok := c.fetch(addr, 8)
	if !ok {
		return
	}
	c.sb.WriteByte('[')
	c.fd(c.field(b, 0, 4))
	c.str(", ")
	c.fd(c.field(b, 4, 4))
	c.sb.WriteByte(']')
}

// cstring quotes a NUL-terminated string inside a fixed-size field.
func cstring(b []byte) string {
	if i := strings.IndexByte(string(b), 0); i >= 0 {
		b = b[:i]
	}
	return quoteString(b)
}

func (c *ctx) utsname(addr uint64, _ Struct) {
	const n = 65
	b, ok := c.fetch(addr, 6*n)
	if !ok {
		return
	}
	f := func(i int) string { return cstring(b[i*n : (i+1)*n]) }
	if !c.opts.Verbose {
		c.fields("sysname", f(0), "nodename", f(1), "", "...")
		return
	}
	c.fields("sysname", f(0), "nodename", f(1), "release", f(2), "version", f(3), "machine", f(4), "domainname", f(5))
}

func (c *ctx) sysinfo(addr uint64, _ Struct) {
	ws := c.wordSize()
	size := 112
	if ws == 4 {
		size = 64
	}
	b, ok := c.fetch(addr, size)
	if !ok {
		return
	}
	w := func(i int) string { return u10(c.field(b, i*ws, ws)) }
	procsOff := 10 * ws
	c.fields("uptime", d10(c.slong(c.field(b, 0, ws))),
		"loads", "["+w(1)+", "+w(2)+", "+w(3)+"]",
		"totalram", w(4), "freeram", w(5), "sharedram", w(6), "bufferram", w(7),
		"totalswap", w(8), "freeswap", w(9), "procs", u10(c.field(b, procsOff, 2)),
		"totalhigh", u10(c.field(b, procsOff+ws, ws)), "freehigh", u10(c.field(b, procsOff+2*ws, ws)),
		"mem_unit", u10(c.field(b, procsOff+3*ws, 4)))
}

var direntTypes = []string{0: "DT_UNKNOWN", 1: "DT_FIFO", 2: "DT_CHR", 4: "DT_DIR", 6: "DT_BLK", 8: "DT_REG", 10: "DT_LNK", 12: "DT_SOCK", 14: "DT_WHT"}

// dirents64 renders getdents64's buffer of Ret bytes: a count of entries,
// or every entry under -v.
func (c *ctx) dirents64(addr uint64, _ Struct) {
	n := c.rec.Ret
	if n < 0 || n > 1<<20 {
		c.ptr(addr)
		return
	}
	b, err := c.mem.Read(addr, int(n))
	if err != nil {
		c.ptr(addr)
		return
	}
	var ents []string
	count := 0 // entries, when only their count prints
	for off := 0; off+19 <= len(b); {
		reclen := int(c.field(b, off+16, 2))
		if reclen < 19 || off+reclen > len(b) {
			break
		}
		if c.opts.Verbose {
			t := int(b[off+18])
			ts := strconv.Itoa(t)
			if t < len(direntTypes) && direntTypes[t] != "" {
				ts = direntTypes[t]
			}
			ents = append(ents, fmt.Sprintf("{d_ino=%d, d_off=%d, d_reclen=%d, d_type=%s, d_name=%s}",
				c.field(b, off, 8), int64(c.field(b, off+8, 8)), reclen, ts, cstring(b[off+19:off+reclen])))
		} else {
			count++
		}
		off += reclen
	}
	if !c.opts.Verbose {
		if addr == 0 {
			c.str("0x0") // Go's %#x of zero, as this always printed
		} else {
			c.hex(addr)
		}
		c.str(" /* ")
		c.dec(int64(count))
		c.str(" entries */")
		return
	}
	c.str("[" + strings.Join(ents, ", ") + "]")
}

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

// include/uapi/linux/sched.h: struct clone_args, all __u64.
func (c *ctx) cloneArgs(addr uint64, s Struct) {
	size := c.word(c.rec.Args[1])
	if size < 64 {
		c.ptr(addr)
		return
	}
	n := 88
	if size < 88 {
		n = int(size)
	}
	b, ok := c.fetch(addr, n)
	if !ok {
		return
	}
	f := func(i int) uint64 { return c.field(b, 8*i, 8) }
	flags := f(0)
	ptr := func(v uint64) string {
		if v == 0 {
			return "NULL"
		}
		return fmt.Sprintf("%#x", v)
	}
	kv := []string{"flags", c.xflags("clone_flags", flags)}
	if flags&0x1000 != 0 {
		kv = append(kv, "pidfd", ptr(f(1)))
	}
	if flags&(0x1000000|0x200000) != 0 {
		kv = append(kv, "child_tid", ptr(f(2)))
	}
	if flags&0x100000 != 0 {
		kv = append(kv, "parent_tid", ptr(f(3)))
	}
	sig := f(4)
	if sig < 1<<31-1 {
		kv = append(kv, "exit_signal", c.signal(int(sig)))
	} else {
		kv = append(kv, "exit_signal", u10(sig))
	}
	kv = append(kv, "stack", ptr(f(5)), "stack_size", hex(f(6)))
	if flags&0x80000 != 0 {
		kv = append(kv, "tls", ptr(f(7)))
	}
	if n >= 88 && (f(10) != 0 || flags&0x200000000 != 0) {
		kv = append(kv, "cgroup", u10(f(10)))
	}
	c.fields(kv...)
}

// cloneResult is clone3's structure at exit: what the kernel wrote back.
func (c *ctx) cloneResult(addr uint64, _ Struct) {
	b, ok := c.fetch(addr, 32)
	if !ok {
		return
	}
	flags := c.field(b, 0, 8)
	var kv []string
	if flags&0x1000 != 0 {
		kv = append(kv, "pidfd", c.numAt(c.field(b, 8, 8)))
	}
	if flags&0x100000 != 0 {
		kv = append(kv, "parent_tid", c.numAt(c.field(b, 24, 8)))
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

func (c *ctx) timespec(addr uint64, _ Struct) {
	ws := c.wordSize()
	b, ok := c.fetch(addr, 2*ws)
	if !ok {
		return
	}
	c.fields("tv_sec", d10(c.slong(c.field(b, 0, ws))), "tv_nsec", d10(c.slong(c.field(b, ws, ws))))
}

func (c *ctx) winsize(addr uint64, _ Struct) {
	b, ok := c.fetch(addr, 8)
	if !ok {
		return
	}
	c.fields("ws_row", u10(c.field(b, 0, 2)), "ws_col", u10(c.field(b, 2, 2)),
		"ws_xpixel", u10(c.field(b, 4, 2)), "ws_ypixel", u10(c.field(b, 6, 2)))
}

// StrArray renders argv, or envp abbreviated to a count.
func (s StrArray) render(c *ctx, v uint64) {
	addr := c.word(v)
	if addr == 0 {
		c.str("NULL")
		return
	}
	ws := uint64(c.wordSize())
	if s.Env && !c.opts.Verbose {
		c.ptr(addr)
		n := 0
		for a := addr; ; a += ws {
			w, err := c.readWord(a)
			if err != nil {
				if n == 0 {
					return
				}
				break
			}
			if w == 0 {
				break
			}
			n++
		}
		plural := "s"
		if n == 1 {
			plural = ""
		}
		c.printf(" /* %d var%s */", n, plural)
		return
	}
	for n, a := 0, addr; ; n, a = n+1, a+ws {
		w, err := c.readWord(a)
		if err != nil {
			if n == 0 {
				c.ptr(addr)
				return
			}
			c.printf(", ... /* %#x */", a)
			break
		}
		if n == 0 {
			c.sb.WriteByte('[')
		}
		if w == 0 {
			break
		}
		if n != 0 {
			c.str(", ")
		}
		if !c.opts.Verbose && n >= c.limit {
			c.str("...")
			break
		}
		c.readString(w, c.limit)
	}
	c.sb.WriteByte(']')
}

// statfs renders struct statfs: words, then f_fsid's two ints, then words.
func (c *ctx) statfs(addr uint64, _ Struct) {
	ws := c.wordSize()
	b, ok := c.fetch(addr, 11*ws+8+4*ws)
	if !ok {
		return
	}
	w := func(i int) uint64 { return c.field(b, i*ws, ws) }
	after := 7*ws + 8 // f_namelen, f_frsize, f_flags follow f_fsid
	tail := func(i int) uint64 { return c.field(b, after+i*ws, ws) }
	kv := []string{"f_type", c.xenum("fsmagic", w(0)), "f_bsize", u10(w(1)),
		"f_blocks", u10(w(2)), "f_bfree", u10(w(3)), "f_bavail", u10(w(4)), "f_files", u10(w(5)), "f_ffree", u10(w(6)),
		"f_fsid", fmt.Sprintf("{val=[%s, %s]}", hex(c.field(b, 7*ws, 4)), hex(c.field(b, 7*ws+4, 4))),
		"f_namelen", u10(tail(0)), "f_frsize", u10(tail(1))}
	if flags := tail(2); flags&0x20 != 0 {
		kv = append(kv, "f_flags", c.xflags("statfs_flags", flags))
	}
	c.fields(kv...)
}
