package dev.likes.kit.kafka;

import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The broker as a health contributor named {@code kafka}, for a service's readiness group: Spring Boot has none, and
 * a consumer that cannot reach its broker is alive but not doing its job. The service's shared admin client, bounded wait.
 */
public class KafkaHealthIndicator implements HealthIndicator {

    private static final int TIMEOUT_MS = 2000;

    private final SharedAdminClient admin;

    public KafkaHealthIndicator(SharedAdminClient admin) {
        this.admin = admin;
    }

    @Override
    public Health health() {
        try {
            String clusterId = admin.get()
                    .describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS))
                    .clusterId()
                    .get(TIMEOUT_MS + 500L, TimeUnit.MILLISECONDS);
            return Health.up().withDetail("clusterId", clusterId).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.down(e).build();
        } catch (Exception e) {
            return Health.down(e).build();
        }
    }
}
