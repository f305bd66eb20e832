import { launchChromium } from '../../test/dashboard/support/browser';
import { PROVINCES } from '../generator/provinces';
import { MINISTRY_ID } from '../generator/topology';
import { type ChromiumScript, importScript } from '../harness/scripts';
import { percentile } from '../report/stats';
import { expectedScorecard } from './dashboard-expected';
import { type Visit, visitScorecard } from './dashboard-visit';
import { readModelOf } from './query-read-model';
import type { StageContext, StageOutcome } from './stage';

/** Timed visits after the warm-up. */
const RUNS = { full: 10, quick: 3 };

/** The province with the most communes (Hồ Chí Minh City): the heaviest scorecard of its level. */
const PROVINCE = `${MINISTRY_ID}-${[...PROVINCES].sort((a, b) => b[2] - a[2])[0]![0]}`;

const round = (ms: number) => Math.round(ms * 10) / 10;

/**
 * The analysts' dashboard in Debian's Chromium (CONTRACT.md §9), over the query stage's read model:
 * `/dashboard#token=<a province's analyst token>` in a fresh browser context each time (no cache, no
 * session), timed from the navigation's start to the frame painted once every row of the province's
 * scorecard (each target set for it or the ministry) shows its figures. One warm-up visit, then
 * `RUNS` timed ones: the figure is their median (nearest rank), the max in the details.
 */
export async function dashboardStage(context: StageContext): Promise<StageOutcome> {
  const { progress, options } = context;
  const service = await context.service();
  const model = await readModelOf(context);
  const token = await service.tokenFor('analyst', PROVINCE);
  const expected = await expectedScorecard(service.baseUrl, token, PROVINCE);
  if (expected.length === 0) throw new Error(`no target concerns ${PROVINCE}: nothing for its scorecard to draw`);
  const { ensureChromium } = await importScript<ChromiumScript>('scripts/lib/chromium.mjs');
  ensureChromium((line) => progress.say(`dashboard: ${line}`));

  const url = `${service.baseUrl}/dashboard#token=${token}`;
  const browser = await launchChromium();
  const visits: Visit[] = [];
  let warmUp: Visit;
  try {
    progress.say(`dashboard: ${PROVINCE}'s scorecard, ${expected.length} target rows; a warm-up visit`);
    warmUp = await visitScorecard(browser, url, expected);
    const runs = options.quick ? RUNS.quick : RUNS.full;
    for (let run = 1; run <= runs; run += 1) {
      visits.push(await visitScorecard(browser, url, expected));
      progress.say(`dashboard: visit ${run} / ${runs}: drawn after ${visits.at(-1)!.drawnMs.toFixed(0)} ms`);
    }
  } finally {
    await browser.close();
  }

  const drawn = visits.map((visit) => visit.drawnMs);
  const figures = { 'dashboard.scorecard': percentile(drawn, 50) };
  const consoleErrors = [...new Set([warmUp, ...visits].flatMap((visit) => visit.consoleErrors))];
  const details = {
    events: model.events,
    unit: PROVINCE,
    rowsExpected: expected.length,
    rowsDrawn: visits[0]!.rowsDrawn,
    apiRequestsPerVisit: visits[0]!.apiRequests,
    runs: drawn.map(round),
    p50: figures['dashboard.scorecard'],
    max: Math.max(...drawn),
    warmUpMs: warmUp.drawnMs,
    rowsInDomMsP50: percentile(
      visits.map((visit) => visit.rowsInDomMs),
      50,
    ),
    domContentLoadedMsP50: percentile(
      visits.map((visit) => visit.domContentLoadedMs),
      50,
    ),
    consoleErrors,
  };
  progress.say(
    `dashboard: scorecard drawn after p50 ${details.p50.toFixed(0)} ms, max ${details.max.toFixed(0)} ms over ${drawn.length} visits`,
  );
  return { figures, details };
}
