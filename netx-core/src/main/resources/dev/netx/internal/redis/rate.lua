-- Takes a permit of a rate limit (the generic cell rate algorithm on Redis's clock): the key holds
-- the theoretical arrival time (ms) of the next permit; a permit is free now when that time is within
-- the burst's tolerance, and each permit taken moves it on by one interval.
-- KEYS[1] the limit's state
-- ARGV[1] ms between permits, ARGV[2] burst, ARGV[3] the longest wait (ms) for which a permit not free
-- yet is taken all the same (the caller waits for it); 0 takes one only when it is free now
-- Returns ms until a permit is free: 0, a permit was taken and is free now; at most ARGV[3], one was
-- taken and is free then; above ARGV[3], none was taken
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + tonumber(time[2]) / 1000
local interval = tonumber(ARGV[1])
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat < now then tat = now end
local wait = math.ceil(tat - now - (tonumber(ARGV[2]) - 1) * interval)
if wait < 0 then wait = 0 end
if wait > tonumber(ARGV[3]) then return wait end
local next = tat + interval
redis.call('SET', KEYS[1], string.format('%.3f', next), 'PX', math.ceil(next - now) + 1000)
return wait
