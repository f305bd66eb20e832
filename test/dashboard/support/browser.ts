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
 * A page that may reach the app's origin only: any other request is aborted and recorded. Console
 * errors and uncaught exceptions are recorded too, except a 404 answered for a route the server does
 * not have yet (the dashboard's views of CONTRACT 1.1 are ready before the API's endpoints are).
 */
export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  /** Requests to anywhere but the app. */
  outside: string[];
  /** Console errors and uncaught exceptions, once every answer seen has been read. */
  consoleErrors(): Promise<string[]>;
  /** Paths the server answered "no such route" (404, Cannot GET …). */
  missingEndpoints: Set<string>;
}

export async function watchedPage(
  browser: Browser,
  appUrl: string,
  options: { width?: number; height?: number; locale?: string; allowConsoleErrors?: RegExp } = {},
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
  const missingEndpoints = new Set<string>();
  const errors: { text: string; source: string }[] = [];
  const reading: Promise<void>[] = [];
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin) return route.continue();
    outside.push(url);
    return route.abort('blockedbyclient');
  });
  page.on('response', (response) => {
    if (response.status() !== 404) return;
    reading.push(
      response
        .text()
        .catch(() => '')
        .then((body) => {
          if (/"detail":"Cannot GET /.test(body)) missingEndpoints.add(new URL(response.url()).pathname);
        }),
    );
  });
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push({ text: message.text(), source: message.location().url });
  });
  page.on('pageerror', (error) => errors.push({ text: `uncaught: ${error.message}`, source: '' }));
  return {
    page,
    context,
    outside,
    missingEndpoints,
    consoleErrors: async () => {
      await Promise.all(reading);
      return errors
        .filter(({ text, source }) => {
          const fromMissingEndpoint = source !== '' && missingEndpoints.has(new URL(source).pathname);
          return !fromMissingEndpoint && !options.allowConsoleErrors?.test(text);
        })
        .map(({ text, source }) => `${text} (${source})`);
    },
  };
}
