import { quoted } from '../tables';

/** A source of rows for a query: its SQL and its parameters. */
export interface RowSource {
  readonly sql: string;
  readonly params: unknown[];
}

const CELL = 'unit_id, family, grain, bucket, key';

/**
 * The rollup sums as known at `knownAt`, for the cells `where` picks under `unitIds` (a condition over
 * the columns of CELL, whose parameters are `params`), as rows to add up. They are read from whichever
 * side of that instant holds fewer logged deltas: the deltas known by then, or the current sums less the
 * deltas known after. The side is guessed from the first and last instants logged for those units (two
 * index probes each; a table sample would not do, as queries read the serving views); both are exact,
 * and one statement reads the sums and the log in the same snapshot.
 */
export function knownDeltas(
  schema: string,
  unitIds: readonly string[],
  where: string,
  params: readonly unknown[],
  knownAt: number,
): RowSource {
  const s = quoted(schema);
  const at = `$${params.length + 1}::timestamptz`;
  const units = `$${params.length + 2}::text[]`;
  return {
    sql: `WITH span AS (
            SELECT min(first) AS first, max(last) AS last
              FROM unnest(${units}) AS u(unit_id)
             CROSS JOIN LATERAL (
               SELECT min(known_at) AS first, max(known_at) AS last FROM ${s}.rollup_log l WHERE l.unit_id = u.unit_id
             ) AS logged
          ), side AS (SELECT ${at} > first + (last - first) / 2 AS from_now FROM span)
          SELECT ${CELL}, v1, v2, v3, v4 FROM ${s}.rollup_log
           WHERE ${where} AND known_at <= ${at} AND NOT (SELECT from_now FROM side)
          UNION ALL
          SELECT ${CELL}, v1, v2, v3, v4 FROM ${s}.rollup_now WHERE ${where} AND (SELECT from_now FROM side)
          UNION ALL
          SELECT ${CELL}, -v1, -v2, -v3, -v4 FROM ${s}.rollup_log
           WHERE ${where} AND known_at > ${at} AND (SELECT from_now FROM side)`,
    params: [...params, new Date(knownAt), unitIds],
  };
}
