package dev.likes.counts.reconciliation;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param enabled whether the job runs on its interval (the operator trigger works either way)
 * @param interval pause between two scheduled runs
 * @param window posts whose count changed within this window are checked
 * @param settle posts whose count changed more recently than this are skipped: their events may still be on the way,
 *     and "repairing" a count that is merely behind would count those events twice when they arrive
 * @param maxPosts most posts checked per run
 * @param likesTable the like rows to count, {@code [schema.]table}; read-only. The one read of another service's
 *     table, accepted for this job only because there is no other source of truth to reconcile against.
 * @param outboxTable the like API's outbox, {@code [schema.]table}; read-only: a post with events still waiting there is
 *     behind, not wrong
 * @param catchUpTimeout how long a run waits for the count consumer to read {@code likes.events} up to the moment the
 *     rows were counted; posts whose partition did not catch up in time are left for the next run
 */
@Validated
@ConfigurationProperties("likes.reconciliation")
record ReconciliationProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("1m") Duration interval,
        @DefaultValue("15m") Duration window,
        @DefaultValue("30s") Duration settle,
        @DefaultValue("10000") @Positive int maxPosts,
        @DefaultValue("like_api.likes") @Pattern(regexp = "([A-Za-z_][A-Za-z0-9_]*\\.)?[A-Za-z_][A-Za-z0-9_]*")
                String likesTable,
        @DefaultValue("like_api.outbox") @Pattern(regexp = "([A-Za-z_][A-Za-z0-9_]*\\.)?[A-Za-z_][A-Za-z0-9_]*")
                String outboxTable,
        @DefaultValue("10s") Duration catchUpTimeout) {}
