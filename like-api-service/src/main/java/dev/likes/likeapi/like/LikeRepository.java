package dev.likes.likeapi.like;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The likes table. Each method says whether it changed a row, which decides whether an event is emitted. */
@Repository
class LikeRepository {

    private final JdbcClient jdbc;

    LikeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the like; false when it already existed (also when a concurrent request inserted it first). */
    boolean insert(String postId, String userId) {
        return jdbc.sql("INSERT INTO likes (post_id, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
                        .params(postId, userId)
                        .update()
                == 1;
    }

    /** Deletes the like; false when there was none. */
    boolean delete(String postId, String userId) {
        return jdbc.sql("DELETE FROM likes WHERE post_id = ? AND user_id = ?")
                        .params(postId, userId)
                        .update()
                == 1;
    }
}
