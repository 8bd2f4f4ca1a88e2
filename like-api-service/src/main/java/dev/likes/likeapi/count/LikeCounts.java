package dev.likes.likeapi.count;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A post's like count for readers. */
@Component
public class LikeCounts {

    private final JdbcClient jdbc;

    LikeCounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The number of users who like the post now. */
    public long countOf(String postId) {
        return jdbc.sql("SELECT count(*) FROM likes WHERE post_id = ?")
                .param(postId)
                .query(Long.class)
                .single();
    }
}
