package decoder

import (
	"errors"
	"fmt"
	"math"
	"strconv"
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
	for _, m := range []structRenderers{fileStructs(), timeStructs(), procStructs(), netStructs(), fcntlStructs(), mqueueStructs(), numaStructs(), ioctlStructs(), uringStructs()} {
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
