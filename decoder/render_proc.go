package decoder

import (
	"fmt"
	"strconv"
	"strings"
)

// Process, identity and signal structures: rusage, CPU sets, group lists,
// ids and offsets behind pointers, capabilities, stack_t, siginfo, and the
// signal frame rt_sigreturn restores.

func procStructs() structRenderers {
	return structRenderers{
		"rusage":     (*ctx).rusage,
		"cpu_set":    (*ctx).cpuSet,
		"gid_list":   (*ctx).gidList,
		"uid":        (*ctx).uidPtr,
		"loff":       (*ctx).loffPtr,
		"signal_ptr": (*ctx).signalPtr,
		"cap_header": (*ctx).capHeader,
		"cap_data":   (*ctx).capData,
		"stack_t":    (*ctx).stackT,
		"siginfo":    (*ctx).siginfoStruct,
		"tms":        (*ctx).tms,
	}
}

// rusageFields are struct rusage's counters after its two timevals.
var rusageFields = []string{"ru_maxrss", "ru_ixrss", "ru_idrss", "ru_isrss", "ru_minflt", "ru_majflt",
	"ru_nswap", "ru_inblock", "ru_oublock", "ru_msgsnd", "ru_msgrcv", "ru_nsignals", "ru_nvcsw", "ru_nivcsw"}

// rusage renders struct rusage: the CPU times, then under -v every
// counter.
func (c *ctx) rusage(addr uint64, _ Struct) {
	l := c.layout("rusage")
	if l == nil {
		c.ptr(addr)
		return
	}
	b, ok := c.fetch(addr, l.Size)
	if !ok {
		return
	}
	kv := []string{"ru_utime", c.timePair(b, l, "ru_utime.", "tv_usec"), "ru_stime", c.timePair(b, l, "ru_stime.", "tv_usec")}
	if !c.opts.Verbose {
		kv = append(kv, "", "...")
	} else {
		for _, n := range rusageFields {
			kv = append(kv, n, d10(c.ms(b, l, n)))
		}
	}
	c.fields(kv...)
}

// count is the element count a Struct names: the return value for
// LenArg -1, else that argument.
func (c *ctx) count(s Struct) int64 {
	if s.LenArg < 0 {
		return c.slong(uint64(c.rec.Ret))
	}
	return int64(int32(c.rec.Args[s.LenArg]))
}

// cpuSet renders a CPU mask as the list of CPUs in it: "[0 1]". Its size
// in bytes is the return value at exit (sched_getaffinity), else the
// argument.
func (c *ctx) cpuSet(addr uint64, s Struct) {
	n := c.count(s)
	if s.LenArg >= 0 {
		n = int64(c.word(c.rec.Args[s.LenArg]))
	}
	if n <= 0 || n > 1<<12 {
		c.ptr(addr)
		return
	}
	b, ok := c.fetch(addr, int(n))
	if !ok {
		return
	}
	var cpus []string
	for i, by := range b {
		for bit := 0; bit < 8; bit++ {
			if by&(1<<bit) != 0 {
				cpus = append(cpus, strconv.Itoa(8*i+bit))
			}
		}
	}
	c.str("[" + strings.Join(cpus, " ") + "]")
}

// uidString prints a uid or gid as strace does: unsigned, except -1.
func uidString(v uint32) string {
	if v == ^uint32(0) {
		return "-1"
	}
	return u10(uint64(v))
}

// gidList renders an array of gids: "[0, 4, 27]", cut after -s
// elements unless -v.
func (c *ctx) gidList(addr uint64, s Struct) {
	n := c.count(s)
	if n < 0 || n > 1<<16 {
		c.ptr(addr)
		return
	}
	show := n
	if !c.opts.Verbose && show > int64(c.limit) {
		show = int64(c.limit)
	}
	b, ok := c.fetch(addr, 4*int(show))
	if !ok {
		return
	}
	c.sb.WriteByte('[')
	for i := 0; i < int(show); i++ {
		if i > 0 {
			c.str(", ")
		}
		c.str(uidString(uint32(c.field(b, 4*i, 4))))
	}
	if show < n {
		c.str(", ...")
	}
	c.sb.WriteByte(']')
}

func (c *ctx) uidPtr(addr uint64, _ Struct) {
	b, ok := c.fetch(addr, 4)
	if !ok {
		return
	}
	c.str("[" + uidString(uint32(c.uint(b))) + "]")
}

// loffPtr is a 64-bit file offset behind a pointer (sendfile, splice).
func (c *ctx) loffPtr(addr uint64, _ Struct) {
	b, ok := c.fetch(addr, 8)
	if !ok {
		return
	}
	c.printf("[%d]", int64(c.uint(b)))
}

func (c *ctx) signalPtr(addr uint64, _ Struct) {
	b, ok := c.fetch(addr, 4)
	if !ok {
		return
	}
	c.str("[" + c.signal(int(int32(c.uint(b)))) + "]")
}

// include/uapi/linux/capability.h: the header's versions, and how many
// 32-bit data structures each takes.
const (
	capV1 = 0x19980330
	capV2 = 0x20071026
	capV3 = 0x20080522
)

func (c *ctx) capHeader(addr uint64, _ Struct) {
	l := c.layout("__user_cap_header_struct")
	if l == nil {
		c.ptr(addr)
		return
	}
	b, ok := c.fetch(addr, l.Size)
	if !ok {
		return
	}
	c.fields("version", c.xenum("cap_versions", c.mu(b, l, "version")), "pid", d10(c.ms(b, l, "pid")))
}

// capData renders the capability sets: one struct of three 32-bit sets
// for version 1, two (the high words second) for versions 2 and 3, as
// read from the header in the first argument.
func (c *ctx) capData(addr uint64, _ Struct) {
	l := c.layout("__user_cap_data_struct")
	if l == nil {
		c.ptr(addr)
		return
	}
	words := 2
	if h, err := c.mem.Read(c.word(c.rec.Args[0]), 4); err == nil && c.uint(h) == capV1 {
		words = 1
	}
	b, ok := c.fetch(addr, l.Size*words)
	if !ok {
		return
	}
	set := func(name string) string {
		lo, hi := c.mu(b, l, name), uint64(0)
		if words == 2 {
			hi = c.mu(b[l.Size:], l, name)
		}
		if c.opts.Xlat == XlatAbbrev {
			return capsString(lo | hi<<32)
		}
		// Otherwise strace shows each 32-bit word in the style.
		s := c.styled(hex(lo), capsString(lo))
		if hi != 0 {
			if lo == 0 {
				s = ""
			} else {
				s += "|"
			}
			s += c.styled(hex(hi), capsString(hi<<32))
		}
		return s
	}
	c.fields("effective", set("effective"), "permitted", set("permitted"), "inheritable", set("inheritable"))
}

// capsString renders a capability mask as "1<<CAP_CHOWN|1<<CAP_KILL".
func capsString(v uint64) string {
	if v == 0 {
		return "0"
	}
	var parts []string
	for i := 0; i < 64; i++ {
		if v&(1<<i) == 0 {
			continue
		}
		if n := xlats()["capabilities"].lookup(uint64(i), 0); n != "" {
			parts = append(parts, "1<<"+n)
			v &^= 1 << i
		}
	}
	if v != 0 {
		parts = append(parts, fmt.Sprintf("%#x", v))
	}
	return strings.Join(parts, "|")
}

// stackT renders stack_t: the stack's base, its flags, its size.
func (c *ctx) stackT(addr uint64, _ Struct) {
	l := c.layout("stack_t")
	if l == nil {
		c.ptr(addr)
		return
	}
	b, ok := c.fetch(addr, l.Size)
	if !ok {
		return
	}
	c.fields("ss_sp", ptrString(c.mu(b, l, "ss_sp")), "ss_flags", c.xflags("ss_flags", c.mu(b, l, "ss_flags")),
		"ss_size", u10(c.mu(b, l, "ss_size")))
}

// siginfoStruct renders a siginfo_t in the tracee's memory.
func (c *ctx) siginfoStruct(addr uint64, _ Struct) {
	l := c.layout("siginfo_t")
	if l == nil {
		c.ptr(addr)
		return
	}
	b, ok := c.fetch(addr, l.Size)
	if !ok {
		return
	}
	c.siginfo(b)
}

// sigmaskOffset is where, from the stack pointer at rt_sigreturn's entry,
// the signal frame holds the mask the call restores (uc.uc_sigmask):
//   - x86_64: sp is the frame plus its return address (8); the ucontext
//     follows that address: uc_flags, uc_link, a 24-byte stack_t and the
//     256-byte sigcontext come before the mask: 8+8+24+256 = 296.
//   - i386: sp is the frame plus its 4-byte return address; the frame
//     holds sig, pinfo and puc (12), a 128-byte siginfo, then the
//     ucontext: uc_flags, uc_link, a 12-byte stack_t and the 88-byte
//     sigcontext before the mask: 12+128+4+4+12+88 = 248.
//   - aarch64: sp is the frame: a 128-byte siginfo, then the ucontext,
//     whose mask follows uc_flags, uc_link and a 24-byte stack_t:
//     128+8+8+24 = 168.
var sigmaskOffset = map[uint32]uint64{
	AuditArchX86_64:  296,
	AuditArchI386:    248,
	AuditArchAarch64: 168,
}

// i386's sigreturn finds its frame's sigcontext at the stack pointer
// (the handler's return and __restore's pop took the return address and
// the signal number): the mask's lower half is the sigcontext's oldmask,
// its upper half the extramask after the 624-byte FPU state
// (arch/x86/include/asm/sigframe.h, struct sigframe_ia32).
const (
	oldSigmaskLow  = 80
	oldSigmaskHigh = 88 + 624
)

func (f SigFrame) render(c *ctx, _ uint64) {
	if f.Old {
		c.oldSigFrame()
		return
	}
	off, known := sigmaskOffset[c.rec.Arch]
	_, sp, ok := c.mem.Regs()
	if !known || !ok {
		return
	}
	addr := c.word(sp + off)
	b, err := c.mem.Read(addr, 8)
	if err != nil {
		c.str("{mask=")
		c.ptr(addr)
		c.str("}")
		return
	}
	c.str("{mask=" + sigsetString(c, b) + "}")
}

// oldSigFrame renders i386 sigreturn's "{mask=[...]}", or the stack
// pointer when the frame cannot be read, as strace does.
func (c *ctx) oldSigFrame() {
	_, sp, ok := c.mem.Regs()
	if !ok {
		return
	}
	sp = c.word(sp)
	b, err := c.mem.Read(sp, oldSigmaskHigh+4)
	if err != nil || len(b) < oldSigmaskHigh+4 {
		c.ptr(sp)
		return
	}
	mask := append(append([]byte(nil), b[oldSigmaskLow:oldSigmaskLow+4]...), b[oldSigmaskHigh:oldSigmaskHigh+4]...)
	c.str("{mask=" + sigsetString(c, mask) + "}")
}

// tms renders struct tms: four clock_t words of CPU time in ticks.
func (c *ctx) tms(addr uint64, _ Struct) {
	l := c.layout("tms")
	if l == nil {
		c.ptr(addr)
		return
	}
	b, ok := c.fetch(addr, l.Size)
	if !ok {
		return
	}
	w := func(n string) string { return d10(c.ms(b, l, n)) }
	c.fields("tms_utime", w("tms_utime"), "tms_stime", w("tms_stime"), "tms_cutime", w("tms_cutime"), "tms_cstime", w("tms_cstime"))
}
