-- The foreign key from an action to its entry checked every link with a lock on the entry's row, once per like:
-- 63 % of the linking UPDATE's time, which was itself the costliest statement per like in PostgreSQL. Nothing needs it:
-- an action is only ever followed to an entry through a join that also requires the entry unread (a deleted entry
-- joins nothing, as NULL did), entry ids are never reused, and an entry is deleted only when every action in it was
-- taken back, or with its post, whose actions go with it.
ALTER TABLE notification_actions DROP CONSTRAINT fk_notification_actions_notification;
