package dev.likes.testsupport;

import dev.likes.events.EventHeaders;
import dev.likes.events.LikeEvent;
import dev.likes.events.LikeEventJson;
import dev.likes.events.LikeEventType;
import dev.likes.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * A realistic stream of like changes for benchmarks, and the records each hop of the suite reads from it.
 *
 * <p>The stream is what the like API emits: only real changes (a user likes a post once, and unlikes only what they
 * liked), about one like in ten taken back later, about one in fifty by the post's owner, posts spread over many owners
 * and liked by many users. Each record carries what the producers really put on it: key postId, the event's JSON, the
 * {@link EventHeaders} and a W3C {@code traceparent} (the relay and the orchestrator publish inside a trace).
 */
public final class LikeTraffic {

    private static final HexFormat HEX = HexFormat.of();

    private final List<LikeEvent> events;

    private LikeTraffic(List<LikeEvent> events) {
        this.events = events;
    }

    /**
     * {@code count} events over {@code posts} posts named {@code prefix-<n>}, owned by {@code posts / 4} owners, liked by
     * up to 50,000 users; occurredAt within the last minute, in order.
     */
    public static LikeTraffic generate(String prefix, int posts, int count, long seed) {
        var random = new SplittableRandom(seed);
        int owners = Math.max(1, posts / 4);
        // Per post: how many users have liked it so far, how many of those took it back (oldest first), and whether
        // the owner liked it: only real changes are emitted, as the like API emits them.
        int[] liked = new int[posts];
        int[] unliked = new int[posts];
        boolean[] ownerLiked = new boolean[posts];
        List<LikeEvent> events = new ArrayList<>(count);
        Instant start = Instant.now().minusSeconds(60);
        for (int i = 0; i < count; i++) {
            int post = random.nextInt(posts);
            String postId = prefix + "-" + post;
            String owner = prefix + "-owner-" + (post % owners);
            Instant at = start.plusNanos(60_000_000_000L / count * i);
            if (liked[post] > unliked[post] && random.nextInt(10) == 0) {
                // The oldest like still standing is taken back: an UNLIKED only ever follows its LIKED.
                events.add(LikeEvent.of(LikeEventType.UNLIKED, postId, owner, liker(post, unliked[post]++), at, null));
            } else if (!ownerLiked[post] && random.nextInt(50) == 0) {
                // The owner likes their own post: counted and boosted, never notified.
                ownerLiked[post] = true;
                events.add(LikeEvent.of(LikeEventType.LIKED, postId, owner, owner, at, null));
            } else {
                events.add(LikeEvent.of(LikeEventType.LIKED, postId, owner, liker(post, liked[post]++), at, null));
            }
        }
        return new LikeTraffic(List.copyOf(events));
    }

    /** The {@code n}-th user to like a post: distinct for the first 50,000 likers of a post. */
    private static String liker(int post, int n) {
        return "user-" + ((long) post * 7919 + n) % 50_000;
    }

    public List<LikeEvent> events() {
        return events;
    }

    /** The records the like API's relay publishes to {@code likes.events}: one per event. */
    public List<ProducerRecord<String, byte[]>> likeEventRecords() {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(events.size());
        for (LikeEvent event : events) {
            records.add(record(Topics.LIKE_EVENTS, event));
        }
        return records;
    }

    /**
     * The records the orchestrator publishes to {@code topic}, as its {@code FanOutListener} does: the event's bytes
     * unchanged, key postId, the three event headers; routed by its rules (owner notification and push only for
     * another user's like, no push for an unlike, a feed boost for every event).
     */
    public List<ProducerRecord<String, byte[]>> fanOutRecords(String topic) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (LikeEvent event : fannedOutTo(topic)) {
            records.add(record(topic, event));
        }
        return records;
    }

    /** The events the orchestrator routes to {@code topic}, in order. */
    public List<LikeEvent> fannedOutTo(String topic) {
        return events.stream().filter(e -> routesTo(e, topic)).toList();
    }

    /** The orchestrator's fan-out rules (FanOutRules), restated: the benchmarks must feed what it really produces. */
    public static boolean routesTo(LikeEvent event, String topic) {
        boolean toOwner = !event.isSelfLike()
                && event.postOwnerId() != null
                && !event.postOwnerId().isBlank();
        return switch (topic) {
            case Topics.FEED_BOOST -> true;
            case Topics.NOTIFY_OWNER -> toOwner;
            case Topics.PUSH -> toOwner && event.type() == LikeEventType.LIKED;
            default -> throw new IllegalArgumentException("not a fan-out topic: " + topic);
        };
    }

    private static ProducerRecord<String, byte[]> record(String topic, LikeEvent event) {
        var record = new ProducerRecord<>(topic, null, event.postId(), LikeEventJson.toBytes(event));
        record.headers()
                .add(new RecordHeader(
                        EventHeaders.EVENT_ID, bytes(event.eventId().toString())))
                .add(new RecordHeader(
                        EventHeaders.EVENT_TYPE, bytes(event.type().name())))
                .add(new RecordHeader(EventHeaders.SCHEMA_VERSION, bytes(String.valueOf(event.schemaVersion()))))
                .add(new RecordHeader("traceparent", bytes(traceparent(event))));
        return record;
    }

    private static String traceparent(LikeEvent event) {
        long hi = event.eventId().getMostSignificantBits();
        long lo = event.eventId().getLeastSignificantBits();
        return "00-" + HEX.toHexDigits(hi) + HEX.toHexDigits(lo) + "-" + HEX.toHexDigits(hi ^ lo) + "-01";
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
