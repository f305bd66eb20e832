import type { Api } from '../../api/endpoints';
import type { Directive, ProgressAnswer, Target, UnitDetailAnswer } from '../../api/types';
import { loadScorecard } from './load-scorecard';

// The tree: ministry M › provinces P and Q; P › commune C. A directive with a target on each.
const PARENT: Record<string, string | null> = { M: null, P: 'M', Q: 'M', C: 'P' };
const pathOf = (unitId: string): string[] => {
  const parent = PARENT[unitId];
  return parent ? [...pathOf(parent), parent] : [];
};
const target = (targetId: string, unitId: string): Target => ({
  directiveId: 'D',
  targetId,
  unitId,
  metric: 'cases.opened',
  filter: null,
  comparator: 'atLeast',
  value: 10,
  periodStart: '2024-01-01',
  periodEnd: '2024-12-31',
  baselineStart: null,
  baselineEnd: null,
});
const directive: Directive = {
  directiveId: 'D',
  code: 'SC-138/2024',
  title: 'Plan',
  issuedByUnitId: 'M',
  targets: [target('national', 'M'), target('provincial', 'P'), target('communal', 'C'), target('elsewhere', 'Q')],
};
const unit = (unitId: string): UnitDetailAnswer => ({
  unitId,
  name: `${unitId} police`,
  level: 'province',
  parentUnitId: PARENT[unitId] ?? null,
  path: pathOf(unitId).map((id) => ({ unitId: id, name: `${id} police`, level: 'ministry' })),
  children: [],
  parents: [{ parentUnitId: PARENT[unitId] ?? null, validFrom: null, recordedAt: '2024-01-01T00:00:00.000Z' }],
});

/**
 * A pure stand-in for the API as CONTRACT §5 1.1 describes it for a caller of `root`: progress with
 * `unitId` evaluates every target for it; without, each target for its own unit, or for an analyst's
 * root when the target's unit lies above it. A target's actual is the length of the unit it was evaluated for.
 */
function fakeApi(role: 'analyst' | 'operator', root: string) {
  const progressCalls: string[] = [];
  const api = {
    directives: async () => ({ directives: [directive] }),
    unit: async (unitId: string) => unit(unitId),
    progress: async (directiveId: string, unitId: string | undefined): Promise<ProgressAnswer> => {
      progressCalls.push(`${directiveId}@${unitId ?? '-'}`);
      const evaluatedFor = (own: string) => unitId ?? (role === 'analyst' && pathOf(root).includes(own) ? root : own);
      return {
        directiveId,
        code: directive.code,
        asOf: '2026-12-05T00:00:00.000Z',
        targets: directive.targets.map(({ directiveId: _d, baselineStart: _s, baselineEnd: _e, ...terms }) => {
          const forUnit = evaluatedFor(terms.unitId);
          return {
            ...terms,
            unitId: forUnit,
            actual: forUnit.length,
            numerator: 1,
            denominator: null,
            attainmentPct: 10,
            status: 'missed',
          };
        }),
      };
    },
  };
  return { api: api as unknown as Api, progressCalls };
}

const shown = (rows: Awaited<ReturnType<typeof loadScorecard>>['rows']) =>
  rows.map((row) => [row.target.targetId, row.target.unitId, row.unitName, row.below]);

describe('loadScorecard', () => {
  it('for the analyst’s own root: one progress per directive, targets above evaluated for it, those below for their unit', async () => {
    const { api, progressCalls } = fakeApi('analyst', 'P');
    const scorecard = await loadScorecard(api, { role: 'analyst', unit: 'P' }, 'P', {});
    expect(shown(scorecard.rows)).toEqual([
      ['national', 'P', 'P police', false],
      ['provincial', 'P', 'P police', false],
      ['communal', 'C', 'C police', true],
    ]);
    expect(progressCalls).toEqual(['D@-']);
    expect(scorecard.failures).toEqual([]);
  });

  it('for a unit below the root: targets at or above it from progress?unitId=, those below from progress, none elsewhere', async () => {
    const { api, progressCalls } = fakeApi('analyst', 'M');
    const scorecard = await loadScorecard(api, { role: 'analyst', unit: 'M' }, 'P', {});
    expect(shown(scorecard.rows)).toEqual([
      ['national', 'P', 'P police', false],
      ['provincial', 'P', 'P police', false],
      ['communal', 'C', 'C police', true],
    ]);
    expect(progressCalls.sort()).toEqual(['D@-', 'D@P']);
  });

  it('asks no progress for targets elsewhere: a province seen from the ministry evaluates no other province’s target', async () => {
    const { api, progressCalls } = fakeApi('analyst', 'M');
    const scorecard = await loadScorecard(api, { role: 'analyst', unit: 'M' }, 'Q', {});
    expect(shown(scorecard.rows)).toEqual([
      ['national', 'Q', 'Q police', false],
      ['elsewhere', 'Q', 'Q police', false],
    ]);
    expect(progressCalls).toEqual(['D@Q']);
  });

  it('for an operator, whose progress evaluates every target for its own unit, the same', async () => {
    const { api } = fakeApi('operator', 'M');
    const scorecard = await loadScorecard(api, { role: 'operator', unit: 'M' }, 'M', {});
    expect(shown(scorecard.rows)).toEqual([
      ['national', 'M', 'M police', false],
      ['provincial', 'P', 'P police', true],
      ['communal', 'C', 'C police', true],
      ['elsewhere', 'Q', 'Q police', true],
    ]);
  });

  it('keeps the directives that answered when one does not, and names the one that did not', async () => {
    const { api } = fakeApi('analyst', 'M');
    api.progress = async (_directiveId, unitId) => {
      throw new Error(`no progress for ${unitId}`);
    };
    const scorecard = await loadScorecard(api, { role: 'analyst', unit: 'M' }, 'P', {});
    expect(scorecard.rows).toEqual([]);
    expect(scorecard.failures.map((failure) => failure.code)).toEqual(['SC-138/2024', 'SC-138/2024']);
  });
});
