-- Finishes a handled message in one step: records the group's part in the saga (and the
-- idempotency key of a compensation), appends the next event if any, and acknowledges the
-- message; only while the message is still pending for this consumer, so late work of a node that
-- lost its claim is fenced off. Deny-oom writes come first.
-- KEYS[1] the stream the message came from, KEYS[2] events stream, KEYS[3] saga hash (its field
-- 'd:<idempotency key>' records a compensation done), KEYS[4] lease key of the idempotency key,
-- KEYS[5] the group's inbox stream, KEYS[6] the shard's rolled-back sagas, KEYS[7] the shard's running
-- sagas, KEYS[8] its saga counts, KEYS[9] its last rolled-back sagas (see advance.lua; the three
-- written only by a node that keeps history)
-- ARGV[1] group, ARGV[2] consumer, ARGV[3] message id, ARGV[4] action A|J|C|R,
-- ARGV[5] retention ms '<finished>:<running>',
-- ARGV[6] outcome channel prefix, ARGV[7] saga id, ARGV[8] idempotency key to record ('' for none),
-- ARGV[9] rollback cause ('' for none), ARGV[10] rollback exception envelope ('' for none),
-- ARGV[11] phase code of the handled message, ARGV[12] its event type, ARGV[13] its payload ('' for none),
-- ARGV[14] its trace headers ('' for none), ARGV[15] the hash field of this handling's timeline entry
-- ('' for none: no history), ARGV[16] the entry, ARGV[17..] next entry fields as name, value pairs (for J|C|R)
-- A group that finishes work in a saga already rolled back (it raced the rollback) gets the
-- rollback in its inbox, so that its work is compensated too. A rolled-back saga's state is kept
-- until every group has read past its rollback and retention has passed since its last change (the
-- trim script removes it; running retention bounds it), so that a group lagging behind still learns
-- of the rollback.
-- Returns 'OK' | 'FENCED' | 'STALE:<state>' (next event refused by the saga's state) | 'GONE' (no saga state)
-- | 'ROLLED_BACK' (a rollback of a saga already rolled back: nothing published) | 'LATE' (see above)
local pending = redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[3], ARGV[3], 1, ARGV[2])
if #pending == 0 then
  return 'FENCED'
end
local action = ARGV[4]
local result = 'OK'
-- one read of the saga's state and its key's record
local saga = redis.call('HMGET', KEYS[3], 'st', 'ik')
local state = saga[1]
if not state then
  if action ~= 'A' then result = 'GONE' end
else
  local next_state
  if action == 'R' then
    -- another group's rollback came first: this one is acknowledged, and publishes nothing
    if state ~= 'ROLLED_BACK' then next_state = 'ROLLED_BACK' else result = 'ROLLED_BACK' end
  elseif action == 'J' or action == 'C' then
    if state == 'ROLLED_BACK' or state == 'COMMITTED' then
      result = 'STALE:' .. state
    elseif action == 'C' then
      next_state = 'COMMITTED'
    else
      next_state = 'JOINED'
    end
  end
  local state_fields = { 'g:' .. ARGV[1], '1' }
  if next_state then
    state_fields[#state_fields + 1] = 'st'
    state_fields[#state_fields + 1] = next_state
  end
  if next_state == 'ROLLED_BACK' then
    for _, v in ipairs({ 'c', ARGV[9], 'x', ARGV[10] }) do state_fields[#state_fields + 1] = v end
  end
  if ARGV[15] ~= '' then
    state_fields[#state_fields + 1] = ARGV[15]
    state_fields[#state_fields + 1] = ARGV[16]
  end
  redis.call('HSET', KEYS[3], unpack(state_fields))
  if ARGV[15] ~= '' and (next_state == 'COMMITTED' or next_state == 'ROLLED_BACK') then
    redis.call('ZREM', KEYS[7], ARGV[7])
    if next_state == 'COMMITTED' then
      redis.call('HINCRBY', KEYS[8], 'committed', 1)
    else
      redis.call('HINCRBY', KEYS[8], 'rolled_back', 1)
      redis.call('LPUSH', KEYS[9], ARGV[7])
      redis.call('LTRIM', KEYS[9], 0, 99)
    end
  end
  if next_state then
    local fields = {}
    for i = 17, #ARGV do fields[#fields + 1] = ARGV[i] end
    local id = redis.call('XADD', KEYS[2], '*', unpack(fields))
    if next_state == 'ROLLED_BACK' then redis.call('HSET', KEYS[3], 'rp', id) end
  end
  if state == 'ROLLED_BACK' and ARGV[11] ~= 'R'
      and redis.call('HEXISTS', KEYS[3], 'd:' .. ARGV[7] .. ':' .. ARGV[1] .. ':rollback') == 0 then
    local late = { 's', ARGV[7], 'p', 'R', 't', ARGV[12] }
    if ARGV[13] ~= '' then
      late[#late + 1] = 'e'
      late[#late + 1] = ARGV[13]
    end
    local cause = redis.call('HGET', KEYS[3], 'c') or ''
    for _, v in ipairs({ 'g', ARGV[1], 'n', ARGV[2], 'c', cause }) do late[#late + 1] = v end
    -- the compensation continues the trace of the work it undoes
    if ARGV[14] ~= '' then
      late[#late + 1] = 'hd'
      late[#late + 1] = ARGV[14]
    end
    redis.call('XADD', KEYS[5], '*', unpack(late))
    result = 'LATE'
  end
  local finished_ttl, running_ttl = string.match(ARGV[5], '^(%d+):(%d+)$')
  local now_state = next_state or state
  local ttl = now_state == 'COMMITTED' and finished_ttl or running_ttl
  if now_state == 'ROLLED_BACK' then
    local now = redis.call('TIME')
    redis.call('ZADD', KEYS[6], tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000), ARGV[7])
  end
  if ARGV[8] ~= '' then redis.call('HSET', KEYS[3], 'd:' .. ARGV[8], '1') end
  redis.call('PEXPIRE', KEYS[3], ttl)
  -- a saga key lives as long as its saga (see launch.lua)
  if saga[2] then redis.call('PEXPIRE', saga[2], ttl) end
  if next_state == 'COMMITTED' or next_state == 'ROLLED_BACK' then
    local origin = redis.call('HGET', KEYS[3], 'o')
    if origin then
      local news = ARGV[7] .. ' ' .. next_state
      -- a rollback's failure and cause travel with its news when small (see advance.lua)
      if next_state == 'ROLLED_BACK' and #ARGV[10] + #ARGV[9] <= 4096 and not string.find(ARGV[10], '\n', 1, true) then
        news = news .. '+ ' .. ARGV[10] .. '\n' .. ARGV[9]
      end
      redis.call('PUBLISH', ARGV[6] .. origin, news)
    end
  end
end
if ARGV[8] ~= '' then
  redis.call('DEL', KEYS[4])
end
redis.call('XACK', KEYS[1], ARGV[1], ARGV[3])
return result
