import { periodRange } from '../progress';
import { splitByMonths } from './month-split';

const HCM = 'Asia/Ho_Chi_Minh';
const iso = (range: { from: Date; toExclusive: Date }) => [range.from.toISOString(), range.toExclusive.toISOString()];

describe('splitByMonths', () => {
  it('reads a calendar year as its twelve months, nothing left over', () => {
    const split = splitByMonths(periodRange('2024-01-01', '2024-12-31', HCM), HCM);
    expect(split.months).toEqual(Array.from({ length: 12 }, (_, i) => `2024-${String(i + 1).padStart(2, '0')}-01`));
    expect(split.rest).toEqual([]);
  });

  it('leaves the days before the first whole month and after the last one', () => {
    const split = splitByMonths(periodRange('2024-03-10', '2024-06-11', HCM), HCM);
    expect(split.months).toEqual(['2024-04-01', '2024-05-01']);
    expect(split.rest.map(iso)).toEqual([
      ['2024-03-09T17:00:00.000Z', '2024-03-31T17:00:00.000Z'],
      ['2024-05-31T17:00:00.000Z', '2024-06-11T17:00:00.000Z'],
    ]);
  });

  it('keeps a range inside one month whole, and one ending mid-day after its last whole month', () => {
    expect(splitByMonths(periodRange('2024-02-03', '2024-02-20', HCM), HCM).months).toEqual([]);
    const running = splitByMonths({ from: new Date('2023-12-31T17:00:00Z'), toExclusive: new Date('2024-02-01T05:00:00Z') }, HCM);
    expect(running.months).toEqual(['2024-01-01']);
    expect(running.rest.map(iso)).toEqual([['2024-01-31T17:00:00.000Z', '2024-02-01T05:00:00.000Z']]);
  });

  it('has nothing to read for an empty range', () => {
    const at = new Date('2024-02-01T05:00:00Z');
    expect(splitByMonths({ from: at, toExclusive: at }, HCM)).toEqual({ months: [], rest: [] });
  });
});
