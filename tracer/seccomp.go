package tracer

import (
	"errors"
	"fmt"
	"runtime"
	"unsafe"

	"golang.org/x/sys/unix"

	"github.com/stracedump/stracedump/decoder"
)

// SyscallSelector says which syscall numbers of an arch a launched command
// stops on when a seccomp filter does the selecting: selected[nr] for the
// arch's table range, rest for every number beyond it. filter.Filter is
// one.
type SyscallSelector interface {
	Syscalls(arch *decoder.Arch) (selected []bool, rest bool)
}

// Classic BPF opcodes and seccomp return values (include/uapi/linux/filter.h,
// bpf_common.h, seccomp.h).
const (
	bpfLdAbsW = unix.BPF_LD | unix.BPF_W | unix.BPF_ABS
	bpfJeq    = unix.BPF_JMP | unix.BPF_JEQ | unix.BPF_K
	bpfJge    = unix.BPF_JMP | unix.BPF_JGE | unix.BPF_K
	bpfJgt    = unix.BPF_JMP | unix.BPF_JGT | unix.BPF_K
	bpfJa     = unix.BPF_JMP | unix.BPF_JA
	bpfRet    = unix.BPF_RET | unix.BPF_K

	retTrace = unix.SECCOMP_RET_TRACE
	retAllow = unix.SECCOMP_RET_ALLOW

	// Offsets in struct seccomp_data.
	dataNr   = 0
	dataArch = 4

	// x32 syscalls reach the kernel as x86_64 ones with this bit set.
	x32SyscallBit = 0x40000000

	// bpfMaxInsns is the kernel's limit on a filter's length.
	bpfMaxInsns = 4096
)

// seccompArches are the arches a tracee on this host can run as, so the
// filter selects by each one's numbers: a 64-bit x86 program may exec a
// 32-bit one, and the filter is inherited across exec.
func seccompArches() []*decoder.Arch {
	var audits []uint32
	switch runtime.GOARCH {
	case "amd64":
		audits = []uint32{decoder.AuditArchX86_64, decoder.AuditArchI386}
	case "arm64":
		audits = []uint32{decoder.AuditArchAarch64}
	case "386":
		audits = []uint32{decoder.AuditArchI386}
	}
	var arches []*decoder.Arch
	for _, a := range audits {
		if arch := decoder.ArchByAudit(a); arch != nil {
			arches = append(arches, arch)
		}
	}
	return arches
}

// seccompProgram builds the filter: per arch, TRACE for the selected
// numbers and ALLOW for the rest (execs too: the tracer follows them by
// their PTRACE_EVENT_EXEC, and a stop for a call the capture drops is work
// for nothing); TRACE for arches it has no table for
// (the tracer then filters) and for x32 numbers, which would otherwise
// pass as unselected x86_64 ones. Every conditional jump is short, to a
// return right after it, so the program never outgrows BPF's 8-bit jump
// offsets however many ranges it holds.
func seccompProgram(sel SyscallSelector) ([]unix.SockFilter, error) {
	arches := seccompArches()
	if len(arches) == 0 {
		return nil, errors.New("no syscall table for this host's architecture")
	}
	var blocks [][]unix.SockFilter
	for _, a := range arches {
		selected, rest := sel.Syscalls(a)
		b := []unix.SockFilter{{Code: bpfLdAbsW, K: dataNr}}
		if a.Audit == decoder.AuditArchX86_64 {
			b = append(b, unix.SockFilter{Code: bpfJge, K: x32SyscallBit, Jt: 0, Jf: 1}, unix.SockFilter{Code: bpfRet, K: retTrace})
		}
		for lo := 0; lo < len(selected); lo++ {
			if !selected[lo] {
				continue
			}
			hi := lo
			for hi+1 < len(selected) && selected[hi+1] {
				hi++
			}
			if lo == hi {
				b = append(b, unix.SockFilter{Code: bpfJeq, K: uint32(lo), Jt: 0, Jf: 1})
			} else {
				b = append(b,
					unix.SockFilter{Code: bpfJge, K: uint32(lo), Jt: 0, Jf: 2},
					unix.SockFilter{Code: bpfJgt, K: uint32(hi), Jt: 1, Jf: 0})
			}
			b = append(b, unix.SockFilter{Code: bpfRet, K: retTrace})
			lo = hi
		}
		if rest {
			b = append(b, unix.SockFilter{Code: bpfJge, K: uint32(len(selected)), Jt: 0, Jf: 1}, unix.SockFilter{Code: bpfRet, K: retTrace})
		}
		b = append(b, unix.SockFilter{Code: bpfRet, K: retAllow})
		blocks = append(blocks, b)
	}
	// Dispatch on the arch: "jeq ARCH, 0, 1; ja BLOCK" per arch, then
	// TRACE for any other arch; the blocks follow.
	prog := []unix.SockFilter{{Code: bpfLdAbsW, K: dataArch}}
	dispatchLen := 1 + 2*len(blocks) + 1
	offset := dispatchLen // where the next block starts
	for i, a := range arches {
		ja := unix.SockFilter{Code: bpfJa}
		// A ja's offset counts from the instruction after it.
		ja.K = uint32(offset - (len(prog) + 2))
		prog = append(prog, unix.SockFilter{Code: bpfJeq, K: a.Audit, Jt: 0, Jf: 1}, ja)
		offset += len(blocks[i])
	}
	prog = append(prog, unix.SockFilter{Code: bpfRet, K: retTrace})
	for _, b := range blocks {
		prog = append(prog, b...)
	}
	if len(prog) > bpfMaxInsns {
		return nil, fmt.Errorf("the seccomp filter needs %d instructions, more than the kernel's %d", len(prog), bpfMaxInsns)
	}
	return prog, nil
}

// selectsExecve reports whether sel stops on arch's execve.
func selectsExecve(sel SyscallSelector, arch uint32) bool {
	a := decoder.ArchByAudit(arch)
	if a == nil {
		return true
	}
	selected, rest := sel.Syscalls(a)
	nr, ok := a.SyscallNumber("execve")
	if !ok || nr >= int64(len(selected)) {
		return rest
	}
	return selected[nr]
}

// seccompAvailable reports whether the kernel has seccomp filters
// (CONFIG_SECCOMP_FILTER): PR_GET_SECCOMP fails with EINVAL without
// CONFIG_SECCOMP, and SECCOMP_GET_ACTION_AVAIL answers for RET_TRACE.
func seccompAvailable() bool {
	if _, err := unix.PrctlRetInt(unix.PR_GET_SECCOMP, 0, 0, 0, 0); err != nil {
		return false
	}
	action := uint32(retTrace)
	_, _, e := unix.Syscall(unix.SYS_SECCOMP, unix.SECCOMP_GET_ACTION_AVAIL, 0, uintptr(unsafe.Pointer(&action)))
	return e == 0
}
