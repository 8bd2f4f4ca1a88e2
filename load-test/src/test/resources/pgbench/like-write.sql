-- The write transaction like-api sends per like today (LikeService.like -> LikeRepository.insert, Outbox.append ->
-- OutboxRepository.insertAll, which also writes the post's lane, 0-15; the post's owner comes from PostOwners'
-- in-memory cache, so no posts read). Keep this file in step with that code:
-- bin/bench-ceilings runs it with pgbench -M prepared (pgjdbc prepares server-side too) against empty copies of
-- like_api.likes and like_api.outbox in the schema bench_ceiling, so the ceiling never feeds the running relay.
-- The payload is a LikeEvent as LikeEventJson writes it (~230 bytes), sent as text and cast to jsonb as the service does.
\set post random(1, 10000)
\set user random(1, 1000000000)
BEGIN;
INSERT INTO likes (post_id, user_id) VALUES ('pgb-p' || :post, 'u' || :user) ON CONFLICT DO NOTHING;
INSERT INTO outbox (id, lane, aggregate_id, event_type, topic, payload, trace_parent)
VALUES (gen_random_uuid(), :post % 16, 'pgb-p' || :post, 'LIKED', 'likes.events',
        ('{"eventId":"' || gen_random_uuid() || '","type":"LIKED","postId":"pgb-p' || :post
         || '","postOwnerId":"bench-owner","userId":"u' || :user
         || '","occurredAt":"2026-11-22T00:45:30.123456789Z","traceId":"5386ff123f4b6eb51c8b147b8b8dbc4b","schemaVersion":1}')::jsonb,
        '00-5386ff123f4b6eb51c8b147b8b8dbc4b-9c1e7d2a4b3f6e81-01');
COMMIT;
