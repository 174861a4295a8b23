package testhost

import (
	"os"
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
	err := probeIA32()
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
	f := &Feature{Name: "x", probe: probeIA32}
	if f.Err() == nil {
		t.Error("a forced refusal still reports the feature")
	}
	os.Unsetenv("STRACEDUMP_TEST_REFUSE")
}
