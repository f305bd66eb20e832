import { quoted } from '../tables';
import type { Family } from '../write/fact-delta';
import { GRAINS } from '../write/rollup-deltas';
import type { DayRange } from './day-range';
import { knownDeltas, type RowSource } from './known-deltas';
import { remembered, rolledUpLevel, unitArrays, type ReadContext } from './read-context';
import { keySums, knownParam, SUMS, type KeySums, type SumRow } from './sums';
import { groupBy } from './group-by';

/** Where figures are summed from: a unit's subtree as it stood when each fact occurred, or (`own`) its own facts. */
export interface Part {
  readonly unitId: string;
  readonly own: boolean;
}

/** Sums by bucket (a day, or the first day of a month), then by key. */
export type BucketSums = Map<string, KeySums>;

type BucketRow = SumRow & { bucket: string };

function bucketSums(rows: readonly BucketRow[]): BucketSums {
  const byBucket = groupBy(rows, (row) => row.bucket);
  return new Map([...byBucket].map(([bucket, bucketRows]) => [bucket, keySums(bucketRows)]));
}

/**
 * A family's sums by day over a range, read once (CONTRACT.md §5 series and compare): what `sums` answers
 * for each of its days, from the ministry's day sums when it keeps them (one family a query), else from the
 * facts (every family by the same query: a compare asks for all of them at once).
 */
export async function sumsByDay(context: ReadContext, part: Part, family: Family, range: DayRange): Promise<BucketSums> {
  const level = part.own ? undefined : rolledUpLevel(context, part.unitId);
  if (level !== undefined && GRAINS[level]!.includes('d')) return rollupByBucket(context, part.unitId, 'd', family, range);
  return (await factsByBucket(context, part, range, 'day')).get(family) ?? new Map();
}

/** The same by month over whole months (`range` from a 1st to a month's last day): the month sums kept ahead, else the facts. */
export async function sumsByMonth(context: ReadContext, part: Part, family: Family, range: DayRange): Promise<BucketSums> {
  const level = part.own ? undefined : rolledUpLevel(context, part.unitId);
  if (level !== undefined && GRAINS[level]!.includes('m')) return rollupByBucket(context, part.unitId, 'm', family, range);
  return (await factsByBucket(context, part, range, 'month')).get(family) ?? new Map();
}

type FamilyRow = BucketRow & { family: Family };

function byFamily(rows: readonly FamilyRow[]): Map<Family, BucketSums> {
  const families = groupBy(rows, (row) => row.family);
  return new Map([...families].map(([family, familyRows]) => [family, bucketSums(familyRows)]));
}

/** One family's sums kept ahead for a unit, by bucket: a row a cell and key, so nothing to group. */
function rollupByBucket(
  context: ReadContext,
  unitId: string,
  grain: 'd' | 'm',
  family: Family,
  range: DayRange,
): Promise<BucketSums> {
  return remembered(context, `rollup-buckets:${unitId}:${grain}:${family}:${range.from}:${range.to}`, async () => {
    const cells = 'unit_id = $1 AND grain = $2 AND bucket BETWEEN $3 AND $4 AND family = $5';
    const params = [unitId, grain, range.from, range.to, family];
    const source: RowSource =
      context.knownAt === null
        ? { sql: `SELECT * FROM ${quoted(context.schema)}.rollup_now WHERE ${cells}`, params }
        : knownDeltas(context.schema, cells, params, context.knownAt);
    const { rows } = await context.db.query<BucketRow>(
      `SELECT bucket::text AS bucket, key, v1::text AS v1, v2::text AS v2, v3::text AS v3, v4::text AS v4 FROM (${source.sql}) AS known`,
      source.params,
    );
    return bucketSums(rows);
  });
}

function factsByBucket(
  context: ReadContext,
  part: Part,
  range: DayRange,
  grain: 'day' | 'month',
): Promise<Map<Family, BucketSums>> {
  return remembered(context, `fact-buckets:${part.own}:${part.unitId}:${grain}:${range.from}:${range.to}`, async () => {
    const units = unitArrays(context, part.unitId, part.own);
    const bucket = grain === 'day' ? 'f.day' : `date_trunc('month', f.day)::date`;
    const { rows } = await context.db.query<FamilyRow>(
      `SELECT f.family, ${bucket}::text AS bucket, f.key, ${SUMS.replace(/v(\d)\)/g, 'f.v$1)')}
         FROM unnest($1::text[], $2::timestamptz[], $3::timestamptz[]) AS s(unit_id, from_at, to_at)
         JOIN ${quoted(context.schema)}.facts f
           ON f.unit_id = s.unit_id AND f.day BETWEEN $4 AND $5
          AND f.occurred_at >= s.from_at AND f.occurred_at < s.to_at
        WHERE $6::timestamptz IS NULL OR f.known_at <= $6
        GROUP BY 1, 2, f.key`,
      [units.unitIds, units.froms, units.tos, range.from, range.to, knownParam(context)],
    );
    return byFamily(rows);
  });
}
