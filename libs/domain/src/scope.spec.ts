import { isWithinScope, parentsFrom, parentsOfUnits, unitsOutsideScope, writeOutsideScope } from './scope';
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
