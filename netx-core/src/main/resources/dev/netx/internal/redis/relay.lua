-- Moves a dead letter back to the inbox of the group that failed it.
-- KEYS[1] dead-letter stream, KEYS[2] the group's inbox stream; ARGV[1] dead letter entry id
-- Returns the new entry id, or false when the dead letter does not exist.
local entry = redis.call('XRANGE', KEYS[1], ARGV[1], ARGV[1])
if #entry == 0 then return false end
local fields = {}
local source = entry[1][2]
for i = 1, #source, 2 do
  if string.sub(source[i], 1, 3) ~= 'dl.' then
    fields[#fields + 1] = source[i]
    fields[#fields + 1] = source[i + 1]
  end
end
if #fields == 0 then fields = { 'relayed', '1' } end
local id = redis.call('XADD', KEYS[2], '*', unpack(fields))
redis.call('XDEL', KEYS[1], ARGV[1])
return id
