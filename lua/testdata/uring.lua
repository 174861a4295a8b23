-- uring.lua: the Lua half of lua/uring_test.go. It renders the io_uring
-- comment lines of records with strace_uring.lua under plain lua5.2 or
-- lua5.4, as `stracedump decode --io-uring` prints them after the call.
--
-- Usage: lua uring.lua LUADIR INPUT OUTPUT, with INPUT and OUTPUT as
-- difffuzz.lua's: "LIMIT LENGTH" and the record's bytes; "LENGTH" and the
-- lines.

local dir, input, output = arg[1], arg[2], arg[3]
if not (dir and input and output) then
    io.stderr:write("usage: lua uring.lua LUADIR INPUT OUTPUT\n")
    os.exit(2)
end

local D = dofile(dir .. "/strace_decode.lua")
local SR = assert(loadfile(dir .. "/strace_render.lua"))(D)
local SU = assert(loadfile(dir .. "/strace_uring.lua"))({ D = D, SR = SR })
assert(SU.lines, "strace_uring.lua did not take the decode helper and the renderer")

local inf = assert(io.open(input, "rb"))
local outf = assert(io.open(output, "wb"))
while true do
    local head = inf:read("*l")
    if not head or head == "" then break end
    local limit, n = head:match("^(%d+) (%d+)$")
    if not limit then error("bad record header: " .. head) end
    local s = n == "0" and "" or inf:read(tonumber(n))
    local ok, text = pcall(function()
        local rec, err = SR.parse(s)
        if err then return "malformed: " .. err end
        return SU.lines(rec, tonumber(limit))
    end)
    if not ok then text = "lua error: " .. tostring(text) end
    text = tostring(text)
    outf:write(#text, "\n", text, "\n")
end
outf:close()
inf:close()
