package dev.likes.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PostEventContractTest {

    @Test
    void theMinimalCreatedShapeIsReadable() {
        PostEvent event = PostEventJson.fromBytes(sample("post-created.json"));

        assertThat(event.type()).isEqualTo(PostEventType.POST_CREATED);
        assertThat(event.postId()).isEqualTo("post-1001");
        assertThat(event.ownerId()).isEqualTo("bob");
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-11-30T09:00:00Z"));
        assertThat(event.eventId()).isNull();
        assertThat(event.schemaVersion()).isEqualTo(1);
    }

    @Test
    void theMinimalDeletedShapeNeedsNoOwner() {
        PostEvent event = PostEventJson.fromBytes(sample("post-deleted.json"));

        assertThat(event.type()).isEqualTo(PostEventType.POST_DELETED);
        assertThat(event.postId()).isEqualTo("post-1001");
        assertThat(event.ownerId()).isNull();
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-11-30T10:00:00.250Z"));
    }

    @Test
    void platformFieldsAreIgnoredAndOffsetsAreNormalised() {
        PostEvent event = PostEventJson.fromBytes(sample("post-created-with-platform-fields.json"));

        assertThat(event.postId()).isEqualTo("post-1002");
        assertThat(event.ownerId()).isEqualTo("carol");
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-11-30T08:05:00Z"));
    }

    @Test
    void anUnknownTypeIsReadAsUnknownForTheConsumerToSkip() {
        PostEvent event = PostEventJson.fromBytes(sample("post-event-of-a-newer-type.json"));

        assertThat(event.type()).isEqualTo(PostEventType.UNKNOWN);
    }

    @Test
    void anEventSurvivesTheRoundTripUnchanged() {
        PostEvent deleted = PostEvent.deleted("p-1", "owner", Instant.parse("2026-11-30T10:15:30.123456Z"));

        assertThat(PostEventJson.fromBytes(PostEventJson.toBytes(deleted))).isEqualTo(deleted);
        assertThat(PostEventJson.toJson(deleted)).contains("\"occurredAt\":\"2026-11-30T10:15:30.123456Z\"");
    }

    @Test
    void whatCannotBeAppliedIsMalformed() {
        assertMalformed("{not json", "not JSON");
        assertMalformed("", "not JSON");
        assertMalformed("{\"postId\":\"p\"}", "no type");
        assertMalformed("{\"type\":\"POST_CREATED\",\"ownerId\":\"bob\"}", "postId");
        assertMalformed("{\"type\":\"POST_DELETED\",\"postId\":\"has space\"}", "postId");
        assertMalformed("{\"type\":\"POST_CREATED\",\"postId\":\"p\"}", "ownerId");
        assertMalformed("{\"type\":\"POST_CREATED\",\"postId\":\"p\",\"ownerId\":\" \"}", "ownerId");
        assertMalformed(
                "{\"type\":\"POST_CREATED\",\"postId\":\"p\",\"ownerId\":\"o\",\"occurredAt\":\"yesterday\"}",
                "not JSON");
    }

    private static void assertMalformed(String json, String why) {
        assertThatThrownBy(() -> PostEventJson.fromBytes(json.getBytes(StandardCharsets.UTF_8)))
                .as(json)
                .isInstanceOf(LikeEventJson.MalformedEventException.class)
                .hasMessageContaining(why);
    }

    private static byte[] sample(String name) {
        try (InputStream in = PostEventContractTest.class.getResourceAsStream("/samples/" + name)) {
            assertThat(in).as("sample %s", name).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
