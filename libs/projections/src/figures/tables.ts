import type { PoolClient } from 'pg';

/** A schema name safe to splice into SQL (version schemas are built from [a-z0-9_]). */
export function quoted(schema: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new RangeError(`not a read-model schema name: ${JSON.stringify(schema)}`);
  return `"${schema}"`;
}

/**
 * The figures read model (README "The figures engine"). Every table is written by inserts, except the
 * current sums (`rollup_now`, added to) and the cases' current state (`case_states`, replaced).
 */
export function figuresDdl(schema: string): string {
  const s = quoted(schema);
  return `
CREATE SCHEMA IF NOT EXISTS ${s};

-- The zone of the day buckets, a token that changes with every change of the tree, and a mark that moves
-- with every batch of readings (caches key on them).
CREATE TABLE IF NOT EXISTS ${s}.settings (
  time_zone text NOT NULL,
  tree_token text NOT NULL,
  readings_mark bigint NOT NULL DEFAULT 0
);

-- The organisation tree, bitemporal: names and levels, and parent periods (valid_from: business time,
-- −infinity for the registration; recorded_at: knowledge time).
CREATE TABLE IF NOT EXISTS ${s}.units (
  unit_id text PRIMARY KEY,
  name text NOT NULL,
  level text NOT NULL,
  registered_at timestamptz NOT NULL,
  position bigint NOT NULL
);
CREATE TABLE IF NOT EXISTS ${s}.unit_parents (
  unit_id text NOT NULL,
  revision bigint NOT NULL,
  parent_unit_id text,
  valid_from timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL,
  position bigint NOT NULL,
  PRIMARY KEY (unit_id, revision)
);

CREATE TABLE IF NOT EXISTS ${s}.directives (
  directive_id text PRIMARY KEY,
  code text NOT NULL,
  title text NOT NULL,
  issued_by_unit_id text NOT NULL,
  occurred_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL,
  position bigint NOT NULL
);
-- Every change of a target, with the target's terms after it: as known at K, the latest row recorded by K.
CREATE TABLE IF NOT EXISTS ${s}.target_changes (
  directive_id text NOT NULL,
  target_id text NOT NULL,
  revision bigint NOT NULL,
  change text NOT NULL,
  unit_id text NOT NULL,
  metric text NOT NULL,
  filter jsonb,
  comparator text NOT NULL,
  value double precision NOT NULL,
  period_start date NOT NULL,
  period_end date NOT NULL,
  baseline_start date,
  baseline_end date,
  withdrawn boolean NOT NULL,
  reason text,
  recorded_at timestamptz NOT NULL,
  position bigint NOT NULL,
  PRIMARY KEY (directive_id, target_id, revision)
);

-- Each case as it stands (the state its next event evolves), as JSON text (read and written whole, never queried).
-- Rewritten as its events come: room left in each page (fillfactor) lets PostgreSQL update in place (HOT).
CREATE TABLE IF NOT EXISTS ${s}.case_states (
  case_id text PRIMARY KEY,
  state text NOT NULL
) WITH (fillfactor = 70);

-- Point deltas of the counted facts at their own unit: a fact counts from known_at on (values > 0), and
-- a later event retracts it (the same fact with values < 0) when it replaces it.
CREATE TABLE IF NOT EXISTS ${s}.facts (
  unit_id text NOT NULL,
  family text NOT NULL,
  day date NOT NULL,
  key text NOT NULL,
  occurred_at timestamptz NOT NULL,
  known_at timestamptz NOT NULL,
  v1 bigint NOT NULL,
  v2 bigint NOT NULL,
  v3 bigint NOT NULL,
  v4 bigint NOT NULL,
  item text NOT NULL,
  positions bigint[] NOT NULL,
  cleared_at timestamptz,
  prosecuted_at timestamptz
);
CREATE INDEX IF NOT EXISTS facts_by_unit ON ${s}.facts (unit_id, family, day);

-- Hotspots and indicator readings: few enough to be read as facts at query time.
CREATE TABLE IF NOT EXISTS ${s}.hotspots (
  hotspot_id text PRIMARY KEY,
  unit_id text NOT NULL,
  kind text NOT NULL,
  name text NOT NULL,
  identified_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL,
  position bigint NOT NULL
);
CREATE TABLE IF NOT EXISTS ${s}.hotspot_events (
  hotspot_id text NOT NULL,
  revision bigint NOT NULL,
  type text NOT NULL,
  year integer,
  occurred_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL,
  position bigint NOT NULL,
  PRIMARY KEY (hotspot_id, revision)
);
CREATE TABLE IF NOT EXISTS ${s}.readings (
  unit_id text NOT NULL,
  revision bigint NOT NULL,
  event_id text NOT NULL,
  indicator text NOT NULL,
  value double precision NOT NULL,
  denominator double precision,
  occurred_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL,
  position bigint NOT NULL,
  PRIMARY KEY (unit_id, revision)
);
-- Each unit's latest reading of an indicator comes first among its own (read/indicator-figures.ts).
CREATE INDEX IF NOT EXISTS readings_by_indicator ON ${s}.readings (indicator, unit_id, occurred_at DESC, recorded_at DESC, revision DESC);
CREATE INDEX IF NOT EXISTS readings_by_position ON ${s}.readings (position);

-- Sums under each ministry and province (its own facts included), by month ('m') of business time, and by
-- day ('d') for the ministry (write/rollup-deltas.ts GRAINS): now (every delta added, with the first and last
-- knowledge instants of a cell's deltas), and each delta with its knowledge instant for asOf (read/known-deltas.ts:
-- a cell known wholly by then is its current sum; only a cell with deltas on both sides reads the log).
CREATE TABLE IF NOT EXISTS ${s}.rollup_now (
  unit_id text NOT NULL,
  family text NOT NULL,
  grain "char" NOT NULL,
  bucket date NOT NULL,
  key text NOT NULL,
  v1 bigint NOT NULL,
  v2 bigint NOT NULL,
  v3 bigint NOT NULL,
  v4 bigint NOT NULL,
  first_known timestamptz NOT NULL,
  last_known timestamptz NOT NULL,
  PRIMARY KEY (unit_id, grain, bucket, family, key)
) WITH (fillfactor = 70);
CREATE TABLE IF NOT EXISTS ${s}.rollup_log (
  unit_id text NOT NULL,
  family text NOT NULL,
  grain "char" NOT NULL,
  bucket date NOT NULL,
  key text NOT NULL,
  known_at timestamptz NOT NULL,
  v1 bigint NOT NULL,
  v2 bigint NOT NULL,
  v3 bigint NOT NULL,
  v4 bigint NOT NULL
);
`;
}

/** Indexes only the figures' queries read (`Projection.queryIndexes`): a rebuild builds them once it has loaded its tables. */
export function figuresQueryIndexes(schema: string): string[] {
  const s = quoted(schema);
  return [
    // Cases by their latest outcome: what figures as they stood on a past day take back out (read/sums.ts outcomesAfter).
    `CREATE INDEX IF NOT EXISTS facts_by_outcome ON ${s}.facts (greatest(cleared_at, prosecuted_at))
       WHERE family = 'case' AND (cleared_at IS NOT NULL OR prosecuted_at IS NOT NULL)`,
    // A cell's deltas in knowledge order, for asOf (read/known-deltas.ts).
    `CREATE INDEX IF NOT EXISTS rollup_log_by_cell ON ${s}.rollup_log (unit_id, grain, bucket, family, key, known_at)`,
  ];
}

export async function createFiguresTables(client: PoolClient, schema: string, timeZone: string): Promise<void> {
  await client.query(figuresDdl(schema));
  await client.query(
    `INSERT INTO ${quoted(schema)}.settings (time_zone, tree_token) SELECT $1, 'empty' WHERE NOT EXISTS (SELECT 1 FROM ${quoted(schema)}.settings)`,
    [timeZone],
  );
}
