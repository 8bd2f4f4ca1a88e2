package dev.likes.notifications.messaging;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

/**
 * The {@code processed_events} table: which events a listener has handled, so a redelivery has no second effect. The
 * push listener records its batches here under its consumer name; {@link Housekeeping} trims it. (The notifications
 * listener needs no such row: its action keys remember when each changed, which makes a redelivery stale. Its rows of
 * earlier versions, consumer {@code notifications}, expire like any others.)
 */
@Repository
public class ProcessedEvents {

    private final JdbcClient jdbc;

    ProcessedEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records the eventIds for the consumer, in the caller's transaction.
     *
     * @return those recorded now; the others were handled before
     */
    public Set<UUID> firstDeliveries(String consumer, List<UUID> eventIds) {
        return new HashSet<>(jdbc.sql(
                        """
                        INSERT INTO processed_events (consumer, event_id)
                        SELECT :consumer, id FROM unnest(:ids) AS t(id)
                        ON CONFLICT DO NOTHING
                        RETURNING event_id
                        """)
                .param("consumer", consumer)
                .param("ids", new SqlArrayValue("uuid", eventIds.toArray()))
                .query((rs, n) -> rs.getObject(1, UUID.class))
                .list());
    }
}
