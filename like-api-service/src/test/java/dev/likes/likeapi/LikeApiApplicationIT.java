package dev.likes.likeapi;

import dev.likes.testsupport.JwtTokens;
import dev.likes.testsupport.LikesIntegrationTest;
import dev.likes.testsupport.ServiceBasics;
import org.springframework.http.RequestEntity;

@LikesIntegrationTest
class LikeApiApplicationIT implements ServiceBasics {

    @Override
    public RequestEntity<Void> aCallWithTheWrongMethod() {
        return RequestEntity.put("/like/some-post")
                .headers(h -> h.setBearerAuth(JwtTokens.forUser("alice")))
                .build();
    }
}
