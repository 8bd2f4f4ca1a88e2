package dev.likes.likeapi.post;

import dev.likes.kit.security.Scopes;
import dev.likes.likeapi.count.LikeCounts;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

@Service
class PostService {

    private static final Logger log = LoggerFactory.getLogger(PostService.class);

    private final JdbcClient jdbc;
    private final PostOwners owners;
    private final LikeCounts counts;
    private final PostRegistry registry;
    private final TransactionTemplate transaction;

    PostService(
            JdbcClient jdbc,
            PostOwners owners,
            LikeCounts counts,
            PostRegistry registry,
            TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.owners = owners;
        this.counts = counts;
        this.registry = registry;
        this.transaction = transaction;
    }

    /**
     * Registers a post. Its owner is the caller unless {@code requestedOwnerId} names another, which only a service
     * token with {@code posts:write} may do: a user registers only its own posts.
     */
    PostView create(String requestedId, String requestedOwnerId, Authentication caller) {
        String ownerId = requestedOwnerId == null ? caller.getName() : requestedOwnerId;
        if (!ownerId.equals(caller.getName()) && !Scopes.granted(caller, Scopes.POSTS_WRITE)) {
            throw new NotYourPost("Registering a post for another owner");
        }
        String id = requestedId == null ? UUID.randomUUID().toString() : requestedId;
        var registered = transaction.execute(
                status -> registry.registerAll(List.of(new PostRegistry.NewPost(id, ownerId, null))));
        if (registered.isEmpty()) {
            throw new PostAlreadyExists(id);
        }
        owners.remember(id, ownerId);
        return new PostView(id, ownerId, 0, false);
    }

    /** Deletes a post: its owner may, and a service token with {@code posts:write}. */
    void delete(String postId, Authentication caller) {
        String ownerId = owners.ownerOf(postId); // 404 for an unknown or deleted post
        if (!ownerId.equals(caller.getName()) && !Scopes.granted(caller, Scopes.POSTS_WRITE)) {
            throw new NotYourPost("Deleting another owner's post");
        }
        var deleted = transaction.execute(status -> registry.deleteAll(List.of(postId)));
        if (deleted.isEmpty()) {
            throw new PostNotFound(postId); // deleted meanwhile, by another call or the platform's topic
        }
        log.atInfo()
                .addKeyValue("postId", postId)
                .addKeyValue("by", ownerId.equals(caller.getName()) ? "owner" : "service")
                .log("post deleted");
    }

    PostView view(String postId, String viewerId) {
        String ownerId = owners.ownerOf(postId);
        boolean likedByMe = viewerId != null
                && jdbc.sql("SELECT EXISTS (SELECT 1 FROM likes WHERE post_id = ? AND user_id = ?)")
                        .params(postId, viewerId)
                        .query(Boolean.class)
                        .single();
        return new PostView(postId, ownerId, counts.countOf(postId), likedByMe);
    }
}
