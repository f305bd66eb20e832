import { METRICS, type MetricKind, type MetricName } from '@vigil/contract';
import { decimalOf, divideRounded, shift, subtract, toNumber } from './decimal';
import { percentOf } from './rounding';

/**
 * From the raw figures a read model produces to the `actual`, `numerator` and `denominator` the API
 * answers (CONTRACT.md §4). The raw figures are tagged with the metric kind they are for, and a
 * mismatch with the metric's kind throws: a wrong query should fail loudly, not answer a figure.
 */

/** The latest reading of an indicator in the period. */
export interface IndicatorReading {
  readonly value: number;
  readonly denominator?: number | null;
}

export type RawFigures =
  /** count (cases.opened, cases.cleared, hotspots.transformed) */
  | { readonly kind: 'count'; readonly count: number }
  /** sum (arrests.persons, weapons.collected) */
  | { readonly kind: 'sum'; readonly sum: number }
  /** rate: e.g. cases.prosecutionRate, numerator = prosecuted, denominator = opened */
  | { readonly kind: 'rate'; readonly numerator: number; readonly denominator: number }
  /** changePct: the figure of the period (so far) and of the whole baseline */
  | { readonly kind: 'changePct'; readonly period: number; readonly baseline: number }
  /** latest: the latest reading in the period, null when there is none */
  | { readonly kind: 'latest'; readonly reading: IndicatorReading | null };

export interface MetricValue {
  /** The figure of the metric; percentages rounded half away from zero to 2 decimals; null when undefined (÷ 0, no reading). */
  readonly actual: number | null;
  /** Exact. count/sum: the figure; rate: its numerator; changePct: period − baseline; latest: the reading's value. */
  readonly numerator: number | null;
  /** Exact. rate: its denominator; changePct: the baseline; latest: the reading's denominator; count/sum: null. */
  readonly denominator: number | null;
}

/** The metrics read from the latest reading, and what they read from it; a new `latest` metric fails to compile until listed. */
type LatestMetric = { [M in MetricName]: (typeof METRICS)[M]['kind'] extends 'latest' ? M : never }[MetricName];
const LATEST_READS: Record<LatestMetric, 'value' | 'ratio'> = { 'indicator.value': 'value', 'indicator.ratio': 'ratio' };

export function metricKindOf(metric: MetricName): MetricKind {
  const definition = METRICS[metric];
  if (definition === undefined) throw new RangeError(`unknown metric ${JSON.stringify(metric)}`);
  return definition.kind;
}

function finite(value: number, what: string): number {
  if (!Number.isFinite(value)) throw new RangeError(`${what} must be a finite number, got ${value}`);
  return value;
}

/** 100 × (period − baseline) / baseline, exact then rounded to 2 decimals; null when the baseline is 0. 413 against 439 → −5.92. */
export function changePctOf(period: number, baseline: number): number | null {
  const divisor = decimalOf(baseline);
  if (divisor.units === 0n) return null;
  return toNumber(divideRounded(shift(subtract(decimalOf(period), divisor), 2), divisor, 2));
}

/**
 * count/sum: actual = the figure. rate: 100 × numerator / denominator (null when the denominator is 0).
 * changePct: 100 × (period − baseline) / baseline (null when the baseline is 0; a reduction is negative),
 * reported as numerator = period − baseline ("down 7 cases") over denominator = baseline.
 * indicator.value: the latest reading's value; indicator.ratio: 100 × value / denominator of the
 * latest reading (null without a denominator, or when it is 0).
 * Only percentages are rounded (2 decimals, half away from zero, once, at the end); counts, sums and
 * readings are answered as they are.
 */
export function metricValue(metric: MetricName, figures: RawFigures): MetricValue {
  const kind = metricKindOf(metric);
  if (figures.kind !== kind) throw new TypeError(`metric ${metric} is a ${kind}, but got figures of a ${figures.kind}`);
  switch (figures.kind) {
    case 'count': {
      const count = finite(figures.count, 'count');
      return { actual: count, numerator: count, denominator: null };
    }
    case 'sum': {
      const sum = finite(figures.sum, 'sum');
      return { actual: sum, numerator: sum, denominator: null };
    }
    case 'rate': {
      const numerator = finite(figures.numerator, 'numerator');
      const denominator = finite(figures.denominator, 'denominator');
      return { actual: percentOf(numerator, denominator), numerator, denominator };
    }
    case 'changePct': {
      const period = finite(figures.period, 'period');
      const baseline = finite(figures.baseline, 'baseline');
      const change = toNumber(subtract(decimalOf(period), decimalOf(baseline)));
      return { actual: changePctOf(period, baseline), numerator: change, denominator: baseline };
    }
    case 'latest': {
      if (figures.reading === null) return { actual: null, numerator: null, denominator: null };
      const value = finite(figures.reading.value, 'reading value');
      const rawDenominator = figures.reading.denominator ?? null;
      const denominator = rawDenominator === null ? null : finite(rawDenominator, 'reading denominator');
      if (LATEST_READS[metric as LatestMetric] === 'value') return { actual: value, numerator: value, denominator };
      return { actual: denominator === null ? null : percentOf(value, denominator), numerator: value, denominator };
    }
  }
}
