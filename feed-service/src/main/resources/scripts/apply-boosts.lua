-- Applies a batch of feed boosts atomically, each at most once. See HotScore for the formula.
-- KEYS[1]      the sorted set (feed:trending)
-- KEYS[2..n+1] feed:event:{eventId}, one per event: the dedupe markers
-- KEYS[n+2..2n+1] feed:post:{postId}:deleted, one per event: a boost of a deleted post is ignored (returns 0)
-- ARGV[1] dedupe TTL in seconds, ARGV[2] stored-value cutoff (entries below it are dropped), ARGV[3] max entries
-- ARGV[4 + 3k], ARGV[5 + 3k], ARGV[6 + 3k]: postId, sign (+1 like, -1 unlike), log-form weight x of event k
-- Returns one 1 (applied) or 0 (already applied, or its post deleted) per event.
local zset = KEYS[1]
local applied = {}
local n = (#KEYS - 1) / 2
for i = 2, n + 1 do
  local base = 4 + (i - 2) * 3
  local postId = ARGV[base]
  local sign = tonumber(ARGV[base + 1])
  local x = tonumber(ARGV[base + 2])
  -- Read before the first write: a script that fails (the set holding another type) must fail before it marks an
  -- event applied, since Redis does not undo a script's writes, and a marked event is never applied on retry.
  local current = redis.call('ZSCORE', zset, postId)
  if redis.call('EXISTS', KEYS[n + i]) == 1 then
    applied[#applied + 1] = 0
  elseif redis.call('SET', KEYS[i], '1', 'NX', 'EX', ARGV[1]) then
    if sign > 0 then
      if current then
        local s = tonumber(current)
        local hi, lo = math.max(s, x), math.min(s, x)
        redis.call('ZADD', zset, string.format('%.17g', hi + math.log(1 + math.exp(lo - hi))), postId)
      else
        redis.call('ZADD', zset, string.format('%.17g', x), postId)
      end
    elseif current then
      local s = tonumber(current)
      if x >= s then
        redis.call('ZREM', zset, postId)
      else
        redis.call('ZADD', zset, string.format('%.17g', s + math.log(1 - math.exp(x - s))), postId)
      end
    end
    applied[#applied + 1] = 1
  else
    applied[#applied + 1] = 0
  end
end
redis.call('ZREMRANGEBYSCORE', zset, '-inf', '(' .. ARGV[2])
local excess = redis.call('ZCARD', zset) - tonumber(ARGV[3])
if excess > 0 then
  redis.call('ZREMRANGEBYRANK', zset, 0, excess - 1)
end
return applied
