import { periodElapsed, referenceDate } from './calendar';

describe('calendar', () => {
  it('counts the days of a period gone by on a day, both ends included', () => {
    expect(periodElapsed('2024-01-01', '2024-12-31', '2024-01-01')).toEqual({ days: 1, total: 366, pct: 0.3 });
    expect(periodElapsed('2024-01-01', '2024-12-31', '2024-07-01')).toEqual({ days: 183, total: 366, pct: 50 });
    expect(periodElapsed('2024-01-01', '2024-12-31', '2025-03-01')).toEqual({ days: 366, total: 366, pct: 100 });
    expect(periodElapsed('2024-01-01', '2024-12-31', '2023-12-31')).toEqual({ days: 0, total: 366, pct: 0 });
  });

  it('stands on "as at", else on the day "as known at" falls, else today', () => {
    const now = new Date(2026, 11, 5, 12);
    expect(referenceDate({ at: '2024-06-30', asOf: '2024-07-05T03:00:00Z' }, now)).toBe('2024-06-30');
    expect(referenceDate({}, now)).toBe('2026-12-05');
  });
});
