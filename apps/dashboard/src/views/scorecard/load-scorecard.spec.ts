import type { Api } from '../../api/endpoints';
import type { Directive, DirectiveProgress, Target, UnitDetail } from '../../api/types';
import { loadScorecard } from './load-scorecard';

// The tree: ministry M › provinces P and Q; P › commune C. A directive with a target on each.
const target = (targetId: string, unitId: string): Target => ({
  targetId,
  unitId,
  metric: 'cases.opened',
  filter: null,
  comparator: 'atLeast',
  value: 10,
  periodStart: '2024-01-01',
  periodEnd: '2024-12-31',
});
const directive: Directive = {
  directiveId: 'D',
  code: 'SC-138/2024',
  title: 'Plan',
  issuedByUnitId: 'M',
  targets: [target('national', 'M'), target('provincial', 'P'), target('communal', 'C'), target('elsewhere', 'Q')],
};
const unit = (unitId: string, path: string[]): UnitDetail => ({
  unitId,
  name: `${unitId} police`,
  level: 'province',
  parentUnitId: path.at(-1) ?? null,
  path: path.map((id) => ({ unitId: id, name: `${id} police`, level: 'ministry' })),
  children: [],
  parents: [],
});
const TREE: Record<string, UnitDetail> = { M: unit('M', []), P: unit('P', ['M']), Q: unit('Q', ['M']), C: unit('C', ['M', 'P']) };

/** A pure stand-in for the API: progress evaluates every target for `unitId`, its actual the unit's name length. */
function fakeApi(options: { tree: boolean }): Api & { progressCalls: string[] } {
  const progressCalls: string[] = [];
  const api = {
    progressCalls,
    directives: async () => ({ directives: [directive] }),
    unit: async (unitId: string) => {
      const found = TREE[unitId];
      if (!options.tree || !found) throw new Error('404');
      return found;
    },
    progress: async (directiveId: string, unitId: string): Promise<DirectiveProgress> => {
      progressCalls.push(`${directiveId}@${unitId}`);
      return {
        directiveId,
        code: directive.code,
        asOf: '2026-12-05T00:00:00Z',
        targets: directive.targets.map((t) => ({
          ...t,
          unitId,
          actual: unitId.length,
          numerator: 1,
          denominator: null,
          attainmentPct: 10,
          status: 'missed',
        })),
      };
    },
  };
  return api as unknown as Api & { progressCalls: string[] };
}

describe('loadScorecard', () => {
  it('evaluates the targets of the unit and above for the unit, those below for their own unit, and leaves out the rest', async () => {
    const api = fakeApi({ tree: true });
    const scorecard = await loadScorecard(api, 'P', {});
    expect(scorecard.rows.map((row) => [row.target.targetId, row.target.unitId, row.unitName, row.below])).toEqual([
      ['national', 'P', 'P police', false],
      ['provincial', 'P', 'P police', false],
      ['communal', 'C', 'C police', true],
    ]);
    expect(api.progressCalls.sort()).toEqual(['D@C', 'D@P']);
    expect(scorecard.failures).toEqual([]);
  });

  it('evaluates every target for the unit when the deployment does not answer the tree yet', async () => {
    const api = fakeApi({ tree: false });
    const scorecard = await loadScorecard(api, 'P', {});
    expect(scorecard.unit).toBeNull();
    expect(scorecard.rows.map((row) => `${row.target.targetId}@${row.target.unitId}`)).toEqual([
      'national@P',
      'provincial@P',
      'communal@P',
      'elsewhere@P',
    ]);
    expect(scorecard.rows[0]?.unitName).toBe('P');
  });

  it('keeps the directives that answered when one does not', async () => {
    const api = fakeApi({ tree: true });
    api.progress = async (_directiveId, unitId) => {
      throw new Error(`no progress for ${unitId}`);
    };
    const scorecard = await loadScorecard(api, 'P', {});
    expect(scorecard.rows).toEqual([]);
    expect(scorecard.failures.map((failure) => failure.code)).toEqual(['SC-138/2024', 'SC-138/2024']);
  });
});
