import { envelope, fresh } from '../../support/events';
import { postJson } from '../../support/http';
import { getJson } from '../../support/http-get';
import { type VigilUnderTest, eventually } from '../../support/vigil-under-test';

/**
 * A small country for the dashboard: a ministry › a province › two districts › a commune each (registered
 * in 2020), a ministry resolution and a provincial plan with targets (one set for a district), cases,
 * arrests, weapons, incidents and e-ID readings in 2023 and 2024, and a case with an arrest today.
 * Posted in two batches with a known moment between them, for "as known at".
 */
export interface DashboardScenario {
  ministry: string;
  province: string;
  /** Lào Cai city (over Cốc San) and Bát Xát (over Bát Xát commune). */
  districts: [string, string];
  communes: [string, string];
  provincialPlan: string;
  resolution: string;
  caseIds: string[];
  /** Everything of the first batch was recorded by then, nothing of the second. */
  betweenBatches: Date;
  /** This year in the deployment's zone (Asia/Ho_Chi_Minh). */
  year: number;
}

export const NAMES = {
  ministry: 'Ministry of Public Security',
  province: 'Lào Cai provincial police',
  districts: ['Lào Cai city police', 'Bát Xát district police'],
  communes: ['Cốc San commune police', 'Bát Xát commune police'],
} as const;
export const PROVINCE_NAME = NAMES.province;

const REGISTERED = '2020-01-01T08:00:00+07:00';

/** 501 collections in 2022 of 1, 2, 3, 1, 2, 3… items: 1,002 in all, one more item than a page (500) of evidence holds. */
export const WEAPONS_2022 = Array.from({ length: 501 }, (_, i) => 1 + (i % 3));
const dayOf2022 = (i: number) => new Date(Date.UTC(2022, 0, 1 + (i % 365))).toISOString().slice(0, 10);

export async function postScenario(vigil: VigilUnderTest): Promise<DashboardScenario> {
  const ministry = fresh('VN');
  const province = `${ministry}-LCI`;
  const districts: [string, string] = [`${province}-LCC`, `${province}-BXT`];
  const communes: [string, string] = [`${districts[0]}-COCSAN`, `${districts[1]}-BATXAT`];
  const provincialPlan = fresh('SC-138');
  const resolution = fresh('RES-12');
  const caseIds = Array.from({ length: 8 }, () => fresh('LC'));
  // This year in the deployment's zone (Asia/Ho_Chi_Minh, UTC+7), and a moment ago within it.
  const year = new Date(Date.now() + 7 * 3_600_000).getUTCFullYear();
  const recently = new Date(Date.now() - 60_000).toISOString();
  const operator = await vigil.token('operator');

  const unit = (unitId: string, name: string, level: string, parentUnitId: string | null) =>
    envelope('UnitRegistered', { unitId, name, level, parentUnitId }, REGISTERED);
  const target = (directiveId: string, targetId: string, unitId: string, metric: string, value: number, extra = {}) =>
    envelope('TargetSet', {
      directiveId,
      targetId,
      unitId,
      metric,
      comparator: 'atLeast',
      value,
      periodStart: '2024-01-01',
      periodEnd: '2024-12-31',
      ...extra,
    });
  const opened = (caseId: string, unitId: string, day: string, category = 'social_order') =>
    envelope('CaseOpened', { caseId, unitId, category, severity: 'serious' }, `${day}T09:00:00+07:00`);
  const on = (day: string) => `${day}T09:00:00+07:00`;

  const first = [
    unit(ministry, NAMES.ministry, 'ministry', null),
    unit(province, NAMES.province, 'province', ministry),
    unit(districts[0], NAMES.districts[0], 'district', province),
    unit(districts[1], NAMES.districts[1], 'district', province),
    unit(communes[0], NAMES.communes[0], 'commune', districts[0]),
    unit(communes[1], NAMES.communes[1], 'commune', districts[1]),
    envelope('DirectiveIssued', {
      directiveId: resolution,
      code: 'RES-12',
      title: 'Resolution 12: commune police',
      issuedByUnitId: ministry,
    }),
    target(resolution, 'clearance', ministry, 'cases.clearanceRate', 70),
    envelope('DirectiveIssued', {
      directiveId: provincialPlan,
      code: 'SC-138/2024',
      title: 'Kế hoạch phòng, chống tội phạm năm 2024',
      issuedByUnitId: province,
    }),
    target(provincialPlan, 'prosecution', province, 'cases.prosecutionRate', 50),
    target(provincialPlan, 'opened', province, 'cases.opened', 5),
    target(provincialPlan, 'weapons', province, 'weapons.collected', 10),
    target(provincialPlan, 'eid', province, 'indicator.ratio', 90, { filter: { indicator: 'eid.level2.activated' } }),
    target(provincialPlan, 'arrests', province, 'arrests.persons', 40, {
      periodStart: `${year}-01-01`,
      periodEnd: `${year}-12-31`,
    }),
    // Set for a district: on the province's scorecard as a unit below's, on its commune's, not on the other district's.
    target(provincialPlan, 'city-weapons', districts[0], 'weapons.collected', 5),
    // 2022's weapons: more evidence than one page holds.
    target(provincialPlan, 'weapons-2022', province, 'weapons.collected', 1000, {
      periodStart: '2022-01-01',
      periodEnd: '2022-12-31',
    }),
    ...WEAPONS_2022.map((items, i) =>
      envelope('WeaponsCollected', { unitId: communes[i % 2], items, kind: 'homemade' }, on(dayOf2022(i))),
    ),
    // 2024, the year the targets run.
    opened(caseIds[0]!, communes[0], '2024-02-10'),
    opened(caseIds[1]!, communes[0], '2024-03-10'),
    opened(caseIds[2]!, communes[1], '2024-04-10', 'drugs'),
    opened(caseIds[3]!, communes[1], '2024-05-10'),
    envelope('CaseCleared', { caseId: caseIds[0] }, on('2024-06-01')),
    envelope('CaseCleared', { caseId: caseIds[1] }, on('2024-06-02')),
    envelope('CaseCleared', { caseId: caseIds[2] }, on('2024-06-03')),
    envelope('CaseProsecuted', { caseId: caseIds[0], defendants: 2 }, on('2024-08-01')),
    envelope('CaseProsecuted', { caseId: caseIds[1], defendants: 1 }, on('2024-08-02')),
    envelope('CaseVoided', { caseId: caseIds[3], reason: 'opened in error' }, on('2024-08-03')),
    envelope('WeaponsCollected', { unitId: communes[0], items: 7, kind: 'homemade' }, on('2024-04-01')),
    envelope('WeaponsCollected', { unitId: communes[1], items: 5, kind: 'firearm' }, on('2024-05-01')),
    envelope('IncidentRecorded', { unitId: communes[1], kind: 'traffic_accident', deaths: 1, injuries: 16 }, on('2024-03-05')),
    envelope(
      'IndicatorMeasured',
      { unitId: communes[0], indicator: 'eid.level2.activated', value: 5100, denominator: 7000 },
      '2024-09-30T17:00:00+07:00',
    ),
    envelope(
      'IndicatorMeasured',
      { unitId: communes[1], indicator: 'eid.level2.activated', value: 8300, denominator: 10000 },
      '2024-10-01T17:00:00+07:00',
    ),
    // 2023, the year 2024 is compared with.
    opened(caseIds[6]!, communes[0], '2023-03-15'),
    opened(caseIds[7]!, communes[1], '2023-06-20'),
    envelope('WeaponsCollected', { unitId: communes[1], items: 40, kind: 'support_tool' }, on('2023-02-01')),
    // Today.
    envelope('CaseOpened', { caseId: caseIds[4], unitId: communes[0], category: 'drugs', severity: 'very_serious' }, recently),
    envelope('ArrestMade', { caseId: caseIds[4], arrestId: 'A1', persons: 3 }, recently),
  ];
  await postAll(vigil, first, operator);
  // A whole second between the batches: "as known at" that second sees the first batch only.
  const betweenBatches = new Date(Math.ceil((Date.now() + 1) / 1000) * 1000);
  await new Promise((resolve) => setTimeout(resolve, betweenBatches.getTime() - Date.now() + 200));
  await postAll(
    vigil,
    [opened(caseIds[5]!, communes[1], '2024-06-10'), envelope('CaseCleared', { caseId: caseIds[5] }, on('2024-07-01'))],
    operator,
  );

  const scenario = { ministry, province, districts, communes, provincialPlan, resolution, caseIds, betweenBatches, year };
  // Projected, every topic: both directives' figures for the province show both batches. A fresh
  // namespace's consumers join the shared broker first, which takes a while on a busy machine.
  const analyst = await vigil.token('analyst', ministry);
  const answers = new Map<string, { status: number; body: any }>();
  const figure = (directiveId: string, targetId: string) =>
    answers.get(directiveId)?.body?.targets?.find((t: { targetId: string }) => t.targetId === targetId) as
      { numerator: number | null; denominator: number | null } | undefined;
  await eventually(async () => {
    for (const directiveId of [provincialPlan, resolution]) {
      answers.set(directiveId, await getJson(`${vigil.url}/v1/directives/${directiveId}/progress?unitId=${province}`, analyst));
    }
    const ready =
      figure(provincialPlan, 'weapons-2022')?.numerator === 1002 &&
      figure(provincialPlan, 'opened')?.numerator === 4 &&
      figure(provincialPlan, 'weapons')?.numerator === 12 &&
      figure(provincialPlan, 'arrests')?.numerator === 3 &&
      figure(provincialPlan, 'eid')?.denominator === 17000 &&
      figure(resolution, 'clearance')?.denominator === 4;
    return ready ? true : undefined;
  }, 60_000).catch((error: Error) => {
    throw new Error(`${error.message}; the province's progress as last answered: ${JSON.stringify([...answers])}`);
  });
  return scenario;
}

async function postAll(vigil: VigilUnderTest, events: unknown[], token: string): Promise<void> {
  const { status, body } = await postJson(`${vigil.url}/v1/events`, events, token);
  const statuses = body?.results?.map((result: { status: string; code?: string }) => result.code ?? result.status);
  if (status !== 200 || statuses.some((s: string) => s !== 'appended')) {
    throw new Error(`posting the scenario: ${status} ${JSON.stringify(statuses)}`);
  }
}
