-- The outbox in lanes, one partition each, with delete-on-publish.
-- Each post's events go to one lane (a hash of the post id, computed by the service: OutboxLanes). Each lane has its
-- own relay lock, so several relays publish in parallel while one post's events stay in order within their lane.
-- Each lane is its own partition: a relay reading or deleting a batch of its lane touches pages holding only that
-- lane's rows, instead of one row in every page of a table all lanes share, so a backlog larger than the buffer
-- cache is read once rather than once per lane. A row is deleted in the transaction that saw the broker acknowledge
-- it, so the table holds only the backlog: no "mark sent, delete later" whose dead rows and indexes grow with history.
-- The event id stays in the row (it is the Kafka header consumers dedupe on) but needs no index: the relay finds rows
-- by lane and seq only, and a random uuid index costs every like a random B-tree insert.
CREATE TABLE outbox_by_lane (
    lane         smallint     NOT NULL,
    seq          bigint       GENERATED ALWAYS AS IDENTITY,
    id           uuid         NOT NULL,
    aggregate_id varchar(100) NOT NULL,
    event_type   varchar(32)  NOT NULL,
    topic        varchar(255) NOT NULL,
    payload      jsonb        NOT NULL,
    trace_parent varchar(64),
    created_at   timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT pk_outbox_by_lane PRIMARY KEY (lane, seq)
) PARTITION BY LIST (lane);

-- One partition per lane of the default lane count (likes.outbox.lanes = 16). Lanes beyond it, if the count is raised,
-- and rows written before lanes existed (lane -1) land in the default partition: still correct, only less compact.
DO $$
BEGIN
    FOR lane IN 0..15 LOOP
        EXECUTE format('CREATE TABLE outbox_lane_%s PARTITION OF outbox_by_lane FOR VALUES IN (%s)', lane, lane);
    END LOOP;
END
$$;
CREATE TABLE outbox_lane_other PARTITION OF outbox_by_lane DEFAULT;

-- Unsent rows keep their order: seq continues from the old table's. The relay moves them from lane -1 to their lanes
-- before it publishes any lane.
INSERT INTO outbox_by_lane (lane, seq, id, aggregate_id, event_type, topic, payload, trace_parent, created_at)
OVERRIDING SYSTEM VALUE
SELECT -1, seq, id, aggregate_id, event_type, topic, payload, trace_parent, created_at
FROM outbox WHERE sent_at IS NULL;
SELECT setval(pg_get_serial_sequence('outbox_by_lane', 'seq'), (SELECT coalesce(max(seq), 0) + 1 FROM outbox), false);

DROP TABLE outbox;
ALTER TABLE outbox_by_lane RENAME TO outbox;
ALTER TABLE outbox RENAME CONSTRAINT pk_outbox_by_lane TO pk_outbox;
