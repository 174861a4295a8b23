package pcapng

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// Version is the record format version this package writes. Readers accept
// every version up to this one; docs/format.md describes each.
const Version = 2

// HeaderLen is the size of the fixed record header of version 1. Version 2
// headers are variable-length.
const HeaderLen = 104

// sectionHeaderLen is the size of each auxiliary section's header in
// version 1.
const sectionHeaderLen = 16

// Kind says what happened at the stop a record describes.
type Kind uint16

const (
	// KindSyscall is a completed call: arguments, result, entry time and
	// duration, with every byte of memory decoding read at entry and exit.
	KindSyscall Kind = 1
	// KindSyscallEntry is a call that has entered and not yet returned. It is
	// written when another thread's event would interleave with the call or
	// when the call blocks, so a live capture shows it; the KindSyscall record
	// written at its exit repeats everything it holds.
	KindSyscallEntry Kind = 2
	// KindSignal is a signal-delivery stop (Nr is the signal, a siginfo
	// section follows) or, with FlagGroupStop, a group-stop.
	KindSignal Kind = 3
	// KindExit is a thread or process that has gone; Ret holds the raw wait
	// status.
	KindExit Kind = 4
	// KindProcess is process metadata: written for each process at attach,
	// after a successful exec and for each new child.
	KindProcess Kind = 5
	// KindCapture describes the capture itself; it is the first record of a
	// stream. Args[0] holds the string limit (-s) the capture was taken with,
	// Args[1] its capture length (CaptureLength), Args[2] that of socket
	// data (SocketCaptureLength).
	KindCapture Kind = 6
	// KindDetach is a thread the tracer let go of when the capture stopped.
	KindDetach Kind = 7
	// KindComment is a line of text that is no event: a line of an
	// imported strace log that the importer could not read. Its SecText
	// section (key TextComment) holds the line.
	KindComment Kind = 8
)

// CaptureLength is the most bytes of each string or buffer that a capture
// whose KindCapture record is r holds: Args[1], or in captures written
// before it existed (where it is 0) the string limit in Args[0], which was
// then both.
func (r *Record) CaptureLength() int {
	n := r.Args[1]
	if n == 0 {
		n = r.Args[0]
	}
	if n > 1<<31-1 {
		return 1<<31 - 1
	}
	return int(n)
}

// SocketCaptureLength is the capture length of the data of calls reading
// from or writing to a socket, in a capture whose KindCapture record is r:
// Args[2], or CaptureLength in captures without it (where it is 0).
func (r *Record) SocketCaptureLength() int {
	if r.Args[2] == 0 {
		return r.CaptureLength()
	}
	return int(min(r.Args[2], 1<<31-1))
}

var kindNames = map[Kind]string{
	KindSyscall: "syscall", KindSyscallEntry: "syscall-entry", KindSignal: "signal",
	KindExit: "exit", KindProcess: "process", KindCapture: "capture", KindDetach: "detach",
	KindComment: "comment",
}

func (k Kind) String() string {
	if s, ok := kindNames[k]; ok {
		return s
	}
	return fmt.Sprintf("kind(%d)", uint16(k))
}

// Record flags. Their meaning depends on the record's kind.
const (
	// FlagNoReturn (KindSyscall): the call never returned to the caller
	// (exit_group, or the thread was killed inside it); strace prints "= ?".
	FlagNoReturn uint16 = 1 << 0
	// FlagGroupStop (KindSignal): a group-stop ("--- stopped by SIGTSTP ---").
	FlagGroupStop uint16 = 1 << 1
	// FlagProcAttach, FlagProcExec and FlagProcFork (KindProcess) say why the
	// metadata was written.
	FlagProcAttach uint16 = 1 << 2
	FlagProcExec   uint16 = 1 << 3
	FlagProcFork   uint16 = 1 << 4
	// FlagFollowForks (KindCapture): the capture followed new children (-f).
	FlagFollowForks uint16 = 1 << 5
	// FlagLaunched (KindCapture, KindProcess): the process was started by the
	// tracer rather than attached to.
	FlagLaunched uint16 = 1 << 6
	// FlagSuperseded (KindExit): the thread group leader is gone because
	// another thread of its process called execve and took its tid; Nr
	// holds that thread's former tid. strace: "+++ superseded by execve in
	// pid N +++".
	FlagSuperseded uint16 = 1 << 7
	// FlagArgText (KindSyscall, KindSyscallEntry, KindSignal): some of the
	// record's arguments, its result or its siginfo are given as text in
	// SecArgText sections, because the record was imported from strace's
	// text and that text could not be read back to values.
	FlagArgText uint16 = 1 << 8
)

// SectionType names the content of an auxiliary section.
type SectionType uint16

const (
	// SecMem is tracee memory: Key is the address, Data the bytes read.
	SecMem SectionType = 1
	// SecFDPath is the target of /proc/PID/fd/N: Key is the fd.
	SecFDPath SectionType = 2
	// SecSiginfo is the raw siginfo_t, in the tracee's layout.
	SecSiginfo SectionType = 3
	// SecComm, SecExe, SecCwd: /proc/PID/comm, exe and cwd.
	SecComm SectionType = 4
	SecExe  SectionType = 5
	SecCwd  SectionType = 6
	// SecArgv is the command line, arguments separated by NUL bytes.
	SecArgv SectionType = 7
	// SecCreds holds eight little-endian uint32: uid, euid, suid, fsuid,
	// gid, egid, sgid, fsgid.
	SecCreds SectionType = 8
	// SecText is free text; Key says what it is (see TextKey*).
	SecText SectionType = 9
	// SecRegs holds the instruction and stack pointers at the stop, two
	// little-endian uint64, for decoders that read the tracee's stack.
	SecRegs SectionType = 10
	// SecFDInfo is what strace -yy adds to an fd's path: a socket's
	// endpoints or a device's numbers (decoder/fdinfo.go has the layout).
	// Key is the fd.
	SecFDInfo SectionType = 11
	// SecIfName is the name of a network interface as the capturing
	// host's namespace had it, for strace's if_nametoindex("eth0"): Key
	// is the interface index.
	SecIfName SectionType = 12
	// SecArgText is an argument given as text, printed verbatim in place
	// of what its value would render as (see FlagArgText). Key is the
	// argument's register (0 to 5), ArgTextResult or ArgTextSiginfo.
	SecArgText SectionType = 13
	// SecUring is the io_uring ring an io_uring_enter used: where its
	// parts are in the tracee and its io_uring_params (decoder/uring.go
	// has the layout). Key is the ring's fd.
	SecUring SectionType = 14
)

// Keys of SecArgText sections other than an argument's register.
const (
	// ArgTextResult is the result, the text after "= ".
	ArgTextResult = 6
	// ArgTextSiginfo is a signal record's siginfo, "{si_signo=...}".
	ArgTextSiginfo = 7
	// ArgTextCall is all of a call's arguments, the text between its
	// parentheses, when they could not be told apart: the section read at
	// entry (flag exit clear) prints after "name(", the one at exit
	// before ")".
	ArgTextCall = 8
)

// Keys of SecText sections.
const (
	TextCommand  = 1 // the traced command line, or the pids attached to
	TextHost     = 2 // the capturing host's name
	TextVersion  = 3 // the capturing tool and its version
	TextKernel   = 4 // the capturing host's kernel release
	TextMachine  = 5 // the capturing host's machine (uname -m)
	TextHostArch = 6 // reserved
	TextComment  = 7 // a KindComment record's line
)

// Section flags.
const (
	// SecFlagExit: read at the syscall's exit stop (otherwise at entry).
	SecFlagExit uint16 = 1 << 0
	// SecFlagString: a NUL-terminated string read; Data excludes the NUL.
	SecFlagString uint16 = 1 << 1
	// SecFlagTerminated: a NUL byte follows Data in the tracee.
	SecFlagTerminated uint16 = 1 << 2
	// SecFlagFault: the byte after Data could not be read.
	SecFlagFault uint16 = 1 << 3
)

// Section is one auxiliary section of a record.
type Section struct {
	Type  SectionType
	Flags uint16
	Key   uint64 // address for SecMem, fd for SecFDPath, text key for SecText
	Data  []byte
}

// Record is one event of a traced process, in the stracedump record format.
// Fields are architecture independent: the tracee's word size, endianness
// and personality are all given by Arch (an AUDIT_ARCH_* value).
type Record struct {
	Kind     Kind
	Flags    uint16
	Arch     uint32
	PID      uint32 // thread group id
	TID      uint32
	Nr       int64 // syscall number; signal number for KindSignal
	Args     [6]uint64
	Ret      int64  // return value (negative errno on failure); wait status for KindExit
	Time     int64  // Unix nanoseconds: entry time of a syscall, else the event's time
	Duration uint64 // nanoseconds from entry to exit of a syscall
	Sections []Section
}

// Section returns the first section of type t with key k, or nil.
func (r *Record) Section(t SectionType, key uint64) *Section {
	for i := range r.Sections {
		if r.Sections[i].Type == t && r.Sections[i].Key == key {
			return &r.Sections[i]
		}
	}
	return nil
}

// Text returns the data of the first section of type t, or "".
func (r *Record) Text(t SectionType) string {
	for i := range r.Sections {
		if r.Sections[i].Type == t {
			return string(r.Sections[i].Data)
		}
	}
	return ""
}

// ErrUnknownVersion is returned for records newer than this reader.
var ErrUnknownVersion = errors.New("unknown record version")

// FormatError says where a record is malformed.
type FormatError struct {
	Offset int // byte offset inside the record
	Reason string
}

func (e *FormatError) Error() string {
	return fmt.Sprintf("malformed record at byte %d: %s", e.Offset, e.Reason)
}

// Unmarshal parses one record of any version up to Version. packetTime is
// the Unix nanosecond timestamp of the packet that carried it: version 2
// records do not repeat it, and their Time is derived from it (the inverse
// of PacketTime). Section data aliases b.
func Unmarshal(b []byte, packetTime int64, r *Record) error {
	return unmarshal(b, packetTime, r, false)
}

// unmarshal is Unmarshal; with reuseSections, a version 2 record's
// sections go into the backing array r.Sections already has, when it is
// large enough, instead of a new one: ZeroCopyNext's caller is done with
// the previous record.
func unmarshal(b []byte, packetTime int64, r *Record, reuseSections bool) error {
	if len(b) < 2 {
		return &FormatError{0, fmt.Sprintf("%d bytes, shorter than the version", len(b))}
	}
	switch version := binary.LittleEndian.Uint16(b); version {
	case 1:
		return unmarshalV1(b, r)
	case 2:
		return unmarshalV2(b, packetTime, r, reuseSections)
	default:
		return fmt.Errorf("%w %d (this stracedump reads up to %d)", ErrUnknownVersion, version, Version)
	}
}

// unmarshalV1 parses a version 1 record: a fixed 104-byte header, then
// sections with 16-byte headers.
func unmarshalV1(b []byte, r *Record) error {
	le := binary.LittleEndian
	if len(b) < 4 {
		return &FormatError{0, fmt.Sprintf("%d bytes, shorter than the version and header length", len(b))}
	}
	hlen := int(le.Uint16(b[2:]))
	if hlen < HeaderLen {
		return &FormatError{2, fmt.Sprintf("header length %d, want at least %d", hlen, HeaderLen)}
	}
	if len(b) < hlen {
		return &FormatError{len(b), fmt.Sprintf("record ends inside its %d-byte header", hlen)}
	}
	*r = Record{
		Kind:     Kind(le.Uint16(b[4:])),
		Flags:    le.Uint16(b[6:]),
		Arch:     le.Uint32(b[8:]),
		PID:      le.Uint32(b[12:]),
		TID:      le.Uint32(b[16:]),
		Nr:       int64(le.Uint64(b[24:])),
		Ret:      int64(le.Uint64(b[80:])),
		Time:     int64(le.Uint64(b[88:])),
		Duration: le.Uint64(b[96:]),
	}
	for i := range r.Args {
		r.Args[i] = le.Uint64(b[32+8*i:])
	}
	count := int(le.Uint32(b[20:]))
	off := hlen
	if rest := len(b) - off; count > rest/sectionHeaderLen {
		return &FormatError{20, fmt.Sprintf("%d sections cannot fit in %d bytes", count, rest)}
	}
	if count > 0 {
		r.Sections = make([]Section, 0, count)
	}
	for i := 0; i < count; i++ {
		if len(b)-off < sectionHeaderLen {
			return &FormatError{off, fmt.Sprintf("section %d header truncated", i)}
		}
		n := int(le.Uint32(b[off+4:]))
		start := off + sectionHeaderLen
		if n > len(b)-start {
			return &FormatError{off + 4, fmt.Sprintf("section %d length %d runs past the record end (%d bytes left)", i, n, len(b)-start)}
		}
		r.Sections = append(r.Sections, Section{
			Type:  SectionType(le.Uint16(b[off:])),
			Flags: le.Uint16(b[off+2:]),
			Key:   le.Uint64(b[off+8:]),
			Data:  b[start : start+n : start+n],
		})
		off = start + n
	}
	if off != len(b) {
		return &FormatError{off, fmt.Sprintf("%d trailing bytes after the last section", len(b)-off)}
	}
	return nil
}
