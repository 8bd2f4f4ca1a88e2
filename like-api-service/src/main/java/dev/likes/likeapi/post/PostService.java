package dev.likes.likeapi.post;

import dev.likes.likeapi.count.LikeCounts;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

@Service
class PostService {

    private final JdbcClient jdbc;
    private final PostOwners owners;
    private final LikeCounts counts;

    PostService(JdbcClient jdbc, PostOwners owners, LikeCounts counts) {
        this.jdbc = jdbc;
        this.owners = owners;
        this.counts = counts;
    }

    PostView create(String requestedId, String ownerId) {
        String id = requestedId == null ? UUID.randomUUID().toString() : requestedId;
        int inserted = jdbc.sql("INSERT INTO posts (id, owner_id) VALUES (?, ?) ON CONFLICT (id) DO NOTHING")
                .params(id, ownerId)
                .update();
        if (inserted == 0) {
            throw new PostAlreadyExists(id);
        }
        owners.remember(id, ownerId);
        return new PostView(id, ownerId, 0, false);
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
