import { UnitParentHints } from './unit-parent-hints';

describe('UnitParentHints', () => {
  it('names each unit once with the ancestors it knows, and stops at a root or an unknown parent', () => {
    const hints = new UnitParentHints();
    hints.learn('C1', 'D');
    hints.learn('C2', 'D');
    hints.learn('D', 'P');
    hints.learn('P', 'VN');
    hints.learn('VN', null);

    expect(hints.withAncestors(['C1', 'C2', 'X'])).toEqual(['C1', 'D', 'P', 'VN', 'C2', 'X']);
  });

  it('ends the walk should the hints ever hold a cycle', () => {
    const hints = new UnitParentHints();
    hints.learn('A', 'B');
    hints.learn('B', 'A');

    expect(hints.withAncestors(['A'])).toEqual(['A', 'B']);
  });

  it('follows what it learnt last', () => {
    const hints = new UnitParentHints();
    hints.learn('D', 'P');
    hints.learn('D', 'Q');

    expect(hints.withAncestors(['D'])).toEqual(['D', 'Q']);
  });
});
