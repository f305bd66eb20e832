import { exampleWith, parsePosted, pathsAndCodes, problemsOf } from '../testing/envelopes';

const countTarget = {
  metric: 'cases.opened',
  comparator: 'atLeast',
  value: 265,
  filter: { category: 'social_order' },
  baselineStart: undefined,
  baselineEnd: undefined,
};

describe('directive events', () => {
  it('DirectiveIssued takes a code with a slash, which an id may not hold', () => {
    expect(parsePosted(exampleWith('DirectiveIssued', { code: 'SC-138/2024' })).ok).toBe(true);
    expect(pathsAndCodes(exampleWith('DirectiveIssued', { directiveId: 'SC-138/2024' }))).toEqual([
      ['/data/directiveId', 'invalid_format'],
    ]);
  });

  describe('TargetSet', () => {
    it('takes a count target without baseline', () => {
      expect(parsePosted(exampleWith('TargetSet', countTarget))).toMatchObject({
        ok: true,
        value: { data: { metric: 'cases.opened' } },
      });
    });

    it('takes a rate of very serious and especially serious cases', () => {
      const input = exampleWith('TargetSet', {
        ...countTarget,
        metric: 'cases.clearanceRate',
        value: 96.87,
        filter: { severity: ['very_serious', 'especially_serious'] },
      });
      expect(parsePosted(input).ok).toBe(true);
    });

    it('refuses a period ending before it starts', () => {
      const input = exampleWith('TargetSet', { ...countTarget, periodStart: '2024-12-31', periodEnd: '2024-01-01' });
      expect(problemsOf(input)).toEqual([
        { path: '/data/periodEnd', message: 'must not be before periodStart 2024-12-31', code: 'custom' },
      ]);
    });

    it('takes a one-day period', () => {
      expect(
        parsePosted(exampleWith('TargetSet', { ...countTarget, periodStart: '2024-10-31', periodEnd: '2024-10-31' })).ok,
      ).toBe(true);
    });

    it('refuses an impossible period date', () => {
      expect(pathsAndCodes(exampleWith('TargetSet', { ...countTarget, periodEnd: '2024-02-30' }))).toEqual([
        ['/data/periodEnd', 'invalid_format'],
      ]);
    });

    it.each(['cases.changePct', 'incidents.changePct'])('requires both baseline dates for %s', (metric) => {
      const input = exampleWith('TargetSet', { metric, filter: undefined, baselineStart: undefined, baselineEnd: undefined });
      expect(problemsOf(input)).toEqual([
        { path: '/data/baselineStart', message: `is required for metric ${metric}`, code: 'custom' },
        { path: '/data/baselineEnd', message: `is required for metric ${metric}`, code: 'custom' },
      ]);
    });

    it('refuses a baseline ending before it starts', () => {
      const input = exampleWith('TargetSet', { baselineStart: '2023-12-31', baselineEnd: '2023-01-01' });
      expect(pathsAndCodes(input)).toEqual([['/data/baselineEnd', 'custom']]);
    });

    it('refuses half a baseline on any metric', () => {
      const input = exampleWith('TargetSet', { ...countTarget, baselineStart: '2023-01-01' });
      expect(problemsOf(input)).toEqual([
        { path: '/data/baselineEnd', message: 'is required with baselineStart', code: 'custom' },
      ]);
    });

    it('refuses a filter the metric does not take, naming the ones it does', () => {
      const input = exampleWith('TargetSet', {
        ...countTarget,
        metric: 'hotspots.eliminationRate',
        filter: { category: 'drugs', hotspotKind: 'drug_hotspot' },
      });
      expect(problemsOf(input)).toEqual([
        {
          path: '/data/filter/category',
          message: 'does not apply to metric hotspots.eliminationRate (filters it takes: hotspotKind)',
          code: 'custom',
        },
      ]);
    });

    it('refuses any filter on weapons.collected', () => {
      const input = exampleWith('TargetSet', {
        ...countTarget,
        metric: 'weapons.collected',
        filter: { kind: 'traffic_accident' },
      });
      expect(problemsOf(input)).toEqual([
        {
          path: '/data/filter/kind',
          message: 'does not apply to metric weapons.collected (filters it takes: none)',
          code: 'custom',
        },
      ]);
    });

    it('takes the incident kind on incidents.changePct', () => {
      expect(
        parsePosted(exampleWith('TargetSet', { metric: 'incidents.changePct', filter: { kind: 'fire_explosion' } })).ok,
      ).toBe(true);
    });

    it.each(['indicator.ratio', 'indicator.value'])('requires filter.indicator for %s', (metric) => {
      expect(problemsOf(exampleWith('TargetSet', { ...countTarget, metric, filter: undefined }))).toEqual([
        { path: '/data/filter/indicator', message: `is required for metric ${metric}`, code: 'custom' },
      ]);
      expect(
        parsePosted(exampleWith('TargetSet', { ...countTarget, metric, filter: { indicator: 'eid.level2.issued' } })).ok,
      ).toBe(true);
    });

    it('refuses an unknown metric, an unknown filter key and a repeated severity', () => {
      expect(pathsAndCodes(exampleWith('TargetSet', { ...countTarget, metric: 'cases.solved' }))).toEqual([
        ['/data/metric', 'invalid_value'],
      ]);
      expect(pathsAndCodes(exampleWith('TargetSet', { ...countTarget, filter: { region: 'north' } }))).toEqual([
        ['/data/filter/region', 'unrecognized_keys'],
      ]);
      expect(pathsAndCodes(exampleWith('TargetSet', { ...countTarget, filter: { severity: ['serious', 'serious'] } }))).toEqual([
        ['/data/filter/severity', 'custom'],
      ]);
      expect(pathsAndCodes(exampleWith('TargetSet', { ...countTarget, filter: { severity: [] } }))).toEqual([
        ['/data/filter/severity', 'too_small'],
      ]);
    });

    it('refuses an unknown comparator and a non-finite value', () => {
      expect(pathsAndCodes(exampleWith('TargetSet', { ...countTarget, comparator: 'exactly', value: Infinity }))).toEqual([
        ['/data/comparator', 'invalid_value'],
        ['/data/value', 'invalid_type'],
      ]);
    });
  });

  describe('TargetRevised', () => {
    it('takes a new value, a new end, or both', () => {
      expect(parsePosted(exampleWith('TargetRevised', { value: -7.1 })).ok).toBe(true);
      expect(parsePosted(exampleWith('TargetRevised', { value: undefined, periodEnd: '2024-10-31' })).ok).toBe(true);
      expect(parsePosted(exampleWith('TargetRevised', { value: 90, periodEnd: '2024-10-31' })).ok).toBe(true);
    });

    it('needs at least one of them', () => {
      expect(problemsOf(exampleWith('TargetRevised', { value: undefined }))).toEqual([
        { path: '/data', message: 'must revise at least one of value or periodEnd', code: 'custom' },
      ]);
    });
  });

  it('TargetWithdrawn needs a reason that is neither empty nor blank', () => {
    expect(pathsAndCodes(exampleWith('TargetWithdrawn', { reason: '' }))).toEqual([['/data/reason', 'too_small']]);
    expect(pathsAndCodes(exampleWith('TargetWithdrawn', { reason: ' \u00a0 ' }))).toEqual([['/data/reason', 'invalid_format']]);
  });
});
