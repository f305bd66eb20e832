import type { IndicatorReading, InstantRange } from '@vigil/domain';
import { quoted } from './figures.tables';
import type { RollupFamily, RollupValues } from './rollup-deltas';
import type { Db } from './subtree';

/**
 * The units among `unitIds` whose sums as known at `asOf` the rollups hold, for months of `timeZone`:
 * roots of the top two levels, the rollups valid for them at asOf, kept in that zone, and nothing
 * summed into asOf's second after asOf (versions are per second; such a root is read from the facts).
 */
export async function rolledUpRoots(
  db: Db,
  schema: string,
  unitIds: readonly string[],
  asOf: Date,
  timeZone: string,
): Promise<Set<string>> {
  if (unitIds.length === 0) return new Set();
  const s = quoted(schema);
  const { rows } = await db.query(
    `SELECT root_unit_id FROM ${s}.rollup_roots
      WHERE root_unit_id = ANY($1::text[]) AND valid_from <= $2
        AND EXISTS (SELECT 1 FROM ${s}.rollup_settings WHERE time_zone = $3)
        AND NOT EXISTS (
          SELECT 1 FROM ${s}.rollup_seconds x
           WHERE x.root_unit_id = rollup_roots.root_unit_id AND x.second = date_trunc('second', $2::timestamptz) AND x.last_at > $2
        )`,
    [unitIds, asOf, timeZone],
  );
  return new Set(rows.map((row) => row.root_unit_id));
}

export interface RollupQuery {
  readonly family: RollupFamily;
  readonly rootUnitId: string;
  readonly keys: readonly string[];
  /** Whole months (`YYYY-MM-01`) and whole days. */
  readonly months: readonly string[];
  readonly days: readonly string[];
}

interface Pending extends RollupQuery {
  readonly resolve: (values: RollupValues) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Reads the sums of many figures of one request in one statement: the queries asked for in the same turn
 * of the event loop (a directive's targets ask for theirs together) go as one batch. Each sum is, per key,
 * month and day, the cell's latest version recorded by asOf.
 */
export class RollupReader {
  private pending: Pending[] = [];

  constructor(
    private readonly db: Db,
    private readonly schema: string,
    private readonly asOf: Date,
  ) {}

  sums(query: RollupQuery): Promise<RollupValues> {
    return new Promise((resolve, reject) => {
      if (this.pending.length === 0) setImmediate(() => void this.flush());
      this.pending.push({ ...query, resolve, reject });
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    const cells = batch.flatMap((query, index) =>
      query.keys.flatMap((key) => [
        ...query.months.map((month) => [index, query.family, query.rootUnitId, key, 'month', month] as const),
        ...query.days.map((day) => [index, query.family, query.rootUnitId, key, 'day', day] as const),
      ]),
    );
    try {
      const { rows } = await this.db.query(
        `SELECT q.query, coalesce(sum(v.v1), 0)::float8 AS v1, coalesce(sum(v.v2), 0)::float8 AS v2,
                coalesce(sum(v.v3), 0)::float8 AS v3, coalesce(sum(v.v4), 0)::float8 AS v4
           FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::date[]) AS q(query, family, root_unit_id, key, grain, bucket)
           LEFT JOIN LATERAL (
             SELECT r.v1, r.v2, r.v3, r.v4 FROM ${quoted(this.schema)}.rollups r
              WHERE r.family = q.family AND r.root_unit_id = q.root_unit_id AND r.key = q.key AND r.grain = q.grain
                AND r.bucket = q.bucket AND r.recorded_from <= $7
              ORDER BY r.recorded_from DESC LIMIT 1
           ) v ON true
          GROUP BY q.query`,
        [...[0, 1, 2, 3, 4, 5].map((column) => cells.map((cell) => cell[column])), this.asOf],
      );
      const byQuery = new Map<number, RollupValues>(rows.map((row) => [row.query, [row.v1, row.v2, row.v3, row.v4]]));
      batch.forEach((query, index) => query.resolve(byQuery.get(index) ?? [0, 0, 0, 0]));
    } catch (error) {
      for (const query of batch) query.reject(error);
    }
  }
}

/** The latest reading of an indicator under a rolled-up root in the range, as known at asOf (latestReading's order). */
export async function latestRootReading(
  db: Db,
  schema: string,
  query: { rootUnitId: string; indicator: string; range: InstantRange; asOf: Date },
): Promise<IndicatorReading | null> {
  const { rows } = await db.query(
    `SELECT value, denominator FROM ${quoted(schema)}.root_readings
      WHERE root_unit_id = $1 AND indicator = $2 AND occurred_at >= $3 AND occurred_at < $4 AND recorded_at <= $5
      ORDER BY occurred_at DESC, recorded_at DESC, revision DESC LIMIT 1`,
    [query.rootUnitId, query.indicator, query.range.from, query.range.toExclusive, query.asOf],
  );
  return rows[0] ?? null;
}
