import { asOfMoments, localDate, rankOfShare } from './query-as-of';

describe('the knowledge times of the query mix', () => {
  it('ranks a share of the events as percentile_disc does: the first event with a cumulative share at least that', () => {
    expect(rankOfShare(1 / 3, 9)).toBe(2); // the 3rd of 9 events makes exactly a third
    expect(rankOfShare(1 / 3, 10)).toBe(3); // 3 of 10 is short of a third: the 4th
    expect(rankOfShare(2 / 3, 10)).toBe(6);
    expect(rankOfShare(1 / 2, 1)).toBe(0);
  });

  it('gives the date of an instant in the deployment’s zone', () => {
    expect(localDate('2024-12-31T16:59:59.999Z', 'Asia/Ho_Chi_Minh')).toBe('2024-12-31');
    expect(localDate('2024-12-31T17:00:00.000Z', 'Asia/Ho_Chi_Minh')).toBe('2025-01-01');
  });

  it('asks as of a third and two thirds of the events recorded, and as of the day half had been', () => {
    const sample = {
      third: '2026-12-05T13:35:10.250Z',
      half: '2026-12-05T17:20:00.000Z',
      twoThirds: '2026-12-05T17:36:40.000Z',
    };
    expect(asOfMoments(sample, 'Asia/Ho_Chi_Minh')).toEqual([
      '2026-12-05T13:35:10.250Z',
      '2026-12-05T17:36:40.000Z',
      '2026-12-06',
    ]);
  });
});
