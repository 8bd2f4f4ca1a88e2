package dev.likes.likeapi.like;

import dev.likes.kit.tracing.Traces;
import dev.likes.kit.web.ApiProblem;
import dev.likes.likeapi.like.LikeWriter.Command;
import dev.likes.likeapi.like.LikeWriter.Op;
import dev.likes.likeapi.like.LikeWriter.Outcome;
import dev.likes.likeapi.post.PostOwners;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Likes, unlikes and toggles. Each writes the state change and, only if the state really changed, its outbox row in
 * one transaction (shared with concurrent likes, see {@link LikeWriter}), and answers after the commit without
 * waiting for Kafka.
 */
@Service
class LikeService {

    private static final Logger log = LoggerFactory.getLogger(LikeService.class);

    private final LikeWriter writer;
    private final PostOwners owners;
    private final Traces traces;
    private final MeterRegistry meters;
    private final LikeWriterProperties properties;

    LikeService(
            LikeWriter writer,
            PostOwners owners,
            Traces traces,
            MeterRegistry meters,
            LikeWriterProperties properties) {
        this.writer = writer;
        this.owners = owners;
        this.traces = traces;
        this.meters = meters;
        this.properties = properties;
    }

    LikeResult like(String postId, String userId) {
        return write(Op.LIKE, postId, userId);
    }

    LikeResult unlike(String postId, String userId) {
        return write(Op.UNLIKE, postId, userId);
    }

    LikeResult toggle(String postId, String userId) {
        return write(Op.TOGGLE, postId, userId);
    }

    private LikeResult write(Op op, String postId, String userId) {
        String ownerId = owners.ownerOf(postId); // 404 before anything is queued
        String traceId = traces.currentTraceIdOrNull();
        Outcome outcome = await(
                writer.submit(new Command(op, postId, userId, ownerId, traceId, traces.currentTraceParentOrNull())));
        if (outcome.event() != null && log.isDebugEnabled()) {
            log.atDebug()
                    .addKeyValue("postId", postId)
                    .addKeyValue("type", outcome.event().type())
                    .addKeyValue("eventId", outcome.event().eventId())
                    .log("like state changed");
        }
        meters.counter(
                        "likes.api.requests",
                        "op",
                        op.name().toLowerCase(Locale.ROOT),
                        "result",
                        outcome.changed() ? "changed" : "unchanged")
                .increment();
        return new LikeResult(postId, outcome.liked(), outcome.changed(), traceId);
    }

    private Outcome await(java.util.concurrent.CompletableFuture<Outcome> done) {
        try {
            return done.get(properties.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ApiProblem problem) {
                throw problem;
            }
            throw new LikesUnavailable("The like could not be stored now; retry");
        } catch (TimeoutException e) {
            // The batch may still commit; a retry is harmless because a like is idempotent.
            throw new LikesUnavailable("The like was not confirmed in time; retry");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LikesUnavailable("Interrupted; retry");
        }
    }
}
