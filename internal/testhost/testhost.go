// Package testhost tells the tests what this machine has: where a tool is,
// and whether the kernel offers a feature a test needs. It is the one place
// that decides what a missing prerequisite does to a test: a missing tool
// fails the test under CI=true (CI installs every tool) and skips it, loudly,
// elsewhere; a missing kernel feature is never a silent skip but a printed
// substitution that says what the test checks instead.
package testhost

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
)

// CI reports whether the tests run under CI (CI=true), where nothing may be
// skipped for a missing tool.
func CI() bool { return os.Getenv("CI") == "true" }

// packages names the Debian package of each tool the tests use that is not
// a package of its own name.
var packages = map[string]string{
	"gcc":        "gcc libc6-dev",
	"setarch":    "util-linux",
	"luac5.2":    "lua5.2",
	"luac5.4":    "lua5.4",
	"cp":         "coreutils",
	"ls":         "coreutils",
	"cat":        "coreutils",
	"tr":         "coreutils",
	"sh":         "dash",
	"qemu-i386":  "qemu-user",
	"sshd":       "openssh-server",
	"ssh-keygen": "openssh-client",
	"ip":         "iproute2",
	"ss":         "iproute2",
	"ps":         "procps",
	"unshare":    "util-linux",
	"df":         "coreutils",
	"du":         "coreutils",
	"stat":       "coreutils",
	"timeout":    "coreutils",
	"getent":     "libc-bin",
}

// Package is the Debian package that brings tool.
func Package(tool string) string {
	if p, ok := packages[tool]; ok {
		return p
	}
	return tool
}

// Tool returns the path of tool. When it is missing, the test fails under
// CI=true and is skipped elsewhere, with a message naming the package to
// install; why says what the test would have checked with it.
func Tool(t testing.TB, tool, why string) string {
	t.Helper()
	path, err := exec.LookPath(tool)
	if err == nil {
		return path
	}
	msg := fmt.Sprintf("%s is not installed (Debian: apt-get install %s; or run .ci/run as root): %s", tool, Package(tool), why)
	if CI() {
		t.Fatalf("%s (CI=true: a missing tool is a failure)", msg)
	}
	fmt.Printf("\n*** SKIPPED %s: %s ***\n\n", t.Name(), msg)
	t.Skip(msg)
	return ""
}

// A Feature is something of the kernel's that some tests need and that a
// machine may refuse: it is probed once per test process.
type Feature struct {
	Name  string       // what a reader calls it: "32-bit x86 executables"
	probe func() error // nil when the kernel offers it

	once sync.Once
	err  error
}

// forced lists the features STRACEDUMP_TEST_REFUSE names (comma-separated
// feature keys), which the tests then treat as refused by the kernel: the
// way to run a machine's substitutions on a machine that does not need them.
func forced(key string) bool {
	for _, k := range strings.Split(os.Getenv("STRACEDUMP_TEST_REFUSE"), ",") {
		if strings.TrimSpace(k) == key {
			return true
		}
	}
	return false
}

// Err probes the feature on first use and returns why it is missing, or nil.
func (f *Feature) Err() error {
	f.once.Do(func() { f.err = f.probe() })
	return f.err
}

// Substitute reports that f is missing and what the test checks in its
// place: one line on the test log, on stdout (go test shows it with -v and
// on failure), and in the file STRACEDUMP_HOST_REPORT names, which `make
// test` prints at its end so a green run still says what it substituted.
func Substitute(t testing.TB, f *Feature, instead string) {
	t.Helper()
	line := fmt.Sprintf("SUBSTITUTED in %s: %s unavailable (%v); checked instead: %s", t.Name(), f.Name, f.Err(), instead)
	t.Log(line)
	fmt.Printf("*** %s ***\n", line)
	if path := os.Getenv("STRACEDUMP_HOST_REPORT"); path != "" {
		if fh, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644); err == nil {
			fmt.Fprintln(fh, line)
			fh.Close()
		}
	}
}

// NewFeature declares a kernel feature that probe finds; key is its name in
// STRACEDUMP_TEST_REFUSE, which makes Err report it refused.
func NewFeature(name, key string, probe func() error) *Feature {
	return &Feature{Name: name, probe: func() error {
		if forced(key) {
			return fmt.Errorf("STRACEDUMP_TEST_REFUSE=%s says to treat it as refused", key)
		}
		return probe()
	}}
}

// Root skips a test that needs root (CI runs as root), saying why.
func Root(t testing.TB, why string) {
	t.Helper()
	if os.Geteuid() == 0 {
		return
	}
	msg := fmt.Sprintf("needs root: %s", why)
	if CI() {
		t.Fatalf("%s (CI runs the tests as root)", msg)
	}
	fmt.Printf("\n*** SKIPPED %s: %s ***\n\n", t.Name(), msg)
	t.Skip(msg)
}
