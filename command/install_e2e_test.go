package command_test

// TestInstall: make install into a fresh home, used through the real tshark.

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stracedump/stracedump/internal/testhost"
	"github.com/stracedump/stracedump/lua"
)

// TestInstall installs into a fresh home as `make install` does and uses
// the result through the real tshark: the interface is listed, a live
// capture dissects with the installed plugin, and uninstall removes it all.
func TestInstall(t *testing.T) {
	tshark := testhost.Tool(t, "tshark", "install is checked through the real tshark")
	home := t.TempDir()
	env := append(os.Environ(), "HOME="+home, "XDG_CONFIG_HOME=", "XDG_DATA_HOME=")
	run := func(name string, args ...string) string {
		t.Helper()
		cmd := exec.Command(name, args...)
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s %v: %v\n%s", name, args, err, out)
		}
		return string(out)
	}
	out := run(binary, "install")
	for _, want := range []string{"extcap:", "Lua:", "profile:", "tshark -D"} {
		if !strings.Contains(out, want) {
			t.Errorf("install output lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(run(tshark, "-D"), "strace (System calls (strace))") {
		t.Fatal("tshark -D does not list strace after install")
	}
	// The Help button of the options dialog opens the help= file the
	// installed extcap advertises: it must exist and be the help page.
	extcaps, _ := filepath.Glob(filepath.Join(home, "*", "*", "wireshark", "extcap", "stracedump"))
	extcaps2, _ := filepath.Glob(filepath.Join(home, ".config", "wireshark", "extcap", "stracedump"))
	if extcaps = append(extcaps, extcaps2...); len(extcaps) == 0 {
		t.Fatal("install put no stracedump in an extcap folder under HOME")
	}
	for _, x := range extcaps {
		out := run(x, "--extcap-interfaces", "--extcap-version=4.0")
		m := regexp.MustCompile(`\{help=file://([^}]*)\}`).FindStringSubmatch(out)
		if m == nil {
			t.Errorf("%s --extcap-interfaces advertises no help file: %q", x, out)
			continue
		}
		if b, err := os.ReadFile(m[1]); err != nil || !strings.HasPrefix(string(b), "# The `strace` capture interface") {
			t.Errorf("%s advertises help %s: %v, %.40q", x, m[1], err, b)
		}
		if !strings.HasPrefix(m[1], home) {
			t.Errorf("%s advertises help %s, not the one install put under HOME", x, m[1])
		}
	}
	live := run(tshark, "-i", "strace", "-o", "extcap.strace.command:cat /etc/hostname", "-C", "strace",
		"-Y", `strace.syscall == "execve"`, "-T", "fields", "-e", "_ws.col.Protocol", "-e", "_ws.col.Info")
	if !strings.Contains(live, "STRACE\texecve(\"/usr/bin/cat\", [\"cat\", \"/etc/hostname\"]") {
		t.Errorf("live capture through the installed plugin and profile shows:\n%s", live)
	}
	// Every coloring rule of the profile is a valid display filter.
	capture := filepath.Join(home, "c.pcapng")
	run(binary, "record", "-o", capture, "--", "sh", "-c", "cat /nonexistent-file 2>/dev/null; true")
	rules, err := fs.ReadFile(lua.Profile, "profile/colorfilters")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(rules), "\n") {
		parts := strings.Split(line, "@")
		if strings.HasPrefix(line, "#") || len(parts) < 4 {
			continue
		}
		cmd := exec.Command(tshark, "-r", capture, "-C", "strace", "-Y", parts[2])
		cmd.Env = env
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("coloring rule %q: filter %q: %v\n%s", parts[1], parts[2], err, out)
		}
	}
	// The profile's filter bookmarks and buttons: capture filters that the
	// installed extcap accepts as Wireshark asks it (empty answer: valid),
	// display filters that tshark compiles with the installed plugin.
	filters, err := lua.ProfileFilters()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range filters {
		if f.File == "cfilters" {
			for _, x := range extcaps {
				if out := run(x, "--extcap-capture-filter", f.Expr, "--extcap-interface", "strace"); out != "" {
					t.Errorf("capture filter bookmark %q (%s): the extcap says %q", f.Name, f.Expr, out)
				}
			}
			continue
		}
		cmd := exec.Command(tshark, "-r", capture, "-C", "strace", "-Y", f.Expr)
		cmd.Env = env
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("%s %q: filter %q: %v\n%s", f.File, f.Name, f.Expr, err, out)
		}
	}
	run(binary, "uninstall")
	var left []string
	filepath.Walk(home, func(p string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() && (strings.Contains(p, "stracedump") || strings.Contains(p, "profiles/strace")) {
			left = append(left, p)
		}
		return nil
	})
	if len(left) > 0 {
		t.Errorf("uninstall left %v", left)
	}
}
