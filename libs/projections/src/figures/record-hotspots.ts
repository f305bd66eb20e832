import type { StoredEvent } from '@vigil/contract';
import type { PoolClient } from 'pg';
import { insertRows } from './bulk-insert';
import { quoted } from './figures.tables';

type HotspotEvent = StoredEvent<
  'HotspotIdentified' | 'HotspotListed' | 'HotspotTransformed' | 'HotspotRelapsed' | 'HotspotEliminated'
>;

const EVENT_NAMES = {
  HotspotIdentified: 'identified',
  HotspotListed: 'listed',
  HotspotTransformed: 'transformed',
  HotspotRelapsed: 'relapsed',
  HotspotEliminated: 'eliminated',
} as const satisfies Record<HotspotEvent['type'], string>;

const HOTSPOT_COLUMNS = [
  { name: 'hotspot_id', type: 'text' },
  { name: 'unit_id', type: 'text' },
  { name: 'kind', type: 'text' },
  { name: 'identified_at', type: 'timestamptz' },
  { name: 'recorded_at', type: 'timestamptz' },
] as const;

const EVENT_COLUMNS = [
  { name: 'hotspot_id', type: 'text' },
  { name: 'revision', type: 'bigint' },
  { name: 'type', type: 'text' },
  { name: 'year', type: 'integer' },
  { name: 'occurred_at', type: 'timestamptz' },
  { name: 'recorded_at', type: 'timestamptz' },
] as const;

/** Hotspots (unit, kind) and each of their events as immutable facts; "transformed and not relapsed since" is decided at query time. */
export async function recordHotspots(client: PoolClient, schema: string, events: readonly HotspotEvent[]): Promise<void> {
  const identified = events.filter((event): event is StoredEvent<'HotspotIdentified'> => event.type === 'HotspotIdentified');
  await insertRows(
    client,
    `${quoted(schema)}.hotspots`,
    HOTSPOT_COLUMNS,
    identified.map((e) => [e.data.hotspotId, e.data.unitId, e.data.kind, e.occurredAt, e.recordedAt]),
    'ON CONFLICT DO NOTHING',
  );
  await insertRows(
    client,
    `${quoted(schema)}.hotspot_events`,
    EVENT_COLUMNS,
    events.map((e) => [
      e.data.hotspotId,
      e.revision,
      EVENT_NAMES[e.type],
      e.type === 'HotspotListed' ? e.data.year : null,
      e.occurredAt,
      e.recordedAt,
    ]),
    'ON CONFLICT DO NOTHING',
  );
}
