import { knownRanges, spanStart } from './known-levels';

const at = (iso: string) => Date.parse(iso);

describe('the knowledge levels an asOf reads', () => {
  it('splits the time before an instant into whole days, hours, minutes, tens of seconds and seconds, then its own second', () => {
    const ranges = knownRanges(at('2024-05-10T14:37:25.250Z'));
    expect(ranges.levels).toEqual([
      { level: 'D', from: -Infinity, to: at('2024-05-10T00:00:00Z') },
      { level: 'h', from: at('2024-05-10T00:00:00Z'), to: at('2024-05-10T14:00:00Z') },
      { level: 'm', from: at('2024-05-10T14:00:00Z'), to: at('2024-05-10T14:37:00Z') },
      { level: 't', from: at('2024-05-10T14:37:00Z'), to: at('2024-05-10T14:37:20Z') },
      { level: 's', from: at('2024-05-10T14:37:20Z'), to: at('2024-05-10T14:37:25Z') },
    ]);
    expect(ranges.rawFrom).toBe(at('2024-05-10T14:37:25Z'));
  });

  it('on a day boundary, reads the days before it and the raw deltas of its first second', () => {
    const midnight = at('2024-05-10T00:00:00Z');
    const ranges = knownRanges(midnight);
    expect(ranges.levels).toEqual([
      { level: 'D', from: -Infinity, to: midnight },
      { level: 'h', from: midnight, to: midnight },
      { level: 'm', from: midnight, to: midnight },
      { level: 't', from: midnight, to: midnight },
      { level: 's', from: midnight, to: midnight },
    ]);
    expect(ranges.rawFrom).toBe(midnight);
  });

  it('starts spans in UTC, before 1970 too, and leaves infinities as they are', () => {
    expect(spanStart(at('1969-12-31T23:59:59.500Z'), 1_000)).toBe(at('1969-12-31T23:59:59Z'));
    expect(spanStart(at('2024-05-10T14:37:25.250Z'), 3_600_000)).toBe(at('2024-05-10T14:00:00Z'));
    expect(spanStart(-Infinity, 60_000)).toBe(-Infinity);
  });
});
