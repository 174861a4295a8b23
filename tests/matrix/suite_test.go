package matrix

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Environment knobs; tests/matrix/run.sh sets them, docs/wireshark-versions.md
// describes them.
const (
	envBin     = "MATRIX_BIN"     // the stracedump binary under test; without it the suite skips
	envLua     = "MATRIX_LUA"     // the directory of Lua sources under test (the repo's lua/)
	envStrict  = "MATRIX_STRICT"  // "1": a piece that does not exist yet is a failure
	envResults = "MATRIX_RESULTS" // file the per-check results are written to, for the report
	envInfoMin = "MATRIX_INFO_MIN"
)

const (
	commandTimeout = 30 * time.Second
	// The live capture ends when `ls` exits; the autostop only bounds a
	// capture whose extcap never stops on its own.
	liveAutostop = 20
	liveTimeout  = 90 * time.Second
	// The command the live capture launches, through the extcap's
	// "command" argument. It fails an access() with ENOENT in the dynamic
	// loader (/etc/ld.so.preload), which the errno filter check relies on.
	liveCommand = "ls -l /"
)

// suite is the state the checks share, in the order they run: later checks
// use what earlier ones produced (the record, the installed plugin, the
// live capture) and say "blocked" when it is missing.
type suite struct {
	bin, luaDir  string
	strict       bool
	work         string
	version      string // tshark version, e.g. "4.4.19"
	lua          string // Lua version tshark is built with, e.g. "5.4"
	luaFiles     []string
	hasDissector bool // lua/strace.lua exists

	record    string // a capture made by `stracedump record` as this user
	extcap    bool   // stracedump answers --extcap-interfaces
	installed bool   // `stracedump install` succeeded
	capture   string // the live capture tshark wrote through the extcap

	luaErrors []string // "Lua:" lines from any tshark run
	results   []result
	reasons   map[string]string
}

type result struct {
	name, status, reason string
}

var s *suite

func TestMain(m *testing.M) {
	bin := os.Getenv(envBin)
	if bin == "" {
		fmt.Println("matrix: " + envBin + " is not set; this suite runs through tests/matrix/run.sh (make test-wireshark-matrix)")
		os.Exit(0)
	}
	if os.Getuid() == 0 {
		fmt.Fprintln(os.Stderr, "matrix: the suite must run unprivileged: Wireshark 4.4 and later silently skip Lua as root")
		os.Exit(2)
	}
	work, err := os.MkdirTemp("", "matrix-suite-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "matrix:", err)
		os.Exit(2)
	}
	s = &suite{
		bin:     bin,
		luaDir:  os.Getenv(envLua),
		strict:  os.Getenv(envStrict) == "1",
		work:    work,
		reasons: map[string]string{},
	}
	code := m.Run()
	if path := os.Getenv(envResults); path != "" {
		if err := s.writeResults(path); err != nil {
			fmt.Fprintln(os.Stderr, "matrix: writing results:", err)
			code = 2
		}
	}
	os.RemoveAll(work)
	os.Exit(code)
}

// TestWireshark runs every check in order as a subtest; the runner selects
// some with -test.run (the self-check runs only the Lua ones).
func TestWireshark(t *testing.T) {
	if !s.detectVersions(t) {
		return
	}
	checks := []struct {
		name string
		fn   func(t *testing.T)
	}{
		{"ptrace", s.checkPtrace},
		{"luac", s.checkLuac},
		{"lua_load", s.checkLuaLoad},
		{"extcap_interfaces", s.checkExtcapInterfaces},
		{"extcap_dlts", s.checkExtcapDLTs},
		{"extcap_config", s.checkExtcapConfig},
		{"install", s.checkInstall},
		{"tshark_D", s.checkTsharkD},
		{"live_capture", s.checkLiveCapture},
		{"info_vs_decode", s.checkInfoVsDecode},
		{"filter_syscall", s.checkFilterSyscall},
		{"filter_errno", s.checkFilterErrno},
		{"summary", s.checkSummary},
		{"follow", s.checkFollow},
		{"statistics", s.checkStatistics},
		{"saved_settings", s.checkSavedSettings},
		{"profile_filters", s.checkProfileFilters},
		{"fault_signal", s.checkFaultSignal},
		{"workbench", s.checkWorkbench},
		{"record_versions", s.checkRecordVersions},
		{"imported", s.checkImported},
		{"payloads", s.checkPayloads},
		{"lua_errors", s.checkLuaErrors},
	}
	for _, c := range checks {
		t.Run(c.name, func(t *testing.T) {
			t.Cleanup(func() { s.note(t, c.name) })
			c.fn(t)
		})
	}
}

// note records a check's outcome for the report.
func (s *suite) note(t *testing.T, name string) {
	status := "PASS"
	switch {
	case t.Failed():
		status = "FAIL"
	case t.Skipped():
		status = "NYA"
	}
	s.results = append(s.results, result{name, status, s.reasons[name]})
}

func (s *suite) writeResults(path string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "tshark\t%s\nlua\t%s\n", s.version, s.lua)
	for _, r := range s.results {
		reason := strings.ReplaceAll(strings.ReplaceAll(r.reason, "\t", " "), "\n", " | ")
		fmt.Fprintf(&b, "check\t%s\t%s\t%s\n", r.name, r.status, reason)
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

func checkName(t *testing.T) string {
	return t.Name()[strings.LastIndexByte(t.Name(), '/')+1:]
}

// failf fails the running check and keeps its reason for the report.
func (s *suite) failf(t *testing.T, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if _, ok := s.reasons[checkName(t)]; !ok {
		s.reasons[checkName(t)] = msg
	}
	t.Fatal(msg)
}

// errorf fails the running check but lets it go on collecting failures.
func (s *suite) errorf(t *testing.T, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if _, ok := s.reasons[checkName(t)]; !ok {
		s.reasons[checkName(t)] = msg
	}
	t.Error(msg)
}

// notYet ends a check whose piece of the project has not landed: a skip
// while the pieces are being written, a failure under MATRIX_STRICT=1.
func (s *suite) notYet(t *testing.T, what string) {
	t.Helper()
	if s.strict {
		s.failf(t, "not available (%s=1): %s", envStrict, what)
	}
	s.reasons[checkName(t)] = what
	t.Skip("not yet available: " + what)
}

// blocked ends a check that needs what an earlier check failed to make.
func (s *suite) blocked(t *testing.T, by string) {
	t.Helper()
	s.failf(t, "blocked: %s failed", by)
}

type output struct {
	stdout, stderr string
	code           int
	elapsed        time.Duration
}

func (o output) String() string {
	return fmt.Sprintf("exit %d, stderr %q", o.code, firstLines(o.stderr, 3))
}

// run runs a command with the suite's environment plus env and returns its
// output; a command that cannot start fails the check.
func (s *suite) run(t *testing.T, timeout time.Duration, env []string, name string, args ...string) output {
	t.Helper()
	return s.runIn(t, s.work, timeout, env, name, args...)
}

func (s *suite) runIn(t *testing.T, dir string, timeout time.Duration, env []string, name string, args ...string) output {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	// On a timeout, kill the whole process group: tshark's dumpcap and
	// extcap children would otherwise hold our pipes open, and Wait too.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 5 * time.Second
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	o := output{stdout: stdout.String(), stderr: stderr.String(), elapsed: time.Since(start)}
	var exitErr *exec.ExitError
	switch {
	case ctx.Err() != nil:
		s.failf(t, "%s %s: timed out after %s", name, strings.Join(args, " "), timeout)
	case errors.As(err, &exitErr):
		o.code = exitErr.ExitCode()
	case err != nil:
		s.failf(t, "%s: %v", name, err)
	}
	return o
}

// tshark runs tshark and fails the check on any Lua error it prints: Lua
// load errors leave tshark's exit status 0.
func (s *suite) tshark(t *testing.T, env []string, args ...string) output {
	t.Helper()
	return s.tsharkTimeout(t, commandTimeout, env, args...)
}

func (s *suite) tsharkTimeout(t *testing.T, timeout time.Duration, env []string, args ...string) output {
	t.Helper()
	o := s.run(t, timeout, env, "tshark", args...)
	for _, line := range strings.Split(o.stderr, "\n") {
		if strings.Contains(line, "Lua:") {
			s.luaErrors = append(s.luaErrors, checkName(t)+": "+line)
			s.errorf(t, "tshark %s: %s", strings.Join(args, " "), line)
		}
	}
	return o
}

var (
	tsharkVersionRE = regexp.MustCompile(`TShark \(Wireshark\) (\d+\.\d+\.\d+)`)
	luaVersionRE    = regexp.MustCompile(`Lua (\d+\.\d+)`)
)

func (s *suite) detectVersions(t *testing.T) bool {
	o := s.run(t, commandTimeout, nil, "tshark", "-v")
	m := tsharkVersionRE.FindStringSubmatch(o.stdout)
	if m == nil {
		t.Errorf("tshark -v names no version: %s", firstLines(o.stdout, 2))
		return false
	}
	s.version = m[1]
	if m := luaVersionRE.FindStringSubmatch(strings.Join(strings.Fields(o.stdout), " ")); m != nil {
		s.lua = m[1]
	}
	t.Logf("tshark %s, Lua %s", s.version, s.lua)
	if s.luaDir != "" {
		s.luaFiles, _ = filepath.Glob(filepath.Join(s.luaDir, "*.lua"))
		_, err := os.Stat(filepath.Join(s.luaDir, "strace.lua"))
		s.hasDissector = err == nil
	}
	return true
}

func majorMinor(v string) string {
	parts := strings.SplitN(v, ".", 3)
	if len(parts) < 2 {
		return v
	}
	return parts[0] + "." + parts[1]
}

// squeeze trims l and turns each run of whitespace into one space.
func squeeze(l string) string {
	return strings.Join(strings.Fields(l), " ")
}

// lines splits output into its non-empty lines.
func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) != "" {
			out = append(out, l)
		}
	}
	return out
}

func firstLines(s string, n int) string {
	return strings.Join(firstN(lines(s), n), " | ")
}

func firstN(l []string, n int) []string {
	if len(l) > n {
		return l[:n]
	}
	return l
}
