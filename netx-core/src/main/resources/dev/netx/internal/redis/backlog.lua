-- What waits for one group on one shard's stream: its live nodes (heartbeats written by the group's
-- trim script) and the messages of the stream that no node of it has finished: pending (delivered,
-- not acknowledged) and lag (not yet delivered), with the ages of the oldest pending and of the
-- oldest waiting of either kind. A stream whose consumer group does not exist yet (the group never
-- started) lags whole.
-- KEYS[1] the stream, KEYS[2] the heartbeats of the group's nodes (sorted set)
-- ARGV[1] group, ARGV[2] a node counts as live when its heartbeat is at or after this ms,
-- ARGV[3] most undelivered entries counted where Redis does not report the group's lag (before 7)
-- Returns { live nodes, pending, lag, age ms of the oldest pending (-1 when none),
--   age ms of the oldest waiting (-1 when none), 1 if the group exists }
local function ms(id)
  return tonumber(string.sub(id, 1, string.find(id, '-', 1, true) - 1))
end
local function age(now, at)
  if at then return now - at end
  return -1
end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local live = redis.call('ZCOUNT', KEYS[2], ARGV[2], '+inf')
if redis.call('EXISTS', KEYS[1]) == 0 then return { live, 0, 0, -1, -1, 0 } end
local info
for _, g in ipairs(redis.call('XINFO', 'GROUPS', KEYS[1])) do
  local fields = {}
  for i = 1, #g, 2 do fields[g[i]] = g[i + 1] end
  if fields['name'] == ARGV[1] then info = fields end
end
if not info then
  local first = redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', 1)
  local oldest
  if #first > 0 then oldest = ms(first[1][1]) end
  return { live, 0, redis.call('XLEN', KEYS[1]), -1, age(now, oldest), 0 }
end
local summary = redis.call('XPENDING', KEYS[1], ARGV[1])
local pending = summary[1]
local oldestPending
if pending > 0 then oldestPending = ms(summary[2]) end
local oldest = oldestPending
local lag = 0
local after = redis.call('XRANGE', KEYS[1], '(' .. info['last-delivered-id'], '+', 'COUNT', 1)
if #after > 0 then
  local first = ms(after[1][1])
  if not oldest or first < oldest then oldest = first end
  if type(info['lag']) == 'number' then
    lag = info['lag']
  else
    lag = #redis.call('XRANGE', KEYS[1], '(' .. info['last-delivered-id'], '+', 'COUNT', tonumber(ARGV[3]))
  end
end
return { live, pending, lag, age(now, oldestPending), age(now, oldest), 1 }
