package dev.likes.loadtest;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The posts of one run. Ids start with a prefix unique to the run ({@code b<time><random>-}), so a run never touches
 * another run's posts and the correctness pass knows exactly which posts to check.
 *
 * <p>Posts are inserted straight into {@code like_api.posts} in one statement rather than through {@code POST /posts}:
 * registering thousands of posts over HTTP would take longer than a short run and is not what is being measured. The
 * like API does not cache unknown posts, so it finds them on the first like.
 */
final class RunPosts {

    static final String OWNER = "bench-owner";

    private final String prefix;
    private final List<String> ids;

    private RunPosts(String prefix, List<String> ids) {
        this.prefix = prefix;
        this.ids = ids;
    }

    static RunPosts of(int count) {
        return of(
                "b"
                        + Long.toString(Instant.now().getEpochSecond(), 36)
                        + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36), 36)
                        + "-",
                count);
    }

    /** {@code count} posts {@code <prefix>p<i>}; the freshness sampler's prefix extends the run's. */
    static RunPosts of(String prefix, int count) {
        List<String> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(prefix + "p" + i);
        }
        return new RunPosts(prefix, List.copyOf(ids));
    }

    void register(BenchConfig config) {
        try (Connection db = DriverManager.getConnection(config.jdbcUrl(), config.dbUser(), config.dbPassword());
                PreparedStatement insert = db.prepareStatement("INSERT INTO like_api.posts (id, owner_id) "
                        + "SELECT unnest(?::varchar[]), ? ON CONFLICT (id) DO NOTHING")) {
            insert.setArray(1, db.createArrayOf("varchar", ids.toArray()));
            insert.setString(2, OWNER);
            int inserted = insert.executeUpdate();
            if (inserted != ids.size()) {
                throw new IllegalStateException("registered " + inserted + " of " + ids.size() + " posts");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot register the run's posts in " + config.jdbcUrl(), e);
        }
    }

    String prefix() {
        return prefix;
    }

    List<String> ids() {
        return ids;
    }

    String get(int i) {
        return ids.get(i);
    }

    int size() {
        return ids.size();
    }
}
