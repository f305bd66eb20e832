import { envelope, fresh } from '../../support/events';
import { postJson } from '../../support/http';
import { getJson } from '../../support/http-get';
import { type VigilUnderTest, eventually } from '../../support/vigil-under-test';

/**
 * A small country for the dashboard: a ministry, a province with two communes, a ministry resolution
 * and a provincial plan with targets, cases, arrests, weapons and e-ID readings. Posted in two batches
 * with a known moment between them, for "as known at".
 */
export interface DashboardScenario {
  ministry: string;
  province: string;
  communes: [string, string];
  provincialPlan: string;
  resolution: string;
  caseIds: string[];
  /** Everything of the first batch was recorded by then, nothing of the second. */
  betweenBatches: Date;
}

export const PROVINCE_NAME = 'Lào Cai provincial police';

export async function postScenario(vigil: VigilUnderTest): Promise<DashboardScenario> {
  const ministry = fresh('VN');
  const province = `${ministry}-LCI`;
  const communes: [string, string] = [`${province}-COCSAN`, `${province}-BATXAT`];
  const provincialPlan = fresh('SC-138');
  const resolution = fresh('RES-12');
  const caseIds = Array.from({ length: 6 }, () => fresh('LC-2024'));
  // This year in the deployment's zone (Asia/Ho_Chi_Minh, UTC+7), and a moment ago within it.
  const year = new Date(Date.now() + 7 * 3_600_000).getUTCFullYear();
  const recently = new Date(Date.now() - 60_000).toISOString();
  const operator = await vigil.token('operator');

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
  const opened = (caseId: string, unitId: string, month: number, category = 'social_order') =>
    envelope('CaseOpened', { caseId, unitId, category, severity: 'serious' }, `2024-0${month}-10T09:00:00+07:00`);

  const first = [
    envelope('UnitRegistered', { unitId: ministry, name: 'Ministry of Public Security', level: 'ministry', parentUnitId: null }),
    envelope('UnitRegistered', { unitId: province, name: PROVINCE_NAME, level: 'province', parentUnitId: ministry }),
    envelope('UnitRegistered', { unitId: communes[0], name: 'Cốc San commune police', level: 'commune', parentUnitId: province }),
    envelope('UnitRegistered', { unitId: communes[1], name: 'Bát Xát commune police', level: 'commune', parentUnitId: province }),
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
    opened(caseIds[0]!, communes[0], 2),
    opened(caseIds[1]!, communes[0], 3),
    opened(caseIds[2]!, communes[1], 4, 'drugs'),
    opened(caseIds[3]!, communes[1], 5),
    envelope('CaseCleared', { caseId: caseIds[0] }, '2024-06-01T09:00:00+07:00'),
    envelope('CaseCleared', { caseId: caseIds[1] }, '2024-06-02T09:00:00+07:00'),
    envelope('CaseCleared', { caseId: caseIds[2] }, '2024-06-03T09:00:00+07:00'),
    envelope('CaseProsecuted', { caseId: caseIds[0], defendants: 2 }, '2024-08-01T09:00:00+07:00'),
    envelope('CaseProsecuted', { caseId: caseIds[1], defendants: 1 }, '2024-08-02T09:00:00+07:00'),
    envelope('CaseVoided', { caseId: caseIds[3], reason: 'opened in error' }, '2024-08-03T09:00:00+07:00'),
    envelope('WeaponsCollected', { unitId: communes[0], items: 7, kind: 'homemade' }, '2024-04-01T09:00:00+07:00'),
    envelope('WeaponsCollected', { unitId: communes[1], items: 5, kind: 'firearm' }, '2024-05-01T09:00:00+07:00'),
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
    envelope('CaseOpened', { caseId: caseIds[4], unitId: communes[0], category: 'drugs', severity: 'very_serious' }, recently),
    envelope('ArrestMade', { caseId: caseIds[4], arrestId: 'A1', persons: 3 }, recently),
  ];
  await postAll(vigil, first, operator);
  // A whole second between the batches: "as known at" that second sees the first batch only.
  const betweenBatches = new Date(Math.ceil((Date.now() + 1) / 1000) * 1000);
  await new Promise((resolve) => setTimeout(resolve, betweenBatches.getTime() - Date.now() + 200));
  await postAll(
    vigil,
    [opened(caseIds[5]!, communes[1], 6), envelope('CaseCleared', { caseId: caseIds[5] }, '2024-07-01T09:00:00+07:00')],
    operator,
  );

  const scenario = { ministry, province, communes, provincialPlan, resolution, caseIds, betweenBatches };
  // Projected, every topic: both directives' figures for the province show both batches.
  const analyst = await vigil.token('analyst', ministry);
  const figure = async (directiveId: string, targetId: string) => {
    const { body } = await getJson(`${vigil.url}/v1/directives/${directiveId}/progress?unitId=${province}`, analyst);
    return body?.targets?.find((t: { targetId: string }) => t.targetId === targetId);
  };
  let last: unknown[] = [];
  await eventually(async () => {
    last = await Promise.all([
      figure(provincialPlan, 'opened'),
      figure(provincialPlan, 'weapons'),
      figure(provincialPlan, 'arrests'),
      figure(provincialPlan, 'eid'),
      figure(resolution, 'clearance'),
    ]);
    const [opened, weapons, arrests, eid, clearance] = last as { numerator: number | null; denominator: number | null }[];
    const ready =
      opened?.numerator === 4 &&
      weapons?.numerator === 12 &&
      arrests?.numerator === 3 &&
      eid?.denominator &&
      clearance?.denominator === 4;
    return ready ? true : undefined;
  }, 30_000).catch((error: Error) => {
    throw new Error(`${error.message}; the province's figures: ${JSON.stringify(last)}`);
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
