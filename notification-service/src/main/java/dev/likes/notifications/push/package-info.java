/**
 * Push messages through Firebase Cloud Messaging: device registration, the per-(owner, post) collapse window, and the
 * FCM sender behind the {@link dev.likes.notifications.push.PushSender} port with retry, circuit breaker and rate
 * limiter.
 */
package dev.likes.notifications.push;
