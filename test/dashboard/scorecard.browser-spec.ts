import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { ENGLISH_STATUS, VIETNAMESE_STATUS, dateIn, momentIn } from './support/format';
import { NAMES } from './support/scenario';
import { type ProgressTarget, expectedCells, scorecardCells } from './support/scorecard-page';
import { dashboardSuite, screenshot } from './support/suite';

const englishCoverage = (reporting: string, units: string) => `${reporting} of ${units} units`;
const vietnameseCoverage = (reporting: string, units: string) => `${reporting}/${units} đơn vị`;

// The scorecard (CONTRACT §9) in Chromium against the whole system: its figures are the API's, and by hand.
describe('the dashboard’s scorecard', () => {
  const suite = dashboardSuite();

  /** The progress of both directives as the API answers the analyst: `directiveId/targetId` → target. */
  async function progress(query = ''): Promise<Map<string, ProgressTarget>> {
    const { resolution, provincialPlan } = suite.scenario;
    const byTarget = new Map<string, ProgressTarget>();
    for (const directiveId of [resolution, provincialPlan]) {
      const body = await suite.api(`/v1/directives/${directiveId}/progress${query}`);
      for (const target of body.targets as ProgressTarget[]) byTarget.set(`${directiveId}/${target.targetId}`, target);
    }
    return byTarget;
  }

  async function expectScorecard(
    page: Page,
    expected: Map<string, ProgressTarget>,
    language: { locale: string; words: Record<string, string>; coverage: (r: string, u: string) => string } = {
      locale: 'en-GB',
      words: ENGLISH_STATUS,
      coverage: englishCoverage,
    },
  ) {
    const rows = await scorecardCells(page);
    expect(rows.map((row) => `${row.directiveId}/${row.targetId}`).sort()).toEqual([...expected.keys()].sort());
    for (const row of rows) {
      const target = expected.get(`${row.directiveId}/${row.targetId}`)!;
      expect(row).toMatchObject(expectedCells(target, language.locale, language.words, language.coverage));
    }
  }

  it('signs in from #token, takes the token out of the address, and shows every target that concerns the token’s unit with the API’s figures', async () => {
    const { page } = await suite.open();
    const { province, districts, provincialPlan, resolution } = suite.scenario;
    await suite.signIn(page);

    expect(page.url()).toBe(`${suite.vigil.url}/dashboard#/scorecard/${province}`);
    expect(await page.evaluate(() => sessionStorage.getItem('vigil.dashboard.token'))).toBe(suite.analyst);
    // The analyst's own unit: progress without unitId evaluates every target as the scorecard shows it.
    await expectScorecard(page, await progress());
    expect(await page.getAttribute('[data-scorecard]', 'data-rows')).toBe('8');

    // By hand: 2 of the 4 cases opened in 2024 (one voided) prosecuted; 12 weapons against at least 10; 4 opened
    // against 5; e-ID 13,400 of 17,000 from both communes; Lào Cai city’s own target, its 7 weapons.
    const rows = await scorecardCells(page);
    const row = (directiveId: string, targetId: string) =>
      rows.find((r) => r.directiveId === directiveId && r.targetId === targetId);
    expect(row(provincialPlan, 'prosecution')).toMatchObject({
      actual: '50%',
      attainment: '100%',
      status: 'achieved',
      statusWord: 'Achieved',
    });
    expect(row(provincialPlan, 'weapons')).toMatchObject({ actual: '12', value: '≥ 10', attainment: '120%' });
    expect(row(provincialPlan, 'opened')).toMatchObject({ actual: '4', status: 'missed', statusWord: 'Missed' });
    expect(row(provincialPlan, 'arrests')).toMatchObject({ actual: '3', value: '≥ 40', attainment: '7.5%' });
    expect(row(provincialPlan, 'eid')).toMatchObject({ actual: '78.82%', coverage: '2 of 2 units', unit: NAMES.province });
    expect(row(provincialPlan, 'city-weapons')).toMatchObject({ unitId: districts[0], unit: NAMES.districts[0], actual: '7' });
    expect(row(provincialPlan, 'weapons-2022')).toMatchObject({ actual: '1,002', attainment: '100.2%', status: 'achieved' });
    expect(row(resolution, 'clearance')).toMatchObject({ unitId: province, actual: '100%' });
    expect(await page.locator('h1').innerText()).toBe(`Scorecard — ${NAMES.province}`);
    expect(await page.title()).toBe(`Scorecard · ${NAMES.province} — Vigil`);
    await screenshot(page, 'scorecard');
  });

  it('shows a unit below only the targets that concern it: those at or above it evaluated for it, never a sibling’s', async () => {
    const { page } = await suite.open();
    const { districts, communes, provincialPlan } = suite.scenario;
    await suite.signIn(page);

    await page.goto(`${suite.vigil.url}/dashboard#/scorecard/${communes[0]}`);
    await page.locator('h1', { hasText: NAMES.communes[0] }).waitFor();
    await expectScorecard(page, await progress(`?unitId=${communes[0]}`));
    // Cốc San's 7 weapons count towards its district's target too (set above it).
    const cocSan = await scorecardCells(page);
    expect(cocSan.find((row) => row.targetId === 'city-weapons')).toMatchObject({
      unitId: communes[0],
      actual: '7',
      attainment: '140%',
    });

    await page.goto(`${suite.vigil.url}/dashboard#/scorecard/${districts[1]}`);
    await page.locator('h1', { hasText: NAMES.districts[1] }).waitFor();
    const batXat = await progress(`?unitId=${districts[1]}`);
    batXat.delete(`${provincialPlan}/city-weapons`); // the other district's target: not Bát Xát's concern
    await expectScorecard(page, batXat);
  });

  it('applies "as at" to the figures, the period elapsed and the title, and goes back to now', async () => {
    const { page } = await suite.open();
    const { provincialPlan, resolution } = suite.scenario;
    await suite.signIn(page);
    await page.fill('#time-at', '2024-06-30');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL((url) => url.hash.includes('at=2024-06-30'));

    await expectScorecard(page, await progress('?at=2024-06-30'));
    // By hand, on 30 June 2024: nothing prosecuted yet (August), 3 of the 4 cases cleared (the fourth in July).
    const rows = await scorecardCells(page);
    expect(rows.find((row) => row.directiveId === provincialPlan && row.targetId === 'prosecution')).toMatchObject({
      actual: '0%',
      status: 'at_risk',
    });
    expect(rows.find((row) => row.directiveId === resolution)).toMatchObject({ actual: '75%', attainment: '107.14%' });
    const period = page.locator(`tr[data-directive="${provincialPlan}"][data-target="opened"] td[data-col="period"]`);
    expect(await period.innerText()).toContain('day 182 of 366');
    expect(await page.title()).toBe(`Scorecard · ${NAMES.province} · as at ${dateIn('en-GB', '2024-06-30')} — Vigil`);

    await page.getByRole('button', { name: 'Back to now' }).click();
    await page.waitForURL((url) => !url.hash.includes('at='));
    await expectScorecard(page, await progress());
    expect(await page.title()).toBe(`Scorecard · ${NAMES.province} — Vigil`);
  });

  it('applies "as known at": the figures the API answered as of that moment, in the title too', async () => {
    const { page } = await suite.open();
    const { provincialPlan, betweenBatches } = suite.scenario;
    await suite.signIn(page);
    // The browser's zone is Asia/Ho_Chi_Minh (UTC+7): the moment between the two batches, as typed.
    const typed = new Date(betweenBatches.getTime() + 7 * 3_600_000).toISOString().slice(0, 19);
    await page.fill('#time-as-of', typed);
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL((url) => url.hash.includes('asOf='));

    const asOf = new URLSearchParams(new URL(page.url()).hash.split('?')[1]).get('asOf')!;
    expect(new Date(asOf).getTime()).toBe(betweenBatches.getTime());
    await page
      .locator(`tr[data-directive="${provincialPlan}"][data-target="opened"] td[data-col="actual"]`, { hasText: '3' })
      .waitFor();
    const then = await progress(`?asOf=${encodeURIComponent(asOf)}`);
    expect(then.get(`${provincialPlan}/opened`)?.actual).toBe(3); // the second batch's case is not known yet
    await expectScorecard(page, then);
    expect(await page.title()).toBe(`Scorecard · ${NAMES.province} · as known at ${momentIn('en-GB', asOf)} — Vigil`);
  });

  it('downloads the scorecard as CSV with the figures shown', async () => {
    const { page } = await suite.open();
    const { province, provincialPlan } = suite.scenario;
    await suite.signIn(page);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download Scorecard as CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`vigil-scorecard-${province}.csv`);
    const text = readFileSync(await download.path(), 'utf8');
    expect(text.startsWith('\uFEFFdirectiveId,directiveCode,directiveTitle,targetId,')).toBe(true);
    const records = Papa.parse<Record<string, string>>(text.slice(1), { header: true, skipEmptyLines: true }).data;
    const expected = await progress();
    expect(records).toHaveLength(expected.size);
    for (const record of records) {
      const target = expected.get(`${record.directiveId}/${record.targetId}`)!;
      expect(record).toMatchObject({
        unitId: target.unitId,
        actual: String(target.actual),
        attainmentPct: String(target.attainmentPct),
        status: target.status,
      });
    }
    const record = (targetId: string) => records.find((r) => r.directiveId === provincialPlan && r.targetId === targetId);
    expect(record('prosecution')).toMatchObject({ unitName: NAMES.province, numerator: '2', denominator: '4', actual: '50' });
    expect(record('eid')).toMatchObject({
      metric: 'indicator.ratio',
      filter: 'indicator=eid.level2.activated',
      'coverage.reporting': '2',
      'coverage.units': '2',
    });
    expect(record('city-weapons')).toMatchObject({ unitName: NAMES.districts[0], actual: '7' });
    expect(record('opened')?.directiveTitle).toBe('Kế hoạch phòng, chống tội phạm năm 2024');
  });

  it('switches to Vietnamese: translated labels and status words with diacritics, decimal comma, kept for the next visit', async () => {
    const { page } = await suite.open();
    const { provincialPlan } = suite.scenario;
    await suite.signIn(page);
    await page.getByLabel('Language').selectOption('vi');
    await page.locator('h1', { hasText: `Bảng chỉ tiêu — ${NAMES.province}` }).waitFor();

    expect(await page.getAttribute('html', 'lang')).toBe('vi');
    expect(await page.locator('thead th').allInnerTexts()).toEqual(
      expect.arrayContaining([
        expect.stringContaining('Thực hiện'),
        expect.stringContaining('Tỷ lệ đạt'),
        expect.stringContaining('Tình trạng'),
      ]),
    );
    await expectScorecard(page, await progress(), { locale: 'vi-VN', words: VIETNAMESE_STATUS, coverage: vietnameseCoverage });
    // 3 persons arrested against at least 40: 7.5 % attained; e-ID 78.82 %; 1,002 weapons: written the Vietnamese way.
    const cell = (targetId: string, column: string) =>
      page
        .locator(`tr[data-directive="${provincialPlan}"][data-target="${targetId}"] td[data-col="${column}"] .cell`)
        .innerText();
    expect(await cell('arrests', 'attainment')).toBe('7,5%');
    expect(await cell('eid', 'actual')).toBe('78,82%');
    expect(await cell('weapons-2022', 'actual')).toBe('1.002');
    expect(await cell('eid', 'coverage')).toBe('2/2 đơn vị');
    expect(await page.title()).toBe(`Bảng chỉ tiêu · ${NAMES.province} — Vigil`);
    await page.reload();
    await page.locator('h1', { hasText: 'Bảng chỉ tiêu' }).waitFor();
  });
});
