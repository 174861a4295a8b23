package decoder

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/stracedump/stracedump/pcapng"
)

// appendDuration appends -T's " <0.000123>".
func appendDuration(dst []byte, ns uint64) []byte {
	dst = strconv.AppendUint(append(dst, ' ', '<'), ns/1e9, 10)
	return append(appendZeroUint(append(dst, '.'), ns%1e9/1e3, 6), '>')
}

// quietExit reports whether -qq hides rec, a KindExit record: strace's
// quiet=exit hides "+++ exited with N +++" only, not "+++ killed by SIG
// +++" nor a leader superseded by execve.
func quietExit(rec *pcapng.Record) bool {
	return rec.Flags&pcapng.FlagSuperseded == 0 && uint32(rec.Ret)&0x7f == 0
}

// exitLine renders a KindExit record from its raw wait status.
func exitLine(rec *pcapng.Record) string {
	if rec.Flags&pcapng.FlagSuperseded != 0 {
		return fmt.Sprintf("+++ superseded by execve in pid %d +++", rec.Nr)
	}
	ws := uint32(rec.Ret)
	switch {
	case ws&0x7f == 0:
		return fmt.Sprintf("+++ exited with %d +++", ws>>8&0xff)
	case ws&0x7f != 0x7f:
		core := ""
		if ws&0x80 != 0 {
			core = " (core dumped)"
		}
		return fmt.Sprintf("+++ killed by %s%s +++", signalName(int(ws&0x7f)), core)
	}
	return fmt.Sprintf("+++ exited with %d +++", ws>>8&0xff)
}

// signalLine renders a signal-delivery stop or a group-stop.
func (d *Decoder) signalLine(rec *pcapng.Record) string {
	sig := int(rec.Nr)
	if rec.Flags&pcapng.FlagGroupStop != 0 {
		return fmt.Sprintf("--- stopped by %s ---", signalName(sig))
	}
	var sb strings.Builder
	sb.WriteString("--- ")
	sb.WriteString(signalName(sig))
	sb.WriteByte(' ')
	if t := rec.Section(pcapng.SecArgText, pcapng.ArgTextSiginfo); t != nil && rec.Flags&pcapng.FlagArgText != 0 {
		sb.Write(t.Data)
	} else if s := siginfoSection(rec); s != nil {
		c := d.newCtx(rec, nil, false, 0)
		// PTRACE_GETSIGINFO gives siginfo_t in the tracer's layout, which
		// the section's key names; the tracee's arch is the fallback.
		if a := ArchByAudit(uint32(s.Key)); a != nil {
			c.arch = a
		}
		c.siginfo(s.Data)
		sb.WriteString(c.sb.String())
	} else {
		sb.WriteString("{si_signo=" + signalName(sig) + "}")
	}
	sb.WriteString(" ---")
	return sb.String()
}

// siginfoSection returns rec's siginfo section, whatever its key.
func siginfoSection(rec *pcapng.Record) *pcapng.Section {
	for i := range rec.Sections {
		if rec.Sections[i].Type == pcapng.SecSiginfo {
			return &rec.Sections[i]
		}
	}
	return nil
}

// siginfo renders a raw siginfo_t in the tracee's layout, as strace's
// printsiginfo does. An unknown arch reads as a 64-bit one, as wordSize
// has it.
func (c *ctx) siginfo(b []byte) {
	l := c.layout("siginfo_t")
	if l == nil {
		l = layoutFor("siginfo_t", AuditArchX86_64)
	}
	// Members past the end of b read as 0.
	i32 := func(name string) int32 { return int32(c.mu(b, l, name)) }
	word := func(name string) uint64 { return c.mu(b, l, name) }
	if len(b) < l.end("si_code") {
		c.str("{}")
		return
	}
	signo, errno, code := int(i32("si_signo")), int(i32("si_errno")), int(i32("si_code"))
	c.str("{si_signo=" + c.signal(signo))
	c.str(", si_code=" + c.styled(hex(uint64(uint32(code))), sigCode(signo, code)))
	if errno != 0 {
		if n := ErrnoName(errno); n != "" {
			c.str(", si_errno=" + n)
		} else {
			c.printf(", si_errno=%d", errno)
		}
	}
	pidUID := func() {
		c.printf(", si_pid=%d, si_uid=%d", uint32(i32("_sifields._kill._pid")), uint32(i32("_sifields._kill._uid")))
	}
	switch {
	case code == 0 /* SI_USER */ || code == -6 /* SI_TKILL */ :
		pidUID()
	case code == -1 /* SI_QUEUE */ || code == -3 /* SI_MESGQ */ :
		pidUID()
		c.printf(", si_int=%d, si_ptr=", i32("_sifields._rt._sigval.sival_int"))
		c.ptr(word("_sifields._rt._sigval.sival_ptr"))
	case code == -2 /* SI_TIMER */ :
		c.printf(", si_timerid=%s, si_overrun=%d, si_int=%d, si_ptr=", hex(uint64(uint32(i32("_sifields._timer._tid")))),
			i32("_sifields._timer._overrun"), i32("_sifields._timer._sigval.sival_int"))
		c.ptr(word("_sifields._timer._sigval.sival_ptr"))
	case code < 0 || code == 0x80 /* SI_KERNEL */ :
		if signo == 11 || signo == 7 || signo == 4 || signo == 8 {
			c.str(", si_addr=")
			c.ptr(word("_sifields._sigfault._addr"))
		}
	default:
		switch signo {
		case 17: // SIGCHLD
			pidUID()
			status := int(i32("_sifields._sigchld._status"))
			if code == 1 /* CLD_EXITED */ {
				c.printf(", si_status=%d", status)
			} else {
				c.str(", si_status=" + c.signal(status))
			}
			c.str(", si_utime=" + clockTicks(uint64(c.ms(b, l, "_sifields._sigchld._utime"))))
			c.str(", si_stime=" + clockTicks(uint64(c.ms(b, l, "_sifields._sigchld._stime"))))
		case 11, 7, 4, 8, 5: // SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP
			c.str(", si_addr=")
			c.ptr(word("_sifields._sigfault._addr"))
		case 29: // SIGIO/SIGPOLL
			c.printf(", si_band=%d, si_fd=%d", c.ms(b, l, "_sifields._sigpoll._band"), i32("_sifields._sigpoll._fd"))
		case 31: // SIGSYS
			c.str(", si_call_addr=")
			c.ptr(word("_sifields._sigsys._call_addr"))
			c.printf(", si_syscall=%d, si_arch=%#x", i32("_sifields._sigsys._syscall"), uint32(i32("_sifields._sigsys._arch")))
		}
	}
	c.str("}")
}

// clockTicks renders a clock_t as strace does: "2 /* 0.02 s */".
// As strace's print_clock_t, which takes the value as a uint64_t: a
// negative clock_t prints as its 64-bit two's complement.
func clockTicks(t uint64) string {
	if t == 0 {
		return "0"
	}
	// USER_HZ is 100 on every arch strace and the kernel export it for.
	return fmt.Sprintf("%d /* %d.%02d s */", t, t/100, t%100)
}

// sigCode names si_code for signal signo.
func sigCode(signo, code int) string {
	if n := SigCodeName(signo, code); n != "" {
		return n
	}
	return fmt.Sprintf("%#x", uint32(code))
}
