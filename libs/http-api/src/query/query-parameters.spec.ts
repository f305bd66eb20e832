import { StatsQuerySchema, UnitPathSchema } from '@vigil/contract';
import { ProblemError } from '@vigil/platform';
import { parsePath, parseQuery } from './query-parameters';

function problemOf(parse: () => unknown): { code: string; status: number; paths: string[]; messages: string[] } {
  try {
    parse();
  } catch (error) {
    if (!(error instanceof ProblemError)) throw error;
    return {
      code: error.code,
      status: error.status,
      paths: error.problems!.map((p) => p.path),
      messages: error.problems!.map((p) => p.message),
    };
  }
  throw new Error('expected a problem');
}

describe('parseQuery, the one parameter parser, with the contract’s schemas', () => {
  it('answers typed parameters, a blank one counting as not given', () => {
    expect(
      parseQuery(StatsQuerySchema, { from: '2024-01-01', to: '2024-12-31', category: '', severity: 'serious,very_serious' }),
    ).toEqual({
      from: '2024-01-01',
      to: '2024-12-31',
      severity: ['serious', 'very_serious'],
    });
  });

  it('names every malformed parameter with VALIDATION_FAILED', () => {
    const problem = problemOf(() => parseQuery(StatsQuerySchema, { from: '2024-02-30', to: '2024-01-01', category: 'piracy' }));
    expect([problem.status, problem.code, problem.paths]).toEqual([400, 'VALIDATION_FAILED', ['from', 'category']]);
    expect(problemOf(() => parseQuery(StatsQuerySchema, { to: '2024-01-01', asOf: 'yesterday' })).paths).toEqual([
      'from',
      'asOf',
    ]);
  });

  it('says a parameter given twice must be given once', () => {
    expect(
      problemOf(() => parseQuery(StatsQuerySchema, { from: '2024-01-01', to: '2024-01-02', category: ['drugs', 'cyber'] }))
        .messages,
    ).toEqual(['must be given once, as text']);
  });

  it('rejects an unknown parameter with UNKNOWN_PARAMETER and its name', () => {
    const problem = problemOf(() => parseQuery(StatsQuerySchema, { from: '2024-01-01', to: '2024-01-02', colour: 'red' }));
    expect([problem.status, problem.code, problem.paths]).toEqual([400, 'UNKNOWN_PARAMETER', ['colour']]);
  });

  it('names a malformed path parameter', () => {
    expect(parsePath(UnitPathSchema, { unitId: 'VN-LCI' })).toEqual({ unitId: 'VN-LCI' });
    const problem = problemOf(() => parsePath(UnitPathSchema, { unitId: 'VN LCI!' }));
    expect([problem.status, problem.code, problem.paths]).toEqual([400, 'VALIDATION_FAILED', ['unitId']]);
  });
});
