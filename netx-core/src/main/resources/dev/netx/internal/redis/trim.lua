-- Bounds a stream: trims entries that every consumer group has acknowledged (XTRIM MINID below
-- the oldest entry any group still has pending or not yet delivered), and removes consumers of
-- this group that have nothing pending and were idle longer than the threshold (nodes that left).
-- Every node of the group runs this for the stream each trim interval, so it also records that
-- its node is alive (KEYS[2], node -> time): a node whose reads block without messages looks idle
-- to XINFO CONSUMERS on Redis before 7.2, and its heartbeat keeps its consumer.
-- For a shard's events stream it also removes the state of rolled-back sagas (KEYS[3]) that
-- changed last more than retention ago, whose rollback entry every group has read past, and that
-- have no open dead letter (see claim.lua).
-- KEYS[1] stream, KEYS[2] heartbeats of the group's nodes on this shard (sorted set),
-- KEYS[3] (events stream only) the shard's rolled-back sagas (sorted set by last change ms)
-- ARGV[1] group, ARGV[2] this consumer, ARGV[3] consumer idle threshold ms, ARGV[4] now ms,
-- ARGV[5] retention ms of a finished saga, ARGV[6] prefix of saga hashes, ARGV[7] most rolled-back sagas
-- looked at
-- Returns { entries trimmed, consumers removed, rolled-back sagas removed }
local function parse(id)
  local dash = string.find(id, '-', 1, true)
  return tonumber(string.sub(id, 1, dash - 1)), tonumber(string.sub(id, dash + 1))
end
local function older(a, b)
  local ams, aseq = parse(a)
  local bms, bseq = parse(b)
  return ams < bms or (ams == bms and aseq < bseq)
end
local exists = redis.call('EXISTS', KEYS[1]) == 1
local keep
for _, g in ipairs(exists and redis.call('XINFO', 'GROUPS', KEYS[1]) or {}) do
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
local released = 0
if KEYS[3] then
  local time = redis.call('TIME')
  local cutoff = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000) - tonumber(ARGV[5])
  for _, saga in ipairs(redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', cutoff, 'LIMIT', 0, tonumber(ARGV[7]))) do
    local state = redis.call('HMGET', ARGV[6] .. saga, 'rp', 'ik', 'dls')
    local rollback = state[1]
    -- a saga with an open dead letter stays until it is relayed (see claim.lua)
    if tonumber(state[3] or '0') <= 0 and (not rollback or not keep or older(rollback, keep)) then
      local held = state[2]
      if held and string.sub(redis.call('GET', held) or '', 1, #saga + 1) == saga .. '|' then
        redis.call('DEL', held)
      end
      redis.call('DEL', ARGV[6] .. saga)
      redis.call('ZREM', KEYS[3], saga)
      released = released + 1
    end
  end
end
if not exists then return { trimmed, 0, released } end
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
return { trimmed, removed, released }
