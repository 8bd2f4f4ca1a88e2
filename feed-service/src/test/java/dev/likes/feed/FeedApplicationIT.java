package dev.likes.feed;

import dev.likes.testsupport.LikesIntegrationTest;
import dev.likes.testsupport.ServiceBasics;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.RequestEntity;

@LikesIntegrationTest
class FeedApplicationIT implements ServiceBasics {

    @Autowired
    TestRestTemplate http;

    @Override
    public TestRestTemplate http() {
        return http;
    }

    @Override
    public String artifact() {
        return "feed-service";
    }

    @Override
    public RequestEntity<Void> aCallWithTheWrongMethod() {
        return RequestEntity.delete("/feed/trending").build();
    }
}
