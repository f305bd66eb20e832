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
import { subtreeCte, unitsOfSmallSubtree } from './units.queries';

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
  const units = await unitsOfSmallSubtree(pool, filter.unitId);
  // A small subtree: each unit's first hotspots, then the page from those (see SMALL_SUBTREE_UNITS).
  const { rows } = await (units
    ? pool.query(
        `SELECT page.* FROM unnest($1::text[]) AS unit (id)
         CROSS JOIN LATERAL (
           SELECT ${HOTSPOT_COLUMNS} FROM ${schema}.hotspots WHERE unit_id = unit.id AND ${filters} ORDER BY hotspot_id LIMIT $4
         ) page
         ORDER BY page.hotspot_id
         LIMIT $4`,
        [units, ...values],
      )
    : pool.query(
        `WITH RECURSIVE ${subtreeCte()}
         SELECT ${HOTSPOT_COLUMNS} FROM ${schema}.hotspots
         WHERE unit_id IN (SELECT unit_id FROM subtree) AND ${filters}
         ORDER BY hotspot_id
         LIMIT $4`,
        [filter.unitId, ...values],
      ));
  const items = rows.map((record) => {
    const row = hotspotFromRecord(record);
    return { ...row, lastRevision: Number(row.lastRevision) };
  });
  return toPage(items, filter.limit, (item) => item.hotspotId);
}
