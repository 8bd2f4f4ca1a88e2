-- Lanes and delete-on-publish.
-- Each post's events go to one lane (a hash of the post id, computed by the service: OutboxLanes). Each lane has its
-- own relay lock, so several relays publish in parallel while one post's events stay in order within their lane.
-- A row is deleted in the transaction that saw the broker acknowledge it, so the table holds only the backlog: no
-- "mark sent, delete later" whose dead rows and indexes grow with history.
DELETE FROM outbox WHERE sent_at IS NOT NULL;
DROP INDEX ix_outbox_unsent;
DROP INDEX ix_outbox_sent_at;
ALTER TABLE outbox DROP COLUMN sent_at;
-- The event id stays in the row (it is the Kafka header consumers dedupe on) but needs no index: the relay finds rows
-- by lane and seq only, and a random uuid index costs every like a random B-tree insert.
ALTER TABLE outbox DROP CONSTRAINT pk_outbox;
-- Rows written before lanes existed wait in lane -1; the relay moves them to their lanes before it publishes any lane.
ALTER TABLE outbox ADD COLUMN lane smallint NOT NULL DEFAULT -1;
ALTER TABLE outbox ALTER COLUMN lane DROP DEFAULT;
ALTER TABLE outbox ADD CONSTRAINT pk_outbox PRIMARY KEY (lane, seq);
