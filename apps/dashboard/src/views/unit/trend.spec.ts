import { monthRows } from './trend';

describe('monthRows', () => {
  it('puts this year and last year side by side by month, months not reached yet and rates of nothing left empty', () => {
    const points = [
      ...Array.from({ length: 12 }, (_, i) => ({ bucket: `2025-${String(i + 1).padStart(2, '0')}-01`, value: i })),
      { bucket: '2026-01-01', value: 4 },
      { bucket: '2026-02-01', value: null },
      { bucket: '2026-03-01', value: 0 },
    ];
    const rows = monthRows({ unitId: 'VN', figure: 'clearanceRate', grain: 'month', points }, 2026);
    expect(rows).toHaveLength(12);
    expect(rows.slice(0, 4)).toEqual([
      { month: 1, current: 4, previous: 0 },
      { month: 2, current: null, previous: 1 },
      { month: 3, current: 0, previous: 2 },
      { month: 4, current: null, previous: 3 },
    ]);
    expect(rows[11]).toEqual({ month: 12, current: null, previous: 11 });
  });
});
