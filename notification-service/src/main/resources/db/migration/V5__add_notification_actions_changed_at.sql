-- When the like API committed the latest change applied to the action key, a like or an unlike. Publishers that retry
-- can deliver one user's like and unlike out of order (a failed send is repeated after a later one succeeded), so the
-- order of arrival proves nothing: a change no later than this one is stale and changes nothing. An unlike that
-- arrives before its like leaves a retracted row behind, so that like, arriving later, is known to be stale too.
ALTER TABLE notification_actions ADD COLUMN changed_at timestamptz;
UPDATE notification_actions SET changed_at = acted_at;
ALTER TABLE notification_actions ALTER COLUMN changed_at SET NOT NULL;
