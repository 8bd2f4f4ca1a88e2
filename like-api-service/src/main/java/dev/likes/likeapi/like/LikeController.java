package dev.likes.likeapi.like;

import dev.likes.kit.security.CurrentUser;
import dev.likes.likeapi.post.PostId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@SecurityRequirement(name = "bearer")
class LikeController {

    private final LikeService likes;

    LikeController(LikeService likes) {
        this.likes = likes;
    }

    @Operation(summary = "Like a post as the signed-in user; liking twice changes nothing")
    @PostMapping("/like/{postId}")
    LikeResult like(@PathVariable @PostId String postId, @CurrentUser String userId) {
        return likes.like(postId, userId);
    }

    @Operation(summary = "Take the signed-in user's like back; unliking a post not liked changes nothing")
    @DeleteMapping("/like/{postId}")
    LikeResult unlike(@PathVariable @PostId String postId, @CurrentUser String userId) {
        return likes.unlike(postId, userId);
    }

    @Operation(summary = "Toggle the signed-in user's like (the older clients' call)")
    @PostMapping("/like")
    LikeResult toggle(@RequestBody @Valid ToggleLikeRequest request, @CurrentUser String userId) {
        return likes.toggle(request.postId(), userId);
    }
}
