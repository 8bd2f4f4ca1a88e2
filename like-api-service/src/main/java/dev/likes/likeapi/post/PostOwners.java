package dev.likes.likeapi.post;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who owns a post. A post's owner never changes and posts are never deleted, so owners are cached in memory: the like
 * path then reads no posts row, and a celebrity post's row is not a hot spot.
 */
@Component
public class PostOwners {

    private final JdbcClient jdbc;
    private final Cache<String, String> owners =
            Caffeine.newBuilder().maximumSize(200_000).build();

    PostOwners(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The owner of a post.
     *
     * @throws PostNotFound when there is no such post
     */
    public String ownerOf(String postId) {
        String owner = owners.getIfPresent(postId);
        if (owner != null) {
            return owner;
        }
        // Unknown ids are not cached: a post registered a moment later must be likeable at once.
        owner = load(postId).orElseThrow(() -> new PostNotFound(postId));
        owners.put(postId, owner);
        return owner;
    }

    void remember(String postId, String ownerId) {
        owners.put(postId, ownerId);
    }

    private Optional<String> load(String postId) {
        return jdbc.sql("SELECT owner_id FROM posts WHERE id = ?")
                .param(postId)
                .query(String.class)
                .optional();
    }
}
