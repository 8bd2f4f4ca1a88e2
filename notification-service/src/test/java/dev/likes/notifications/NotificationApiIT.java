package dev.likes.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.likes.events.Topics;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * The signed-in user's notification API over entries that arrived through Kafka. The mapping and error cases that need
 * no database are the controllers' {@code @WebMvcTest} slices.
 */
class NotificationApiIT extends NotificationIntegrationSupport {

    private static final Duration ASYNC = Duration.ofSeconds(60);

    private JsonNode page(String user, String query) {
        var response = http.exchange("/notifications" + query, HttpMethod.GET, as(user), JsonNode.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    /** Five posts of the owner liked by five people: five entries. */
    private String ownerWithFiveEntries() {
        String owner = randomId("owner");
        for (int i = 0; i < 5; i++) {
            publish(Topics.NOTIFY_OWNER, like(randomId("post"), owner, "fan-" + i));
        }
        await().atMost(ASYNC).until(() -> page(owner, "").path("totalElements").asInt() == 5);
        return owner;
    }

    @Test
    void listsOnlyTheSignedInUsersEntriesNewestFirstInPages() {
        String owner = ownerWithFiveEntries();
        String stranger = randomId("stranger");

        var first = page(owner, "?page=0&size=2");
        var last = page(owner, "?page=2&size=2");

        assertThat(first.path("items")).hasSize(2);
        assertThat(first.path("totalElements").asInt()).isEqualTo(5);
        assertThat(first.path("unreadCount").asInt()).isEqualTo(5);
        assertThat(first.path("items").get(0).path("text").asText()).startsWith("fan-4 liked your post ");
        assertThat(first.path("items").get(1).path("actorId").asText()).isEqualTo("fan-3");
        assertThat(last.path("items")).hasSize(1);
        assertThat(last.path("items").get(0).path("actorId").asText()).isEqualTo("fan-0");
        assertThat(page(stranger, "").path("totalElements").asInt()).isZero();
    }

    @Test
    void readAndReadAllChangeTheUnreadCount() {
        String owner = ownerWithFiveEntries();
        long id = page(owner, "").path("items").get(0).path("id").asLong();

        var read = http.postForEntity("/notifications/" + id + "/read", as(owner), Void.class);
        var again = http.postForEntity("/notifications/" + id + "/read", as(owner), Void.class);

        assertThat(read.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        var afterOne = page(owner, "");
        assertThat(afterOne.path("unreadCount").asInt()).isEqualTo(4);
        assertThat(afterOne.path("items").get(0).path("read").asBoolean()).isTrue();

        var all = http.postForEntity("/notifications/read-all", as(owner), JsonNode.class);

        assertThat(all.getBody().path("marked").asInt()).isEqualTo(4);
        assertThat(page(owner, "").path("unreadCount").asInt()).isZero();
    }

    @Test
    void anotherUsersNotificationIsNotFound() {
        String owner = ownerWithFiveEntries();
        long id = page(owner, "").path("items").get(0).path("id").asLong();

        var response = http.postForEntity("/notifications/" + id + "/read", as(randomId("intruder")), JsonNode.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody().path("type").asText()).isEqualTo("urn:likes:problem:notification-not-found");
        assertThat(page(owner, "").path("unreadCount").asInt()).isEqualTo(5);
    }
}
