package importer

import (
	"fmt"
	"maps"
	"strings"

	"github.com/stracedump/stracedump/decoder"
	"github.com/stracedump/stracedump/pcapng"
)

// addrBase is where the importer puts the memory an argument points to:
// a string's bytes are a section at addrBase + its register << 20, an
// address that fits every arch's words.
const addrBase = 0x0a000000

// build fills rec's arguments and result from the text of a call's
// arguments (entry, and exit after "resumed>" when resumed) and its result
// ("" for an entry record). Each argument is read back to a value through the
// call's description and kept as such when the decoder renders the value
// as the text had it; otherwise the argument is kept as text.
func (im *Importer) build(rec *pcapng.Record, entry, exit, result string, entryOnly, resumed bool) {
	name, _, _ := decoder.ShownArgs(rec)
	all := entry + exit
	want := name + "(" + all + ")"
	if entryOnly {
		want = name + "(" + entry
	}
	given := all
	noExit := entryOnly
	if result == "?" {
		rec.Flags |= pcapng.FlagNoReturn
		if s, ok := strings.CutSuffix(all, " <unfinished ...>"); ok {
			given, noExit = s, true
		}
	}
	pieces := splitArgs(strings.TrimSuffix(strings.TrimRight(given, " "), ","))
	if !entryOnly && result != "?" {
		im.result(rec, result)
	}
	base := *rec
	base.Sections = append([]pcapng.Section(nil), rec.Sections...)
	asText := map[int]bool{}
	var shown []decoder.Arg
	// try reads the arguments, those of asText as text; aligned is
	// false when the line's arguments do not line up with the ones the
	// description shows, ok when the record renders as the line.
	try := func(asText map[int]bool) (r pcapng.Record, n int, aligned, ok bool) {
		r = base
		r.Sections = append([]pcapng.Section(nil), base.Sections...)
		shown, aligned = im.fill(&r, pieces, asText, noExit)
		if !aligned {
			return r, len(shown), false, false
		}
		en, ex, _ := im.dec.CallText(&r)
		// A resumed call prints its two parts on two lines: each must
		// be the text's.
		return r, len(shown), true, en+ex == want && (!resumed || en == name+"("+entry)
	}
	for {
		r, n, aligned, ok := try(asText)
		if ok {
			*rec = r
			im.Stats.Args += n
			im.Stats.ArgsText += len(asText)
			for i := range asText {
				if im.Stats.TextKinds == nil {
					im.Stats.TextKinds = map[string]int{}
				}
				k := strings.TrimPrefix(fmt.Sprintf("%T", shown[i].Kind), "decoder.")
				if st, ok := shown[i].Kind.(decoder.Struct); ok {
					k += " " + st.Type
				}
				im.Stats.TextKinds[k]++
			}
			break
		}
		if !aligned || len(asText) >= n {
			// The text's arguments do not line up with the description,
			// or even all as text do not print as the line: all of them
			// as one text.
			*rec = base
			im.wholeText(rec, entry, exit)
			break
		}
		// The fewest arguments as text: the first one that alone makes
		// the line right, else the first one not yet text.
		next := -1
		for i := 0; i < n; i++ {
			if asText[i] {
				continue
			}
			if next < 0 {
				next = i
			}
			more := map[int]bool{i: true}
			for k := range asText {
				more[k] = true
			}
			if _, _, _, ok := try(more); ok {
				next = i
				break
			}
		}
		asText[next] = true
	}
	if entryOnly || result == "?" {
		return
	}
	im.Stats.Results++
	if _, _, ret := im.dec.CallText(rec); ret != "= "+result {
		im.Stats.ResultsText++
		rec.Flags |= pcapng.FlagArgText
		rec.Sections = append(rec.Sections, pcapng.Section{Type: pcapng.SecArgText, Key: pcapng.ArgTextResult, Data: []byte(result)})
	}
}

// wholeText keeps a call's arguments as one text.
func (im *Importer) wholeText(rec *pcapng.Record, entry, exit string) {
	im.Stats.WholeText++
	rec.Flags |= pcapng.FlagArgText
	rec.Sections = append(rec.Sections, pcapng.Section{Type: pcapng.SecArgText, Key: pcapng.ArgTextCall, Data: []byte(entry)})
	if exit != "" {
		rec.Sections = append(rec.Sections, pcapng.Section{Type: pcapng.SecArgText, Flags: pcapng.SecFlagExit, Key: pcapng.ArgTextCall, Data: []byte(exit)})
	}
}

// fill reads pieces into rec's arguments, those at the positions of
// asText as text, and returns the arguments the line shows; false when
// the pieces do not line up with them.
func (im *Importer) fill(rec *pcapng.Record, pieces []string, asText map[int]bool, noExit bool) ([]decoder.Arg, bool) {
	base, baseArgs, baseFlags := rec.Sections, rec.Args, rec.Flags
	shown := shownArgs(rec, noExit)
	// Which arguments show can depend on the values (open's mode with
	// O_CREAT, fcntl's command): read what lines up, look again, until the
	// arguments shown settle.
	for range 4 {
		rec.Sections, rec.Args, rec.Flags = append([]pcapng.Section(nil), base...), baseArgs, baseFlags
		// What this reading finds unreadable counts only if the
		// arguments settle on it: a kind read under an earlier plan
		// (fcntl's argument before its command was known) may differ.
		marks := maps.Clone(asText)
		for i := range min(len(shown), len(pieces)) {
			im.arg(rec, &shown[i], pieces[i], marks, i)
		}
		if lengthAfter(shown) {
			// A structure whose length is a later argument (connect's
			// addrlen): read again, the lengths known.
			args := rec.Args
			rec.Sections, rec.Args, rec.Flags = append([]pcapng.Section(nil), base...), args, baseFlags
			marks = maps.Clone(asText)
			for i := range min(len(shown), len(pieces)) {
				im.arg(rec, &shown[i], pieces[i], marks, i)
			}
		}
		again := shownArgs(rec, noExit)
		if same(again, shown) {
			maps.Copy(asText, marks)
			return shown, len(shown) == len(pieces)
		}
		shown = again
	}
	return shown, false
}

// shifted reads fields shifted into place, as strace prints
// FUTEX_WAKE_OP's operation: "FUTEX_OP_SET<<28|0<<12|FUTEX_OP_CMP_GT<<24|0x1",
// "FUTEX_OP_OPARG_SHIFT<<28|FUTEX_OP_ADD<<28|...", an unknown field with
// its comment ("0x7<<28 /* FUTEX_OP_??? */").
func shifted(p string, arch uint32) (uint64, []pcapng.Section, bool) {
	var v uint64
	for _, part := range strings.Split(p, "|") {
		if before, after, ok := strings.Cut(part, " /* "); ok {
			// The comment ends the field: "0x7 /* FUTEX_OP_??? */<<28"
			// under -X verbose, "0x7<<28 /* FUTEX_OP_??? */" otherwise.
			_, rest, ok := strings.Cut(after, "*/")
			if !ok {
				return 0, nil, false
			}
			part = before + rest
		}
		x, n, hasShift := strings.Cut(part, "<<")
		if !hasShift {
			n = "0"
		}
		sh, ok := number(n)
		if !ok || sh > 63 {
			return 0, nil, false
		}
		f, ok := number(x)
		if !ok && x == "FUTEX_OP_OPARG_SHIFT" {
			// include/uapi/linux/futex.h: the operation's bit 3.
			f, ok = 8, true
		}
		if !ok {
			f, ok = anyXlat(x, arch)
		}
		if !ok {
			return 0, nil, false
		}
		v |= f << sh
	}
	return v, nil, true
}

// lengthAfter says whether a structure among args takes its length from
// an argument after it.
func lengthAfter(args []decoder.Arg) bool {
	for _, a := range args {
		if st, ok := a.Kind.(decoder.Struct); ok && st.LenArg > a.Index {
			return true
		}
	}
	return false
}

// shownArgs are the arguments rec's line shows; with noExit, only those
// printed at entry.
func shownArgs(rec *pcapng.Record, noExit bool) []decoder.Arg {
	_, args, _ := decoder.ShownArgs(rec)
	if noExit {
		k := 0
		for k < len(args) && !args[k].Exit {
			k++
		}
		args = args[:k]
	}
	return args
}

// same says whether two plans show the same arguments, of the same kinds,
// in the same phases.
func same(a, b []decoder.Arg) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		// Kinds by their text: a kind may hold a slice, which == would
		// panic on.
		if a[i].Index != b[i].Index || a[i].Exit != b[i].Exit || fmt.Sprintf("%#v", a[i].Kind) != fmt.Sprintf("%#v", b[i].Kind) {
			return false
		}
	}
	return true
}

// arg reads one argument's text p into rec.
func (im *Importer) arg(rec *pcapng.Record, a *decoder.Arg, p string, asText map[int]bool, pos int) {
	var flags uint16
	if a.Exit {
		flags = pcapng.SecFlagExit
	}
	text := func() {
		asText[pos] = true
		if a.Index >= 0 && a.Index < 6 {
			// An address the text starts with is the register's value:
			// "0x7ffd5b8a1c08 /* 39 vars */".
			if first, _, _ := strings.Cut(p, " "); strings.HasPrefix(first, "0x") {
				if v, ok := number(first); ok {
					rec.Args[a.Index] = v
				}
			}
		}
		rec.Flags |= pcapng.FlagArgText
		rec.Sections = append(rec.Sections, pcapng.Section{Type: pcapng.SecArgText, Flags: flags, Key: uint64(a.Index), Data: []byte(p)})
	}
	if a.Label {
		v, ok := strings.CutPrefix(p, a.Name+"=")
		if !ok {
			text()
			return
		}
		p = v
	}
	if asText[pos] || a.Index < 0 || a.Index > 5 {
		text()
		return
	}
	v, secs, ok := im.value(rec, a, p, flags)
	if !ok {
		text()
		return
	}
	rec.Args[a.Index] = v
	rec.Sections = append(rec.Sections, secs...)
}

// value reads the text of one argument of kind a.Kind: its value and the
// sections it needs (a string's bytes, an fd's path).
func (im *Importer) value(rec *pcapng.Record, a *decoder.Arg, p string, flags uint16) (uint64, []pcapng.Section, bool) {
	arch := rec.Arch
	addr := uint64(addrBase + a.Index<<20)
	switch k := a.Kind.(type) {
	case decoder.Int, decoder.Pid, decoder.Uint, decoder.Long, decoder.Ulong, decoder.KLong, decoder.Hex, decoder.Octal, decoder.Ptr, decoder.Mode:
		v, ok := number(p)
		return v, nil, ok
	case decoder.FD, decoder.DirFD:
		num, path, hasPath := strings.Cut(p, "<")
		v, ok := number(num)
		if num == "AT_FDCWD" {
			v, ok = 0xffffff9c, true
		}
		if !ok || !hasPath {
			return uint64(uint32(v)), nil, ok
		}
		path, ok = strings.CutSuffix(path, ">")
		if d, deleted := strings.CutSuffix(path, ">(deleted)"); deleted && !ok {
			// strace moves a deleted file's " (deleted)" out of the
			// brackets: "3</memfd:x>(deleted)".
			path, ok = d+" (deleted)", true
		}
		return uint64(uint32(v)), fdSections(uint64(uint32(v)), path, flags), ok
	case decoder.Signal:
		n, ok := signal(p)
		return uint64(n), nil, ok
	case decoder.CloneFlags:
		var v uint64
		for _, part := range strings.Split(p, "|") {
			if n, ok := decoder.XlatValue("clone_flags", part, arch); ok {
				v |= n
			} else if n, ok := signal(part); ok {
				v |= uint64(n)
			} else {
				return 0, nil, false
			}
		}
		return v, nil, true
	case decoder.StrArray:
		if v, ok := number(p); ok {
			return v, nil, true
		}
		if k.Env {
			// "0x7ffd... /* 23 vars */": the strings are not in the text.
			return 0, nil, false
		}
		return strArray(rec, addr, p, flags)
	case decoder.Struct:
		if v, ok := number(p); ok {
			return v, nil, true
		}
		var n uint64
		if k.LenArg >= 0 && k.LenArg < 6 {
			n = rec.Args[k.LenArg]
		}
		return structValue(rec, k.Type, n, addr, p, flags)
	case decoder.Iovec:
		if v, ok := number(p); ok {
			return v, nil, true
		}
		return iovecs(rec, addr, p, flags)
	case decoder.Sigset:
		if v, ok := number(p); ok {
			return v, nil, true
		}
		b, ok := sigset(p)
		if !ok {
			return 0, nil, false
		}
		return addr, []pcapng.Section{{Type: pcapng.SecMem, Flags: flags, Key: addr, Data: b}}, true
	case decoder.SockLen:
		// "[16]", or "[128 => 16]": the socklen_t at entry and at exit.
		if v, ok := number(p); ok {
			return v, nil, true
		}
		in, ok := strings.CutSuffix(strings.TrimPrefix(p, "["), "]")
		if !ok || !strings.HasPrefix(p, "[") {
			return 0, nil, false
		}
		before, after, updated := strings.Cut(in, " => ")
		if !updated {
			after = before
		}
		x, ok1 := number(before)
		y, ok2 := number(after)
		a := decoder.ArchByAudit(arch)
		if !ok1 || !ok2 || a == nil || x > 0xffffffff || y > 0xffffffff {
			return 0, nil, false
		}
		return addr, []pcapng.Section{
			{Type: pcapng.SecMem, Key: addr, Data: word32(a, uint32(x))},
			{Type: pcapng.SecMem, Flags: pcapng.SecFlagExit, Key: addr, Data: word32(a, uint32(y))},
		}, true
	case decoder.Flags:
		v, ok := flagValue(k.Set, p, arch)
		return v, nil, ok
	case decoder.Enum:
		if v, ok := number(strings.SplitN(p, " ", 2)[0]); ok {
			return v, nil, true
		}
		v, ok := flagValue(k.Set, p, arch)
		return v, nil, ok
	case decoder.Path, decoder.Str:
		if v, ok := number(p); ok {
			return v, nil, true // NULL, or an address the text shows as such
		}
		b, more, ok := unquote(p)
		if !ok {
			return 0, nil, false
		}
		f := flags | pcapng.SecFlagString
		if !more {
			f |= pcapng.SecFlagTerminated
		}
		return addr, []pcapng.Section{{Type: pcapng.SecMem, Flags: f, Key: addr, Data: b}}, true
	case decoder.Buf:
		if v, ok := number(p); ok {
			return v, nil, true
		}
		b, _, ok := unquote(p)
		if !ok {
			return 0, nil, false
		}
		return addr, []pcapng.Section{{Type: pcapng.SecMem, Flags: flags, Key: addr, Data: b}}, true
	}
	// Any other kind: a number (an address the text shows as one), or
	// names of some set; the caller checks what that renders as.
	if v, ok := number(p); ok {
		return v, nil, true
	}
	if strings.Contains(p, "<<") && !strings.ContainsAny(p, "{[\"(") {
		return shifted(p, arch)
	}
	if strings.ContainsAny(p, "{[\"(") || strings.Contains(p, "/*") {
		return 0, nil, false
	}
	// An ioctl request that two sets name alike: "BTRFS_IOC_CLONE or
	// FICLONE".
	first, _, _ := strings.Cut(p, " or ")
	v, ok := flagValue("", first, arch)
	return v, nil, ok
}

// result reads a call's result: "3", "3</etc/passwd>", "0x7f00...",
// "-1 ENOENT (...)", "? ERESTARTSYS (...)".
func (im *Importer) result(rec *pcapng.Record, s string) {
	word, rest, _ := strings.Cut(s, " ")
	if word == "-1" || word == "?" {
		name, _, _ := strings.Cut(rest, " ")
		if e, ok := decoder.ErrnoByName(name); ok {
			rec.Ret = -int64(e)
		}
		return
	}
	num, _, hasPath := strings.Cut(word, "<")
	v, ok := number(num)
	if !ok {
		return
	}
	rec.Ret = int64(v)
	if hasPath {
		// The path may hold spaces: it runs to the line's last '>'.
		path := s[len(num)+1:]
		if i := strings.LastIndexByte(path, '>'); i >= 0 {
			rec.Sections = append(rec.Sections, fdSections(v, path[:i], pcapng.SecFlagExit)...)
		}
	}
}

// strArray reads an array of strings, ["ls", "-l"], as strace prints
// argv: the array of pointers at addr and the strings after it, each as
// its own section.
func strArray(rec *pcapng.Record, addr uint64, p string, flags uint16) (uint64, []pcapng.Section, bool) {
	a := decoder.ArchByAudit(rec.Arch)
	if a == nil || len(p) < 2 || p[0] != '[' || p[len(p)-1] != ']' {
		return 0, nil, false
	}
	items := splitArgs(p[1 : len(p)-1])
	ws := a.WordSize
	array := make([]byte, 0, (len(items)+1)*ws)
	put := func(v uint64) {
		for i := range ws {
			shift := 8 * i
			if a.BigEndian {
				shift = 8 * (ws - 1 - i)
			}
			array = append(array, byte(v>>shift))
		}
	}
	var secs []pcapng.Section
	at := addr + 0x10000
	for _, it := range items {
		b, more, ok := unquote(it)
		if !ok {
			return 0, nil, false
		}
		f := flags | pcapng.SecFlagString
		if !more {
			f |= pcapng.SecFlagTerminated
		}
		put(at)
		secs = append(secs, pcapng.Section{Type: pcapng.SecMem, Flags: f, Key: at, Data: b})
		at += uint64(len(b)+1+7) &^ 7
	}
	put(0)
	return addr, append([]pcapng.Section{{Type: pcapng.SecMem, Flags: flags, Key: addr, Data: array}}, secs...), true
}
