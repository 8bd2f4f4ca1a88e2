package dev.likes.likeapi.like;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The likes table, a batch at a time. Each method returns the keys whose row it really changed, which decides which
 * events are emitted. Keys are sorted before they reach PostgreSQL so concurrent batches take row locks in the same
 * order and cannot deadlock each other.
 */
@Repository
class LikeRepository {

    private final JdbcClient jdbc;

    LikeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A like's identity. */
    record Key(String postId, String userId) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            int byPost = postId.compareTo(other.postId);
            return byPost != 0 ? byPost : userId.compareTo(other.userId);
        }
    }

    /** Inserts the likes; returns those that did not exist (also not because a concurrent batch inserted them). */
    Set<Key> insertAll(Collection<Key> keys) {
        if (keys.isEmpty()) {
            return Set.of();
        }
        return changed(
                """
                INSERT INTO likes (post_id, user_id)
                SELECT k.post_id, k.user_id FROM unnest(?::text[], ?::text[]) AS k(post_id, user_id)
                ORDER BY k.post_id, k.user_id
                ON CONFLICT DO NOTHING
                RETURNING post_id, user_id
                """,
                keys);
    }

    /** Deletes the likes; returns those that existed. */
    Set<Key> deleteAll(Collection<Key> keys) {
        if (keys.isEmpty()) {
            return Set.of();
        }
        return changed(
                """
                DELETE FROM likes l
                USING (SELECT k.post_id, k.user_id FROM unnest(?::text[], ?::text[]) AS k(post_id, user_id)
                       ORDER BY k.post_id, k.user_id) AS k
                WHERE l.post_id = k.post_id AND l.user_id = k.user_id
                RETURNING l.post_id, l.user_id
                """,
                keys);
    }

    private Set<Key> changed(String sql, Collection<Key> keys) {
        String[] postIds = new String[keys.size()];
        String[] userIds = new String[keys.size()];
        int i = 0;
        for (Key key : keys.stream().sorted().toList()) {
            postIds[i] = key.postId();
            userIds[i] = key.userId();
            i++;
        }
        return new HashSet<>(jdbc.sql(sql)
                .params(postIds, userIds)
                .query((rs, row) -> new Key(rs.getString(1), rs.getString(2)))
                .list());
    }
}
