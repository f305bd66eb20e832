import type { StoredEvent } from '@vigil/contract';
import type { PoolClient } from 'pg';
import { insertRows } from './bulk-insert';
import { quoted } from './figures.tables';
import { incidentKeys, type RollupDelta } from './rollup-deltas';
import { rollupTopsSql } from './rollup-tree';

type MeasureEvent = StoredEvent<'WeaponsCollected' | 'IndicatorMeasured' | 'IncidentRecorded'>;

const of = <T extends MeasureEvent['type']>(events: readonly MeasureEvent[], type: T): StoredEvent<T>[] =>
  events.filter((event) => event.type === type) as StoredEvent<T>[];

/** Readings under the top two levels above their unit when they occurred (as the rollups; rollup-guard.ts keeps both honest). */
async function recordRootReadings(
  client: PoolClient,
  schema: string,
  readings: readonly StoredEvent<'IndicatorMeasured'>[],
): Promise<void> {
  if (readings.length === 0) return;
  await client.query(
    `WITH RECURSIVE d AS (
       SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::float8[], $5::float8[], $6::timestamptz[], $7::timestamptz[])
         AS d(unit_id, revision, indicator, value, denominator, occurred_at, recorded_at)
     ), ${rollupTopsSql(schema, 'SELECT DISTINCT unit_id AS u FROM d')}
     INSERT INTO ${quoted(schema)}.root_readings (root_unit_id, indicator, occurred_at, recorded_at, revision, unit_id, value, denominator)
     SELECT r.root, d.indicator, d.occurred_at, d.recorded_at, d.revision, d.unit_id, d.value, d.denominator
       FROM d
       JOIN rollup_tops t ON t.unit_id = d.unit_id AND d.occurred_at >= t.valid_from AND d.occurred_at < t.valid_to
       CROSS JOIN LATERAL (VALUES (t.top), (t.second)) AS r(root)
      WHERE r.root IS NOT NULL
     ON CONFLICT DO NOTHING`,
    [
      readings.map((e) => e.data.unitId),
      readings.map((e) => e.revision),
      readings.map((e) => e.data.indicator),
      readings.map((e) => e.data.value),
      readings.map((e) => e.data.denominator ?? null),
      readings.map((e) => e.occurredAt),
      readings.map((e) => e.recordedAt),
    ],
  );
}

/** What weapons and incidents add to the rollups (indicator readings are not summed: the latest one wins). */
export function measureDeltas(events: readonly MeasureEvent[]): RollupDelta[] {
  const weapons = of(events, 'WeaponsCollected').map((e): RollupDelta => ({
    family: 'weapons',
    unitId: e.data.unitId,
    occurredAt: e.occurredAt,
    key: '*',
    at: e.recordedAt,
    values: [e.data.items, 0, 0, 0],
  }));
  const incidents = of(events, 'IncidentRecorded').flatMap((e) =>
    incidentKeys(e.data.kind).map((key): RollupDelta => ({
      family: 'incidents',
      unitId: e.data.unitId,
      occurredAt: e.occurredAt,
      key,
      at: e.recordedAt,
      values: [1, e.data.deaths, e.data.injuries, 0],
    })),
  );
  return [...weapons, ...incidents];
}

/** Weapons, indicator readings and incidents: immutable facts keyed by their unit's measures stream revision; returns their rollup deltas. */
export async function recordMeasures(
  client: PoolClient,
  schema: string,
  events: readonly MeasureEvent[],
): Promise<RollupDelta[]> {
  const s = quoted(schema);
  await insertRows(
    client,
    `${s}.weapons`,
    [
      { name: 'unit_id', type: 'text' },
      { name: 'revision', type: 'bigint' },
      { name: 'items', type: 'integer' },
      { name: 'kind', type: 'text' },
      { name: 'occurred_at', type: 'timestamptz' },
      { name: 'recorded_at', type: 'timestamptz' },
    ],
    of(events, 'WeaponsCollected').map((e) => [e.data.unitId, e.revision, e.data.items, e.data.kind, e.occurredAt, e.recordedAt]),
    'ON CONFLICT DO NOTHING',
  );
  await insertRows(
    client,
    `${s}.indicator_readings`,
    [
      { name: 'unit_id', type: 'text' },
      { name: 'revision', type: 'bigint' },
      { name: 'indicator', type: 'text' },
      { name: 'value', type: 'double precision' },
      { name: 'denominator', type: 'double precision' },
      { name: 'occurred_at', type: 'timestamptz' },
      { name: 'recorded_at', type: 'timestamptz' },
    ],
    of(events, 'IndicatorMeasured').map((e) => [
      e.data.unitId,
      e.revision,
      e.data.indicator,
      e.data.value,
      e.data.denominator ?? null,
      e.occurredAt,
      e.recordedAt,
    ]),
    'ON CONFLICT DO NOTHING',
  );
  await recordRootReadings(client, schema, of(events, 'IndicatorMeasured'));
  await insertRows(
    client,
    `${s}.incidents`,
    [
      { name: 'unit_id', type: 'text' },
      { name: 'revision', type: 'bigint' },
      { name: 'kind', type: 'text' },
      { name: 'deaths', type: 'integer' },
      { name: 'injuries', type: 'integer' },
      { name: 'occurred_at', type: 'timestamptz' },
      { name: 'recorded_at', type: 'timestamptz' },
    ],
    of(events, 'IncidentRecorded').map((e) => [
      e.data.unitId,
      e.revision,
      e.data.kind,
      e.data.deaths,
      e.data.injuries,
      e.occurredAt,
      e.recordedAt,
    ]),
    'ON CONFLICT DO NOTHING',
  );
  return measureDeltas(events);
}
