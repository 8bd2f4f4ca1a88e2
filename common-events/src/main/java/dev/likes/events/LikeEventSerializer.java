package dev.likes.events;

import org.apache.kafka.common.serialization.Serializer;

/** Kafka serializer for {@link LikeEvent}, for {@code spring.kafka.producer.value-serializer}. */
public class LikeEventSerializer implements Serializer<LikeEvent> {

    @Override
    public byte[] serialize(String topic, LikeEvent event) {
        return event == null ? null : LikeEventJson.toBytes(event);
    }
}
