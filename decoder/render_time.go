package decoder

import "fmt"

// Time structures: timeval, itimerval, itimerspec, utimensat's pair of
// timespecs, and the sigevent of timer_create.

func timeStructs() structRenderers {
	return structRenderers{
		"timeval":     (*ctx).timevalStruct,
		"itimerval":   (*ctx).itimerval,
		"itimerspec":  (*ctx).itimerspec,
		"utimens":     (*ctx).utimens,
		"sigevent":    (*ctx).sigevent,
		"sleep_rem":   func(c *ctx, addr uint64, _ Struct) { c.sleepRem(addr, "timespec") },
		"sleep_rem64": func(c *ctx, addr uint64, _ Struct) { c.sleepRem(addr, "__kernel_timespec") },
	}
}

// sleepRem renders the time a sleep had left: strace shows the timespec
// only when a signal interrupted the call (a restart code), as it is
// meaningless otherwise; then and on success alike, only its address.
// Layout is timespec, or __kernel_timespec for i386's *_time64 calls.
func (c *ctx) sleepRem(addr uint64, layout string) {
	if r := c.slong(uint64(c.rec.Ret)); r >= 0 || !ErrnoRestarts(int(-r)) {
		c.ptr(addr)
		return
	}
	c.timeStruct(addr, layout, "tv_nsec")
}

// timePair renders the time at member prefix of l in b as
// {tv_sec=S, <sub>=N}.
func (c *ctx) timePair(b []byte, l *Layout, prefix, sub string) string {
	return fmt.Sprintf("{tv_sec=%d, %s=%d}", c.ms(b, l, prefix+"tv_sec"), sub, c.ms(b, l, prefix+sub))
}

func (c *ctx) timevalStruct(addr uint64, _ Struct) {
	l := c.layout("timeval")
	if l == nil {
		c.ptr(addr)
		return
	}
	b, ok := c.fetch(addr, l.Size)
	if !ok {
		return
	}
	c.str(c.timePair(b, l, "", "tv_usec"))
}

// itimerval and itimerspec: the interval, then the value.
func (c *ctx) itimerval(addr uint64, _ Struct)  { c.itimer(addr, "itimerval", "tv_usec") }
func (c *ctx) itimerspec(addr uint64, _ Struct) { c.itimer(addr, "itimerspec", "tv_nsec") }

func (c *ctx) itimer(addr uint64, name, sub string) {
	l := c.layout(name)
	if l == nil {
		c.ptr(addr)
		return
	}
	b, ok := c.fetch(addr, l.Size)
	if !ok {
		return
	}
	c.fields("it_interval", c.timePair(b, l, "it_interval.", sub), "it_value", c.timePair(b, l, "it_value.", sub))
}

// include/uapi/linux/stat.h: the nanosecond values that stand for "now"
// and "leave alone".
const (
	utimeNow  = 1<<30 - 1
	utimeOmit = 1<<30 - 2
)

// utimens renders utimensat's times: two timespecs, each with the date
// it stands for, or UTIME_NOW/UTIME_OMIT.
func (c *ctx) utimens(addr uint64, _ Struct) {
	l := c.layout("timespec")
	if l == nil {
		c.ptr(addr)
		return
	}
	b, ok := c.fetch(addr, 2*l.Size)
	if !ok {
		return
	}
	c.sb.WriteByte('[')
	for i := 0; i < 2; i++ {
		if i > 0 {
			c.str(", ")
		}
		t := b[i*l.Size:]
		sec, nsec := c.ms(t, l, "tv_sec"), c.ms(t, l, "tv_nsec")
		raw := fmt.Sprintf("{tv_sec=%d, tv_nsec=%d}", sec, nsec)
		switch nsec {
		case utimeNow:
			c.str(c.styled(raw, "UTIME_NOW"))
		case utimeOmit:
			c.str(c.styled(raw, "UTIME_OMIT"))
		default:
			c.printf("{tv_sec=%d, tv_nsec=%d}", sec, nsec)
			if nsec >= 0 && nsec < 1e9 {
				if tc := timeComment(sec, uint64(nsec)); tc != "" {
					c.str(" /* " + tc + " */")
				}
			}
		}
	}
	c.sb.WriteByte(']')
}

// sigevent renders struct sigevent: the value union, the signal, how to
// notify, then what that needs.
func (c *ctx) sigevent(addr uint64, _ Struct) {
	l := c.layout("sigevent")
	if l == nil {
		c.ptr(addr)
		return
	}
	// strace reads no further than the thread members.
	b, ok := c.fetch(addr, l.end("_sigev_un._sigev_thread._attribute"))
	if !ok {
		return
	}
	val := c.mu(b, l, "sigev_value.sival_ptr")
	notify := c.mu(b, l, "sigev_notify")
	var kv []string
	// strace 6.1 leaves a zero value out, and names the signal only
	// where the notification sends one.
	if val != 0 {
		kv = append(kv, "sigev_value", fmt.Sprintf("{sival_int=%d, sival_ptr=%s}", c.ms(b, l, "sigev_value.sival_int"), ptrString(val)))
	}
	signo := c.ms(b, l, "sigev_signo")
	switch notify {
	case 0, 2, 4: // SIGEV_SIGNAL, SIGEV_THREAD, SIGEV_THREAD_ID
		kv = append(kv, "sigev_signo", c.signal(int(signo)))
	default:
		kv = append(kv, "sigev_signo", d10(signo))
	}
	kv = append(kv, "sigev_notify", c.xenum("sigev_notify", notify))
	switch notify {
	case 2: // SIGEV_THREAD
		kv = append(kv, "sigev_notify_function", ptrString(c.mu(b, l, "_sigev_un._sigev_thread._function")),
			"sigev_notify_attributes", ptrString(c.mu(b, l, "_sigev_un._sigev_thread._attribute")))
	case 4: // SIGEV_THREAD_ID
		kv = append(kv, "sigev_notify_thread_id", d10(c.ms(b, l, "_sigev_un._tid")))
	}
	c.fields(kv...)
}

// ptrString is an address as strace's printaddr prints it.
func ptrString(v uint64) string {
	if v == 0 {
		return "NULL"
	}
	return fmt.Sprintf("%#x", v)
}
