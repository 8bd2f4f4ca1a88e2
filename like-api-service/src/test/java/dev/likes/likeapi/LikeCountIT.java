package dev.likes.likeapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.likes.testsupport.LikesIntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpMethod;

@LikesIntegrationTest
class LikeCountIT {

    @Autowired
    TestRestTemplate http;

    @Autowired
    StringRedisTemplate redis;

    @Test
    void aCacheMissIsAnsweredFromTheLikeRowsAndCachedWithATtl() {
        var api = new LikeApiClient(http);
        String postId = api.newPost("owner");
        api.like(postId, "a");
        api.like(postId, "b");
        api.like(postId, "c");
        api.unlike(postId, "b");

        var answer = http.getForEntity("/like/count/" + postId, Map.class);

        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat(answer.getBody()).containsEntry("postId", postId).containsEntry("count", 2);
        String key = "post:" + postId + ":like_count";
        assertThat(redis.opsForValue().get(key)).isEqualTo("2");
        assertThat(redis.getExpire(key)).isPositive();
    }

    @Test
    void theCountKeptByTheCountConsumerIsServedFromRedis() {
        var api = new LikeApiClient(http);
        String postId = api.newPost("owner");
        // The count consumer writes this after each batch; the API must serve it without touching PostgreSQL.
        redis.opsForValue().set("post:" + postId + ":like_count", "41", java.time.Duration.ofMinutes(1));

        assertThat(http.getForEntity("/like/count/" + postId, Map.class).getBody())
                .containsEntry("count", 41);
    }

    @Test
    void aPostShowsItsCountAndWhetherTheViewerLikesIt() {
        var api = new LikeApiClient(http);
        String postId = api.newPost("owner");
        api.like(postId, "viewer");

        var asViewer = api.exchange(HttpMethod.GET, "/posts/" + postId, "viewer", null);
        var anonymous = http.getForEntity("/posts/" + postId, Map.class);

        assertThat(asViewer.getBody())
                .containsEntry("id", postId)
                .containsEntry("ownerId", "owner")
                .containsEntry("likeCount", 1)
                .containsEntry("likedByMe", true);
        assertThat(anonymous.getBody()).containsEntry("likedByMe", false).containsEntry("likeCount", 1);
    }

    @Test
    void theCountOfAnUnknownPostIsA404() {
        assertThat(http.getForEntity("/like/count/nope-" + System.nanoTime(), Map.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(404);
    }
}
