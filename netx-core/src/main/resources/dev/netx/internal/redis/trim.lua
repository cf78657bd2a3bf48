-- Bounds a stream: trims entries that every consumer group has acknowledged (XTRIM MINID below
-- the oldest entry any group still has pending or not yet delivered), and removes consumers of
-- this group that have nothing pending and were idle longer than the threshold (nodes that left).
-- Every node of the group runs this for the stream each trim interval, so it also records that
-- its node is alive (KEYS[2], node -> time): a node whose reads block without messages looks idle
-- to XINFO CONSUMERS on Redis before 7.2, and its heartbeat keeps its consumer.
-- KEYS[1] stream, KEYS[2] heartbeats of the group's nodes on this shard (sorted set)
-- ARGV[1] group, ARGV[2] this consumer, ARGV[3] consumer idle threshold ms, ARGV[4] now ms
-- Returns { entries trimmed, consumers removed }
if redis.call('EXISTS', KEYS[1]) == 0 then return { 0, 0 } end
local function parse(id)
  local dash = string.find(id, '-', 1, true)
  return tonumber(string.sub(id, 1, dash - 1)), tonumber(string.sub(id, dash + 1))
end
local function older(a, b)
  local ams, aseq = parse(a)
  local bms, bseq = parse(b)
  return ams < bms or (ams == bms and aseq < bseq)
end
local keep
for _, g in ipairs(redis.call('XINFO', 'GROUPS', KEYS[1])) do
  local info = {}
  for i = 1, #g, 2 do info[g[i]] = g[i + 1] end
  local ms, seq = parse(info['last-delivered-id'])
  local candidate = ms .. '-' .. (seq + 1)
  local summary = redis.call('XPENDING', KEYS[1], info['name'])
  if summary[1] > 0 and older(summary[2], candidate) then candidate = summary[2] end
  if not keep or older(candidate, keep) then keep = candidate end
end
local trimmed = 0
if keep then trimmed = redis.call('XTRIM', KEYS[1], 'MINID', '~', keep) end
local now = tonumber(ARGV[4])
local threshold = tonumber(ARGV[3])
redis.call('ZADD', KEYS[2], now, ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', '(' .. (now - threshold))
redis.call('PEXPIRE', KEYS[2], threshold * 2)
local removed = 0
local consumers = redis.pcall('XINFO', 'CONSUMERS', KEYS[1], ARGV[1])
if not consumers.err then
  for _, c in ipairs(consumers) do
    local info = {}
    for i = 1, #c, 2 do info[c[i]] = c[i + 1] end
    if info['name'] ~= ARGV[2] and info['pending'] == 0 and info['idle'] > threshold
        and not redis.call('ZSCORE', KEYS[2], info['name']) then
      redis.call('XGROUP', 'DELCONSUMER', KEYS[1], ARGV[1], info['name'])
      removed = removed + 1
    end
  end
end
return { trimmed, removed }
