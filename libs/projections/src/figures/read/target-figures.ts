import {
  addDays,
  baselineElapsedRange,
  endOfLocalDayExclusive,
  isPeriodOver,
  localDateOf,
  startOfLocalDay,
  type RawFigures,
} from '@vigil/domain';
import type { Family } from '../write/fact-delta';
import { caseKeysOf, filteredTotal, kindTotal, type CaseFilter } from './case-keys';
import { cutAt, type DayRange } from './day-range';
import { hotspotElimination, hotspotsTransformed, hotspotTransformation } from './hotspot-figures';
import { indicatorSum } from './indicator-figures';
import type { ReadContext } from './read-context';
import { mergeSums, outcomesAfter, sums, sumsOfDayBefore, type KeySums } from './sums';
import type { Target } from './targets';

export interface TargetFigures {
  readonly period: RawFigures;
  readonly baselineElapsed?: number;
  readonly coverage?: { readonly reporting: number; readonly units: number };
}

/** Where and when a target is evaluated: the unit whose subtree counts, and the day the figures stand on (null: now). */
export interface Evaluation {
  readonly unitId: string;
  /** Business time: events occurring up to the end of this day (`at`); null for everything. */
  readonly standsOn: string | null;
  /** The instant the period is elapsed to. */
  readonly elapsedAt: Date;
}

/**
 * A case family's sums under the unit over whole days, as the figures stood on `standsOn`: cases cleared or
 * prosecuted after it are taken back out (a correction read from the facts, needed only for a past day).
 */
async function caseSums(
  context: ReadContext,
  evaluation: Evaluation,
  family: Family,
  days: DayRange,
  keys: readonly string[] | null,
): Promise<KeySums> {
  const total = await sums(context, evaluation.unitId, family, days, keys);
  if (family !== 'case' || evaluation.standsOn === null) return total;
  const after = endOfLocalDayExclusive(evaluation.standsOn, context.state.timeZone).getTime();
  const late = await outcomesAfter(context, evaluation.unitId, days, after);
  if (late.size === 0) return total;
  return mergeSums(total, new Map([...late].map(([key, values]) => [key, values.map((v) => -v) as unknown as typeof values])));
}

/** Sums over [fromDay, toExclusive), whose end may fall inside a day. */
async function sumsToInstant(
  context: ReadContext,
  evaluation: Evaluation,
  family: Family,
  fromDay: string,
  toExclusive: number,
  keys: readonly string[] | null,
): Promise<KeySums> {
  const zone = context.state.timeZone;
  const lastDay = localDateOf(new Date(toExclusive - 1), zone);
  const partial =
    startOfLocalDay(lastDay, zone).getTime() < toExclusive && endOfLocalDayExclusive(lastDay, zone).getTime() > toExclusive;
  const wholeTo = partial ? addDays(lastDay, -1) : lastDay;
  const whole =
    wholeTo >= fromDay ? await sums(context, evaluation.unitId, family, { from: fromDay, to: wholeTo }, keys) : new Map();
  if (!partial || lastDay < fromDay) return whole;
  return mergeSums(whole, await sumsOfDayBefore(context, evaluation.unitId, family, lastDay, toExclusive));
}

const caseFilterOf = (target: Target): CaseFilter => ({
  category: target.filter?.category ?? null,
  severity: target.filter?.severity ?? null,
});

/** The raw figures evaluateTarget needs for a target under `evaluation.unitId`. */
export async function targetFigures(context: ReadContext, target: Target, evaluation: Evaluation): Promise<TargetFigures> {
  const zone = context.state.timeZone;
  const days = cutAt({ from: target.periodStart, to: target.periodEnd }, evaluation.standsOn);
  const from = startOfLocalDay(target.periodStart, zone).getTime();
  const toExclusive = days === null ? from : endOfLocalDayExclusive(days.to, zone).getTime();
  const standsUntil = evaluation.standsOn === null ? null : endOfLocalDayExclusive(evaluation.standsOn, zone).getTime();
  const hotspotScope = { unitId: evaluation.unitId, from, toExclusive, standsUntil };
  const filter = target.filter ?? {};
  const caseFilter = caseFilterOf(target);
  const caseKeys = caseKeysOf(caseFilter);
  const caseTotal = async (family: Family) =>
    days === null
      ? ([0, 0, 0, 0] as const)
      : filteredTotal(await caseSums(context, evaluation, family, days, caseKeys), caseFilter);
  const kindSum = async (family: Family, kind: string | null) =>
    days === null ? ([0, 0, 0, 0] as const) : kindTotal(await sums(context, evaluation.unitId, family, days), kind);
  switch (target.metric) {
    case 'cases.opened':
      return { period: { kind: 'count', count: (await caseTotal('case'))[0] } };
    case 'cases.cleared':
      return { period: { kind: 'count', count: (await caseTotal('case'))[1] } };
    case 'cases.clearanceRate': {
      const [opened, cleared] = await caseTotal('case');
      return { period: { kind: 'rate', numerator: cleared, denominator: opened } };
    }
    case 'cases.prosecutionRate': {
      const [opened, , prosecuted] = await caseTotal('case');
      return { period: { kind: 'rate', numerator: prosecuted, denominator: opened } };
    }
    case 'arrests.persons':
      return { period: { kind: 'sum', sum: (await caseTotal('arrest'))[0] } };
    case 'weapons.collected':
      return { period: { kind: 'sum', sum: (await kindSum('weapons', null))[0] } };
    case 'hotspots.transformed':
      return { period: { kind: 'count', count: await hotspotsTransformed(context, hotspotScope, filter.hotspotKind ?? null) } };
    case 'hotspots.transformationRate': {
      const year = Number(target.periodStart.slice(0, 4));
      const ratio = await hotspotTransformation(context, hotspotScope, year, filter.hotspotKind ?? null);
      return { period: { kind: 'rate', ...ratio } };
    }
    case 'hotspots.eliminationRate':
      return { period: { kind: 'rate', ...(await hotspotElimination(context, hotspotScope, filter.hotspotKind ?? null)) } };
    case 'indicator.ratio':
    case 'indicator.value': {
      const sum = await indicatorSum(context, evaluation.unitId, filter.indicator ?? '', from, toExclusive);
      const value = target.metric === 'indicator.ratio' ? sum.ratioValue : sum.value;
      const reading = value === null ? null : { value, denominator: sum.denominator };
      return { period: { kind: 'latest', reading }, coverage: sum.coverage };
    }
    case 'cases.changePct':
      return changeFigures(context, target, evaluation, 'case', (s) => filteredTotal(s, caseFilter)[0], caseKeys);
    case 'incidents.changePct':
      return changeFigures(context, target, evaluation, 'incident', (s) => kindTotal(s, filter.kind ?? null)[0]);
  }
}

/** The period so far, the whole baseline, and — while the period runs — the baseline's same elapsed share. `keys`: those `count` reads (null: all). */
async function changeFigures(
  context: ReadContext,
  target: Target,
  evaluation: Evaluation,
  family: Family,
  count: (sums: KeySums) => number,
  keys: readonly string[] | null = null,
): Promise<TargetFigures> {
  const zone = context.state.timeZone;
  if (target.baselineStart === null || target.baselineEnd === null) {
    throw new RangeError(`target ${target.targetId} (${target.metric}) has no baseline`);
  }
  const over = (range: DayRange | null) =>
    range === null ? Promise.resolve(0) : sums(context, evaluation.unitId, family, range, keys).then(count);
  const baseline = { from: target.baselineStart, to: target.baselineEnd };
  const running = !isPeriodOver(target.periodEnd, evaluation.elapsedAt, zone);
  const [period, whole, elapsed] = await Promise.all([
    over(cutAt({ from: target.periodStart, to: target.periodEnd }, evaluation.standsOn)),
    over(cutAt(baseline, evaluation.standsOn)),
    running
      ? sumsToInstant(
          context,
          evaluation,
          family,
          target.baselineStart,
          baselineElapsedRange({
            periodStart: target.periodStart,
            periodEnd: target.periodEnd,
            baselineStart: target.baselineStart,
            baselineEnd: target.baselineEnd,
            asOf: evaluation.elapsedAt,
            timeZone: zone,
          }).toExclusive.getTime(),
          keys,
        ).then(count)
      : Promise.resolve(undefined),
  ]);
  return {
    period: { kind: 'changePct', period, baseline: whole },
    ...(elapsed === undefined ? {} : { baselineElapsed: elapsed }),
  };
}
