package importer

import (
	"strings"

	"github.com/stracedump/stracedump/decoder"
	"github.com/stracedump/stracedump/pcapng"
)

// intStructs are the structure kinds that strace prints as integers in
// brackets ("[16]", "[3, 4]"), by the size of each.
var intStructs = map[string]int{"int": 4, "uid": 4, "fd_pair": 4, "loff": 8}

// structValue reads the text of a structure argument of type typ into
// its bytes: a structure whose every field the text gives
// ("{tv_sec=1, tv_nsec=0}"), by the decoder's layout of it, or integers
// in brackets. An abbreviated one ("{st_mode=..., ...}") is not read: the
// text does not hold the rest of its bytes.
func structValue(rec *pcapng.Record, typ string, addr uint64, p string, flags uint16) (uint64, []pcapng.Section, bool) {
	a := decoder.ArchByAudit(rec.Arch)
	if a == nil || strings.Contains(p, "...") {
		return 0, nil, false
	}
	if size, ok := intStructs[typ]; ok {
		if len(p) < 2 || p[0] != '[' || p[len(p)-1] != ']' {
			return 0, nil, false
		}
		var b []byte
		for _, it := range splitArgs(p[1 : len(p)-1]) {
			n, ok := number(it)
			if !ok {
				return 0, nil, false
			}
			for i := range size {
				shift := 8 * i
				if a.BigEndian {
					shift = 8 * (size - 1 - i)
				}
				b = append(b, byte(n>>shift))
			}
		}
		return addr, []pcapng.Section{{Type: pcapng.SecMem, Flags: flags, Key: addr, Data: b}}, true
	}
	l := decoder.LayoutOf(typ, rec.Arch)
	if l == nil {
		return 0, nil, false
	}
	b := make([]byte, l.Size)
	if !structFields(b, l, a, "", p) {
		return 0, nil, false
	}
	return addr, []pcapng.Section{{Type: pcapng.SecMem, Flags: flags, Key: addr, Data: b}}, true
}

// structFields puts the fields of "{a=1, b={c=2}}" into b, a nested
// structure's members under "b.".
func structFields(b []byte, l *decoder.Layout, a *decoder.Arch, prefix, p string) bool {
	if len(p) < 2 || p[0] != '{' || p[len(p)-1] != '}' {
		return false
	}
	for _, field := range splitArgs(p[1 : len(p)-1]) {
		k, v, ok := strings.Cut(field, "=")
		if !ok {
			return false
		}
		if strings.HasPrefix(v, "{") {
			if !structFields(b, l, a, prefix+k+".", v) {
				return false
			}
			continue
		}
		n, ok := fieldValue(v, a.Audit)
		if !ok || !putValue(b, l, a, prefix+k, n) {
			return false
		}
	}
	return true
}

// fieldValue reads one field: a number, "8192*1024", or names of a set.
func fieldValue(v string, arch uint32) (uint64, bool) {
	if n, ok := number(v); ok {
		return n, true
	}
	if v == "RLIM64_INFINITY" || v == "RLIM_INFINITY" {
		// All ones, however wide the member (include/uapi/linux/resource.h).
		return ^uint64(0), true
	}
	if x, unit, ok := strings.Cut(v, "*"); ok {
		n, ok1 := number(x)
		u, ok2 := number(unit)
		return n * u, ok1 && ok2
	}
	if strings.ContainsAny(v, "{[\"(") || strings.Contains(v, "/*") {
		return 0, false
	}
	return flagValue("", v, arch)
}
