-- Up Migration

-- Blue/green rebuilds (`vigil projections rebuild`). A version is one build of a read model:
-- the first build of a projection takes its code version's number, each rebuild the next free
-- one. `code_version` says which code built it (a live version built by other code must be
-- rebuilt before the projector applies to it); `rebuild_position` is how far a rebuild has read
-- the event store, committed with each page, so an interrupted rebuild resumes from there.
-- A version kept after a switch (`--keep`) is `retired`.
ALTER TABLE projection_versions ADD COLUMN code_version int;
UPDATE projection_versions SET code_version = version;
ALTER TABLE projection_versions ALTER COLUMN code_version SET NOT NULL;
ALTER TABLE projection_versions ADD COLUMN rebuild_position bigint;
ALTER TABLE projection_versions DROP CONSTRAINT projection_versions_state_check;
ALTER TABLE projection_versions ADD CONSTRAINT projection_versions_state_check
  CHECK (state IN ('live', 'rebuilding', 'failed', 'retired'));

-- Down Migration
DELETE FROM projection_versions WHERE state = 'retired';
ALTER TABLE projection_versions DROP CONSTRAINT projection_versions_state_check;
ALTER TABLE projection_versions ADD CONSTRAINT projection_versions_state_check
  CHECK (state IN ('live', 'rebuilding', 'failed'));
ALTER TABLE projection_versions DROP COLUMN rebuild_position;
ALTER TABLE projection_versions DROP COLUMN code_version;
