-- No foreign key to posts on purpose: every FK check takes a KEY SHARE lock on the parent row, and thousands of
-- concurrent likes of one celebrity post would then queue on that one posts row (MultiXact contention). Posts are
-- never deleted and the service checks that a post exists before it likes it.
CREATE TABLE likes (
    post_id    varchar(100) NOT NULL,
    user_id    varchar(255) NOT NULL,
    created_at timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT uk_likes_post_user PRIMARY KEY (post_id, user_id)
);
