package dev.likes.counts;

import dev.likes.testsupport.LikesInfrastructureInitializer;
import org.springframework.boot.SpringApplication;

/** Runs the service by hand on test infrastructure: {@code ./mvnw -pl count-consumer-service spring-boot:test-run}. */
public class TestCountConsumerApplication {

    public static void main(String[] args) {
        var application = new SpringApplication(CountConsumerApplication.class);
        application.addInitializers(new LikesInfrastructureInitializer());
        application.run(args);
    }
}
