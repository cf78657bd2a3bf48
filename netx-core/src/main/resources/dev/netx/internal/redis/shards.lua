-- Records the highest shard count any node of the namespace has used, and returns it, so that
-- every node keeps reading shards that sagas may still live on after the count was lowered. Also
-- fixes, once, the shard count that saga keys are spread over (the first node's), so that every node
-- finds a key on the same shard whatever its own count.
-- Also records the node's group among the namespace's groups (field 'group:<name>'), for the console.
-- KEYS[1] meta hash; ARGV[1] this node's shard count, ARGV[2] its group ('' for a node that reads nothing)
-- Returns { highest shard count, shard count of saga keys }
-- writes only what is missing, so that a node still starts while Redis refuses writes (maxmemory)
if redis.call('HEXISTS', KEYS[1], 'key-shards') == 0 then redis.call('HSET', KEYS[1], 'key-shards', ARGV[1]) end
if ARGV[2] ~= '' and redis.call('HEXISTS', KEYS[1], 'group:' .. ARGV[2]) == 0 then
  redis.call('HSET', KEYS[1], 'group:' .. ARGV[2], '1')
end
local current = tonumber(redis.call('HGET', KEYS[1], 'shards') or '0')
local wanted = tonumber(ARGV[1])
if wanted > current then
  redis.call('HSET', KEYS[1], 'shards', ARGV[1])
  current = wanted
end
return { current, tonumber(redis.call('HGET', KEYS[1], 'key-shards')) }
