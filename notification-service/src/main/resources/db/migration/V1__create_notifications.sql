-- One row per owner-facing entry. While an entry is unread it is the (recipient, post) group that further likes
-- update, so a viral post is one row with a growing actor_count instead of thousands of rows.
CREATE TABLE notifications (
    id           bigint GENERATED ALWAYS AS IDENTITY,
    recipient_id text        NOT NULL,
    actor_id     text        NOT NULL, -- the latest actor: "alice and 41 others"
    type         text        NOT NULL,
    post_id      text        NOT NULL,
    actor_count  integer     NOT NULL,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    read_at      timestamptz,
    CONSTRAINT pk_notifications PRIMARY KEY (id),
    CONSTRAINT ck_notifications_actor_count CHECK (actor_count > 0)
);

-- At most one unread group per (recipient, post, type): the target of the grouping upsert.
CREATE UNIQUE INDEX uk_notifications_unread_group
    ON notifications (recipient_id, post_id, type) WHERE read_at IS NULL;

-- The list call: a recipient's entries, newest activity first.
CREATE INDEX ix_notifications_recipient_recent ON notifications (recipient_id, updated_at DESC, id DESC);
CREATE INDEX ix_notifications_recipient_unread ON notifications (recipient_id) WHERE read_at IS NULL;

-- The action key (post, actor): one like counts once, however often it is delivered, and remembers which entry it
-- counted in so an unlike can take exactly that contribution back.
CREATE TABLE notification_actions (
    post_id         text        NOT NULL,
    actor_id        text        NOT NULL,
    recipient_id    text        NOT NULL,
    notification_id bigint,
    retracted       boolean     NOT NULL DEFAULT false,
    acted_at        timestamptz NOT NULL,
    CONSTRAINT pk_notification_actions PRIMARY KEY (post_id, actor_id),
    CONSTRAINT fk_notification_actions_notification FOREIGN KEY (notification_id)
        REFERENCES notifications (id) ON DELETE SET NULL
);

CREATE INDEX ix_notification_actions_notification ON notification_actions (notification_id, acted_at DESC);

-- Kafka delivers at least once: an eventId seen before is done. One history per listener.
CREATE TABLE processed_events (
    consumer     text        NOT NULL,
    event_id     uuid        NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_processed_events PRIMARY KEY (consumer, event_id)
);
