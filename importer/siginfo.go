package importer

import (
	"strings"

	"github.com/stracedump/stracedump/decoder"
	"github.com/stracedump/stracedump/pcapng"
)

// siginfoMembers are the siginfo_t members each field strace prints is
// stored in (decoder/render_signal.go prints them from there).
var siginfoMembers = map[string]string{
	"si_signo": "si_signo", "si_code": "si_code", "si_errno": "si_errno",
	"si_pid": "_sifields._kill._pid", "si_uid": "_sifields._kill._uid",
	"si_timerid": "_sifields._timer._tid", "si_overrun": "_sifields._timer._overrun",
	"si_status": "_sifields._sigchld._status", "si_utime": "_sifields._sigchld._utime",
	"si_stime": "_sifields._sigchld._stime", "si_addr": "_sifields._sigfault._addr",
	"si_band": "_sifields._sigpoll._band", "si_fd": "_sifields._sigpoll._fd",
	"si_call_addr": "_sifields._sigsys._call_addr", "si_syscall": "_sifields._sigsys._syscall",
	"si_arch": "_sifields._sigsys._arch",
}

// siginfo reads the "{si_signo=SIGCHLD, si_code=CLD_EXITED, ...}" of a
// signal line back into the raw siginfo_t of arch; false when a field is
// not one it knows.
func siginfo(arch uint32, text string) ([]byte, bool) {
	l := decoder.LayoutOf("siginfo_t", arch)
	if l == nil || len(text) < 2 || text[0] != '{' || text[len(text)-1] != '}' {
		return nil, false
	}
	a := decoder.ArchByAudit(arch)
	b := make([]byte, l.Size)
	signo, code := 0, 0
	// The section ends after the last member the text gives: the rest
	// of the union is not in the text (the decoder reads members past
	// the data's end as 0, as strace leaves a zero si_errno out).
	end := 0
	mark := func(member string) {
		if m, ok := l.Member(member); ok {
			end = max(end, m.Off+m.Size)
		}
	}
	for _, field := range splitArgs(text[1 : len(text)-1]) {
		k, v, ok := strings.Cut(field, "=")
		if !ok {
			return nil, false
		}
		var n uint64
		switch k {
		case "si_signo":
			s, ok := signal(v)
			if !ok {
				return nil, false
			}
			signo, n = s, uint64(s)
		case "si_code":
			c, ok := sigCode(signo, v)
			if !ok {
				return nil, false
			}
			code, n = c, uint64(uint32(int32(c)))
		case "si_errno":
			if e, ok := decoder.ErrnoByName(v); ok {
				n = uint64(e)
			} else if n, ok = number(v); !ok {
				return nil, false
			}
		case "si_status":
			if s, ok := number(v); ok {
				n = s
			} else if sig, ok := signal(v); ok {
				n = uint64(sig)
			} else {
				return nil, false
			}
		case "si_int", "si_ptr":
			// In the union's sigval: the timer's or the queued signal's.
			m := "_sifields._rt._sigval.sival_" + k[3:]
			if code == -2 {
				m = "_sifields._timer._sigval.sival_" + k[3:]
			}
			if !put(b, l, a, m, v) {
				return nil, false
			}
			mark(m)
			continue
		default:
			if _, known := siginfoMembers[k]; !known {
				return nil, false
			}
			// "2 /* 0.02 s */" of a clock_t: the number.
			num, _, _ := strings.Cut(v, " ")
			if n, ok = number(num); !ok {
				return nil, false
			}
		}
		if !putValue(b, l, a, siginfoMembers[k], n) {
			return nil, false
		}
		mark(siginfoMembers[k])
	}
	return b[:end], true
}

// sigCode finds the si_code strace names name for signal signo.
func sigCode(signo int, name string) (int, bool) {
	if v, ok := number(name); ok {
		return int(int32(uint32(v))), true
	}
	for c := -64; c <= 0x100; c++ {
		if decoder.SigCodeName(signo, c) == name {
			return c, true
		}
	}
	return 0, false
}

func put(b []byte, l *decoder.Layout, a *decoder.Arch, member, text string) bool {
	n, ok := number(text)
	return ok && putValue(b, l, a, member, n)
}

// putValue stores n in member of b, in the arch's byte order.
func putValue(b []byte, l *decoder.Layout, a *decoder.Arch, member string, n uint64) bool {
	m, ok := l.Member(member)
	if !ok || m.Off+m.Size > len(b) {
		return false
	}
	for i := range m.Size {
		shift := 8 * i
		if a != nil && a.BigEndian {
			shift = 8 * (m.Size - 1 - i)
		}
		b[m.Off+i] = byte(n >> shift)
	}
	return true
}

// signalRecord fills a signal record's siginfo from its line's text: as a
// siginfo section when it renders back as the text, else as text.
func (im *Importer) signalRecord(rec *pcapng.Record, l *Line) {
	if b, ok := siginfo(rec.Arch, l.Siginfo); ok {
		r := *rec
		r.Sections = []pcapng.Section{{Type: pcapng.SecSiginfo, Key: uint64(rec.Arch), Data: b}}
		if im.dec.Line(&r) == "--- "+l.Name+" "+l.Siginfo+" ---" {
			*rec = r
			return
		}
	}
	im.Stats.SiginfoText++
	rec.Flags |= pcapng.FlagArgText
	rec.Sections = append(rec.Sections, pcapng.Section{Type: pcapng.SecArgText, Key: pcapng.ArgTextSiginfo, Data: []byte(l.Siginfo)})
}
