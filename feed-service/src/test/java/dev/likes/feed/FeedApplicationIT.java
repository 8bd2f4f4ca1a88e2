package dev.likes.feed;

import dev.likes.testsupport.LikesIntegrationTest;
import dev.likes.testsupport.ServiceBasics;
import org.springframework.http.RequestEntity;

@LikesIntegrationTest
class FeedApplicationIT implements ServiceBasics {

    @Override
    public RequestEntity<Void> aCallWithTheWrongMethod() {
        return RequestEntity.delete("/feed/trending").build();
    }
}
