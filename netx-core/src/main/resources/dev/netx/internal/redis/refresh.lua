-- Keeps this consumer's claim on messages it is still handling fresh, so that no other node takes
-- them as orphans, and renews the lease of compensations it is running; a message another node
-- has claimed meanwhile, or a lease another node holds, is left alone.
-- KEYS[1] stream, KEYS[2..] lease keys to renew (all of the stream's shard)
-- ARGV[1] group, ARGV[2] consumer, ARGV[3] lease ms, ARGV[4..] message ids
-- Returns the number of claims refreshed.
local refreshed = 0
for i = 4, #ARGV do
  local p = redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[i], ARGV[i], 1, ARGV[2])
  if #p > 0 then
    redis.call('XCLAIM', KEYS[1], ARGV[1], ARGV[2], 0, ARGV[i], 'JUSTID')
    refreshed = refreshed + 1
  end
end
for i = 2, #KEYS do
  if redis.call('GET', KEYS[i]) == ARGV[2] then
    redis.call('PEXPIRE', KEYS[i], ARGV[3])
  end
end
return refreshed
