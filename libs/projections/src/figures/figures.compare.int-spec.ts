import type { CompareAnswer, CompareFigure, SeriesAnswer, StoredEvent } from '@vigil/contract';
import { parseAsOf } from '@vigil/domain';
import { Pool } from 'pg';
import { applyEvents, freshFiguresSchema, StoredEvents } from './figures.testing';
import type { Basis } from './read/basis';
import { readContext } from './read/read-context';
import { unitCompare } from './read/unit-compare';
import { unitSeries, type SeriesQuery } from './read/unit-series';

// CompStat compare and series (CONTRACT.md §5, Analyst views) on hand-computed figures, read both from the
// sums kept ahead and from the facts alone. Events happen at 09:00 in Hồ Chí Minh City (02:00Z).
const HCM = 'Asia/Ho_Chi_Minh';
const [VN, P1, P2, D1, C1, C2] = ['VN', 'VN-P1', 'VN-P2', 'VN-P1-D1', 'VN-P1-D1-C1', 'VN-P1-C2'];
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
const stored = new StoredEvents();
const e = stored.event.bind(stored);
let schema: string;
let drop: () => Promise<void>;
const at9 = (day: string) => `${day}T02:00:00Z`;
let caseNumber = 0;

/** A case opened on a day in a unit (drugs, serious), recorded then or on `recorded`. */
function opened(unitId: string, day: string, recorded = day, category: 'drugs' | 'economic' = 'drugs') {
  caseNumber += 1;
  const caseId = `K${caseNumber}`;
  return { caseId, event: e('CaseOpened', { caseId, unitId, category, severity: 'serious' }, at9(day), at9(recorded)) };
}

const events = () => {
  const register = (unitId: string, level: 'ministry' | 'province' | 'district' | 'commune', parentUnitId: string | null) =>
    e('UnitRegistered', { unitId, name: unitId, level, parentUnitId }, at9('2023-01-01'), at9('2023-01-01'));
  const list: StoredEvent[] = [
    register(VN, 'ministry', null),
    register(P1, 'province', VN),
    register(P2, 'province', VN),
    register(D1, 'district', P1),
    register(C1, 'commune', D1),
    register(C2, 'commune', P1),
  ];
  const cases = (unitId: string, day: string, count: number) => Array.from({ length: count }, () => opened(unitId, day).event);
  list.push(...cases(C1, '2023-12-20', 2), ...cases(C1, '2023-12-31', 1), ...cases(C1, '2024-12-10', 3));
  list.push(...cases(C1, '2024-12-01', 1), ...cases(C1, '2023-02-28', 1));
  const january = opened(C1, '2024-01-01');
  list.push(january.event, e('CaseCleared', { caseId: january.caseId }, at9('2024-01-02'), at9('2024-01-02')));
  // Recorded late, on 10 January 2025.
  list.push(opened(C1, '2024-12-31', '2025-01-10').event);
  // Cleared on 1 January but recorded on the 3rd; the other cleared on the 5th, after the day compared.
  const [first, second] = [opened(C1, '2025-01-01'), opened(C1, '2025-01-01')];
  list.push(first.event, second.event);
  list.push(e('CaseCleared', { caseId: first.caseId }, at9('2025-01-01'), at9('2025-01-03')));
  list.push(e('CaseCleared', { caseId: second.caseId }, at9('2025-01-05'), at9('2025-01-05')));
  // Reclassified drugs → economic on 5 January: a correction recorded after the day compared.
  const corrected = opened(C1, '2024-12-31');
  list.push(
    corrected.event,
    e('CaseReclassified', { caseId: corrected.caseId, category: 'economic' }, at9('2025-01-05'), at9('2025-01-05')),
  );
  list.push(opened(C1, '2024-02-29').event);
  // C2 moves from P1 to P2 on 1 July 2024: a case before (under P1) and one after (under P2).
  list.push(opened(C2, '2024-02-10').event);
  list.push(e('UnitReassigned', { unitId: C2, parentUnitId: P2 }, '2024-06-30T17:00:00Z', at9('2024-07-01')));
  list.push(opened(C2, '2025-02-10').event);
  // Weapons 16 against 4 (z 4, up), deaths 4 against 16 (z −4, down), injuries 9 against 4 (z 2).
  list.push(e('WeaponsCollected', { unitId: C1, items: 16, kind: 'firearm' }, at9('2025-01-01'), at9('2025-01-01')));
  list.push(e('WeaponsCollected', { unitId: C1, items: 4, kind: 'homemade' }, at9('2024-01-01'), at9('2024-01-01')));
  list.push(
    e('IncidentRecorded', { unitId: C1, kind: 'traffic_accident', deaths: 4, injuries: 9 }, at9('2025-01-01'), at9('2025-01-01')),
  );
  list.push(
    e('IncidentRecorded', { unitId: C1, kind: 'fire_explosion', deaths: 16, injuries: 4 }, at9('2024-01-01'), at9('2024-01-01')),
  );
  // A hotspot transformed on 20 December 2024, relapsed on 3 January 2025.
  const hotspot = { hotspotId: 'H1', unitId: C1, kind: 'drug_hotspot' as const, name: 'Điểm nóng bến sông' };
  list.push(e('HotspotIdentified', hotspot, at9('2024-06-01'), at9('2024-06-01')));
  list.push(e('HotspotListed', { hotspotId: 'H1', year: 2024 }, at9('2024-06-02'), at9('2024-06-02')));
  list.push(e('HotspotTransformed', { hotspotId: 'H1' }, at9('2024-12-20'), at9('2024-12-20')));
  list.push(e('HotspotRelapsed', { hotspotId: 'H1' }, at9('2025-01-03'), at9('2025-01-03')));
  return list;
};

beforeAll(async () => {
  ({ schema, drop } = await freshFiguresSchema(pool));
  await applyEvents(pool, schema, events());
});
afterAll(async () => {
  await drop();
  await pool.end();
});

/** Both ways (sums kept ahead, facts alone) must agree. */
async function compare(
  unitId: string,
  at: string,
  options: { asOf?: string; basis?: Basis; category?: 'drugs' | 'economic' } = {},
): Promise<CompareAnswer> {
  const asOf = options.asOf === undefined ? null : parseAsOf(options.asOf, HCM);
  const query = {
    unitId,
    at,
    basis: options.basis ?? 'stood',
    asOf: asOf ?? new Date('2030-01-01T00:00:00Z'),
    ...(options.category ? { category: options.category } : {}),
  };
  const summed = (await unitCompare(await readContext(pool, schema, asOf), query))!;
  expect(await unitCompare(await readContext(pool, schema, asOf, true), query)).toEqual(summed);
  return summed;
}

const row = (answer: CompareAnswer, figure: CompareFigure) => answer.rows.find((r) => r.figure === figure)!;
const currentAndPrevious = (answer: CompareAnswer, figure: CompareFigure) =>
  Object.fromEntries(
    (['week', '28d', 'month', 'ytd'] as const).map((w) => [w, [row(answer, figure)[w].current, row(answer, figure)[w].previous]]),
  );

describe('compare around a year boundary (at 1 January 2025, a Wednesday)', () => {
  it('counts each window against the same dates of the year before', async () => {
    const answer = await compare(P1, '2025-01-01');
    expect(answer.windows.week).toEqual({
      current: { from: '2024-12-30', to: '2025-01-01' },
      previous: { from: '2023-12-30', to: '2024-01-01' },
    });
    // week: 31 Dec (1 late + 1 reclassified) and 1 Jan (2) against 31 Dec 2023 and 1 Jan 2024; 28 days add 3 on 10 Dec
    // against 2 on 20 Dec 2023; month and year to date: 1 January alone.
    expect(currentAndPrevious(answer, 'casesOpened')).toEqual({ week: [4, 2], '28d': [7, 4], month: [2, 1], ytd: [2, 1] });
    expect(row(answer, 'casesOpened').week).toEqual({ current: 4, previous: 2, change: 2, changePct: 100, z: 1.17, flag: null });
  });

  it('takes out a clearance after the day (5 January) but keeps one recorded after it that happened on it', async () => {
    const answer = await compare(P1, '2025-01-01');
    expect(currentAndPrevious(answer, 'casesCleared')).toEqual({ week: [1, 1], '28d': [1, 1], month: [1, 1], ytd: [1, 1] });
    expect(row(answer, 'clearanceRate').week).toEqual({
      current: 25,
      previous: 50,
      change: -25,
      changePct: null,
      z: null,
      flag: null,
    });
    expect(row(answer, 'clearanceRate')['28d']).toMatchObject({ current: 14.29, previous: 25, change: -10.71 });
  });

  it('as known on 2 January: neither the late case nor the clearance recorded on the 3rd, the case still drugs', async () => {
    const answer = await compare(P1, '2025-01-01', { asOf: '2025-01-02' });
    expect(currentAndPrevious(answer, 'casesOpened')).toEqual({ week: [3, 2], '28d': [6, 4], month: [2, 1], ytd: [2, 1] });
    expect(row(answer, 'casesCleared').week).toMatchObject({ current: 0, previous: 1 });
    expect(row(answer, 'casesOpened').week.current).toBe(3);
    const drugs = await compare(P1, '2025-01-01', { asOf: '2025-01-02', category: 'drugs' });
    const drugsNow = await compare(P1, '2025-01-01', { category: 'drugs' });
    // The reclassification (recorded 5 January) corrects the case for every answer from everything known now.
    expect([row(drugs, 'casesOpened').week.current, row(drugsNow, 'casesOpened').week.current]).toEqual([3, 3]);
    expect(row(await compare(P1, '2025-01-01', { category: 'economic' }), 'casesOpened').week.current).toBe(1);
  });

  it('flags weapons up (16 against 4, z 4) and deaths down (4 against 16, z −4), not injuries (9 against 4, z 2)', async () => {
    const answer = await compare(C1, '2025-01-01');
    expect(row(answer, 'weaponsCollected').month).toEqual({
      current: 16,
      previous: 4,
      change: 12,
      changePct: 300,
      z: 4,
      flag: 'up',
    });
    expect(row(answer, 'deaths').month).toEqual({ current: 4, previous: 16, change: -12, changePct: -75, z: -4, flag: 'down' });
    expect(row(answer, 'injuries').month).toEqual({ current: 9, previous: 4, change: 5, changePct: 125, z: 2, flag: null });
    expect(row(answer, 'incidents').month).toEqual({ current: 1, previous: 1, change: 0, changePct: 0, z: 0, flag: null });
  });

  it('counts a hotspot transformed in the 28 days as it stood on the day, before its relapse', async () => {
    const answer = await compare(P1, '2025-01-01');
    expect(row(answer, 'hotspotsTransformed')['28d']).toEqual({
      current: 1,
      previous: 0,
      change: 1,
      changePct: null,
      z: 2,
      flag: null,
    });
    expect(row(await compare(P1, '2025-01-10'), 'hotspotsTransformed')['28d'].current).toBe(0);
  });
});

describe('compare on 29 February', () => {
  it('ends the previous windows on 28 February 2023', async () => {
    const answer = await compare(P1, '2024-02-29');
    expect(answer.windows.month.previous).toEqual({ from: '2023-02-01', to: '2023-02-28' });
    // 29 Feb 2024 (and C2's case on 10 February, under P1 then) against 28 Feb 2023.
    expect(currentAndPrevious(answer, 'casesOpened')).toEqual({ week: [1, 1], '28d': [2, 1], month: [2, 1], ytd: [3, 1] });
  });

  it('takes 29 February 2024 into the 28 days before 1 March 2025', async () => {
    const answer = await compare(P1, '2025-03-01');
    expect(answer.windows['28d'].previous).toEqual({ from: '2024-02-02', to: '2024-03-01' });
    expect(row(answer, 'casesOpened')['28d']).toMatchObject({ current: 0, previous: 2 });
  });
});

describe('a unit moved mid-year (C2 from P1 to P2 on 1 July 2024), compared on 1 March 2025', () => {
  it('stood: each case where its unit stood when it occurred', async () => {
    expect(currentAndPrevious(await compare(P1, '2025-03-01'), 'casesOpened').ytd).toEqual([2, 3]);
    expect(currentAndPrevious(await compare(P2, '2025-03-01'), 'casesOpened').ytd).toEqual([1, 0]);
  });

  it('current: both years under the tree as it stands on 1 March 2025', async () => {
    expect(currentAndPrevious(await compare(P1, '2025-03-01', { basis: 'current' }), 'casesOpened').ytd).toEqual([2, 2]);
    expect(currentAndPrevious(await compare(P2, '2025-03-01', { basis: 'current' }), 'casesOpened').ytd).toEqual([1, 1]);
  });

  it('the ministry is the same on both bases', async () => {
    const stood = await compare(VN, '2025-03-01');
    const current = await compare(VN, '2025-03-01', { basis: 'current' });
    expect(current.rows).toEqual(stood.rows);
    expect(currentAndPrevious(stood, 'casesOpened').ytd).toEqual([3, 3]);
  });
});

async function series(query: Omit<SeriesQuery, 'basis' | 'treeOn'> & { basis?: Basis }): Promise<SeriesAnswer> {
  const full = { basis: 'stood' as const, treeOn: '2025-03-01', ...query };
  const summed = (await unitSeries(await readContext(pool, schema, null), full))!;
  expect(await unitSeries(await readContext(pool, schema, null, true), full)).toEqual(summed);
  return summed;
}

const values = (answer: SeriesAnswer) => answer.points.map((point) => [point.bucket, point.value]);

describe('series', () => {
  it('by day, every day present, zeros too', async () => {
    const answer = await series({ unitId: C1, figure: 'casesOpened', grain: 'day', from: '2024-12-30', to: '2025-01-02' });
    expect(values(answer)).toEqual([
      ['2024-12-30', 0],
      ['2024-12-31', 2],
      ['2025-01-01', 2],
      ['2025-01-02', 0],
    ]);
  });

  it('by ISO week across a year boundary, each week clipped to the range', async () => {
    const answer = await series({ unitId: P1, figure: 'casesOpened', grain: 'week', from: '2024-12-25', to: '2025-01-08' });
    expect(values(answer)).toEqual([
      ['2024-12-23', 0],
      ['2024-12-30', 4],
      ['2025-01-06', 0],
    ]);
  });

  it('by month from the sums kept ahead and the days at either end, the rate null in a month without cases', async () => {
    const from = '2023-12-15';
    const to = '2024-03-10';
    expect(values(await series({ unitId: VN, figure: 'casesOpened', grain: 'month', from, to }))).toEqual([
      ['2023-12-01', 3],
      ['2024-01-01', 1],
      ['2024-02-01', 2],
      ['2024-03-01', 0],
    ]);
    expect(values(await series({ unitId: VN, figure: 'clearanceRate', grain: 'month', from, to }))).toEqual([
      ['2023-12-01', 0],
      ['2024-01-01', 100],
      ['2024-02-01', 0],
      ['2024-03-01', null],
    ]);
  });

  it('on both bases for the unit that gained C2', async () => {
    const query = { unitId: P2, figure: 'casesOpened' as const, grain: 'month' as const, from: '2024-01-01', to: '2025-03-31' };
    const pick = (answer: SeriesAnswer) =>
      answer.points.filter((p) => ['2024-02-01', '2025-02-01'].includes(p.bucket)).map((p) => p.value);
    expect(pick(await series(query))).toEqual([0, 1]);
    expect(pick(await series({ ...query, basis: 'current' }))).toEqual([1, 1]);
  });

  it('of hotspots transformed and not relapsed since, and of weapons by month', async () => {
    const transformed = await series({
      unitId: C1,
      figure: 'hotspotsTransformed',
      grain: 'month',
      from: '2024-11-01',
      to: '2025-01-31',
    });
    expect(values(transformed)).toEqual([
      ['2024-11-01', 0],
      ['2024-12-01', 0],
      ['2025-01-01', 0],
    ]);
    const weapons = await series({
      unitId: P1,
      figure: 'weaponsCollected',
      grain: 'month',
      from: '2024-01-01',
      to: '2025-01-31',
    });
    expect([weapons.points.length, weapons.points[0], weapons.points[12]]).toEqual([
      13,
      { bucket: '2024-01-01', value: 4 },
      { bucket: '2025-01-01', value: 16 },
    ]);
  });
});
