import type { StoredEvent } from '@vigil/contract';
import type { PoolClient } from 'pg';
import { insertRows } from './bulk-insert';
import { quoted } from './figures.tables';
import { rollupTopsSql } from './rollup-tree';

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
  await recordHotspotRoots(client, schema, identified);
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

/** The periods a hotspot's unit is under each of the top two levels, as the tree is known now (rollup-guard.ts keeps them honest). */
async function recordHotspotRoots(
  client: PoolClient,
  schema: string,
  identified: readonly StoredEvent<'HotspotIdentified'>[],
): Promise<void> {
  if (identified.length === 0) return;
  await client.query(
    `WITH RECURSIVE h AS (SELECT * FROM unnest($1::text[], $2::text[]) AS h(hotspot_id, unit_id)),
     ${rollupTopsSql(schema, 'SELECT DISTINCT unit_id AS u FROM h')}
     INSERT INTO ${quoted(schema)}.hotspot_roots (root_unit_id, hotspot_id, valid_from, valid_to)
     SELECT r.root, h.hotspot_id, t.valid_from, t.valid_to
       FROM h JOIN rollup_tops t ON t.unit_id = h.unit_id
       CROSS JOIN LATERAL (VALUES (t.top), (t.second)) AS r(root)
      WHERE r.root IS NOT NULL
     ON CONFLICT DO NOTHING`,
    [identified.map((e) => e.data.hotspotId), identified.map((e) => e.data.unitId)],
  );
}
