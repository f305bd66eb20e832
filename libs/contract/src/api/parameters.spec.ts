import { CaseListQuerySchema } from './cases';
import { CompareQuerySchema } from './compare';
import { DirectiveListQuerySchema } from './directives';
import { EvidencePathSchema } from './evidence';
import { parseParameters } from './parameters';
import { ProgressQuerySchema } from './progress';
import { bucketCount, SeriesQuerySchema } from './series';
import { StatsQuerySchema } from './stats';
import { UnitListQuerySchema, UnitPathSchema } from './units';

const stats = (query: Record<string, unknown>) =>
  parseParameters(StatsQuerySchema, { from: '2024-01-01', to: '2024-06-30', ...query });
const problemsOf = (result: ReturnType<typeof parseParameters>) => (result.ok ? [] : result.problems);

describe('parseParameters', () => {
  it('types what it takes and leaves out what is absent or empty', () => {
    expect(stats({ severity: 'serious,very_serious', breakdown: 'children', category: '' })).toEqual({
      ok: true,
      value: { from: '2024-01-01', to: '2024-06-30', severity: ['serious', 'very_serious'], breakdown: 'children' },
    });
  });

  it('refuses an unknown parameter with UNKNOWN_PARAMETER and its name, listing what the endpoint takes', () => {
    expect(stats({ severty: 'serious' })).toEqual({
      ok: false,
      code: 'UNKNOWN_PARAMETER',
      problems: [
        {
          path: 'severty',
          message: 'is not a parameter of this endpoint (it takes: from, to, category, severity, breakdown, asOf)',
          code: 'UNKNOWN_PARAMETER',
        },
      ],
    });
  });

  it('reports unknown and malformed parameters together', () => {
    const result = stats({ foo: '1', from: '2024-02-30' });
    expect(result).toMatchObject({ ok: false, code: 'UNKNOWN_PARAMETER' });
    expect(problemsOf(result).map((problem) => [problem.path, problem.code])).toEqual([
      ['foo', 'UNKNOWN_PARAMETER'],
      ['from', 'invalid_format'],
    ]);
  });

  it('refuses any parameter where an endpoint takes none', () => {
    expect(parseParameters(DirectiveListQuerySchema, { unitId: 'VN' })).toMatchObject({
      ok: false,
      code: 'UNKNOWN_PARAMETER',
      problems: [{ path: 'unitId', message: 'is not a parameter of this endpoint (it takes: none)' }],
    });
    expect(parseParameters(DirectiveListQuerySchema, {})).toEqual({ ok: true, value: {} });
  });

  it('names a missing required parameter', () => {
    expect(parseParameters(StatsQuerySchema, { to: '2024-06-30' })).toEqual({
      ok: false,
      code: 'VALIDATION_FAILED',
      problems: [{ path: 'from', message: 'is required', code: 'invalid_type' }],
    });
  });

  it('refuses a parameter given twice', () => {
    expect(problemsOf(stats({ category: ['drugs', 'cyber'] }))).toEqual([
      { path: 'category', message: 'must be given once, as text', code: 'invalid_type' },
    ]);
  });
});

describe('dates', () => {
  it.each(['2024-02-29', '1990-01-01', '2100-12-31'])('takes %s', (from) => {
    expect(stats({ from, to: '2100-12-31' }).ok).toBe(true);
  });

  it.each([
    ['2024-02-30', 'invalid_format'],
    ['2023-02-29', 'invalid_format'],
    ['2024-1-5', 'invalid_format'],
    ['0000-01-01', 'too_small'],
    ['1989-12-31', 'too_small'],
  ])('refuses from=%s naming it', (from, code) => {
    expect(problemsOf(stats({ from })).map((problem) => [problem.path, problem.code])).toEqual([['from', code]]);
  });

  it('refuses to=2101-01-01', () => {
    expect(problemsOf(stats({ to: '2101-01-01' }))).toEqual([
      { path: 'to', message: 'must be a date from 1990-01-01 to 2100-12-31', code: 'too_big' },
    ]);
  });

  it('refuses to before from', () => {
    expect(problemsOf(stats({ from: '2024-06-30', to: '2024-06-29' }))).toEqual([
      { path: 'to', message: 'must not be before from 2024-06-30', code: 'custom' },
    ]);
  });

  it('takes at as a date only', () => {
    expect(parseParameters(CompareQuerySchema, { at: '2024-06-30' })).toMatchObject({ ok: true, value: { at: '2024-06-30' } });
    expect(problemsOf(parseParameters(CompareQuerySchema, { at: '2024-06-30T00:00:00Z' })).map((p) => p.path)).toEqual(['at']);
  });
});

describe('asOf', () => {
  it.each(['2024-07-05', '2024-07-05T17:00:00+07:00', '2024-07-05T10:00:00.123Z'])('takes %s as it is', (asOf) => {
    expect(parseParameters(ProgressQuerySchema, { asOf })).toEqual({ ok: true, value: { asOf } });
  });

  it.each(['2024-07-05T17:00:00', '2024-02-30', 'yesterday', '0000-01-01', '2101-01-01T00:00:00Z'])('refuses %s', (asOf) => {
    expect(problemsOf(parseParameters(ProgressQuerySchema, { asOf }))).toEqual([
      {
        path: 'asOf',
        message: 'must be a timestamp with an offset (2024-07-05T17:00:00+07:00) or a date (2024-07-05), from 1990 to 2100',
        code: 'custom',
      },
    ]);
  });
});

describe('enumerations', () => {
  it('severity: a comma list without repeats', () => {
    expect(parseParameters(CompareQuerySchema, { severity: 'especially_serious' })).toMatchObject({
      ok: true,
      value: { severity: ['especially_serious'] },
    });
    expect(problemsOf(parseParameters(CompareQuerySchema, { severity: 'serious,grave' }))).toEqual([
      {
        path: 'severity',
        message: 'must be a comma list of less_serious, serious, very_serious, especially_serious; unknown: "grave"',
        code: 'invalid_value',
      },
    ]);
    expect(problemsOf(parseParameters(CompareQuerySchema, { severity: 'serious,' })).map((p) => p.code)).toEqual([
      'invalid_value',
    ]);
    expect(problemsOf(parseParameters(CompareQuerySchema, { severity: 'serious,serious' }))).toEqual([
      { path: 'severity', message: 'must not repeat a severity', code: 'custom' },
    ]);
  });

  it('basis: stood by default, current on request, nothing else', () => {
    expect(parseParameters(CompareQuerySchema, {})).toEqual({ ok: true, value: { basis: 'stood' } });
    expect(parseParameters(CompareQuerySchema, { basis: 'current' })).toEqual({ ok: true, value: { basis: 'current' } });
    expect(problemsOf(parseParameters(CompareQuerySchema, { basis: 'now' })).map((p) => [p.path, p.code])).toEqual([
      ['basis', 'invalid_value'],
    ]);
  });

  it('breakdown: children only', () => {
    expect(problemsOf(stats({ breakdown: 'districts' })).map((p) => [p.path, p.code])).toEqual([['breakdown', 'invalid_value']]);
  });

  it('level and category', () => {
    expect(parseParameters(UnitListQuerySchema, { level: 'commune', parentUnitId: 'VN-LCI' }).ok).toBe(true);
    expect(problemsOf(parseParameters(UnitListQuerySchema, { level: 'ward' })).map((p) => p.path)).toEqual(['level']);
    expect(problemsOf(stats({ category: 'theft' })).map((p) => p.path)).toEqual(['category']);
  });
});

describe('series', () => {
  const series = (query: Record<string, unknown>) =>
    parseParameters(SeriesQuerySchema, { figure: 'casesOpened', from: '2024-01-01', to: '2024-12-31', ...query });

  it('takes day and basis stood by default, and every figure of compare', () => {
    expect(series({})).toEqual({
      ok: true,
      value: { figure: 'casesOpened', grain: 'day', from: '2024-01-01', to: '2024-12-31', basis: 'stood' },
    });
    expect(series({ figure: 'hotspotsTransformed', grain: 'week', basis: 'current' }).ok).toBe(true);
    expect(problemsOf(series({ figure: 'arrests' })).map((p) => [p.path, p.code])).toEqual([['figure', 'invalid_value']]);
    expect(problemsOf(series({ grain: 'year' })).map((p) => [p.path, p.code])).toEqual([['grain', 'invalid_value']]);
  });

  it('counts the buckets [from, to] touches', () => {
    expect(bucketCount('2024-01-01', '2024-12-31', 'day')).toBe(366);
    expect(bucketCount('2024-02-28', '2024-03-01', 'day')).toBe(3);
    // 2024-01-01 is a Monday, 2024-12-29 a Sunday, 2024-12-30 a Monday.
    expect(bucketCount('2024-01-01', '2024-12-29', 'week')).toBe(52);
    expect(bucketCount('2024-01-01', '2024-12-30', 'week')).toBe(53);
    expect(bucketCount('2024-01-07', '2024-01-08', 'week')).toBe(2);
    expect(bucketCount('2023-12-31', '2024-01-01', 'month')).toBe(2);
    expect(bucketCount('1990-01-01', '2100-12-31', 'month')).toBe(1332);
  });

  it('takes 1,000 buckets and refuses 1,001, naming to', () => {
    expect(series({ from: '2024-01-01', to: '2026-09-26' }).ok).toBe(true);
    expect(problemsOf(series({ from: '2024-01-01', to: '2026-09-27' }))).toEqual([
      { path: 'to', message: 'gives 1001 day buckets from 2024-01-01; at most 1000', code: 'too_big' },
    ]);
    expect(problemsOf(series({ from: '1990-01-01', to: '2100-12-31', grain: 'month' })).map((p) => p.path)).toEqual(['to']);
  });
});

describe('pages', () => {
  it('limit: 100 by default, 1 to 500', () => {
    expect(parseParameters(CaseListQuerySchema, {})).toEqual({ ok: true, value: { limit: 100 } });
    expect(parseParameters(CaseListQuerySchema, { limit: '500' })).toEqual({ ok: true, value: { limit: 500 } });
    for (const limit of ['0', '501', '1e2', '-1', '2.5', ' 5']) {
      expect(problemsOf(parseParameters(CaseListQuerySchema, { limit }))).toEqual([
        { path: 'limit', message: 'must be a whole number from 1 to 500', code: expect.any(String) },
      ]);
    }
  });

  it('cursor: printable ASCII up to 1,024 characters', () => {
    expect(parseParameters(CaseListQuerySchema, { cursor: 'eyJhZnRlciI6IkxDLTIwMjQtMDAwMTI0In0' }).ok).toBe(true);
    expect(problemsOf(parseParameters(CaseListQuerySchema, { cursor: 'a\u0000b' })).map((p) => p.path)).toEqual(['cursor']);
    expect(problemsOf(parseParameters(CaseListQuerySchema, { cursor: 'x'.repeat(1025) })).map((p) => p.path)).toEqual(['cursor']);
  });
});

describe('path parameters', () => {
  it('takes identifiers', () => {
    expect(parseParameters(EvidencePathSchema, { directiveId: 'SC-138-2024', targetId: 'eid-level2' }).ok).toBe(true);
  });

  it.each(['\u0000', 'VN LCI', 'x'.repeat(65), '..%2F'])('refuses the unit id %j, naming unitId', (unitId) => {
    expect(parseParameters(UnitPathSchema, { unitId })).toMatchObject({
      ok: false,
      code: 'VALIDATION_FAILED',
      problems: [{ path: 'unitId' }],
    });
  });
});
