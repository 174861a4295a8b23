-- A deliberately non-portable dissector for the matrix self-check
-- (tests/matrix/run.sh --selfcheck): the native "&" operator exists from
-- Lua 5.3 on, so this file is a syntax error on Wireshark 4.0 (Lua 5.2) and
-- loads on 4.4 and 4.6 (Lua 5.4). The portable form is bit.band(word, 0xff).
--
-- It registers under the name "strace", so Wireshark hands it every record
-- of a stracedump capture (link type 252 names that dissector): on 5.4 the
-- operator runs on every frame, and the suite's _ws.lua.error filter would
-- see a runtime failure too.
local proto = Proto("strace", "Matrix self-check")
local low = ProtoField.uint8("strace.selfcheck_low", "Low byte of the first word")
proto.fields = { low }

function proto.dissector(tvb, pinfo, tree)
	pinfo.cols.protocol = "STRACE"
	if tvb:len() < 4 then
		return
	end
	local word = tvb(0, 4):le_uint()
	tree:add(proto, tvb(0, 4)):add(low, tvb(0, 1), word & 0xff)
end
