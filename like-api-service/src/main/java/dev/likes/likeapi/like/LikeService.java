package dev.likes.likeapi.like;

import dev.likes.events.LikeEvent;
import dev.likes.events.LikeEventType;
import dev.likes.likeapi.outbox.Outbox;
import dev.likes.likeapi.post.PostOwners;
import dev.likes.likeapi.web.Traces;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Likes, unlikes and toggles. Each writes the state change and, only if the state really changed, its outbox row in
 * one transaction, and answers without waiting for Kafka.
 */
@Service
class LikeService {

    private static final Logger log = LoggerFactory.getLogger(LikeService.class);

    private final LikeRepository likes;
    private final PostOwners owners;
    private final Outbox outbox;
    private final Traces traces;
    private final MeterRegistry meters;

    LikeService(LikeRepository likes, PostOwners owners, Outbox outbox, Traces traces, MeterRegistry meters) {
        this.likes = likes;
        this.owners = owners;
        this.outbox = outbox;
        this.traces = traces;
        this.meters = meters;
    }

    @Transactional
    public LikeResult like(String postId, String userId) {
        String ownerId = owners.ownerOf(postId);
        boolean changed = likes.insert(postId, userId);
        if (changed) {
            emit(LikeEventType.LIKED, postId, ownerId, userId);
        }
        return result("like", postId, true, changed);
    }

    @Transactional
    public LikeResult unlike(String postId, String userId) {
        String ownerId = owners.ownerOf(postId);
        boolean changed = likes.delete(postId, userId);
        if (changed) {
            emit(LikeEventType.UNLIKED, postId, ownerId, userId);
        }
        return result("unlike", postId, false, changed);
    }

    @Transactional
    public LikeResult toggle(String postId, String userId) {
        String ownerId = owners.ownerOf(postId);
        if (likes.delete(postId, userId)) {
            emit(LikeEventType.UNLIKED, postId, ownerId, userId);
            return result("toggle", postId, false, true);
        }
        // Not liked a moment ago; if a concurrent request liked it meanwhile, it is liked now either way.
        boolean changed = likes.insert(postId, userId);
        if (changed) {
            emit(LikeEventType.LIKED, postId, ownerId, userId);
        }
        return result("toggle", postId, true, changed);
    }

    private void emit(LikeEventType type, String postId, String ownerId, String userId) {
        LikeEvent event = LikeEvent.of(type, postId, ownerId, userId, Instant.now(), traces.currentTraceIdOrNull());
        outbox.append(event, traces.currentTraceParentOrNull());
        log.atInfo()
                .addKeyValue("postId", postId)
                .addKeyValue("type", type)
                .addKeyValue("eventId", event.eventId())
                .log("like state changed");
    }

    private LikeResult result(String op, String postId, boolean liked, boolean changed) {
        meters.counter("likes.api.requests", "op", op, "result", changed ? "changed" : "unchanged")
                .increment();
        return new LikeResult(postId, liked, changed, traces.currentTraceIdOrNull());
    }
}
