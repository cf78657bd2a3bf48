-- Adds an entry to a saga's timeline from outside its transitions (a message left for retry, dead-
-- lettered or relayed), while the saga's state exists: never creates a state without its expiry.
-- KEYS[1] saga hash
-- ARGV[1] the entry's hash field, ARGV[2] the entry
-- Returns 1 if written, 0 if the saga's state is gone
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1
