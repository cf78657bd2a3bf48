-- Moves a dead letter back to the inbox of the group that failed it. Its saga (when of this shard)
-- counts one open dead letter less, and a rolled-back one counts the relay as its last change, so
-- that its state stays for the retention after it, for the relayed message to find; the relay is
-- noted in the saga's timeline in the same step.
-- KEYS[1] dead-letter stream, KEYS[2] the group's inbox stream, KEYS[3] (a saga of this shard only)
-- the saga's hash, KEYS[4] (with KEYS[3]) the shard's rolled-back sagas (see trim.lua);
-- ARGV[1] dead letter entry id, ARGV[2] the prefix of the timeline entry's field (the new entry id
-- follows it), ARGV[3] the timeline entry ('' for none: the node keeps no history), ARGV[4] the prefix
-- of saga hashes
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
-- only while the saga's state exists (see note.lua)
if KEYS[3] and redis.call('EXISTS', KEYS[3]) == 1 then
  if tonumber(redis.call('HGET', KEYS[3], 'dls') or '0') > 0 then redis.call('HINCRBY', KEYS[3], 'dls', -1) end
  local now = redis.call('TIME')
  redis.call('ZADD', KEYS[4], 'XX', tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000),
    string.sub(KEYS[3], #ARGV[4] + 1))
  if ARGV[3] ~= '' then redis.call('HSET', KEYS[3], ARGV[2] .. id, ARGV[3]) end
end
return id
