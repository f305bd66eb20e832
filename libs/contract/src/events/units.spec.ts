import { exampleWith, parsePosted, pathsAndCodes, problemsOf } from '../testing/envelopes';

describe('unit events', () => {
  describe('UnitRegistered', () => {
    it('registers the ministry with no parent', () => {
      const input = exampleWith('UnitRegistered', {
        unitId: 'VN',
        name: 'Ministry of Public Security',
        level: 'ministry',
        parentUnitId: null,
      });
      expect(parsePosted(input)).toMatchObject({ ok: true, value: { data: { unitId: 'VN', parentUnitId: null } } });
    });

    it('requires a parent below the ministry', () => {
      const input = exampleWith('UnitRegistered', { unitId: 'VN-LCI', level: 'province', parentUnitId: null });
      expect(problemsOf(input)).toEqual([{ path: '/data/parentUnitId', message: 'is required for a province', code: 'custom' }]);
    });

    it('refuses a parent for the ministry', () => {
      const input = exampleWith('UnitRegistered', { unitId: 'VN', level: 'ministry', parentUnitId: 'VN-LCI' });
      expect(problemsOf(input)).toEqual([{ path: '/data/parentUnitId', message: 'must be null for a ministry', code: 'custom' }]);
    });

    it('requires parentUnitId to be present, even as null', () => {
      expect(pathsAndCodes(exampleWith('UnitRegistered', { parentUnitId: undefined }))).toEqual([
        ['/data/parentUnitId', 'invalid_type'],
      ]);
    });

    it('rejects an unknown level and a blank name', () => {
      expect(pathsAndCodes(exampleWith('UnitRegistered', { level: 'ward', name: '   ' }))).toEqual([
        ['/data/name', 'invalid_format'],
        ['/data/level', 'invalid_value'],
      ]);
    });
  });

  describe('UnitReassigned', () => {
    it('takes the new parent', () => {
      expect(parsePosted(exampleWith('UnitReassigned', {}))).toMatchObject({
        ok: true,
        value: { data: { parentUnitId: 'VN-LCI' } },
      });
    });

    it('refuses a null parent', () => {
      expect(pathsAndCodes(exampleWith('UnitReassigned', { parentUnitId: null }))).toEqual([
        ['/data/parentUnitId', 'invalid_type'],
      ]);
    });
  });
});
