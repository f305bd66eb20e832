import type { Browser } from 'playwright-core';
import type { ExpectedRow } from './dashboard-expected';

const DRAWN_TIMEOUT_MS = 60_000;

/** One visit of the scorecard: milliseconds from navigation to fully drawn, and what the page did. */
export interface Visit {
  /** The scorecard's rows in the DOM, each with its figures (after a mutation). */
  readonly rowsInDomMs: number;
  /** The frame after that one painted: the figure. */
  readonly drawnMs: number;
  readonly domContentLoadedMs: number;
  readonly apiRequests: number;
  readonly rowsDrawn: number;
  readonly consoleErrors: string[];
}

interface Watched {
  domContentLoadedAt?: number;
  rowsInDomAt?: number;
  drawnAt?: number;
}

interface PageElement {
  querySelector(selector: string): PageElement | null;
  readonly textContent: string | null;
}

/** The little of the page's globals the watcher uses (the bench compiles without the DOM library). */
interface PageGlobals {
  readonly document: PageElement & {
    querySelectorAll(selector: string): { length: number };
    addEventListener(type: string, listener: () => void): void;
  };
  readonly CSS: { escape(value: string): string };
  readonly MutationObserver: new (callback: () => void) => {
    observe(target: unknown, options: Record<string, boolean>): void;
    disconnect(): void;
  };
  requestAnimationFrame(callback: () => void): number;
  __benchScorecard: Watched;
}

/**
 * Runs in the page before its own scripts: watches the DOM for every expected row (its directive, target
 * and unit) with its actual figure and status chip, notes `performance.now()` (milliseconds since the
 * navigation started) when they are all there, and again after the next frame is painted.
 */
function watchScorecard(expected: readonly ExpectedRow[]): void {
  const page = globalThis as unknown as PageGlobals;
  const { document, CSS, MutationObserver } = page;
  const watched: Watched = {};
  page.__benchScorecard = watched;
  document.addEventListener('DOMContentLoaded', () => (watched.domContentLoadedAt = performance.now()));
  const drawn = () =>
    expected.every(({ directiveId, targetId, unitId }) => {
      const row = document.querySelector(
        `tr[data-directive="${CSS.escape(directiveId)}"][data-target="${CSS.escape(targetId)}"][data-unit="${CSS.escape(unitId)}"]`,
      );
      const actual = row?.querySelector('td[data-col="actual"] .cell')?.textContent?.trim();
      return actual !== undefined && actual !== '' && row!.querySelector('[data-status]') !== null;
    });
  const observer = new MutationObserver(() => {
    if (document.querySelector('tr[data-target]') === null || !drawn()) return;
    watched.rowsInDomAt = performance.now();
    observer.disconnect();
    // A rAF callback runs before the frame's paint; a task queued from it runs after.
    page.requestAnimationFrame(() => setTimeout(() => (watched.drawnAt = performance.now())));
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
}

/** Opens `url` in a fresh browser context (no cache, no session) and waits until the scorecard is drawn. */
export async function visitScorecard(browser: Browser, url: string, expected: readonly ExpectedRow[]): Promise<Visit> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: 'en-GB',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  try {
    await context.addInitScript(watchScorecard, expected);
    const page = await context.newPage();
    let apiRequests = 0;
    const consoleErrors: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/v1/')) apiRequests += 1;
    });
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(`${message.text()} (${message.location().url})`);
    });
    page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
    await page.goto(url, { waitUntil: 'commit' });
    try {
      await page.waitForFunction(() => (globalThis as unknown as PageGlobals).__benchScorecard.drawnAt !== undefined, undefined, {
        timeout: DRAWN_TIMEOUT_MS,
      });
    } catch (error) {
      const shown = await page
        .locator('main')
        .innerText()
        .catch(() => '');
      throw new Error(
        `the scorecard was not drawn within ${DRAWN_TIMEOUT_MS / 1000} s (${expected.length} rows expected); the page shows: ${shown.slice(0, 300)}`,
        { cause: error },
      );
    }
    const timing = await page.evaluate(() => {
      const { __benchScorecard: watched, document } = globalThis as unknown as PageGlobals;
      return {
        rowsInDomMs: watched.rowsInDomAt!,
        drawnMs: watched.drawnAt!,
        domContentLoadedMs: watched.domContentLoadedAt ?? Number.NaN,
        rowsDrawn: document.querySelectorAll('tr[data-target]').length,
      };
    });
    return { ...timing, apiRequests, consoleErrors };
  } finally {
    await context.close();
  }
}
