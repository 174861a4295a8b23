package decoder

// Small process and system structures: rlimit, wait status, ints and fd pairs
// behind pointers, utsname, sysinfo and directory entries.

import (
	"fmt"
	"strconv"
	"strings"
)

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
