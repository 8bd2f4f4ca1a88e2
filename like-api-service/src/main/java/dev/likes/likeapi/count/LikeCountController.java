package dev.likes.likeapi.count;

import dev.likes.likeapi.post.PostId;
import dev.likes.likeapi.post.PostOwners;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class LikeCountController {

    private final LikeCounts counts;
    private final PostOwners posts;

    LikeCountController(LikeCounts counts, PostOwners posts) {
        this.counts = counts;
        this.posts = posts;
    }

    @Operation(summary = "A post's like count; public, no token needed")
    @GetMapping("/like/count/{postId}")
    LikeCount count(@PathVariable @PostId String postId) {
        posts.ownerOf(postId); // 404 for a post that does not exist, rather than a count of 0
        return new LikeCount(postId, counts.countOf(postId));
    }

    record LikeCount(String postId, long count) {}
}
