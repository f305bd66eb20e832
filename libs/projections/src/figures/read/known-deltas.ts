import { quoted } from '../tables';

/** A source of rows for a query: its SQL and its parameters. */
export interface RowSource {
  readonly sql: string;
  readonly params: unknown[];
}

const CELL = 'unit_id, family, grain, bucket, key';

/** Pages of the log sampled to guess which side of an instant holds fewer deltas (a few thousand rows). */
const SAMPLED_PAGES = 20;

/**
 * The rollup sums as known at `knownAt`, for the cells `where` picks (a condition over the columns of
 * CELL, whose parameters are `params`), as rows to add up. They are read from whichever side of that
 * instant holds fewer logged deltas: the deltas known by then, or the current sums less the deltas
 * known after. Which side is guessed from a sample of the log's pages; both are exact, and one
 * statement reads the sums and the log in the same snapshot.
 */
export function knownDeltas(schema: string, where: string, params: readonly unknown[], knownAt: number): RowSource {
  const s = quoted(schema);
  const at = `$${params.length + 1}::timestamptz`;
  const pages = `greatest(1, pg_relation_size('${s}.rollup_log'::regclass) / current_setting('block_size')::int)`;
  return {
    sql: `WITH side AS (
            SELECT coalesce(avg((known_at <= ${at})::int), 0) > 0.5 AS from_now
              FROM ${s}.rollup_log TABLESAMPLE SYSTEM (least(100, 100.0 * ${SAMPLED_PAGES} / ${pages}))
          )
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
