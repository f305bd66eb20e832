import type { CategoryEvent, HotspotKind, StoredEvent } from '@vigil/contract';
import type { PoolClient } from 'pg';
import { type Projection, UnapplicableEventError } from '../projection';
import { foldRows } from './fold-rows';

import { HOTSPOT_STATUSES } from '@vigil/contract';

export { HOTSPOT_STATUSES };
export type HotspotStatus = (typeof HOTSPOT_STATUSES)[number];

/** One hotspot of the register; instants are the latest such event's `occurredAt`. */
export interface HotspotRow {
  hotspotId: string;
  unitId: string;
  kind: HotspotKind;
  name: string;
  status: HotspotStatus;
  identifiedAt: string;
  listedYears: number[];
  transformedAt: string | null;
  relapsedAt: string | null;
  eliminatedAt: string | null;
  lastRevision: bigint;
}

type HotspotEvent = StoredEvent & CategoryEvent<'hotspots'>;

export function evolveHotspotRow(row: HotspotRow | undefined, event: HotspotEvent): HotspotRow {
  if (event.type === 'HotspotIdentified') {
    if (row) throw new UnapplicableEventError(event, `hotspot ${event.data.hotspotId} is already in the register`);
    const { hotspotId, unitId, kind, name } = event.data;
    return {
      hotspotId,
      unitId,
      kind,
      name,
      status: 'identified',
      identifiedAt: event.occurredAt,
      listedYears: [],
      transformedAt: null,
      relapsedAt: null,
      eliminatedAt: null,
      lastRevision: event.revision,
    };
  }
  if (!row) throw new UnapplicableEventError(event, `hotspot ${event.data.hotspotId} has not been identified`);
  // As in the hotspot aggregate, an eliminated hotspot takes nothing more.
  if (row.status === 'eliminated') return { ...row, lastRevision: event.revision };
  return { ...changed(row, event), lastRevision: event.revision };
}

function changed(row: HotspotRow, event: Exclude<HotspotEvent, { type: 'HotspotIdentified' }>): HotspotRow {
  switch (event.type) {
    case 'HotspotListed': {
      const listedYears = [...row.listedYears, event.data.year].sort((a, b) => a - b);
      // Listing is the next step only for a merely identified one; a relapsed one stays relapsed until transformed again.
      return { ...row, listedYears, status: row.status === 'identified' ? 'listed' : row.status };
    }
    case 'HotspotTransformed':
      return { ...row, status: 'transformed', transformedAt: event.occurredAt };
    case 'HotspotRelapsed':
      return { ...row, status: 'relapsed', relapsedAt: event.occurredAt };
    case 'HotspotEliminated':
      return { ...row, status: 'eliminated', eliminatedAt: event.occurredAt };
  }
}

export const HOTSPOT_COLUMNS = `hotspot_id, unit_id, kind, name, status, identified_at, listed_years, transformed_at,
  relapsed_at, eliminated_at, last_revision`;

export function hotspotFromRecord(record: Record<string, unknown>): HotspotRow {
  const iso = (value: unknown) => (value ? (value as Date).toISOString() : null);
  return {
    hotspotId: record.hotspot_id as string,
    unitId: record.unit_id as string,
    kind: record.kind as HotspotKind,
    name: record.name as string,
    status: record.status as HotspotStatus,
    identifiedAt: iso(record.identified_at)!,
    listedYears: record.listed_years as number[],
    transformedAt: iso(record.transformed_at),
    relapsedAt: iso(record.relapsed_at),
    eliminatedAt: iso(record.eliminated_at),
    lastRevision: BigInt(record.last_revision as string),
  };
}

export const hotspotsProjection: Projection = {
  name: 'hotspots',
  codeVersion: 1,
  categories: ['hotspots'],

  async createTables(client: PoolClient, schema: string) {
    await client.query(`
      CREATE TABLE IF NOT EXISTS ${schema}.hotspots (
        hotspot_id     text PRIMARY KEY,
        unit_id        text NOT NULL,
        kind           text NOT NULL,
        name           text NOT NULL,
        status         text NOT NULL,
        identified_at  timestamptz NOT NULL,
        listed_years   int[] NOT NULL,
        transformed_at timestamptz,
        relapsed_at    timestamptz,
        eliminated_at  timestamptz,
        last_revision  bigint NOT NULL
      );
      CREATE INDEX IF NOT EXISTS hotspots_by_unit ON ${schema}.hotspots (unit_id, hotspot_id)`);
  },

  async apply(client: PoolClient, schema: string, events: readonly StoredEvent[]) {
    await foldRows(
      events as readonly HotspotEvent[],
      (event) => event.data.hotspotId,
      async (hotspotIds) => {
        const { rows } = await client.query(
          `SELECT ${HOTSPOT_COLUMNS} FROM ${schema}.hotspots WHERE hotspot_id = ANY($1::text[])`,
          [hotspotIds],
        );
        return new Map(rows.map((record) => [record.hotspot_id as string, hotspotFromRecord(record)]));
      },
      evolveHotspotRow,
      async (rows) => {
        await client.query(
          `INSERT INTO ${schema}.hotspots (${HOTSPOT_COLUMNS})
           SELECT r."hotspotId", r."unitId", r.kind, r.name, r.status, r."identifiedAt",
             ARRAY(SELECT jsonb_array_elements_text(r."listedYears")::int), r."transformedAt", r."relapsedAt",
             r."eliminatedAt", r."lastRevision"
           FROM jsonb_to_recordset($1::jsonb) AS r ("hotspotId" text, "unitId" text, kind text, name text, status text,
             "identifiedAt" timestamptz, "listedYears" jsonb, "transformedAt" timestamptz, "relapsedAt" timestamptz,
             "eliminatedAt" timestamptz, "lastRevision" bigint)
           ON CONFLICT (hotspot_id) DO UPDATE SET unit_id = excluded.unit_id, kind = excluded.kind, name = excluded.name,
             status = excluded.status, identified_at = excluded.identified_at, listed_years = excluded.listed_years,
             transformed_at = excluded.transformed_at, relapsed_at = excluded.relapsed_at,
             eliminated_at = excluded.eliminated_at, last_revision = excluded.last_revision`,
          [JSON.stringify(rows.map((row) => ({ ...row, lastRevision: row.lastRevision.toString() })))],
        );
      },
    );
  },
};
