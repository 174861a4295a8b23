package main

import (
	"fmt"
	"sort"

	"github.com/stracedump/stracedump/decoder"
)

// netKind translates the kinds of decoder's socket, iovec, poll, ioctl,
// IPC and i386 renderers; ok is false for any other kind.
func netKind(k decoder.Kind) (string, bool) {
	switch k := k.(type) {
	case decoder.SockLen, decoder.SockType, decoder.PageOffset, decoder.IPCKey, decoder.IPCFlags, decoder.IoctlReq, decoder.FutexOp:
		return fmt.Sprintf("{k=%s}", lq(fmt.Sprintf("%T", k)[len("decoder."):])), true
	case decoder.Sockopt:
		return fmt.Sprintf(`{k="Sockopt", level=%d, name=%d, len=%d, get=%v}`, k.Level, k.Name, k.Len, k.Get), true
	case decoder.SockoptName:
		return fmt.Sprintf(`{k="SockoptName", level=%d}`, k.Level), true
	case decoder.SockProto:
		return fmt.Sprintf(`{k="SockProto", domain=%d}`, k.Domain), true
	case decoder.Iovec:
		return fmt.Sprintf(`{k="Iovec", count=%d, out=%v}`, k.CountArg, k.Out), true
	case decoder.Msghdr:
		return fmt.Sprintf(`{k="Msghdr", out=%v}`, k.Out), true
	case decoder.Mmsghdr:
		return fmt.Sprintf(`{k="Mmsghdr", out=%v}`, k.Out), true
	case decoder.PollFDs:
		return fmt.Sprintf(`{k="PollFDs", count=%d}`, k.Count), true
	case decoder.FDSet:
		return fmt.Sprintf(`{k="FDSet", nfds=%d}`, k.Nfds), true
	case decoder.PollRet:
		return fmt.Sprintf(`{k="PollRet", fds=%d, count=%d, timeout=%d, time64=%v}`, k.Fds, k.Count, k.Timeout, k.Time64), true
	case decoder.SelectRet:
		return fmt.Sprintf(`{k="SelectRet", nfds=%d, timeout=%d, sets={%d, %d, %d}, timespec=%v, time64=%v}`,
			k.Nfds, k.Timeout, k.Sets[0], k.Sets[1], k.Sets[2], k.Timespec, k.Time64), true
	case decoder.Off64:
		return fmt.Sprintf(`{k="Off64", hi=%d}`, k.Hi), true
	case decoder.DecEnum:
		return fmt.Sprintf(`{k="DecEnum", set=%s}`, lq(k.Set)), true
	case decoder.ThreadAreaRet:
		return fmt.Sprintf(`{k="ThreadAreaRet", arg=%d}`, k.Arg), true
	}
	return "", false
}

// netArch writes an arch's multiplexed calls (i386's socketcall and ipc),
// by call number: {name, nargs}.
func netArch(g *w, a *decoder.Arch) {
	for _, m := range []struct {
		name string
		subs map[int]decoder.Subcall
	}{{"socketcall", a.SocketSubcalls}, {"ipc", a.IPCSubcalls}} {
		if len(m.subs) == 0 {
			continue
		}
		calls := make([]int, 0, len(m.subs))
		for n := range m.subs {
			calls = append(calls, n)
		}
		sort.Ints(calls)
		g.p("    %s = {", m.name)
		for _, n := range calls {
			g.p("[%d] = {%s, %d}, ", n, lq(m.subs[n].Name), m.subs[n].NArgs)
		}
		g.p("},\n")
	}
}
