package dev.likes.counts;

import static dev.likes.counts.CountFixtures.event;
import static dev.likes.counts.CountFixtures.newPostId;
import static dev.likes.counts.CountFixtures.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.likes.events.CountUpdate;
import dev.likes.events.LikeEvent;
import dev.likes.events.LikeEventType;
import dev.likes.testsupport.LikesIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/** Each committed batch publishes its posts' new counts on Redis for the like API's live streams. */
@LikesIntegrationTest
class CountUpdatesIT {

    @Autowired
    RedisConnectionFactory redis;

    private final List<CountUpdate> received = new CopyOnWriteArrayList<>();
    private RedisMessageListenerContainer subscriber;

    @BeforeEach
    void subscribe() {
        subscriber = new RedisMessageListenerContainer();
        subscriber.setConnectionFactory(redis);
        subscriber.addMessageListener(
                (message, pattern) ->
                        received.add(CountUpdate.fromJson(new String(message.getBody(), StandardCharsets.UTF_8))),
                ChannelTopic.of(CountUpdate.CHANNEL));
        subscriber.afterPropertiesSet();
        subscriber.start();
    }

    @AfterEach
    void unsubscribe() throws Exception {
        subscriber.stop();
        subscriber.destroy();
    }

    @Test
    void everyBatchPublishesThePostsNewCountsOncePerPost() {
        String hot = newPostId("hot");
        String quiet = newPostId("quiet");
        List<LikeEvent> events = new ArrayList<>();
        for (int user = 0; user < 300; user++) {
            events.add(event(LikeEventType.LIKED, hot, "u" + user));
        }
        events.add(event(LikeEventType.LIKED, quiet, "u1"));
        events.add(event(LikeEventType.LIKED, quiet, "u2"));
        events.add(event(LikeEventType.UNLIKED, quiet, "u1"));

        publish(events);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(lastOf(hot)).isEqualTo(300);
            assertThat(lastOf(quiet)).isEqualTo(1);
        });
        // Coalesced per post and batch: hundreds of likes, far fewer messages, and counts only ever grow here.
        List<Long> hotCounts = received.stream()
                .filter(u -> u.postId().equals(hot))
                .map(CountUpdate::count)
                .toList();
        assertThat(hotCounts.size()).isLessThan(300);
        assertThat(hotCounts).isSorted();
    }

    private Long lastOf(String postId) {
        List<CountUpdate> updates =
                received.stream().filter(u -> u.postId().equals(postId)).toList();
        return updates.isEmpty() ? null : updates.get(updates.size() - 1).count();
    }
}
