package dev.likes.notifications;

import dev.likes.testsupport.LikesInfrastructureInitializer;
import org.springframework.boot.SpringApplication;

/** Runs the service by hand on test infrastructure: {@code ./mvnw -pl notification-service spring-boot:test-run}. */
public class TestNotificationApplication {

    public static void main(String[] args) {
        var application = new SpringApplication(NotificationApplication.class);
        application.addInitializers(new LikesInfrastructureInitializer());
        application.run(args);
    }
}
