import type { StoredEvent, TargetSetData } from '@vigil/contract';
import { Pool } from 'pg';
import { parseAsOf } from '@vigil/domain';
import { applyEvents, freshFiguresSchema, StoredEvents } from './figures.testing';
import { directiveProgress, type DirectiveProgress } from './read/directive-progress';
import { unitStats } from './read/unit-stats';

// Knowledge time applies to everything an answer uses (CONTRACT.md §4 1.1): the tree, corrections and
// target revisions recorded after asOf have not happened yet for that answer; `at` (business time) cuts
// what occurred. Every figure is hand-computed, and read both from the sums kept ahead and from the facts.
const HCM = 'Asia/Ho_Chi_Minh';
const VN = 'VN';
const P1 = 'VN-LCI';
const P2 = 'VN-QNI';
const D1 = 'VN-LCI-BTH';
const D2 = 'VN-QNI-HLG';
const C = 'VN-LCI-BTH-COCSAN';
const C2 = 'VN-LCI-BTH-PHONGHAI';
const Q = 'VN-QNI-HLG-BAICHAY';

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
const stored = new StoredEvents();
const e = stored.event.bind(stored);
let schema: string;
let drop: () => Promise<void>;
const REGISTERED = '2024-01-01T00:00:00Z';

const register = (unitId: string, level: 'ministry' | 'province' | 'district' | 'commune', parentUnitId: string | null) =>
  e('UnitRegistered', { unitId, name: unitId, level, parentUnitId }, REGISTERED, REGISTERED);

const target = (targetId: string, terms: Partial<TargetSetData>, recordedAt = REGISTERED): StoredEvent =>
  e(
    'TargetSet',
    {
      directiveId: 'PLAN',
      targetId,
      unitId: VN,
      metric: 'cases.opened',
      comparator: 'atLeast',
      value: 1,
      periodStart: '2024-01-01',
      periodEnd: '2024-12-31',
      ...terms,
    } as TargetSetData,
    recordedAt,
    recordedAt,
  );

/** Both ways (sums kept ahead, facts alone) must agree; now is read from the current sums. */
async function stats(unitId: string, asOf: string | null, from = '2024-01-01', to = '2024-12-31') {
  const query = {
    unitId,
    from,
    to,
    timeZone: HCM,
    asOf: asOf === null ? new Date() : parseAsOf(asOf, HCM),
    current: asOf === null,
  };
  const summed = await unitStats(pool, schema, query);
  expect(await unitStats(pool, schema, { ...query, fromFacts: true })).toEqual(summed);
  return summed;
}

async function progress(options: {
  asOf?: string;
  at?: string;
  unitId?: string;
}): Promise<Record<string, DirectiveProgress['targets'][number]>> {
  const query = {
    timeZone: HCM,
    asOf: options.asOf === undefined ? new Date('2030-01-01T00:00:00Z') : parseAsOf(options.asOf, HCM),
    current: options.asOf === undefined,
    ...(options.at === undefined ? {} : { at: options.at }),
    ...(options.unitId === undefined ? {} : { unitId: options.unitId }),
  };
  const summed = (await directiveProgress(pool, schema, 'PLAN', query))!;
  expect((await directiveProgress(pool, schema, 'PLAN', { ...query, fromFacts: true }))!).toEqual(summed);
  return Object.fromEntries(summed.targets.map((t) => [t.targetId, t]));
}

beforeAll(async () => {
  ({ schema, drop } = await freshFiguresSchema(pool));
  await applyEvents(pool, schema, [
    register(VN, 'ministry', null),
    register(P1, 'province', VN),
    register(P2, 'province', VN),
    register(D1, 'district', P1),
    register(D2, 'district', P2),
    register(C, 'commune', D1),
    register(C2, 'commune', D1),
    register(Q, 'commune', D2),
    e(
      'DirectiveIssued',
      { directiveId: 'PLAN', code: 'PLAN-2024', title: 'Plan 2024', issuedByUnitId: VN },
      REGISTERED,
      REGISTERED,
    ),
    target('OPENED', { value: 4 }),
    target('CLEARED', { metric: 'cases.cleared', value: 2 }),
    target('EID', { metric: 'indicator.ratio', filter: { indicator: 'eid.level2.issued' }, value: 80 }),
  ]);
  await applyEvents(pool, schema, [
    // Three cases in C, one in Q.
    e(
      'CaseOpened',
      { caseId: 'K1', unitId: C, category: 'drugs', severity: 'serious' },
      '2024-03-10T02:00:00Z',
      '2024-03-10T03:00:00Z',
    ),
    e(
      'CaseOpened',
      { caseId: 'K2', unitId: C, category: 'drugs', severity: 'serious' },
      '2024-06-10T02:00:00Z',
      '2024-06-10T03:00:00Z',
    ),
    e(
      'CaseOpened',
      { caseId: 'K3', unitId: C, category: 'social_order', severity: 'less_serious' },
      '2024-06-12T02:00:00Z',
      '2024-06-12T03:00:00Z',
    ),
    e(
      'CaseOpened',
      { caseId: 'K4', unitId: Q, category: 'drugs', severity: 'serious' },
      '2024-04-01T02:00:00Z',
      '2024-04-01T03:00:00Z',
    ),
    // K1 cleared on 20 June, recorded 5 July; K2 cleared on 10 July.
    e('CaseCleared', { caseId: 'K1' }, '2024-06-20T02:00:00Z', '2024-07-05T03:00:00Z'),
    e('CaseCleared', { caseId: 'K2' }, '2024-07-10T02:00:00Z', '2024-07-10T03:00:00Z'),
    // K3 reclassified drugs, recorded 1 August.
    e('CaseReclassified', { caseId: 'K3', category: 'drugs' }, '2024-08-01T02:00:00Z', '2024-08-01T03:00:00Z'),
    // The target is raised to 5, recorded 1 September.
    e('TargetRevised', { directiveId: 'PLAN', targetId: 'OPENED', value: 5 }, '2024-09-01T03:00:00Z', '2024-09-01T03:00:00Z'),
    // e-ID readings: C 5,100/7,000 and C2 8,300/10,000 (the district itself reports 100/100, which the communes outrank).
    e(
      'IndicatorMeasured',
      { unitId: C, indicator: 'eid.level2.issued', value: 5_100, denominator: 7_000 },
      '2024-05-01T02:00:00Z',
      '2024-05-01T03:00:00Z',
    ),
    e(
      'IndicatorMeasured',
      { unitId: C2, indicator: 'eid.level2.issued', value: 8_300, denominator: 10_000 },
      '2024-05-02T02:00:00Z',
      '2024-05-02T03:00:00Z',
    ),
    e(
      'IndicatorMeasured',
      { unitId: D1, indicator: 'eid.level2.issued', value: 100, denominator: 100 },
      '2024-05-03T02:00:00Z',
      '2024-05-03T03:00:00Z',
    ),
  ]);
  // C moves from D1 (province P1) to D2 (province P2) from 1 June 2024, recorded only on 15 July.
  await applyEvents(pool, schema, [
    e('UnitReassigned', { unitId: C, parentUnitId: D2 }, '2024-06-01T00:00:00+07:00', '2024-07-15T03:00:00Z'),
  ]);
});
afterAll(async () => {
  await drop();
  await pool.end();
});

describe('a move recorded late', () => {
  it('as of before it was recorded, the old district and province keep the commune’s June cases', async () => {
    expect((await stats(D1, '2024-07-01')).casesOpened).toBe(3);
    expect((await stats(P1, '2024-07-01')).casesOpened).toBe(3);
    expect((await stats(D2, '2024-07-01')).casesOpened).toBe(1);
    expect((await stats(P2, '2024-07-01')).casesOpened).toBe(1);
  });

  it('as of after it, the June cases are the new district’s and province’s; March stays with the old', async () => {
    expect((await stats(D1, '2024-07-16')).casesOpened).toBe(1);
    expect((await stats(P1, '2024-07-16')).casesOpened).toBe(1);
    expect((await stats(D2, '2024-07-16')).casesOpened).toBe(3);
    expect((await stats(P2, '2024-07-16')).casesOpened).toBe(3);
    expect((await stats(VN, '2024-07-16')).casesOpened).toBe(4);
  });

  it('now, the same', async () => {
    expect([
      (await stats(P1, null)).casesOpened,
      (await stats(P2, null)).casesOpened,
      (await stats(VN, null)).casesOpened,
    ]).toEqual([1, 3, 4]);
  });
});

describe('corrections and target revisions', () => {
  it('counts the reclassified case under drugs only once the reclassification is known', async () => {
    const drugs = async (asOf: string) =>
      (
        await unitStats(pool, schema, {
          unitId: VN,
          from: '2024-01-01',
          to: '2024-12-31',
          asOf: parseAsOf(asOf, HCM),
          timeZone: HCM,
          category: 'drugs',
        })
      ).casesOpened;
    expect(await drugs('2024-07-31')).toBe(3);
    expect(await drugs('2024-08-02')).toBe(4);
  });

  it('evaluates the target as set until the revision is known, then as revised', async () => {
    expect((await progress({ asOf: '2024-08-31' })).OPENED).toMatchObject({ value: 4, actual: 4, status: 'achieved' });
    expect((await progress({ asOf: '2024-09-02' })).OPENED).toMatchObject({ value: 5, actual: 4, attainmentPct: 80 });
  });
});

describe('as at (business time) and as of (knowledge time)', () => {
  it('as at 30 June, from what is known now: K1 (cleared 20 June) counts as cleared, K2 (cleared 10 July) not yet', async () => {
    expect((await progress({ at: '2024-06-30' })).CLEARED).toMatchObject({ actual: 1 });
    expect((await progress({ at: '2024-06-30' })).OPENED).toMatchObject({ actual: 4 });
  });

  it('as at 30 June as known on 1 July: K1’s clearance, recorded 5 July, is not known yet', async () => {
    expect((await progress({ at: '2024-06-30', asOf: '2024-07-01' })).CLEARED).toMatchObject({ actual: 0 });
  });

  it('as at 31 March: only K1 had been opened', async () => {
    expect((await progress({ at: '2024-03-31' })).OPENED).toMatchObject({ actual: 1, status: 'at_risk' });
  });

  it('now: both clearances', async () => {
    expect((await progress({})).CLEARED).toMatchObject({ actual: 2, status: 'achieved' });
  });
});

describe('indicators sum the latest reading of each unit, the most detailed winning', () => {
  it('a district whose communes report 5,100/7,000 and 8,300/10,000 stands at 13,400/17,000 = 78.82 %', async () => {
    // As of before the move: both communes are under D1, whose own 100/100 is outranked by theirs.
    const eid = (await progress({ asOf: '2024-07-01', unitId: D1 })).EID!;
    expect(eid).toMatchObject({ numerator: 13_400, denominator: 17_000, actual: 78.82, coverage: { reporting: 2, units: 2 } });
  });

  it('once the move is known, C counts under the other district and province (where it stands at the period’s end)', async () => {
    expect((await progress({ unitId: D1 })).EID).toMatchObject({
      numerator: 8_300,
      denominator: 10_000,
      actual: 83,
      coverage: { reporting: 1, units: 1 },
    });
    expect((await progress({ unitId: P2 })).EID).toMatchObject({
      numerator: 5_100,
      denominator: 7_000,
      actual: 72.86,
      coverage: { reporting: 1, units: 2 },
    });
    expect((await progress({})).EID).toMatchObject({
      numerator: 13_400,
      denominator: 17_000,
      actual: 78.82,
      coverage: { reporting: 2, units: 3 },
    });
  });
});
