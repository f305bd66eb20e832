import { quoted } from '../tables';
import type { Family } from '../write/fact-delta';
import { GRAINS } from '../write/rollup-deltas';
import type { DayRange } from './day-range';
import { remembered, rolledUpLevel, unitArrays, type ReadContext } from './read-context';
import { keySums, knownParam, SUMS, type KeySums, type SumRow } from './sums';

/** Where figures are summed from: a unit's subtree as it stood when each fact occurred, or (`own`) its own facts. */
export interface Part {
  readonly unitId: string;
  readonly own: boolean;
}

/** Sums by bucket (a day, or the first day of a month), then by key. */
export type BucketSums = Map<string, KeySums>;

type BucketRow = SumRow & { bucket: string };

function bucketSums(rows: readonly BucketRow[]): BucketSums {
  const byBucket = new Map<string, BucketRow[]>();
  for (const row of rows) byBucket.set(row.bucket, [...(byBucket.get(row.bucket) ?? []), row]);
  return new Map([...byBucket].map(([bucket, bucketRows]) => [bucket, keySums(bucketRows)]));
}

/**
 * A family's sums by day over a range, read once (CONTRACT.md §5 series and compare): what `sums` answers
 * for each of its days, from the ministry's day sums when it keeps them, else from the facts.
 */
export function sumsByDay(context: ReadContext, part: Part, family: Family, range: DayRange): Promise<BucketSums> {
  return remembered(context, `by-day:${part.own}:${part.unitId}:${family}:${range.from}:${range.to}`, async () => {
    const level = part.own ? undefined : rolledUpLevel(context, part.unitId);
    if (level !== undefined && GRAINS[level]!.includes('d')) return rollupByBucket(context, part.unitId, family, 'd', range);
    return factsByBucket(context, part, family, range, 'f.day');
  });
}

/** The same by month over whole months (`range` from a 1st to a month's last day): the month sums kept ahead, else the facts. */
export function sumsByMonth(context: ReadContext, part: Part, family: Family, range: DayRange): Promise<BucketSums> {
  return remembered(context, `by-month:${part.own}:${part.unitId}:${family}:${range.from}:${range.to}`, async () => {
    const level = part.own ? undefined : rolledUpLevel(context, part.unitId);
    if (level !== undefined && GRAINS[level]!.includes('m')) return rollupByBucket(context, part.unitId, family, 'm', range);
    return factsByBucket(context, part, family, range, `date_trunc('month', f.day)::date`);
  });
}

async function rollupByBucket(
  context: ReadContext,
  unitId: string,
  family: Family,
  grain: 'd' | 'm',
  range: DayRange,
): Promise<BucketSums> {
  const s = quoted(context.schema);
  const { rows } =
    context.knownAt === null
      ? await context.db.query<BucketRow>(
          `SELECT bucket::text AS bucket, key, ${SUMS} FROM ${s}.rollup_now
            WHERE unit_id = $1 AND family = $2 AND grain = $3 AND bucket BETWEEN $4 AND $5
            GROUP BY bucket, key`,
          [unitId, family, grain, range.from, range.to],
        )
      : await context.db.query<BucketRow>(
          `SELECT bucket::text AS bucket, key, ${SUMS} FROM ${s}.rollup_log
            WHERE unit_id = $1 AND family = $2 AND grain = $3 AND bucket BETWEEN $4 AND $5 AND known_at <= $6
            GROUP BY bucket, key`,
          [unitId, family, grain, range.from, range.to, new Date(context.knownAt)],
        );
  return bucketSums(rows);
}

async function factsByBucket(
  context: ReadContext,
  part: Part,
  family: Family,
  range: DayRange,
  bucket: string,
): Promise<BucketSums> {
  const units = unitArrays(context, part.unitId, part.own);
  const { rows } = await context.db.query<BucketRow>(
    `SELECT ${bucket}::text AS bucket, f.key, ${SUMS.replace(/v(\d)\)/g, 'f.v$1)')}
       FROM unnest($1::text[], $2::timestamptz[], $3::timestamptz[]) AS s(unit_id, from_at, to_at)
       JOIN ${quoted(context.schema)}.facts f
         ON f.unit_id = s.unit_id AND f.family = $4 AND f.day BETWEEN $5 AND $6
        AND f.occurred_at >= s.from_at AND f.occurred_at < s.to_at
      WHERE $7::timestamptz IS NULL OR f.known_at <= $7
      GROUP BY 1, f.key`,
    [units.unitIds, units.froms, units.tos, family, range.from, range.to, knownParam(context)],
  );
  return bucketSums(rows);
}
