-- Up Migration

-- The event store: one global, gap-free, ordered log (position) and one stream per aggregate (revision).
-- Writers take the row lock on event_log_head first, so positions are handed out and committed in
-- order: a reader that sees position N has seen every position below it (no lost tail).
CREATE TABLE event_log_head (
  id       boolean PRIMARY KEY DEFAULT true CHECK (id),
  position bigint  NOT NULL
);
INSERT INTO event_log_head (id, position) VALUES (true, 0);

CREATE TABLE streams (
  stream_id text   PRIMARY KEY,
  category  text   NOT NULL,
  revision  bigint NOT NULL
);

CREATE TABLE events (
  position     bigint      PRIMARY KEY,
  event_id     uuid        NOT NULL UNIQUE,
  stream_id    text        NOT NULL,
  revision     bigint      NOT NULL,
  type         text        NOT NULL,
  occurred_at  text        NOT NULL,
  recorded_at  timestamptz NOT NULL,
  data         jsonb       NOT NULL,
  metadata     jsonb       NOT NULL,
  content_hash text        NOT NULL,
  UNIQUE (stream_id, revision)
);
CREATE INDEX events_recorded_at ON events (recorded_at);

-- Down Migration
DROP TABLE events;
DROP TABLE streams;
DROP TABLE event_log_head;
