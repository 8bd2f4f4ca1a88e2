package dev.likes.likeapi.post;

import dev.likes.events.PostEvent;
import dev.likes.likeapi.outbox.Outbox;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Registering and deleting posts in bulk, one statement per kind of change, for the API and the platform's topic
 * alike: both paths share the rules, so a post deleted by either is deleted for both. Both calls are idempotent: a post
 * registered or deleted before is left as it is and reported as unchanged.
 */
@Component
public class PostRegistry {

    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final PostOwners owners;

    PostRegistry(JdbcClient jdbc, Outbox outbox, PostOwners owners) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.owners = owners;
    }

    /** A post to register; {@code createdAt} may be null (then: now). */
    public record NewPost(String postId, String ownerId, Instant createdAt) {}

    /** A post that was deleted now, and whose it was. */
    public record Deleted(String postId, String ownerId) {}

    /**
     * Registers the posts whose id is not taken yet (by a live or a deleted post). Each id at most once per call.
     *
     * @return the ids registered now
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Set<String> registerAll(List<NewPost> posts) {
        if (posts.isEmpty()) {
            return Set.of();
        }
        int n = posts.size();
        String[] ids = new String[n];
        String[] ownerIds = new String[n];
        String[] createdAts = new String[n];
        for (int i = 0; i < n; i++) {
            NewPost post = posts.get(i);
            ids[i] = post.postId();
            ownerIds[i] = post.ownerId();
            createdAts[i] = post.createdAt() == null ? null : post.createdAt().toString();
        }
        return new HashSet<>(jdbc.sql(
                        """
                        INSERT INTO posts (id, owner_id, created_at)
                        SELECT p.id, p.owner_id, coalesce(p.created_at::timestamptz, now())
                        FROM unnest(?, ?, ?) AS p(id, owner_id, created_at)
                        ON CONFLICT (id) DO NOTHING
                        RETURNING id
                        """)
                .params(
                        new SqlArrayValue("text", (Object[]) ids),
                        new SqlArrayValue("text", (Object[]) ownerIds),
                        new SqlArrayValue("text", (Object[]) createdAts))
                .query(String.class)
                .list());
    }

    /**
     * Deletes the live posts among {@code postIds} and, for each, leaves a {@code POST_DELETED} on {@code
     * likes.post-events} in the outbox, in this transaction: the other services learn of exactly the deletions that
     * committed. Ids of unknown or already deleted posts change nothing. Once committed, this instance stops accepting
     * likes of them at once.
     *
     * @return the posts deleted now, in the given order
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Deleted> deleteAll(List<String> postIds) {
        if (postIds.isEmpty()) {
            return List.of();
        }
        Map<String, String> ownerOf = new LinkedHashMap<>();
        var rows = jdbc.sql(
                        """
                        UPDATE posts p SET deleted_at = now()
                        FROM unnest(?) AS d(id)
                        WHERE p.id = d.id AND p.deleted_at IS NULL
                        RETURNING p.id, p.owner_id
                        """)
                .params(new SqlArrayValue("text", postIds.toArray()))
                .query((rs, row) -> new Deleted(rs.getString(1), rs.getString(2)))
                .list();
        rows.forEach(row -> ownerOf.put(row.postId(), row.ownerId()));
        List<Deleted> deleted = new ArrayList<>(ownerOf.size());
        List<PostEvent> events = new ArrayList<>(ownerOf.size());
        Instant now = Instant.now();
        for (String postId : postIds) {
            String ownerId = ownerOf.remove(postId);
            if (ownerId != null) {
                deleted.add(new Deleted(postId, ownerId));
                events.add(PostEvent.deleted(postId, ownerId, now));
            }
        }
        outbox.appendPostEvents(events);
        if (!deleted.isEmpty()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    deleted.forEach(d -> owners.forget(d.postId()));
                }
            });
        }
        return deleted;
    }
}
