import { exampleWith, parsePosted, pathsAndCodes, problemsOf } from '../testing/envelopes';

describe('case events', () => {
  it.each([0, -1, 1.5, Infinity, Number.NaN])('ArrestMade refuses persons = %p', (persons) => {
    expect(pathsAndCodes(exampleWith('ArrestMade', { persons }))[0]).toEqual(['/data/persons', expect.any(String)]);
  });

  it('ArrestMade counts 390 persons', () => {
    expect(parsePosted(exampleWith('ArrestMade', { persons: 390 }))).toMatchObject({
      ok: true,
      value: { data: { persons: 390 } },
    });
  });

  it('CaseProsecuted needs at least one defendant', () => {
    expect(pathsAndCodes(exampleWith('CaseProsecuted', { defendants: 0 }))).toEqual([['/data/defendants', 'too_small']]);
  });

  describe('CaseReclassified', () => {
    it('accepts a new category alone', () => {
      expect(parsePosted(exampleWith('CaseReclassified', { severity: undefined, category: 'smuggling' })).ok).toBe(true);
    });

    it('accepts both category and severity', () => {
      expect(parsePosted(exampleWith('CaseReclassified', { category: 'drugs', severity: 'especially_serious' })).ok).toBe(true);
    });

    it('needs at least one of category or severity', () => {
      expect(problemsOf(exampleWith('CaseReclassified', { severity: undefined }))).toEqual([
        { path: '/data', message: 'must change at least one of category or severity', code: 'custom' },
      ]);
    });
  });

  it('CaseVoided needs a reason', () => {
    expect(pathsAndCodes(exampleWith('CaseVoided', { reason: undefined }))).toEqual([['/data/reason', 'invalid_type']]);
  });
});
