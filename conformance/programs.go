package conformance

import (
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"runtime"
)

// CPrograms are the C programs of testdata, each a program of the corpus
// under its own name; CPrograms32 are also built with gcc -m32, as NAME32.
// The conformance test and the dissector's corpus (lua/corpus_test.go)
// both trace them.
var (
	CPrograms   = []string{"forkwait", "threads", "signals", "epoll", "fileops", "ids", "tcp", "unix", "misc", "offsets", "futex", "execthread", "killread"}
	CPrograms32 = []string{"forkwait", "offsets"}
)

// Err32 is returned by BuildCPrograms when gcc -m32 fails: the 64-bit
// programs are built, the 32-bit ones are not (gcc-multilib is missing).
var Err32 = errors.New("gcc -m32 failed (install gcc-multilib)")

// BuildCPrograms compiles CPrograms (and CPrograms32) into dir with gcc.
func BuildCPrograms(gcc, dir string) error {
	src := func(name string) string { return filepath.Join(sourceDir(), "testdata", name+".c") }
	for _, name := range CPrograms {
		if out, err := exec.Command(gcc, "-O2", "-Wall", "-pthread", "-o", filepath.Join(dir, name), src(name)).CombinedOutput(); err != nil {
			return fmt.Errorf("building %s: %v\n%s", name, err, out)
		}
	}
	for _, name := range CPrograms32 {
		if out, err := exec.Command(gcc, "-m32", "-O2", "-Wall", "-o", filepath.Join(dir, name+"32"), src(name)).CombinedOutput(); err != nil {
			return fmt.Errorf("%w: %v\n%s", Err32, err, out)
		}
	}
	return nil
}

// sourceDir is this package's directory, whichever package's test asks.
func sourceDir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Dir(file)
}
