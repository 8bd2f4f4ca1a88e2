-- The transactional outbox. id is the event's id; seq gives the relay a strict creation order, which created_at
-- (the transaction's start time) and a random uuid cannot.
CREATE TABLE outbox (
    id           uuid         NOT NULL,
    seq          bigint       GENERATED ALWAYS AS IDENTITY,
    aggregate_id varchar(100) NOT NULL,
    event_type   varchar(32)  NOT NULL,
    topic        varchar(255) NOT NULL,
    payload      jsonb        NOT NULL,
    trace_parent varchar(64),
    created_at   timestamptz  NOT NULL DEFAULT now(),
    sent_at      timestamptz,
    CONSTRAINT pk_outbox PRIMARY KEY (id)
);

CREATE INDEX ix_outbox_unsent ON outbox (seq) WHERE sent_at IS NULL;
CREATE INDEX ix_outbox_sent_at ON outbox (sent_at) WHERE sent_at IS NOT NULL;
