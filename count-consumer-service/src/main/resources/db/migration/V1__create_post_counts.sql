-- The like count of every post, owned by count-consumer-service. The consumer changes a row with ONE upsert per post
-- per batch, so a celebrity post costs one row update per batch, not one per like.
CREATE TABLE post_counts (
    post_id    varchar(100) NOT NULL,
    like_count bigint       NOT NULL DEFAULT 0,
    updated_at timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT pk_post_counts PRIMARY KEY (post_id)
);

-- Reconciliation looks only at recently touched posts.
CREATE INDEX ix_post_counts_updated_at ON post_counts (updated_at);
