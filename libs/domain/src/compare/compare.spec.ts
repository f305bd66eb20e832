import { bucketOf, bucketsOf } from './buckets';
import { countCell, flagOf, poissonZ, rateCell } from './cells';
import { compareWindows, mondayOf, yearEarlier } from './windows';

describe('compare windows (CONTRACT.md §5, Compare)', () => {
  it('maps a date to the same calendar date a year earlier, 29 February to 28 February', () => {
    expect(['2024-06-30', '2024-02-29', '2025-03-01', '2024-01-01'].map(yearEarlier)).toEqual([
      '2023-06-30',
      '2023-02-28',
      '2024-03-01',
      '2023-01-01',
    ]);
  });

  it('takes the Monday of the ISO week (Sunday belongs to the week before)', () => {
    expect(['2024-06-30', '2024-07-01', '2025-01-01', '2024-12-29'].map(mondayOf)).toEqual([
      '2024-06-24',
      '2024-07-01',
      '2024-12-30',
      '2024-12-23',
    ]);
  });

  it('gives week, 28 days, month and year to date ending on a day in June', () => {
    expect(compareWindows('2024-06-30')).toEqual({
      week: { current: { from: '2024-06-24', to: '2024-06-30' }, previous: { from: '2023-06-24', to: '2023-06-30' } },
      '28d': { current: { from: '2024-06-03', to: '2024-06-30' }, previous: { from: '2023-06-03', to: '2023-06-30' } },
      month: { current: { from: '2024-06-01', to: '2024-06-30' }, previous: { from: '2023-06-01', to: '2023-06-30' } },
      ytd: { current: { from: '2024-01-01', to: '2024-06-30' }, previous: { from: '2023-01-01', to: '2023-06-30' } },
    });
  });

  it('lets the week and the 28 days reach into the year before on 1 January (a Wednesday in 2025)', () => {
    expect(compareWindows('2025-01-01')).toEqual({
      week: { current: { from: '2024-12-30', to: '2025-01-01' }, previous: { from: '2023-12-30', to: '2024-01-01' } },
      '28d': { current: { from: '2024-12-05', to: '2025-01-01' }, previous: { from: '2023-12-05', to: '2024-01-01' } },
      month: { current: { from: '2025-01-01', to: '2025-01-01' }, previous: { from: '2024-01-01', to: '2024-01-01' } },
      ytd: { current: { from: '2025-01-01', to: '2025-01-01' }, previous: { from: '2024-01-01', to: '2024-01-01' } },
    });
  });

  it('ends the previous windows on 28 February when at is 29 February', () => {
    const windows = compareWindows('2024-02-29');
    expect([windows.week.previous, windows['28d'].previous, windows.month.previous, windows.ytd.previous]).toEqual([
      { from: '2023-02-26', to: '2023-02-28' },
      { from: '2023-02-02', to: '2023-02-28' },
      { from: '2023-02-01', to: '2023-02-28' },
      { from: '2023-01-01', to: '2023-02-28' },
    ]);
  });

  it('takes in 29 February of the year before when the 28 days of 1 March 2025 start on 2 February', () => {
    expect(compareWindows('2025-03-01')['28d']).toEqual({
      current: { from: '2025-02-02', to: '2025-03-01' },
      previous: { from: '2024-02-02', to: '2024-03-01' },
    });
  });
});

describe('compare cells', () => {
  it('z = 2(√current − √previous), rounded to 2 decimals', () => {
    expect([poissonZ(412, 489), poissonZ(1, 0), poissonZ(0, 0), poissonZ(16, 4)]).toEqual([-3.63, 2, 0, 4]);
  });

  it('flags up from z = 3 and down from z = −3, nothing in between', () => {
    expect([flagOf(3), flagOf(2.99), flagOf(-2.99), flagOf(-3), flagOf(null)]).toEqual(['up', null, null, 'down', null]);
  });

  it('flags 16 against 4 up (z 4) and 9 against 4 not (z 2); 4 against 16 down', () => {
    expect(countCell(16, 4)).toEqual({ current: 16, previous: 4, change: 12, changePct: 300, z: 4, flag: 'up' });
    expect(countCell(9, 4)).toEqual({ current: 9, previous: 4, change: 5, changePct: 125, z: 2, flag: null });
    expect(countCell(4, 16)).toEqual({ current: 4, previous: 16, change: -12, changePct: -75, z: -4, flag: 'down' });
  });

  it('has no changePct against 0', () => {
    expect(countCell(1, 0)).toEqual({ current: 1, previous: 0, change: 1, changePct: null, z: 2, flag: null });
  });

  it('gives a rate’s change in points, exactly, and no changePct nor z', () => {
    expect(rateCell(77.78, 85.71)).toEqual({
      current: 77.78,
      previous: 85.71,
      change: -7.93,
      changePct: null,
      z: null,
      flag: null,
    });
    expect(rateCell(null, 50)).toEqual({ current: null, previous: 50, change: null, changePct: null, z: null, flag: null });
  });
});

describe('series buckets', () => {
  it('puts a date in its day, ISO week (from Monday) and month', () => {
    expect([bucketOf('2025-01-01', 'day'), bucketOf('2025-01-01', 'week'), bucketOf('2025-01-01', 'month')]).toEqual([
      '2025-01-01',
      '2024-12-30',
      '2025-01-01',
    ]);
  });

  it('lists every bucket a range touches, weeks across a year boundary', () => {
    expect(bucketsOf('2024-12-25', '2025-01-08', 'week')).toEqual(['2024-12-23', '2024-12-30', '2025-01-06']);
    expect(bucketsOf('2024-11-15', '2025-02-01', 'month')).toEqual(['2024-11-01', '2024-12-01', '2025-01-01', '2025-02-01']);
    expect(bucketsOf('2024-02-28', '2024-03-01', 'day')).toEqual(['2024-02-28', '2024-02-29', '2024-03-01']);
  });
});
