import { affectedRoots } from './rollup-guard';

describe('affectedRoots', () => {
  it('moves nothing when the unit stays under the same province and ministry (a district abolished)', () => {
    expect(affectedRoots(['VN VN-LCI'], ['VN VN-LCI'])).toEqual([]);
  });

  it('moves facts between the two provinces, not the ministry, when a commune changes province', () => {
    expect(affectedRoots(['VN VN-LCI'], ['VN VN-QNH']).sort()).toEqual(['VN-LCI', 'VN-QNH']);
  });

  it('brings a newly registered unit under both roots', () => {
    expect(affectedRoots([], ['VN VN-LCI']).sort()).toEqual(['VN', 'VN-LCI']);
  });

  it('counts every root when a side spans several chains over time', () => {
    expect(affectedRoots(['VN VN-LCI'], ['VN VN-LCI', 'VN VN-QNH']).sort()).toEqual(['VN', 'VN-LCI', 'VN-QNH']);
  });
});
