package dev.likes.likeapi.page;

import static org.assertj.core.api.Assertions.assertThat;

import dev.likes.testsupport.LikesIntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/** The page and what it reads, served without a token; dev sign-in absent as everywhere by default. */
@LikesIntegrationTest
class WebPageIT {

    @Autowired
    TestRestTemplate http;

    @LocalServerPort
    int port;

    @Test
    void thePageItsModulesAndItsStylesAreServedWithoutAToken() {
        var page = http.getForEntity("/", String.class);
        assertThat(page.getStatusCode().value()).isEqualTo(200);
        assertThat(page.getHeaders().getContentType()).isNotNull();
        assertThat(page.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML))
                .isTrue();
        assertThat(page.getBody()).contains("<script type=\"module\" src=\"/app/main.js\"></script>");

        for (String module : new String[] {"main", "api", "session", "posts", "live", "notifications", "messages"}) {
            var script = http.getForEntity("/app/" + module + ".js", String.class);
            assertThat(script.getStatusCode().value()).as(module).isEqualTo(200);
            // Browsers refuse to run a module served as anything but JavaScript.
            assertThat(script.getHeaders().getContentType().toString())
                    .as(module)
                    .contains("javascript");
        }
        assertThat(http.getForEntity("/app/page.css", String.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
        assertThat(http.getForEntity("/favicon.svg", String.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
    }

    @Test
    void thePageHasNoInlineScriptOrStyleSoAStrictContentSecurityPolicyHolds() {
        String page = http.getForObject("/", String.class);

        assertThat(page).doesNotContainPattern("<script(?![^>]*\\bsrc=)");
        assertThat(page).doesNotContain("<style").doesNotContain(" style=").doesNotContain(" onclick=");
    }

    @Test
    void theConfigPointsAtTheOtherServicesOnTheHostTheBrowserUsed() {
        for (String host : new String[] {"127.0.0.1", "localhost"}) {
            var config = http.getForObject("http://" + host + ":" + port + "/config.json", Map.class);

            assertThat(config)
                    .as(host)
                    .containsEntry("feedUrl", "http://" + host + ":8084")
                    .containsEntry("notificationsUrl", "http://" + host + ":8083")
                    .containsEntry("devLogin", false);
        }
    }

    @Test
    void devSignInIsAbsentUnlessEnabled() {
        var headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);

        var answer = http.exchange(
                "/dev/token", HttpMethod.POST, new HttpEntity<>(Map.of("user", "alice"), headers), Map.class);

        assertThat(answer.getStatusCode().value()).isEqualTo(404);
        assertThat(answer.getBody()).doesNotContainKey("token");
    }
}
