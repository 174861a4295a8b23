package decoder

// Arch is everything the decoder needs to know about one tracee
// architecture and personality, all of it data: every arch's tables compile
// on every host, so a capture decodes anywhere.
type Arch struct {
	Name      string // "x86_64", as uname -m says
	Audit     uint32 // AUDIT_ARCH_* value found in records
	WordSize  int    // bytes in a pointer or long
	BigEndian bool
	// Syscalls maps syscall numbers to names.
	Syscalls map[int64]string
}

// AUDIT_ARCH_* values (include/uapi/linux/audit.h).
const (
	AuditArchX86_64  = 0xc000003e
	AuditArchI386    = 0x40000003
	AuditArchAarch64 = 0xc00000b7
)

var arches = map[uint32]*Arch{}

func registerArch(a *Arch) *Arch { arches[a.Audit] = a; return a }

// ArchByAudit returns the arch for an AUDIT_ARCH_* value, or nil.
func ArchByAudit(audit uint32) *Arch { return arches[audit] }

// SyscallName returns the name of syscall nr, or "" when the arch has none.
func (a *Arch) SyscallName(nr int64) string { return a.Syscalls[nr] }
