package dev.likes.likeapi.post;

import dev.likes.kit.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
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

    @Operation(summary = "Register a post owned by the caller", security = @SecurityRequirement(name = "bearer"))
    @PostMapping("/posts")
    ResponseEntity<PostView> create(
            @RequestBody(required = false) @Valid CreatePostRequest request, @CurrentUser String userId) {
        PostView post = posts.create(request == null ? null : request.id(), userId);
        return ResponseEntity.created(URI.create("/posts/" + post.id())).body(post);
    }

    @Operation(summary = "A post with its like count; likedByMe needs a token")
    @GetMapping("/posts/{postId}")
    PostView view(@PathVariable @PostId String postId, @AuthenticationPrincipal Jwt viewer) {
        return posts.view(postId, viewer == null ? null : viewer.getSubject());
    }
}
