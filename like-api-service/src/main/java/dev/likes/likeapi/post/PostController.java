package dev.likes.likeapi.post;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class PostController {

    private final PostService posts;

    PostController(PostService posts) {
        this.posts = posts;
    }

    @Operation(
            summary = "Register a post, owned by the caller or, with the posts:write scope, by ownerId",
            security = @SecurityRequirement(name = "bearer"))
    @PostMapping("/posts")
    ResponseEntity<PostView> create(
            @RequestBody(required = false) @Valid CreatePostRequest request, Authentication caller) {
        PostView post = request == null
                ? posts.create(null, null, caller)
                : posts.create(request.id(), request.ownerId(), caller);
        return ResponseEntity.created(URI.create("/posts/" + post.id())).body(post);
    }

    @Operation(
            summary = "Delete a post: its owner, or a token with the posts:write scope",
            security = @SecurityRequirement(name = "bearer"))
    @DeleteMapping("/posts/{postId}")
    ResponseEntity<Void> delete(@PathVariable @PostId String postId, Authentication caller) {
        posts.delete(postId, caller);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "A post with its like count; likedByMe needs a token")
    @GetMapping("/posts/{postId}")
    PostView view(@PathVariable @PostId String postId, @AuthenticationPrincipal Jwt viewer) {
        return posts.view(postId, viewer == null ? null : viewer.getSubject());
    }
}
