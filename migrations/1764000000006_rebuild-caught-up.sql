-- Up Migration

-- A rebuild's version that has read the log to its head and done its deferred work (its
-- `finishRebuild`, its per-stream guard rows): from then on it takes events the way a live version
-- does, until its switch. Each projection of a rebuild catches up on its own, so the slowest one no
-- longer holds the others' final aggregations back; a resumed run reads this to know which way to go on.
ALTER TABLE projection_versions ADD COLUMN rebuild_caught_up boolean NOT NULL DEFAULT false;

-- Down Migration
ALTER TABLE projection_versions DROP COLUMN rebuild_caught_up;
