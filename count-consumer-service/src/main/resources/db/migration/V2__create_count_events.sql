-- Every event the consumer has seen, keyed by eventId: the dedupe record (inserted in the same transaction as the
-- count change) and the retry state machine PENDING -> RETRYING -> SUCCESS | FAILED.
CREATE TABLE count_events (
    event_id         uuid         NOT NULL,
    post_id          varchar(100) NOT NULL,
    event_type       varchar(16)  NOT NULL,
    delta            integer      NOT NULL,
    status           varchar(16)  NOT NULL,
    retry_count      integer      NOT NULL DEFAULT 0,
    last_error       text,
    -- The original record, kept only while the event is not counted (RETRYING, FAILED): the retrier and the DLQ need
    -- it; SUCCESS rows do not, which keeps the hot insert path small.
    payload          text,
    source_partition integer,
    source_offset    bigint,
    next_attempt_at  timestamptz,
    -- Set when a DLQ replay counted a FAILED event; FAILED stays terminal so the audit trail keeps what happened.
    replayed_at      timestamptz,
    created_at       timestamptz  NOT NULL DEFAULT now(),
    updated_at       timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT uk_count_events_event_id PRIMARY KEY (event_id),
    CONSTRAINT ck_count_events_status CHECK (status IN ('PENDING', 'RETRYING', 'SUCCESS', 'FAILED')),
    CONSTRAINT ck_count_events_delta CHECK (delta IN (-1, 1))
);

-- The retrier's queue: only parked rows, so it stays tiny however many events were counted.
CREATE INDEX ix_count_events_due ON count_events (next_attempt_at) WHERE status = 'RETRYING';

-- Reconciliation skips posts whose events are still on their way.
CREATE INDEX ix_count_events_open_post ON count_events (post_id) WHERE status IN ('PENDING', 'RETRYING');

-- Pruning by age: rows arrive in time order, so a BRIN index is nearly free on the insert path.
CREATE INDEX ix_count_events_created_at ON count_events USING brin (created_at);
