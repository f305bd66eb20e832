import { baselineElapsedRange, isPeriodOver, periodRange, type InstantRange, type RawFigures } from '../progress';
import {
  caseCounts,
  hotspotElimination,
  hotspotsTransformed,
  hotspotTransformation,
  incidentCounts,
  latestReading,
  personsArrested,
  weaponsCollected,
  type FactScope,
} from './fact-queries';
import type { Db, Subtree } from './subtree';
import type { Target } from './targets';

export interface TargetFigures {
  readonly period: RawFigures;
  readonly baselineElapsed?: number;
}

interface Context {
  readonly db: Db;
  readonly schema: string;
  readonly subtree: Subtree;
  readonly asOf: Date;
  readonly timeZone: string;
}

/** The raw figures evaluateTarget needs for a target over a subtree, as known at asOf. */
export async function targetFigures(context: Context, target: Target): Promise<TargetFigures> {
  const { timeZone } = context;
  const scope = (range: InstantRange): FactScope => ({ ...context, range });
  const period = scope(periodRange(target.periodStart, target.periodEnd, timeZone));
  const filter = target.filter ?? {};
  const kind = filter.hotspotKind ?? null;
  switch (target.metric) {
    case 'cases.opened':
      return { period: { kind: 'count', count: (await caseCounts(period, filter)).opened } };
    case 'cases.cleared':
      return { period: { kind: 'count', count: (await caseCounts(period, filter)).cleared } };
    case 'cases.clearanceRate': {
      const counts = await caseCounts(period, filter);
      return { period: { kind: 'rate', numerator: counts.cleared, denominator: counts.opened } };
    }
    case 'cases.prosecutionRate': {
      const counts = await caseCounts(period, filter);
      return { period: { kind: 'rate', numerator: counts.prosecuted, denominator: counts.opened } };
    }
    case 'arrests.persons':
      return { period: { kind: 'sum', sum: await personsArrested(period, filter) } };
    case 'hotspots.transformed':
      return { period: { kind: 'count', count: await hotspotsTransformed(period, kind) } };
    case 'hotspots.transformationRate': {
      const year = Number(target.periodStart.slice(0, 4));
      return { period: { kind: 'rate', ...(await hotspotTransformation(period, year, kind)) } };
    }
    case 'hotspots.eliminationRate':
      return { period: { kind: 'rate', ...(await hotspotElimination(period, kind)) } };
    case 'weapons.collected':
      return { period: { kind: 'sum', sum: await weaponsCollected(period) } };
    case 'indicator.ratio':
    case 'indicator.value':
      return { period: { kind: 'latest', reading: await latestReading(period, filter.indicator ?? '') } };
    case 'cases.changePct':
      return changeFigures(context, target, async (range) => (await caseCounts(scope(range), filter)).opened);
    case 'incidents.changePct':
      return changeFigures(context, target, async (range) => (await incidentCounts(scope(range), filter.kind ?? null)).count);
  }
}

/** The period so far, the whole baseline, and — while the period runs — the baseline's same elapsed span. */
async function changeFigures(
  context: Context,
  target: Target,
  count: (range: InstantRange) => Promise<number>,
): Promise<TargetFigures> {
  const { timeZone, asOf } = context;
  if (target.baselineStart === null || target.baselineEnd === null) {
    throw new RangeError(`target ${target.targetId} (${target.metric}) has no baseline`);
  }
  const baselineStart = target.baselineStart;
  const baselineEnd = target.baselineEnd;
  const running = !isPeriodOver(target.periodEnd, asOf, timeZone);
  const [period, baseline, baselineElapsed] = await Promise.all([
    count(periodRange(target.periodStart, target.periodEnd, timeZone)),
    count(periodRange(baselineStart, baselineEnd, timeZone)),
    running
      ? count(
          baselineElapsedRange({
            periodStart: target.periodStart,
            periodEnd: target.periodEnd,
            baselineStart,
            baselineEnd,
            asOf,
            timeZone,
          }),
        )
      : Promise.resolve(undefined),
  ]);
  return { period: { kind: 'changePct', period, baseline }, ...(baselineElapsed === undefined ? {} : { baselineElapsed }) };
}
