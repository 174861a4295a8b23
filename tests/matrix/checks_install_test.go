package matrix

// The checks of an installed stracedump through this tshark: install, a live
// capture, Info against decode, filters, the summary, saved settings, the
// profile, fault signals, the workbench and Lua errors.

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stracedump/stracedump/lua"
	"github.com/stracedump/stracedump/lua/workbench"
)

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
		for _, f := range lua.PluginFiles() {
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
