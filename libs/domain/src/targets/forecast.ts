import type { MetricName } from '@vigil/contract';
import { changePctOf, metricKindOf, type MetricValue, type RawFigures } from './metric-value';
import { roundHalfAwayFromZero } from './rounding';

export interface ForecastInput {
  readonly metric: MetricName;
  /** The figure of the period so far (metricValue's answer). */
  readonly value: MetricValue;
  /** The raw figures of the period so far. */
  readonly figures: RawFigures;
  /** For a changePct: the baseline's figure over its same elapsed span (baselineElapsedRange). */
  readonly baselineElapsed?: number;
  /** Days of the period elapsed (elapsedDays), > 0. */
  readonly elapsedDays: number;
  /** Days in the period (daysInclusive). */
  readonly totalDays: number;
}

/**
 * The forecast: the figure projected to the period's end at the current pace (CONTRACT.md §4), rounded like an
 * answered figure (2 decimals, half away from zero) so it is compared with the value as a reported
 * figure would be:
 * - count, sum: actual × total days / elapsed days (50 cases in 183 of 366 days → 100);
 * - rate: as it is (a share does not grow with time);
 * - changePct: 100 × (period so far − baseline's same elapsed span) / that span (null when it is 0);
 * - latest (indicator.value, indicator.ratio): as it is — a reading is a level, not a flow.
 * Null when the figure is null.
 */
export function forecastFigure(input: ForecastInput): number | null {
  const { metric, value, figures, elapsedDays, totalDays } = input;
  if (!(elapsedDays > 0)) throw new RangeError(`cannot project over ${elapsedDays} elapsed days`);
  switch (metricKindOf(metric)) {
    case 'count':
    case 'sum':
      return value.actual === null ? null : roundHalfAwayFromZero((value.actual * totalDays) / elapsedDays);
    case 'rate':
    case 'latest':
      return value.actual;
    case 'changePct': {
      if (figures.kind !== 'changePct')
        throw new TypeError(`metric ${metric} is a changePct, but got figures of a ${figures.kind}`);
      if (input.baselineElapsed === undefined) {
        throw new TypeError(`projecting ${metric} needs the baseline's figure over the same elapsed span (baselineElapsed)`);
      }
      return changePctOf(figures.period, input.baselineElapsed);
    }
  }
}
