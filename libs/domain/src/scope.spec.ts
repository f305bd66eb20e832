import {
  isVisibleUnit,
  isWithinScope,
  parentsFrom,
  parentsOfUnits,
  placementOf,
  unitsOutsideScope,
  visibleDirective,
  writeOutsideScope,
} from './scope';
import { TREE } from './testing/fixtures';

const units = new Map(Object.values(TREE).map((unit) => [unit.unitId, unit]));

describe('scope: a caller sees and writes its unit and the units under it', () => {
  describe('given the tree as loaded unit states', () => {
    const parentOf = parentsOfUnits(units);

    it('holds the root itself and every unit under it, at any depth', () => {
      expect(isWithinScope(parentOf, 'VN-LCI', 'VN-LCI')).toBe(true);
      expect(isWithinScope(parentOf, 'VN-LCI', 'VN-LCI-LCC-COCSAN')).toBe(true);
    });

    it('holds neither a sibling nor an ancestor, nor a unit the tree does not know', () => {
      expect(isWithinScope(parentOf, 'VN-LCI', 'VN-YBI')).toBe(false);
      expect(isWithinScope(parentOf, 'VN-LCI', 'VN')).toBe(false);
      expect(isWithinScope(parentOf, 'VN-LCI', 'VN-NOWHERE')).toBe(false);
    });
  });

  describe('given the parents a read model answered', () => {
    const parentOf = parentsFrom(
      new Map([
        ['C', 'D'],
        ['D', 'P'],
        ['P', null],
        ['X', 'Y'],
        ['Y', 'X'],
      ]),
    );

    it('lists the units outside an analyst’s scope, and none for an operator', () => {
      expect(unitsOutsideScope({ role: 'analyst', unit: 'D' }, parentOf, ['C', 'D', 'P', 'X'])).toEqual(['P', 'X']);
      expect(unitsOutsideScope({ role: 'operator', unit: 'D' }, parentOf, ['C', 'D', 'P', 'X'])).toEqual([]);
    });

    it('ends the walk on a cycle', () => {
      expect(isWithinScope(parentOf, 'P', 'X')).toBe(false);
    });
  });

  describe('a write', () => {
    const upstream = { role: 'upstream', unit: 'VN-LCI' };

    it('is in scope when every unit it touches is under the caller’s unit', () => {
      expect(writeOutsideScope(upstream, units, ['VN-LCI-LCC', 'VN-LCI-LCC-COCSAN'])).toBeUndefined();
    });

    it('names the first unit outside, and null for above every unit (registering a ministry)', () => {
      expect(writeOutsideScope(upstream, units, ['VN-LCI-LCC', 'VN-YBI'])).toBe('VN-YBI');
      expect(writeOutsideScope(upstream, units, [null])).toBeNull();
    });

    it('leaves a unit registered nowhere to the rules (UNIT_NOT_FOUND), and lets an operator write anywhere', () => {
      expect(writeOutsideScope(upstream, units, ['VN-NOWHERE'])).toBeUndefined();
      expect(writeOutsideScope({ role: 'operator', unit: 'VN-LCI' }, units, [null, 'VN-YBI'])).toBeUndefined();
    });
  });
});

describe('directives an analyst may see (CONTRACT.md §5 1.1, Scope)', () => {
  // VN › P › D › C, and VN › Q (another province).
  const parentOf = parentsFrom(
    new Map([
      ['VN', null],
      ['P', 'VN'],
      ['D', 'P'],
      ['C', 'D'],
      ['Q', 'VN'],
    ]),
  );
  const analyst = { role: 'analyst', unit: 'D' };
  const target = (targetId: string, unitId: string) => ({ targetId, unitId });

  it('places a unit within the scope, on the path above its root, or outside', () => {
    expect(['D', 'C', 'P', 'VN', 'Q', 'NOWHERE'].map((unit) => placementOf(parentOf, 'D', unit))).toEqual([
      'within',
      'within',
      'above',
      'above',
      'outside',
      'outside',
    ]);
    expect(['C', 'VN', 'Q'].map((unit) => isVisibleUnit(analyst, parentOf, unit))).toEqual([true, true, false]);
    expect(isVisibleUnit({ role: 'operator', unit: 'D' }, parentOf, 'Q')).toBe(true);
  });

  it('shows a directive issued above, evaluating a target above its root for the root and leaving out one elsewhere', () => {
    const visible = visibleDirective(analyst, parentOf, {
      issuedByUnitId: 'VN',
      targets: [target('T-VN', 'VN'), target('T-C', 'C'), target('T-Q', 'Q')],
    });
    expect(visible?.map(({ target: t, evaluatedFor }) => [t.targetId, evaluatedFor])).toEqual([
      ['T-VN', 'D'],
      ['T-C', 'C'],
    ]);
  });

  it('shows a directive issued elsewhere only for a target in its subtree', () => {
    expect(visibleDirective(analyst, parentOf, { issuedByUnitId: 'Q', targets: [target('T-Q', 'Q')] })).toBeNull();
    expect(
      visibleDirective(analyst, parentOf, { issuedByUnitId: 'Q', targets: [target('T-Q', 'Q'), target('T-C', 'C')] })?.map(
        ({ target: t }) => t.targetId,
      ),
    ).toEqual(['T-C']);
  });

  it('shows a directive issued in its subtree even without targets, and everything to an operator', () => {
    expect(visibleDirective(analyst, parentOf, { issuedByUnitId: 'C', targets: [] })).toEqual([]);
    expect(
      visibleDirective({ role: 'operator', unit: 'C' }, parentOf, { issuedByUnitId: 'Q', targets: [target('T-Q', 'Q')] }),
    ).toEqual([{ target: target('T-Q', 'Q'), evaluatedFor: 'Q' }]);
  });
});
