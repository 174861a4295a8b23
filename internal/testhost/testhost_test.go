package testhost

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestIA32Probe: the probe program is a valid i386 executable, so on an
// x86_64 kernel it either runs (exit 42) or is refused as a format the
// kernel does not run; any other error means the probe itself is wrong.
func TestIA32Probe(t *testing.T) {
	if b := exit42ELF32(); len(b) != 52+32+12 {
		t.Fatalf("probe is %d bytes", len(b))
	}
	err := IA32.Err()
	t.Logf("32-bit x86 executables: %v", err)
	if err != nil && runtime.GOARCH == "amd64" && !strings.Contains(err.Error(), "kernel refuses") &&
		!strings.Contains(err.Error(), "STRACEDUMP_TEST_REFUSE") {
		t.Errorf("the probe failed for another reason than the kernel's refusal: %v", err)
	}
}

func TestForced(t *testing.T) {
	t.Setenv("STRACEDUMP_TEST_REFUSE", "seccomp, ia32")
	if !forced("ia32") || !forced("seccomp") || forced("ia3") {
		t.Error("STRACEDUMP_TEST_REFUSE is not read as a list of keys")
	}
	f := NewFeature("x", "ia32", func() error { return nil })
	if f.Err() == nil {
		t.Error("a forced refusal still reports the feature")
	}
}

// TestAttachProbe: as root with no Yama restriction, as here and in CI,
// attaching works; elsewhere the probe must give the kernel's reason.
func TestAttachProbe(t *testing.T) {
	err := Attach.Err()
	t.Logf("%s: %v", Attach.Name, err)
	if err != nil && !strings.Contains(err.Error(), "PTRACE_SEIZE") && !strings.Contains(err.Error(), "STRACEDUMP_TEST_REFUSE") {
		t.Errorf("the probe failed before asking the kernel: %v", err)
	}
}

// TestIA32ProbeProgram runs the probe's program under qemu-i386, an i386
// CPU emulated in user space, so the program itself is checked on every
// kernel: a probe that could not run anywhere would hide the live 32-bit
// tests on kernels that do run them.
func TestIA32ProbeProgram(t *testing.T) {
	qemu := Tool(t, "qemu-i386", "the 32-bit probe program is run on an emulated i386")
	path := filepath.Join(t.TempDir(), "exit42")
	if err := os.WriteFile(path, exit42ELF32(), 0o755); err != nil {
		t.Fatal(err)
	}
	err := exec.Command(qemu, path).Run()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 42 {
		t.Fatalf("qemu-i386 ran the probe program: %v, want exit status 42", err)
	}
}
