import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { getJson } from '../../support/http-get';
import { type VigilUnderTest, startVigilUnderTest } from '../../support/vigil-under-test';
import { type WatchedPage, launchChromium, watchedPage } from './browser';
import { type DashboardScenario, postScenario } from './scenario';

const SCREENSHOTS = join(__dirname, '..', '..', '..', 'docs', 'screenshots');

/**
 * `VIGIL_SCREENSHOTS=1 npm test -- --selectProjects browser` refreshes the README's screenshots in
 * docs/screenshots; other runs write none. The whole page, or only what a phone's screen shows first.
 */
export async function screenshot(page: Page, name: string, options: { fullPage: boolean } = { fullPage: true }): Promise<void> {
  if (process.env.VIGIL_SCREENSHOTS !== '1') return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: options.fullPage });
}

export interface DashboardSuite {
  vigil: VigilUnderTest;
  scenario: DashboardScenario;
  /** An analyst of the province: the scorecard's default unit. */
  analyst: string;
  /** A page watched for outside requests and console errors, checked after the test. */
  open(options?: { width?: number; height?: number; locale?: string }): Promise<WatchedPage>;
  /** Signs in through `#token=` and waits for the scorecard to be drawn. */
  signIn(page: Page, token?: string): Promise<void>;
  /** The API's JSON answer (200 expected) to the analyst's GET. */
  api(path: string, token?: string): Promise<any>;
}

/**
 * The real all-in-one app (real PostgreSQL, Kafka), Chromium and the scenario, for one spec file. After
 * every test: no request left the deployment and no console error went unexamined.
 */
export function dashboardSuite(): DashboardSuite {
  let browser: Browser;
  let watched: WatchedPage[] = [];
  const suite = {
    open: async (options = {}) => {
      const opened = await watchedPage(browser, suite.vigil.url, options);
      watched.push(opened);
      return opened;
    },
    signIn: async (page, token = suite.analyst) => {
      await page.goto(`${suite.vigil.url}/dashboard#token=${token}`);
      await page.locator('[data-scorecard="drawn"]').waitFor();
    },
    api: async (path, token = suite.analyst) => {
      const { status, body } = await getJson(`${suite.vigil.url}${path}`, token);
      if (status !== 200) throw new Error(`GET ${path}: ${status} ${JSON.stringify(body)}`);
      return body;
    },
  } as DashboardSuite;

  beforeAll(async () => {
    [suite.vigil, browser] = await Promise.all([startVigilUnderTest(), launchChromium()]);
    suite.scenario = await postScenario(suite.vigil);
    suite.analyst = await suite.vigil.token('analyst', suite.scenario.province);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await suite.vigil?.close();
  });

  afterEach(async () => {
    const pages = watched;
    watched = [];
    const outside = pages.flatMap((opened) => opened.outside);
    const errors = pages.flatMap((opened) => opened.takeConsoleErrors());
    await Promise.all(pages.map((opened) => opened.context.close()));
    expect(outside).toEqual([]);
    expect(errors).toEqual([]);
  });

  return suite;
}
