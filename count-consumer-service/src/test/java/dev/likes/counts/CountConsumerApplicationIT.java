package dev.likes.counts;

import dev.likes.testsupport.LikesIntegrationTest;
import dev.likes.testsupport.ServiceBasics;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.RequestEntity;

@LikesIntegrationTest
class CountConsumerApplicationIT implements ServiceBasics {

    @Autowired
    TestRestTemplate http;

    @Override
    public TestRestTemplate http() {
        return http.withBasicAuth("operator", "test-operator-password");
    }

    @Override
    public String artifact() {
        return "count-consumer-service";
    }

    @Override
    public RequestEntity<Void> aCallWithTheWrongMethod() {
        return RequestEntity.get("/ops/dlq/replay").build();
    }
}
