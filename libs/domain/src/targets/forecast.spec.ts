import { metricValue, type RawFigures } from './metric-value';
import { forecastFigure } from './forecast';
import type { MetricName } from '@vigil/contract';

const forecast = (metric: MetricName, figures: RawFigures, elapsedDays: number, totalDays: number, baselineElapsed?: number) =>
  forecastFigure({ metric, value: metricValue(metric, figures), figures, elapsedDays, totalDays, baselineElapsed });

describe('forecastFigure', () => {
  it('scales counts and sums by total / elapsed days', () => {
    expect(forecast('cases.opened', { kind: 'count', count: 50 }, 183, 366)).toBe(100);
    expect(forecast('arrests.persons', { kind: 'sum', sum: 390 }, 183, 366)).toBe(780);
    expect(forecast('cases.opened', { kind: 'count', count: 1 }, 3, 10)).toBe(3.33);
    // 11 of Paris 2024-03-31's 23 hours, in a 2-day period: 11 × 2 / (11/23) = 46
    expect(forecast('cases.opened', { kind: 'count', count: 11 }, 11 / 23, 2)).toBe(46);
  });

  it('takes rates and readings as they are', () => {
    expect(forecast('cases.prosecutionRate', { kind: 'rate', numerator: 241, denominator: 439 }, 10, 366)).toBe(54.9);
    expect(forecast('cases.prosecutionRate', { kind: 'rate', numerator: 0, denominator: 0 }, 10, 366)).toBeNull();
    expect(forecast('indicator.value', { kind: 'latest', reading: { value: 120 } }, 10, 366)).toBe(120);
    expect(forecast('indicator.ratio', { kind: 'latest', reading: { value: 3156, denominator: 3332 } }, 10, 366)).toBe(94.72);
  });

  it('compares a change so far with the baseline over the same elapsed span', () => {
    const soFar = { kind: 'changePct', period: 414, baseline: 439 } as const;
    expect(forecast('cases.changePct', soFar, 300, 366, 450)).toBe(-8); // 100 × (414 − 450) / 450
    expect(forecast('cases.changePct', soFar, 300, 366, 430)).toBe(-3.72); // 100 × −16 / 430 = −3.7209…
    expect(forecast('cases.changePct', soFar, 300, 366, 0)).toBeNull();
    expect(() => forecast('cases.changePct', soFar, 300, 366)).toThrow(TypeError);
  });

  it('needs some time elapsed', () => {
    expect(() => forecast('cases.opened', { kind: 'count', count: 0 }, 0, 366)).toThrow(RangeError);
  });
});
