package dev.likes.kit.kafka;

import java.time.Duration;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * One long-lived Kafka admin client for a service, opened on first use from {@link KafkaAdmin}'s configuration and
 * closed with the context. Spring Kafka's {@code KafkaAdmin} opens a client per operation (a new connection and
 * metadata fetch each time), which is wasteful for questions asked every few seconds: the health probe, the count
 * consumer's catch-up check.
 */
public class SharedAdminClient implements DisposableBean {

    private final KafkaAdmin kafkaAdmin;
    private volatile Admin admin;

    public SharedAdminClient(KafkaAdmin kafkaAdmin) {
        this.kafkaAdmin = kafkaAdmin;
    }

    public Admin get() {
        Admin current = admin;
        if (current == null) {
            synchronized (this) {
                current = admin;
                if (current == null) {
                    current = Admin.create(kafkaAdmin.getConfigurationProperties());
                    admin = current;
                }
            }
        }
        return current;
    }

    @Override
    public synchronized void destroy() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
            admin = null;
        }
    }
}
