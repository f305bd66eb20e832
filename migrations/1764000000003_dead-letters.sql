-- Up Migration

-- What operators did about a dead letter (`vigil dead-letters retry|discard`). The id is where the
-- dead letter sits in Kafka, `<topic>:<partition>:<offset>`; a resolved one is no longer listed.
CREATE TABLE dead_letter_resolutions (
  id     text        PRIMARY KEY,
  action text        NOT NULL CHECK (action IN ('retried', 'discarded')),
  at     timestamptz NOT NULL DEFAULT now()
);

-- Down Migration
DROP TABLE dead_letter_resolutions;
