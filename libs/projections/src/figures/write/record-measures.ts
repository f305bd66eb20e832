import type { StoredEvent } from '@vigil/contract';
import type { PoolClient } from 'pg';
import { quoted } from '../tables';
import { insertRows } from './insert-rows';
import { amountOf, instantOf } from './limits';

/** Indicator readings, as immutable facts (each unit's latest one in a period is chosen at query time). */
export async function recordReadings(client: PoolClient, schema: string, events: readonly StoredEvent<'IndicatorMeasured'>[]) {
  const rows = events.map((event) => {
    const denominator = event.data.denominator ?? null;
    return [
      event.data.unitId,
      String(event.revision),
      event.eventId,
      event.data.indicator,
      amountOf(event, event.data.value, 'value'),
      denominator === null ? null : amountOf(event, denominator, 'denominator'),
      new Date(instantOf(event, event.occurredAt, 'occurredAt')).toISOString(),
      event.recordedAt,
      String(event.position),
    ];
  });
  await insertRows(
    client,
    `${quoted(schema)}.readings`,
    ['unit_id', 'revision', 'event_id', 'indicator', 'value', 'denominator', 'occurred_at', 'recorded_at', 'position'],
    ['text', 'bigint', 'text', 'text', 'double precision', 'double precision', 'timestamptz', 'timestamptz', 'bigint'],
    rows,
    'ON CONFLICT DO NOTHING',
  );
  // Positions from other partitions may land below the highest one already applied: a mark, not the last position, tells readers.
  if (rows.length > 0) await client.query(`UPDATE ${quoted(schema)}.settings SET readings_mark = readings_mark + 1`);
}
