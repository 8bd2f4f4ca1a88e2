-- Writes a batch of committed counts, skipping deleted posts, and announces each written count to the like API's live
-- streams, in one round trip. The announcement follows the write: a stream client that re-reads reads the new value.
-- KEYS[2k-1] post:{postId}:like_count, KEYS[2k] post:{postId}:deleted, for each post k
-- ARGV[1] TTL in milliseconds, ARGV[2] the channel, ARGV[2k+1] the count of post k, ARGV[2k+2] its CountUpdate JSON
for k = 1, #KEYS / 2 do
  if redis.call('EXISTS', KEYS[2 * k]) == 0 then
    redis.call('SET', KEYS[2 * k - 1], ARGV[2 * k + 1], 'PX', ARGV[1])
    redis.call('PUBLISH', ARGV[2], ARGV[2 * k + 2])
  end
end
return #KEYS / 2
