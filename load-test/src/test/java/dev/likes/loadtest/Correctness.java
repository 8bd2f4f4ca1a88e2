package dev.likes.loadtest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The correctness pass after a run: waits until the pipeline has drained (no unsent outbox row of the run's posts, the
 * count consumer's group at the end of the topic, no event of the run parked for retry), then requires for every post
 * of the run
 *
 * <ul>
 *   <li>{@code counts.post_counts.like_count} == number of rows in {@code like_api.likes} (a missing row is 0);
 *   <li>the sum of the deltas of the events the consumer counted == that number, and no event FAILED (to the DLQ).
 *       This catches a lost or doubly counted event even after reconciliation repaired the count;
 *   <li>{@code GET /like/count/{postId}} answers that number (all posts, or a random sample of {@code apiSample}).
 * </ul>
 *
 * The clock runs from the last accepted write until all of it holds; the pass fails when it does not hold within
 * {@code correctnessTimeout}. Resolution: one pass of the checks (a query plus the API reads of posts not yet verified).
 */
final class Correctness {

    private static final Pattern COUNT = Pattern.compile("\"count\"\\s*:\\s*(\\d+)");

    private final BenchConfig config;
    private final RunPosts posts;
    private final long runStartMillis;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1) // no h2c upgrade dance per request
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    Correctness(BenchConfig config, RunPosts posts, long runStartMillis) {
        this.config = config;
        this.posts = posts;
        this.runStartMillis = runStartMillis;
    }

    /**
     * @param correct whether every check held in time
     * @param timeToCorrectMillis from the last accepted write to all checks holding; -1 if they never did
     * @param timeToDrainMillis from the last accepted write to the SQL checks holding (before the API reads)
     * @param apiCheckMillis how long reading the sampled counts through the API took (the checker's cost)
     * @param likeRows like rows of the run's posts at the end
     * @param unsent outbox rows of the run's posts not yet sent at the end
     * @param lag the count consumer's lag on the topic at the end (-1: could not be read)
     * @param wrongPosts posts whose count (in SQL or through the API) was still wrong at the end
     * @param lostOrFailedEvents posts whose counted events do not add up to their like rows, or that have FAILED events
     * @param apiChecked posts checked through the API
     * @param detail the first few wrong posts, for the log
     */
    record Result(
            boolean correct,
            long timeToCorrectMillis,
            long timeToDrainMillis,
            long apiCheckMillis,
            long likeRows,
            long unsent,
            long lag,
            int wrongPosts,
            int lostOrFailedEvents,
            int apiChecked,
            String detail) {}

    private record PostState(long rows, long counted, long eventSum, long failed, long open) {}

    Result run(long lastWriteAtMillis) {
        long deadline = System.currentTimeMillis() + config.correctnessTimeout().toMillis();
        List<String> apiPosts = apiSample();
        Set<String> apiVerified = new HashSet<>();
        Map<String, Long> apiWrong = new HashMap<>();
        Map<String, PostState> states = Map.of();
        long unsent = -1;
        long lag = -1;
        long drainedAt = -1;
        long nextProgress = System.currentTimeMillis() + 5_000;
        int passes = 0;
        try (Connection db = DriverManager.getConnection(config.jdbcUrl(), config.dbUser(), config.dbPassword());
                Admin kafka = kafkaAdmin()) {
            while (true) {
                passes++;
                unsent = unsent(db);
                lag = lag(kafka);
                states = states(db);
                boolean drained =
                        unsent == 0 && lag <= 0 && states.values().stream().allMatch(s -> s.open() == 0);
                boolean sqlCorrect = drained && states.values().stream().allMatch(Correctness::sqlCorrect);
                if (sqlCorrect && drainedAt < 0) {
                    drainedAt = System.currentTimeMillis();
                }
                if (System.currentTimeMillis() > nextProgress) {
                    nextProgress += 5_000;
                    System.out.printf(
                            "BENCH_CHECK %d s after the last write: unsent=%d lag=%d posts_wrong_in_sql=%d"
                                    + " api_verified=%d/%d passes=%d%n",
                            (System.currentTimeMillis() - lastWriteAtMillis) / 1000,
                            unsent,
                            lag,
                            states.values().stream().filter(s -> !sqlCorrect(s)).count(),
                            apiVerified.size(),
                            apiPosts.size(),
                            passes);
                }
                if (sqlCorrect) {
                    // Only once drained: nothing changes any more, so a post verified now stays verified.
                    boolean firstApiPass = apiVerified.isEmpty() && apiWrong.isEmpty();
                    verifyThroughApi(apiPosts, apiVerified, apiWrong, states);
                    if (apiVerified.size() == apiPosts.size()) {
                        // When the API agreed on its first pass, it already agreed when the SQL state became right
                        // (the consumer refreshes Redis right after committing the batch): the pass's own duration
                        // is the checker's, not the pipeline's. Otherwise the clock stops at the end of this pass.
                        long now = System.currentTimeMillis();
                        long correctAt = firstApiPass ? drainedAt : now;
                        return new Result(
                                true,
                                correctAt - lastWriteAtMillis,
                                drainedAt - lastWriteAtMillis,
                                now - drainedAt,
                                likeRows(states),
                                unsent,
                                lag,
                                0,
                                0,
                                apiPosts.size(),
                                "");
                    }
                }
                if (System.currentTimeMillis() > deadline) {
                    break;
                }
                TimeUnit.MILLISECONDS.sleep(20);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("correctness pass cannot read " + config.jdbcUrl(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("correctness pass interrupted", e);
        }
        return failure(states, apiPosts, apiVerified, apiWrong, unsent, lag);
    }

    private Result failure(
            Map<String, PostState> states,
            List<String> apiPosts,
            Set<String> apiVerified,
            Map<String, Long> apiWrong,
            long unsent,
            long lag) {
        List<String> wrong = new ArrayList<>();
        int lost = 0;
        for (var e : states.entrySet()) {
            PostState s = e.getValue();
            if (s.eventSum() != s.rows() || s.failed() > 0) {
                lost++;
            }
            if (!sqlCorrect(s)) {
                wrong.add(e.getKey() + "{rows=" + s.rows() + ",count=" + s.counted() + ",events=" + s.eventSum()
                        + ",failed=" + s.failed() + ",open=" + s.open() + "}");
            }
        }
        for (String post : apiPosts) {
            if (!apiVerified.contains(post) && apiWrong.containsKey(post)) {
                wrong.add(post + "{api=" + apiWrong.get(post) + ",rows="
                        + states.getOrDefault(post, new PostState(0, 0, 0, 0, 0))
                                .rows() + "}");
            }
        }
        Collections.sort(wrong);
        String detail = wrong.stream().limit(10).collect(Collectors.joining(" "));
        if (unsent > 0 || lag > 0) {
            detail = "not drained (unsent=" + unsent + ", lag=" + lag + ") " + detail;
        }
        return new Result(
                false,
                -1,
                -1,
                -1,
                likeRows(states),
                unsent,
                lag,
                wrong.size(),
                lost,
                apiVerified.size(),
                detail.trim());
    }

    private static boolean sqlCorrect(PostState s) {
        return s.counted() == s.rows() && s.eventSum() == s.rows() && s.failed() == 0;
    }

    private static long likeRows(Map<String, PostState> states) {
        return states.values().stream().mapToLong(PostState::rows).sum();
    }

    private List<String> apiSample() {
        List<String> all = new ArrayList<>(posts.ids());
        if (all.size() <= config.apiSample()) {
            return all;
        }
        Collections.shuffle(all, ThreadLocalRandom.current());
        return List.copyOf(all.subList(0, config.apiSample()));
    }

    /**
     * Outbox rows of the run's posts. The relay deletes a row once the broker has it, so every row is unsent. The
     * table has no index on the post, only the relay's key {@code (lane, seq)}: an empty outbox, the usual case once
     * drained, is answered by one probe of that key, and only a non-empty one is scanned for the run's posts.
     */
    private long unsent(Connection db) throws SQLException {
        try (PreparedStatement any = db.prepareStatement("SELECT 1 FROM like_api.outbox ORDER BY lane, seq LIMIT 1");
                ResultSet rs = any.executeQuery()) {
            if (!rs.next()) {
                return 0;
            }
        }
        try (PreparedStatement q =
                db.prepareStatement("SELECT count(*) FROM like_api.outbox WHERE aggregate_id = ANY (?::varchar[])")) {
            q.setArray(1, db.createArrayOf("varchar", posts.ids().toArray()));
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Every post of the run in one query joining the two schemas. The events are read from the run's start on, which
     * lets the BRIN index on {@code count_events.created_at} skip older runs.
     */
    private Map<String, PostState> states(Connection db) throws SQLException {
        String sql =
                """
                WITH run_posts AS (SELECT unnest(?::varchar[]) AS post_id),
                     rows AS (SELECT l.post_id, count(*) AS n FROM like_api.likes l
                              WHERE l.post_id = ANY (?::varchar[]) GROUP BY l.post_id),
                     events AS (SELECT e.post_id,
                                       sum(e.delta) FILTER (WHERE e.status = 'SUCCESS' OR e.replayed_at IS NOT NULL) AS counted,
                                       count(*) FILTER (WHERE e.status = 'FAILED') AS failed,
                                       count(*) FILTER (WHERE e.status IN ('PENDING', 'RETRYING')) AS open
                                FROM counts.count_events e
                                WHERE e.created_at >= ? AND e.post_id = ANY (?::varchar[])
                                GROUP BY e.post_id)
                SELECT p.post_id, coalesce(r.n, 0), coalesce(c.like_count, 0), coalesce(e.counted, 0),
                       coalesce(e.failed, 0), coalesce(e.open, 0)
                FROM run_posts p
                LEFT JOIN rows r ON r.post_id = p.post_id
                LEFT JOIN counts.post_counts c ON c.post_id = p.post_id
                LEFT JOIN events e ON e.post_id = p.post_id
                """;
        var ids = db.createArrayOf("varchar", posts.ids().toArray());
        Map<String, PostState> states = new HashMap<>();
        try (PreparedStatement q = db.prepareStatement(sql)) {
            q.setArray(1, ids);
            q.setArray(2, ids);
            q.setTimestamp(3, new Timestamp(runStartMillis - 60_000)); // clock skew between here and the database
            q.setArray(4, ids);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    states.put(
                            rs.getString(1),
                            new PostState(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6)));
                }
            }
        }
        return states;
    }

    private void verifyThroughApi(
            List<String> apiPosts, Set<String> verified, Map<String, Long> wrong, Map<String, PostState> states) {
        List<String> pending =
                apiPosts.stream().filter(p -> !verified.contains(p)).toList();
        // Bounded concurrency: a few thousand posts in seconds, without becoming a load test of its own.
        int window = 32;
        for (int from = 0; from < pending.size(); from += window) {
            List<String> chunk = pending.subList(from, Math.min(pending.size(), from + window));
            List<CompletableFuture<Long>> answers =
                    chunk.stream().map(this::apiCount).toList();
            for (int i = 0; i < chunk.size(); i++) {
                String post = chunk.get(i);
                long answer = answers.get(i).join();
                if (answer == states.get(post).rows()) {
                    verified.add(post);
                    wrong.remove(post);
                } else {
                    wrong.put(post, answer);
                }
            }
        }
    }

    private CompletableFuture<Long> apiCount(String postId) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(config.baseUrl() + "/like/count/" + postId))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> {
                    Matcher m = COUNT.matcher(response.body());
                    return response.statusCode() == 200 && m.find() ? Long.parseLong(m.group(1)) : -1L;
                })
                .exceptionally(e -> -1L);
    }

    private Admin kafkaAdmin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        return Admin.create(p);
    }

    /** Records of the topic the count consumer's group has not committed yet; -1 when it cannot be read. */
    private long lag(Admin kafka) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = kafka.listConsumerGroupOffsets(config.consumerGroup())
                    .partitionsToOffsetAndMetadata()
                    .get(5, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            kafka.describeTopics(List.of(config.topic()))
                    .allTopicNames()
                    .get(5, TimeUnit.SECONDS)
                    .get(config.topic())
                    .partitions()
                    .forEach(p -> latest.put(new TopicPartition(config.topic(), p.partition()), OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResultInfo> ends =
                    kafka.listOffsets(latest).all().get(5, TimeUnit.SECONDS);
            long lag = 0;
            for (var end : ends.entrySet()) {
                OffsetAndMetadata at = committed.get(end.getKey());
                lag += end.getValue().offset() - (at == null ? 0 : at.offset());
            }
            return lag;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return -1;
        }
    }
}
