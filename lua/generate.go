// Package lua holds the Wireshark Lua dissector for stracedump captures:
// the Wireshark side (strace.lua), its record parser and renderer, which use
// no Wireshark API (strace_render.lua), and its decode helper
// (strace_decode.lua), which is generated from package decoder's tables so
// that the dissector renders records as `stracedump decode` does, with no
// native code loaded into Wireshark.
package lua

//go:generate go run ./gen -o strace_decode.lua
