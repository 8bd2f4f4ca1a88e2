package dev.likes.likeapi.outbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Deletes sent rows past their retention, in bounded chunks so no single delete holds locks for long. */
@Component
class OutboxCleanup {

    private static final Logger log = LoggerFactory.getLogger(OutboxCleanup.class);
    private static final int CHUNK = 10_000;

    private final JdbcClient jdbc;
    private final OutboxProperties properties;

    OutboxCleanup(JdbcClient jdbc, OutboxProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    @Scheduled(
            fixedDelayString = "${likes.outbox.cleanup-interval:1m}",
            initialDelayString = "${likes.outbox.cleanup-interval:1m}")
    void deleteSentRowsPastRetention() {
        int total = 0;
        int deleted;
        do {
            deleted = jdbc.sql(
                            """
                            DELETE FROM outbox WHERE id IN (
                                SELECT id FROM outbox
                                WHERE sent_at IS NOT NULL AND sent_at < now() - make_interval(secs => ?)
                                LIMIT ?)
                            """)
                    .params(properties.retention().toSeconds(), CHUNK)
                    .update();
            total += deleted;
        } while (deleted == CHUNK);
        if (total > 0) {
            log.atInfo().addKeyValue("deleted", total).log("outbox rows past retention deleted");
        }
    }
}
