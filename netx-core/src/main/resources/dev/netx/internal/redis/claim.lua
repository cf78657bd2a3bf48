-- Claims messages left pending longer than the orphan timeout by any consumer of the group, and
-- moves those delivered too often to the dead-letter stream with their reason. Atomic per call.
-- Works on Redis 6.2 and 7 alike: entries deleted from the stream while pending are acknowledged.
-- KEYS[1] stream, KEYS[2] dead-letter stream, KEYS[3] failure reason key prefix
-- ARGV[1] group, ARGV[2] consumer, ARGV[3] min idle ms, ARGV[4] range start ('-' or '(' .. id),
-- ARGV[5] count, ARGV[6] max deliveries, ARGV[7] now ms, ARGV[8] stream name for the record,
-- ARGV[9] version wait ms: a message left for a node of another orchestrator version (its reason
-- 'V<first left ms>|<text>') is passed on, not dead-lettered, until that long after it was first left
-- Returns { next start or '-', { claimed entry: { id, deliveries, field, value, ... } ... },
--           { dead-lettered: { dead id, original id, deliveries, reason, saga id or '' } ... } }
local pending = redis.call('XPENDING', KEYS[1], ARGV[1], 'IDLE', ARGV[3], ARGV[4], '+', ARGV[5])
local claimed = {}
local dead = {}
local max = tonumber(ARGV[6])
for _, p in ipairs(pending) do
  local id = p[1]
  local deliveries = tonumber(p[4])
  local reason_key = KEYS[3] .. id
  local reason = deliveries >= max and redis.call('GET', reason_key)
  local left_at = reason and string.match(reason, '^V(%d+)|')
  if left_at and tonumber(ARGV[7]) - tonumber(left_at) < tonumber(ARGV[9]) then
    deliveries = 0 -- waits for a node of its version: passed on below
  elseif left_at then
    reason = string.gsub(reason, '^V%d+|', '', 1) .. ' (for ' .. (tonumber(ARGV[7]) - tonumber(left_at)) .. ' ms)'
  end
  if deliveries >= max then
    local entry = redis.call('XRANGE', KEYS[1], id, id)
    if #entry > 0 then
      if not reason then reason = 'not handled after ' .. deliveries .. ' deliveries' end
      local fields = entry[1][2]
      local saga = ''
      for i = 1, #fields - 1, 2 do
        if fields[i] == 's' then saga = fields[i + 1] end
      end
      fields[#fields + 1] = 'dl.group'
      fields[#fields + 1] = ARGV[1]
      fields[#fields + 1] = 'dl.stream'
      fields[#fields + 1] = ARGV[8]
      fields[#fields + 1] = 'dl.id'
      fields[#fields + 1] = id
      fields[#fields + 1] = 'dl.reason'
      fields[#fields + 1] = reason
      fields[#fields + 1] = 'dl.deliveries'
      fields[#fields + 1] = tostring(deliveries)
      fields[#fields + 1] = 'dl.node'
      fields[#fields + 1] = ARGV[2]
      fields[#fields + 1] = 'dl.at'
      fields[#fields + 1] = ARGV[7]
      local dead_id = redis.call('XADD', KEYS[2], '*', unpack(fields))
      redis.call('DEL', reason_key)
      dead[#dead + 1] = { dead_id, id, tostring(deliveries), reason, saga }
    end
    redis.call('XACK', KEYS[1], ARGV[1], id)
  else
    local got = redis.call('XCLAIM', KEYS[1], ARGV[1], ARGV[2], ARGV[3], id)
    local entry = got[1]
    if type(entry) == 'table' then
      local item = { entry[1], tostring(tonumber(p[4]) + 1) }
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
