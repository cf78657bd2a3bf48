-- Decides whether this node may run a compensation now: not if its idempotency key is recorded as
-- done, not if this group never took part in the saga, not while another node holds its lease.
-- Otherwise takes the lease (renewed while the handler runs) and says run.
-- KEYS[1] saga hash (its field 'd:<idempotency key>' records a compensation done), KEYS[2] lease key
-- ARGV[1] group, ARGV[2] idempotency key, ARGV[3] node, ARGV[4] lease ms,
-- ARGV[5] '1' when the group must have taken part in the saga (choreography), '0' otherwise
-- Returns 'RUN' | 'DONE' | 'SKIP' | 'GONE' (choreography: no state of the saga) | 'BUSY:<holder>'
if redis.call('HEXISTS', KEYS[1], 'd:' .. ARGV[2]) == 1 then
  return 'DONE'
end
if ARGV[5] == '1' and redis.call('HEXISTS', KEYS[1], 'g:' .. ARGV[1]) == 0 then
  -- without the saga's state, whether the group took part cannot be told
  if redis.call('EXISTS', KEYS[1]) == 0 then return 'GONE' end
  return 'SKIP'
end
local holder = redis.call('GET', KEYS[2])
if holder and holder ~= ARGV[3] then
  return 'BUSY:' .. holder
end
redis.call('SET', KEYS[2], ARGV[3], 'PX', ARGV[4])
return 'RUN'
