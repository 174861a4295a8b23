package testhost

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"syscall"
	"time"
)

// IA32 is the kernel's running of 32-bit x86 programs on an x86_64 host
// (CONFIG_IA32_EMULATION, which some kernels leave out or switch off with
// ia32_emulation=false): tracing a live 32-bit program needs it. Compiling
// one with gcc -m32 does not.
var IA32 = NewFeature("32-bit x86 executables", "ia32", probeIA32)

// probeIA32 runs a 32-bit program that only exits with status 42, and
// reads the reason when it does not run. The program is written here byte
// by byte, so the probe needs no compiler and no 32-bit libraries: what it
// finds is the kernel's answer alone.
func probeIA32() error {
	if runtime.GOARCH != "amd64" {
		return fmt.Errorf("the host is %s, not x86_64", runtime.GOARCH)
	}
	dir, err := os.MkdirTemp("", "stracedump-ia32-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "exit42")
	if err := os.WriteFile(path, exit42ELF32(), 0o755); err != nil {
		return err
	}
	for try := 0; ; try++ {
		err = exec.Command(path).Run()
		// ETXTBSY: another thread's fork still held the file open for
		// writing (go.dev/issue/22315); it goes away at that child's exec.
		if !errors.Is(err, syscall.ETXTBSY) || try == 10 {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	var ee *exec.ExitError
	switch {
	case err == nil:
		return errors.New("the 32-bit probe exited 0, not 42: it did not run as written")
	case errors.As(err, &ee) && ee.ExitCode() == 42:
		return nil
	case errors.Is(err, syscall.ENOEXEC):
		return fmt.Errorf("the kernel refuses them: running a 32-bit program gave %q", err.Error())
	default:
		return fmt.Errorf("a 32-bit probe program did not run: %w", err)
	}
}

// exit42ELF32 is a whole i386 executable: an ELF header, one loadable
// segment, and the code "mov eax, 1 (exit); mov ebx, 42; int 0x80".
func exit42ELF32() []byte {
	const (
		base   = 0x08048000
		ehsize = 52
		phsize = 32
	)
	code := []byte{0xb8, 1, 0, 0, 0, 0xbb, 42, 0, 0, 0, 0xcd, 0x80}
	size := ehsize + phsize + len(code)
	le := binary.LittleEndian
	b := make([]byte, 0, size)
	b = append(b, 0x7f, 'E', 'L', 'F', 1 /* 32-bit */, 1 /* little-endian */, 1 /* version */)
	b = append(b, make([]byte, 9)...)          // OS ABI and padding to 16
	b = le.AppendUint16(b, 2)                  // e_type: ET_EXEC
	b = le.AppendUint16(b, 3)                  // e_machine: EM_386
	b = le.AppendUint32(b, 1)                  // e_version
	b = le.AppendUint32(b, base+ehsize+phsize) // e_entry: the code
	b = le.AppendUint32(b, ehsize)             // e_phoff
	b = le.AppendUint32(b, 0)                  // e_shoff: no sections
	b = le.AppendUint32(b, 0)                  // e_flags
	b = le.AppendUint16(b, ehsize)             // e_ehsize
	b = le.AppendUint16(b, phsize)             // e_phentsize
	b = le.AppendUint16(b, 1)                  // e_phnum
	b = le.AppendUint16(b, 0)                  // e_shentsize
	b = le.AppendUint16(b, 0)                  // e_shnum
	b = le.AppendUint16(b, 0)                  // e_shstrndx
	b = le.AppendUint32(b, 1)                  // p_type: PT_LOAD
	b = le.AppendUint32(b, 0)                  // p_offset: the whole file
	b = le.AppendUint32(b, base)               // p_vaddr
	b = le.AppendUint32(b, base)               // p_paddr
	b = le.AppendUint32(b, uint32(size))       // p_filesz
	b = le.AppendUint32(b, uint32(size))       // p_memsz
	b = le.AppendUint32(b, 5)                  // p_flags: read, execute
	b = le.AppendUint32(b, 0x1000)             // p_align
	return append(b, code...)
}
