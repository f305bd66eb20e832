import type { Page } from 'playwright-core';

/** The unit view once its sections are drawn: the breadcrumb, the CompStat table, the units below and the trend table. */
export async function unitViewDrawn(page: Page, name: string): Promise<void> {
  await page.locator('h1', { hasText: name }).waitFor();
  await page.locator('nav.breadcrumb li[aria-current="page"]', { hasText: name }).waitFor();
  await page.locator('table.compstat tbody tr').first().waitFor();
  await page.locator('#children-heading ~ * table tbody tr, #children-heading ~ .state--empty').first().waitFor();
  await page.locator('.trend table tbody tr').first().waitFor();
}

/** The breadcrumb: each step's name, and whether it links anywhere. */
export function breadcrumb(page: Page): Promise<{ name: string; linked: boolean }[]> {
  return page.$$eval('nav.breadcrumb li', (items) =>
    items.map((item) => ({
      name:
        (item.querySelector('a, span:not(.secondary)') as HTMLElement | null)?.innerText.trim() ??
        (item.firstChild?.textContent ?? '').trim(),
      linked: item.querySelector('a') !== null,
    })),
  );
}

/** The units below, by unit id: each figure column as shown. */
export function childrenCells(page: Page): Promise<Record<string, Record<string, string>>> {
  return page.$$eval('section[aria-labelledby="children-heading"] tbody tr[data-unit]', (rows) =>
    Object.fromEntries(
      rows.map((row) => [
        row.getAttribute('data-unit'),
        Object.fromEntries(
          [...row.querySelectorAll('td[data-col]')].map((td) => [
            td.getAttribute('data-col'),
            (td as HTMLElement).innerText.trim(),
          ]),
        ),
      ]),
    ),
  );
}

/** The CompStat table: figure → `window.current|previous|change` → text, and the flag of each change cell. */
export function compstatCells(page: Page): Promise<Record<string, Record<string, { text: string; flag: string | null }>>> {
  return page.$$eval('table.compstat tbody tr[data-figure]', (rows) =>
    Object.fromEntries(
      rows.map((row) => [
        row.getAttribute('data-figure'),
        Object.fromEntries(
          [...row.querySelectorAll('td[data-cell]')].map((td) => [
            td.getAttribute('data-cell'),
            { text: (td as HTMLElement).innerText.trim(), flag: td.getAttribute('data-flag') },
          ]),
        ),
      ]),
    ),
  );
}

/** The trend's table: month → [this year, last year] as shown. */
export function trendCells(page: Page): Promise<string[][]> {
  return page.$$eval('.trend table tbody tr', (rows) =>
    rows.map((row) =>
      ['month', 'current', 'previous'].map(
        (column) => (row.querySelector(`td[data-col="${column}"]`) as HTMLElement | null)?.innerText.trim() ?? '',
      ),
    ),
  );
}
