import type { Page } from 'playwright-core';
import { figureIn, percentIn } from './format';

export interface ProgressTarget {
  targetId: string;
  unitId: string;
  metric: string;
  comparator: 'atLeast' | 'atMost';
  actual: number | null;
  value: number;
  attainmentPct: number | null;
  status: string;
  coverage?: { reporting: number; units: number };
}

export interface ScorecardCells {
  directiveId: string | null;
  targetId: string | null;
  unitId: string | null;
  unit: string | undefined;
  actual: string | undefined;
  value: string | undefined;
  attainment: string | undefined;
  coverage: string | undefined;
  status: string | null | undefined;
  statusWord: string | undefined;
}

/** The scorecard's rows once it is drawn (`data-scorecard`), as each cell reads. */
export async function scorecardCells(page: Page): Promise<ScorecardCells[]> {
  await page.locator('[data-scorecard="drawn"]').waitFor();
  return page.$$eval('[data-scorecard="drawn"] table.data-table tbody tr[data-target]', (rows) =>
    rows.map((row) => {
      const cell = (column: string) =>
        (row.querySelector(`td[data-col="${column}"] .cell`) as HTMLElement | null)?.innerText.trim();
      return {
        directiveId: row.getAttribute('data-directive'),
        targetId: row.getAttribute('data-target'),
        unitId: row.getAttribute('data-unit'),
        unit: (row.querySelector('td[data-col="unit"] a') as HTMLElement | null)?.innerText.trim(),
        actual: cell('actual'),
        value: cell('value'),
        attainment: cell('attainment'),
        coverage: cell('coverage'),
        status: row.querySelector('[data-status]')?.getAttribute('data-status'),
        statusWord: row.querySelector('[data-status]')?.lastChild?.textContent?.trim(),
      };
    }),
  );
}

/** What a row must read for the API's target: figures in the language, the status as colour (data-status) and word. */
export function expectedCells(
  target: ProgressTarget,
  locale: string,
  words: Record<string, string>,
  coverage: (r: string, u: string) => string,
) {
  return {
    unitId: target.unitId,
    actual: figureIn(locale, target.metric, target.actual),
    value: `${target.comparator === 'atLeast' ? '≥' : '≤'} ${figureIn(locale, target.metric, target.value)}`,
    attainment: target.attainmentPct === null ? '—' : percentIn(locale, target.attainmentPct),
    status: target.status,
    statusWord: words[target.status],
    coverage: target.coverage ? coverage(String(target.coverage.reporting), String(target.coverage.units)) : '',
  };
}
