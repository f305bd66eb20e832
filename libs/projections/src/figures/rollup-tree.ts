import { quoted } from './figures.tables';

/** Deeper than any real tree (ministry → province → district → commune); stops a cycle from looping. */
export const MAX_DEPTH = 12;

/**
 * SQL (after `WITH RECURSIVE`) of `rollup_tops(unit_id, valid_from, valid_to, top, second)`: for each unit
 * of `unitsSql` (a relation with a column `u`), over each business-time piece, the top of its chain
 * (a unit registered without a parent) and the unit just under it (null when the unit is the top
 * itself), as the tree is known now. A unit whose chain does not reach a registered top has no row.
 * Each ancestor's parent periods are read by index: cheaper than a pass over every parent row, even
 * for a batch of thousands of units.
 */
export function rollupTopsSql(schema: string, unitsSql: string): string {
  return `rollup_up(unit_id, ancestor, path, valid_from, valid_to, is_top) AS (
       SELECT u, u, ARRAY[u], '-infinity'::timestamptz, 'infinity'::timestamptz, false FROM (${unitsSql}) AS units
       UNION ALL
       SELECT up.unit_id, coalesce(p.parent_unit_id, up.ancestor),
              CASE WHEN p.parent_unit_id IS NULL THEN up.path ELSE up.path || p.parent_unit_id END,
              greatest(p.valid_from, up.valid_from), least(p.valid_to, up.valid_to), p.parent_unit_id IS NULL
         FROM rollup_up up
         CROSS JOIN LATERAL (
           SELECT parent_unit_id, valid_from, lead(valid_from, 1, 'infinity') OVER (ORDER BY valid_from, revision) AS valid_to
             FROM ${quoted(schema)}.unit_parents WHERE unit_id = up.ancestor
         ) p
        WHERE NOT up.is_top AND cardinality(up.path) < ${MAX_DEPTH} AND p.valid_from < up.valid_to AND p.valid_to > up.valid_from
     ), rollup_tops AS (
       SELECT unit_id, valid_from, valid_to, path[cardinality(path)] AS top, path[cardinality(path) - 1] AS second
         FROM rollup_up WHERE is_top
     )`;
}
