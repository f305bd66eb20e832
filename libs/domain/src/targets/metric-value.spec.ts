import { changePctOf, metricValue } from './metric-value';

describe('metricValue', () => {
  it('answers a count or a sum as it is', () => {
    // "265 cases of social-order offences, 390 persons arrested"
    expect(metricValue('cases.opened', { kind: 'count', count: 265 })).toEqual({
      actual: 265,
      numerator: 265,
      denominator: null,
    });
    expect(metricValue('arrests.persons', { kind: 'sum', sum: 390 })).toEqual({ actual: 390, numerator: 390, denominator: null });
    expect(metricValue('weapons.collected', { kind: 'sum', sum: 5172 })).toEqual({
      actual: 5172,
      numerator: 5172,
      denominator: null,
    });
  });

  it('answers a rate as 100 × numerator / denominator, rounded, with the exact figures', () => {
    expect(metricValue('cases.prosecutionRate', { kind: 'rate', numerator: 241, denominator: 439 })).toEqual({
      actual: 54.9,
      numerator: 241,
      denominator: 439,
    });
    expect(metricValue('hotspots.transformationRate', { kind: 'rate', numerator: 3, denominator: 4 })).toEqual({
      actual: 75,
      numerator: 3,
      denominator: 4,
    });
  });

  it('answers a rate over nothing as null, keeping the figures', () => {
    expect(metricValue('cases.clearanceRate', { kind: 'rate', numerator: 0, denominator: 0 })).toEqual({
      actual: null,
      numerator: 0,
      denominator: 0,
    });
  });

  it('answers a change as 100 × (period − baseline) / baseline, over the change and the baseline', () => {
    // a 5.92 % reduction: 439 → 413
    expect(metricValue('cases.changePct', { kind: 'changePct', period: 413, baseline: 439 })).toEqual({
      actual: -5.92,
      numerator: -26,
      denominator: 439,
    });
    // "fires and explosions down 7 cases, 22.6 %": 31 → 24
    expect(metricValue('incidents.changePct', { kind: 'changePct', period: 24, baseline: 31 })).toEqual({
      actual: -22.58,
      numerator: -7,
      denominator: 31,
    });
    // "433 cases … of drug crimes, up 37 %": 316 → 433
    expect(metricValue('cases.changePct', { kind: 'changePct', period: 433, baseline: 316 })).toEqual({
      actual: 37.03,
      numerator: 117,
      denominator: 316,
    });
    // "down 32.1 %": 1,000 → 679
    expect(metricValue('cases.changePct', { kind: 'changePct', period: 679, baseline: 1000 }).actual).toBe(-32.1);
  });

  it('answers a change from an empty baseline as null', () => {
    expect(metricValue('incidents.changePct', { kind: 'changePct', period: 5, baseline: 0 })).toEqual({
      actual: null,
      numerator: 5,
      denominator: 0,
    });
  });

  it('reads indicator.value and indicator.ratio from the latest reading', () => {
    const eid = { kind: 'latest', reading: { value: 3156, denominator: 3332 } } as const;
    expect(metricValue('indicator.ratio', eid)).toEqual({ actual: 94.72, numerator: 3156, denominator: 3332 });
    expect(metricValue('indicator.value', eid)).toEqual({ actual: 3156, numerator: 3156, denominator: 3332 });
    const hq = { kind: 'latest', reading: { value: 135 } } as const;
    expect(metricValue('indicator.value', hq)).toEqual({ actual: 135, numerator: 135, denominator: null });
    expect(metricValue('indicator.ratio', { kind: 'latest', reading: { value: 135, denominator: 135 } }).actual).toBe(100);
  });

  it('does not round a reading, only a percentage', () => {
    expect(metricValue('indicator.value', { kind: 'latest', reading: { value: 3.14159 } }).actual).toBe(3.14159);
    expect(metricValue('indicator.ratio', { kind: 'latest', reading: { value: 0.01005, denominator: 1 } }).actual).toBe(1.01);
  });

  it('answers null without a reading, or a ratio without a denominator', () => {
    expect(metricValue('indicator.value', { kind: 'latest', reading: null })).toEqual({
      actual: null,
      numerator: null,
      denominator: null,
    });
    expect(metricValue('indicator.ratio', { kind: 'latest', reading: { value: 135 } })).toEqual({
      actual: null,
      numerator: 135,
      denominator: null,
    });
    expect(metricValue('indicator.ratio', { kind: 'latest', reading: { value: 3, denominator: 0 } }).actual).toBeNull();
  });

  it('refuses figures of another kind than the metric', () => {
    expect(() => metricValue('cases.clearanceRate', { kind: 'count', count: 3 })).toThrow(
      'metric cases.clearanceRate is a rate, but got figures of a count',
    );
    expect(() => metricValue('arrests.persons', { kind: 'count', count: 3 })).toThrow(TypeError);
  });

  it('refuses a figure that is not a finite number', () => {
    expect(() => metricValue('cases.opened', { kind: 'count', count: Number.NaN })).toThrow(RangeError);
  });
});

describe('changePctOf', () => {
  it('is exact, then rounded', () => {
    expect(changePctOf(413, 439)).toBe(-5.92);
    expect(changePctOf(414, 439)).toBe(-5.69);
    expect(changePctOf(801, 800)).toBe(0.13); // 0.125 exactly, half away from zero
    expect(changePctOf(799, 800)).toBe(-0.13);
    expect(changePctOf(439, 439)).toBe(0);
    expect(changePctOf(1, 0)).toBeNull();
  });
});
