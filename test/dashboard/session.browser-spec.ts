import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { issueToken } from '@vigil/platform';
import { NAMES } from './support/scenario';
import { scorecardCells } from './support/scorecard-page';
import { dashboardSuite, screenshot } from './support/suite';
import { unitViewDrawn } from './support/unit-page';

const DASHBOARD_ASSETS = join(__dirname, '..', '..', 'dist', 'dashboard', 'assets');

/** What a keyboard user hears for the focused element: its accessible label, else its label's text, else its text. */
const focusedName = (page: Page): Promise<string> =>
  page.evaluate(() => {
    // The test's tsconfig has no DOM library: the page's globals, untyped.
    const { document } = globalThis as any;
    const element = document.activeElement;
    if (!element || element === document.body) return '';
    const labelled = element.getAttribute('aria-label') ?? element.labels?.[0]?.innerText;
    return String(labelled ?? element.innerText).trim();
  });

/** Presses Tab until the element named `name` has the focus; answers every element passed on the way, in order. */
async function tabTo(page: Page, name: string, limit = 80): Promise<string[]> {
  const visited: string[] = [];
  for (let presses = 0; presses < limit; presses += 1) {
    await page.keyboard.press('Tab');
    const focused = await focusedName(page);
    if (visited.at(-1) !== focused) visited.push(focused); // a date input's day, month and year are one field
    if (focused === name) return visited;
  }
  throw new Error(`no "${name}" within ${limit} presses of Tab: ${visited.join(' → ')}`);
}

/** How far the page scrolls sideways (0: it fits). */
const sideways = (page: Page) => page.locator('html').evaluate((html) => html.scrollWidth - html.clientWidth);

// Signing in and out, the keyboard, a phone's width, and what the server serves, in Chromium.
describe('the dashboard’s session, keyboard and layout', () => {
  const suite = dashboardSuite();

  it('says when the token has expired on arrival and signs in again from the paste box', async () => {
    const { page } = await suite.open();
    const { province } = suite.scenario;
    const expired = await issueToken(
      suite.vigil.config.VIGIL_JWT_SECRET,
      { role: 'analyst', unit: province },
      60,
      new Date(Date.now() - 3_600_000),
    );
    await page.goto(`${suite.vigil.url}/dashboard#token=${expired}`);
    await page.locator('[data-reason="expired"]', { hasText: 'Your token expired at' }).waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('vigil.dashboard.token'))).toBeNull();

    await page.getByLabel('Token').fill(suite.analyst);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('[data-scorecard="drawn"]').waitFor();
    expect(await page.locator('h1').innerText()).toBe(`Scorecard — ${NAMES.province}`);
  });

  it('offers sign-in again when the token expires while the analyst works, then shows the view asked for', async () => {
    const { page } = await suite.open();
    const { province } = suite.scenario;
    await suite.signIn(page);
    // Two hours on, the one-hour token has expired: the next view asks for a new one instead of calling the API.
    await page.clock.setFixedTime(Date.now() + 2 * 3_600_000);
    await page.getByRole('link', { name: 'Unit', exact: true }).click();
    await page.locator('[data-reason="expired"]', { hasText: 'Your token expired at' }).waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('vigil.dashboard.token'))).toBeNull();

    const longer = await issueToken(suite.vigil.config.VIGIL_JWT_SECRET, { role: 'analyst', unit: province }, 4 * 3600);
    await page.getByLabel('Token').fill(longer);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await unitViewDrawn(page, NAMES.province);
    expect(page.url()).toBe(`${suite.vigil.url}/dashboard#/unit/${province}`);
  });

  it('says when the server refuses the token (401) and offers sign-in again', async () => {
    const watched = await suite.open();
    const { page } = watched;
    const forged = await issueToken(
      'another-secret-another-secret-0123456',
      { role: 'analyst', unit: suite.scenario.province },
      3600,
    );
    await page.goto(`${suite.vigil.url}/dashboard#token=${forged}`);
    await page.locator('[data-reason="rejected"]', { hasText: 'The server did not accept your token' }).waitFor();
    expect(await page.getByLabel('Token').isVisible()).toBe(true);
    // The browser itself reports each refused request (nothing else may be in the console).
    const errors = watched.takeConsoleErrors();
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) expect(error).toMatch(/status of 401 \(Unauthorized\) \(http:\/\/127\.0\.0\.1:\d+\/v1\//);
  });

  it('is usable from the keyboard: tab order, the skip link, Enter on sort headers and on links', async () => {
    const { page } = await suite.open();
    const { districts } = suite.scenario;
    await suite.signIn(page);
    const order = await tabTo(page, 'Sort by Period elapsed');
    expect(order).toEqual([
      'Skip to content',
      'Vigil',
      'Scorecard',
      'Unit',
      'Cases',
      'Hotspots',
      'Language',
      'Sign out',
      'As at',
      'As known at',
      'Apply',
      'Filter',
      'Download Scorecard as CSV',
      'Sort by Directive',
      'Sort by Target',
      'Sort by Unit',
      'Sort by Actual',
      'Sort by Target value',
      'Sort by Attainment',
      'Sort by Status',
      'Sort by Reporting',
      'Sort by Period elapsed',
    ]);

    // The skip link puts the focus on the content: the next Tab is the filter.
    await page.locator('body').focus();
    await tabTo(page, 'Skip to content');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await focusedName(page)).toBe('Filter');

    // Enter on a sort header sorts, twice reverses; the order is the API's attainment.
    await tabTo(page, 'Sort by Attainment');
    await page.keyboard.press('Enter');
    const header = page.locator('th', { has: page.getByRole('button', { name: 'Sort by Attainment' }) });
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    const attainments = (await scorecardCells(page)).map((row) => Number(row.attainment!.replace(/[%,]/g, '')));
    expect(attainments).toEqual([...attainments].sort((a, b) => a - b));
    await page.keyboard.press('Enter');
    expect(await header.getAttribute('aria-sort')).toBe('descending');

    // Enter on a link: the province's unit view, then a district's.
    await tabTo(page, NAMES.province);
    await page.keyboard.press('Enter');
    await unitViewDrawn(page, NAMES.province);
    await tabTo(page, NAMES.districts[1]);
    await page.keyboard.press('Enter');
    await unitViewDrawn(page, NAMES.districts[1]);
    expect(page.url()).toBe(`${suite.vigil.url}/dashboard#/unit/${districts[1]}`);
  });

  it('fits a phone’s width on every view, in both languages, without sideways scrolling', async () => {
    const { page } = await suite.open({ width: 375, height: 812 });
    const { province, provincialPlan, communes } = suite.scenario;
    await suite.signIn(page);
    expect(await sideways(page)).toBe(0);
    await page.getByLabel('Language').selectOption('vi');
    await page.locator('h1', { hasText: 'Bảng chỉ tiêu' }).waitFor();
    expect(await sideways(page)).toBe(0);
    await screenshot(page, 'scorecard-phone-vi', { fullPage: false });

    await page.goto(`${suite.vigil.url}/dashboard#/unit/${province}?at=2024-06-30`);
    await unitViewDrawn(page, NAMES.province);
    await page.locator('.chart svg').waitFor();
    expect(await sideways(page)).toBe(0);
    await page.getByLabel('Ngôn ngữ').selectOption('en');
    await page.locator('#compstat-heading', { hasText: 'Against last year' }).waitFor();
    expect(await sideways(page)).toBe(0);
    await screenshot(page, 'unit-phone', { fullPage: false });

    const views = [
      { hash: `#/evidence/${provincialPlan}/eid?unit=${province}`, ready: '.evidence-check[data-check="adds"]' },
      { hash: `#/cases/${communes[0]}`, ready: 'table.data-table tbody tr' },
      { hash: `#/hotspots/${province}`, ready: '.state--empty' },
    ];
    for (const view of views) {
      await page.goto(`${suite.vigil.url}/dashboard${view.hash}`);
      await page.locator(view.ready).first().waitFor();
      expect({ view: view.hash, sideways: await sideways(page) }).toEqual({ view: view.hash, sideways: 0 });
    }
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Token').waitFor();
    expect(await sideways(page)).toBe(0);
  });

  it('serves /dashboard and /dashboard/ without a token, offline, with a policy that keeps the app on its own origin and no zod in the bundle', async () => {
    for (const path of ['/dashboard', '/dashboard/']) {
      const response = await fetch(`${suite.vigil.url}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('content-security-policy')).toContain("connect-src 'self'");
      const html = await response.text();
      expect(html).toMatch(/<script type="module" crossorigin src="\/dashboard\/assets\/index-[\w-]+\.js"><\/script>/);
      expect(html).not.toMatch(/https?:\/\//);
    }
    expect((await fetch(`${suite.vigil.url}/dashboard/assets/missing.js`)).status).toBe(404);
    // Typed by the contract's zod schemas, shipped without them: no chunk carries zod's code.
    const chunks = readdirSync(DASHBOARD_ASSETS).filter((name) => name.endsWith('.js'));
    expect(chunks.length).toBeGreaterThan(0);
    const withZod = chunks.filter((name) =>
      /ZodError|\$ZodType|zod\.dev/.test(readFileSync(join(DASHBOARD_ASSETS, name), 'utf8')),
    );
    expect(withZod).toEqual([]);
  });
});
