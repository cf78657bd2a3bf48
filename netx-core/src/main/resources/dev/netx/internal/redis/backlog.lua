-- What waits for one group on one shard: its live nodes (heartbeats written by the group's trim
-- script) and the messages of its inbox that no node of it has finished (pending, or not yet
-- delivered), with the age of the oldest. An inbox whose consumer group does not exist yet (the group
-- never started) waits whole.
-- KEYS[1] the group's inbox stream, KEYS[2] the heartbeats of the group's nodes (sorted set)
-- ARGV[1] group, ARGV[2] a node counts as live when its heartbeat is at or after this ms,
-- ARGV[3] most undelivered entries counted where Redis does not report the group's lag (before 7)
-- Returns { live nodes, waiting messages, age ms of the oldest waiting (-1 when none), 1 if the group exists }
local function ms(id)
  return tonumber(string.sub(id, 1, string.find(id, '-', 1, true) - 1))
end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local live = redis.call('ZCOUNT', KEYS[2], ARGV[2], '+inf')
if redis.call('EXISTS', KEYS[1]) == 0 then return { live, 0, -1, 0 } end
local info
for _, g in ipairs(redis.call('XINFO', 'GROUPS', KEYS[1])) do
  local fields = {}
  for i = 1, #g, 2 do fields[g[i]] = g[i + 1] end
  if fields['name'] == ARGV[1] then info = fields end
end
local oldest
if not info then
  local first = redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', 1)
  if #first > 0 then oldest = ms(first[1][1]) end
  return { live, redis.call('XLEN', KEYS[1]), oldest and (now - oldest) or -1, 0 }
end
local summary = redis.call('XPENDING', KEYS[1], ARGV[1])
local waiting = summary[1]
if waiting > 0 then oldest = ms(summary[2]) end
local after = redis.call('XRANGE', KEYS[1], '(' .. info['last-delivered-id'], '+', 'COUNT', 1)
if #after > 0 then
  local first = ms(after[1][1])
  if not oldest or first < oldest then oldest = first end
  if type(info['lag']) == 'number' then
    waiting = waiting + info['lag']
  else
    waiting = waiting + #redis.call('XRANGE', KEYS[1], '(' .. info['last-delivered-id'], '+', 'COUNT',
      tonumber(ARGV[3]))
  end
end
return { live, waiting, oldest and (now - oldest) or -1, 1 }
