-- Posts the like API deleted (likes.post-events). Likes of them that were accepted just before the deletion can still
-- arrive afterwards, on the other topics: both listeners look their posts up here and notify or push nothing for them.
-- Kept for good: one short row per deleted post.
CREATE TABLE deleted_posts (
    post_id    text        NOT NULL,
    deleted_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_deleted_posts PRIMARY KEY (post_id)
);
