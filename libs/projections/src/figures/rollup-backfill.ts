import type { CaseCategory, CaseSeverity } from '@vigil/contract';
import type { PoolClient } from 'pg';
import { quoted } from './figures.tables';
import { recordRollups } from './record-rollups';
import {
  arrestContribution,
  caseContribution,
  incidentKeys,
  type CountedArrest,
  type CountedCase,
  type RollupDelta,
} from './rollup-deltas';
import { rollupTopsSql } from './rollup-tree';

interface CaseVersionRow extends CountedCase {
  readonly caseId: string;
  readonly recordedFrom: string;
  readonly recordedTo: string | null;
}

interface ArrestRow extends CountedArrest {
  readonly caseId: string;
  readonly recordedAt: string;
}

const iso = (column: string) => `to_json(${column}) #>> '{}'`;

/**
 * What a case's recorded versions and arrests add to the rollups, as `caseDeltas` added them event by
 * event: each version counts from its recorded_from until its recorded_to, each arrest from when it was
 * recorded, under every version of its case known from then on.
 */
export function caseHistoryDeltas(versions: readonly CaseVersionRow[], arrests: readonly ArrestRow[]): RollupDelta[] {
  const deltas: RollupDelta[] = [];
  for (const version of versions) {
    deltas.push(...caseContribution(version, 1, version.recordedFrom));
    if (version.recordedTo !== null) deltas.push(...caseContribution(version, -1, version.recordedTo));
    for (const arrest of arrests) {
      if (arrest.caseId !== version.caseId) continue;
      if (version.recordedTo !== null && Date.parse(version.recordedTo) <= Date.parse(arrest.recordedAt)) continue;
      const from = Date.parse(version.recordedFrom) > Date.parse(arrest.recordedAt) ? version.recordedFrom : arrest.recordedAt;
      deltas.push(...arrestContribution(version, arrest, 1, from));
      if (version.recordedTo !== null) deltas.push(...arrestContribution(version, arrest, -1, version.recordedTo));
    }
  }
  return deltas;
}

async function caseDeltasOf(client: PoolClient, schema: string, unitIds: readonly string[]): Promise<RollupDelta[]> {
  const s = quoted(schema);
  const { rows: versions } = await client.query(
    `SELECT case_id, unit_id, ${iso('opened_at')} AS opened_at, category, severity, ${iso('cleared_at')} AS cleared_at,
            ${iso('prosecuted_at')} AS prosecuted_at, defendants, voided,
            ${iso('recorded_from')} AS recorded_from, ${iso('recorded_to')} AS recorded_to
       FROM ${s}.case_versions WHERE unit_id = ANY($1::text[])`,
    [unitIds],
  );
  const { rows: arrests } = await client.query(
    `SELECT a.case_id, a.persons, ${iso('a.occurred_at')} AS occurred_at, ${iso('a.recorded_at')} AS recorded_at
       FROM ${s}.arrests a WHERE a.case_id = ANY($1::text[])`,
    [[...new Set(versions.map((row) => row.case_id as string))]],
  );
  return caseHistoryDeltas(
    versions.map((row) => ({
      caseId: row.case_id,
      unitId: row.unit_id,
      openedAt: row.opened_at,
      category: row.category as CaseCategory,
      severity: row.severity as CaseSeverity,
      clearedAt: row.cleared_at,
      prosecutedAt: row.prosecuted_at,
      defendants: row.defendants,
      voided: row.voided,
      recordedFrom: row.recorded_from,
      recordedTo: row.recorded_to,
    })),
    arrests.map((row) => ({
      caseId: row.case_id,
      persons: row.persons,
      occurredAt: row.occurred_at,
      recordedAt: row.recorded_at,
    })),
  );
}

async function measureDeltasOf(client: PoolClient, schema: string, unitIds: readonly string[]): Promise<RollupDelta[]> {
  const s = quoted(schema);
  const { rows: weapons } = await client.query(
    `SELECT unit_id, items, ${iso('occurred_at')} AS occurred_at, ${iso('recorded_at')} AS recorded_at
       FROM ${s}.weapons WHERE unit_id = ANY($1::text[])`,
    [unitIds],
  );
  const { rows: incidents } = await client.query(
    `SELECT unit_id, kind, deaths, injuries, ${iso('occurred_at')} AS occurred_at, ${iso('recorded_at')} AS recorded_at
       FROM ${s}.incidents WHERE unit_id = ANY($1::text[])`,
    [unitIds],
  );
  return [
    ...weapons.map((row): RollupDelta => ({
      family: 'weapons',
      unitId: row.unit_id,
      occurredAt: row.occurred_at,
      key: '*',
      at: row.recorded_at,
      values: [row.items, 0, 0, 0],
    })),
    ...incidents.flatMap((row) =>
      incidentKeys(row.kind).map((key): RollupDelta => ({
        family: 'incidents',
        unitId: row.unit_id,
        occurredAt: row.occurred_at,
        key,
        at: row.recorded_at,
        values: [1, row.deaths, row.injuries, 0],
      })),
    ),
  ];
}

/** The hotspot periods and indicator readings of the units under the top two levels, as record-hotspots and record-measures add them. */
async function backfillRootFacts(client: PoolClient, schema: string, unitIds: readonly string[]): Promise<void> {
  const s = quoted(schema);
  const tops = rollupTopsSql(schema, 'SELECT unnest($1::text[]) AS u');
  await client.query(
    `WITH RECURSIVE ${tops}
     INSERT INTO ${s}.hotspot_roots (root_unit_id, hotspot_id, valid_from, valid_to)
     SELECT r.root, h.hotspot_id, t.valid_from, t.valid_to
       FROM ${s}.hotspots h JOIN rollup_tops t ON t.unit_id = h.unit_id
       CROSS JOIN LATERAL (VALUES (t.top), (t.second)) AS r(root)
      WHERE h.unit_id = ANY($1::text[]) AND r.root IS NOT NULL
     ON CONFLICT DO NOTHING`,
    [unitIds],
  );
  await client.query(
    `WITH RECURSIVE ${tops}
     INSERT INTO ${s}.root_readings (root_unit_id, indicator, occurred_at, recorded_at, revision, unit_id, value, denominator)
     SELECT r.root, d.indicator, d.occurred_at, d.recorded_at, d.revision, d.unit_id, d.value, d.denominator
       FROM ${s}.indicator_readings d
       JOIN rollup_tops t ON t.unit_id = d.unit_id AND d.occurred_at >= t.valid_from AND d.occurred_at < t.valid_to
       CROSS JOIN LATERAL (VALUES (t.top), (t.second)) AS r(root)
      WHERE d.unit_id = ANY($1::text[]) AND r.root IS NOT NULL
     ON CONFLICT DO NOTHING`,
    [unitIds],
  );
}

/**
 * Adds to the rollups every recorded fact of `unitIds`: units whose chain reached no top until the tree
 * just recorded (their facts were applied before a registration above them, another topic lagging), so
 * none of their facts is in the rollups yet. Call after the parent rows are recorded.
 */
export async function backfillRollups(client: PoolClient, schema: string, unitIds: readonly string[]): Promise<void> {
  if (unitIds.length === 0) return;
  await recordRollups(client, schema, [
    ...(await caseDeltasOf(client, schema, unitIds)),
    ...(await measureDeltasOf(client, schema, unitIds)),
  ]);
  await backfillRootFacts(client, schema, unitIds);
}
