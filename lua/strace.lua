-- strace.lua: Wireshark dissector for stracedump captures.
--
-- Each packet is one stracedump record (docs/format.md): a traced process's
-- syscall, signal, exit or metadata. The dissector shows the record's fields
-- and renders it as the line `stracedump decode` prints (the Info column),
-- from the raw record alone. This file and its parts strace_dissector_*.lua
-- are the Wireshark side: the protocol, fields, tree, columns, taps and
-- menus. The record parser and renderer are in strace_render.lua and its
-- parts strace_render_*.lua, which use no Wireshark API, over the tables of
-- the decode helper strace_decode.lua that `go generate` writes next to this
-- file from the Go decoder's tables.
--
-- Portable from Wireshark 4.0 (Lua 5.2) to 4.6 (Lua 5.4): bit operations go
-- through the global `bit` library (32 bits; 64-bit values are {hi, lo}
-- pairs), no native operators, unpack, loadstring or utf8.
--
-- Install: copy every strace*.lua file into the same folder, either
-- Wireshark's personal Lua plugins folder (`tshark -G folders`, "Personal
-- Lua Plugins") or anywhere for `tshark -X lua_script:/path/to/strace.lua`.
-- The others are found next to this file (loaded from this script's own
-- path), which works for both. Loaded as plugins themselves (Wireshark loads
-- every .lua file of its plugins folder and of the folders under it), they
-- only return a table.

local function script_dir()
    local info = debug.getinfo(1, "S")
    local src = info and info.source or ""
    if src:sub(1, 1) == "@" then
        src = src:sub(2)
    end
    return src:match("^(.*[/\\])") or ""
end

-- beside runs the Lua file name from this file's folder with arg and
-- returns the table it returns.
local function beside(name, what, arg)
    local chunk, err = loadfile(script_dir() .. name)
    local ok, res = chunk ~= nil, err
    if chunk then ok, res = pcall(chunk, arg) end
    if not ok or type(res) ~= "table" then
        error("strace.lua: cannot load its " .. what .. " " .. name .. ", which must sit next to it: " .. tostring(res))
    end
    return res
end

local D = beside("strace_decode.lua", "decode helper")
local SR = beside("strace_render.lua", "renderer", D)
if not SR.syscall_line then
    error("strace.lua: strace_render.lua did not take the decode helper strace_decode.lua")
end
local SU = beside("strace_uring.lua", "io_uring decoder", { D = D, SR = SR })

-- PARTS are the files that hold the rest of the dissector, next to this one,
-- in the order they run: each takes the names the earlier ones left in WS
-- and adds its own. Loaded alone, as Wireshark loads every .lua file in its
-- plugins folder, a part does nothing.
local PARTS = {
    "strace_dissector_fields.lua",
    "strace_dissector_state.lua",
    "strace_dissector_packet.lua",
    "strace_dissector_payload.lua",
    "strace_dissector_taps.lua",
}

local WS = { D = D, SR = SR, SU = SU }
for _, name in ipairs(PARTS) do
    local chunk, err = loadfile(script_dir() .. name)
    if not chunk then
        error("strace.lua: cannot load its part " .. name .. ", which must sit next to it: " .. tostring(err))
    end
    chunk(WS)
end
