import type { Pool } from 'pg';
import { subtreeCte, unitsOfSmallSubtree } from './units.queries';

/** One register page: which table, its columns and key, and the filters over parameters $2… (`values`). */
export interface SubtreePageQuery {
  readonly unitId: string;
  /** The serving table, schema-qualified. */
  readonly table: string;
  readonly columns: string;
  /** The column pages are ordered and keyed by. */
  readonly key: string;
  readonly filters: string;
  /** The filters' parameters, then the rows to read (a page and one more). */
  readonly values: readonly unknown[];
}

/**
 * The rows of a unit's subtree as it stands now, in key order: for a small subtree each unit's first
 * rows from its (unit_id, key) index, then the page from those (see SMALL_SUBTREE_UNITS); for a large
 * one, one filter over the subtree.
 */
export async function subtreePage(pool: Pool, query: SubtreePageQuery): Promise<Record<string, unknown>[]> {
  const { unitId, table, columns, key, filters, values } = query;
  const limit = `$${values.length + 1}`;
  const units = await unitsOfSmallSubtree(pool, unitId);
  const { rows } = await (units
    ? pool.query(
        `SELECT page.* FROM unnest($1::text[]) AS unit (id)
         CROSS JOIN LATERAL (
           SELECT ${columns} FROM ${table} WHERE unit_id = unit.id AND ${filters} ORDER BY ${key} LIMIT ${limit}
         ) page
         ORDER BY page.${key}
         LIMIT ${limit}`,
        [units, ...values],
      )
    : pool.query(
        `WITH RECURSIVE ${subtreeCte()}
         SELECT ${columns} FROM ${table}
         WHERE unit_id IN (SELECT unit_id FROM subtree) AND ${filters}
         ORDER BY ${key}
         LIMIT ${limit}`,
        [unitId, ...values],
      ));
  return rows as Record<string, unknown>[];
}
