-- Claims messages left pending longer than the orphan timeout by any consumer of the group, and
-- moves those delivered too often to the dead-letter stream with their reason. Atomic per call.
-- Works on Redis 6.2 and 7 alike: entries deleted from the stream while pending are acknowledged.
-- A message that a node left for another version of its orchestrator (its reason 'V<first left
-- ms>|<text>', see Deliveries.waitForVersion) is claimed only by a node that declares the saga's pin,
-- with its delivery count reset and its reason removed, and is dead-lettered once the version wait
-- has passed with no such node.
-- KEYS[1] stream, KEYS[2] dead-letter stream, KEYS[3] failure reason key prefix
-- ARGV[1] group, ARGV[2] consumer, ARGV[3] min idle ms, ARGV[4] range start ('-' or '(' .. id),
-- ARGV[5] count, ARGV[6] max deliveries, ARGV[7] now ms, ARGV[8] stream name for the record,
-- ARGV[9] version wait ms, ARGV[10] the orchestrator pins this node declares, each as
-- ',<orchestrator>|<version>:<fingerprint>,', ARGV[11] prefix of saga hashes, ARGV[12] running retention ms,
-- ARGV[13] this shard's number
-- A dead-lettered message's saga (of this shard) counts its open dead letters ('dls') and keeps its
-- state for at least the running retention, so that a relay, however late, finds what it needs: the
-- trim script releases no rolled-back saga with an open dead letter.
-- Returns { next start or '-', { claimed entry: { id, deliveries, field, value, ... } ... },
--           { dead-lettered: { dead id, original id, deliveries, reason, saga id or '' } ... } }
local pending = redis.call('XPENDING', KEYS[1], ARGV[1], 'IDLE', ARGV[3], ARGV[4], '+', ARGV[5])
local claimed = {}
local dead = {}
local max = tonumber(ARGV[6])
local now = tonumber(ARGV[7])
local function field(fields, name)
  for i = 1, #fields - 1, 2 do
    if fields[i] == name then return fields[i + 1] end
  end
  return nil
end
local function bury(id, deliveries, reason_key, reason)
  local entry = redis.call('XRANGE', KEYS[1], id, id)
  if #entry > 0 then
    if not reason then reason = 'not handled after ' .. deliveries .. ' deliveries' end
    local fields = entry[1][2]
    local saga = field(fields, 's') or ''
    for _, v in ipairs({ 'dl.group', ARGV[1], 'dl.stream', ARGV[8], 'dl.id', id, 'dl.reason', reason,
        'dl.deliveries', tostring(deliveries), 'dl.node', ARGV[2], 'dl.at', ARGV[7] }) do
      fields[#fields + 1] = v
    end
    local dead_id = redis.call('XADD', KEYS[2], '*', unpack(fields))
    redis.call('DEL', reason_key)
    if string.match(saga, '%-(%d+)$') == ARGV[13] and redis.call('EXISTS', ARGV[11] .. saga) == 1 then
      redis.call('HINCRBY', ARGV[11] .. saga, 'dls', 1)
      if redis.call('PTTL', ARGV[11] .. saga) < tonumber(ARGV[12]) then
        redis.call('PEXPIRE', ARGV[11] .. saga, ARGV[12])
      end
    end
    dead[#dead + 1] = { dead_id, id, tostring(deliveries), reason, saga }
  end
  redis.call('XACK', KEYS[1], ARGV[1], id)
end
for _, p in ipairs(pending) do
  local id = p[1]
  local deliveries = tonumber(p[4])
  local reason_key = KEYS[3] .. id
  local reason = redis.call('GET', reason_key)
  local left_at = reason and string.match(reason, '^V(%d+)|')
  local claim_args = nil
  if left_at and now - tonumber(left_at) >= tonumber(ARGV[9]) then
    bury(id, deliveries, reason_key, string.gsub(reason, '^V%d+|', '', 1) .. ' (for ' .. (now - tonumber(left_at))
      .. ' ms)')
  elseif left_at then
    local entry = redis.call('XRANGE', KEYS[1], id, id)
    local fields = #entry > 0 and entry[1][2] or {}
    local ov = field(fields, 'ov')
    -- a message written before sagas were pinned runs as version 1, of whichever chain
    local pin = ',' .. (field(fields, 'o') or '') .. '|' .. (ov and (ov .. ',') or '1:')
    if string.find(ARGV[10], pin, 1, true) then
      -- this node can run it: it starts afresh here
      redis.call('DEL', reason_key)
      claim_args = { 'RETRYCOUNT', '1' }
    end
  elseif deliveries >= max then
    bury(id, deliveries, reason_key, reason)
  else
    claim_args = {}
  end
  if claim_args then
    local got = redis.call('XCLAIM', KEYS[1], ARGV[1], ARGV[2], ARGV[3], id, unpack(claim_args))
    local entry = got[1]
    if type(entry) == 'table' then
      local item = { entry[1], tostring(#claim_args > 0 and 1 or deliveries + 1) }
      for _, v in ipairs(entry[2]) do item[#item + 1] = v end
      claimed[#claimed + 1] = item
    elseif #got == 0 or not entry then
      -- deleted from the stream while pending (Redis 6.2 replies nil and keeps it pending)
      redis.call('XACK', KEYS[1], ARGV[1], id)
    end
  end
end
local next_start = '-'
if #pending == tonumber(ARGV[5]) then next_start = '(' .. pending[#pending][1] end
return { next_start, claimed, dead }
