-- Up Migration

-- Where each relay has published up to in the event store's global log: the position of the last
-- event Kafka acknowledged. Written only after the acknowledgement, so a crash republishes, never skips.
CREATE TABLE relay_checkpoints (
  name       text        PRIMARY KEY,
  position   bigint      NOT NULL,
  updated_at timestamptz NOT NULL
);

-- Down Migration
DROP TABLE relay_checkpoints;
