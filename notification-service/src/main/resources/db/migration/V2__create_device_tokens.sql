-- A device belongs to whoever registered it last: a phone handed to another account moves with the new sign-in.
CREATE TABLE device_tokens (
    token         text        NOT NULL,
    user_id       text        NOT NULL,
    registered_at timestamptz NOT NULL,
    CONSTRAINT pk_device_tokens PRIMARY KEY (token)
);

CREATE INDEX ix_device_tokens_user ON device_tokens (user_id);

-- The collapse window: one push per (owner, post) per window. The upsert that claims a window says whether an
-- event may push, atomically, across instances.
CREATE TABLE push_windows (
    recipient_id      text        NOT NULL,
    post_id           text        NOT NULL,
    window_started_at timestamptz NOT NULL,
    CONSTRAINT pk_push_windows PRIMARY KEY (recipient_id, post_id)
);
