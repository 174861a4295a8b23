package lua

import (
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
)

// TestDissectorUsesKnownGlobals: strace.lua and its parts read no global
// but Lua's library and Wireshark's Lua API, and set none. A part that
// forgot to take a name along from WS (the table the earlier parts fill)
// reads a global of that name, nil at run time: only a tshark run over the
// code path would show it, this shows it at once. The list is luac's
// listing of each chunk's _ENV accesses, as in TestRendererUsesOnlyLua.
func TestDissectorUsesKnownGlobals(t *testing.T) {
	luac := need(t, "luac5.2")
	lua := []string{"debug", "error", "io", "ipairs", "loadfile", "math", "pairs", "pcall", "string", "table",
		"tonumber", "tostring", "type"}
	wireshark := []string{"ByteArray", "Dissector", "DissectorTable", "Field", "Int64", "Listener",
		"MENU_STAT_UNSORTED", "NSTime", "Pref", "Proto", "ProtoField", "TextWindow", "UInt64", "apply_filter",
		"base", "bit", "ftypes", "get_filter", "get_version", "gui_enabled", "new_dialog", "register_menu",
		"register_packet_menu", "register_stat_cmd_arg", "retap_packets", "set_filter", "wtap_encaps"}
	allowed := map[string]bool{}
	for _, n := range append(lua, wireshark...) {
		allowed[n] = true
	}
	parts, err := filepath.Glob("strace_dissector_*.lua")
	if err != nil || len(parts) == 0 {
		t.Fatalf("the dissector's parts: %v %v", parts, err)
	}
	access := regexp.MustCompile(`\[(\d+)\]\s+(GETTABUP|SETTABUP)\s.*; _ENV "(\w+)"`)
	for _, name := range append([]string{"strace.lua"}, parts...) {
		out, err := exec.Command(luac, "-l", "-p", name).CombinedOutput()
		if err != nil {
			t.Fatalf("%s -l -p %s: %v\n%s", luac, name, err, out)
		}
		n := 0
		for _, m := range access.FindAllStringSubmatch(string(out), -1) {
			n++
			if m[2] == "SETTABUP" {
				t.Errorf("%s:%s sets the global %s", name, m[1], m[3])
			} else if !allowed[m[3]] {
				t.Errorf("%s:%s reads the global %s, neither Lua's nor Wireshark's: a name not taken from WS?", name, m[1], m[3])
			}
		}
		if n == 0 {
			t.Fatalf("no global access in luac's listing of %s: the pattern no longer matches it", name)
		}
	}
}
