package dev.likes.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.http.MediaType;
import org.springframework.http.RequestEntity;

/**
 * What every service answers the same way, tested once: it starts healthy, the probes answer on the service port and
 * actuator only on the management port, {@code /actuator/info} shows its build, every answer carries the security
 * headers, Spring MVC's own errors (here a 405) are problem+json with a stable {@code type} and the request's trace id,
 * and so are the error page asked for directly and TRACE. A service's {@code *ApplicationIT} implements it inside a
 * {@link LikesIntegrationTest} context (whose
 * {@code spring.application.name} is the artifact id).
 */
public interface ServiceBasics {

    /** A call to a path this service maps, with a method it does not map there (credentials included if needed). */
    RequestEntity<Void> aCallWithTheWrongMethod();

    @Test
    default void startsAndReportsHealthy(@Autowired TestRestTemplate http, @LocalManagementPort int managementPort) {
        var health = http.getForEntity(management(managementPort, "/actuator/health"), String.class);

        assertThat(health.getStatusCode().is2xxSuccessful()).isTrue();
        assertThat(health.getBody()).contains("\"status\":\"UP\"");
    }

    @Test
    default void theProbesAnswerOnTheServicePortAndActuatorOnlyOnTheManagementPort(
            @Autowired TestRestTemplate http, @LocalManagementPort int managementPort) {
        assertThat(http.getForEntity("/readyz", String.class).getBody()).contains("\"status\":\"UP\"");
        assertThat(http.getForEntity("/livez", String.class).getBody()).contains("\"status\":\"UP\"");

        assertThat(http.getForEntity("/actuator/prometheus", String.class)
                        .getStatusCode()
                        .is4xxClientError())
                .isTrue();
        assertThat(http.getForEntity(management(managementPort, "/actuator/prometheus"), String.class)
                        .getBody())
                .contains("application=\"");
    }

    @Test
    default void infoShowsTheBuild(
            @Autowired TestRestTemplate http,
            @LocalManagementPort int managementPort,
            @Value("${spring.application.name}") String artifact) {
        var info = http.getForEntity(management(managementPort, "/actuator/info"), String.class);

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

    @Test
    default void everyAnswerCarriesTheSecurityHeadersErrorsIncluded(
            @Autowired TestRestTemplate http, @LocalManagementPort int managementPort) {
        for (var headers : new org.springframework.http.HttpHeaders[] {
            http.getForEntity("/readyz", String.class).getHeaders(),
            http.exchange(aCallWithTheWrongMethod(), String.class).getHeaders(),
            http.getForEntity("/no-such-path", String.class).getHeaders(),
            http.getForEntity(management(managementPort, "/actuator/info"), String.class)
                    .getHeaders()
        }) {
            assertThat(headers.get("Content-Security-Policy"))
                    .containsExactly("default-src 'none'; frame-ancestors 'none'");
            assertThat(headers.get("Referrer-Policy")).containsExactly("no-referrer");
            assertThat(headers.get("X-Content-Type-Options")).containsExactly("nosniff");
            assertThat(headers.get("X-Frame-Options")).containsExactly("DENY");
        }
    }

    /** An absolute URL on the management port, where actuator lives ({@code management.server.port}). */
    static String management(int managementPort, String path) {
        return "http://127.0.0.1:" + managementPort + path;
    }
}
