import type { CategoryEvent, StoredEvent } from '@vigil/contract';
import type { PoolClient } from 'pg';
import { quoted } from '../tables';
import { insertRows } from './insert-rows';
import { instantOf } from './limits';

type HotspotEvent = StoredEvent & CategoryEvent<'hotspots'>;

const TYPE = {
  HotspotIdentified: 'identified',
  HotspotListed: 'listed',
  HotspotTransformed: 'transformed',
  HotspotRelapsed: 'relapsed',
  HotspotEliminated: 'eliminated',
} as const;

/** Hotspots and every step of theirs as immutable facts (hotspot figures are read from them at query time). */
export async function recordHotspots(client: PoolClient, schema: string, events: readonly HotspotEvent[]): Promise<void> {
  if (events.length === 0) return;
  const s = quoted(schema);
  const occurred = (event: HotspotEvent) => new Date(instantOf(event, event.occurredAt, 'occurredAt')).toISOString();
  const identified = events.filter((e): e is StoredEvent<'HotspotIdentified'> => e.type === 'HotspotIdentified');
  await insertRows(
    client,
    `${s}.hotspots`,
    ['hotspot_id', 'unit_id', 'kind', 'name', 'identified_at', 'recorded_at', 'position'],
    ['text', 'text', 'text', 'text', 'timestamptz', 'timestamptz', 'bigint'],
    identified.map((e) => [
      e.data.hotspotId,
      e.data.unitId,
      e.data.kind,
      e.data.name,
      occurred(e),
      e.recordedAt,
      String(e.position),
    ]),
    'ON CONFLICT DO NOTHING',
  );
  await insertRows(
    client,
    `${s}.hotspot_events`,
    ['hotspot_id', 'revision', 'type', 'year', 'occurred_at', 'recorded_at', 'position'],
    ['text', 'bigint', 'text', 'integer', 'timestamptz', 'timestamptz', 'bigint'],
    events.map((e) => [
      e.data.hotspotId,
      String(e.revision),
      TYPE[e.type],
      e.type === 'HotspotListed' ? e.data.year : null,
      occurred(e),
      e.recordedAt,
      String(e.position),
    ]),
    'ON CONFLICT DO NOTHING',
  );
}
