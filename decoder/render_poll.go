package decoder

import (
	"fmt"
	"strconv"
	"strings"
)

// Polling: pollfd arrays, fd_sets, poll's and select's results, epoll events.

// Kinds of polling arguments, each naming the registers it reads.
type (
	// PollFDs is poll's array of Count pollfds at entry.
	PollFDs struct{ Count int }
	// FDSet is an fd_set of register Nfds descriptors: "[0 7]".
	FDSet struct{ Nfds int }
	// PollRet is poll's and ppoll's result: the count and the revents of
	// array Fds, and with Timeout >= 0 the time left (a 64-bit timespec
	// when Time64).
	PollRet struct {
		Fds, Count, Timeout int
		Time64              bool
	}
	// SelectRet is select's and pselect6's result: the count, the ready
	// sets and the time left (a timespec when Timespec).
	SelectRet struct {
		Nfds, Timeout    int
		Sets             [3]int
		Timespec, Time64 bool
	}
)

// timeString renders a timeval or timespec (a 64-bit one when time64) at
// addr with the current memory, or "" when it cannot be read.
func (c *ctx) timeString(addr uint64, timespec, time64 bool) string {
	typ := "timeval"
	switch {
	case time64:
		typ = "timespec64"
	case timespec:
		typ = "timespec"
	}
	s := c.capture(func() { structs()[typ](c, addr, Struct{Type: typ}) })
	if !strings.HasPrefix(s, "{") {
		return ""
	}
	return s
}

// timespec64 is struct __kernel_timespec: 64-bit times on every arch.
func (c *ctx) timespec64(addr uint64, _ Struct) { c.timeStruct(addr, "__kernel_timespec", "tv_nsec") }

// pollfd is struct pollfd: fd, events, revents.
func (c *ctx) pollfds(addr uint64, n uint64, exit bool) (string, bool) {
	l := c.layout("pollfd")
	if n > 1<<16 || l == nil {
		return "", false
	}
	b, err := c.mem.Read(addr, int(n)*l.Size)
	if err != nil {
		return "", false
	}
	var parts []string
	shown, more := c.arrayLimit(int(n))
	for i := 0; i < int(n); i++ {
		e := b[i*l.Size:]
		fd := c.mu(e, l, "fd")
		ev, rev := c.mu(e, l, "events"), c.mu(e, l, "revents")
		if exit {
			if rev == 0 {
				continue
			}
			if len(parts) == shown {
				more = true
				break
			}
			// strace shows the ready fds without their paths.
			parts = append(parts, "{fd="+d10(int64(int32(fd)))+", revents="+c.xflags("poll_events", rev)+"}")
			continue
		}
		if i == shown {
			break
		}
		s := "{fd=" + c.capture(func() { c.fd(fd) })
		if int32(fd) >= 0 {
			s += ", events=" + c.xflags("poll_events", ev)
		}
		parts = append(parts, s+"}")
	}
	if exit {
		more = more && len(parts) == shown
	}
	if more {
		parts = append(parts, "...")
	}
	return "[" + strings.Join(parts, ", ") + "]", true
}

func (p PollFDs) render(c *ctx, v uint64) {
	addr := c.word(v)
	if addr == 0 {
		c.str("NULL")
		return
	}
	if s, ok := c.pollfds(addr, c.word(c.rec.Args[p.Count]), false); ok {
		c.str(s)
		return
	}
	c.ptr(addr)
}

func (p PollRet) render(c *ctx, v uint64) {
	r := c.slong(v)
	c.str(d10(r))
	if r == 0 {
		c.str(" (Timeout)")
		return
	}
	var parts []string
	if s, ok := c.pollfds(c.word(c.rec.Args[p.Fds]), c.word(c.rec.Args[p.Count]), true); ok {
		parts = append(parts, s)
	}
	if p.Timeout >= 0 {
		if t := c.word(c.rec.Args[p.Timeout]); t != 0 {
			if s := c.timeString(t, true, p.Time64); s != "" {
				parts = append(parts, "left "+s)
			}
		}
	}
	if len(parts) > 0 {
		c.str(" (" + strings.Join(parts, ", ") + ")")
	}
}

// maxFDSet bounds the fds of an fd_set read, as strace does.
const maxFDSet = 1024 * 1024

// fdSet reads the fd_set of nfds descriptors at addr and lists its fds.
func (c *ctx) fdSet(addr uint64, nfds int) ([]int, bool) {
	if nfds < 0 || nfds > maxFDSet {
		return nil, false
	}
	ws := c.wordSize()
	n := (nfds + 8*ws - 1) / (8 * ws) * ws
	b, err := c.mem.Read(addr, n)
	if err != nil {
		return nil, false
	}
	var fds []int
	for w := 0; w < n/ws; w++ {
		word := c.field(b, w*ws, ws)
		for bit := 0; bit < 8*ws && word != 0; bit++ {
			if word&(1<<bit) != 0 {
				if fd := w*8*ws + bit; fd < nfds {
					fds = append(fds, fd)
				}
			}
		}
	}
	return fds, true
}

// fdList prints fds as "[0 7]", with their paths under -y when decorate.
func (c *ctx) fdList(fds []int, decorate bool) string {
	return c.capture(func() {
		c.sb.WriteByte('[')
		for i, fd := range fds {
			if i > 0 {
				c.sb.WriteByte(' ')
			}
			if decorate {
				c.fd(uint64(fd))
			} else {
				c.str(strconv.Itoa(fd))
			}
		}
		c.sb.WriteByte(']')
	})
}

func (f FDSet) render(c *ctx, v uint64) {
	addr := c.word(v)
	if addr == 0 {
		c.str("NULL")
		return
	}
	fds, ok := c.fdSet(addr, int(int32(c.rec.Args[f.Nfds])))
	if !ok {
		c.ptr(addr)
		return
	}
	c.str(c.fdList(fds, true))
}

func (s SelectRet) render(c *ctx, v uint64) {
	r := c.slong(v)
	c.str(d10(r))
	if r == 0 {
		c.str(" (Timeout)")
		return
	}
	nfds := int(int32(c.rec.Args[s.Nfds]))
	var parts []string
	for i, name := range []string{"in", "out", "except"} {
		addr := c.word(c.rec.Args[s.Sets[i]])
		if addr == 0 {
			continue
		}
		fds, ok := c.fdSet(addr, nfds)
		if !ok || len(fds) == 0 {
			continue
		}
		// strace shows the ready fds without their paths.
		parts = append(parts, name+" "+c.fdList(fds, false))
	}
	if t := c.word(c.rec.Args[s.Timeout]); t != 0 {
		if ts := c.timeString(t, s.Timespec, s.Time64); ts != "" {
			parts = append(parts, "left "+ts)
		}
	}
	if len(parts) > 0 {
		c.str(" (" + strings.Join(parts, ", ") + ")")
	}
}

// pselect6Sig is pselect6's sixth argument: a sigset pointer and size.
func (c *ctx) pselect6Sig(addr uint64, _ Struct) {
	ws := c.wordSize()
	b, ok := c.fetch(addr, 2*ws)
	if !ok {
		return
	}
	set, size := c.field(b, 0, ws), c.field(b, ws, ws)
	var ss string
	switch {
	case set == 0:
		ss = "NULL"
	case size == 0 || size > 128 || size%4 != 0:
		ss = hex(set)
	default:
		sb, err := c.mem.Read(set, int(size))
		if err != nil {
			ss = hex(set)
		} else {
			ss = sigsetString(c, sb)
		}
	}
	c.fields("sigmask", ss, "sigsetsize", u10(size))
}

func (c *ctx) epollEventString(b []byte, l *Layout) string {
	data := c.mu(b, l, "data")
	return fmt.Sprintf("{events=%s, data={u32=%d, u64=%d}}",
		c.xflags("epoll_events", c.mu(b, l, "events")), uint32(data), data)
}

func (c *ctx) epollEvent(addr uint64, _ Struct) {
	l := c.layout("epoll_event")
	if l == nil {
		c.ptr(addr)
		return
	}
	b, ok := c.fetch(addr, l.Size)
	if !ok {
		return
	}
	c.str(c.epollEventString(b, l))
}

// epollEvents renders epoll_wait's array: as many events as it returned.
func (c *ctx) epollEvents(addr uint64, _ Struct) {
	n := int(c.slong(uint64(c.rec.Ret)))
	l := c.layout("epoll_event")
	if l == nil || n < 0 || n > 1<<16 {
		c.ptr(addr)
		return
	}
	b, ok := c.fetch(addr, n*l.Size)
	if !ok {
		return
	}
	shown, more := c.arrayLimit(n)
	parts := make([]string, 0, shown+1)
	for i := 0; i < shown; i++ {
		parts = append(parts, c.epollEventString(b[i*l.Size:], l))
	}
	if more {
		parts = append(parts, "...")
	}
	c.str("[" + strings.Join(parts, ", ") + "]")
}
