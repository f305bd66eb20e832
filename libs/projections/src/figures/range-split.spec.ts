import { periodRange } from '@vigil/domain';
import { splitRange } from './range-split';

const HCM = 'Asia/Ho_Chi_Minh';
const iso = (range: { from: Date; toExclusive: Date }) => [range.from.toISOString(), range.toExclusive.toISOString()];

describe('splitRange', () => {
  it('reads a calendar year as its twelve months, nothing left over', () => {
    const split = splitRange(periodRange('2024-01-01', '2024-12-31', HCM), HCM);
    expect(split.months).toEqual(Array.from({ length: 12 }, (_, i) => `2024-${String(i + 1).padStart(2, '0')}-01`));
    expect([split.days, split.rest]).toEqual([[], []]);
  });

  it('reads the whole days before the first whole month and after the last one', () => {
    const split = splitRange(periodRange('2024-03-29', '2024-06-02', HCM), HCM);
    expect(split.months).toEqual(['2024-04-01', '2024-05-01']);
    expect(split.days).toEqual(['2024-03-29', '2024-03-30', '2024-03-31', '2024-06-01', '2024-06-02']);
    expect(split.rest).toEqual([]);
  });

  it('leaves the hours of a day a range starts or ends in', () => {
    const running = splitRange({ from: new Date('2024-01-30T05:00:00Z'), toExclusive: new Date('2024-03-02T05:00:00Z') }, HCM);
    expect(running.months).toEqual(['2024-02-01']);
    expect(running.days).toEqual(['2024-01-31', '2024-03-01']);
    expect(running.rest.map(iso)).toEqual([
      ['2024-01-30T05:00:00.000Z', '2024-01-30T17:00:00.000Z'],
      ['2024-03-01T17:00:00.000Z', '2024-03-02T05:00:00.000Z'],
    ]);
  });

  it('has nothing to read for an empty range, and only the rest for a range within a day', () => {
    const at = new Date('2024-02-01T05:00:00Z');
    expect(splitRange({ from: at, toExclusive: at }, HCM)).toEqual({ months: [], days: [], rest: [] });
    const hours = { from: at, toExclusive: new Date('2024-02-01T09:00:00Z') };
    expect(splitRange(hours, HCM)).toEqual({ months: [], days: [], rest: [hours] });
  });
});
