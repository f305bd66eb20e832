import { cutAt, monthsAndDays } from './day-range';

describe('monthsAndDays', () => {
  it('reads a calendar year as twelve months', () => {
    expect(monthsAndDays({ from: '2024-01-01', to: '2024-12-31' })).toEqual({
      months: [
        '2024-01-01',
        '2024-02-01',
        '2024-03-01',
        '2024-04-01',
        '2024-05-01',
        '2024-06-01',
        '2024-07-01',
        '2024-08-01',
        '2024-09-01',
        '2024-10-01',
        '2024-11-01',
        '2024-12-01',
      ],
      days: [],
    });
  });

  it('reads the days at either end of a range that starts and ends inside months, across a leap February', () => {
    expect(monthsAndDays({ from: '2024-01-30', to: '2024-03-02' })).toEqual({
      months: ['2024-02-01'],
      days: ['2024-01-30', '2024-01-31', '2024-03-01', '2024-03-02'],
    });
  });

  it('reads a range inside one month as days, and December into January', () => {
    expect(monthsAndDays({ from: '2024-12-30', to: '2025-01-02' })).toEqual({
      months: [],
      days: ['2024-12-30', '2024-12-31', '2025-01-01', '2025-01-02'],
    });
  });
});

describe('cutAt', () => {
  it('keeps a range ending before the cut, cuts one running past it, and empties one starting after it', () => {
    const range = { from: '2024-01-01', to: '2024-12-31' };
    expect(cutAt(range, '2025-01-01')).toEqual(range);
    expect(cutAt(range, '2024-06-30')).toEqual({ from: '2024-01-01', to: '2024-06-30' });
    expect(cutAt(range, '2023-12-31')).toBeNull();
  });
});
