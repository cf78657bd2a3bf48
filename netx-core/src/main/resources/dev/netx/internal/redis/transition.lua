-- Finishes a handled message in one step: records the group's part in the saga, appends the next
-- event if any, and acknowledges the message; only while the message is still pending for this
-- consumer, so late work of a node that lost its claim is fenced off.
-- KEYS[1] the stream the message came from, KEYS[2] events stream, KEYS[3] saga hash, KEYS[4] done set
-- ARGV[1] group, ARGV[2] consumer, ARGV[3] message id, ARGV[4] action A|J|C|R, ARGV[5] retention ms,
-- ARGV[6..] next entry fields as name, value pairs (for J|C|R)
-- Returns 'OK' | 'FENCED' | 'STALE:<state>' (next event refused by the saga's state) | 'GONE' (no saga state)
local pending = redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[3], ARGV[3], 1, ARGV[2])
if #pending == 0 then
  return 'FENCED'
end
local action = ARGV[4]
local result = 'OK'
local state = redis.call('HGET', KEYS[3], 'st')
if not state then
  if action ~= 'A' then result = 'GONE' end
else
  local next_state
  if action == 'R' then
    if state ~= 'ROLLED_BACK' then next_state = 'ROLLED_BACK' end
  elseif action == 'J' or action == 'C' then
    if state == 'ROLLED_BACK' or state == 'COMMITTED' then
      result = 'STALE:' .. state
    elseif action == 'C' then
      next_state = 'COMMITTED'
    else
      next_state = 'JOINED'
    end
  end
  if next_state then
    redis.call('HSET', KEYS[3], 'st', next_state, 'g:' .. ARGV[1], '1')
    local fields = {}
    for i = 6, #ARGV do fields[#fields + 1] = ARGV[i] end
    redis.call('XADD', KEYS[2], '*', unpack(fields))
    if next_state == 'COMMITTED' or next_state == 'ROLLED_BACK' then
      redis.call('PEXPIRE', KEYS[3], ARGV[5])
      redis.call('PEXPIRE', KEYS[4], ARGV[5])
    end
  else
    redis.call('HSET', KEYS[3], 'g:' .. ARGV[1], '1')
  end
end
redis.call('XACK', KEYS[1], ARGV[1], ARGV[3])
return result
