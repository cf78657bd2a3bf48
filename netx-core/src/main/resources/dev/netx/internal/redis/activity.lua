-- Adds one node's counts to one interval of the namespace's activity (see Activity.java) and keeps
-- the interval for a while; the first command is a write, so Redis refuses all of it or none.
-- KEYS[1] the interval's hash
-- ARGV[1] how long the interval is kept, ms; ARGV[2..] field, count pairs
for i = 2, #ARGV, 2 do
  redis.call('HINCRBY', KEYS[1], ARGV[i], ARGV[i + 1])
end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 1
