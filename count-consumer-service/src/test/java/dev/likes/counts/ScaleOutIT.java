package dev.likes.counts;

import static dev.likes.counts.CountFixtures.countOf;
import static dev.likes.counts.CountFixtures.event;
import static dev.likes.counts.CountFixtures.newPostId;
import static dev.likes.counts.CountFixtures.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.likes.events.LikeEvent;
import dev.likes.events.LikeEventType;
import dev.likes.testsupport.LikesInfrastructureInitializer;
import dev.likes.testsupport.LikesIntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

@LikesIntegrationTest
class ScaleOutIT {

    private static final Duration ASYNC = Duration.ofSeconds(90);

    @Test
    void twoInstancesInOneGroupShareThePartitionsAndCountEachEventOnceAcrossRebalances() {
        List<String> posts = new ArrayList<>();
        for (int p = 0; p < 8; p++) {
            posts.add(newPostId("scale"));
        }
        List<List<LikeEvent>> waves = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            List<LikeEvent> wave = new ArrayList<>();
            for (String post : posts) {
                for (int u = 0; u < 50; u++) {
                    wave.add(event(LikeEventType.LIKED, post, "w" + w + "u" + u));
                }
            }
            waves.add(wave);
        }

        publish(waves.get(0));
        // A second instance joins the group (rebalance), takes partitions, and leaves again (rebalance), while events
        // and redeliveries of earlier ones keep coming.
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(CountConsumerApplication.class)
                .initializers(new LikesInfrastructureInitializer())
                // An argument, not a default property: application.yml's server.port (8082) outranks defaults, and
                // 8082 may be a running stack's.
                .run("--server.port=0")) {
            publish(waves.get(1));
            publish(waves.get(0));
            var container = second.getBean(KafkaListenerEndpointRegistry.class).getListenerContainer("count-consumer");
            await().atMost(ASYNC).untilAsserted(() -> assertThat(container.getAssignedPartitions())
                    .isNotEmpty());
            publish(waves.get(2));
            publish(waves.get(1));
        }
        publish(waves.get(2));

        await().atMost(ASYNC).untilAsserted(() -> {
            for (String post : posts) {
                assertThat(countOf(post)).as(post).isEqualTo(150L);
            }
        });
    }
}
