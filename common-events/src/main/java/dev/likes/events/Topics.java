package dev.likes.events;

/** The Kafka topics of the suite. All are keyed by postId. */
public final class Topics {

    /** Every like state change, published by the like API's outbox relay. */
    public static final String LIKE_EVENTS = "likes.events";

    /** Events the count consumer gave up on, with the cause in the headers; replayable. */
    public static final String LIKE_EVENTS_DLQ = "likes.events.dlq";

    /** Owner notifications to store, fanned out by the orchestrator. */
    public static final String NOTIFY_OWNER = "likes.notify-owner";

    /** Push messages to send, fanned out by the orchestrator. */
    public static final String PUSH = "likes.push";

    /** Feed score changes, fanned out by the orchestrator. */
    public static final String FEED_BOOST = "likes.feed-boost";

    /**
     * The platform's post lifecycle events ({@link PostEvent}: POST_CREATED, POST_DELETED), keyed by postId, which
     * the like API registers and deletes its posts from. The default name; the like API's {@code
     * likes.platform-posts.topic} may name another. Owned by the platform, hence not {@code likes.}-prefixed.
     */
    public static final String PLATFORM_POSTS = "posts.events";

    /**
     * The post deletions the like API applied ({@link PostEvent} of type POST_DELETED, keyed by postId), through its
     * outbox, for every service that keeps something per post. A topic of its own so that no consumer of {@link
     * #LIKE_EVENTS} ever meets a type it does not know.
     */
    public static final String POST_EVENTS = "likes.post-events";

    /** The suffix a dead-letter topic adds to its source topic (spring-kafka's default is "-dlt"). */
    public static final String DLQ_SUFFIX = ".dlq";

    private Topics() {}

    /** The dead-letter topic of a topic. */
    public static String dlqOf(String topic) {
        return topic + DLQ_SUFFIX;
    }
}
