package decoder

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"
	"time"
)

// structRenderers render the structures a Struct argument names, by name.
type structRenderers map[string]func(c *ctx, addr uint64, s Struct)

// structs returns the renderers of every file. Each reads the whole
// structure once and prints the address alone when it cannot. Made on
// first use, as descriptions.
var structs = sync.OnceValue(func() structRenderers {
	all := structRenderers{}
	for _, m := range []structRenderers{fileStructs(), timeStructs(), procStructs(), netStructs(), fcntlStructs(), mqueueStructs(), numaStructs(), uringStructs()} {
		for k, f := range m {
			if all[k] != nil {
				structDuplicates = append(structDuplicates, k)
			}
			all[k] = f
		}
	}
	return all
})

// structDuplicates are Struct names two files register; a test fails on
// any.
var structDuplicates []string

func fileStructs() structRenderers {
	return structRenderers{
		"stat":         statOf("stat"),
		"stat64":       statOf("stat64"),
		"oldstat":      statOf("__old_kernel_stat"),
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
		"statfs64":     (*ctx).statfs,
	}
}

func (s Struct) render(c *ctx, v uint64) {
	addr := c.word(v)
	if addr == 0 {
		c.str("NULL")
		return
	}
	f := structs()[s.Type]
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

// fetchStruct reads the structure of layout l at addr, whole when the
// capture holds it. A capture that holds only some of its members, each
// in a section of its own (stracedump import of a line that shows only
// those: "{st_mode=S_IFREG|0644, st_size=3, ...}"), gives them at their
// offsets and zeros for the rest, and whole is false: a renderer then
// shows only what such a line shows. It prints the address and returns
// false when the capture has neither.
func (c *ctx) fetchStruct(addr uint64, l *Layout) (b []byte, whole, ok bool) {
	b, err := c.mem.Read(addr, l.Size)
	if err == nil {
		return b, true, true
	}
	if !errors.Is(err, ErrNotCaptured) {
		c.ptr(addr)
		return nil, false, false
	}
	var sparse []byte
	for i := range l.Members {
		m := &l.Members[i]
		mb, err := c.mem.Read(addr+uint64(m.Off), m.Size)
		if err != nil {
			continue
		}
		if sparse == nil {
			sparse = make([]byte, l.Size)
		}
		copy(sparse[m.Off:], mb)
	}
	if sparse == nil {
		c.ptr(addr)
		return nil, false, false
	}
	return sparse, false, true
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

// timeComment renders seconds and nanoseconds as strace's sprinttime_nsec:
// "" where strace prints no comment, for zero, for nanoseconds past a
// second and for a time localtime cannot represent (a year whose
// tm_year overflows an int). The year is strftime's %Y, unpadded.
func timeComment(sec int64, nsec uint64) string {
	if sec == 0 && nsec == 0 || nsec > 999999999 || sec > 1<<57 || sec < -1<<57 {
		return ""
	}
	t := time.Unix(sec, int64(nsec)).Local()
	if y := int64(t.Year()) - 1900; y > math.MaxInt32 || y < math.MinInt32 {
		return ""
	}
	date := strconv.Itoa(t.Year()) + t.Format("-01-02T15:04:05")
	if nsec != 0 {
		return fmt.Sprintf("%s.%09d%s", date, nsec, t.Format("-0700"))
	}
	return date + t.Format("-0700")
}

// withTimeComment is s followed by timeComment's text as a comment, when
// there is one.
func withTimeComment(s string, sec int64, nsec uint64) string {
	if tc := timeComment(sec, nsec); tc != "" {
		return s + " /* " + tc + " */"
	}
	return s
}

func u10(v uint64) string { return strconv.FormatUint(v, 10) }
func d10(v int64) string  { return strconv.FormatInt(v, 10) }

// statOf renders the stat structure of layout name: struct stat on
// every arch (i386's is the old 32-bit one, which stat, lstat and fstat
// fill there), i386's struct stat64 and its __old_kernel_stat, whose times have no nanoseconds and which has no
// st_blksize or st_blocks (strace prints them as 0).
func statOf(name string) func(c *ctx, addr uint64, _ Struct) {
	return func(c *ctx, addr uint64, _ Struct) {
		l := c.layout(name)
		if l == nil {
			c.ptr(addr)
			return
		}
		b, whole, ok := c.fetchStruct(addr, l)
		if !ok {
			return
		}
		verbose := c.opts.Verbose && whole
		mode := uint32(c.mu(b, l, "st_mode"))
		kv := make([]string, 0, 32) // room for every field: no growing
		if verbose {
			kv = append(kv, "st_dev", c.dev(c.mu(b, l, "st_dev")), "st_ino", u10(c.mu(b, l, "st_ino")),
				"st_mode", c.mode(mode), "st_nlink", u10(c.mu(b, l, "st_nlink")),
				"st_uid", u10(c.mu(b, l, "st_uid")), "st_gid", u10(c.mu(b, l, "st_gid")),
				"st_blksize", u10(c.mu(b, l, "st_blksize")), "st_blocks", u10(c.mu(b, l, "st_blocks")))
		} else {
			kv = append(kv, "st_mode", c.mode(mode))
		}
		if t := mode & 0o170000; t == 0o20000 || t == 0o60000 {
			kv = append(kv, "st_rdev", c.dev(c.mu(b, l, "st_rdev")))
		} else {
			kv = append(kv, "st_size", d10(c.mv(b, l, "st_size")))
		}
		if !verbose {
			c.fields(append(kv, "", "...")...)
			return
		}
		for _, n := range [...]string{"st_atime", "st_mtime", "st_ctime"} {
			sec, nsec := c.ms(b, l, n), c.mu(b, l, n+"_nsec")
			kv = append(kv, n, withTimeComment(d10(sec), sec, nsec))
			if l.has(n + "_nsec") {
				kv = append(kv, n+"_nsec", u10(nsec))
			}
		}
		c.fields(kv...)
	}
}

// statx renders struct statx: the members its mask says the kernel
// filled, fewer without -v.
func (c *ctx) statx(addr uint64, _ Struct) {
	l := c.layout("statx")
	if l == nil {
		c.ptr(addr)
		return
	}
	b, whole, ok := c.fetchStruct(addr, l)
	if !ok {
		return
	}
	u := func(name string) string { return u10(c.mu(b, l, name)) }
	mask := c.mu(b, l, "stx_mask")
	kv := []string{"stx_mask", c.xflags("statx_mask", mask)}
	v := c.opts.Verbose && whole
	if v {
		kv = append(kv, "stx_blksize", u("stx_blksize"))
	}
	kv = append(kv, "stx_attributes", c.xflags("statx_attrs", c.mu(b, l, "stx_attributes")))
	if v {
		if mask&0x4 != 0 {
			kv = append(kv, "stx_nlink", u("stx_nlink"))
		}
		if mask&0x8 != 0 {
			kv = append(kv, "stx_uid", u("stx_uid"))
		}
		if mask&0x10 != 0 {
			kv = append(kv, "stx_gid", u("stx_gid"))
		}
	}
	if mask&0x3 != 0 {
		kv = append(kv, "stx_mode", c.mode(uint32(c.mu(b, l, "stx_mode"))))
	}
	if v && mask&0x100 != 0 {
		kv = append(kv, "stx_ino", u("stx_ino"))
	}
	if mask&0x200 != 0 {
		kv = append(kv, "stx_size", u("stx_size"))
	}
	if !v {
		kv = append(kv, "", "...")
		c.fields(kv...)
		return
	}
	if mask&0x400 != 0 {
		kv = append(kv, "stx_blocks", u("stx_blocks"))
	}
	kv = append(kv, "stx_attributes_mask", c.xflags("statx_attrs", c.mu(b, l, "stx_attributes_mask")))
	for _, t := range []struct {
		bit  uint64
		name string
	}{{0x20, "stx_atime"}, {0x800, "stx_btime"}, {0x80, "stx_ctime"}, {0x40, "stx_mtime"}} {
		if mask&t.bit != 0 {
			sec := c.ms(b, l, t.name+".tv_sec")
			nsec := c.mu(b, l, t.name+".tv_nsec")
			kv = append(kv, t.name, withTimeComment(fmt.Sprintf("{tv_sec=%d, tv_nsec=%d}", sec, nsec), sec, nsec))
		}
	}
	kv = append(kv, "stx_rdev_major", u("stx_rdev_major"), "stx_rdev_minor", u("stx_rdev_minor"),
		"stx_dev_major", u("stx_dev_major"), "stx_dev_minor", u("stx_dev_minor"))
	if mask&0x1000 != 0 {
		kv = append(kv, "stx_mnt_id", hex(c.mu(b, l, "stx_mnt_id")))
	}
	if mask&0x2000 != 0 {
		kv = append(kv, "stx_dio_mem_align", u("stx_dio_mem_align"), "stx_dio_offset_align", u("stx_dio_offset_align"))
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
// restorer, mask.
func (c *ctx) sigaction(addr uint64, _ Struct) {
	l := c.layout("sigaction")
	if l == nil {
		c.ptr(addr)
		return
	}
	// Imported, it may lack sa_restorer, which it shows only with
	// SA_RESTORER.
	b, _, ok := c.fetchStruct(addr, l)
	if !ok {
		return
	}
	h := c.mu(b, l, "sa_handler")
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
	flags := c.mu(b, l, "sa_flags")
	kv := []string{"sa_handler", hs, "sa_mask", sigsetString(c, l.mb(b, "sa_mask")),
		"sa_flags", c.xflags("sigact_flags", flags)}
	if sr, ok := XlatValue("sigact_flags", "SA_RESTORER", c.rec.Arch); ok && flags&sr != 0 {
		kv = append(kv, "sa_restorer", fmt.Sprintf("%#x", c.mu(b, l, "sa_restorer")))
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
	l := c.layout("rlimit64")
	if l == nil {
		c.ptr(addr)
		return
	}
	b, ok := c.fetch(addr, l.Size)
	if !ok {
		return
	}
	lim := func(v uint64) string { return c.styled(u10(v), rlimValue(v)) }
	c.fields("rlim_cur", lim(c.mu(b, l, "rlim_cur")), "rlim_max", lim(c.mu(b, l, "rlim_max")))
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
	l := c.layout("new_utsname")
	if l == nil {
		c.ptr(addr)
		return
	}
	b, ok := c.fetch(addr, l.Size)
	if !ok {
		return
	}
	f := func(name string) string { return cstring(l.mb(b, name)) }
	if !c.opts.Verbose {
		c.fields("sysname", f("sysname"), "nodename", f("nodename"), "", "...")
		return
	}
	c.fields("sysname", f("sysname"), "nodename", f("nodename"), "release", f("release"), "version", f("version"),
		"machine", f("machine"), "domainname", f("domainname"))
}

func (c *ctx) sysinfo(addr uint64, _ Struct) {
	l := c.layout("sysinfo")
	if l == nil {
		c.ptr(addr)
		return
	}
	b, ok := c.fetch(addr, l.Size)
	if !ok {
		return
	}
	u := func(name string) string { return u10(c.mu(b, l, name)) }
	c.fields("uptime", d10(c.ms(b, l, "uptime")),
		"loads", "["+u("loads[0]")+", "+u("loads[1]")+", "+u("loads[2]")+"]",
		"totalram", u("totalram"), "freeram", u("freeram"), "sharedram", u("sharedram"), "bufferram", u("bufferram"),
		"totalswap", u("totalswap"), "freeswap", u("freeswap"), "procs", u("procs"),
		"totalhigh", u("totalhigh"), "freehigh", u("freehigh"), "mem_unit", u("mem_unit"))
}

var direntTypes = []string{0: "DT_UNKNOWN", 1: "DT_FIFO", 2: "DT_CHR", 4: "DT_DIR", 6: "DT_BLK", 8: "DT_REG", 10: "DT_LNK", 12: "DT_SOCK", 14: "DT_WHT"}

// dirents64 renders getdents64's buffer of Ret bytes: a count of entries,
// or every entry under -v.
func (c *ctx) dirents64(addr uint64, _ Struct) {
	l := c.layout("dirent64")
	n := c.rec.Ret
	if l == nil || n < 0 || n > 1<<20 {
		c.ptr(addr)
		return
	}
	b, err := c.mem.Read(addr, int(n))
	if err != nil {
		c.ptr(addr)
		return
	}
	name, _ := l.Member("d_name")
	var ents []string
	count := 0 // entries, when only their count prints
	for off := 0; off+name.Off <= len(b); {
		e := b[off:]
		reclen := int(c.mu(e, l, "d_reclen"))
		if reclen < name.Off || off+reclen > len(b) {
			break
		}
		if c.opts.Verbose {
			t := int(c.mu(e, l, "d_type"))
			ts := strconv.Itoa(t)
			if t < len(direntTypes) && direntTypes[t] != "" {
				ts = direntTypes[t]
			}
			ents = append(ents, fmt.Sprintf("{d_ino=%d, d_off=%d, d_reclen=%d, d_type=%s, d_name=%s}",
				c.mu(e, l, "d_ino"), c.ms(e, l, "d_off"), reclen, ts, cstring(e[name.Off:reclen])))
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

func (c *ctx) timespec(addr uint64, _ Struct) { c.timeStruct(addr, "timespec", "tv_nsec") }

// timeStruct renders a timespec or timeval of layout name, sub being its
// second member.
func (c *ctx) timeStruct(addr uint64, name, sub string) {
	l := c.layout(name)
	if l == nil {
		c.ptr(addr)
		return
	}
	b, ok := c.fetch(addr, l.Size)
	if !ok {
		return
	}
	c.fields("tv_sec", d10(c.ms(b, l, "tv_sec")), sub, d10(c.ms(b, l, sub)))
}

func (c *ctx) winsize(addr uint64, _ Struct) {
	l := c.layout("winsize")
	if l == nil {
		c.ptr(addr)
		return
	}
	b, ok := c.fetch(addr, l.Size)
	if !ok {
		return
	}
	u := func(name string) string { return u10(c.mu(b, l, name)) }
	c.fields("ws_row", u("ws_row"), "ws_col", u("ws_col"), "ws_xpixel", u("ws_xpixel"), "ws_ypixel", u("ws_ypixel"))
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

// statfs renders struct statfs, or struct statfs64 of the size argument 1
// gives (statfs64, fstatfs64), which strace shows only when that size is
// the structure's own, or the 88 bytes of its padded form; f_flags shows
// when ST_VALID says the kernel filled it.
func (c *ctx) statfs(addr uint64, s Struct) {
	l := c.layout(s.Type)
	if s.Type == "statfs64" && l != nil {
		if size := c.rec.Args[1]; size != uint64(l.Size) && size != 88 {
			l = nil
		}
	}
	if l == nil {
		c.ptr(addr)
		return
	}
	b, ok := c.fetch(addr, l.Size)
	if !ok {
		return
	}
	u := func(name string) string { return u10(c.mu(b, l, name)) }
	kv := []string{"f_type", c.xenum("fsmagic", c.mu(b, l, "f_type")), "f_bsize", u("f_bsize"),
		"f_blocks", u("f_blocks"), "f_bfree", u("f_bfree"), "f_bavail", u("f_bavail"), "f_files", u("f_files"),
		"f_ffree", u("f_ffree"),
		"f_fsid", fmt.Sprintf("{val=[%s, %s]}", hex(c.mu(b, l, "f_fsid.val[0]")), hex(c.mu(b, l, "f_fsid.val[1]"))),
		"f_namelen", u("f_namelen"), "f_frsize", u("f_frsize")}
	if flags := c.mu(b, l, "f_flags"); flags&0x20 != 0 {
		kv = append(kv, "f_flags", c.xflags("statfs_flags", flags))
	}
	c.fields(kv...)
}
