import { quoted } from '../tables';
import { knownRanges } from '../known-levels';
import { instantText } from '../../sql/copy-rows';

/** A source of rows for a query: its SQL and its parameters. */
export interface RowSource {
  readonly sql: string;
  readonly params: unknown[];
}

const COLUMNS = 'unit_id, grain, bucket, family, key, v1, v2, v3, v4';

/**
 * The rollup deltas known by `knownAt`, for the cells `where` picks (a condition over the columns of
 * `COLUMNS` whose parameters are `params`): each knowledge level's whole spans before that instant,
 * then the raw deltas of its own second (known-levels.ts). Each part is one index range per cell.
 */
export function knownDeltas(schema: string, where: string, params: readonly unknown[], knownAt: number): RowSource {
  const s = quoted(schema);
  const { levels, rawFrom } = knownRanges(knownAt);
  const bounds: unknown[] = [];
  const param = (ms: number) => {
    bounds.push(instantText(ms));
    return `$${params.length + bounds.length}::timestamptz`;
  };
  const spans = levels.map(
    ({ level, from, to }) =>
      `SELECT ${COLUMNS} FROM ${s}.rollup_known WHERE ${where} AND level = '${level}' AND known_from >= ${param(from)} AND known_from < ${param(to)}`,
  );
  const raw = `SELECT ${COLUMNS} FROM ${s}.rollup_log WHERE ${where} AND known_at >= ${param(rawFrom)} AND known_at <= ${param(knownAt)}`;
  return { sql: [...spans, raw].join('\nUNION ALL '), params: [...params, ...bounds] };
}
