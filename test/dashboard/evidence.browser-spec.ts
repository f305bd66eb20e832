import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { dateIn } from './support/format';
import { NAMES, WEAPONS_2022 } from './support/scenario';
import { dashboardSuite } from './support/suite';

/** What the evidence view's check reads: its verdict, the figure, the items' sum, and the rows shown. */
async function evidenceCheck(page: Page) {
  const check = page.locator('.evidence-check');
  return {
    verdict: await check.getAttribute('data-check'),
    figure: await check.locator('[data-figure]').innerText(),
    sum: await check.locator('[data-sum]').innerText(),
    rows: await page.locator('table.data-table tbody tr[data-kind]').count(),
  };
}

// The evidence view (CONTRACT §9) and the registers it links to, in Chromium against the whole system.
describe('the dashboard’s evidence', () => {
  const suite = dashboardSuite();

  it('opens from a figure of the scorecard: the cases behind it, adding up to it, each linked to the register', async () => {
    const { page } = await suite.open();
    const { provincialPlan, province, caseIds, communes } = suite.scenario;
    await suite.signIn(page);
    await page.locator(`tr[data-directive="${provincialPlan}"][data-target="opened"] td[data-col="actual"] a`).click();
    await page.locator('.evidence-check[data-check="adds"]').waitFor();
    expect(page.url()).toBe(`${suite.vigil.url}/dashboard#/evidence/${provincialPlan}/opened?unit=${province}`);
    expect(await page.locator('h1').innerText()).toBe(`Evidence — SC-138/2024 · Cases opened · ${NAMES.province}`);

    const evidence = await suite.api(`/v1/directives/${provincialPlan}/progress/opened/evidence?unitId=${province}`);
    // By hand: the four cases opened in 2024 and not voided, one each, adding up to the figure 4.
    expect(evidence.numerator).toBe(4);
    expect(await evidenceCheck(page)).toEqual({ verdict: 'adds', figure: 'numerator 4', sum: 'numerator 4', rows: 4 });
    expect(await page.locator('.evidence-check').innerText()).toContain('The items add up to the figure.');
    const ids = await page
      .locator('tbody tr[data-kind="case"]')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-id')));
    expect(ids.sort()).toEqual([caseIds[0], caseIds[1], caseIds[2], caseIds[5]].sort());
    expect(ids.sort()).toEqual(evidence.items.map((item: { id: string }) => item.id).sort());
    // The target as the directive says it was set, once.
    expect(await page.locator('section[aria-labelledby="history-heading"] tbody tr').count()).toBe(1);
    // What the view shows, as CSV: the items with what each adds.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download Evidence as CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`vigil-evidence-${provincialPlan}-opened-${province}.csv`);
    const csv = Papa.parse<Record<string, string>>(readFileSync(await download.path(), 'utf8').slice(1), {
      header: true,
      skipEmptyLines: true,
    }).data;
    expect(csv.map((record) => [record.kind, record.id, record.numerator]).sort()).toEqual(
      evidence.items.map((item: { id: string }) => ['case', item.id, '1']).sort(),
    );

    // The case register of the case's commune, the case marked.
    await page.locator('tbody tr[data-kind="case"] a', { hasText: caseIds[5]! }).click();
    await page.locator('h1', { hasText: `Case register — ${NAMES.communes[1]}` }).waitFor();
    expect(page.url()).toBe(`${suite.vigil.url}/dashboard#/cases/${communes[1]}?highlight=${caseIds[5]}`);
    const marked = page.locator('tr[data-highlight]');
    expect(await marked.locator('td[data-col="caseId"]').innerText()).toBe(caseIds[5]);
    expect(await marked.getAttribute('aria-current')).toBe('true');
  });

  it('pages through evidence longer than a page, and checks the sum once every page is in', async () => {
    const { page } = await suite.open();
    const { provincialPlan, province } = suite.scenario;
    await suite.signIn(page);
    await page.locator(`tr[data-directive="${provincialPlan}"][data-target="weapons-2022"] td[data-col="actual"] a`).click();
    await page.locator('.evidence-check[data-check="pending"]').waitFor();
    // 501 collections: the first page holds 500; the check waits for the rest.
    expect(await evidenceCheck(page)).toMatchObject({ verdict: 'pending', figure: 'numerator 1,002', rows: 500 });
    const firstPage = await suite.api(`/v1/directives/${provincialPlan}/progress/weapons-2022/evidence?unitId=${province}`);
    const firstSum = firstPage.items.reduce((sum: number, item: { numerator: number }) => sum + item.numerator, 0);
    expect((await evidenceCheck(page)).sum).toBe(`numerator ${firstSum.toLocaleString('en-GB')}`);

    await page.getByRole('button', { name: 'Load every page' }).click();
    await page.locator('.evidence-check[data-check="adds"]').waitFor();
    const total = WEAPONS_2022.reduce((sum, items) => sum + items, 0);
    expect(total).toBe(1002);
    expect(await evidenceCheck(page)).toEqual({ verdict: 'adds', figure: 'numerator 1,002', sum: 'numerator 1,002', rows: 501 });
    expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(0);
  });

  it('keeps "as at" from the scorecard: the e-ID readings and the clearances behind each figure on that day', async () => {
    const { page } = await suite.open();
    const { provincialPlan, resolution, province } = suite.scenario;
    await suite.signIn(page);
    await page.goto(`${suite.vigil.url}/dashboard#/scorecard/${province}?at=2024-12-31`);
    await page.locator('[data-scorecard="drawn"]').waitFor();
    await page.locator(`tr[data-directive="${provincialPlan}"][data-target="eid"] td[data-col="actual"] a`).click();
    await page.locator('.evidence-check[data-check="adds"]').waitFor();
    expect(page.url()).toContain('at=2024-12-31');
    // By hand: both communes' readings, 5,100 of 7,000 and 8,300 of 10,000.
    expect(await evidenceCheck(page)).toEqual({
      verdict: 'adds',
      figure: 'numerator 13,400, denominator 17,000',
      sum: 'numerator 13,400, denominator 17,000',
      rows: 2,
    });
    expect(await page.title()).toBe(
      `Evidence · SC-138/2024 · Indicator ratio · eid.level2.activated · ${NAMES.province} · as at ${dateIn('en-GB', '2024-12-31')} — Vigil`,
    );

    await page.goto(`${suite.vigil.url}/dashboard#/evidence/${resolution}/clearance?unit=${province}&at=2024-06-30`);
    await page.locator('h1', { hasText: 'RES-12' }).waitFor();
    await page.locator('.evidence-check[data-check="adds"]').waitFor();
    const evidence = await suite.api(`/v1/directives/${resolution}/progress/clearance/evidence?unitId=${province}&at=2024-06-30`);
    expect([evidence.numerator, evidence.denominator]).toEqual([3, 4]); // by hand: the fourth was cleared on 1 July
    expect(await evidenceCheck(page)).toMatchObject({ figure: 'numerator 3, denominator 4', sum: 'numerator 3, denominator 4' });
  });

  it('lists the unit’s case register, named, with the API’s cases', async () => {
    const { page } = await suite.open();
    const { province, caseIds } = suite.scenario;
    await suite.signIn(page);
    await page.getByRole('link', { name: 'Cases' }).click();
    await page.locator('h1', { hasText: `Case register — ${NAMES.province}` }).waitFor();
    await page.locator('table.data-table tbody tr').first().waitFor();
    const shown = await page.locator('td[data-col="caseId"]').allInnerTexts();
    const { items } = await suite.api(`/v1/cases?unitId=${province}`);
    expect(shown.sort()).toEqual(items.map((item: { caseId: string }) => item.caseId).sort());
    expect(shown).toHaveLength(caseIds.length);
  });
});
