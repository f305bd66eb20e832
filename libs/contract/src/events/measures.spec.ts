import { exampleWith, parsePosted, pathsAndCodes } from '../testing/envelopes';

describe('measure events', () => {
  it('WeaponsCollected counts 5,172 items', () => {
    expect(parsePosted(exampleWith('WeaponsCollected', { items: 5172, kind: 'support_tool' }))).toMatchObject({
      ok: true,
      value: { data: { items: 5172, kind: 'support_tool' } },
    });
  });

  it('WeaponsCollected refuses zero items and an unknown kind', () => {
    expect(pathsAndCodes(exampleWith('WeaponsCollected', { items: 0, kind: 'knife' }))).toEqual([
      ['/data/items', 'too_small'],
      ['/data/kind', 'invalid_value'],
    ]);
  });

  describe('IndicatorMeasured', () => {
    it('reads 3,083 of 3,332 activated', () => {
      const input = exampleWith('IndicatorMeasured', { indicator: 'eid.level2.activated', value: 3083, denominator: 3332 });
      expect(parsePosted(input)).toMatchObject({ ok: true, value: { data: { value: 3083, denominator: 3332 } } });
    });

    it('takes a reading without denominator, and a zero value', () => {
      expect(
        parsePosted(exampleWith('IndicatorMeasured', { indicator: 'police_hq.completed', value: 0, denominator: undefined })).ok,
      ).toBe(true);
    });

    it('refuses a negative value, a zero denominator and infinities', () => {
      expect(pathsAndCodes(exampleWith('IndicatorMeasured', { value: -1, denominator: 0 }))).toEqual([
        ['/data/value', 'too_small'],
        ['/data/denominator', 'too_small'],
      ]);
      expect(pathsAndCodes(exampleWith('IndicatorMeasured', { value: Infinity }))).toEqual([['/data/value', 'invalid_type']]);
    });
  });

  describe('IncidentRecorded', () => {
    it('takes zero deaths and injuries', () => {
      expect(parsePosted(exampleWith('IncidentRecorded', { kind: 'fire_explosion', deaths: 0, injuries: 0 })).ok).toBe(true);
    });

    it('refuses negative and fractional counts', () => {
      expect(pathsAndCodes(exampleWith('IncidentRecorded', { deaths: -1, injuries: 0.5 }))).toEqual([
        ['/data/deaths', 'too_small'],
        ['/data/injuries', 'invalid_type'],
      ]);
    });
  });
});
