package decoder

// Syscall describes how one syscall's arguments and result render. It is
// keyed by name (see descriptions), so one description serves every arch.
type Syscall struct {
	Args []Arg
	// Ret renders the return value when the call succeeded; nil is a
	// signed decimal.
	Ret Kind
	// Switch, when set, picks further arguments and the return kind by the
	// value of one argument (fcntl's cmd, ioctl's request).
	Switch *Switch
	// Class is the call's trace classes (%file, %desc, ...) when the
	// sysinfo table, strace's, does not have the call yet: a call newer
	// than the table says its classes here, and its argument count is its
	// description's.
	Class Class
}

// Arg is one argument as strace prints it.
type Arg struct {
	Name  string // the parameter's name in the man page
	Index int    // the argument register it comes from
	Kind  Kind
	// Exit: the argument (and every one after it) prints at the syscall's
	// exit, after the kernel filled it in; its memory is read then too.
	Exit bool
	// Label prints "name=" before the value (clone's child_stack=...).
	Label bool
	// Update prints the argument at exit as " => value" right after the
	// argument before it, as strace shows an in/out structure (clone3).
	Update bool
	// UpdateNeedsResult shows the update only after a non-zero result:
	// sendfile's offset moves only when bytes were sent.
	UpdateNeedsResult bool
	// LateSep prints the ", " before the argument at exit rather than at
	// entry (clone's child_tidptr: "clone(..., flags=SIGCHLD <unfinished ...>").
	LateSep bool
	// Cond, when set, shows the argument only when it holds (open's mode
	// only with O_CREAT or O_TMPFILE).
	Cond Cond
	// Input: an argument the kernel only reads that prints at exit
	// because an output comes before it (rt_sigtimedwait's timeout after
	// its info). It shows its value even when the call failed, where an
	// output shows only its address.
	Input bool
}

// Switch selects a Tail by the value of argument Arg, looked up by name in
// Xlat Set so that cases read as the man page does and stay arch-neutral.
type Switch struct {
	Arg     int
	Mask    uint64 // the bits of the argument that select; 0 means all of an int
	Set     string
	Cases   map[string]Tail
	Default Tail
	// Families, when set, groups the cases by what they decode
	// ("terminals", "sockets"), as docs/syscalls.md lists them; Switching
	// joins them into Cases.
	Families []CaseFamily
}

// CaseFamily is a named group of a Switch's cases.
type CaseFamily struct {
	Name  string
	Cases map[string]Tail
}

// Tail is what a Switch case adds: more arguments and the return kind.
type Tail struct {
	Args []Arg
	Ret  Kind
}

// A builds an argument; args() numbers the registers in order.
func A(name string, k Kind) Arg { return Arg{Name: name, Index: -1, Kind: k} }

// At takes the argument from register i instead of the next one.
func (a Arg) At(i int) Arg { a.Index = i; return a }

// If shows the argument only when c holds.
func (a Arg) If(c Cond) Arg { a.Cond = c; return a }

// OnExit marks the argument as printed (and read) at exit.
func (a Arg) OnExit() Arg { a.Exit = true; return a }

// Late prints the separator before the argument at exit.
func (a Arg) Late() Arg { a.LateSep = true; a.Exit = true; return a }

// AsInput marks an exit argument as one the kernel only reads.
func (a Arg) AsInput() Arg { a.Input = true; return a }

// Labelled prints the argument as name=value.
func (a Arg) Labelled() Arg { a.Label = true; return a }

// Updated prints the argument at exit as " => value".
func (a Arg) Updated() Arg { a.Update = true; a.Exit = true; return a }

// UpdatedByResult is Updated shown only when the call returned non-zero,
// as strace prints sendfile's new offset.
func (a Arg) UpdatedByResult() Arg { a = a.Updated(); a.UpdateNeedsResult = true; return a }

// args numbers arguments without an explicit register in order and marks
// everything after the first exit argument as exit too.
func args(as ...Arg) []Arg {
	next, exit := 0, false
	for i := range as {
		if as[i].Index < 0 {
			as[i].Index = next
		}
		next = as[i].Index + 1
		exit = exit || as[i].Exit
		as[i].Exit = exit
	}
	return as
}

// sys builds a description from its arguments.
func sys(as ...Arg) *Syscall { return &Syscall{Args: args(as...)} }

// Returns sets the return kind.
func (s *Syscall) Returns(k Kind) *Syscall { s.Ret = k; return s }

// In sets the trace classes of a call the sysinfo table lacks.
func (s *Syscall) In(c Class) *Syscall { s.Class = c; return s }

// Switching adds a switch.
func (s *Syscall) Switching(sw *Switch) *Syscall {
	for _, f := range sw.Families {
		if sw.Cases == nil {
			sw.Cases = map[string]Tail{}
		}
		for name, t := range f.Cases {
			if _, dup := sw.Cases[name]; dup {
				caseDuplicates = append(caseDuplicates, name)
			}
			sw.Cases[name] = t
		}
	}
	for _, t := range sw.Cases {
		args(t.Args...)
	}
	args(sw.Default.Args...)
	s.Switch = sw
	return s
}

// caseDuplicates are the case names two families of a Switch declare; a
// test fails on any.
var caseDuplicates []string

// tail builds a switch case.
func tail(ret Kind, as ...Arg) Tail { return Tail{Args: as, Ret: ret} }

// Cond is a condition on the values of a call's arguments.
type Cond interface {
	holds(c *ctx) bool
}

// HasFlag holds when argument Arg has every bit of at least one of the
// named flags of Set (open's O_CREAT or O_TMPFILE, whose value includes
// O_DIRECTORY and so needs all its bits).
type HasFlag struct {
	Arg   int
	Set   string
	Names []string
}

// Not holds when Cond does not.
type Not struct{ Cond Cond }

func (n Not) holds(c *ctx) bool { return !n.Cond.holds(c) }

// All holds when every one of Conds does.
type All struct{ Conds []Cond }

func (a All) holds(c *ctx) bool {
	for _, sub := range a.Conds {
		if !sub.holds(c) {
			return false
		}
	}
	return true
}

// MemHasFlag holds when the word of Size bytes at offset Off of the
// structure argument Arg points to has one of the named flags of Set
// (clone3's flags decide what prints at exit). It reads memory at entry.
type MemHasFlag struct {
	Arg, Off, Size int
	Set            string
	Names          []string
}

func (m MemHasFlag) holds(c *ctx) bool {
	b, err := c.mem.Read(c.word(c.rec.Args[m.Arg])+uint64(m.Off), m.Size)
	if err != nil {
		return false
	}
	v := c.uint(b)
	for _, n := range m.Names {
		if f, ok := XlatValue(m.Set, n, c.rec.Arch); ok && f != 0 && v&f == f {
			return true
		}
	}
	return false
}

func (h HasFlag) holds(c *ctx) bool {
	v := c.rec.Args[h.Arg]
	for _, n := range h.Names {
		if f, ok := XlatValue(h.Set, n, c.rec.Arch); ok && f != 0 && v&f == f {
			return true
		}
	}
	return false
}

// Kinds of arguments. They form a closed set (the unexported method) so a
// generator can translate every description into another language.
type Kind interface {
	render(c *ctx, v uint64)
}

type (
	// Int is a C int: the low 32 bits, signed.
	Int struct{}
	// Pid is a process or thread id, an int; decode -Y follows a
	// traced one with its name, "1234<sh>". Child marks the id of a
	// child just made (clone's result), which has its parent's name while
	// the capture has not yet shown it: its first stop can come after the
	// parent's return.
	Pid struct{ Child bool }
	// Uint is a C unsigned int.
	Uint struct{}
	// Long is a signed word.
	Long struct{}
	// Ulong is an unsigned word (size_t).
	Ulong struct{}
	// KLong is the whole register as a signed 64-bit number, as strace
	// prints a kernel_long_t for every tracee: a 32-bit tracee's register
	// is zero-extended, so its -1 shows as 4294967295 (fcntl's F_DUPFD).
	KLong struct{}
	// Hex is a word in hex, "0" for zero.
	Hex struct{}
	// Octal is an int in octal with a leading 0.
	Octal struct{}
	// Ptr is an address: NULL or 0x....
	Ptr struct{}
	// FD is a file descriptor (an int), with its path under -y.
	FD struct{}
	// DirFD is an fd that may be AT_FDCWD.
	DirFD struct{}
	// Path is a NUL-terminated path, up to PATH_MAX and not cut by -s.
	Path struct{}
	// Str is a NUL-terminated string cut at -s.
	Str struct{}
	// Buf is a byte buffer whose length is argument LenArg, or the return
	// value when FromRet; at most -s bytes print. Hex prints every byte as
	// \xNN (getrandom). Netlink: a socket's data, printed as netlink
	// messages when argument 0 is a netlink socket, as strace's
	// decode_sockbuf does (sendto, recvfrom).
	Buf struct {
		LenArg  int
		FromRet bool
		Hex     bool
		Netlink bool
	}
	// Flags is a bitmask of Xlat Set; Long reads a word instead of an int.
	Flags struct {
		Set  string
		Long bool
	}
	// Enum is one value of Xlat Set; Long reads a word instead of an int.
	Enum struct {
		Set  string
		Long bool
	}
	// Mode is a file mode in octal ("0644").
	Mode struct{}
	// ModeType is a file mode with its type: "S_IFIFO|0644" (mknod).
	ModeType struct{}
	// Dev is a device number: "makedev(0x1, 0x3)".
	Dev struct{}
	// CloneFlags is clone's flags word: CLONE_* flags and the exit signal
	// in the low byte ("CLONE_CHILD_SETTID|SIGCHLD").
	CloneFlags struct{}
	// Signal is a signal number: "SIGCHLD", or decimal when unknown.
	Signal struct{}
	// FlagsRet is a return value that is a bitmask: "0x8002 (flags O_RDWR|O_LARGEFILE)".
	// Word replaces "flags" ("seals"); Zero decodes a zero result too,
	// as F_GETFL's "0 (flags O_RDONLY)", where others print a bare "0".
	FlagsRet struct {
		Set  string
		Word string
		Zero bool
	}
	// EnumRet is a return value that is one value of Xlat Set, printed
	// after the number: "0 (SCHED_OTHER)"; Hex prints the number in hex,
	// as F_GETLEASE's "0x2 (F_UNLCK)".
	EnumRet struct {
		Set string
		Hex bool
	}
	// SignalRet is a return value that is a signal: "15 (SIGTERM)".
	SignalRet struct{}
	// SigFrame is rt_sigreturn's signal frame, found from the stack
	// pointer at entry; its mask prints as "{mask=[...]}".
	SigFrame struct {
		// Old is i386's sigreturn, whose frame is a sigcontext
		// followed by the FPU state and the mask's upper half.
		Old bool
	}
	// Sigset is a pointer to a signal mask of SizeArg bytes: "[INT CHLD]".
	Sigset struct{ SizeArg int }
	// StrArray is a NULL-terminated array of strings (argv); Env abbreviates
	// it as a count unless -v ("0x7ffd... /* 23 vars */").
	StrArray struct{ Env bool }
	// Struct is a pointer to a structure rendered by the named renderer
	// (see structs); LenArg, when a structure needs it, names the argument
	// holding its size (sockaddr's addrlen), -1 for the return value.
	Struct struct {
		Type   string
		LenArg int
	}
)
