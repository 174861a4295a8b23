package matrix

// The checks of the host and its tshark before stracedump is installed: ptrace,
// luac, the dissector's load and the extcap's answers.

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

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
