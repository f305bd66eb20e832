import type { StoredEvent, TargetSetData } from '@vigil/contract';
import { Pool } from 'pg';
import { parseAsOf } from '@vigil/domain';
import { directiveProgress, type DirectiveProgress } from './read/directive-progress';
import { applyEvents, freshFiguresSchema, StoredEvents } from './figures.testing';
import { unitStats } from './read/unit-stats';

// Hotspot, weapon, indicator and incident metrics of CONTRACT.md §4 against hand-computed figures.
const HCM = 'Asia/Ho_Chi_Minh';
const P = 'VN-LCI';
const C = 'VN-LCI-COCSAN';
const LATER = parseAsOf('2025-06-01', HCM);
const MID_2024 = parseAsOf('2024-07-01', HCM);

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
const stored = new StoredEvents();
const e = stored.event.bind(stored);
let schema: string;
let drop: () => Promise<void>;

const hourAfter = (iso: string) => new Date(Date.parse(iso) + 3_600_000).toISOString();
const dayOf = (year: number, n: number) => new Date(Date.UTC(year, 0, 1, 5) + n * 86_400_000).toISOString();

function hotspots(): StoredEvent[] {
  type Step = ['listed', number] | ['transformed' | 'relapsed' | 'eliminated'];
  const hotspot = (
    hotspotId: string,
    kind: 'drug_hotspot' | 'drug_retail_point' | 'complex_area',
    identifiedAt: string,
    steps: [string, Step][],
  ) => [
    e('HotspotIdentified', { hotspotId, unitId: C, kind, name: hotspotId }, identifiedAt, hourAfter(identifiedAt)),
    ...steps.map(([at, [step, year]]) =>
      step === 'listed'
        ? e('HotspotListed', { hotspotId, year: year! }, at, hourAfter(at))
        : e(
            step === 'transformed' ? 'HotspotTransformed' : step === 'relapsed' ? 'HotspotRelapsed' : 'HotspotEliminated',
            { hotspotId },
            at,
            hourAfter(at),
          ),
    ),
  ];
  return [
    ...hotspot('H1', 'drug_hotspot', '2023-05-01T02:00:00Z', [
      ['2024-01-10T02:00:00Z', ['listed', 2024]],
      ['2024-06-01T02:00:00Z', ['transformed']],
    ]),
    ...hotspot('H2', 'complex_area', '2023-06-01T02:00:00Z', [
      ['2024-01-10T02:00:00Z', ['listed', 2024]],
      ['2024-04-01T02:00:00Z', ['transformed']],
      ['2024-09-01T02:00:00Z', ['relapsed']],
    ]),
    ...hotspot('H3', 'complex_area', '2024-02-01T02:00:00Z', [['2024-02-02T02:00:00Z', ['listed', 2024]]]),
    ...hotspot('H4', 'drug_retail_point', '2023-01-01T02:00:00Z', [['2024-03-01T02:00:00Z', ['eliminated']]]),
    ...hotspot('H5', 'drug_hotspot', '2024-04-01T02:00:00Z', [['2025-02-01T02:00:00Z', ['eliminated']]]),
    ...hotspot('H6', 'drug_hotspot', '2022-01-01T02:00:00Z', [['2023-05-01T02:00:00Z', ['eliminated']]]),
    ...hotspot('H7', 'complex_area', '2023-01-01T02:00:00Z', [
      ['2023-01-10T02:00:00Z', ['listed', 2023]],
      ['2023-11-01T02:00:00Z', ['transformed']],
    ]),
  ];
}

function measures(): StoredEvent[] {
  const measured = <T extends 'WeaponsCollected' | 'IndicatorMeasured' | 'IncidentRecorded'>(
    type: T,
    data: Parameters<typeof e<T>>[1],
    at: string,
  ) => e(type, data, at, hourAfter(at));
  const reading = (indicator: string, value: number, at: string) =>
    measured('IndicatorMeasured', { unitId: C, indicator, value, denominator: 3332 }, at);
  const incident = (kind: 'traffic_accident' | 'fire_explosion', at: string, deaths = 0, injuries = 0) =>
    measured('IncidentRecorded', { unitId: C, kind, deaths, injuries }, at);
  return [
    measured('WeaponsCollected', { unitId: C, items: 12, kind: 'firearm' }, '2024-03-01T02:00:00Z'),
    measured('WeaponsCollected', { unitId: C, items: 8, kind: 'homemade' }, '2024-11-01T02:00:00Z'),
    // 00:30 on 1 January 2025, local time: a 2025 collection.
    measured('WeaponsCollected', { unitId: C, items: 5, kind: 'explosive' }, '2024-12-31T17:30:00Z'),
    reading('eid.level2.issued', 3000, '2024-05-01T02:00:00Z'),
    reading('eid.level2.issued', 3156, '2024-10-01T02:00:00Z'),
    reading('eid.level2.issued', 3200, '2025-01-05T02:00:00Z'),
    reading('eid.level2.activated', 3083, '2024-10-01T02:00:00Z'),
    ...Array.from({ length: 1000 }, (_, n) => incident('fire_explosion', dayOf(2023, n % 365))),
    ...Array.from({ length: 679 }, (_, n) => incident('fire_explosion', dayOf(2024, n % 366))),
    incident('traffic_accident', '2023-03-01T02:00:00Z', 1, 1),
    incident('traffic_accident', '2023-09-01T02:00:00Z', 1, 1),
    incident('traffic_accident', '2024-02-01T02:00:00Z', 1, 2),
    incident('traffic_accident', '2024-05-01T02:00:00Z', 1, 2),
    incident('traffic_accident', '2024-11-01T02:00:00Z', 1, 2),
  ];
}

const RECORDED = '2024-01-01T01:00:00Z';
const YEAR_2024 = { unitId: P, periodStart: '2024-01-01', periodEnd: '2024-12-31' } as const;
const BASELINE_2023 = { baselineStart: '2023-01-01', baselineEnd: '2023-12-31' } as const;
const target = (data: Omit<TargetSetData, 'directiveId' | 'unitId' | 'periodStart' | 'periodEnd'>) =>
  e('TargetSet', { directiveId: 'PRJ-06', ...YEAR_2024, ...data }, RECORDED, RECORDED);

function directive(): StoredEvent[] {
  return [
    e(
      'DirectiveIssued',
      { directiveId: 'PRJ-06', code: 'PRJ-06', title: 'Project 06 and hotspots', issuedByUnitId: P },
      RECORDED,
      RECORDED,
    ),
    target({ targetId: 'TRANSFORMED', metric: 'hotspots.transformed', comparator: 'atLeast', value: 2 }),
    target({ targetId: 'TRANSFORMATION', metric: 'hotspots.transformationRate', comparator: 'atLeast', value: 75 }),
    target({ targetId: 'ELIMINATION', metric: 'hotspots.eliminationRate', comparator: 'atLeast', value: 100 }),
    target({
      targetId: 'ELIMINATION-RETAIL',
      metric: 'hotspots.eliminationRate',
      filter: { hotspotKind: 'drug_retail_point' },
      comparator: 'atLeast',
      value: 100,
    }),
    target({
      targetId: 'ELIMINATION-HOTSPOTS',
      metric: 'hotspots.eliminationRate',
      filter: { hotspotKind: 'drug_hotspot' },
      comparator: 'atLeast',
      value: 100,
    }),
    target({ targetId: 'WEAPONS', metric: 'weapons.collected', comparator: 'atLeast', value: 20 }),
    target({
      targetId: 'EID-ISSUED',
      metric: 'indicator.ratio',
      filter: { indicator: 'eid.level2.issued' },
      comparator: 'atLeast',
      value: 90,
    }),
    target({
      targetId: 'EID-ACTIVATED',
      metric: 'indicator.ratio',
      filter: { indicator: 'eid.level2.activated' },
      comparator: 'atLeast',
      value: 95,
    }),
    target({
      targetId: 'EID-ISSUED-COUNT',
      metric: 'indicator.value',
      filter: { indicator: 'eid.level2.issued' },
      comparator: 'atLeast',
      value: 3332,
    }),
    target({
      targetId: 'FIRES',
      metric: 'incidents.changePct',
      filter: { kind: 'fire_explosion' },
      comparator: 'atMost',
      value: -5.92,
      ...BASELINE_2023,
    }),
    target({
      targetId: 'TRAFFIC',
      metric: 'incidents.changePct',
      filter: { kind: 'traffic_accident' },
      comparator: 'atMost',
      value: -10,
      ...BASELINE_2023,
    }),
  ];
}

const progressAsOf = async (asOf: Date) => (await directiveProgress(pool, schema, 'PRJ-06', { asOf, timeZone: HCM }))!;
const figure = (progress: DirectiveProgress, targetId: string) => {
  const t = progress.targets.find((candidate) => candidate.targetId === targetId)!;
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
  const registered = '2024-01-01T00:00:00Z';
  await applyEvents(pool, schema, [...measures(), ...hotspots(), ...directive()]);
  await applyEvents(pool, schema, [
    e('UnitRegistered', { unitId: P, name: 'Lào Cai', level: 'province', parentUnitId: 'VN' }, registered, registered),
    e('UnitRegistered', { unitId: C, name: 'Cốc San', level: 'commune', parentUnitId: P }, registered, registered),
  ]);
});
afterAll(async () => {
  await drop();
  await pool.end();
});

describe('once 2024 is over', () => {
  let progress: DirectiveProgress;
  beforeAll(async () => {
    progress = await progressAsOf(LATER);
  });

  it('counts H1 transformed; H2 relapsed since, so it no longer counts', () => {
    expect(figure(progress, 'TRANSFORMED')).toEqual({
      actual: 1,
      numerator: 1,
      denominator: null,
      attainmentPct: 50,
      status: 'missed',
    });
  });

  it('transformation rate: 1 of the 3 listed for 2024 (H1, H2, H3) = 33.33 %', () => {
    expect(figure(progress, 'TRANSFORMATION')).toEqual({
      actual: 33.33,
      numerator: 1,
      denominator: 3,
      attainmentPct: 44.44,
      status: 'missed',
    });
  });

  it('elimination rate: H4 of the 6 hotspots there were in 2024 (H6 gone in 2023, H5 eliminated in 2025)', () => {
    expect(figure(progress, 'ELIMINATION')).toEqual({
      actual: 16.67,
      numerator: 1,
      denominator: 6,
      attainmentPct: 16.67,
      status: 'missed',
    });
    expect(figure(progress, 'ELIMINATION-RETAIL')).toEqual({
      actual: 100,
      numerator: 1,
      denominator: 1,
      attainmentPct: 100,
      status: 'achieved',
    });
    expect(figure(progress, 'ELIMINATION-HOTSPOTS')).toEqual({
      actual: 0,
      numerator: 0,
      denominator: 2,
      attainmentPct: 0,
      status: 'missed',
    });
  });

  it('weapons: 12 + 8 items (the 5 collected at 00:30 on 1 January 2025 local time are 2025’s)', () => {
    expect(figure(progress, 'WEAPONS')).toEqual({
      actual: 20,
      numerator: 20,
      denominator: null,
      attainmentPct: 100,
      status: 'achieved',
    });
  });

  it('indicators read the latest 2024 reading: 3,156/3,332 = 94.72 %, 3,083/3,332 = 92.53 %', () => {
    expect(figure(progress, 'EID-ISSUED')).toEqual({
      actual: 94.72,
      numerator: 3156,
      denominator: 3332,
      attainmentPct: 105.24,
      status: 'achieved',
    });
    expect(figure(progress, 'EID-ACTIVATED')).toEqual({
      actual: 92.53,
      numerator: 3083,
      denominator: 3332,
      attainmentPct: 97.4,
      status: 'missed',
    });
    expect(figure(progress, 'EID-ISSUED-COUNT')).toEqual({
      actual: 3156,
      numerator: 3156,
      denominator: 3332,
      attainmentPct: 94.72,
      status: 'missed',
    });
  });

  it('fires down 32.1 % (679 against 1,000) exceed a −5.92 % target by 542.23 %', () => {
    expect(figure(progress, 'FIRES')).toEqual({
      actual: -32.1,
      numerator: -321,
      denominator: 1000,
      attainmentPct: 542.23,
      status: 'achieved',
    });
  });

  it('traffic accidents up 50 % (3 against 2): missed', () => {
    expect(figure(progress, 'TRAFFIC')).toEqual({
      actual: 50,
      numerator: 1,
      denominator: 2,
      attainmentPct: -500,
      status: 'missed',
    });
  });
});

describe('as of 1 July 2024', () => {
  let progress: DirectiveProgress;
  beforeAll(async () => {
    progress = await progressAsOf(MID_2024);
  });

  it('counts H1 and H2 transformed, H2’s relapse not having happened', () => {
    expect(figure(progress, 'TRANSFORMED')).toMatchObject({ actual: 2, status: 'achieved' });
    expect(figure(progress, 'TRANSFORMATION')).toEqual({
      actual: 66.67,
      numerator: 2,
      denominator: 3,
      attainmentPct: 88.89,
      status: 'at_risk',
    });
  });

  it('reads the May reading: 3,000/3,332 = 90.04 %', () => {
    expect(figure(progress, 'EID-ISSUED')).toMatchObject({ actual: 90.04, numerator: 3000, status: 'achieved' });
  });

  it('traffic: 2 so far against the whole 2023 (2) is 0 %; against 2023’s first half (1), +100 % — at_risk', () => {
    expect(figure(progress, 'TRAFFIC')).toEqual({ actual: 0, numerator: 0, denominator: 2, attainmentPct: 0, status: 'at_risk' });
  });
});

it('unit stats count the hotspot, weapon and incident events of 2024', async () => {
  const stats = await unitStats(pool, schema, { unitId: P, from: '2024-01-01', to: '2024-12-31', asOf: LATER, timeZone: HCM });
  expect(stats).toMatchObject({
    weaponsCollected: 20,
    hotspots: { identified: 2, listed: 3, transformed: 2, relapsed: 1, eliminated: 1 },
    incidents: { count: 682, deaths: 3, injuries: 6 },
  });
});
