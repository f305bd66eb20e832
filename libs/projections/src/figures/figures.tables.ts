import type { PoolClient } from 'pg';

/** A schema name safe to splice into SQL (schemaOf builds them from [a-z0-9_]). */
export function quoted(schema: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new RangeError(`not a read-model schema name: ${JSON.stringify(schema)}`);
  return `"${schema}"`;
}

/**
 * The facts of the figures read model, bitemporal: business time (`occurred_at`, `valid_from`) says
 * where a fact counts, knowledge time (`recorded_at`, or `recorded_from`/`recorded_to` for facts a
 * later event replaces) says from when Vigil knew it, so an `asOf` query sees exactly what was known.
 * Facts are kept whole and the tree is resolved at query time (events arrive in any order across
 * streams); only the sums under the top two levels are also kept, knowledge-versioned (`rollups`).
 */
export function figuresDdl(schema: string): string {
  const s = quoted(schema);
  return `
CREATE SCHEMA IF NOT EXISTS ${s};

-- One row per parent period: from valid_from on (−infinity for the registration), unit_id rolls up under parent_unit_id.
CREATE TABLE IF NOT EXISTS ${s}.unit_parents (
  unit_id text NOT NULL,
  revision bigint NOT NULL,
  parent_unit_id text,
  valid_from timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL,
  PRIMARY KEY (unit_id, revision)
);
CREATE INDEX IF NOT EXISTS unit_parents_by_parent ON ${s}.unit_parents (parent_unit_id);
CREATE INDEX IF NOT EXISTS unit_parents_periods ON ${s}.unit_parents (unit_id, valid_from, revision) INCLUDE (recorded_at);

CREATE TABLE IF NOT EXISTS ${s}.directives (
  directive_id text PRIMARY KEY,
  code text NOT NULL,
  title text NOT NULL,
  issued_by_unit_id text NOT NULL,
  occurred_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL
);

-- A version per TargetSet / TargetRevised / TargetWithdrawn, valid in knowledge time [recorded_from, recorded_to).
CREATE TABLE IF NOT EXISTS ${s}.target_versions (
  directive_id text NOT NULL,
  target_id text NOT NULL,
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
  recorded_from timestamptz NOT NULL,
  recorded_to timestamptz
);
CREATE INDEX IF NOT EXISTS target_versions_by_directive ON ${s}.target_versions (directive_id, target_id, recorded_from);

-- A version per case event that changes the case, valid in knowledge time [recorded_from, recorded_to).
CREATE TABLE IF NOT EXISTS ${s}.case_versions (
  case_id text NOT NULL,
  unit_id text NOT NULL,
  opened_at timestamptz NOT NULL,
  category text NOT NULL,
  severity text NOT NULL,
  cleared_at timestamptz,
  prosecuted_at timestamptz,
  defendants integer,
  voided boolean NOT NULL,
  recorded_from timestamptz NOT NULL,
  recorded_to timestamptz
);
CREATE INDEX IF NOT EXISTS case_versions_by_unit_opened ON ${s}.case_versions (unit_id, opened_at)
  INCLUDE (category, severity, voided, recorded_from, recorded_to, cleared_at, prosecuted_at, defendants);
CREATE INDEX IF NOT EXISTS case_versions_current ON ${s}.case_versions (case_id) WHERE recorded_to IS NULL;
CREATE INDEX IF NOT EXISTS case_versions_by_case ON ${s}.case_versions (case_id, recorded_from);
-- By time, for the parts of a day the rollups leave to the facts (any subtree, a few hundred rows a day).
CREATE INDEX IF NOT EXISTS case_versions_by_opened ON ${s}.case_versions (opened_at);

CREATE TABLE IF NOT EXISTS ${s}.arrests (
  case_id text NOT NULL,
  arrest_id text NOT NULL,
  persons integer NOT NULL,
  occurred_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL,
  PRIMARY KEY (case_id, arrest_id)
);
CREATE INDEX IF NOT EXISTS arrests_by_occurred ON ${s}.arrests (occurred_at);

CREATE TABLE IF NOT EXISTS ${s}.hotspots (
  hotspot_id text PRIMARY KEY,
  unit_id text NOT NULL,
  kind text NOT NULL,
  identified_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS hotspots_by_unit ON ${s}.hotspots (unit_id, identified_at);

-- Every hotspot event (identified, listed, transformed, relapsed, eliminated) as an immutable fact.
CREATE TABLE IF NOT EXISTS ${s}.hotspot_events (
  hotspot_id text NOT NULL,
  revision bigint NOT NULL,
  type text NOT NULL,
  year integer,
  occurred_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL,
  PRIMARY KEY (hotspot_id, revision)
);
CREATE INDEX IF NOT EXISTS hotspot_events_by_type ON ${s}.hotspot_events (hotspot_id, type);

CREATE TABLE IF NOT EXISTS ${s}.weapons (
  unit_id text NOT NULL,
  revision bigint NOT NULL,
  items integer NOT NULL,
  kind text NOT NULL,
  occurred_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL,
  PRIMARY KEY (unit_id, revision)
);
CREATE INDEX IF NOT EXISTS weapons_by_unit_occurred ON ${s}.weapons (unit_id, occurred_at) INCLUDE (items, recorded_at);
CREATE INDEX IF NOT EXISTS weapons_by_occurred ON ${s}.weapons (occurred_at);

CREATE TABLE IF NOT EXISTS ${s}.indicator_readings (
  unit_id text NOT NULL,
  revision bigint NOT NULL,
  indicator text NOT NULL,
  value double precision NOT NULL,
  denominator double precision,
  occurred_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL,
  PRIMARY KEY (unit_id, revision)
);
CREATE INDEX IF NOT EXISTS indicator_readings_by_unit ON ${s}.indicator_readings (indicator, unit_id, occurred_at);

CREATE TABLE IF NOT EXISTS ${s}.incidents (
  unit_id text NOT NULL,
  revision bigint NOT NULL,
  kind text NOT NULL,
  deaths integer NOT NULL,
  injuries integer NOT NULL,
  occurred_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL,
  PRIMARY KEY (unit_id, revision)
);
CREATE INDEX IF NOT EXISTS incidents_by_unit_occurred ON ${s}.incidents (unit_id, occurred_at) INCLUDE (kind, deaths, injuries, recorded_at);
CREATE INDEX IF NOT EXISTS incidents_by_occurred ON ${s}.incidents (occurred_at);

-- Knowledge-versioned monthly and daily sums under the top two levels of the tree (ministry, provinces), where a
-- subtree is too large to sum facts at query time (record-rollups.ts). A row is the cell's value as known at the
-- end of the second recorded_from starts: as known at T, the latest row with recorded_from <= T (see rollup_seconds).
CREATE TABLE IF NOT EXISTS ${s}.rollups (
  family text NOT NULL,
  root_unit_id text NOT NULL,
  key text NOT NULL,
  grain text NOT NULL,
  bucket date NOT NULL,
  recorded_from timestamptz NOT NULL,
  v1 bigint NOT NULL,
  v2 bigint NOT NULL,
  v3 bigint NOT NULL,
  v4 bigint NOT NULL,
  PRIMARY KEY (family, root_unit_id, key, grain, bucket, recorded_from)
);
-- Indicator readings again, under each of the top two levels above their unit when they occurred (as rollups).
CREATE TABLE IF NOT EXISTS ${s}.root_readings (
  root_unit_id text NOT NULL,
  indicator text NOT NULL,
  occurred_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL,
  revision bigint NOT NULL,
  unit_id text NOT NULL,
  value double precision NOT NULL,
  denominator double precision,
  PRIMARY KEY (root_unit_id, indicator, occurred_at, recorded_at, revision, unit_id)
);
-- The periods each hotspot's unit was under each of the top two levels (as rollups).
CREATE TABLE IF NOT EXISTS ${s}.hotspot_roots (
  root_unit_id text NOT NULL,
  hotspot_id text NOT NULL,
  valid_from timestamptz NOT NULL,
  valid_to timestamptz NOT NULL,
  PRIMARY KEY (root_unit_id, hotspot_id, valid_from)
);
-- Per root and second of knowledge time, the last instant a rollup version of that second sums: an asOf
-- earlier in the second would miss nothing only if it is not before it (otherwise the facts answer).
CREATE TABLE IF NOT EXISTS ${s}.rollup_seconds (
  root_unit_id text NOT NULL,
  second timestamptz NOT NULL,
  last_at timestamptz NOT NULL,
  PRIMARY KEY (root_unit_id, second)
);
-- The units the rollups sum for, and from which knowledge time their sums follow the tree as known then.
CREATE TABLE IF NOT EXISTS ${s}.rollup_roots (
  root_unit_id text PRIMARY KEY,
  valid_from timestamptz NOT NULL
);
-- The zone whose calendar months and days the rollups' buckets are (set by the first apply).
CREATE TABLE IF NOT EXISTS ${s}.rollup_settings (
  time_zone text PRIMARY KEY
);
`;
}

export async function createFiguresTables(client: PoolClient, schema: string): Promise<void> {
  await client.query(figuresDdl(schema));
}
