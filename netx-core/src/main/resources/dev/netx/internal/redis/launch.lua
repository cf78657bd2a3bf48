-- Starts an orchestrated saga, once per publish id: creates its state and appends its first
-- message to the stream of the group that runs the first step. Deny-oom writes come first.
-- KEYS[1] saga hash (its field 'd:p:<publish id>' records the publish), KEYS[2] target stream,
-- KEYS[3] the group's deadline watches, KEYS[4] the shard's running sagas per orchestrator pin (a hash
-- '<orchestrator>|<pin>' -> count, counted down by advance.lua when the saga finishes),
-- KEYS[5] the shard's running sagas by start ms (a sorted set, for the console), KEYS[6] the shard's saga
-- counts (a hash: started, committed, rolled_back), KEYS[7] (keyed starts only) the saga key's record
-- ARGV[1] publish id, ARGV[2] retention ms of a running saga, ARGV[3] now ms, ARGV[4] origin node, ARGV[5] orchestrator,
-- ARGV[6] deadline ms (0 for none), ARGV[7] context, ARGV[8] group, ARGV[9] first step's input,
-- ARGV[10] trace headers ('' for none; kept for every later message of the saga),
-- ARGV[11] when the first step is a remote call with a deadline, its watch '<saga>|0|<group>' (the
-- script appends '|<entry id>', see sweep.lua), else ''
-- ARGV[12] fingerprint of the request (keyed starts only, else ''), ARGV[13] prefix of saga hashes,
-- ARGV[14] the orchestrator's pin '<version>:<chain fingerprint>' (kept for the sweep's deadline messages),
-- ARGV[15] the saga's first timeline entry ('' when the node keeps no history: then neither the running
-- sagas nor the counts are written), ARGV[16..] message fields as name, value pairs
-- Returns 'OK' | 'DUP' | 'STATE:<state>' | 'KEY:<saga id>' (the key's saga, started with the same
-- request) | 'CONFLICT:<saga id>' (the key's saga, started with another request)
if redis.call('HEXISTS', KEYS[1], 'd:p:' .. ARGV[1]) == 1 then
  return 'DUP'
end
if KEYS[7] then
  local held = redis.call('GET', KEYS[7])
  if held then
    local saga, fingerprint = string.match(held, '^(.*)|([^|]*)$')
    if saga and redis.call('EXISTS', ARGV[13] .. saga) == 1 then
      return (fingerprint == ARGV[12] and 'KEY:' or 'CONFLICT:') .. saga
    end
  end
end
local state = redis.call('HGET', KEYS[1], 'st')
if state then return 'STATE:' .. state end
local state_fields = { 'st', 'STARTED', 'ts', ARGV[3], 'o', ARGV[4], 'on', ARGV[5], 'dl', ARGV[6],
  'ctx', ARGV[7], 'g:' .. ARGV[8], '1', 'in:0', ARGV[9], 'd:p:' .. ARGV[1], '1', 'ov', ARGV[14] }
if ARGV[10] ~= '' then
  state_fields[#state_fields + 1] = 'hd'
  state_fields[#state_fields + 1] = ARGV[10]
end
if ARGV[15] ~= '' then
  state_fields[#state_fields + 1] = 'h:0'
  state_fields[#state_fields + 1] = ARGV[15]
end
redis.call('HSET', KEYS[1], unpack(state_fields))
local fields = {}
for i = 16, #ARGV do fields[#fields + 1] = ARGV[i] end
local id = redis.call('XADD', KEYS[2], '*', unpack(fields))
if ARGV[11] ~= '' then redis.call('ZADD', KEYS[3], ARGV[6], ARGV[11] .. '|' .. id) end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
redis.call('HINCRBY', KEYS[4], ARGV[5] .. '|' .. ARGV[14], 1)
local saga_id = string.sub(KEYS[1], #ARGV[13] + 1)
if ARGV[15] ~= '' then
  redis.call('ZADD', KEYS[5], ARGV[3], saga_id)
  redis.call('HINCRBY', KEYS[6], 'started', 1)
end
if KEYS[7] then
  redis.call('SET', KEYS[7], saga_id .. '|' .. ARGV[12], 'PX', ARGV[2])
  redis.call('HSET', KEYS[1], 'ik', KEYS[7])
end
return 'OK'
