package dev.likes.likeapi.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.likes.events.Topics;
import dev.likes.testsupport.LikesInfrastructure;
import dev.likes.testsupport.LikesIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The backfill ({@code bin/import-posts}) against this JVM's broker and the like API under test. The throughput test
 * is a benchmark: off by default, on with the suite's flag, {@code ./mvnw -B -pl like-api-service -am verify
 * -Dlikes.bench=true -Dit.test=ImportPostsIT}; it fails below {@code -Dlikes.bench.min-imported-posts-per-second}
 * (default 20,000, the issue's floor) over {@code -Dlikes.bench.imported-posts} posts (default 300,000).
 */
@LikesIntegrationTest
@TestPropertySource(properties = "likes.platform-posts.enabled=true")
class ImportPostsIT {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    @TempDir
    Path dir;

    @Test
    void aFileIsRegisteredOnceEvenWhenImportedTwiceAndItsBadLinesAreReportedAndSkipped() throws Exception {
        String prefix = "imp-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        List<String> lines = new ArrayList<>(postLines(prefix, 1_000));
        lines.add(3, "{not json");
        lines.add(7, "{\"type\":\"POST_CREATED\",\"postId\":\"" + prefix + "no-owner\"}");
        lines.add(9, "");
        Path file = Files.write(dir.resolve("posts.ndjson"), lines);
        var progress = new ByteArrayOutputStream();

        var first = ImportPosts.run(file, settings(), new PrintStream(progress, true, StandardCharsets.UTF_8));
        double existingBefore = existing();
        var second = ImportPosts.run(file, settings(), new PrintStream(progress, true, StandardCharsets.UTF_8));

        assertThat(first.sent()).isEqualTo(1_000);
        assertThat(first.invalid()).isEqualTo(2);
        assertThat(first.caughtUp()).isTrue();
        assertThat(second.caughtUp()).isTrue();
        assertThat(postsWithPrefix(prefix)).isEqualTo(1_000);
        assertThat(existing() - existingBefore).isEqualTo(1_000);
        assertThat(progress.toString(StandardCharsets.UTF_8))
                .contains("line 4 skipped")
                .contains("line 8 skipped")
                .contains("ownerId");
    }

    @Test
    @EnabledIfSystemProperty(named = "likes.bench", matches = "true")
    void aBackfillSustainsTheIssuesFloor() throws Exception {
        int posts = Integer.getInteger("likes.bench.imported-posts", 300_000);
        double floor = Double.parseDouble(System.getProperty("likes.bench.min-imported-posts-per-second", "20000"));
        String prefix = "bench-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        Path file = Files.write(dir.resolve("bench.ndjson"), postLines(prefix, posts));

        var summary = ImportPosts.run(file, settings(), System.out);

        System.out.printf(
                "BENCH import-posts: %,d posts, sent in %.2f s, registered in %.2f s: %,.0f posts/s%n",
                summary.sent(), summary.sendSeconds(), summary.totalSeconds(), summary.registeredPerSecond());
        assertThat(summary.caughtUp()).isTrue();
        assertThat(postsWithPrefix(prefix)).isEqualTo(posts);
        assertThat(summary.registeredPerSecond()).isGreaterThanOrEqualTo(floor);
    }

    private static List<String> postLines(String prefix, int count) {
        List<String> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            lines.add("{\"type\":\"POST_CREATED\",\"postId\":\"" + prefix + i + "\",\"ownerId\":\"owner-" + (i % 977)
                    + "\",\"occurredAt\":\"2026-11-30T09:00:00Z\"}");
        }
        return lines;
    }

    private static ImportPosts.Settings settings() {
        return new ImportPosts.Settings(
                LikesInfrastructure.get().kafkaBootstrapServers(),
                Topics.PLATFORM_POSTS,
                PlatformPostsListener.ID,
                Duration.ofMinutes(5));
    }

    private long postsWithPrefix(String prefix) {
        return jdbc.sql("SELECT count(*) FROM posts WHERE id LIKE ?")
                .param(prefix + "%")
                .query(Long.class)
                .single();
    }

    private double existing() {
        var counter = meters.find("likes.platform.posts")
                .tags("type", "POST_CREATED", "result", "existing")
                .counter();
        return counter == null ? 0 : counter.count();
    }
}
