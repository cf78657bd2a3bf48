-- Records the highest shard count any node of the namespace has used, and returns it, so that
-- every node keeps reading shards that sagas may still live on after the count was lowered.
-- KEYS[1] meta hash; ARGV[1] this node's shard count
local current = tonumber(redis.call('HGET', KEYS[1], 'shards') or '0')
local wanted = tonumber(ARGV[1])
if wanted > current then
  redis.call('HSET', KEYS[1], 'shards', ARGV[1])
  return wanted
end
return current
