package dev.likes.notifications.post;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

/** The {@code deleted_posts} table, and what a deletion removes. */
@Repository
public class DeletedPosts {

    private final JdbcClient jdbc;

    DeletedPosts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Those of {@code postIds} that were deleted: one index probe each, one statement per batch. */
    public Set<String> among(Collection<String> postIds) {
        if (postIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("SELECT post_id FROM deleted_posts WHERE post_id = ANY (?)")
                .param(new SqlArrayValue("text", new HashSet<>(postIds).toArray()))
                .query(String.class)
                .list());
    }

    /** A post deleted, and whose it was if the event said so (null: any recipient's entries go). */
    record Deletion(String postId, String ownerId) {}

    /**
     * Marks the posts deleted and removes their unread notifications and their action keys, in the caller's
     * transaction. Idempotent: a redelivered deletion finds nothing left to remove.
     *
     * @return the unread notifications removed
     */
    int delete(List<Deletion> deletions) {
        String[] postIds = deletions.stream().map(Deletion::postId).toArray(String[]::new);
        String[] ownerIds = deletions.stream().map(Deletion::ownerId).toArray(String[]::new);
        jdbc.sql(
                        """
                        INSERT INTO deleted_posts (post_id)
                        SELECT DISTINCT id FROM unnest(?) AS d(id)
                        ON CONFLICT DO NOTHING
                        """)
                .param(new SqlArrayValue("text", (Object[]) postIds))
                .update();
        // Read entries stay: they are the owner's history, and nothing will join them any more.
        int removed = jdbc.sql(
                        """
                        DELETE FROM notifications n
                        USING unnest(?, ?) AS d(post_id, owner_id)
                        WHERE n.read_at IS NULL
                          AND n.post_id = d.post_id
                          AND (d.owner_id IS NULL OR n.recipient_id = d.owner_id)
                        """)
                .params(new SqlArrayValue("text", (Object[]) postIds), new SqlArrayValue("text", (Object[]) ownerIds))
                .update();
        jdbc.sql("DELETE FROM notification_actions WHERE post_id = ANY (?)")
                .param(new SqlArrayValue("text", (Object[]) postIds))
                .update();
        return removed;
    }
}
