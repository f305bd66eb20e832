import type { StoredEvent } from '@vigil/contract';
import type { PoolClient } from 'pg';
import { insertRows } from './bulk-insert';
import { quoted } from './figures.tables';

type MeasureEvent = StoredEvent<'WeaponsCollected' | 'IndicatorMeasured' | 'IncidentRecorded'>;

const of = <T extends MeasureEvent['type']>(events: readonly MeasureEvent[], type: T): StoredEvent<T>[] =>
  events.filter((event) => event.type === type) as StoredEvent<T>[];

/** Weapons, indicator readings and incidents: immutable facts keyed by their unit's measures stream revision. */
export async function recordMeasures(client: PoolClient, schema: string, events: readonly MeasureEvent[]): Promise<void> {
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
}
