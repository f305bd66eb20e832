import { METRICS, type MetricName, type StoredEvent, type TargetSetData } from '@vigil/contract';
import { Pool } from 'pg';
import { applyEvents, freshFiguresSchema, StoredEvents } from './figures.testing';
import { directiveProgress } from './read/directive-progress';
import { targetEvidence } from './read/evidence/target-evidence';
import { readContext } from './read/read-context';
import { targetsOf } from './read/targets';

// Guarantee 10: the evidence of every metric kind, summed over all its pages (two items a page here),
// equals the figure's own numerator and denominator, as known now and as of / as at earlier days.
const HCM = 'Asia/Ho_Chi_Minh';
const [VN, P, C1, C2, Q] = ['VN', 'VN-P', 'VN-P-C1', 'VN-P-C2', 'VN-Q'];
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
const stored = new StoredEvents();
const e = stored.event.bind(stored);
let schema: string;
let drop: () => Promise<void>;
const at9 = (day: string) => `${day}T02:00:00Z`;

const FILTERS: Partial<Record<MetricName, TargetSetData['filter']>> = {
  'cases.opened': { category: 'drugs' },
  'indicator.ratio': { indicator: 'eid' },
  'indicator.value': { indicator: 'eid' },
  'incidents.changePct': { kind: 'traffic_accident' },
};

function scenario(): StoredEvent[] {
  const list: StoredEvent[] = [];
  const register = (unitId: string, level: 'ministry' | 'province' | 'commune', parentUnitId: string | null) =>
    list.push(e('UnitRegistered', { unitId, name: unitId, level, parentUnitId }, at9('2023-01-01'), at9('2023-01-01')));
  register(VN, 'ministry', null);
  register(P, 'province', VN);
  register(Q, 'province', VN);
  register(C1, 'commune', P);
  register(C2, 'commune', P);
  list.push(
    e(
      'DirectiveIssued',
      { directiveId: 'D', code: 'D', title: 'Plan', issuedByUnitId: VN },
      at9('2024-01-01'),
      at9('2024-01-01'),
    ),
  );
  for (const metric of Object.keys(METRICS) as MetricName[]) {
    const baseline = METRICS[metric].needsBaseline ? { baselineStart: '2023-01-01', baselineEnd: '2023-12-31' } : {};
    const filter = FILTERS[metric];
    list.push(
      e(
        'TargetSet',
        {
          directiveId: 'D',
          targetId: metric.replace('.', '-'),
          unitId: P,
          metric,
          comparator: 'atLeast',
          value: 1,
          periodStart: '2024-01-01',
          periodEnd: '2024-12-31',
          ...baseline,
          ...(filter ? { filter } : {}),
        } as TargetSetData,
        at9('2024-01-01'),
        at9('2024-01-01'),
      ),
    );
  }
  // Seven cases in 2024 (one in Q, outside), three in 2023; clearances, prosecutions, arrests, a reclassification, a void.
  const cases: [string, string, string, 'drugs' | 'economic'][] = [
    ['K1', C1, '2024-02-01', 'drugs'],
    ['K2', C1, '2024-03-01', 'drugs'],
    ['K3', C2, '2024-04-01', 'economic'],
    ['K4', C2, '2024-05-01', 'drugs'],
    ['K5', C1, '2024-06-01', 'drugs'],
    ['K6', C2, '2024-07-01', 'drugs'],
    ['K7', Q, '2024-03-01', 'drugs'],
    ['B1', C1, '2023-03-01', 'drugs'],
    ['B2', C2, '2023-04-01', 'drugs'],
    ['B3', C2, '2023-05-01', 'drugs'],
  ];
  for (const [caseId, unitId, day, category] of cases)
    list.push(e('CaseOpened', { caseId, unitId, category, severity: 'serious' }, at9(day), at9(day)));
  list.push(e('CaseCleared', { caseId: 'K1' }, at9('2024-02-10'), at9('2024-02-10')));
  list.push(e('CaseCleared', { caseId: 'K2' }, at9('2024-07-10'), at9('2024-07-10')));
  list.push(e('CaseCleared', { caseId: 'K4' }, at9('2024-05-10'), at9('2024-08-01')));
  list.push(e('CaseProsecuted', { caseId: 'K1', defendants: 2 }, at9('2024-03-10'), at9('2024-03-10')));
  list.push(e('ArrestMade', { caseId: 'K1', arrestId: 'A1', persons: 3 }, at9('2024-02-02'), at9('2024-02-02')));
  list.push(e('ArrestMade', { caseId: 'K4', arrestId: 'A1', persons: 2 }, at9('2024-05-02'), at9('2024-05-02')));
  list.push(e('ArrestMade', { caseId: 'K6', arrestId: 'A1', persons: 4 }, at9('2024-07-02'), at9('2024-07-02')));
  list.push(e('CaseReclassified', { caseId: 'K5', category: 'economic' }, at9('2024-06-05'), at9('2024-06-20')));
  list.push(e('CaseVoided', { caseId: 'K6', reason: 'entered twice' }, at9('2024-07-05'), at9('2024-07-05')));
  for (const [unitId, items, day] of [
    [C1, 5, '2024-02-01'],
    [C2, 7, '2024-06-01'],
    [C2, 1, '2024-09-01'],
  ] as const)
    list.push(e('WeaponsCollected', { unitId, items, kind: 'firearm' }, at9(day), at9(day)));
  for (const [unitId, kind, day] of [
    [C1, 'traffic_accident', '2024-02-01'],
    [C2, 'traffic_accident', '2024-08-01'],
    [C2, 'fire_explosion', '2024-08-01'],
    [C1, 'traffic_accident', '2023-02-01'],
  ] as const)
    list.push(e('IncidentRecorded', { unitId, kind, deaths: 1, injuries: 2 }, at9(day), at9(day)));
  // Hotspots: H1 transformed, H2 transformed then relapsed, H3 listed only, H4 eliminated.
  const hotspot = (hotspotId: string, unitId: string) =>
    list.push(
      e(
        'HotspotIdentified',
        { hotspotId, unitId, kind: 'drug_hotspot', name: `Điểm ${hotspotId}, bến sông` },
        at9('2024-01-05'),
        at9('2024-01-05'),
      ),
    );
  for (const [id, unit] of [
    ['H1', C1],
    ['H2', C2],
    ['H3', C2],
    ['H4', C1],
  ])
    hotspot(id!, unit!);
  for (const id of ['H1', 'H2', 'H3'])
    list.push(e('HotspotListed', { hotspotId: id, year: 2024 }, at9('2024-01-06'), at9('2024-01-06')));
  list.push(e('HotspotTransformed', { hotspotId: 'H1' }, at9('2024-04-01'), at9('2024-04-01')));
  list.push(e('HotspotTransformed', { hotspotId: 'H2' }, at9('2024-04-01'), at9('2024-04-01')));
  list.push(e('HotspotRelapsed', { hotspotId: 'H2' }, at9('2024-09-01'), at9('2024-09-01')));
  list.push(e('HotspotEliminated', { hotspotId: 'H4' }, at9('2024-05-01'), at9('2024-05-01')));
  // e-ID readings: C1 600/1,000 then 700/1,000; C2 450/500; P itself 1/1 (outranked by its communes); C2 also a reading without denominator.
  for (const [unitId, value, denominator, day] of [
    [C1, 600, 1000, '2024-03-01'],
    [C1, 700, 1000, '2024-06-01'],
    [C2, 450, 500, '2024-04-01'],
    [P, 1, 1, '2024-04-01'],
  ] as const)
    list.push(e('IndicatorMeasured', { unitId, indicator: 'eid', value, denominator }, at9(day), at9(day)));
  return list;
}

beforeAll(async () => {
  ({ schema, drop } = await freshFiguresSchema(pool));
  await applyEvents(pool, schema, scenario());
});
afterAll(async () => {
  await drop();
  await pool.end();
});

/** Every page of a target's evidence, two items a page: the sums, the ids, the pages read. */
async function allPages(targetId: string, moment: { asOf?: string; at?: string }) {
  const asOf = moment.asOf === undefined ? null : new Date(moment.asOf);
  const context = await readContext(pool, schema, asOf);
  const target = (await targetsOf(context, 'D')).find((t) => t.targetId === targetId)!;
  const elapsedAt = moment.at === undefined ? (asOf ?? new Date()) : new Date(`${moment.at}T16:59:59.999Z`);
  const evaluation = { unitId: P, standsOn: moment.at ?? null, elapsedAt };
  let after: string | null = null;
  const ids: string[] = [];
  let numerator = 0;
  let denominator = 0;
  let pages = 0;
  let figure: { numerator: number | null; denominator: number | null } | undefined;
  do {
    const page = await targetEvidence(context, target, evaluation, after, 2);
    figure = page;
    pages += 1;
    for (const item of page.items) {
      ids.push(item.id);
      numerator += item.numerator;
      denominator += item.denominator;
      expect(item.positions.length).toBeGreaterThan(0);
    }
    after = page.nextAfter;
  } while (after !== null);
  return { ids, numerator, denominator, pages, figure: figure! };
}

const moments = [{}, { asOf: '2024-07-01T00:00:00Z' }, { at: '2024-06-30' }];

describe.each(Object.keys(METRICS).map((metric) => metric.replace('.', '-')))('the evidence of %s', (targetId) => {
  it.each(moments)('sums to the figure progress answers (%o)', async (moment) => {
    const { numerator, denominator, figure } = await allPages(targetId, moment);
    const progress = await directiveProgress(pool, schema, 'D', {
      timeZone: HCM,
      unitId: P,
      asOf: 'asOf' in moment ? new Date(moment.asOf!) : new Date(),
      current: !('asOf' in moment),
      ...('at' in moment ? { at: moment.at } : {}),
    });
    const answered = progress!.targets.find((t) => t.targetId === targetId)!;
    expect([figure.numerator, figure.denominator]).toEqual([answered.numerator, answered.denominator]);
    expect([numerator, denominator]).toEqual([answered.numerator ?? 0, answered.denominator ?? 0]);
  });
});

describe('evidence, item by item', () => {
  it('clearance rate now: the five cases opened in P in 2024 still standing, K1, K2 and K4 cleared, across three pages', async () => {
    const { ids, numerator, denominator, pages } = await allPages('cases-clearanceRate', {});
    expect([ids, numerator, denominator, pages]).toEqual([['K1', 'K2', 'K3', 'K4', 'K5'], 3, 5, 3]);
  });

  it('as at 30 June: K2 (cleared 10 July) not yet cleared; K5 economic, its correction known now', async () => {
    expect(await allPages('cases-clearanceRate', { at: '2024-06-30' })).toMatchObject({ numerator: 2, denominator: 5 });
    expect((await allPages('cases-opened', { at: '2024-06-30' })).ids).toEqual(['K1', 'K2', 'K4']);
  });

  it('as of 1 July (00:00Z): K6 (recorded at 02:00Z) and K4’s clearance (recorded 1 August) unknown', async () => {
    expect(await allPages('cases-clearanceRate', { asOf: '2024-07-01T00:00:00Z' })).toMatchObject({
      numerator: 1,
      denominator: 5,
    });
  });

  it('change of cases: each 2024 case +1 to the numerator, each 2023 case −1 and +1 to the denominator', async () => {
    expect(await allPages('cases-changePct', {})).toMatchObject({
      ids: ['B1', 'B2', 'B3', 'K1', 'K2', 'K3', 'K4', 'K5'],
      numerator: 2,
      denominator: 3,
    });
  });

  it('arrests, hotspots and readings', async () => {
    expect(await allPages('arrests-persons', {})).toMatchObject({ ids: ['K1/A1', 'K4/A1'], numerator: 5 });
    expect(await allPages('hotspots-transformed', {})).toMatchObject({ ids: ['H1'], numerator: 1 });
    expect(await allPages('hotspots-transformationRate', {})).toMatchObject({
      ids: ['H1', 'H2', 'H3'],
      numerator: 1,
      denominator: 3,
    });
    expect(await allPages('hotspots-eliminationRate', {})).toMatchObject({ numerator: 1, denominator: 4 });
    expect(await allPages('indicator-ratio', {})).toMatchObject({ numerator: 1150, denominator: 1500 });
  });
});
