import { monthRows } from './trend';

describe('monthRows', () => {
  it('puts this year and last year side by side by month, months not reached yet left empty', () => {
    const current = {
      unitId: 'VN',
      figure: 'casesOpened' as const,
      grain: 'month' as const,
      points: [
        { bucket: '2026-01-01', value: 4 },
        { bucket: '2026-02-01', value: 0 },
      ],
    };
    const previous = {
      ...current,
      points: Array.from({ length: 12 }, (_, i) => ({ bucket: `2025-${String(i + 1).padStart(2, '0')}`, value: i })),
    };
    const rows = monthRows(current, previous);
    expect(rows).toHaveLength(12);
    expect(rows[0]).toEqual({ month: 1, current: 4, previous: 0 });
    expect(rows[1]).toEqual({ month: 2, current: 0, previous: 1 });
    expect(rows[11]).toEqual({ month: 12, current: null, previous: 11 });
  });
});
