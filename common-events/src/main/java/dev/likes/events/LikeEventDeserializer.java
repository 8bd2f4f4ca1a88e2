package dev.likes.events;

import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka deserializer for {@link LikeEvent}. Wrap it in spring-kafka's {@code ErrorHandlingDeserializer} so that a
 * poison record reaches the error handler (and the DLQ) instead of failing the poll loop forever.
 */
public class LikeEventDeserializer implements Deserializer<LikeEvent> {

    @Override
    public LikeEvent deserialize(String topic, byte[] data) {
        return data == null ? null : LikeEventJson.fromBytes(data);
    }
}
