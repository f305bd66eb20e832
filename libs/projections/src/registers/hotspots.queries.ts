import type { Pool } from 'pg';
import { servingSchemaOf } from '../versions/schemas';
import {
  HOTSPOT_COLUMNS,
  type HotspotRow,
  type HotspotStatus,
  hotspotFromRecord,
  hotspotsProjection,
} from './hotspots.projection';
import { type Page, toPage } from './page';
import { subtreePage } from './subtree-page';

export interface HotspotFilter {
  unitId: string;
  status?: HotspotStatus;
  /** The last hotspot id of the previous page. */
  after?: string;
  limit: number;
}

export type HotspotItem = Omit<HotspotRow, 'lastRevision'> & { lastRevision: number };

/** Hotspots of the unit and every unit under it now, by hotspot id (keyset pagination). */
export async function listHotspots(pool: Pool, filter: HotspotFilter): Promise<Page<HotspotItem>> {
  const schema = servingSchemaOf(hotspotsProjection);
  const filters = `($2::text IS NULL OR status = $2) AND ($3::text IS NULL OR hotspot_id > $3)`;
  const values = [filter.status ?? null, filter.after ?? null, filter.limit + 1];
  const rows = await subtreePage(pool, {
    unitId: filter.unitId,
    table: `${schema}.hotspots`,
    columns: HOTSPOT_COLUMNS,
    key: 'hotspot_id',
    filters,
    values,
  });
  const items = rows.map((record) => {
    const row = hotspotFromRecord(record);
    return { ...row, lastRevision: Number(row.lastRevision) };
  });
  return toPage(items, filter.limit, (item) => item.hotspotId);
}
