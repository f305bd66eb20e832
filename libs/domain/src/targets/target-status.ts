import type { Comparator, MetricName } from '@vigil/contract';
import { attainmentPct, comparatorHolds } from './attainment';
import { daysInclusive } from './calendar';
import { elapsedDays, isPeriodOver } from './elapsed';
import { metricKindOf, metricValue, type MetricValue, type RawFigures } from './metric-value';
import { forecastFigure } from './forecast';

export const TARGET_STATUSES = ['achieved', 'on_track', 'at_risk', 'missed'] as const;
export type TargetStatus = (typeof TARGET_STATUSES)[number];

export interface TargetEvaluationInput {
  readonly metric: MetricName;
  readonly comparator: Comparator;
  readonly value: number;
  /** Calendar dates in `timeZone`, both included. */
  readonly periodStart: string;
  readonly periodEnd: string;
  /** The instant evaluated at (parseAsOf), inclusive; the caller's "now" when no asOf is asked. */
  readonly asOf: Date;
  readonly timeZone: string;
  readonly figures: {
    /** The period's raw figures as of asOf (events of the period recorded by then). */
    readonly period: RawFigures;
    /**
     * changePct only, required while the period is running: the baseline's figure over the same
     * elapsed span (count events in baselineElapsedRange(...)).
     */
    readonly baselineElapsed?: number;
  };
}

export interface TargetEvaluation extends MetricValue {
  readonly attainmentPct: number | null;
  readonly status: TargetStatus;
  /** The figure projected to the period's end while the period is running and has begun (null otherwise, or when it cannot be projected). */
  readonly projected: number | null;
}

/**
 * A target's progress (CONTRACT.md §4), decided in this order:
 * 1. `achieved` when the comparator holds on `actual` (as answered, i.e. rounded), whether the
 *    period is over or still running — the contract's words taken literally;
 * 2. otherwise `missed` when the period is over (a null actual is "not met");
 * 3. otherwise, period running: `on_track` if it has not begun (no time elapsed, no pace to judge);
 *    else `on_track` when the projected figure meets the value, `at_risk` when it does not or
 *    cannot be projected (null: no denominator yet, an empty baseline span, no reading).
 */
export function evaluateTarget(input: TargetEvaluationInput): TargetEvaluation {
  const { metric, comparator, value, periodStart, periodEnd, asOf, timeZone, figures } = input;
  if (!Number.isFinite(value)) throw new RangeError(`target value must be a finite number, got ${value}`);
  const totalDays = daysInclusive(periodStart, periodEnd);
  const over = isPeriodOver(periodEnd, asOf, timeZone);
  if (!over && metricKindOf(metric) === 'changePct' && figures.baselineElapsed === undefined) {
    throw new TypeError(`${metric} while the period is running needs figures.baselineElapsed`);
  }

  const figure = metricValue(metric, figures.period);
  const elapsed = over ? totalDays : elapsedDays(periodStart, periodEnd, asOf, timeZone);
  const projected =
    over || elapsed === 0
      ? null
      : forecastFigure({
          metric,
          value: figure,
          figures: figures.period,
          baselineElapsed: figures.baselineElapsed,
          elapsedDays: elapsed,
          totalDays,
        });
  const status = statusOf({
    holds: comparatorHolds(comparator, figure.actual, value),
    over,
    begun: elapsed > 0,
    projectionHolds: comparatorHolds(comparator, projected, value),
  });
  return { ...figure, attainmentPct: attainmentPct(figure.actual, value), status, projected };
}

function statusOf(facts: { holds: boolean; over: boolean; begun: boolean; projectionHolds: boolean }): TargetStatus {
  if (facts.holds) return 'achieved';
  if (facts.over) return 'missed';
  if (!facts.begun) return 'on_track';
  return facts.projectionHolds ? 'on_track' : 'at_risk';
}
