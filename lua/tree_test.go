package lua

import (
	"bytes"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stracedump/stracedump/lua/workbench"
)

// TestWorkbench: what an analyst sees in Wireshark of a capture holding
// each case (package workbench, which tests/matrix runs on every
// Wireshark version): the Process, Result and Info columns, the flag bit
// fields and their filters on x86_64 and arm64, the not-returned expert
// info with -2, the tree's order.
func TestWorkbench(t *testing.T) {
	need(t, "tshark")
	path := filepath.Join(t.TempDir(), "workbench.pcapng")
	if err := workbench.Write(path); err != nil {
		t.Fatal(err)
	}
	prefs, err := Profile.ReadFile("profile/preferences")
	if err != nil {
		t.Fatal(err)
	}
	script, err := filepath.Abs("strace.lua")
	if err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) (string, error) {
		cmd := exec.Command("tshark", append([]string{"-X", "lua_script:" + script}, args...)...)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		if bytes.Contains(stderr.Bytes(), []byte("Lua:")) {
			t.Errorf("tshark %v: Lua errors:\n%s", args, stderr.Bytes())
		}
		return stdout.String(), err
	}
	for _, p := range workbench.Check(run, path, prefs) {
		t.Error(p)
	}
}
