import { addValues, type Family, type Values } from '../write/fact-delta';
import { addDays } from '@vigil/domain';
import { quoted } from '../tables';
import { GRAINS, type Grain } from '../write/rollup-deltas';
import { instantText } from '../../sql/copy-rows';
import { monthsAndDays, type DayRange } from './day-range';
import { knownDeltas, type RowSource } from './known-deltas';
import { rolledUpLevel, remembered, subtreeArrays, unitArrays, type ReadContext } from './read-context';
import { groupBy } from './group-by';

/** Sums by key (a case's `category|severity`, a kind). */
export type KeySums = Map<string, Values>;

export interface SumRow {
  key: string;
  v1: string;
  v2: string;
  v3: string;
  v4: string;
}

export const SUMS = `sum(v1)::text AS v1, sum(v2)::text AS v2, sum(v3)::text AS v3, sum(v4)::text AS v4`;
export const valuesOf = (row: SumRow): Values => [Number(row.v1), Number(row.v2), Number(row.v3), Number(row.v4)];

export function keySums(rows: readonly SumRow[]): KeySums {
  const sums: KeySums = new Map();
  for (const row of rows) sums.set(row.key, addValues(sums.get(row.key) ?? [0, 0, 0, 0], valuesOf(row)));
  return sums;
}

export function mergeSums(...parts: readonly KeySums[]): KeySums {
  const merged: KeySums = new Map();
  for (const part of parts) for (const [key, values] of part) merged.set(key, addValues(merged.get(key) ?? [0, 0, 0, 0], values));
  return merged;
}

/**
 * A family's sums under a unit (its subtree as it stood when each fact occurred), over whole days, as
 * known: for a ministry or province, its months from the sums kept ahead (current, or the knowledge-timed
 * deltas for asOf) and the days at either end from the day sums (ministry) or the facts (province); for
 * any other unit, from the facts of its subtree. Both ways answer the same (figures order spec). `keys`:
 * only those keys (a case filter's), else every key.
 */
export function sums(
  context: ReadContext,
  unitId: string,
  family: Family,
  range: DayRange,
  keys: readonly string[] | null = null,
): Promise<KeySums> {
  return remembered(context, `sums:${unitId}:${family}:${range.from}:${range.to}:${keys?.join(',') ?? '*'}`, async () => {
    const level = rolledUpLevel(context, unitId);
    if (level === undefined) return subtreeFactSums(context, unitId, family, [range], keys);
    const { months, days } = monthsAndDays(range);
    const parts = [rollupSums(context, unitId, family, 'm', months, keys)];
    if (days.length > 0)
      parts.push(
        GRAINS[level]!.includes('d')
          ? rollupSums(context, unitId, family, 'd', days, keys)
          : subtreeFactSums(context, unitId, family, dayRanges(days), keys),
      );
    return mergeSums(...(await Promise.all(parts)));
  });
}

/** Consecutive days as ranges. */
function dayRanges(days: readonly string[]): DayRange[] {
  const ranges: { from: string; to: string }[] = [];
  for (const day of days) {
    const last = ranges[ranges.length - 1];
    if (last !== undefined && addDays(last.to, 1) === day) last.to = day;
    else ranges.push({ from: day, to: day });
  }
  return ranges;
}

/**
 * The sums kept ahead for a unit, a family, a grain and buckets. Every unit asked for the same family,
 * grain and buckets in one turn of the event loop (an answer's targets are evaluated together: a
 * directive with a target per province asks for 34 of them at once) is read by one query.
 */
function rollupSums(
  context: ReadContext,
  unitId: string,
  family: Family,
  grain: Grain,
  buckets: readonly string[],
  keys: readonly string[] | null,
): Promise<KeySums> {
  if (buckets.length === 0) return Promise.resolve(new Map());
  const batchKey = `rollup-batch:${family}:${grain}:${buckets.join(',')}:${keys?.join(',') ?? '*'}`;
  let batch = context.memo.get(batchKey) as unknown as RollupBatch | undefined;
  if (batch === undefined) {
    batch = new RollupBatch(context, family, grain, buckets, keys);
    context.memo.set(batchKey, batch as never);
  }
  return batch.sumsOf(unitId);
}

class RollupBatch {
  private readonly waiting = new Map<
    string,
    { resolve: (sums: KeySums) => void; reject: (error: unknown) => void; promise: Promise<KeySums> }
  >();
  private scheduled = false;

  constructor(
    private readonly context: ReadContext,
    private readonly family: Family,
    private readonly grain: Grain,
    private readonly buckets: readonly string[],
    private readonly keys: readonly string[] | null,
  ) {}

  sumsOf(unitId: string): Promise<KeySums> {
    const held = this.waiting.get(unitId);
    if (held !== undefined) return held.promise;
    let resolve!: (sums: KeySums) => void;
    let reject!: (error: unknown) => void;
    const promise = new Promise<KeySums>((res, rej) => ((resolve = res), (reject = rej)));
    this.waiting.set(unitId, { resolve, reject, promise });
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => void this.flush());
    }
    return promise;
  }

  private async flush(): Promise<void> {
    const waiting = new Map(this.waiting);
    this.waiting.clear();
    this.scheduled = false;
    try {
      const rows = await this.read([...waiting.keys()]);
      const byUnit = groupBy(rows, (row) => row.unit_id);
      for (const [unitId, { resolve }] of waiting) resolve(keySums(byUnit.get(unitId) ?? []));
    } catch (error) {
      for (const { reject } of waiting.values()) reject(error);
    }
  }

  private async read(unitIds: readonly string[]): Promise<(SumRow & { unit_id: string })[]> {
    const { context, family, grain, buckets, keys } = this;
    const cells = `unit_id = ANY($1::text[]) AND family = $2 AND grain = $3 AND bucket = ANY($4::date[])${keys === null ? '' : ' AND key = ANY($5::text[])'}`;
    const params = [unitIds, family, grain, buckets, ...(keys === null ? [] : [keys])];
    const source: RowSource =
      context.knownAt === null
        ? { sql: `SELECT * FROM ${quoted(context.schema)}.rollup_now WHERE ${cells}`, params }
        : knownDeltas(context.schema, cells, params, context.knownAt);
    const { rows } = await context.db.query<SumRow & { unit_id: string }>(
      `SELECT unit_id, key, ${SUMS} FROM (${source.sql}) AS known GROUP BY unit_id, key`,
      source.params,
    );
    return rows;
  }
}

/** The facts of the unit's subtree (each unit while it was under it) on the given days, as known. */
async function subtreeFactSums(
  context: ReadContext,
  unitId: string,
  family: Family,
  ranges: readonly DayRange[],
  keys: readonly string[] | null,
): Promise<KeySums> {
  const subtree = subtreeArrays(context, unitId);
  const { rows } = await context.db.query<SumRow>(
    `SELECT f.key, ${SUMS.replace(/v(\d)\)/g, 'f.v$1)')}
       FROM unnest($1::text[], $2::timestamptz[], $3::timestamptz[]) AS s(unit_id, from_at, to_at)
       CROSS JOIN unnest($5::date[], $6::date[]) AS r(from_day, to_day)
       JOIN ${quoted(context.schema)}.facts f
         ON f.unit_id = s.unit_id AND f.family = $4 AND f.day BETWEEN r.from_day AND r.to_day
        AND f.occurred_at >= s.from_at AND f.occurred_at < s.to_at
      WHERE ($7::timestamptz IS NULL OR f.known_at <= $7) AND ($8::text[] IS NULL OR f.key = ANY($8))
      GROUP BY f.key`,
    [
      subtree.unitIds,
      subtree.froms,
      subtree.tos,
      family,
      ranges.map((r) => r.from),
      ranges.map((r) => r.to),
      knownParam(context),
      keys,
    ],
  );
  return keySums(rows);
}

export const knownParam = (context: ReadContext) => (context.knownAt === null ? null : new Date(context.knownAt));

/**
 * The part of one day before an instant, from the facts of the subtree: for a span of a baseline that
 * ends inside a day (a changePct projected while its period runs).
 */
export function sumsOfDayBefore(
  context: ReadContext,
  unitId: string,
  family: Family,
  day: string,
  before: number,
): Promise<KeySums> {
  return remembered(context, `part:${unitId}:${family}:${day}:${before}`, async () => {
    const subtree = subtreeArrays(context, unitId);
    const { rows } = await context.db.query<SumRow>(
      `SELECT f.key, ${SUMS.replace(/v(\d)\)/g, 'f.v$1)')}
         FROM unnest($1::text[], $2::timestamptz[], $3::timestamptz[]) AS s(unit_id, from_at, to_at)
         JOIN ${quoted(context.schema)}.facts f
           ON f.unit_id = s.unit_id AND f.family = $4 AND f.day = $5 AND f.occurred_at < $6
          AND f.occurred_at >= s.from_at AND f.occurred_at < s.to_at
        WHERE $7::timestamptz IS NULL OR f.known_at <= $7
        GROUP BY f.key`,
      [subtree.unitIds, subtree.froms, subtree.tos, family, day, instantText(before), knownParam(context)],
    );
    return keySums(rows);
  });
}

/**
 * Of the cases opened in the range under the unit, those cleared or prosecuted at or after `after` (as
 * known): what the figures as they stood on an earlier day leave out. By key: [0, cleared, prosecuted,
 * defendants]. `own`: of the unit's own cases only (the tree as it stands, `basis=current`).
 */
export async function outcomesAfter(
  context: ReadContext,
  unitId: string,
  range: DayRange,
  after: number,
  own = false,
): Promise<KeySums> {
  const byDay = await outcomesAfterByDay(context, unitId, range, after, own);
  return mergeSums(...byDay.values());
}

/**
 * `outcomesAfter` by the day each case was opened, read once for a range (a compare's windows sum their
 * days). Driven by the outcomes' own index: an outcome after a recent day is rare, and only those are read.
 */
export function outcomesAfterByDay(
  context: ReadContext,
  unitId: string,
  range: DayRange,
  after: number,
  own = false,
): Promise<Map<string, KeySums>> {
  return remembered(context, `after:${own ? 'own:' : ''}${unitId}:${range.from}:${range.to}:${after}`, async () => {
    const subtree = unitArrays(context, unitId, own);
    const { rows } = await context.db.query<SumRow & { day: string }>(
      `WITH late AS MATERIALIZED (
         SELECT f.unit_id, f.day, f.key, f.occurred_at, f.v1, f.v4, f.cleared_at, f.prosecuted_at
           FROM ${quoted(context.schema)}.facts f
          WHERE f.family = 'case' AND (f.cleared_at IS NOT NULL OR f.prosecuted_at IS NOT NULL)
            AND greatest(f.cleared_at, f.prosecuted_at) >= $7
            AND f.day BETWEEN $4 AND $5 AND ($6::timestamptz IS NULL OR f.known_at <= $6)
       )
       SELECT f.day::text AS day, f.key, '0' AS v1,
              sum(CASE WHEN f.cleared_at >= $7 THEN sign(f.v1) ELSE 0 END)::text AS v2,
              sum(CASE WHEN f.prosecuted_at >= $7 THEN sign(f.v1) ELSE 0 END)::text AS v3,
              sum(CASE WHEN f.prosecuted_at >= $7 THEN f.v4 ELSE 0 END)::text AS v4
         FROM late f
         JOIN unnest($1::text[], $2::timestamptz[], $3::timestamptz[]) AS s(unit_id, from_at, to_at)
           ON f.unit_id = s.unit_id AND f.occurred_at >= s.from_at AND f.occurred_at < s.to_at
        GROUP BY f.day, f.key`,
      [subtree.unitIds, subtree.froms, subtree.tos, range.from, range.to, knownParam(context), instantText(after)],
    );
    const byDay = groupBy(rows, (row) => row.day);
    return new Map([...byDay].map(([day, dayRows]) => [day, keySums(dayRows)]));
  });
}

/** The unit's own facts, not its subtree's (for counting a reorganised tree as it stands). */
export function ownSums(context: ReadContext, unitId: string, family: Family, range: DayRange): Promise<KeySums> {
  return remembered(context, `own:${unitId}:${family}:${range.from}:${range.to}`, async () => {
    const { rows } = await context.db.query<SumRow>(
      `SELECT key, ${SUMS} FROM ${quoted(context.schema)}.facts
        WHERE unit_id = $1 AND family = $2 AND day BETWEEN $3 AND $4 AND ($5::timestamptz IS NULL OR known_at <= $5)
        GROUP BY key`,
      [unitId, family, range.from, range.to, knownParam(context)],
    );
    return keySums(rows);
  });
}
