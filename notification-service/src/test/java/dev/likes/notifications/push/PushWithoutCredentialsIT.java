package dev.likes.notifications.push;

import static org.assertj.core.api.Assertions.assertThat;

import dev.likes.events.LikeEvent;
import dev.likes.events.LikeEventType;
import dev.likes.notifications.NotificationApplication;
import dev.likes.testsupport.JwtTokens;
import dev.likes.testsupport.LikesInfrastructureInitializer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.context.WebServerApplicationContext;

/**
 * Without Firebase credentials the service still starts and serves, push is off, and it says so once. Its own
 * context with listeners not started, so it takes no partitions from the shared test context.
 */
@ExtendWith(OutputCaptureExtension.class)
class PushWithoutCredentialsIT {

    @Test
    void pushIsOffWithOneWarningAndEverythingElseWorks(CapturedOutput output) throws Exception {
        try (var context = new SpringApplicationBuilder(NotificationApplication.class)
                .initializers(new LikesInfrastructureInitializer())
                .run(
                        // Arguments, not default properties: they must beat application.yml and the environment.
                        "--server.port=0",
                        "--spring.kafka.listener.auto-startup=false",
                        "--likes.push.service-account-path=",
                        "--spring.datasource.hikari.maximum-pool-size=2")) {
            assertThat(context.getBean(PushSender.class).enabled()).isFalse();
            var liked = LikeEvent.of(LikeEventType.LIKED, "p-off", "owner-off", "alice", Instant.now(), null);
            assertThat(context.getBean(PushDispatcher.class).dispatch(liked))
                    .isEqualTo(PushDispatcher.Outcome.DISABLED);

            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            var register = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/devices"))
                                    .header("Authorization", "Bearer " + JwtTokens.forUser("owner-off"))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"t-off\"}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(register.statusCode()).isEqualTo(204);
            String managementPort = context.getEnvironment().getProperty("local.management.port");
            var metrics = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(
                                            URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            // The dashboard's panels exist even while push is off.
            assertThat(metrics.body())
                    .contains("likes_push_sent_total{")
                    .contains("result=\"disabled\"")
                    .contains("resilience4j_circuitbreaker_state{");
        }
        assertThat(output.getAll().lines().filter(line -> line.contains("Push is off")))
                .hasSize(1);
    }
}
