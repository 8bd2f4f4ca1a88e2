package dev.likes.notifications.notification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NotificationTextTest {

    @Test
    void oneActorIsNamed() {
        assertThat(NotificationText.render("alice", 1, "p1")).isEqualTo("alice liked your post p1");
    }

    @Test
    void twoActorsAreTheLatestAndOneOther() {
        assertThat(NotificationText.render("bob", 2, "p1")).isEqualTo("bob and 1 other liked your post p1");
    }

    @Test
    void aGroupIsTheLatestActorAndTheOthersCounted() {
        assertThat(NotificationText.render("alice", 42, "p1")).isEqualTo("alice and 41 others liked your post p1");
    }
}
