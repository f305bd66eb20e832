import { quoted } from '../tables';

/** A source of rows for a query: its SQL and its parameters. */
export interface RowSource {
  readonly sql: string;
  readonly params: unknown[];
}

const CELL = 'unit_id, family, grain, bucket, key';

/** The logged deltas of the row `n`'s cell, on one side of the instant: the sums of their values (null when none). */
const loggedSums = (s: string, side: string, gate: string) =>
  `LEFT JOIN LATERAL (
     SELECT sum(v1) AS v1, sum(v2) AS v2, sum(v3) AS v3, sum(v4) AS v4 FROM ${s}.rollup_log l
      WHERE l.unit_id = n.unit_id AND l.grain = n.grain AND l.bucket = n.bucket AND l.family = n.family AND l.key = n.key
        AND ${side} AND ${gate}
   )`;

/**
 * The rollup sums as known at `knownAt`, for the cells `where` picks (a condition over the columns of
 * CELL, whose parameters are `params`), as rows to add up. Each current sum carries the first and last
 * instants its deltas were known: a cell known wholly by then is its current sum, a cell not yet known
 * is left out, and only a cell with deltas on both sides of the instant reads the log, from the side
 * nearer the instant (the deltas known by then, or its current sum less those known after). Exact
 * either way; one statement reads the sums and the log in one snapshot.
 */
export function knownDeltas(schema: string, where: string, params: readonly unknown[], knownAt: number): RowSource {
  const s = quoted(schema);
  const at = `$${params.length + 1}::timestamptz`;
  const fromNow = `${at} > n.first_known + (n.last_known - n.first_known) / 2`;
  const part = (v: string) =>
    `CASE WHEN ${fromNow} THEN n.${v} - coalesce(after.${v}, 0) ELSE coalesce(before.${v}, 0) END AS ${v}`;
  return {
    sql: `WITH n AS MATERIALIZED (SELECT * FROM ${s}.rollup_now WHERE ${where} AND first_known <= ${at})
          SELECT ${CELL}, v1, v2, v3, v4 FROM n WHERE ${at} >= last_known
          UNION ALL
          SELECT ${CELL.replace(/(\w+)/g, 'n.$1')}, ${['v1', 'v2', 'v3', 'v4'].map(part).join(', ')}
            FROM n
            ${loggedSums(s, `l.known_at > ${at}`, fromNow)} AS after ON true
            ${loggedSums(s, `l.known_at <= ${at}`, `NOT (${fromNow})`)} AS before ON true
           WHERE ${at} < n.last_known`,
    params: [...params, new Date(knownAt)],
  };
}
