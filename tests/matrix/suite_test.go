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
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stracedump/stracedump/lua"
	"github.com/stracedump/stracedump/lua/workbench"
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

// checkPtrace: the tracer works as this unprivileged user in this root
// (ptrace of its own children needs /proc and nothing else), and this
// tshark opens what it wrote.
func (s *suite) checkPtrace(t *testing.T) {
	path := filepath.Join(s.work, "record.pcapng")
	o := s.run(t, commandTimeout, nil, s.bin, "record", "-o", path, "--", "/bin/ls", "-l", "/")
	if o.code != 0 {
		s.failf(t, "stracedump record -- ls -l /: %s", o)
	}
	o = s.run(t, commandTimeout, nil, "tshark", "-r", path, "-T", "fields", "-e", "frame.number")
	if n := len(lines(o.stdout)); o.code != 0 || n == 0 {
		s.failf(t, "tshark -r of the record: %d frames, %s", n, o)
	}
	s.record = path
}

// checkLuac: every Lua file parses with the luac of the Lua this tshark
// is built with.
func (s *suite) checkLuac(t *testing.T) {
	if len(s.luaFiles) == 0 {
		s.notYet(t, "no lua/*.lua")
	}
	if s.lua == "" {
		s.failf(t, "tshark -v names no Lua version: this tshark has no Lua")
	}
	luac := "luac" + s.lua
	if _, err := exec.LookPath(luac); err != nil {
		s.failf(t, "%s is not installed (Debian package lua%s); the runner installs it", luac, s.lua)
	}
	for _, f := range s.luaFiles {
		if o := s.run(t, commandTimeout, nil, luac, "-p", f); o.code != 0 {
			s.errorf(t, "%s -p %s: %s", luac, filepath.Base(f), firstLines(o.stderr, 2))
		}
	}
}

// checkLuaLoad: the Lua files, as personal plugins of a fresh home, load
// with no Lua error and dissect the recorded capture without one.
func (s *suite) checkLuaLoad(t *testing.T) {
	if len(s.luaFiles) == 0 {
		s.notYet(t, "no lua/*.lua")
	}
	home := filepath.Join(s.work, "lua-load-home")
	plugins := filepath.Join(home, ".local", "lib", "wireshark", "plugins")
	if err := os.MkdirAll(plugins, 0o755); err != nil {
		s.failf(t, "%v", err)
	}
	for _, f := range s.luaFiles {
		b, err := os.ReadFile(f)
		if err != nil {
			s.failf(t, "%v", err)
		}
		if err := os.WriteFile(filepath.Join(plugins, filepath.Base(f)), b, 0o644); err != nil {
			s.failf(t, "%v", err)
		}
	}
	env := []string{"HOME=" + home}
	o := s.tshark(t, env, "-G", "plugins")
	for _, f := range s.luaFiles {
		if !listsPlugin(o.stdout, filepath.Base(f)) {
			s.errorf(t, "tshark -G plugins does not list %s (not loaded)", filepath.Base(f))
		}
	}
	if s.record == "" {
		return
	}
	o = s.tshark(t, env, "-r", s.record, "-V")
	if o.code != 0 {
		s.errorf(t, "tshark -r record -V: %s", o)
	}
	o = s.tshark(t, env, "-r", s.record, "-Y", "_ws.lua.error || _ws.malformed")
	if n := len(lines(o.stdout)); n > 0 {
		s.errorf(t, "%d frames of the record have Lua errors or are malformed, first: %s", n, firstLines(o.stdout, 1))
	}
	// A loaded "strace" protocol must really dissect the records: a
	// plugin can be listed yet never called.
	if g := s.tshark(t, env, "-G", "protocols"); registersProtocol(g.stdout, "strace") {
		all := s.tshark(t, env, "-r", s.record, "-T", "fields", "-e", "frame.number")
		dissected := s.tshark(t, env, "-r", s.record, "-Y", "strace", "-T", "fields", "-e", "frame.number")
		if a, d := len(lines(all.stdout)), len(lines(dissected.stdout)); a != d {
			s.errorf(t, "the strace protocol dissects %d of the record's %d frames", d, a)
		}
	}
}

// registersProtocol reports whether tshark -G protocols lists a protocol
// with this filter name (its third column).
func registersProtocol(listing, filter string) bool {
	for _, line := range lines(listing) {
		if f := strings.Split(line, "\t"); len(f) >= 3 && f[2] == filter {
			return true
		}
	}
	return false
}

func listsPlugin(listing, base string) bool {
	for _, line := range lines(listing) {
		f := strings.Fields(line)
		if len(f) > 0 && f[0] == base && strings.Contains(line, "lua") {
			return true
		}
	}
	return false
}

// extcapCall runs stracedump as Wireshark runs its extcaps and reports
// whether the extcap flags exist at all.
func (s *suite) extcapCall(t *testing.T, args ...string) (output, bool) {
	t.Helper()
	o := s.run(t, commandTimeout, nil, s.bin, args...)
	if o.code != 0 && strings.Contains(o.stderr, "not defined") {
		return o, false
	}
	return o, true
}

func (s *suite) checkExtcapInterfaces(t *testing.T) {
	o, ok := s.extcapCall(t, "--extcap-interfaces", "--extcap-version="+majorMinor(s.version))
	if !ok {
		s.notYet(t, "stracedump --extcap-interfaces")
	}
	s.extcap = true
	if o.code != 0 {
		s.failf(t, "--extcap-interfaces: %s", o)
	}
	if !strings.Contains(o.stdout, "interface {value=strace}") {
		s.errorf(t, "--extcap-interfaces lists no interface {value=strace}: %q", firstLines(o.stdout, 3))
	}
	if o.elapsed > time.Second {
		s.errorf(t, "--extcap-interfaces took %s; Wireshark runs it at every start", o.elapsed)
	}
}

func (s *suite) needExtcap(t *testing.T) {
	t.Helper()
	if !s.extcap {
		s.notYet(t, "stracedump --extcap-interfaces")
	}
}

func (s *suite) checkExtcapDLTs(t *testing.T) {
	s.needExtcap(t)
	o, _ := s.extcapCall(t, "--extcap-dlts", "--extcap-interface", "strace")
	if o.code != 0 {
		s.failf(t, "--extcap-dlts: %s", o)
	}
	if !strings.Contains(o.stdout, "dlt {number=252}") {
		s.errorf(t, "--extcap-dlts names no dlt {number=252}: %q", firstLines(o.stdout, 3))
	}
}

func (s *suite) checkExtcapConfig(t *testing.T) {
	s.needExtcap(t)
	o, _ := s.extcapCall(t, "--extcap-config", "--extcap-interface", "strace")
	if o.code != 0 {
		s.failf(t, "--extcap-config: %s", o)
	}
	// The live capture sets the program through -o extcap.strace.command.
	if !strings.Contains(o.stdout, "{call=--command}") {
		s.errorf(t, "--extcap-config has no {call=--command} argument: %q", firstLines(o.stdout, 3))
	}
}

var installCommandRE = regexp.MustCompile(`(?m)^\s+install\b`)

// checkInstall: `stracedump install` for this user makes this tshark load
// the dissector.
func (s *suite) checkInstall(t *testing.T) {
	if o := s.run(t, commandTimeout, nil, s.bin, "--help"); !installCommandRE.MatchString(o.stdout) {
		s.notYet(t, "stracedump install")
	}
	// From the binary's directory, which holds lua/ beside it as the
	// repository does, like `make install` from a checkout.
	o := s.runIn(t, filepath.Dir(s.bin), commandTimeout, nil, s.bin, "install")
	if o.code != 0 {
		s.failf(t, "stracedump install: %s", o)
	}
	t.Logf("stracedump install said:\n%s", o.stdout)
	if s.hasDissector {
		g := s.tshark(t, nil, "-G", "plugins")
		for _, f := range []string{"strace.lua", "strace_render.lua", "strace_decode.lua", "strace_uring.lua"} {
			if !listsPlugin(g.stdout, f) {
				s.failf(t, "after stracedump install, tshark -G plugins lists no %s", f)
			}
		}
	}
	s.installed = true
}

// needInstall ends a check that needs the installed extcap.
func (s *suite) needInstall(t *testing.T) {
	t.Helper()
	if s.installed {
		return
	}
	if s.failedBefore("install") {
		s.blocked(t, "install")
	}
	s.notYet(t, "stracedump install")
}

func (s *suite) failedBefore(name string) bool {
	for _, r := range s.results {
		if r.name == name {
			return r.status == "FAIL"
		}
	}
	return false
}

func (s *suite) checkTsharkD(t *testing.T) {
	s.needInstall(t)
	o := s.tshark(t, nil, "-D")
	if o.code != 0 {
		s.failf(t, "tshark -D: %s", o)
	}
	if !regexp.MustCompile(`(?m)^\d+\. strace\b`).MatchString(o.stdout) {
		s.failf(t, "tshark -D does not list strace:\n%s", o.stdout)
	}
}

// checkLiveCapture: tshark launches `ls -l /` through the installed
// extcap, writes the capture and prints it dissected by the installed Lua.
func (s *suite) checkLiveCapture(t *testing.T) {
	s.needInstall(t)
	if !s.hasDissector {
		s.notYet(t, "lua/strace.lua")
	}
	path := filepath.Join(s.work, "live.pcapng")
	o := s.tsharkTimeout(t, liveTimeout, nil, "-i", "strace",
		"-o", "extcap.strace.command:"+liveCommand,
		"-a", "duration:"+strconv.Itoa(liveAutostop), "-w", path, "-P")
	if o.code != 0 {
		s.failf(t, "tshark -i strace: %s", o)
	}
	t.Logf("live capture took %s", o.elapsed.Round(time.Millisecond))
	dissected := 0
	for _, line := range lines(o.stdout) {
		if strings.Contains(line, "STRACE") {
			dissected++
		}
	}
	if dissected == 0 {
		s.failf(t, "tshark -i strace printed no STRACE packets: %q", firstLines(o.stdout, 3))
	}
	if !strings.Contains(o.stdout, "execve") {
		s.errorf(t, "the live capture shows no execve of ls: %q", firstLines(o.stdout, 3))
	}
	s.capture = path
}

func (s *suite) needCapture(t *testing.T) {
	t.Helper()
	if s.capture != "" {
		return
	}
	if s.failedBefore("live_capture") {
		s.blocked(t, "live_capture")
	}
	s.notYet(t, "the live capture (extcap, install and lua/strace.lua)")
}

// decodeLines is `stracedump decode` of the live capture.
func (s *suite) decodeLines(t *testing.T) []string {
	t.Helper()
	o := s.run(t, commandTimeout, nil, s.bin, "decode", s.capture)
	if o.code != 0 {
		s.failf(t, "stracedump decode: %s", o)
	}
	return lines(o.stdout)
}

// checkInfoVsDecode: every line `stracedump decode` prints is the Info
// column of some record (a call's entry and exit are two records, and
// decode prints one line for both, so the Info lines are a superset).
func (s *suite) checkInfoVsDecode(t *testing.T) {
	s.needCapture(t)
	want := s.decodeLines(t)
	// A single Info column: works on every version, unlike the field
	// _ws.col.Info, which 4.2 renamed _ws.col.info.
	o := s.tshark(t, nil, "-r", s.capture, "-o", `gui.column.format:"Info","%i"`)
	if o.code != 0 {
		s.failf(t, "tshark -r: %s", o)
	}
	// Whitespace runs compare as one space: decode pads " = result" to
	// strace's column 40 on a terminal, a column has no such padding.
	have := map[string]int{}
	for _, l := range lines(o.stdout) {
		have[squeeze(l)]++
	}
	var missing []string
	for _, l := range want {
		l = squeeze(l)
		if have[l] > 0 {
			have[l]--
		} else {
			missing = append(missing, l)
		}
	}
	if len(want) == 0 {
		s.failf(t, "stracedump decode printed nothing for the live capture")
	}
	share := 100 * float64(len(want)-len(missing)) / float64(len(want))
	t.Logf("%d of %d decode lines are Info lines (%.1f%%)", len(want)-len(missing), len(want), share)
	min := 100.0
	if v, err := strconv.ParseFloat(os.Getenv(envInfoMin), 64); err == nil {
		min = v
	}
	if share < min {
		s.failf(t, "%.1f%% of decode lines match an Info line (want %.0f%%); first missing: %q", share, min, firstN(missing, 3))
	}
}

func (s *suite) checkFilterSyscall(t *testing.T) {
	s.needCapture(t)
	o := s.tshark(t, nil, "-r", s.capture, "-Y", `strace.syscall == "openat"`, "-T", "fields", "-e", "strace.syscall")
	if o.code != 0 {
		s.failf(t, "tshark -Y strace.syscall: %s", o)
	}
	rows := lines(o.stdout)
	if len(rows) == 0 {
		s.failf(t, `strace.syscall == "openat" matches nothing in a capture of ls`)
	}
	for _, r := range rows {
		if r != "openat" {
			s.failf(t, `strace.syscall == "openat" matched a row with strace.syscall %q`, r)
		}
	}
}

func (s *suite) checkFilterErrno(t *testing.T) {
	s.needCapture(t)
	want := 0
	for _, l := range s.decodeLines(t) {
		if strings.Contains(l, "= -1 ENOENT") {
			want++
		}
	}
	o := s.tshark(t, nil, "-r", s.capture, "-Y", "strace.errno == ENOENT", "-T", "fields", "-e", "frame.number")
	if o.code != 0 {
		s.failf(t, "tshark -Y strace.errno == ENOENT: %s", o)
	}
	if have := len(lines(o.stdout)); have == 0 || have != want {
		s.failf(t, "strace.errno == ENOENT matches %d records, decode prints %d ENOENT results", have, want)
	}
}

func (s *suite) checkSummary(t *testing.T) {
	s.needCapture(t)
	o := s.tshark(t, nil, "-r", s.capture, "-q", "-z", "strace,summary")
	if o.code != 0 {
		s.failf(t, "tshark -z strace,summary: %s", o)
	}
	if !regexp.MustCompile(`(?m)\d.*\bopenat\b|\bopenat\b.*\d`).MatchString(o.stdout) {
		s.failf(t, "the summary has no openat row with counts:\n%s", o.stdout)
	}
}

// checkSavedSettings: a command given with -o wins over a process that
// Wireshark's options dialog saved in the profile, as the extcap reads
// its caller's command line; and the capture row keeps the command's
// quoting.
func (s *suite) checkSavedSettings(t *testing.T) {
	s.needInstall(t)
	if !s.hasDissector {
		s.notYet(t, "lua/strace.lua")
	}
	prof := filepath.Join(os.Getenv("HOME"), ".config", "wireshark", "profiles", "saved")
	if err := os.MkdirAll(prof, 0o755); err != nil {
		s.failf(t, "%v", err)
	}
	// Pid 1 cannot be traced by this user: were it used, the capture fails.
	if err := os.WriteFile(filepath.Join(prof, "preferences"), []byte("extcap.strace.process: 1\n"), 0o644); err != nil {
		s.failf(t, "%v", err)
	}
	path := filepath.Join(s.work, "saved.pcapng")
	o := s.tsharkTimeout(t, liveTimeout, nil, "-C", "saved", "-i", "strace",
		"-o", "extcap.strace.command:sh -c 'exit 0'", "-a", "duration:"+strconv.Itoa(liveAutostop), "-w", path)
	if o.code != 0 || strings.Contains(o.stderr, "rror") {
		s.failf(t, "tshark -C saved -i strace -o extcap.strace.command:... with a saved process: %s", o)
	}
	o = s.tshark(t, nil, "-r", path, "-Y", "frame.number == 1", "-o", `gui.column.format:"Info","%i"`)
	if want := "sh -c 'exit 0'"; !strings.Contains(o.stdout, want) {
		s.errorf(t, "the capture row of the -o command is %q, want it to show %s", strings.TrimSpace(o.stdout), want)
	}
}

// checkProfileFilters: every display filter bookmark and button of the
// installed "strace" profile compiles on this tshark.
func (s *suite) checkProfileFilters(t *testing.T) {
	s.needInstall(t)
	if s.record == "" {
		s.blocked(t, "ptrace")
	}
	filters, err := lua.ProfileFilters()
	if err != nil {
		s.failf(t, "%v", err)
	}
	var display []lua.ProfileFilter
	var all []string
	for _, f := range filters {
		if f.File != "cfilters" { // cfilters: the extcap's language, the same on every version
			display = append(display, f)
			all = append(all, "("+f.Expr+")")
		}
	}
	if len(display) == 0 {
		s.failf(t, "the profile has no display filters")
	}
	// One tshark run for all of them; one per filter only to name the bad one.
	if o := s.tshark(t, nil, "-r", s.record, "-C", "strace", "-Y", strings.Join(all, " || ")); o.code == 0 {
		return
	}
	for _, f := range display {
		if o := s.tshark(t, nil, "-r", s.record, "-C", "strace", "-Y", f.Expr); o.code != 0 {
			s.errorf(t, "%s %q: %q does not compile: %s", f.File, f.Name, f.Expr, o)
		}
	}
}

// faultCommand sends itself SIGSEGV with kill() (SI_USER, caught), then
// faults for real (SEGV_MAPERR, killed): perl-base is in every Debian.
const faultCommand = `perl -e '$SIG{SEGV} = sub {}; kill SEGV => $$'; perl -e 'unpack q(p), pack q(J), 8'`

// checkFaultSignal: only the signal the kernel sent for a fault is
// flagged a fault signal and coloured as one in the strace profile; the
// SIGSEGV sent with kill() is an ordinary signal.
func (s *suite) checkFaultSignal(t *testing.T) {
	s.needInstall(t)
	if !s.hasDissector {
		s.notYet(t, "lua/strace.lua")
	}
	if _, err := exec.LookPath("perl"); err != nil {
		s.failf(t, "perl is not installed: %v", err)
	}
	path := filepath.Join(s.work, "fault.pcapng")
	s.run(t, commandTimeout, nil, s.bin, "record", "-f", "-o", path, "--", "sh", "-c", faultCommand)
	o := s.tshark(t, nil, "-r", path, "-C", "strace", "--color", "-Y", "strace.signal == 11",
		"-T", "fields", "-E", "separator=,", "-e", "strace.siginfo.code", "-e", "strace.signal.fatal", "-e", "frame.coloring_rule.name")
	got := strings.Join(lines(o.stdout), " | ")
	if want := "0,,Signal | 1,1,Fault signal"; o.code != 0 || got != want {
		s.errorf(t, "SIGSEGV records (si_code/fault flag/colour): %q, want %q (%s)", got, want, o)
	}
}

// checkWorkbench: what an analyst sees on this version (package
// workbench): the Process, Result and Info columns, flag bit fields and
// their filters on x86_64 and arm64, "Call has not returned yet" only on
// an entry whose completion is missing (tshark -2), the tree's order.
func (s *suite) checkWorkbench(t *testing.T) {
	s.needInstall(t)
	if !s.hasDissector {
		s.notYet(t, "lua/strace.lua")
	}
	path := filepath.Join(s.work, "workbench.pcapng")
	if err := workbench.Write(path); err != nil {
		s.failf(t, "writing the capture: %v", err)
	}
	if err := os.Chmod(path, 0o644); err != nil {
		s.failf(t, "%v", err)
	}
	prefs, err := lua.Profile.ReadFile("profile/preferences")
	if err != nil {
		s.failf(t, "%v", err)
	}
	run := func(args ...string) (string, error) {
		o := s.tshark(t, nil, args...)
		if o.code != 0 {
			return o.stdout, fmt.Errorf("exit %d: %s", o.code, firstLines(o.stderr, 2))
		}
		return o.stdout, nil
	}
	for _, p := range workbench.Check(run, path, prefs) {
		s.errorf(t, "%s", p)
	}
}

// checkLuaErrors: no frame of the live capture carries a Lua error or is
// malformed, and no tshark run of the suite printed a Lua error.
func (s *suite) checkLuaErrors(t *testing.T) {
	s.needCapture(t)
	o := s.tshark(t, nil, "-r", s.capture, "-Y", "_ws.lua.error || _ws.malformed")
	if n := len(lines(o.stdout)); n > 0 {
		s.errorf(t, "%d frames have Lua errors or are malformed, first: %s", n, firstLines(o.stdout, 1))
	}
	if len(s.luaErrors) > 0 {
		sort.Strings(s.luaErrors)
		s.errorf(t, "%d Lua errors in this suite's tshark runs, first: %s", len(s.luaErrors), s.luaErrors[0])
	}
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
