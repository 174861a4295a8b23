package lua

import (
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
)

// globalAccess matches a global read or write in luac's listing of a chunk.
var globalAccess = regexp.MustCompile(`\[(\d+)\]\s+(GETTABUP|SETTABUP)\s.*; _ENV "(\w+)"`)

// checkGlobals fails for every global a file sets, and every one it reads
// that allowed lacks (unknown says what such a name is).
func checkGlobals(t *testing.T, luac string, files []string, allowed map[string]bool, unknown string) {
	t.Helper()
	for _, name := range files {
		out, err := exec.Command(luac, "-l", "-p", name).CombinedOutput()
		if err != nil {
			t.Fatalf("%s -l -p %s: %v\n%s", luac, name, err, out)
		}
		n := 0
		for _, m := range globalAccess.FindAllStringSubmatch(string(out), -1) {
			n++
			if m[2] == "SETTABUP" {
				t.Errorf("%s:%s sets the global %s", name, m[1], m[3])
			} else if !allowed[m[3]] {
				t.Errorf("%s:%s reads the global %s, %s", name, m[1], m[3], unknown)
			}
		}
		if n == 0 {
			t.Fatalf("no global access in luac's listing of %s: the pattern no longer matches it\n%.500s", name, out)
		}
	}
}

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
	checkGlobals(t, luac, append([]string{"strace.lua"}, parts...), allowed,
		"neither Lua's nor Wireshark's: a name not taken from WS?")
}
