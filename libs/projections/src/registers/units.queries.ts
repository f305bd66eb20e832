import type { Pool } from 'pg';
import { servingSchemaOf } from '../versions/schemas';
import { unitsProjection } from './units.projection';

const MAX_TREE_DEPTH = 16;

/** Is `unitId` the scope root itself or somewhere under it, in the current tree (walks up from `unitId`)? */
export async function isWithinScope(pool: Pool, scopeRoot: string, unitId: string): Promise<boolean> {
  if (unitId === scopeRoot) return true;
  const schema = servingSchemaOf(unitsProjection);
  const { rows } = await pool.query<{ within: boolean }>(
    `WITH RECURSIVE ancestors (unit_id, depth) AS (
       SELECT parent_unit_id, 1 FROM ${schema}.units WHERE unit_id = $1
       UNION ALL
       SELECT u.parent_unit_id, a.depth + 1 FROM ancestors a JOIN ${schema}.units u ON u.unit_id = a.unit_id
       WHERE a.depth < ${MAX_TREE_DEPTH}
     )
     SELECT EXISTS (SELECT 1 FROM ancestors WHERE unit_id = $2) AS within`,
    [unitId, scopeRoot],
  );
  return rows[0]?.within ?? false;
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
