-- Publishes a saga event from outside a handler (SagaManager), once per publish id.
-- KEYS[1] saga hash (its field 'd:p:<publish id>' records the publish), KEYS[2] events stream,
-- KEYS[3] the shard's rolled-back sagas, KEYS[4] the shard's running sagas, KEYS[5] its saga counts,
-- KEYS[6] its last rolled-back sagas (see advance.lua; the three written only by a node that keeps
-- history), KEYS[7] (keyed starts only) the saga key's record
-- ARGV[1] phase code S|J|C|R, ARGV[2] publish id, ARGV[3] retention ms '<finished>:<running>', ARGV[4] now ms,
-- ARGV[5] group, ARGV[6] node, ARGV[7] outcome channel prefix, ARGV[8] saga id, ARGV[9] cause ('' for none),
-- ARGV[10] fingerprint of a keyed start's event ('' otherwise), ARGV[11] prefix of saga hashes,
-- ARGV[12] the hash field of the publish's timeline entry ('' for none: no history), ARGV[13] the entry,
-- ARGV[14..] stream entry fields as name, value pairs
-- Returns 'OK' | 'DUP' (a replay of an accepted publish) | 'NOOP' | 'NOT_FOUND' | 'STATE:<state>' |
-- 'KEY:<saga id>' (a keyed start whose key a saga of the same event holds) | 'CONFLICT:<saga id>' (of another)
-- Deny-oom writes come first, so a refusal under maxmemory leaves nothing half written.
if redis.call('HEXISTS', KEYS[1], 'd:p:' .. ARGV[2]) == 1 then
  return 'DUP'
end
if KEYS[7] then
  local held = redis.call('GET', KEYS[7])
  if held then
    local saga, fingerprint = string.match(held, '^(.*)|([^|]*)$')
    if saga and redis.call('EXISTS', ARGV[11] .. saga) == 1 then
      return (fingerprint == ARGV[10] and 'KEY:' or 'CONFLICT:') .. saga
    end
  end
end
local phase = ARGV[1]
local state = redis.call('HGET', KEYS[1], 'st')
local next_state
if phase == 'S' then
  if state then return 'STATE:' .. state end
  next_state = 'STARTED'
else
  if not state then return 'NOT_FOUND' end
  if phase == 'R' then
    if state == 'ROLLED_BACK' then return 'NOOP' end
    next_state = 'ROLLED_BACK'
  else
    if state == 'ROLLED_BACK' or state == 'COMMITTED' then return 'STATE:' .. state end
    if phase == 'C' then next_state = 'COMMITTED' else next_state = 'JOINED' end
  end
end
local published = 'd:p:' .. ARGV[2]
local state_fields = { 'st', next_state, 'g:' .. ARGV[5], '1', published, '1' }
if phase == 'S' then
  for _, v in ipairs({ 'ts', ARGV[4], 'o', ARGV[6] }) do state_fields[#state_fields + 1] = v end
elseif phase == 'R' then
  for _, v in ipairs({ 'c', ARGV[9] }) do state_fields[#state_fields + 1] = v end
end
if ARGV[12] ~= '' then
  state_fields[#state_fields + 1] = ARGV[12]
  state_fields[#state_fields + 1] = ARGV[13]
end
redis.call('HSET', KEYS[1], unpack(state_fields))
if ARGV[12] ~= '' then
  if phase == 'S' then
    redis.call('ZADD', KEYS[4], ARGV[4], ARGV[8])
    redis.call('HINCRBY', KEYS[5], 'started', 1)
  elseif next_state == 'COMMITTED' or next_state == 'ROLLED_BACK' then
    redis.call('ZREM', KEYS[4], ARGV[8])
    if next_state == 'COMMITTED' then
      redis.call('HINCRBY', KEYS[5], 'committed', 1)
    else
      redis.call('HINCRBY', KEYS[5], 'rolled_back', 1)
      redis.call('LPUSH', KEYS[6], ARGV[8])
      redis.call('LTRIM', KEYS[6], 0, 99)
    end
  end
end
local fields = {}
for i = 14, #ARGV do fields[#fields + 1] = ARGV[i] end
local id = redis.call('XADD', KEYS[2], '*', unpack(fields))
local finished_ttl, running_ttl = string.match(ARGV[3], '^(%d+):(%d+)$')
local ttl = next_state == 'COMMITTED' and finished_ttl or running_ttl
if next_state == 'ROLLED_BACK' then
  -- a group that lags behind still needs to learn of the rollback: the trim script removes the
  -- state once every group has read past the rollback entry and retention has passed
  redis.call('HSET', KEYS[1], 'rp', id)
  redis.call('ZADD', KEYS[3], tonumber(string.match(id, '^(%d+)')), ARGV[8])
end
redis.call('PEXPIRE', KEYS[1], ttl)
if KEYS[7] then
  redis.call('SET', KEYS[7], ARGV[8] .. '|' .. ARGV[10], 'PX', ttl)
  redis.call('HSET', KEYS[1], 'ik', KEYS[7])
else
  local held = redis.call('HGET', KEYS[1], 'ik')
  if held then redis.call('PEXPIRE', held, ttl) end
end
if next_state == 'COMMITTED' or next_state == 'ROLLED_BACK' then
  local origin = redis.call('HGET', KEYS[1], 'o')
  if origin then
    local news = ARGV[8] .. ' ' .. next_state
    if next_state == 'ROLLED_BACK' then
      -- its failure (an orchestrated saga's, if compensating) and cause travel with it when small (see advance.lua)
      local why = redis.call('HMGET', KEYS[1], 'x', 'c')
      local failure, cause = why[1] or '', why[2] or ''
      if #failure + #cause <= 4096 and not string.find(failure, '\n', 1, true) then
        news = news .. '+ ' .. failure .. '\n' .. cause
      end
    end
    redis.call('PUBLISH', ARGV[7] .. origin, news)
  end
end
return 'OK'
