import { EXAMPLE_COMPARE, CompareAnswerSchema } from './compare';
import { ENDPOINTS } from './endpoints';
import { EXAMPLE_NOT_READY, ReadinessAnswerSchema } from './health';
import { EXAMPLE_PROBLEM, ProblemDetailsSchema } from './problem';
import { EXAMPLE_PROGRESS, ProgressAnswerSchema } from './progress';
import { EXAMPLE_STATS, StatsAnswerSchema } from './stats';

describe('the example answers', () => {
  it.each(ENDPOINTS.map((endpoint) => [endpoint.operationId, endpoint] as const))(
    '%s: its example parses with its answer schema, unchanged',
    (_operationId, endpoint) => {
      const result = endpoint.answer.schema.safeParse(endpoint.answer.example);
      expect(result.error?.issues ?? []).toEqual([]);
      expect(result.data).toEqual(endpoint.answer.example);
    },
  );

  it.each(ENDPOINTS.filter((endpoint) => endpoint.body).map((endpoint) => [endpoint.operationId, endpoint] as const))(
    '%s: each example request body parses with its schema',
    (_operationId, endpoint) => {
      for (const example of Object.values(endpoint.body!.examples)) {
        expect(endpoint.body!.schema.safeParse(example).error?.issues ?? []).toEqual([]);
      }
    },
  );

  it('the problem and not-ready examples parse too', () => {
    expect(ProblemDetailsSchema.parse(EXAMPLE_PROBLEM)).toEqual(EXAMPLE_PROBLEM);
    expect(ReadinessAnswerSchema.parse(EXAMPLE_NOT_READY)).toEqual(EXAMPLE_NOT_READY);
  });
});

describe('answers are strict', () => {
  it('refuses a field the contract does not name, at its path', () => {
    const result = StatsAnswerSchema.safeParse({ ...EXAMPLE_STATS, hotspots: { ...EXAMPLE_STATS.hotspots, closed: 1 } });
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ code: 'unrecognized_keys', path: ['hotspots'], keys: ['closed'] }),
    ]);
  });

  it('refuses a missing figure', () => {
    const { casesCleared: _dropped, ...withoutCleared } = EXAMPLE_STATS;
    expect(StatsAnswerSchema.safeParse(withoutCleared).error?.issues).toEqual([
      expect.objectContaining({ code: 'invalid_type', path: ['casesCleared'] }),
    ]);
  });
});

describe('progress answers', () => {
  const [indicator, clearance] = EXAMPLE_PROGRESS.targets;

  it('carry coverage on indicator targets', () => {
    const { coverage: _dropped, ...withoutCoverage } = indicator!;
    const result = ProgressAnswerSchema.safeParse({ ...EXAMPLE_PROGRESS, targets: [withoutCoverage] });
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ path: ['targets', 0, 'coverage'], message: 'is required on an indicator target' }),
    ]);
  });

  it('carry no coverage on other targets', () => {
    const result = ProgressAnswerSchema.safeParse({
      ...EXAMPLE_PROGRESS,
      targets: [{ ...clearance!, coverage: indicator!.coverage }],
    });
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ path: ['targets', 0, 'coverage'], message: 'is only for indicator targets' }),
    ]);
  });

  it('take a null filter', () => {
    expect(ProgressAnswerSchema.safeParse({ ...EXAMPLE_PROGRESS, targets: [{ ...clearance!, filter: null }] }).success).toBe(
      true,
    );
  });
});

describe('compare answers', () => {
  const withCell = (figure: number, window: 'week' | 'ytd', cell: object) => ({
    ...EXAMPLE_COMPARE,
    rows: EXAMPLE_COMPARE.rows.map((row, index) => (index === figure ? { ...row, [window]: { ...row[window], ...cell } } : row)),
  });

  it('flag up exactly when z ≥ 3 and down exactly when z ≤ −3', () => {
    expect(CompareAnswerSchema.safeParse(withCell(0, 'ytd', { z: -3, flag: 'down' })).success).toBe(true);
    expect(CompareAnswerSchema.safeParse(withCell(0, 'ytd', { z: 3, flag: 'up' })).success).toBe(true);
    expect(CompareAnswerSchema.safeParse(withCell(0, 'ytd', { z: 2.99, flag: null })).success).toBe(true);
    expect(CompareAnswerSchema.safeParse(withCell(0, 'ytd', { z: -2.99, flag: 'down' })).error?.issues).toEqual([
      expect.objectContaining({ path: ['rows', 0, 'ytd', 'flag'], message: 'must be null for z -2.99' }),
    ]);
  });

  it('have no changePct nor z for clearanceRate', () => {
    expect(CompareAnswerSchema.safeParse(withCell(2, 'week', { z: 0.5 })).error?.issues).toEqual([
      expect.objectContaining({ path: ['rows', 2, 'week'], message: 'changePct and z are null for clearanceRate' }),
    ]);
  });

  it('have a z for every count', () => {
    expect(CompareAnswerSchema.safeParse(withCell(1, 'week', { z: null })).error?.issues).toEqual([
      expect.objectContaining({ path: ['rows', 1, 'week'] }),
    ]);
  });

  it('list the ten figures in the contract’s order', () => {
    const swapped = [EXAMPLE_COMPARE.rows[1]!, EXAMPLE_COMPARE.rows[0]!, ...EXAMPLE_COMPARE.rows.slice(2)];
    expect(CompareAnswerSchema.safeParse({ ...EXAMPLE_COMPARE, rows: swapped }).error?.issues.map((issue) => issue.path)).toEqual(
      [
        ['rows', 0, 'figure'],
        ['rows', 1, 'figure'],
      ],
    );
    expect(CompareAnswerSchema.safeParse({ ...EXAMPLE_COMPARE, rows: EXAMPLE_COMPARE.rows.slice(1) }).success).toBe(false);
  });
});
