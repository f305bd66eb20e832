import { quoted } from '../tables';

/** A source of rows for a query: its SQL and its parameters. */
export interface RowSource {
  readonly sql: string;
  readonly params: unknown[];
}

const CELL = 'unit_id, family, grain, bucket, key';

/**
 * The rollup sums as known at `knownAt`, for the cells `where` picks (a condition over the columns of
 * CELL, whose parameters are `params`), as rows to add up. They are read from whichever side of that
 * instant holds fewer logged deltas: the deltas known by then, or the current sums less the deltas
 * known after. Which side is guessed from the log's first and last instants (two index probes); both
 * are exact, and one statement reads the sums and the log in the same snapshot.
 */
export function knownDeltas(schema: string, where: string, params: readonly unknown[], knownAt: number): RowSource {
  const s = quoted(schema);
  const at = `$${params.length + 1}::timestamptz`;
  return {
    sql: `WITH span AS (
            SELECT (SELECT min(known_at) FROM ${s}.rollup_log) AS first, (SELECT max(known_at) FROM ${s}.rollup_log) AS last
          ), side AS (SELECT ${at} > first + (last - first) / 2 AS from_now FROM span)
          SELECT ${CELL}, v1, v2, v3, v4 FROM ${s}.rollup_log
           WHERE ${where} AND known_at <= ${at} AND NOT (SELECT from_now FROM side)
          UNION ALL
          SELECT ${CELL}, v1, v2, v3, v4 FROM ${s}.rollup_now WHERE ${where} AND (SELECT from_now FROM side)
          UNION ALL
          SELECT ${CELL}, -v1, -v2, -v3, -v4 FROM ${s}.rollup_log
           WHERE ${where} AND known_at > ${at} AND (SELECT from_now FROM side)`,
    params: [...params, new Date(knownAt)],
  };
}
