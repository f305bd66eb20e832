-- Up Migration

-- The messages each projection sent to the dead letters, recorded in the transaction of the batch
-- that sent them: a batch delivered again after that transaction committed (a rebalance before the
-- offsets were committed) does not send them twice. A crash between the send and the commit still
-- can: dead letters are at least once.
CREATE TABLE dead_letters_sent (
  projection  text   NOT NULL,
  topic       text   NOT NULL,
  "partition" int    NOT NULL,
  "offset"    bigint NOT NULL,
  PRIMARY KEY (projection, topic, "partition", "offset")
);

-- Down Migration
DROP TABLE dead_letters_sent;
