import type { CompareFigure, Grain, SeriesAnswer } from '@vigil/contract';
import { addDays, bucketOf, bucketsOf, endOfLocalDayExclusive, startOfLocalDay } from '@vigil/domain';
import { addValues, type Family, type Values } from '../write/fact-delta';
import { partsOf, type Basis } from './basis';
import { sumsByDay, sumsByMonth, type BucketSums, type Part } from './bucket-sums';
import { FAMILIES_OF, figureValue, totalOf, type CaseFilterQuery, type WindowTotals } from './figure-values';
import { hotspotParams, transformedIn } from './hotspot-figures';
import type { ReadContext } from './read-context';
import { unitRef } from './unit-tree';

export interface SeriesQuery extends CaseFilterQuery {
  readonly unitId: string;
  readonly figure: CompareFigure;
  readonly grain: Grain;
  readonly from: string;
  readonly to: string;
  readonly basis: Basis;
  /** `basis=current`: the day whose tree counts (the end of it). */
  readonly treeOn: string;
}

const lastDayOfMonth = (month: string) => addDays(bucketsOf(month, addDays(month, 31), 'month')[1]!, -1);

/**
 * A family's sums by day over [from, to] for a grain: by day for days and weeks; for months, the whole
 * months inside the range from the month sums and the partial months at either end from the days.
 */
async function dailyOrMonthly(context: ReadContext, part: Part, family: Family, query: SeriesQuery): Promise<BucketSums[]> {
  if (query.grain !== 'month') return [await sumsByDay(context, part, family, query)];
  const firstWhole = query.from.endsWith('-01') ? query.from : bucketsOf(query.from, addDays(query.from, 31), 'month')[1]!;
  const lastWhole =
    lastDayOfMonth(bucketOf(query.to, 'month')) === query.to ? query.to : addDays(bucketOf(query.to, 'month'), -1);
  if (firstWhole > lastWhole) return [await sumsByDay(context, part, family, query)];
  const edges = [
    ...(query.from < firstWhole ? [{ from: query.from, to: addDays(firstWhole, -1) }] : []),
    ...(lastWhole < query.to ? [{ from: addDays(lastWhole, 1), to: query.to }] : []),
  ];
  return Promise.all([
    sumsByMonth(context, part, family, { from: firstWhole, to: lastWhole }),
    ...edges.map((edge) => sumsByDay(context, part, family, edge)),
  ]);
}

/** Transformations in [from, to] by the day they occurred (each hotspot once per bucket, as hotspotsTransformed counts). */
async function transformationsByBucket(context: ReadContext, part: Part, query: SeriesQuery): Promise<Map<string, Set<string>>> {
  const zone = context.state.timeZone;
  const scope = {
    unitId: part.unitId,
    own: part.own,
    from: startOfLocalDay(query.from, zone).getTime(),
    toExclusive: endOfLocalDayExclusive(query.to, zone).getTime(),
    standsUntil: null,
  };
  const { rows } = await context.db.query<{ hotspot_id: string; occurred_at: Date }>(
    `SELECT h.hotspot_id, t.occurred_at ${transformedIn(context.schema)}`,
    hotspotParams(context, scope, null),
  );
  const byBucket = new Map<string, Set<string>>();
  for (const row of rows) {
    const bucket = bucketOf(context.state.dayOf(row.occurred_at.getTime()), query.grain);
    const hotspots = byBucket.get(bucket);
    if (hotspots === undefined) byBucket.set(bucket, new Set([row.hotspot_id]));
    else hotspots.add(row.hotspot_id);
  }
  return byBucket;
}

/**
 * GET /v1/units/{unitId}/series: one figure for every bucket of [from, to] (zeros too), each bucket's days
 * clipped to the range; the sums read once for the range and bucketed, not a query per bucket. Null for
 * a unit not known.
 */
export async function unitSeries(context: ReadContext, query: SeriesQuery): Promise<SeriesAnswer | null> {
  const unit = unitRef(context, query.unitId);
  if (unit === null) return null;
  const zone = context.state.timeZone;
  const treeEnd = endOfLocalDayExclusive(query.treeOn, zone).getTime();
  const span = {
    from: startOfLocalDay(query.from, zone).getTime(),
    toExclusive: Math.max(endOfLocalDayExclusive(query.to, zone).getTime(), treeEnd),
  };
  const parts = partsOf(context, query.unitId, query.basis, treeEnd - 1, span);
  const buckets = bucketsOf(query.from, query.to, query.grain);
  const zero: Values = [0, 0, 0, 0];
  const totals = new Map<string, WindowTotals>(
    buckets.map((bucket) => [bucket, { case: zero, arrest: zero, weapons: zero, incident: zero, hotspotsTransformed: 0 }]),
  );
  const families = FAMILIES_OF[query.figure];
  await Promise.all(
    parts.map(async (part) => {
      const [read, transformed] = await Promise.all([
        Promise.all(families.map(async (family) => ({ family, maps: await dailyOrMonthly(context, part, family, query) }))),
        query.figure === 'hotspotsTransformed' ? transformationsByBucket(context, part, query) : null,
      ]);
      for (const { family, maps } of read)
        for (const map of maps)
          for (const [day, sums] of map) {
            const bucket = bucketOf(day, query.grain);
            const held = totals.get(bucket)!;
            totals.set(bucket, { ...held, [family]: addValues(held[family], totalOf(family, sums, query)) });
          }
      for (const [bucket, hotspots] of transformed ?? []) {
        const held = totals.get(bucket)!;
        totals.set(bucket, { ...held, hotspotsTransformed: held.hotspotsTransformed + hotspots.size });
      }
    }),
  );
  return {
    unitId: unit.unitId,
    figure: query.figure,
    grain: query.grain,
    points: buckets.map((bucket) => ({ bucket, value: figureValue(query.figure, totals.get(bucket)!) })),
  };
}
