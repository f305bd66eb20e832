import type { StoredEvent, TargetSetData } from '@vigil/contract';
import { Pool } from 'pg';
import { parseAsOf } from '@vigil/domain';
import { directiveProgress, type DirectiveProgress } from './read/directive-progress';
import { applyEvents, freshFiguresSchema, StoredEvents } from './figures.testing';
import { readContext } from './read/read-context';
import { listDirectives } from './read/targets';
import { unitStats } from './read/unit-stats';

// Case metrics of CONTRACT.md §4 against hand-computed figures, with corrections, the time-zone edge and asOf.
const HCM = 'Asia/Ho_Chi_Minh';
const VN = 'VN';
const P = 'VN-LCI';
const D = 'VN-LCI-BTH';
const C = 'VN-LCI-BTH-COCSAN';
const Q = 'VN-QNI';
const QC = 'VN-QNI-HLG-BAICHAY';
const LATER = parseAsOf('2025-06-01', HCM); // every event below recorded, every 2024 period over

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
const stored = new StoredEvents();
const e = stored.event.bind(stored);
let schema: string;
let drop: () => Promise<void>;

const hourAfter = (iso: string) => new Date(Date.parse(iso) + 3_600_000).toISOString();
const REGISTERED = '2024-01-01T00:00:00Z';

function tree(): StoredEvent[] {
  return [
    e(
      'UnitRegistered',
      { unitId: VN, name: 'Ministry', level: 'ministry', parentUnitId: null },
      '2020-01-01T00:00:00Z',
      REGISTERED,
    ),
    e('UnitRegistered', { unitId: P, name: 'Lào Cai', level: 'province', parentUnitId: VN }, '2020-01-01T00:00:00Z', REGISTERED),
    e('UnitRegistered', { unitId: D, name: 'Bảo Thắng', level: 'district', parentUnitId: P }, '2020-01-01T00:00:00Z', REGISTERED),
    e('UnitRegistered', { unitId: C, name: 'Cốc San', level: 'commune', parentUnitId: D }, '2020-01-01T00:00:00Z', REGISTERED),
    e(
      'UnitRegistered',
      { unitId: Q, name: 'Quảng Ninh', level: 'province', parentUnitId: VN },
      '2020-01-01T00:00:00Z',
      REGISTERED,
    ),
    e('UnitRegistered', { unitId: QC, name: 'Bãi Cháy', level: 'commune', parentUnitId: Q }, '2020-01-01T00:00:00Z', REGISTERED),
  ];
}

/** An event recorded an hour after it occurred, unless told otherwise. */
const opened = (caseId: string, occurredAt: string, category: 'drugs' | 'social_order', severity = 'serious' as const) =>
  e('CaseOpened', { caseId, unitId: C, category, severity }, occurredAt, hourAfter(occurredAt));

function cases(): StoredEvent[] {
  return [
    // K1 opens at 03:00 on 1 January 2024 in Hồ Chí Minh City: a 2024 case.
    opened('LC-2024-000001', '2023-12-31T20:00:00Z', 'drugs'),
    e('ArrestMade', { caseId: 'LC-2024-000001', arrestId: 'A1', persons: 3 }, '2024-01-05T02:00:00Z', '2024-01-05T03:00:00Z'),
    e('CaseCleared', { caseId: 'LC-2024-000001' }, '2024-02-01T03:00:00Z', '2024-02-01T04:00:00Z'),
    e('CaseProsecuted', { caseId: 'LC-2024-000001', defendants: 2 }, '2024-03-01T03:00:00Z', '2024-03-01T04:00:00Z'),
    opened('LC-2024-000002', '2024-03-10T02:00:00Z', 'social_order'),
    e('ArrestMade', { caseId: 'LC-2024-000002', arrestId: 'A1', persons: 2 }, '2024-03-11T02:00:00Z', '2024-03-11T03:00:00Z'),
    e('CaseCleared', { caseId: 'LC-2024-000002' }, '2024-04-01T02:00:00Z', '2024-04-01T03:00:00Z'),
    // K3 drugs, reclassified smuggling (recorded 1 August 2024).
    opened('LC-2024-000003', '2024-05-05T02:00:00Z', 'drugs'),
    e('CaseReclassified', { caseId: 'LC-2024-000003', category: 'smuggling' }, '2024-08-01T04:00:00Z', '2024-08-01T05:00:00Z'),
    // K4 drugs with 5 arrested, voided (recorded 1 September 2024).
    opened('LC-2024-000004', '2024-06-01T02:00:00Z', 'drugs'),
    e('ArrestMade', { caseId: 'LC-2024-000004', arrestId: 'A1', persons: 5 }, '2024-06-02T02:00:00Z', '2024-06-02T03:00:00Z'),
    e('CaseVoided', { caseId: 'LC-2024-000004', reason: 'opened in error' }, '2024-09-01T02:00:00Z', '2024-09-01T03:00:00Z'),
    opened('LC-2024-000006', '2024-10-15T02:00:00Z', 'drugs'),
    // 2023 (the baseline): K5 at 23:00 on 31 December 2023 local time, and three more.
    opened('LC-2023-000005', '2023-12-31T16:00:00Z', 'drugs'),
    opened('LC-2023-000011', '2023-02-10T02:00:00Z', 'drugs'),
    opened('LC-2023-000012', '2023-04-10T02:00:00Z', 'drugs'),
    opened('LC-2023-000013', '2023-10-10T02:00:00Z', 'drugs'),
  ];
}

/** 439 cases opened in Quảng Ninh in 2024: 386 cleared, 241 prosecuted (DOMAIN.md: "241/439 cases"). */
function quangNinh(): StoredEvent[] {
  const events: StoredEvent[] = [];
  for (let n = 0; n < 439; n += 1) {
    const caseId = `QN-2024-${String(n).padStart(6, '0')}`;
    const day = new Date(Date.UTC(2024, 0, 2) + (n % 360) * 86_400_000).toISOString();
    events.push(e('CaseOpened', { caseId, unitId: QC, category: 'social_order', severity: 'serious' }, day, hourAfter(day)));
    if (n < 386) events.push(e('CaseCleared', { caseId }, day, hourAfter(day)));
    if (n < 241) events.push(e('CaseProsecuted', { caseId, defendants: 1 }, day, hourAfter(day)));
  }
  return events;
}

const YEAR_2024 = { periodStart: '2024-01-01', periodEnd: '2024-12-31' } as const;
const TARGETS_RECORDED = '2024-01-01T01:00:00Z';
const target = (data: Omit<TargetSetData, 'directiveId'>) =>
  e('TargetSet', { directiveId: 'SC-138-2024', ...data }, TARGETS_RECORDED, TARGETS_RECORDED);

function directive(): StoredEvent[] {
  return [
    e(
      'DirectiveIssued',
      { directiveId: 'SC-138-2024', code: 'SC-138/2024', title: 'Crime prevention plan 2024', issuedByUnitId: VN },
      TARGETS_RECORDED,
      TARGETS_RECORDED,
    ),
    target({ targetId: 'T-OPEN', unitId: P, metric: 'cases.opened', comparator: 'atLeast', value: 4, ...YEAR_2024 }),
    target({ targetId: 'T-PACE', unitId: P, metric: 'cases.opened', comparator: 'atLeast', value: 8, ...YEAR_2024 }),
    target({ targetId: 'T-REVISED', unitId: P, metric: 'cases.opened', comparator: 'atLeast', value: 10, ...YEAR_2024 }),
    target({
      targetId: 'T-DRUGS',
      unitId: P,
      metric: 'cases.opened',
      filter: { category: 'drugs' },
      comparator: 'atLeast',
      value: 2,
      ...YEAR_2024,
    }),
    target({ targetId: 'T-CLEARED', unitId: P, metric: 'cases.cleared', comparator: 'atLeast', value: 3, ...YEAR_2024 }),
    target({ targetId: 'T-CLEARANCE', unitId: P, metric: 'cases.clearanceRate', comparator: 'atLeast', value: 50, ...YEAR_2024 }),
    target({
      targetId: 'T-PROSECUTION',
      unitId: P,
      metric: 'cases.prosecutionRate',
      comparator: 'atLeast',
      value: 30,
      ...YEAR_2024,
    }),
    target({ targetId: 'T-ARRESTS', unitId: P, metric: 'arrests.persons', comparator: 'atLeast', value: 5, ...YEAR_2024 }),
    target({
      targetId: 'T-CHANGE',
      unitId: P,
      metric: 'cases.changePct',
      filter: { category: 'drugs' },
      comparator: 'atMost',
      value: -10,
      ...YEAR_2024,
      baselineStart: '2023-01-01',
      baselineEnd: '2023-12-31',
    }),
    target({
      targetId: 'T-NEW-YEAR',
      unitId: C,
      metric: 'cases.opened',
      comparator: 'atLeast',
      value: 1,
      periodStart: '2024-01-01',
      periodEnd: '2024-01-01',
    }),
    target({
      targetId: 'T-NEW-YEARS-EVE',
      unitId: C,
      metric: 'cases.opened',
      comparator: 'atLeast',
      value: 1,
      periodStart: '2023-12-31',
      periodEnd: '2023-12-31',
    }),
    target({ targetId: 'T-WITHDRAWN', unitId: P, metric: 'cases.opened', comparator: 'atLeast', value: 1, ...YEAR_2024 }),
    target({
      targetId: 'T-QN-PROSECUTION',
      unitId: Q,
      metric: 'cases.prosecutionRate',
      comparator: 'atLeast',
      value: 50,
      ...YEAR_2024,
    }),
    target({
      targetId: 'T-QN-CLEARANCE',
      unitId: Q,
      metric: 'cases.clearanceRate',
      comparator: 'atLeast',
      value: 88.03,
      ...YEAR_2024,
    }),
    e(
      'TargetWithdrawn',
      { directiveId: 'SC-138-2024', targetId: 'T-WITHDRAWN', reason: 'merged' },
      '2024-05-01T00:00:00Z',
      '2024-05-01T00:00:00Z',
    ),
    e(
      'TargetRevised',
      { directiveId: 'SC-138-2024', targetId: 'T-REVISED', value: 3 },
      '2024-07-20T00:00:00Z',
      '2024-07-20T00:00:00Z',
    ),
  ];
}

const progressAsOf = async (asOf: Date, unitId?: string) =>
  (await directiveProgress(pool, schema, 'SC-138-2024', { asOf, timeZone: HCM, ...(unitId ? { unitId } : {}) }))!;
const targetOf = (progress: DirectiveProgress, targetId: string) => progress.targets.find((t) => t.targetId === targetId);
const figure = (progress: DirectiveProgress, targetId: string) => {
  const t = targetOf(progress, targetId)!;
  return {
    actual: t.actual,
    numerator: t.numerator,
    denominator: t.denominator,
    attainmentPct: t.attainmentPct,
    status: t.status,
  };
};

beforeAll(async () => {
  ({ schema, drop } = await freshFiguresSchema(pool));
  // Cases before the tree and the directive: apply records facts, so topic order does not matter.
  await applyEvents(pool, schema, cases());
  await applyEvents(pool, schema, quangNinh());
  await applyEvents(pool, schema, directive());
  await applyEvents(pool, schema, tree());
});
afterAll(async () => {
  await drop();
  await pool.end();
});

describe('directive progress once 2024 is over', () => {
  let progress: DirectiveProgress;
  beforeAll(async () => {
    progress = await progressAsOf(LATER);
  });

  it('answers the contract shape, withdrawn targets left out, revisions applied', () => {
    expect(progress.directiveId).toBe('SC-138-2024');
    expect(progress.code).toBe('SC-138/2024');
    expect(progress.asOf).toBe('2025-06-01T16:59:59.999Z');
    expect(targetOf(progress, 'T-WITHDRAWN')).toBeUndefined();
    expect(targetOf(progress, 'T-REVISED')).toEqual({
      targetId: 'T-REVISED',
      unitId: P,
      metric: 'cases.opened',
      filter: null,
      comparator: 'atLeast',
      value: 3,
      periodStart: '2024-01-01',
      periodEnd: '2024-12-31',
      actual: 4,
      numerator: 4,
      denominator: null,
      attainmentPct: 133.33,
      status: 'achieved',
    });
  });

  it('counts cases opened: K1, K2, K3, K6 (K4 voided)', () => {
    expect(figure(progress, 'T-OPEN')).toEqual({
      actual: 4,
      numerator: 4,
      denominator: null,
      attainmentPct: 100,
      status: 'achieved',
    });
  });

  it('counts drug cases as known now: K1 and K6 (K3 reclassified smuggling, K4 voided)', () => {
    expect(figure(progress, 'T-DRUGS')).toMatchObject({ actual: 2, status: 'achieved' });
  });

  it('counts cleared cases (K1, K2) and misses 3', () => {
    expect(figure(progress, 'T-CLEARED')).toEqual({
      actual: 2,
      numerator: 2,
      denominator: null,
      attainmentPct: 66.67,
      status: 'missed',
    });
  });

  it('clearance rate 2/4 = 50 %, achieved', () => {
    expect(figure(progress, 'T-CLEARANCE')).toEqual({
      actual: 50,
      numerator: 2,
      denominator: 4,
      attainmentPct: 100,
      status: 'achieved',
    });
  });

  it('prosecution rate 1/4 = 25 %, missed against 30', () => {
    expect(figure(progress, 'T-PROSECUTION')).toEqual({
      actual: 25,
      numerator: 1,
      denominator: 4,
      attainmentPct: 83.33,
      status: 'missed',
    });
  });

  it('arrests: 3 + 2 persons (the 5 of the voided case drop out)', () => {
    expect(figure(progress, 'T-ARRESTS')).toEqual({
      actual: 5,
      numerator: 5,
      denominator: null,
      attainmentPct: 100,
      status: 'achieved',
    });
  });

  it('drug cases change −50 % on 2023 (2 against 4), 500 % of a −10 % target', () => {
    expect(figure(progress, 'T-CHANGE')).toEqual({
      actual: -50,
      numerator: -2,
      denominator: 4,
      attainmentPct: 500,
      status: 'achieved',
    });
  });

  it('puts 2023-12-31T20:00:00Z on 1 January 2024 and 2023-12-31T16:00:00Z on 31 December', () => {
    expect(figure(progress, 'T-NEW-YEAR')).toMatchObject({ actual: 1, status: 'achieved' });
    expect(figure(progress, 'T-NEW-YEARS-EVE')).toMatchObject({ actual: 1, status: 'achieved' });
  });

  it('prosecution 241/439 = 54.90 %; clearance 386/439 = 87.93 % misses 88.03 %', () => {
    expect(figure(progress, 'T-QN-PROSECUTION')).toEqual({
      actual: 54.9,
      numerator: 241,
      denominator: 439,
      attainmentPct: 109.8,
      status: 'achieved',
    });
    expect(figure(progress, 'T-QN-CLEARANCE')).toEqual({
      actual: 87.93,
      numerator: 386,
      denominator: 439,
      attainmentPct: 99.89,
      status: 'missed',
    });
  });

  it('evaluates every target for another unit when asked: Quảng Ninh has no drug case', async () => {
    const forQuangNinh = await progressAsOf(LATER, Q);
    expect(targetOf(forQuangNinh, 'T-OPEN')).toMatchObject({ unitId: Q, actual: 439, status: 'achieved' });
    expect(targetOf(forQuangNinh, 'T-DRUGS')).toMatchObject({ unitId: Q, actual: 0, status: 'missed' });
  });

  it('is null for an unknown directive', async () => {
    expect(await directiveProgress(pool, schema, 'NOPE', { asOf: LATER, timeZone: HCM })).toBeNull();
  });
});

describe('directive progress as of 1 July 2024 (183 of 366 days, before the reclassification and the void were recorded)', () => {
  let progress: DirectiveProgress;
  beforeAll(async () => {
    progress = await progressAsOf(parseAsOf('2024-07-01', HCM));
  });

  it('sees K1–K4: 4 cases, 8 projected — on_track for 8, at_risk for 10 (before its revision)', () => {
    expect(figure(progress, 'T-PACE')).toEqual({
      actual: 4,
      numerator: 4,
      denominator: null,
      attainmentPct: 50,
      status: 'on_track',
    });
    expect(targetOf(progress, 'T-REVISED')).toMatchObject({ value: 10, actual: 4, attainmentPct: 40, status: 'at_risk' });
  });

  it('still counts K3 and K4 as drug cases, and K4’s 5 arrested', () => {
    expect(figure(progress, 'T-DRUGS')).toMatchObject({ actual: 3 });
    expect(figure(progress, 'T-ARRESTS')).toMatchObject({ actual: 10, status: 'achieved' });
  });

  it('compares 3 drug cases so far with the whole 2023 baseline of 4: −25 %', () => {
    expect(figure(progress, 'T-CHANGE')).toEqual({
      actual: -25,
      numerator: -1,
      denominator: 4,
      attainmentPct: 250,
      status: 'achieved',
    });
  });

  it('keeps the target withdrawn on 1 May 2024 out, but not as of 1 April', async () => {
    expect(targetOf(progress, 'T-WITHDRAWN')).toBeUndefined();
    expect(targetOf(await progressAsOf(parseAsOf('2024-04-01', HCM)), 'T-WITHDRAWN')).toMatchObject({
      actual: 2,
      status: 'achieved',
    });
  });
});

describe('unit stats', () => {
  const stats = (unitId: string, asOf: Date, category?: 'drugs' | 'smuggling') =>
    unitStats(pool, schema, {
      unitId,
      from: '2024-01-01',
      to: '2024-12-31',
      asOf,
      timeZone: HCM,
      ...(category ? { category } : {}),
    });

  it('rolls the commune up to its district, province and the ministry', async () => {
    const expected = {
      from: '2024-01-01',
      to: '2024-12-31',
      casesOpened: 4,
      casesCleared: 2,
      casesProsecuted: 1,
      personsArrested: 5,
      defendants: 2,
      weaponsCollected: 0,
      hotspots: { identified: 0, listed: 0, transformed: 0, relapsed: 0, eliminated: 0 },
      incidents: { count: 0, deaths: 0, injuries: 0 },
    };
    for (const unitId of [C, D, P]) expect(await stats(unitId, LATER)).toEqual({ unitId, ...expected });
    expect(await stats(VN, LATER)).toMatchObject({ casesOpened: 4 + 439, casesCleared: 2 + 386, casesProsecuted: 1 + 241 });
  });

  it('moves K3 from drugs to smuggling when its reclassification is known, not before', async () => {
    const beforeReclassified = parseAsOf('2024-07-15', HCM);
    expect(await stats(P, beforeReclassified, 'smuggling')).toMatchObject({ casesOpened: 0 });
    expect(await stats(P, beforeReclassified, 'drugs')).toMatchObject({ casesOpened: 3, personsArrested: 8 });
    expect(await stats(P, LATER, 'smuggling')).toMatchObject({ casesOpened: 1 });
    expect(await stats(P, LATER, 'drugs')).toMatchObject({ casesOpened: 2, personsArrested: 3, defendants: 2 });
  });

  it('drops the voided K4 from every figure once the void is known', async () => {
    expect(await stats(C, parseAsOf('2024-08-31', HCM))).toMatchObject({ casesOpened: 4, personsArrested: 10 });
    expect(await stats(C, parseAsOf('2024-09-02', HCM))).toMatchObject({ casesOpened: 3, personsArrested: 5 });
  });
});

it('lists the directive with its current targets', async () => {
  const [listed] = (await listDirectives(await readContext(pool, schema, null))).filter((d) => d.directiveId === 'SC-138-2024');
  expect(listed).toMatchObject({ code: 'SC-138/2024', title: 'Crime prevention plan 2024', issuedByUnitId: VN });
  expect(listed!.targets.map((t) => t.targetId)).toEqual([
    'T-ARRESTS',
    'T-CHANGE',
    'T-CLEARANCE',
    'T-CLEARED',
    'T-DRUGS',
    'T-NEW-YEAR',
    'T-NEW-YEARS-EVE',
    'T-OPEN',
    'T-PACE',
    'T-PROSECUTION',
    'T-QN-CLEARANCE',
    'T-QN-PROSECUTION',
    'T-REVISED',
  ]);
  expect(listed!.targets.find((t) => t.targetId === 'T-REVISED')).toMatchObject({ value: 3 });
});
