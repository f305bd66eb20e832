import { Pool } from 'pg';
import { parseAsOf } from '@vigil/domain';
import { directiveProgress } from './read/directive-progress';
import { applyEvents, freshFiguresSchema, StoredEvents } from './figures.testing';

// Indicator answers are kept across requests until readings are added. Partitions apply in any order, so
// a batch may add a reading whose log position is below one applied earlier: the kept answer must still go.
const HCM = 'Asia/Ho_Chi_Minh';
const P = 'VN-LCI';
const [C1, C2] = ['VN-LCI-C1', 'VN-LCI-C2'];
const REGISTERED = '2024-01-01T00:00:00Z';
const C1_RECORDED = '2024-06-01T03:00:00Z';
const C2_RECORDED = '2024-06-02T03:00:00Z';
const LATER = parseAsOf('2024-12-01', HCM);

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
const stored = new StoredEvents();
const e = stored.event.bind(stored);
let schema: string;
let drop: () => Promise<void>;

const reading = (unitId: string, value: number, recordedAt: string) =>
  e(
    'IndicatorMeasured',
    { unitId, indicator: 'eid.level2.issued', value, denominator: 1000 },
    '2024-05-01T02:00:00Z',
    recordedAt,
  );

/** The subtree's Σ value now (asOf null) or as known at an instant, and its coverage. */
async function issued(asOf: Date | null) {
  const progress = await directiveProgress(pool, schema, 'D', {
    asOf: asOf ?? new Date(),
    current: asOf === null,
    timeZone: HCM,
  });
  const target = progress!.targets[0]!;
  return { sum: target.numerator, reporting: target.coverage?.reporting };
}

beforeAll(async () => {
  ({ schema, drop } = await freshFiguresSchema(pool));
  await applyEvents(pool, schema, [
    e('UnitRegistered', { unitId: P, name: 'Lào Cai', level: 'province', parentUnitId: 'VN' }, REGISTERED, REGISTERED),
    e('UnitRegistered', { unitId: C1, name: 'One', level: 'commune', parentUnitId: P }, REGISTERED, REGISTERED),
    e('UnitRegistered', { unitId: C2, name: 'Two', level: 'commune', parentUnitId: P }, REGISTERED, REGISTERED),
    e('DirectiveIssued', { directiveId: 'D', code: 'D', title: 'e-ID', issuedByUnitId: P }, REGISTERED, REGISTERED),
    e(
      'TargetSet',
      {
        directiveId: 'D',
        targetId: 'ISSUED',
        unitId: P,
        metric: 'indicator.value',
        filter: { indicator: 'eid.level2.issued' },
        comparator: 'atLeast',
        value: 1500,
        periodStart: '2024-01-01',
        periodEnd: '2024-12-31',
      },
      REGISTERED,
      REGISTERED,
    ),
  ]);
});
afterAll(async () => {
  await drop();
  await pool.end();
});

it('a reading below the highest applied position still changes the kept answers, now and as of any instant', async () => {
  const fromC1 = reading(C1, 400, C1_RECORDED);
  const fromC2 = reading(C2, 700, C2_RECORDED);
  expect(fromC1.position).toBeLessThan(fromC2.position);

  await applyEvents(pool, schema, [fromC2]);
  expect(await issued(null)).toEqual({ sum: 700, reporting: 1 });
  expect(await issued(LATER)).toEqual({ sum: 700, reporting: 1 });
  // Asked again: the kept answers.
  expect(await issued(null)).toEqual({ sum: 700, reporting: 1 });

  await applyEvents(pool, schema, [fromC1]);
  expect(await issued(null)).toEqual({ sum: 1100, reporting: 2 });
  expect(await issued(LATER)).toEqual({ sum: 1100, reporting: 2 });
  // Each instant keeps its own answer: before C2's reading was recorded only C1's counts.
  expect(await issued(new Date(Date.parse(C2_RECORDED) - 1))).toEqual({ sum: 400, reporting: 1 });
  expect(await issued(new Date(Date.parse(C1_RECORDED) - 1))).toEqual({ sum: null, reporting: 0 });
});
