-- A deleted post keeps its row, marked: its id stays taken (a replayed POST_CREATED of the platform's topic must not
-- bring it back, and POST /posts with that id stays a 409), and its like rows stay where they are (see the README,
-- "Deletion and retention"): nothing counted is ever uncounted, so no count turns negative.
ALTER TABLE posts ADD COLUMN deleted_at timestamptz;
