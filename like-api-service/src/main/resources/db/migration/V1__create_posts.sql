CREATE TABLE posts (
    id         varchar(100) NOT NULL,
    owner_id   varchar(255) NOT NULL,
    created_at timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT pk_posts PRIMARY KEY (id),
    CONSTRAINT ck_posts_id CHECK (id ~ '^[A-Za-z0-9_-]{1,100}$')
);
