import {
  COMPARE_FIGURES,
  COMPARE_WINDOWS,
  type CompareAnswer,
  type CompareCell,
  type CompareFigure,
  type CompareRow,
  type CompareWindow,
} from '@vigil/contract';
import {
  addDays,
  compareWindows,
  countCell,
  endOfLocalDayExclusive,
  rateCell,
  startOfLocalDay,
  type DateRange,
} from '@vigil/domain';
import { addValues, FAMILIES, signed, type Family, type Values } from '../write/fact-delta';
import { partsOf, type Basis } from './basis';
import { sumsByDay, sumsByMonth, type BucketSums, type Part } from './bucket-sums';
import { figureValue, totalOf, type CaseFilterQuery, type WindowTotals } from './figure-values';
import { transformationsIn, transformedBetween } from './hotspot-figures';
import type { ReadContext } from './read-context';
import { mergeSums, outcomesAfterByDay, type KeySums } from './sums';
import { unitRef } from './unit-tree';

export interface CompareQuery extends CaseFilterQuery {
  readonly unitId: string;
  /** Business time: the day the windows end on, the figures as they stood at its end. */
  readonly at: string;
  readonly basis: Basis;
  /** The instant the answer is as of (knowledge time; now when none was asked). */
  readonly asOf: Date;
}

type Ranges = Record<CompareWindow, DateRange>;

/** What a bucket map holds on the days (or months) a predicate keeps. */
function summed(buckets: BucketSums, keep: (bucket: string) => boolean): KeySums {
  return mergeSums(...[...buckets].filter(([bucket]) => keep(bucket)).map(([, sums]) => sums));
}

/**
 * The four windows of one year, all ending on the same day, from one read of each family by day (from the
 * earliest window start but the year's) and one by month (the whole months of the year to date before the
 * last month): each window sums its buckets. Cases cleared or prosecuted after `standsUntil` are taken out.
 */
async function yearTotals(
  context: ReadContext,
  parts: readonly Part[],
  ranges: Ranges,
  filter: CaseFilterQuery,
  standsUntil: number,
): Promise<Record<CompareWindow, WindowTotals>> {
  const zone = context.state.timeZone;
  const to = ranges.ytd.to;
  const monthFrom = ranges.month.from;
  const days = { from: [ranges.week.from, ranges['28d'].from, monthFrom].sort()[0]!, to };
  const months = ranges.ytd.from < monthFrom ? { from: ranges.ytd.from, to: addDays(monthFrom, -1) } : null;
  const windowSums = async (part: Part, family: Family): Promise<Record<CompareWindow, KeySums>> => {
    const [byDay, byMonth] = await Promise.all([
      sumsByDay(context, part, family, days),
      months === null ? new Map() : sumsByMonth(context, part, family, months),
    ]);
    return {
      week: summed(byDay, (day) => day >= ranges.week.from),
      '28d': summed(byDay, (day) => day >= ranges['28d'].from),
      month: summed(byDay, (day) => day >= monthFrom),
      ytd: mergeSums(
        summed(byMonth, () => true),
        summed(byDay, (day) => day >= monthFrom),
      ),
    };
  };
  // One read of the outcomes and one of the transformations per part, over the days of every window.
  const span = { from: [...COMPARE_WINDOWS.map((window) => ranges[window].from)].sort()[0]!, to };
  const instants = (range: DateRange) => ({
    from: startOfLocalDay(range.from, zone).getTime(),
    toExclusive: endOfLocalDayExclusive(range.to, zone).getTime(),
  });
  const perPart = await Promise.all(
    parts.map(async (part) => {
      const [families, lateByDay, transformations] = await Promise.all([
        Promise.all(FAMILIES.map((family) => windowSums(part, family))),
        outcomesAfterByDay(context, part.unitId, span, standsUntil, part.own),
        transformationsIn(context, { unitId: part.unitId, own: part.own, ...instants(span), standsUntil }, null),
      ]);
      const outcomes = COMPARE_WINDOWS.map((window) =>
        summed(lateByDay, (day) => day >= ranges[window].from && day <= ranges[window].to),
      );
      const transformed = COMPARE_WINDOWS.map((window) => {
        const { from, toExclusive } = instants(ranges[window]);
        return transformedBetween(transformations, from, toExclusive);
      });
      return { families, outcomes, transformed };
    }),
  );
  const zero: Values = [0, 0, 0, 0];
  const totals = {} as Record<CompareWindow, WindowTotals>;
  COMPARE_WINDOWS.forEach((window, index) => {
    const of = (family: Family) =>
      perPart.reduce(
        (sum, part) => addValues(sum, totalOf(family, part.families[FAMILIES.indexOf(family)]![window], filter)),
        zero,
      );
    const late = perPart.reduce((sum, part) => addValues(sum, totalOf('case', part.outcomes[index]!, filter)), zero);
    totals[window] = {
      case: addValues(of('case'), signed(late, -1)),
      arrest: of('arrest'),
      weapons: of('weapons'),
      incident: of('incident'),
      hotspotsTransformed: perPart.reduce((sum, part) => sum + part.transformed[index]!, 0),
    };
  });
  return totals;
}

function cellOf(figure: CompareFigure, current: WindowTotals, previous: WindowTotals): CompareCell {
  const now = figureValue(figure, current);
  const then = figureValue(figure, previous);
  return figure === 'clearanceRate' ? rateCell(now, then) : countCell(now!, then!);
}

/**
 * GET /v1/units/{unitId}/compare (CONTRACT.md §5, Compare): week, 28 days, month and year to date ending
 * on `at`, each against the same dates a year earlier, as the figures stood at the end of `at`, as known.
 * Null for a unit not known.
 */
export async function unitCompare(context: ReadContext, query: CompareQuery): Promise<CompareAnswer | null> {
  const unit = unitRef(context, query.unitId);
  if (unit === null) return null;
  const zone = context.state.timeZone;
  const windows = compareWindows(query.at);
  const standsUntil = endOfLocalDayExclusive(query.at, zone).getTime();
  const earliest = COMPARE_WINDOWS.map((window) => windows[window].previous.from).sort()[0]!;
  const span = { from: startOfLocalDay(earliest, zone).getTime(), toExclusive: standsUntil };
  const parts = partsOf(context, query.unitId, query.basis, standsUntil - 1, span);
  const rangesOf = (year: 'current' | 'previous') =>
    Object.fromEntries(COMPARE_WINDOWS.map((window) => [window, windows[window][year]])) as Ranges;
  const [current, previous] = await Promise.all([
    yearTotals(context, parts, rangesOf('current'), query, standsUntil),
    yearTotals(context, parts, rangesOf('previous'), query, standsUntil),
  ]);
  const rows = COMPARE_FIGURES.map((figure): CompareRow => ({
    figure,
    week: cellOf(figure, current.week, previous.week),
    '28d': cellOf(figure, current['28d'], previous['28d']),
    month: cellOf(figure, current.month, previous.month),
    ytd: cellOf(figure, current.ytd, previous.ytd),
  }));
  return {
    unitId: unit.unitId,
    name: unit.name,
    at: query.at,
    asOf: query.asOf.toISOString(),
    basis: query.basis,
    windows,
    rows,
  };
}
