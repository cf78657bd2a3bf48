-- Finishes a handled orchestration message in one step: updates the saga's state (state, context,
-- a step's input, result or failure), appends the next message if any, records a compensation's
-- idempotency key, tells the origin node when the saga finished, and acknowledges the message;
-- only while the message is still pending for this consumer, and only while the saga is in the
-- state the handler expected. Deny-oom writes come first.
-- KEYS[1] source stream, KEYS[2] target stream of the next message, KEYS[3] saga hash (its field
-- 'd:<idempotency key>' records a compensation done), KEYS[4] lease key, KEYS[5] deadline watches of
-- the orchestrator's group (see sweep.lua), KEYS[6] the shard's running sagas per orchestrator pin
-- (see launch.lua), counted down when the saga finishes, KEYS[7] the shard's running sagas and KEYS[8]
-- its saga counts (see launch.lua), KEYS[9] the shard's last rolled-back sagas (a list, newest first,
-- of at most 100), the three written only by a node that keeps history
-- ARGV[1] group, ARGV[2] consumer, ARGV[3] message id, ARGV[4] retention ms '<finished>:<running>',
-- ARGV[5] outcome channel prefix,
-- ARGV[6] saga id, ARGV[7] expected state ('*' for any), ARGV[8] new state ('' unchanged),
-- ARGV[9] context ('' unchanged), ARGV[10] idempotency key to record ('' none), ARGV[11] result ('' none),
-- ARGV[12] failure envelope ('' none), ARGV[13] cause ('' none),
-- ARGV[14] hash field whose value becomes the next message's payload ('' none),
-- ARGV[15] '1' to give the next message the saga's failure envelope (compensations see why),
-- ARGV[16] '+' to watch the next message (a call with a deadline): ZADD ARGV[18] ARGV[17] .. '|' .. its id;
-- '-' to end the watch ARGV[17] (a participant's reply to the call it handled); '' neither
-- ARGV[19] the hash field of this message's timeline entry ('' for none: the node keeps no history),
-- ARGV[20] the entry,
-- ARGV[21] n, the number of hash fields to store (steps' inputs), then n name, value pairs
-- ARGV[22 + 2n ..] next message fields as name, value pairs (none: no next message); the next message also
-- gets the trace headers captured when the saga started ('hd'), if any
-- Publishes to the origin node: '<saga> COMMITTED+ <result>' (result up to 1 KiB), '<saga> COMMITTED*'
-- (a larger result, to be read), '<saga> ROLLED_BACK+ <failure envelope>\n<cause>' (both up to 4 KiB,
-- the envelope on one line), or '<saga> ROLLED_BACK' (to be read).
-- Returns 'OK' | 'FENCED' | 'GONE' | 'STALE:<state>'
-- what a rollback's news carries: its failure and cause when small, so the caller need not read them
local function rollback_news(failure, cause)
  failure = failure or ''
  cause = cause or ''
  if #failure + #cause > 4096 or string.find(failure, '\n', 1, true) then return '' end
  return '+ ' .. failure .. '\n' .. cause
end
local pending = redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[3], ARGV[3], 1, ARGV[2])
if #pending == 0 then
  return 'FENCED'
end
-- one read of what the script needs of the saga: its state, its key's record, its orchestrator and pin
local saga = redis.call('HMGET', KEYS[3], 'st', 'ik', 'on', 'ov')
local state = saga[1]
if not state then
  redis.call('XACK', KEYS[1], ARGV[1], ARGV[3])
  return 'GONE'
end
if ARGV[7] ~= '*' and state ~= ARGV[7] then
  redis.call('XACK', KEYS[1], ARGV[1], ARGV[3])
  return 'STALE:' .. state
end
local updates = {}
local function set(field, value)
  if value ~= '' then
    updates[#updates + 1] = field
    updates[#updates + 1] = value
  end
end
set('st', ARGV[8])
set('ctx', ARGV[9])
set('r', ARGV[11])
set('x', ARGV[12])
set('c', ARGV[13])
if ARGV[19] ~= '' then set(ARGV[19], ARGV[20]) end
local first = 22 + 2 * tonumber(ARGV[21])
for i = 22, first - 1, 2 do
  updates[#updates + 1] = ARGV[i]
  updates[#updates + 1] = ARGV[i + 1]
end
if #updates > 0 then redis.call('HSET', KEYS[3], unpack(updates)) end
if (ARGV[8] == 'COMMITTED' or ARGV[8] == 'ROLLED_BACK') and state ~= 'COMMITTED' and state ~= 'ROLLED_BACK' then
  if saga[3] and saga[4] then
    local field = saga[3] .. '|' .. saga[4]
    if redis.call('HINCRBY', KEYS[6], field, -1) <= 0 then redis.call('HDEL', KEYS[6], field) end
  end
  if ARGV[19] ~= '' then
    redis.call('ZREM', KEYS[7], ARGV[6])
    if ARGV[8] == 'COMMITTED' then
      redis.call('HINCRBY', KEYS[8], 'committed', 1)
    else
      redis.call('HINCRBY', KEYS[8], 'rolled_back', 1)
      redis.call('LPUSH', KEYS[9], ARGV[6])
      redis.call('LTRIM', KEYS[9], 0, 99)
    end
  end
end
if ARGV[16] == '-' then redis.call('ZREM', KEYS[5], ARGV[17]) end
if #ARGV >= first then
  local fields = {}
  for i = first, #ARGV do fields[#fields + 1] = ARGV[i] end
  if ARGV[14] ~= '' then
    local input = redis.call('HGET', KEYS[3], ARGV[14])
    if input then
      fields[#fields + 1] = 'e'
      fields[#fields + 1] = input
    end
  end
  if ARGV[15] == '1' then
    local failure = redis.call('HGET', KEYS[3], 'x')
    if failure then
      fields[#fields + 1] = 'x'
      fields[#fields + 1] = failure
    end
  end
  local headers = redis.call('HGET', KEYS[3], 'hd')
  if headers then
    fields[#fields + 1] = 'hd'
    fields[#fields + 1] = headers
  end
  local id = redis.call('XADD', KEYS[2], '*', unpack(fields))
  if ARGV[16] == '+' then redis.call('ZADD', KEYS[5], ARGV[18], ARGV[17] .. '|' .. id) end
end
local finished_ttl, running_ttl = string.match(ARGV[4], '^(%d+):(%d+)$')
local now_state = ARGV[8] ~= '' and ARGV[8] or state
local ttl = (now_state == 'COMMITTED' or now_state == 'ROLLED_BACK') and finished_ttl or running_ttl
if ARGV[10] ~= '' then
  redis.call('HSET', KEYS[3], 'd:' .. ARGV[10], '1')
  redis.call('DEL', KEYS[4])
end
redis.call('PEXPIRE', KEYS[3], ttl)
-- a saga key lives as long as its saga (see launch.lua)
if saga[2] then redis.call('PEXPIRE', saga[2], ttl) end
if ARGV[8] == 'COMMITTED' or ARGV[8] == 'ROLLED_BACK' then
  local origin = redis.call('HGET', KEYS[3], 'o')
  if origin then
    -- a small result travels with the news, which saves the caller's node a read
    local news = ARGV[6] .. ' ' .. ARGV[8]
    if ARGV[8] == 'COMMITTED' then
      if #ARGV[11] <= 1024 then news = news .. '+ ' .. ARGV[11] else news = news .. '*' end
    else
      local why = redis.call('HMGET', KEYS[3], 'x', 'c')
      news = news .. rollback_news(why[1], why[2])
    end
    redis.call('PUBLISH', ARGV[5] .. origin, news)
  end
end
redis.call('XACK', KEYS[1], ARGV[1], ARGV[3])
return 'OK'
