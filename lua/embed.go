package lua

import (
	"embed"
	"io/fs"
	"sort"
)

// The dissector is strace.lua and the files it loads from its own folder:
// its parts (strace_dissector_*.lua), the renderer strace_render.lua with
// its parts (strace_render_*.lua) and the generated strace_decode.lua. The
// order the parts run in is listed in strace.lua and strace_render.lua.
//
//go:embed strace*.lua
var pluginFiles embed.FS

// Plugin holds the dissector's files as install copies them into a Lua
// plugins folder; they must stay side by side.
var Plugin fs.FS = pluginFiles

// PluginFiles names the dissector's files, sorted: what a plugins folder
// must hold for strace.lua to load.
func PluginFiles() []string {
	names, _ := fs.Glob(pluginFiles, "*.lua") // the only error is a bad pattern
	sort.Strings(names)
	return names
}

// Profile holds the Wireshark configuration profile "strace" under
// "profile/": columns and coloring rules for system calls.
//
//go:embed profile
var Profile embed.FS
