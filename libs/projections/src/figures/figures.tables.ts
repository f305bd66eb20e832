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
 * Nothing is aggregated at apply time: events arrive in any order across streams, so the tree and
 * every figure are resolved at query time.
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

CREATE TABLE IF NOT EXISTS ${s}.arrests (
  case_id text NOT NULL,
  arrest_id text NOT NULL,
  persons integer NOT NULL,
  occurred_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL,
  PRIMARY KEY (case_id, arrest_id)
);

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
`;
}

export async function createFiguresTables(client: PoolClient, schema: string): Promise<void> {
  await client.query(figuresDdl(schema));
}
