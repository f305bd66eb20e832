-- Up Migration

-- Every version of every read model and its state. Each version lives in its own schema
-- (`rm_<name>_v<version>`), so a rebuild fills a new one while the live one keeps answering;
-- switching is one update of `state` in a transaction (at most one live version per projection).
CREATE TABLE projection_versions (
  projection  text        NOT NULL,
  version     int         NOT NULL,
  schema_name text        NOT NULL UNIQUE,
  state       text        NOT NULL CHECK (state IN ('live', 'rebuilding', 'failed')),
  reason      text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  switched_at timestamptz,
  PRIMARY KEY (projection, version)
);

CREATE UNIQUE INDEX projection_versions_one_live ON projection_versions (projection) WHERE state = 'live';

-- Down Migration
DROP TABLE projection_versions;
