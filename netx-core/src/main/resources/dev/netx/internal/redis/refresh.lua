-- Keeps this consumer's claim on messages it is still handling fresh, so that no other node takes
-- them as orphans; a message another node has claimed meanwhile is left alone.
-- KEYS[1] stream; ARGV[1] group, ARGV[2] consumer, ARGV[3..] message ids
-- Returns the number of claims refreshed.
local refreshed = 0
for i = 3, #ARGV do
  local p = redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[i], ARGV[i], 1, ARGV[2])
  if #p > 0 then
    redis.call('XCLAIM', KEYS[1], ARGV[1], ARGV[2], 0, ARGV[i], 'JUSTID')
    refreshed = refreshed + 1
  end
end
return refreshed
