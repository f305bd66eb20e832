import { ProblemError } from '@vigil/platform';
import { z } from 'zod';
import { asOfParam, categoryParam, optionalText, parseQuery, requiredDate } from './query-parameters';

const Schema = z
  .strictObject({ from: requiredDate, to: requiredDate, category: categoryParam, unitId: optionalText, asOf: asOfParam })
  .superRefine(
    ({ from, to }, context) => {
      if (typeof from === 'string' && typeof to === 'string' && to < from)
        context.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
    },
    { when: () => true },
  );

function problemOf(query: Record<string, unknown>): { code: string; paths: string[]; messages: string[] } {
  try {
    parseQuery(Schema, query);
  } catch (error) {
    if (!(error instanceof ProblemError)) throw error;
    return { code: error.code, paths: error.problems!.map((p) => p.path), messages: error.problems!.map((p) => p.message) };
  }
  throw new Error('expected a problem');
}

describe('parseQuery, the one query-parameter parser', () => {
  it('answers valid parameters, a blank one counting as not given', () => {
    expect(parseQuery(Schema, { from: '2024-01-01', to: '2024-12-31', category: '', unitId: 'VN', asOf: '2024-03-01' })).toEqual({
      from: '2024-01-01',
      to: '2024-12-31',
      unitId: 'VN',
      asOf: '2024-03-01',
    });
  });

  it('lists every problem with its parameter as the path, in the order of the parameters', () => {
    const problem = problemOf({ asOf: 'yesterday', category: 'piracy', from: '2024-12-31', to: '2024-01-01' });
    expect([problem.code, problem.paths]).toEqual(['VALIDATION_FAILED', ['to', 'category', 'asOf']]);
    expect(problemOf({ to: '2024-02-30' }).paths).toEqual(['from', 'to']);
  });

  it('says a parameter given twice must be given once', () => {
    expect(problemOf({ from: '2024-01-01', to: '2024-01-02', unitId: ['A', 'B'] }).messages).toEqual(['must be given once']);
  });

  it('rejects an unknown parameter with UNKNOWN_PARAMETER and its name', () => {
    const problem = problemOf({ from: '2024-01-01', to: '2024-01-02', colour: 'red' });
    expect([problem.code, problem.paths, problem.messages]).toEqual([
      'UNKNOWN_PARAMETER',
      ['colour'],
      ['unknown parameter "colour"'],
    ]);
  });
});
