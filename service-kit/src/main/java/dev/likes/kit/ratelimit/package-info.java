/**
 * Rate limits kept in Redis (Bucket4j through Lettuce), so every instance of a service draws on the same buckets: per
 * user on state-changing calls, per client address on failed authentication (and, when switched on, on anonymous
 * calls), and the operator-login throttle. A limiter whose store is down lets requests through and says so.
 */
package dev.likes.kit.ratelimit;
