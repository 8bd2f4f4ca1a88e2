-- When the row was stored, by the database clock, as opposed to created_at (when the like happened): their
-- difference is the pipeline's end-to-end delay, which operators and the benchmark read.
ALTER TABLE notifications ADD COLUMN stored_at timestamptz NOT NULL DEFAULT now();
