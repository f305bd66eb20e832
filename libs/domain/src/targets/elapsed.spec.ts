import { parseAsOf } from './calendar';
import { baselineElapsedRange, elapsedDays, instantAfterDays, isPeriodOver, periodRange } from './elapsed';

const HCM = 'Asia/Ho_Chi_Minh';
const PARIS = 'Europe/Paris';
const at = (asOf: string, zone = HCM) => parseAsOf(asOf, zone);

describe('periodRange', () => {
  it('covers the first instant of the first date to the first instant after the last', () => {
    expect(periodRange('2024-01-01', '2024-12-31', HCM)).toEqual({
      from: new Date('2023-12-31T17:00:00Z'),
      toExclusive: new Date('2024-12-31T17:00:00Z'),
    });
  });

  it('rejects an end before the start', () => {
    expect(() => periodRange('2024-12-31', '2024-01-01', HCM)).toThrow(RangeError);
  });
});

describe('elapsedDays', () => {
  const year = ['2024-01-01', '2024-12-31'] as const; // 366 days

  it.each([
    ['2023-12-31', 0], // before the period
    ['2024-01-01', 1], // a date: its whole day
    ['2024-07-01', 183], // 31 + 29 + 31 + 30 + 31 + 30 + 1
    ['2024-12-30', 365],
    ['2024-12-31', 366],
    ['2025-06-30', 366], // after the period
    ['2024-01-01T11:59:59.999+07:00', 0.5], // asOf is inclusive: what happened up to 12:00 local
    ['2024-01-01T05:59:59.999+01:00', 0.5], // the same instant written in another offset
    ['2023-12-31T23:59:59.998+07:00', 0],
  ])('as of %s, %p days', (asOf, days) => {
    expect(elapsedDays(...year, at(asOf), HCM)).toBe(days);
  });

  it('counts each day of a DST change as one day, its share by its real length (Paris 2024-03-31: 23 h)', () => {
    const period = ['2024-03-30', '2024-04-01'] as const;
    expect(elapsedDays(...period, at('2024-03-30', PARIS), PARIS)).toBe(1);
    // 11 of 2024-03-31's 23 hours: 23:00Z → 10:00Z
    expect(elapsedDays(...period, at('2024-03-31T11:59:59.999+02:00', PARIS), PARIS)).toBe(1 + 11 / 23);
    expect(elapsedDays(...period, at('2024-03-31', PARIS), PARIS)).toBe(2);
    expect(elapsedDays(...period, at('2024-04-01', PARIS), PARIS)).toBe(3);
  });

  it('takes the share of a 25-hour day by 25 hours (Paris 2024-10-27)', () => {
    // 22:00Z → 12:00Z is 14 of its 25 hours
    expect(elapsedDays('2024-10-27', '2024-10-27', at('2024-10-27T12:59:59.999+01:00', PARIS), PARIS)).toBe(14 / 25);
  });
});

describe('isPeriodOver', () => {
  it('is over from the end of its last day', () => {
    expect(isPeriodOver('2024-12-31', at('2024-12-31'), HCM)).toBe(true);
    expect(isPeriodOver('2024-12-31', at('2024-12-31T23:59:59.999+07:00'), HCM)).toBe(true);
    expect(isPeriodOver('2024-12-31', at('2024-12-31T23:59:59.998+07:00'), HCM)).toBe(false);
    expect(isPeriodOver('2024-12-31', at('2024-12-31T20:00:00Z'), HCM)).toBe(true);
    expect(isPeriodOver('2024-12-31', at('2024-12-30'), HCM)).toBe(false);
  });
});

describe('instantAfterDays', () => {
  it('moves whole days by the calendar and a fraction by the length of its day', () => {
    expect(instantAfterDays('2023-01-01', 182.5, HCM).toISOString()).toBe('2023-07-02T05:00:00.000Z');
    expect(instantAfterDays('2024-03-31', 0.5, PARIS).toISOString()).toBe('2024-03-31T10:30:00.000Z'); // 11.5 of 23 h
    expect(instantAfterDays('2024-03-30', 2, PARIS).toISOString()).toBe('2024-03-31T22:00:00.000Z');
  });
});

describe('baselineElapsedRange', () => {
  const terms = {
    periodStart: '2024-01-01',
    periodEnd: '2024-12-31',
    baselineStart: '2023-01-01',
    baselineEnd: '2023-12-31',
    timeZone: HCM,
  };
  const baselineFrom = new Date('2022-12-31T17:00:00Z');

  it('is the same share of the baseline: 183 of 366 days → 182.5 of 365, to noon of 2023-07-02', () => {
    expect(baselineElapsedRange({ ...terms, asOf: at('2024-07-01') })).toEqual({
      from: baselineFrom,
      toExclusive: new Date('2023-07-02T05:00:00Z'),
    });
  });

  it('is the whole baseline once the period is over, and empty before it begins', () => {
    expect(baselineElapsedRange({ ...terms, asOf: at('2025-03-01') }).toExclusive).toEqual(new Date('2023-12-31T17:00:00Z'));
    expect(baselineElapsedRange({ ...terms, asOf: at('2023-12-31') }).toExclusive).toEqual(baselineFrom);
  });

  it('matches day for day when the lengths are equal', () => {
    const quarter = { ...terms, periodEnd: '2024-03-31', baselineEnd: '2023-03-31', baselineStart: '2023-01-01' }; // 91 and 90 days
    const sameLength = { ...quarter, baselineStart: '2022-12-31' }; // 91 and 91 days
    expect(baselineElapsedRange({ ...sameLength, asOf: at('2024-01-10') }).toExclusive).toEqual(new Date('2023-01-09T17:00:00Z'));
  });
});
