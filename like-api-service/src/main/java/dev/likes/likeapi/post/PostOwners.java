package dev.likes.likeapi.post;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who owns a post. A post's owner never changes, so owners are cached in memory: the like path then reads no posts
 * row, and a celebrity post's row is not a hot spot. Posts can be deleted, though: the instance that deletes one
 * forgets it at once, the others after {@code likes.posts.owner-cache-ttl}.
 */
@Component
public class PostOwners {

    private final JdbcClient jdbc;
    private final Cache<String, String> owners;

    PostOwners(JdbcClient jdbc, PostsProperties properties) {
        this.jdbc = jdbc;
        this.owners = Caffeine.newBuilder()
                .maximumSize(200_000)
                .expireAfterWrite(properties.ownerCacheTtl())
                .build();
    }

    /**
     * The owner of a post.
     *
     * @throws PostNotFound when there is no such post, or it was deleted
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

    void forget(String postId) {
        owners.invalidate(postId);
    }

    private Optional<String> load(String postId) {
        return jdbc.sql("SELECT owner_id FROM posts WHERE id = ? AND deleted_at IS NULL")
                .param(postId)
                .query(String.class)
                .optional();
    }
}
