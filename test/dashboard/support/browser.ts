import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';

/** Where scripts/lib/chromium.mjs installs it (the jest global set-up does before any browser test). */
const CHROMIUM = process.env.VIGIL_CHROMIUM || '/usr/bin/chromium';

/** Debian's Chromium, headless; Playwright gives each launch a fresh temporary --user-data-dir. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A page that may reach the app's origin only: any other request is aborted and recorded. Every console
 * error and uncaught exception is recorded too; the suite fails a test that leaves one unexamined.
 */
export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  /** Requests to anywhere but the app. */
  outside: string[];
  /** The console errors and uncaught exceptions so far, each with where it came from; taking them clears them. */
  takeConsoleErrors(): string[];
}

export async function watchedPage(
  browser: Browser,
  appUrl: string,
  options: { width?: number; height?: number; locale?: string } = {},
): Promise<WatchedPage> {
  const origin = new URL(appUrl).origin;
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    locale: options.locale ?? 'en-GB',
    timezoneId: 'Asia/Ho_Chi_Minh',
    acceptDownloads: true,
  });
  const page = await context.newPage();
  const outside: string[] = [];
  let errors: string[] = [];
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin) return route.continue();
    outside.push(url);
    return route.abort('blockedbyclient');
  });
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  return {
    page,
    context,
    outside,
    takeConsoleErrors: () => {
      const taken = errors;
      errors = [];
      return taken;
    },
  };
}
