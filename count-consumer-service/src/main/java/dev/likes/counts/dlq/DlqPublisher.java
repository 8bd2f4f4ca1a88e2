package dev.likes.counts.dlq;

import dev.likes.counts.count.CountMetrics;
import dev.likes.counts.count.CountProperties;
import dev.likes.counts.count.OpenEvent;
import dev.likes.events.EventHeaders;
import dev.likes.events.LikeEvent;
import dev.likes.events.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.stereotype.Component;

/**
 * Sends records to {@code likes.events.dlq} with the cause in spring-kafka's standard dead-letter headers ({@code
 * kafka_dlt-exception-message}, {@code kafka_dlt-original-topic}, ...) plus {@code likes-dlq-reason} (poison |
 * exhausted) and {@code likes-dlq-retries}. Waits for the broker's acknowledgement: the caller may only forget a record
 * once it is safely on the DLQ.
 */
@Component
public class DlqPublisher {

    static final String DLQ_TOPIC = Topics.dlqOf(Topics.LIKE_EVENTS);
    static final String REASON_HEADER = "likes-dlq-reason";
    static final String RETRIES_HEADER = "likes-dlq-retries";

    private final KafkaTemplate<String, byte[]> kafka;
    private final CountProperties properties;
    private final CountMetrics metrics;

    DlqPublisher(KafkaTemplate<String, byte[]> kafka, CountProperties properties, CountMetrics metrics) {
        this.kafka = kafka;
        this.properties = properties;
        this.metrics = metrics;
    }

    /** An unreadable record, as it came, original headers kept. */
    public void poison(ConsumerRecord<String, byte[]> record, Exception cause) {
        var headers = new RecordHeaders();
        for (Header h : record.headers()) {
            headers.add(h);
        }
        addCause(headers, DlqReason.POISON, 0, cause.getClass().getName(), cause.getMessage());
        addOrigin(headers, record.topic(), record.partition(), record.offset());
        send(new ProducerRecord<>(DLQ_TOPIC, null, record.key(), record.value(), headers), DlqReason.POISON);
    }

    /** A parked event whose retries are all spent. */
    public void exhausted(OpenEvent event, int retries, String errorClass, String error) {
        var headers = new RecordHeaders();
        EventHeaders.stamp(headers, event.eventId(), event.type().name(), LikeEvent.CURRENT_SCHEMA_VERSION);
        addCause(headers, DlqReason.EXHAUSTED, retries, errorClass, error);
        if (event.sourcePartition() != null && event.sourceOffset() != null) {
            addOrigin(headers, Topics.LIKE_EVENTS, event.sourcePartition(), event.sourceOffset());
        }
        byte[] value = event.payload() == null ? null : utf8(event.payload());
        send(new ProducerRecord<>(DLQ_TOPIC, null, event.postId(), value, headers), DlqReason.EXHAUSTED);
    }

    private void send(ProducerRecord<String, byte[]> record, DlqReason reason) {
        try {
            kafka.send(record).get(properties.dlqSendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DlqUnavailable(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new DlqUnavailable(e);
        }
        metrics.dlq(reason);
    }

    private static void addCause(Headers headers, DlqReason reason, int retries, String errorClass, String message) {
        headers.add(REASON_HEADER, utf8(reason.tag()));
        headers.add(RETRIES_HEADER, utf8(String.valueOf(retries)));
        headers.add(KafkaHeaders.DLT_EXCEPTION_FQCN, utf8(errorClass));
        headers.add(KafkaHeaders.DLT_EXCEPTION_MESSAGE, utf8(message == null ? "" : message));
    }

    private static void addOrigin(Headers headers, String topic, int partition, long offset) {
        // Encoded as spring-kafka's DeadLetterPublishingRecoverer does, so its tooling reads them too.
        headers.add(KafkaHeaders.DLT_ORIGINAL_TOPIC, utf8(topic));
        headers.add(
                KafkaHeaders.DLT_ORIGINAL_PARTITION,
                ByteBuffer.allocate(Integer.BYTES).putInt(partition).array());
        headers.add(
                KafkaHeaders.DLT_ORIGINAL_OFFSET,
                ByteBuffer.allocate(Long.BYTES).putLong(offset).array());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The DLQ did not acknowledge in time; the work that needed it must fail and be retried. */
    static final class DlqUnavailable extends RuntimeException {
        DlqUnavailable(Throwable cause) {
            super("likes.events.dlq did not acknowledge: " + cause.getMessage(), cause);
        }
    }
}
