package dev.likes.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LikeEventContractTest {

    @Test
    void aCheckedInVersionOnePayloadStaysReadable() {
        LikeEvent event = LikeEventJson.fromBytes(sample("like-event-v1.json"));

        assertThat(event.eventId()).isEqualTo(UUID.fromString("6f1c9a52-3b1e-4d59-9b1a-2f0c6d7e8a11"));
        assertThat(event.type()).isEqualTo(LikeEventType.LIKED);
        assertThat(event.postId()).isEqualTo("post-42");
        assertThat(event.postOwnerId()).isEqualTo("bob");
        assertThat(event.userId()).isEqualTo("alice");
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-11-01T12:34:56.789Z"));
        assertThat(event.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(event.schemaVersion()).isEqualTo(1);
        assertThat(event.countDelta()).isEqualTo(1);
    }

    @Test
    void aPayloadWithoutOptionalFieldsIsVersionOne() {
        LikeEvent event = LikeEventJson.fromBytes(sample("unlike-event-v1-without-optional-fields.json"));

        assertThat(event.type()).isEqualTo(LikeEventType.UNLIKED);
        assertThat(event.traceId()).isNull();
        assertThat(event.schemaVersion()).isEqualTo(1);
        assertThat(event.countDelta()).isEqualTo(-1);
    }

    @Test
    void unknownFieldsFromANewerProducerAreIgnored() {
        LikeEvent event = LikeEventJson.fromBytes(sample("like-event-from-a-newer-producer.json"));

        assertThat(event.postId()).isEqualTo("post-7");
        assertThat(event.userId()).isEqualTo("dave");
    }

    @Test
    void anEventSurvivesTheRoundTripUnchanged() {
        LikeEvent event = LikeEvent.of(
                LikeEventType.LIKED, "p-1", "owner", "fan", Instant.parse("2026-11-22T10:15:30.123456Z"), "abc");

        LikeEvent read = new LikeEventDeserializer().deserialize("t", new LikeEventSerializer().serialize("t", event));

        assertThat(read).isEqualTo(event);
    }

    @Test
    void timesAreWrittenAsIsoText() {
        String json = LikeEventJson.toJson(
                LikeEvent.of(LikeEventType.UNLIKED, "p", "o", "u", Instant.parse("2026-11-22T10:15:30Z"), null));

        assertThat(json).contains("\"occurredAt\":\"2026-11-22T10:15:30Z\"");
    }

    @Test
    void garbageIsAMalformedEventNotARetryableError() {
        assertThatThrownBy(() -> LikeEventJson.fromBytes("{not json".getBytes()))
                .isInstanceOf(LikeEventJson.MalformedEventException.class);
        assertThatThrownBy(() -> LikeEventJson.fromBytes("{\"postId\":\"p\"}".getBytes()))
                .isInstanceOf(LikeEventJson.MalformedEventException.class)
                .hasMessageContaining("eventId");
    }

    @Test
    void selfLikesAreRecognised() {
        LikeEvent self = LikeEvent.of(LikeEventType.LIKED, "p", "same", "same", Instant.now(), null);
        LikeEvent other = LikeEvent.of(LikeEventType.LIKED, "p", "owner", "fan", Instant.now(), null);

        assertThat(self.isSelfLike()).isTrue();
        assertThat(other.isSelfLike()).isFalse();
    }

    private static byte[] sample(String name) {
        try (InputStream in = LikeEventContractTest.class.getResourceAsStream("/samples/" + name)) {
            assertThat(in).as("sample %s", name).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
