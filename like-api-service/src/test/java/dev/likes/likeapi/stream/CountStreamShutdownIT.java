package dev.likes.likeapi.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.likes.likeapi.LikeApiApplication;
import dev.likes.testsupport.LikesInfrastructureInitializer;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A shutdown ends the open live streams first, so each browser reconnects to another instance at once and the web
 * server's graceful shutdown, which waits for every open request, has none left to wait for. A stream lives for
 * minutes: left open, it held every shutdown of an instance with a browser on it for the whole shutdown phase.
 */
class CountStreamShutdownIT {

    private static final String SCHEMA = "like_api_stream_shutdown";

    @Test
    void aShutdownEndsTheOpenStreamsInsteadOfWaitingForThem() throws Exception {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(LikeApiApplication.class)
                .initializers(new LikesInfrastructureInitializer())
                .run(
                        "--server.port=0",
                        "--spring.flyway.schemas=" + SCHEMA,
                        "--spring.flyway.default-schema=" + SCHEMA,
                        "--spring.datasource.hikari.schema=" + SCHEMA,
                        "--server.shutdown=graceful",
                        "--spring.lifecycle.timeout-per-shutdown-phase=20s");
        int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));

        try (var client = SseClient.open(port, "postIds=shutdown-" + UUID.randomUUID())) {
            assertThat(client.status()).isEqualTo(200);
            long started = System.nanoTime();
            context.close();

            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .as("the shutdown waited for no stream")
                    .isLessThan(Duration.ofSeconds(10));
            await().atMost(Duration.ofSeconds(5)).until(client::ended);
        }
    }
}
