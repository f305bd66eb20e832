import { countsSomething, verdictOf } from './query-answers';
import type { QueryRequest } from './query-mix';

const progress: QueryRequest = { kind: 'progress', path: '/v1/directives/RES-12/progress', params: {} };
const progressAsOf: QueryRequest = { ...progress, params: { asOf: '2026-12-05T13:35:10.250Z' } };
const stats: QueryRequest = { kind: 'stats', path: '/v1/units/VN/stats', params: { from: '2025-01-01', to: '2025-12-31' } };
const compare: QueryRequest = { kind: 'compare', path: '/v1/units/VN/compare', params: { at: '2025-12-31' } };
const series: QueryRequest = { kind: 'series', path: '/v1/units/VN/series', params: { figure: 'casesOpened' } };

const statsAnswer = (casesOpened: number) => ({
  unitId: 'VN',
  from: '2025-01-01',
  to: '2025-12-31',
  casesOpened,
  casesCleared: 0,
  hotspots: { identified: 0, listed: 0 },
  incidents: { count: 0, deaths: 0 },
});

describe('verdictOf', () => {
  it('times progress that answers a target, and leaves out one that answers none', () => {
    expect(verdictOf(progress, 200, { directiveId: 'RES-12', targets: [{ targetId: 't' }] })).toEqual({ kind: 'evaluated' });
    expect(verdictOf(progressAsOf, 200, { directiveId: 'RES-12', targets: [] })).toEqual({ kind: 'nothing to evaluate' });
  });

  it('times stats, compare and series that count something, and leaves out answers of zeros only', () => {
    expect(verdictOf(stats, 200, statsAnswer(3))).toEqual({ kind: 'evaluated' });
    expect(verdictOf(stats, 200, statsAnswer(0))).toEqual({ kind: 'nothing to evaluate' });
    const row = (current: number) => ({ figure: 'casesOpened', ytd: { current, previous: 0, change: current, z: null } });
    expect(verdictOf(compare, 200, { unitId: 'VN', at: '2025-12-31', rows: [row(0), row(4)] })).toEqual({ kind: 'evaluated' });
    expect(verdictOf(compare, 200, { unitId: 'VN', at: '2025-12-31', rows: [row(0)] })).toEqual({ kind: 'nothing to evaluate' });
    const points = (value: number | null) => [{ bucket: '2025-01-01', value }];
    expect(verdictOf(series, 200, { unitId: 'VN', points: points(2) })).toEqual({ kind: 'evaluated' });
    expect(verdictOf(series, 200, { unitId: 'VN', points: points(null) })).toEqual({ kind: 'nothing to evaluate' });
  });

  it('tells a route the service does not have from a directive or unit not known yet as of the moment asked', () => {
    const cannotGet = { status: 404, code: 'NOT_FOUND', detail: 'Cannot GET /v1/units/VN/compare?at=2025-12-31' };
    expect(verdictOf(compare, 404, cannotGet)).toEqual({ kind: 'no such endpoint' });
    const unknown = { status: 404, code: 'DIRECTIVE_NOT_FOUND', detail: 'No directive RES-12.' };
    expect(verdictOf(progressAsOf, 404, unknown)).toEqual({ kind: 'nothing to evaluate' });
    expect(verdictOf(progress, 404, unknown)).toMatchObject({
      kind: 'failed',
      reason: expect.stringMatching(/^404 .*No directive/),
    });
  });

  it('fails any other status, and an answer without the endpoint’s figures', () => {
    expect(verdictOf(stats, 500, { code: 'INTERNAL' })).toMatchObject({ kind: 'failed', reason: expect.stringMatching(/^500 /) });
    expect(verdictOf(series, 200, { unitId: 'VN' })).toMatchObject({
      kind: 'failed',
      reason: expect.stringMatching(/^not a series answer: 200 /),
    });
  });
});

describe('countsSomething', () => {
  it('finds a number other than 0 at any depth, ignoring text and nulls', () => {
    expect(countsSomething({ a: 'VN', b: [{ c: null }, { d: { e: 0 } }] })).toBe(false);
    expect(countsSomething({ a: 'VN', b: [{ c: null }, { d: { e: -0.5 } }] })).toBe(true);
  });
});
