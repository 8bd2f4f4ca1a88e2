package dev.likes.notifications.push;

/** The port to the push provider, so the dispatch rules can be tested without FCM. */
interface PushSender {

    enum Result {
        SENT,
        /** The provider says the device token is gone or malformed: forget it. */
        TOKEN_INVALID,
        /** Not delivered after the retries, or the breaker is open, or the rate limit was not granted in time. */
        FAILED
    }

    /** Whether pushes can go out at all (credentials are configured). */
    boolean enabled();

    Result send(PushMessage message);
}
