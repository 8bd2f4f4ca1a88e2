package dev.likes.webtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.likes.testsupport.JwtTokens;
import dev.likes.testsupport.LikesInfrastructure;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * The page in headless Chromium against the real like API, count consumer, orchestrator and notification service
 * (each from its jar, in this JVM) on the real PostgreSQL, Redis and Kafka: two people on one post see each other's
 * likes live, and the owner's bell fills up. Served under a strict Content-Security-Policy; any console error fails it.
 */
class LikePageBrowserIT {

    private static final Path TARGET = Path.of("target");
    private static final Path SCREENSHOTS = TARGET.resolve("screenshots");
    private static final List<ServiceJar> services = new ArrayList<>();

    private static int apiPort;
    private static int notificationsPort;

    @BeforeAll
    static void startTheServices() throws Exception {
        assumeTrue(
                Browser.installed(),
                "No Chromium at " + Browser.CHROMIUM + " with a chromedriver at " + Browser.CHROMEDRIVER
                        + ": apt-get install -y chromium chromium-driver (.ci/run does), or set LIKES_CHROMIUM and"
                        + " LIKES_CHROMEDRIVER");
        var infrastructure = LikesInfrastructure.get();
        apiPort = freePort();
        notificationsPort = freePort();
        String page = "http://127.0.0.1:" + apiPort;
        String notifications = "http://127.0.0.1:" + notificationsPort;
        Path work = Files.createDirectories(TARGET.resolve("web-test"));

        List<String> common = List.of(
                "--spring.datasource.url=" + infrastructure.jdbcUrl(),
                "--spring.datasource.username=" + infrastructure.databaseUser(),
                "--spring.datasource.password=" + infrastructure.databasePassword(),
                "--spring.datasource.hikari.maximum-pool-size=5",
                "--spring.datasource.hikari.minimum-idle=1",
                "--spring.data.redis.host=" + infrastructure.redisHost(),
                "--spring.data.redis.port=" + infrastructure.redisPort(),
                "--spring.kafka.bootstrap-servers=" + infrastructure.kafkaBootstrapServers(),
                "--likes.security.jwt-secret=" + JwtTokens.TEST_SECRET,
                // No actuator over HTTP: nothing here needs it, and a fixed management port would collide.
                "--management.server.port=-1",
                "--spring.main.banner-mode=off",
                // The services start at once here, so a consumer may subscribe before its topic has its final
                // partitions; by default it would see the added ones only at its next metadata refresh, in 5 minutes.
                "--spring.kafka.properties.metadata.max.age.ms=1000");
        Path[] jars = Arrays.stream(System.getProperty("likes.web-test.jars").split(","))
                .map(String::trim)
                .map(Path::of)
                .toArray(Path[]::new);
        ExecutorService starters = Executors.newFixedThreadPool(jars.length);
        try {
            List<Future<ServiceJar>> starting = new ArrayList<>();
            for (Path jar : jars) {
                List<String> args = new ArrayList<>(common);
                String module = jar.getFileName().toString();
                if (module.startsWith("like-api-service")) {
                    args.add("--server.port=" + apiPort);
                    args.add("--likes.dev-login.enabled=true");
                    args.add("--likes.web.notifications-url=" + notifications);
                } else if (module.startsWith("notification-service")) {
                    args.add("--server.port=" + notificationsPort);
                    args.add("--likes.cors.allowed-origins=" + page);
                } else {
                    args.add("--server.port=0");
                }
                starting.add(starters.submit(() -> ServiceJar.start(jar, work, args)));
            }
            for (Future<ServiceJar> service : starting) {
                services.add(service.get());
            }
        } finally {
            starters.shutdown();
        }
    }

    @AfterAll
    static void stopTheServices() {
        for (ServiceJar service : services) {
            try {
                service.close();
            } catch (IOException | RuntimeException e) {
                System.err.println("Could not stop " + service.name() + ": " + e);
            }
        }
    }

    @Test
    void twoPeopleOnOnePostSeeEachOthersLikesLiveAndTheOwnerIsNotified() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String owner = "olga-" + suffix;
        String liker = "alice-" + suffix;
        String postId = "page-" + suffix;
        api("POST", "/posts", owner, "{\"id\":\"" + postId + "\"}");
        String url = "http://127.0.0.1:" + apiPort + "/?posts=" + postId;

        try (var alice = Browser.open("alice", SCREENSHOTS);
                var olga = Browser.open("owner", SCREENSHOTS)) {
            try {
                likeTogether(alice, olga, url, postId, owner, liker, suffix);
            } catch (AssertionError | RuntimeException failure) {
                alice.screenshot("failure");
                olga.screenshot("failure");
                throw failure;
            }
        }
    }

    private static void likeTogether(
            Browser alice, Browser olga, String url, String postId, String owner, String liker, String suffix)
            throws Exception {
        alice.open(url);
        alice.signIn(liker);
        olga.open(url);
        olga.signIn(owner);
        assertThat(alice.post(postId).getText()).contains(postId).contains(owner);
        alice.awaitCount(postId, 0);
        olga.awaitCount(postId, 0);
        assertThat(alice.pressed(postId)).isEqualTo("false");
        // A marker only this page load has: still there later means no reload happened.
        olga.script("window.likesTestMarker = 'no reload';");

        alice.likeButton(postId).click();

        alice.awaitPressed(postId, true);
        alice.awaitCount(postId, 1);
        olga.awaitCount(postId, 1);
        assertThat(olga.script("return window.likesTestMarker;")).isEqualTo("no reload");
        alice.screenshot("1-liked");

        api("POST", "/like/" + postId, "carol-" + suffix, null);

        alice.awaitCount(postId, 2);
        olga.awaitCount(postId, 2);

        // Keyboard only: focus the button and press space to unlike.
        alice.likeButton(postId).sendKeys(Keys.SPACE);
        alice.awaitPressed(postId, false);
        alice.awaitCount(postId, 1);
        olga.awaitCount(postId, 1);

        olga.awaitUnreadAtLeast(1);
        olga.find(By.id("bell")).click();
        assertThat(olga.find(By.id("notifications")).getText()).contains("liked your post");
        olga.screenshot("2-notifications");
        olga.find(By.id("mark-all-read")).click();
        olga.awaitUnread(0);

        alice.resize(360, 740);
        assertThat((Boolean) alice.script("return document.documentElement.scrollWidth <= window.innerWidth;"))
                .as("no sideways scrolling at 360 px")
                .isTrue();
        alice.screenshot("3-narrow");

        assertThat(alice.consoleErrors()).as("alice's console").isEmpty();
        assertThat(olga.consoleErrors()).as("the owner's console").isEmpty();
    }

    private static void api(String method, String path, String user, String json) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + path))
                .header("Authorization", "Bearer " + JwtTokens.forUser(user))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build();
        var response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as(method + " " + path + ": " + response.body())
                .isBetween(200, 299);
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
