import type { Pool } from 'pg';
import { servingSchemaOf } from '../versions/schemas';
import { unitsProjection } from './units.projection';

const MAX_TREE_DEPTH = 16;

/**
 * Each unit's current parent, for `unitId` and all its ancestors: the tree the scope check walks
 * (`isWithinScope` in libs/domain). A root maps to null; a unit not registered is absent.
 */
export async function unitAncestry(pool: Pool, unitId: string): Promise<Map<string, string | null>> {
  const schema = servingSchemaOf(unitsProjection);
  const { rows } = await pool.query<{ unit_id: string; parent_unit_id: string | null }>(
    `WITH RECURSIVE ancestry (unit_id, parent_unit_id, depth) AS (
       SELECT unit_id, parent_unit_id, 1 FROM ${schema}.units WHERE unit_id = $1
       UNION ALL
       SELECT u.unit_id, u.parent_unit_id, a.depth + 1 FROM ancestry a JOIN ${schema}.units u ON u.unit_id = a.parent_unit_id
       WHERE a.depth < ${MAX_TREE_DEPTH}
     )
     SELECT unit_id, parent_unit_id FROM ancestry`,
    [unitId],
  );
  return new Map(rows.map((row) => [row.unit_id, row.parent_unit_id]));
}

/** SQL of the unit and every unit under it now, as a CTE named `subtree (unit_id)`; `$1` is the unit. */
export function subtreeCte(): string {
  const schema = servingSchemaOf(unitsProjection);
  return `subtree (unit_id) AS (
    SELECT $1::text
    UNION
    SELECT u.unit_id FROM ${schema}.units u JOIN subtree s ON u.parent_unit_id = s.unit_id
  )`;
}

/**
 * Up to this many units in a subtree, a register reads its page unit by unit (`unitsOfSmallSubtree`):
 * each unit's first rows by key from its (unit_id, key) index, the page sorted from those. Read as one
 * filter `unit_id IN (subtree)` ordered by key instead, PostgreSQL walks the whole table in key order
 * (or scans and sorts it) until the page is full: for a commune, nearly every row of the register
 * however few are its own, a cost that grows with the table (the freshness bench's probe commune,
 * polled every few milliseconds, read every case of the run on each poll).
 */
export const SMALL_SUBTREE_UNITS = 64;

/** The unit and every unit under it now, when they are at most `SMALL_SUBTREE_UNITS`; null when more. */
export async function unitsOfSmallSubtree(pool: Pool, unitId: string): Promise<string[] | null> {
  const { rows } = await pool.query<{ unit_id: string }>(
    `WITH RECURSIVE ${subtreeCte()} SELECT unit_id FROM subtree LIMIT ${SMALL_SUBTREE_UNITS + 1}`,
    [unitId],
  );
  return rows.length > SMALL_SUBTREE_UNITS ? null : rows.map((row) => row.unit_id);
}
