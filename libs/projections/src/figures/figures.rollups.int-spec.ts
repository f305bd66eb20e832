import type { StoredEvent } from '@vigil/contract';
import { Pool } from 'pg';
import { parseAsOf } from '@vigil/domain';
import { directiveProgress, type DirectiveProgress } from './read/directive-progress';
import { applyEvents, freshFiguresSchema, StoredEvents } from './figures.testing';
import { unitStats, type UnitStats } from './read/unit-stats';

// The rollups (record-rollups.ts) answer for the ministry and the provinces; every figure here is also
// read with the rollups turned off, from the facts alone, and must be the same.
const HCM = 'Asia/Ho_Chi_Minh';
const VN = 'VN';
const P1 = 'VN-LCI';
const P2 = 'VN-QNH';
const C1 = 'VN-LCI-COCSAN';
const C2 = 'VN-QNH-BAICHAY';

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
const stored = new StoredEvents();
const e = stored.event.bind(stored);

const REGISTERED = '2024-01-01T00:00:00Z';
const registrations = (extra: StoredEvent[] = []) => [
  e('UnitRegistered', { unitId: VN, name: 'Bộ Công an', level: 'ministry', parentUnitId: null }, REGISTERED, REGISTERED),
  e('UnitRegistered', { unitId: P1, name: 'Lào Cai', level: 'province', parentUnitId: VN }, REGISTERED, REGISTERED),
  e('UnitRegistered', { unitId: P2, name: 'Quảng Ninh', level: 'province', parentUnitId: VN }, REGISTERED, REGISTERED),
  e('UnitRegistered', { unitId: C1, name: 'Cốc San', level: 'commune', parentUnitId: P1 }, REGISTERED, REGISTERED),
  e('UnitRegistered', { unitId: C2, name: 'Bãi Cháy', level: 'commune', parentUnitId: P2 }, REGISTERED, REGISTERED),
  ...extra,
];

/** Unit stats as the rollups answer, checked against the same read from the facts alone. */
async function stats(schema: string, unitId: string, from: string, to: string, asOf: string, category?: 'drugs' | 'smuggling') {
  const query = { unitId, from, to, asOf: parseAsOf(asOf, HCM), timeZone: HCM, ...(category ? { category } : {}) };
  return bothWays<UnitStats>((fromFacts) => unitStats(pool, schema, { ...query, fromFacts }));
}

/** Runs `read` from the sums kept ahead, then from the facts alone, expects the same, and returns it. */
async function bothWays<T>(read: (fromFacts: boolean) => Promise<T>): Promise<T> {
  const summed = await read(false);
  expect(summed).toEqual(await read(true));
  return summed;
}

afterAll(async () => {
  await pool.end();
});

describe('corrections, late knowledge and partial months', () => {
  let schema: string;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    ({ schema, drop } = await freshFiguresSchema(pool));
    await applyEvents(pool, schema, registrations());
    const K1 = 'LC-2024-000001';
    await applyEvents(pool, schema, [
      e(
        'CaseOpened',
        { caseId: K1, unitId: C1, category: 'drugs', severity: 'serious' },
        '2024-03-05T02:00:00Z',
        '2024-03-05T03:00:00Z',
      ),
      e('ArrestMade', { caseId: K1, arrestId: 'A1', persons: 3 }, '2024-03-06T02:00:00Z', '2024-03-06T03:00:00Z'),
      e(
        'CaseOpened',
        { caseId: 'QN-2024-000001', unitId: C2, category: 'drugs', severity: 'very_serious' },
        '2024-03-20T02:00:00Z',
        '2024-03-20T03:00:00Z',
      ),
    ]);
    await applyEvents(pool, schema, [
      e('CaseReclassified', { caseId: K1, category: 'smuggling' }, '2024-04-01T02:00:00Z', '2024-04-01T03:00:00Z'),
      e('CaseCleared', { caseId: K1 }, '2024-04-10T02:00:00Z', '2024-04-10T03:00:00Z'),
    ]);
    await applyEvents(pool, schema, [
      e('CaseVoided', { caseId: K1, reason: 'opened in error' }, '2024-05-01T02:00:00Z', '2024-05-01T03:00:00Z'),
    ]);
    // Recorded on 20 June, applied first; then one recorded on 15 June, applied after it (another topic's partition lagging).
    await applyEvents(pool, schema, [
      e('WeaponsCollected', { unitId: C1, items: 7, kind: 'firearm' }, '2024-06-10T02:00:00Z', '2024-06-20T03:00:00Z'),
    ]);
    await applyEvents(pool, schema, [
      e('WeaponsCollected', { unitId: C2, items: 5, kind: 'homemade' }, '2024-06-12T02:00:00Z', '2024-06-15T03:00:00Z'),
    ]);
  });
  afterAll(() => drop());

  it('counts the drug case and its 3 arrested before the reclassification is known', async () => {
    const march = await stats(schema, VN, '2024-03-01', '2024-03-31', '2024-03-10', 'drugs');
    expect([march.casesOpened, march.personsArrested]).toEqual([1, 3]);
  });

  it('between the reclassification and the void, moves the case and its arrests to smuggling', async () => {
    const drugs = await stats(schema, VN, '2024-03-01', '2024-03-31', '2024-04-05', 'drugs');
    const smuggling = await stats(schema, VN, '2024-03-01', '2024-03-31', '2024-04-05', 'smuggling');
    expect([drugs.casesOpened, drugs.personsArrested]).toEqual([1, 0]);
    expect([smuggling.casesOpened, smuggling.casesCleared, smuggling.personsArrested]).toEqual([1, 0, 3]);
    expect((await stats(schema, P1, '2024-03-01', '2024-03-31', '2024-04-15', 'smuggling')).casesCleared).toBe(1);
  });

  it('drops the voided case and its arrests once the void is known', async () => {
    const all = await stats(schema, VN, '2024-03-01', '2024-03-31', '2024-05-02');
    expect([all.casesOpened, all.casesCleared, all.personsArrested]).toEqual([1, 0, 0]);
    expect((await stats(schema, P1, '2024-01-01', '2024-12-31', '2024-05-02')).casesOpened).toBe(0);
  });

  it('adds a delta applied late to the versions recorded after it', async () => {
    expect((await stats(schema, VN, '2024-06-01', '2024-06-30', '2024-06-16')).weaponsCollected).toBe(5);
    expect((await stats(schema, VN, '2024-06-01', '2024-06-30', '2024-06-21')).weaponsCollected).toBe(12);
    expect((await stats(schema, P1, '2024-06-01', '2024-06-30', '2024-06-16')).weaponsCollected).toBe(0);
  });

  it('reads whole days around whole months', async () => {
    const span = await stats(schema, VN, '2024-03-10', '2024-06-11', '2024-06-30');
    expect([span.casesOpened, span.weaponsCollected]).toEqual([1, 7]);
  });
});

describe('tree changes', () => {
  let schema: string;
  let drop: () => Promise<void>;
  const C3 = 'VN-LCI-MUONGKHUONG';
  const C4 = 'VN-LCI-BACHA';

  beforeAll(async () => {
    ({ schema, drop } = await freshFiguresSchema(pool));
    await applyEvents(pool, schema, registrations());
    // The case's topic runs ahead of the units topic: C3's case is applied before C3's registration.
    await applyEvents(pool, schema, [
      e(
        'CaseOpened',
        { caseId: 'LC-2024-000003', unitId: C3, category: 'drugs', severity: 'serious' },
        '2024-07-01T02:00:00Z',
        '2024-07-01T03:00:00Z',
      ),
    ]);
    await applyEvents(pool, schema, [
      e(
        'UnitRegistered',
        { unitId: C3, name: 'Mường Khương', level: 'commune', parentUnitId: P1 },
        '2024-06-30T00:00:00Z',
        '2024-06-30T00:00:00Z',
      ),
      e(
        'UnitRegistered',
        { unitId: C4, name: 'Bắc Hà', level: 'commune', parentUnitId: P1 },
        '2024-06-30T00:00:00Z',
        '2024-06-30T00:00:00Z',
      ),
    ]);
    // C4, with no fact yet, moves to the other province from 1 August; known on 5 August.
    await applyEvents(pool, schema, [
      e('UnitReassigned', { unitId: C4, parentUnitId: P2 }, '2024-08-01T00:00:00+07:00', '2024-08-05T00:00:00Z'),
    ]);
    await applyEvents(pool, schema, [
      e(
        'CaseOpened',
        { caseId: 'LC-2024-000004', unitId: C4, category: 'drugs', severity: 'serious' },
        '2024-08-10T02:00:00Z',
        '2024-08-10T03:00:00Z',
      ),
    ]);
  });
  afterAll(() => drop());

  it('adds the facts recorded before their unit was registered to the rollups, which stay on', async () => {
    expect((await stats(schema, VN, '2024-07-01', '2024-07-31', '2024-12-31')).casesOpened).toBe(1);
    expect((await stats(schema, P1, '2024-07-01', '2024-07-31', '2024-12-31')).casesOpened).toBe(1);
  });

  it('makes the roots a move between provinces concerns valid only from when it was known', async () => {
    expect((await stats(schema, P2, '2024-08-01', '2024-08-31', '2024-12-31')).casesOpened).toBe(1);
    expect((await stats(schema, P1, '2024-08-01', '2024-08-31', '2024-12-31')).casesOpened).toBe(0);
  });
});

describe('a top registered after the facts under its provinces', () => {
  let schema: string;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    ({ schema, drop } = await freshFiguresSchema(pool));
    // The ministry's partition lags: the province, its commune and the commune's weapons come first,
    // when their chain reaches no top yet and nothing can be rolled up.
    const [ministry, province, , commune] = registrations();
    await applyEvents(pool, schema, [province!, commune!]);
    await applyEvents(pool, schema, [
      e('WeaponsCollected', { unitId: C1, items: 4, kind: 'firearm' }, '2024-03-01T02:00:00Z', '2024-03-01T03:00:00Z'),
    ]);
    await applyEvents(pool, schema, [ministry!]);
    await applyEvents(pool, schema, [
      e('WeaponsCollected', { unitId: C1, items: 2, kind: 'homemade' }, '2024-03-02T02:00:00Z', '2024-03-02T03:00:00Z'),
    ]);
  });
  afterAll(() => drop());

  it('counts the weapons known before and after the top for the province and the ministry', async () => {
    expect((await stats(schema, P1, '2024-03-01', '2024-03-31', '2024-12-31')).weaponsCollected).toBe(6);
    expect((await stats(schema, VN, '2024-03-01', '2024-03-31', '2024-12-31')).weaponsCollected).toBe(6);
  });
});

describe('a reassignment that gives a unit its first top', () => {
  let schema: string;
  let drop: () => Promise<void>;
  const X = 'VN-LCI-SIMACAI';

  beforeAll(async () => {
    ({ schema, drop } = await freshFiguresSchema(pool));
    await applyEvents(pool, schema, registrations());
    // Registered under a district nobody registered: its weapons roll up nowhere.
    await applyEvents(pool, schema, [
      e(
        'UnitRegistered',
        { unitId: X, name: 'Si Ma Cai', level: 'commune', parentUnitId: 'VN-LCI-UNKNOWN' },
        REGISTERED,
        REGISTERED,
      ),
      e('WeaponsCollected', { unitId: X, items: 5, kind: 'firearm' }, '2024-05-10T02:00:00Z', '2024-05-10T03:00:00Z'),
    ]);
    // From 1 May, under the province; known on 20 May.
    await applyEvents(pool, schema, [
      e('UnitReassigned', { unitId: X, parentUnitId: P1 }, '2024-04-30T17:00:00Z', '2024-05-20T03:00:00Z'),
    ]);
  });
  afterAll(() => drop());

  it('adds its facts to the rollups, valid from when the move was known', async () => {
    expect((await stats(schema, P1, '2024-05-01', '2024-05-31', '2024-05-21')).weaponsCollected).toBe(5);
    expect((await stats(schema, VN, '2024-05-01', '2024-05-31', '2024-05-21')).weaponsCollected).toBe(5);
  });

  it('leaves them out as known before the move', async () => {
    expect((await stats(schema, P1, '2024-05-01', '2024-05-31', '2024-05-15')).weaponsCollected).toBe(0);
  });
});

describe('two facts known in the same second', () => {
  let schema: string;
  let drop: () => Promise<void>;
  const at = (ms: number) => `2024-03-01T03:00:00.${String(ms).padStart(3, '0')}Z`;

  beforeAll(async () => {
    ({ schema, drop } = await freshFiguresSchema(pool));
    await applyEvents(pool, schema, registrations());
    // Versions are per second of knowledge time: both land in the version of 03:00:00.
    await applyEvents(pool, schema, [
      e('WeaponsCollected', { unitId: C1, items: 4, kind: 'firearm' }, '2024-03-01T02:00:00Z', at(200)),
      e('WeaponsCollected', { unitId: C1, items: 3, kind: 'homemade' }, '2024-03-01T02:30:00Z', at(700)),
    ]);
  });
  afterAll(() => drop());

  it('answers an asOf between them with the first alone', async () => {
    expect((await stats(schema, P1, '2024-03-01', '2024-03-31', at(500))).weaponsCollected).toBe(4);
  });

  it('answers an asOf at or after the second one with both', async () => {
    expect((await stats(schema, VN, '2024-03-01', '2024-03-31', at(700))).weaponsCollected).toBe(7);
    expect((await stats(schema, VN, '2024-03-01', '2024-03-31', at(999))).weaponsCollected).toBe(7);
  });
});

describe('hotspots and readings under a rolled-up root', () => {
  let schema: string;
  let drop: () => Promise<void>;
  const D = 'DIR-11';
  const late = '2024-01-02T00:00:00Z';
  const hourAfter = (iso: string) => new Date(Date.parse(iso) + 3_600_000).toISOString();
  const step = (type: 'HotspotTransformed' | 'HotspotRelapsed' | 'HotspotEliminated', hotspotId: string, at: string) =>
    e(type, { hotspotId }, at, hourAfter(at));
  const target = (targetId: string, metric: string, filter?: object) =>
    e(
      'TargetSet',
      {
        directiveId: D,
        targetId,
        unitId: VN,
        metric,
        ...(filter ? { filter } : {}),
        comparator: 'atLeast',
        value: 1,
        periodStart: '2024-01-01',
        periodEnd: '2024-12-31',
      } as never,
      REGISTERED,
      REGISTERED,
    );
  const progress = (asOf: string) =>
    bothWays<DirectiveProgress>(
      async (fromFacts) => (await directiveProgress(pool, schema, D, { asOf: parseAsOf(asOf, HCM), timeZone: HCM, fromFacts }))!,
    );
  const figures = (p: DirectiveProgress) =>
    Object.fromEntries(p.targets.map((t) => [t.targetId, [t.numerator, t.denominator, t.actual]]));

  beforeAll(async () => {
    ({ schema, drop } = await freshFiguresSchema(pool));
    await applyEvents(pool, schema, [
      ...registrations(),
      e(
        'DirectiveIssued',
        { directiveId: D, code: D, title: 'Weapons and hotspots', issuedByUnitId: VN },
        REGISTERED,
        REGISTERED,
      ),
      target('transformed', 'hotspots.transformed'),
      target('transformation', 'hotspots.transformationRate'),
      target('elimination', 'hotspots.eliminationRate', { hotspotKind: 'drug_retail_point' }),
      target('eid', 'indicator.ratio', { indicator: 'eid.level2.issued' }),
    ]);
    await applyEvents(pool, schema, [
      // Identified before 2024, reported late on 2 January 2024.
      e('HotspotIdentified', { hotspotId: 'H1', unitId: C1, kind: 'drug_hotspot', name: 'H1' }, '2023-05-01T02:00:00Z', late),
      e('HotspotIdentified', { hotspotId: 'H2', unitId: C2, kind: 'complex_area', name: 'H2' }, '2023-06-01T02:00:00Z', late),
      e(
        'HotspotIdentified',
        { hotspotId: 'H3', unitId: C1, kind: 'drug_retail_point', name: 'H3' },
        '2023-01-01T02:00:00Z',
        late,
      ),
      e('HotspotListed', { hotspotId: 'H1', year: 2024 }, '2024-01-10T02:00:00Z', '2024-01-10T03:00:00Z'),
      e('HotspotListed', { hotspotId: 'H2', year: 2024 }, '2024-01-10T02:00:00Z', '2024-01-10T03:00:00Z'),
      step('HotspotEliminated', 'H3', '2024-03-01T02:00:00Z'),
      step('HotspotTransformed', 'H2', '2024-04-01T02:00:00Z'),
      step('HotspotTransformed', 'H1', '2024-06-01T02:00:00Z'),
      step('HotspotRelapsed', 'H2', '2024-09-01T02:00:00Z'),
      e(
        'IndicatorMeasured',
        { unitId: C2, indicator: 'eid.level2.issued', value: 80, denominator: 100 },
        '2024-06-01T02:00:00Z',
        '2024-06-01T03:00:00Z',
      ),
      e(
        'IndicatorMeasured',
        { unitId: C1, indicator: 'eid.level2.issued', value: 90, denominator: 100 },
        '2024-09-01T02:00:00Z',
        '2024-09-02T03:00:00Z',
      ),
    ]);
  });
  afterAll(() => drop());

  it('counts both transformed hotspots and the first reading by August', async () => {
    expect(figures(await progress('2024-08-01'))).toEqual({
      transformed: [2, null, 2],
      transformation: [2, 2, 100],
      elimination: [1, 1, 100],
      eid: [80, 100, 80],
    });
  });

  it("drops the relapsed hotspot, and sums both communes' latest readings by the end of the year: 80/100 + 90/100 = 85 %", async () => {
    const answer = await progress('2024-12-31');
    expect(figures(answer)).toEqual({
      transformed: [1, null, 1],
      transformation: [1, 2, 50],
      elimination: [1, 1, 100],
      eid: [170, 200, 85],
    });
    expect(answer.targets.find((t) => t.targetId === 'eid')!.coverage).toEqual({ reporting: 2, units: 2 });
    expect(answer.targets.find((t) => t.targetId === 'transformed')!.coverage).toBeUndefined();
  });

  it('counts the hotspot events of a province, each under the province of its unit', async () => {
    const p1 = await stats(schema, P1, '2024-01-01', '2024-12-31', '2024-12-31');
    expect(p1.hotspots).toEqual({ identified: 0, listed: 1, transformed: 1, relapsed: 0, eliminated: 1 });
  });
});
