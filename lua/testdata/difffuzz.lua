-- difffuzz.lua: the Lua half of lua/difffuzz_test.go. It renders records
-- with strace_render.lua under plain lua5.2 or lua5.4, as the dissector's
-- Info column does, many records in one process.
--
-- Usage: lua difffuzz.lua LUADIR INPUT OUTPUT
--
-- INPUT holds records one after the other, each as a line "LIMIT LENGTH"
-- (the string limit Info renders with, the record's byte count) and then
-- the record's bytes. OUTPUT gets one answer a record, in order, as a line
-- "LENGTH" and then that many bytes of text and a newline. The text is the
-- Info line; a record the dissector calls malformed answers
-- "malformed: ..." and a Lua error "lua error: ...", which the test
-- reports as they are.

local dir, input, output = arg[1], arg[2], arg[3]
if not (dir and input and output) then
    io.stderr:write("usage: lua difffuzz.lua LUADIR INPUT OUTPUT\n")
    os.exit(2)
end

local D = dofile(dir .. "/strace_decode.lua")
local SR = assert(loadfile(dir .. "/strace_render.lua"))(D)
assert(SR.syscall_line, "strace_render.lua did not take strace_decode.lua")

-- info is what the dissector's Info column shows for the record s. A
-- syscall or entry record is rendered on both of the dissector's paths:
-- the tree's (parse) and the quick one without a tree (parse_quick, bare
-- rendering), which must agree.
local function info(s, limit)
    local rec, err = SR.parse(s)
    if err then return "malformed: " .. err end
    local k = rec.kind
    if k == SR.KIND.syscall or k == SR.KIND.entry then
        local line = SR.syscall_line(rec, limit)
        local q = SR.parse_quick(s)
        if q then
            local bare = SR.syscall_line(q, limit, true)
            if bare ~= line then
                return "quick path differs: " .. bare .. " | tree path: " .. line
            end
        end
        return line
    elseif k == SR.KIND.signal then
        return (SR.signal_line(rec))
    elseif k == SR.KIND.exit then
        return SR.exit_line(rec)
    end
    return SR.meta_line(rec, { limit = limit })
end

local inf = assert(io.open(input, "rb"))
local outf = assert(io.open(output, "wb"))
while true do
    local head = inf:read("*l")
    if not head or head == "" then break end
    local limit, n = head:match("^(%d+) (%d+)$")
    if not limit then error("bad record header: " .. head) end
    local s = n == "0" and "" or inf:read(tonumber(n))
    local ok, text = pcall(info, s, tonumber(limit))
    if not ok then
        text = "lua error: " .. tostring(text)
    end
    text = tostring(text)
    outf:write(#text, "\n", text, "\n")
end
outf:close()
inf:close()
