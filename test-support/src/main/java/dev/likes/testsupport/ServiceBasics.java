package dev.likes.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.MediaType;
import org.springframework.http.RequestEntity;

/**
 * What every service answers the same way, tested once: it starts healthy, {@code /actuator/info} shows its build,
 * Spring MVC's own errors (here a 405) are problem+json with a stable {@code type} and the request's trace id, and so
 * are the error page asked for directly and TRACE.
 * A service's {@code *ApplicationIT} implements it inside a {@link LikesIntegrationTest} context (whose
 * {@code spring.application.name} is the artifact id).
 */
public interface ServiceBasics {

    /** A call to a path this service maps, with a method it does not map there (credentials included if needed). */
    RequestEntity<Void> aCallWithTheWrongMethod();

    @Test
    default void startsAndReportsHealthy(@Autowired TestRestTemplate http) {
        var health = http.getForEntity("/actuator/health", String.class);

        assertThat(health.getStatusCode().is2xxSuccessful()).isTrue();
        assertThat(health.getBody()).contains("\"status\":\"UP\"");
    }

    @Test
    default void infoShowsTheBuild(
            @Autowired TestRestTemplate http, @Value("${spring.application.name}") String artifact) {
        var info = http.getForEntity("/actuator/info", String.class);

        assertThat(info.getStatusCode().is2xxSuccessful()).isTrue();
        assertThat(info.getBody()).contains("\"artifact\":\"" + artifact + "\"");
    }

    @Test
    @SuppressWarnings("rawtypes")
    default void aFrameworkMethodNotAllowedIsAProblemWithAStableTypeAndTheTraceId(@Autowired TestRestTemplate http) {
        var answer = http.exchange(aCallWithTheWrongMethod(), Map.class);

        assertThat(answer.getStatusCode().value()).isEqualTo(405);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.getBody()).containsEntry("type", "urn:likes:problem:http-405");
        assertThat((String) answer.getBody().get("traceId")).matches("[0-9a-f]{32}");
    }

    @Test
    @SuppressWarnings("rawtypes")
    default void theErrorPageAskedForDirectlyIsANotFoundProblem(@Autowired TestRestTemplate http) {
        var answer = http.getForEntity("/error", Map.class);

        assertThat(answer.getStatusCode().value()).isEqualTo(404);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.getBody()).containsEntry("type", "urn:likes:problem:http-404");
    }

    @Test
    default void traceIsAMethodNotAllowedProblemThatEchoesNothing(@Value("${local.server.port}") int port) {
        var answer = RawHttp.send(
                port,
                RawHttp.request("TRACE", "/actuator/health", Map.of("Authorization", "Bearer secret-token"), null));

        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.contentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(answer.body()).contains("urn:likes:problem:http-405").doesNotContain("secret-token");
    }
}
