package dev.likes.kit.kafka;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.event.ConsumerStoppingEvent;
import org.springframework.kafka.event.ListenerContainerIdleEvent;
import org.springframework.kafka.listener.BatchInterceptor;

/**
 * The gauge {@code likes.pipeline.oldest.age{hop}}: how old, in seconds, the oldest record is that this hop has received
 * and not yet finished, by its Kafka timestamp; 0 when every batch has been processed. Every hop of the suite publishes
 * it under its own {@code hop} tag, so one dashboard panel and one alert rule show where a like is waiting.
 *
 * <p>It watches the batches, not the topics: a batch's oldest timestamp is noted before the listener runs and forgotten
 * when the listener returns. A batch that failed stays noted, because it will be redelivered (and its age keeps
 * growing, which is the point). Spring Boot hands this bean to every batch listener container. Cheap: one pass over
 * the timestamps per batch; the age is computed only when scraped. A service names its hop with {@code
 * likes.pipeline.hop} ({@link PipelineFreshnessAutoConfiguration}).
 */
public class PipelineFreshness implements BatchInterceptor<Object, Object> {

    /** The oldest record timestamp (epoch ms) of the batch each consumer has in hand. */
    private final Map<Consumer<?, ?>, Long> oldestInHand = new ConcurrentHashMap<>();

    private final Clock clock;

    public PipelineFreshness(String hop, MeterRegistry meters) {
        this(hop, meters, Clock.systemUTC());
    }

    PipelineFreshness(String hop, MeterRegistry meters, Clock clock) {
        this.clock = clock;
        Gauge.builder("likes.pipeline.oldest.age", this, PipelineFreshness::oldestAgeSeconds)
                .description("Age of the oldest like this hop has received but not yet processed; 0 when caught up")
                .baseUnit("seconds")
                .tag("hop", hop)
                .register(meters);
    }

    public double oldestAgeSeconds() {
        long oldest = Long.MAX_VALUE;
        for (long timestamp : oldestInHand.values()) {
            oldest = Math.min(oldest, timestamp);
        }
        return oldest == Long.MAX_VALUE ? 0 : Math.max(0, clock.millis() - oldest) / 1000.0;
    }

    @Override
    public ConsumerRecords<Object, Object> intercept(
            ConsumerRecords<Object, Object> records, Consumer<Object, Object> consumer) {
        long oldest = Long.MAX_VALUE;
        for (ConsumerRecord<Object, Object> record : records) {
            // A record without a timestamp (-1) says nothing about age.
            if (record.timestamp() >= 0) {
                oldest = Math.min(oldest, record.timestamp());
            }
        }
        if (oldest != Long.MAX_VALUE) {
            oldestInHand.put(consumer, oldest);
        }
        return records;
    }

    @Override
    public void success(ConsumerRecords<Object, Object> records, Consumer<Object, Object> consumer) {
        oldestInHand.remove(consumer);
    }

    // failure(): the batch stays noted; the error handler redelivers it (intercept notes it afresh) or parks it.

    /**
     * A consumer that polled nothing for a while has nothing in hand: this clears a batch that failed and was then
     * parked on a DLQ (no redelivery follows) or was retried by the error handler without a new poll.
     */
    @EventListener
    public void idle(ListenerContainerIdleEvent event) {
        if (!event.isPaused()) {
            oldestInHand.remove(event.getConsumer());
        }
    }

    @EventListener
    public void stopping(ConsumerStoppingEvent event) {
        // A stopped consumer's partitions go to another consumer, which reports them; this one holds nothing now.
        oldestInHand.remove(event.getConsumer());
    }
}
