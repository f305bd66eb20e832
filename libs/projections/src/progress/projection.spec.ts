import { metricValue, type RawFigures } from './metric-value';
import { projectedFigure } from './projection';
import type { MetricName } from '@vigil/contract';

const project = (metric: MetricName, figures: RawFigures, elapsedDays: number, totalDays: number, baselineElapsed?: number) =>
  projectedFigure({ metric, value: metricValue(metric, figures), figures, elapsedDays, totalDays, baselineElapsed });

describe('projectedFigure', () => {
  it('scales counts and sums by total / elapsed days', () => {
    expect(project('cases.opened', { kind: 'count', count: 50 }, 183, 366)).toBe(100);
    expect(project('arrests.persons', { kind: 'sum', sum: 390 }, 183, 366)).toBe(780);
    expect(project('cases.opened', { kind: 'count', count: 1 }, 3, 10)).toBe(3.33);
    // 11 of Paris 2024-03-31's 23 hours, in a 2-day period: 11 × 2 / (11/23) = 46
    expect(project('cases.opened', { kind: 'count', count: 11 }, 11 / 23, 2)).toBe(46);
  });

  it('takes rates and readings as they are', () => {
    expect(project('cases.prosecutionRate', { kind: 'rate', numerator: 241, denominator: 439 }, 10, 366)).toBe(54.9);
    expect(project('cases.prosecutionRate', { kind: 'rate', numerator: 0, denominator: 0 }, 10, 366)).toBeNull();
    expect(project('indicator.value', { kind: 'latest', reading: { value: 120 } }, 10, 366)).toBe(120);
    expect(project('indicator.ratio', { kind: 'latest', reading: { value: 3156, denominator: 3332 } }, 10, 366)).toBe(94.72);
  });

  it('compares a change so far with the baseline over the same elapsed span', () => {
    const soFar = { kind: 'changePct', period: 414, baseline: 439 } as const;
    expect(project('cases.changePct', soFar, 300, 366, 450)).toBe(-8); // 100 × (414 − 450) / 450
    expect(project('cases.changePct', soFar, 300, 366, 430)).toBe(-3.72); // 100 × −16 / 430 = −3.7209…
    expect(project('cases.changePct', soFar, 300, 366, 0)).toBeNull();
    expect(() => project('cases.changePct', soFar, 300, 366)).toThrow(TypeError);
  });

  it('needs some time elapsed', () => {
    expect(() => project('cases.opened', { kind: 'count', count: 0 }, 0, 366)).toThrow(RangeError);
  });
});
