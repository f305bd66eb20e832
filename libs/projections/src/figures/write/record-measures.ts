import type { StoredEvent } from '@vigil/contract';
import type { PoolClient } from 'pg';
import { quoted } from '../tables';
import { insertRows } from './insert-rows';
import { amountOf, instantOf } from './limits';

/** Indicator readings, as immutable facts (each unit's latest one in a period is chosen at query time); returns how many. */
export async function recordReadings(
  client: PoolClient,
  schema: string,
  events: readonly StoredEvent<'IndicatorMeasured'>[],
): Promise<number> {
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
  return rows.length;
}

/**
 * Tells readers that readings were added (their kept indicator answers are then stale). Positions from
 * other partitions may land below the highest one already applied, so a mark moves, not the last
 * position. The mark is the one row every writer of readings updates: the caller moves it last, so
 * that a concurrent batch waits for its row lock only while this one commits.
 */
export async function markReadingsAdded(client: PoolClient, schema: string): Promise<void> {
  await client.query(`UPDATE ${quoted(schema)}.settings SET readings_mark = readings_mark + 1`);
}
