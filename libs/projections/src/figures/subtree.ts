import type { Pool, PoolClient } from 'pg';
import { quoted } from './figures.tables';

export type Db = Pool | PoolClient;

/**
 * The units under a unit over time, as the tree was known at `asOf`: each (unit, [from, to)) says
 * that unit rolled up under the root during that business-time interval. The root itself is under
 * itself always. Facts count for the root when their unit is listed with their occurredAt inside
 * the interval. Bounds are PostgreSQL timestamptz texts ('-infinity' and 'infinity' included), in
 * arrays ready to be passed back to SQL (`unnest($1::text[], $2::timestamptz[], $3::timestamptz[])`).
 */
export interface Subtree {
  readonly unitIds: string[];
  readonly froms: string[];
  readonly tos: string[];
}

/** Deeper than any real tree (ministry → province → district → commune); stops a cycle from looping. */
const MAX_DEPTH = 12;

export async function resolveSubtree(db: Db, schema: string, unitId: string, asOf: Date): Promise<Subtree> {
  // Walks down from the root by the parent index; each parent row holds until the unit's next row known at asOf.
  const s = quoted(schema);
  const { rows } = await db.query(
    `WITH RECURSIVE under(unit_id, valid_from, valid_to, depth) AS (
       SELECT $1::text, '-infinity'::timestamptz, 'infinity'::timestamptz, 0
       UNION ALL
       SELECT p.unit_id, greatest(p.valid_from, u.valid_from), least(coalesce(n.valid_from, 'infinity'), u.valid_to), u.depth + 1
         FROM under u
         JOIN ${s}.unit_parents p ON p.parent_unit_id = u.unit_id AND p.recorded_at <= $2
         LEFT JOIN LATERAL (
           SELECT q.valid_from FROM ${s}.unit_parents q
            WHERE q.unit_id = p.unit_id AND q.recorded_at <= $2 AND (q.valid_from, q.revision) > (p.valid_from, p.revision)
            ORDER BY q.valid_from, q.revision LIMIT 1
         ) n ON true
        WHERE greatest(p.valid_from, u.valid_from) < least(coalesce(n.valid_from, 'infinity'), u.valid_to) AND u.depth < ${MAX_DEPTH}
     )
     SELECT unit_id, valid_from::text AS valid_from, valid_to::text AS valid_to FROM under`,
    [unitId, asOf],
  );
  return {
    unitIds: rows.map((row) => row.unit_id),
    froms: rows.map((row) => row.valid_from),
    tos: rows.map((row) => row.valid_to),
  };
}

/** SQL of the subtree intervals as a relation `s(unit_id, valid_from, valid_to)` from parameters $1..$3. */
export const SUBTREE_RELATION = 'unnest($1::text[], $2::timestamptz[], $3::timestamptz[]) AS s(unit_id, valid_from, valid_to)';

export const subtreeParams = (subtree: Subtree) => [subtree.unitIds, subtree.froms, subtree.tos];

/**
 * Each unit's parent now (at `now`, as known now), for the given units and all their ancestors: the
 * tree the scope check walks (`isWithinScope` in libs/domain; CONTRACT.md §5: an analyst reads only
 * its subtree). A root maps to null; a unit the figures do not know is absent.
 */
export async function unitParentsNow(
  db: Db,
  schema: string,
  unitIds: readonly string[],
  now: Date,
): Promise<Map<string, string | null>> {
  const { rows } = await db.query<{ unit_id: string; parent_unit_id: string | null }>(
    `WITH RECURSIVE current_parent AS (
       SELECT DISTINCT ON (unit_id) unit_id, parent_unit_id
         FROM ${quoted(schema)}.unit_parents WHERE valid_from <= $2 ORDER BY unit_id, valid_from DESC, revision DESC
     ), ancestry(unit_id, depth) AS (
       SELECT u, 0 FROM unnest($1::text[]) AS u
       UNION
       SELECT p.parent_unit_id, a.depth + 1
         FROM ancestry a JOIN current_parent p ON p.unit_id = a.unit_id
        WHERE p.parent_unit_id IS NOT NULL AND a.depth < ${MAX_DEPTH}
     )
     SELECT unit_id, parent_unit_id FROM current_parent WHERE unit_id IN (SELECT unit_id FROM ancestry)`,
    [unitIds, now],
  );
  return new Map(rows.map((row) => [row.unit_id, row.parent_unit_id]));
}
