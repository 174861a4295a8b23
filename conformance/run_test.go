package conformance

// Running both sides: strace and stracedump over a program, and finding or
// building what they need (the binary, tools, 32-bit programs).

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stracedump/stracedump/internal/testhost"
)

func straceSide(tools map[string]string, name, out, tag string) side {
	return side{name: name, tag: tag, runs: len(modes), run: func(t *testing.T, slug string, dirs []string, argv func(string) []string, stdout []io.Writer) ([]string, error) {
		var paths []string
		for m, md := range modes {
			txt := filepath.Join(out, slug+"."+tag+md.suffix()+".txt")
			args := append([]string{"-R", tools["strace"], "-f", "-qq"}, md.flags...)
			args = append(append(args, "-o", txt, "--"), argv(dirs[m])...)
			if err := command(dirs[m], stdout[m], tools["setarch"], args...); err != nil {
				return nil, err
			}
			paths = append(paths, txt)
		}
		return paths, nil
	}}
}

// stracedumpSide records each program once and decodes the one capture in
// every mode: the capture holds what every option needs.
func stracedumpSide(bin string, tools map[string]string, out string) side {
	return side{name: "stracedump", tag: "stracedump", runs: 1, run: func(t *testing.T, slug string, dirs []string, argv func(string) []string, stdout []io.Writer) ([]string, error) {
		capture := filepath.Join(out, slug+".pcapng")
		args := append([]string{"-R", bin, "record", "-f", "-o", capture, "--"}, argv(dirs[0])...)
		if err := command(dirs[0], stdout[0], tools["setarch"], args...); err != nil {
			return nil, fmt.Errorf("record: %w", err)
		}
		var paths []string
		for _, md := range modes {
			txt := filepath.Join(out, slug+".stracedump"+md.suffix()+".txt")
			os.Remove(txt) // a stale one from an earlier run must not be compared
			dargs := append(append([]string{"decode", "-qq"}, md.flags...), "-o", txt, capture)
			if err := command(dirs[0], nil, bin, dargs...); err != nil {
				return nil, fmt.Errorf("decode: %w", err)
			}
			paths = append(paths, txt)
		}
		return paths, nil
	}}
}

// command runs name in dir with a timeout. The traced programs here all
// exit 0, so a tracer passing on another status means something went wrong.
func command(dir string, stdout io.Writer, name string, args ...string) error {
	ctx, cancel := context.WithTimeout(context.Background(), commandTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.WaitDelay = 5 * time.Second // a leftover tracee holding stdout open must not hang us
	cmd.Stdout = stdout
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	if ctx.Err() != nil {
		return fmt.Errorf("%s timed out after %v", cmd, commandTimeout)
	}
	if err != nil {
		return fmt.Errorf("%s: %w: %s", cmd, err, bytes.TrimSpace(stderr.Bytes()))
	}
	return nil
}

// stracedumpBinary builds the binary under test, or takes STRACEDUMP_BIN.
// Before the CLI has its record command there is nothing to measure, so the
// test skips, except under CI=true, where a skip would hide a regression.
func stracedumpBinary(t *testing.T, ci bool, work string) string {
	bin := os.Getenv(envBin)
	if bin == "" {
		if _, err := os.Stat(filepath.Join("..", "main.go")); err != nil {
			unavailable(t, ci, "stracedump has no main.go yet, so no record command to test")
		}
		bin = filepath.Join(work, "stracedump")
		cmd := exec.Command("go", "build", "-trimpath", "-o", bin, "..")
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("building stracedump: %v\n%s", err, b)
		}
	}
	bin, err := filepath.Abs(bin)
	if err != nil {
		t.Fatal(err)
	}
	if b, err := exec.Command(bin, "record", "--help").CombinedOutput(); err != nil {
		unavailable(t, ci, fmt.Sprintf("%s record --help failed (%v), so it has no record command yet:\n%s", bin, err, b))
	}
	return bin
}

// lookTool finds a tool the test needs; without it the test cannot measure
// anything.
func lookTool(t *testing.T, name string) string {
	t.Helper()
	return testhost.Tool(t, name, "the conformance test compares stracedump's text with strace's")
}

// build32 builds the corpus's C programs into bin and reports whether its
// 32-bit programs can be traced live. gcc -m32 needs gcc-multilib, which
// .ci/run installs: without it they are left out loudly, as a missing tool
// would be. Running them needs a kernel that runs 32-bit executables; where
// it refuses, that is said, and the i386 decoding is checked from committed
// captures instead (decoder's TestI386Captures, lua's corpus).
func build32(t *testing.T, gcc, bin string) bool {
	t.Helper()
	if err := BuildCPrograms(gcc, bin); err != nil {
		if !errors.Is(err, Err32) || testhost.CI() {
			t.Fatal(err)
		}
		fmt.Printf("\n*** CONFORMANCE: no 32-bit programs: %v ***\n\n", err)
		return false
	}
	if testhost.IA32.Err() != nil {
		testhost.Substitute(t, testhost.IA32, Instead32)
		return false
	}
	return true
}

// unavailable stops the test for a missing prerequisite: a failure under
// CI=true, a skip said out loud otherwise.
func unavailable(t *testing.T, ci bool, why string) {
	t.Helper()
	if ci {
		t.Fatalf("%s (CI=true: conformance never skips)", why)
	}
	fmt.Printf("\n*** CONFORMANCE SKIPPED: %s ***\n\n", why)
	t.Skip(why)
}

func run(t *testing.T, name string, args ...string) {
	t.Helper()
	if b, err := exec.Command(name, args...).CombinedOutput(); err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, b)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return ""
	}
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
