package lua

import (
	"embed"
	"io/fs"
)

//go:embed strace.lua strace_render.lua strace_decode.lua strace_uring.lua
var pluginFiles embed.FS

// Plugin holds the dissector's files as install copies them into a Lua
// plugins folder; they must stay side by side.
var Plugin fs.FS = pluginFiles

// Profile holds the Wireshark configuration profile "strace" under
// "profile/": columns and coloring rules for system calls.
//
//go:embed profile
var Profile embed.FS
