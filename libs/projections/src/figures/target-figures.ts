import { baselineElapsedRange, isPeriodOver, periodRange, type InstantRange, type RawFigures } from '@vigil/domain';
import { hotspotElimination, hotspotsTransformed, hotspotTransformation, latestReading } from './fact-queries';
import {
  casesIn,
  factScope,
  hotspotScope,
  incidentsIn,
  personsArrestedIn,
  remembered,
  weaponsCollectedIn,
  type FigureContext,
} from './figure-sums';
import { latestRootReading } from './rollup-queries';
import type { Target } from './targets';

export interface TargetFigures {
  readonly period: RawFigures;
  readonly baselineElapsed?: number;
}

/** The raw figures evaluateTarget needs for a target over a subtree, as known at asOf. */
export async function targetFigures(context: FigureContext, target: Target): Promise<TargetFigures> {
  const { timeZone } = context;
  const period = periodRange(target.periodStart, target.periodEnd, timeZone);
  const filter = target.filter ?? {};
  const kind = filter.hotspotKind ?? null;
  const facts = <T>(what: string, read: (scope: Awaited<ReturnType<typeof factScope>>) => Promise<T>) =>
    remembered(context, what, period, async () => read(await factScope(context, period)));
  const hotspots = <T>(what: string, read: (scope: Awaited<ReturnType<typeof factScope>>) => Promise<T>) =>
    remembered(context, what, period, async () => read(await hotspotScope(context, period)));
  switch (target.metric) {
    case 'cases.opened':
      return { period: { kind: 'count', count: (await casesIn(context, period, filter)).opened } };
    case 'cases.cleared':
      return { period: { kind: 'count', count: (await casesIn(context, period, filter)).cleared } };
    case 'cases.clearanceRate': {
      const counts = await casesIn(context, period, filter);
      return { period: { kind: 'rate', numerator: counts.cleared, denominator: counts.opened } };
    }
    case 'cases.prosecutionRate': {
      const counts = await casesIn(context, period, filter);
      return { period: { kind: 'rate', numerator: counts.prosecuted, denominator: counts.opened } };
    }
    case 'arrests.persons':
      return { period: { kind: 'sum', sum: await personsArrestedIn(context, period, filter) } };
    case 'hotspots.transformed':
      return {
        period: { kind: 'count', count: await hotspots(`transformed ${kind}`, (scope) => hotspotsTransformed(scope, kind)) },
      };
    case 'hotspots.transformationRate': {
      const year = Number(target.periodStart.slice(0, 4));
      const ratio = await hotspots(`transformation ${year} ${kind}`, (scope) => hotspotTransformation(scope, year, kind));
      return { period: { kind: 'rate', ...ratio } };
    }
    case 'hotspots.eliminationRate':
      return { period: { kind: 'rate', ...(await hotspots(`elimination ${kind}`, (scope) => hotspotElimination(scope, kind))) } };
    case 'weapons.collected':
      return { period: { kind: 'sum', sum: await weaponsCollectedIn(context, period) } };
    case 'indicator.ratio':
    case 'indicator.value': {
      const indicator = filter.indicator ?? '';
      const reading = context.rolledUp
        ? remembered(context, `reading ${indicator}`, period, () =>
            latestRootReading(context.db, context.schema, {
              rootUnitId: context.unitId,
              indicator,
              range: period,
              asOf: context.asOf,
            }),
          )
        : facts(`reading ${indicator}`, (scope) => latestReading(scope, indicator));
      return { period: { kind: 'latest', reading: await reading } };
    }
    case 'cases.changePct':
      return changeFigures(context, target, async (range) => (await casesIn(context, range, filter)).opened);
    case 'incidents.changePct':
      return changeFigures(context, target, async (range) => (await incidentsIn(context, range, filter.kind ?? null)).count);
  }
}

/** The period so far, the whole baseline, and — while the period runs — the baseline's same elapsed span. */
async function changeFigures(
  context: FigureContext,
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
