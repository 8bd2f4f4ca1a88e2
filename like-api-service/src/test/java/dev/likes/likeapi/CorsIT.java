package dev.likes.likeapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A page on an allowed origin may call the API; a page anywhere else may not. */
@BrowserAndLimitsTest
class CorsIT {

    // java.net.http, not RestTemplate: HttpURLConnection silently drops Origin and the Access-Control-* headers.
    private final HttpClient client = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void aPreflightFromAnAllowedOriginPassesWithoutAToken() throws Exception {
        var preflight = send(HttpRequest.newBuilder(uri("/like/p-cors"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", BrowserAndLimitsTest.ALLOWED_ORIGIN)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization"));

        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .hasValue(BrowserAndLimitsTest.ALLOWED_ORIGIN);
        assertThat(preflight
                        .headers()
                        .firstValue("Access-Control-Allow-Methods")
                        .orElseThrow())
                .contains("POST")
                .contains("DELETE");
        assertThat(preflight
                        .headers()
                        .firstValue("Access-Control-Allow-Headers")
                        .orElseThrow())
                .containsIgnoringCase("authorization");
    }

    @Test
    void aPreflightFromAnotherOriginIsRefused() throws Exception {
        var preflight = send(HttpRequest.newBuilder(uri("/like/p-cors"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST"));

        assertThat(preflight.statusCode()).isEqualTo(403);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .isEmpty();
    }

    @Test
    void aPublicReadCarriesTheAllowOriginForAnAllowedOriginOnly(@Autowired TestRestTemplate http) throws Exception {
        String postId = new LikeApiClient(http).newPost("owner-cors");
        var allowed = send(HttpRequest.newBuilder(uri("/like/count/" + postId))
                .header("Origin", BrowserAndLimitsTest.ALLOWED_ORIGIN)
                .GET());
        var other = send(HttpRequest.newBuilder(uri("/like/count/" + postId))
                .header("Origin", "https://evil.example")
                .GET());

        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin"))
                .hasValue(BrowserAndLimitsTest.ALLOWED_ORIGIN);
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void theSwaggerUiMayLoadItsOwnScriptsAndTheApiStaysStrict() throws Exception {
        var ui = send(HttpRequest.newBuilder(uri("/swagger-ui/index.html")).GET());
        var api = send(HttpRequest.newBuilder(uri("/like/count/p-cors")).GET());

        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("default-src 'self'")
                .contains("frame-ancestors 'none'");
        assertThat(api.headers().firstValue("Content-Security-Policy"))
                .hasValue("default-src 'none'; frame-ancestors 'none'");
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
