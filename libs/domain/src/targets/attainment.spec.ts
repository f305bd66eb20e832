import { attainmentPct, comparatorHolds } from './attainment';

describe('attainmentPct', () => {
  it('is 100 × actual / value, rounded half away from zero', () => {
    // CONTRACT.md §4: an atMost reduction target −5.92 met by −32.1 ("exceeding the target by 542 %")
    expect(attainmentPct(-32.1, -5.92)).toBe(542.23);
    expect(attainmentPct(-5.92, -5.92)).toBe(100);
    expect(attainmentPct(-5.69, -5.92)).toBe(96.11);
    expect(attainmentPct(92.53, 88.03)).toBe(105.11);
    expect(attainmentPct(54.9, 60)).toBe(91.5);
    expect(attainmentPct(0, 100)).toBe(0);
    expect(attainmentPct(1, 800)).toBe(0.13);
  });

  it('is null when the actual is null or the value is 0', () => {
    expect(attainmentPct(null, 100)).toBeNull();
    expect(attainmentPct(0, 0)).toBeNull();
    expect(attainmentPct(3, 0)).toBeNull();
  });
});

describe('comparatorHolds', () => {
  it('compares inclusively', () => {
    expect(comparatorHolds('atLeast', 54.9, 54.9)).toBe(true);
    expect(comparatorHolds('atLeast', 54.89, 54.9)).toBe(false);
    expect(comparatorHolds('atMost', -5.92, -5.92)).toBe(true);
    expect(comparatorHolds('atMost', -5.91, -5.92)).toBe(false);
  });

  it('never holds for a null figure', () => {
    expect(comparatorHolds('atLeast', null, 0)).toBe(false);
    expect(comparatorHolds('atMost', null, 0)).toBe(false);
  });
});
