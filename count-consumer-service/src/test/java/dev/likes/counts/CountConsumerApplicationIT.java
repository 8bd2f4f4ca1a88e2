package dev.likes.counts;

import dev.likes.testsupport.LikesIntegrationTest;
import dev.likes.testsupport.ServiceBasics;
import org.springframework.http.RequestEntity;

@LikesIntegrationTest
class CountConsumerApplicationIT implements ServiceBasics {

    @Override
    public RequestEntity<Void> aCallWithTheWrongMethod() {
        return RequestEntity.get("/ops/dlq/replay")
                .headers(h -> h.setBasicAuth("operator", "test-operator-password"))
                .build();
    }
}
