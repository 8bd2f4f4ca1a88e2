-- Writes a batch of committed counts, skipping deleted posts, in one round trip.
-- KEYS[2k-1] post:{postId}:like_count, KEYS[2k] post:{postId}:deleted, for each post k
-- ARGV[1] TTL in milliseconds, ARGV[k+1] the count of post k
for k = 1, #KEYS / 2 do
  if redis.call('EXISTS', KEYS[2 * k]) == 0 then
    redis.call('SET', KEYS[2 * k - 1], ARGV[k + 1], 'PX', ARGV[1])
  end
end
return #KEYS / 2
