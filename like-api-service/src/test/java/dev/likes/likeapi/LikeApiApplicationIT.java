package dev.likes.likeapi;

import dev.likes.testsupport.JwtTokens;
import dev.likes.testsupport.LikesIntegrationTest;
import dev.likes.testsupport.ServiceBasics;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.RequestEntity;

@LikesIntegrationTest
class LikeApiApplicationIT implements ServiceBasics {

    @Autowired
    TestRestTemplate http;

    @Override
    public TestRestTemplate http() {
        return http;
    }

    @Override
    public String artifact() {
        return "like-api-service";
    }

    @Override
    public RequestEntity<Void> aCallWithTheWrongMethod() {
        return RequestEntity.put("/like/some-post")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + JwtTokens.forUser("alice"))
                .build();
    }
}
