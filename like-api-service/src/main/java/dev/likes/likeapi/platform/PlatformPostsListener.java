package dev.likes.likeapi.platform;

import dev.likes.events.LikeEventJson;
import dev.likes.events.PostEvent;
import dev.likes.events.PostEventJson;
import dev.likes.events.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * Consumes the platform's post lifecycle topic in batches (a backfill is hundreds of thousands of creations) and
 * applies each batch in one transaction; the container commits the offsets after it. An unreadable record is reported
 * by its index: the records before it are committed, it goes to the DLQ, the ones after it are redelivered.
 */
@Component
class PlatformPostsListener {

    static final String ID = "like-api-platform-posts";

    private static final Logger log = LoggerFactory.getLogger(PlatformPostsListener.class);

    private final PlatformPosts posts;
    private final MeterRegistry meters;

    PlatformPostsListener(PlatformPosts posts, MeterRegistry meters) {
        this.posts = posts;
        this.meters = meters;
    }

    @KafkaListener(
            id = ID,
            topics = "${likes.platform-posts.topic:" + Topics.PLATFORM_POSTS + "}",
            batch = "true",
            autoStartup = "${likes.platform-posts.enabled:true}")
    void onEvents(List<ConsumerRecord<String, byte[]>> records) {
        List<PostEvent> events = new ArrayList<>(records.size());
        int poisonIndex = -1;
        RuntimeException poison = null;
        for (int i = 0; i < records.size(); i++) {
            byte[] value = records.get(i).value();
            try {
                events.add(PostEventJson.fromBytes(value == null ? new byte[0] : value));
            } catch (LikeEventJson.MalformedEventException e) {
                // Apply what came before it; the error handler parks it and redelivers the rest.
                poisonIndex = i;
                poison = e;
                break;
            }
        }
        List<PlatformPosts.Result> results = posts.apply(events);
        for (int i = 0; i < results.size(); i++) {
            PostEvent event = events.get(i);
            PlatformPosts.Result result = results.get(i);
            // likes.platform.posts{type, result}: skipped = a type this service does not know (yet).
            meters.counter(
                            "likes.platform.posts",
                            "type",
                            event.type().name(),
                            "result",
                            result.name().toLowerCase(Locale.ROOT))
                    .increment();
            if (result == PlatformPosts.Result.DELETED) {
                log.atInfo().addKeyValue("postId", event.postId()).log("post deleted by the platform");
            } else if (result == PlatformPosts.Result.SKIPPED) {
                log.atDebug()
                        .addKeyValue("postId", event.postId())
                        .log("platform post event of an unknown type skipped");
            }
        }
        log.atDebug().addKeyValue("events", events.size()).log("platform post events applied");
        if (poison != null) {
            ConsumerRecord<String, byte[]> failed = records.get(poisonIndex);
            log.atWarn()
                    .addKeyValue("partition", failed.partition())
                    .addKeyValue("offset", failed.offset())
                    .addKeyValue("cause", poison.getMessage())
                    .log("not a post event; parking it on " + failed.topic() + ".dlq");
            throw new BatchListenerFailedException("not a post event: " + poison.getMessage(), poison, failed);
        }
    }
}
