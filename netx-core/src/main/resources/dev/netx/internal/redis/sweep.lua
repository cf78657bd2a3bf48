-- Rolls back orchestrated sagas whose deadline passed while they waited on a participant group that
-- does not answer (down, or its node died holding the call): the call is taken back from that group's
-- inbox, so it never runs late, and a deadline message asks the orchestrator's group to compensate.
-- The watches are written when a call with a deadline is sent (launch, advance) and removed by the
-- participant's reply, in the same scripts; each is '<saga>|<step>|<participant group>|<call entry id>'.
-- KEYS[1] the orchestrator group's watches (sorted set by deadline ms), KEYS[2] its inbox
-- ARGV[1] now ms, ARGV[2] most watches per call, ARGV[3] prefix of saga keys, ARGV[4] prefix of inbox
-- keys, ARGV[5] orphan timeout ms, ARGV[6] the orchestrator group, ARGV[7] this node
-- Returns the number of sagas sent to compensation
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
local swept = 0
for _, watch in ipairs(due) do
  local saga, step, group, id = string.match(watch, '^([^|]+)|([^|]+)|([^|]+)|([^|]+)$')
  local settled = true
  if saga then
    local hash = ARGV[3] .. saga
    local state = redis.call('HGET', hash, 'st')
    if state == 'STARTED' then
      local inbox = ARGV[4] .. group
      local ran = false
      local pending = redis.pcall('XPENDING', inbox, group, id, id, 1)
      if type(pending) == 'table' and #pending > 0 then
        if tonumber(pending[1][3]) < tonumber(ARGV[5]) then
          settled = false -- a live node of the group runs the call: its reply decides
        else
          ran = true -- held by a node gone silent: it may have done the work
          redis.call('XACK', inbox, group, id)
        end
      end
      if settled then
        redis.call('XDEL', inbox, id)
        local info = redis.call('HMGET', hash, 'on', 'ctx', 'dl', 'hd', 'ov')
        local fields = { 'k', 'D', 's', saga, 'o', info[1], 'i', step, 'ctx', info[2] or '{}', 'dl', info[3] or '0',
          'g', ARGV[6], 'n', ARGV[7] }
        if ran then
          fields[#fields + 1] = 'b'
          fields[#fields + 1] = '1'
        end
        if info[4] then
          fields[#fields + 1] = 'hd'
          fields[#fields + 1] = info[4]
        end
        if info[5] then
          fields[#fields + 1] = 'ov'
          fields[#fields + 1] = info[5]
        end
        redis.call('XADD', KEYS[2], '*', unpack(fields))
        swept = swept + 1
      end
    end
  end
  if settled then redis.call('ZREM', KEYS[1], watch) end
end
return swept
