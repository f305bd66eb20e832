import { loadavg } from 'node:os';
import pg from 'pg';
import type { FigureId } from '../budget';
import type { RunningService } from '../harness/service';
import { formatNumber } from '../report/progress';
import { asOfMoments } from './query-as-of';
import { balancedMix, distinctRequests, QUERY_KINDS, unitsByLevel, type QueryKind } from './query-mix';
import { readModelOf } from './query-read-model';
import { sendAll, summarise, type Sent } from './query-timing';
import type { StageContext, StageOutcome } from './stage';

/** Timed requests of each endpoint. */
const REQUESTS = { full: 1_000, quick: 200 };
/** The service's zone of calendar dates (VIGIL_TIMEZONE, which the service inherits). */
const TIME_ZONE = process.env.VIGIL_TIMEZONE || 'Asia/Ho_Chi_Minh';

export const QUERY_FIGURES: Record<QueryKind, FigureId> = {
  progress: 'query.progress.p95',
  stats: 'query.stats.p95',
  compare: 'query.compare.p95',
  series: 'query.series.p95',
};

const ENDPOINTS: Record<QueryKind, string> = {
  progress: 'GET /v1/directives/{directiveId}/progress',
  stats: 'GET /v1/units/{unitId}/stats',
  compare: 'GET /v1/units/{unitId}/compare',
  series: 'GET /v1/units/{unitId}/series',
};

async function directiveIds(service: RunningService): Promise<string[]> {
  const response = await fetch(`${service.baseUrl}/v1/directives`, { headers: { authorization: `Bearer ${service.token}` } });
  if (!response.ok) throw new Error(`GET /v1/directives → ${response.status} ${(await response.text()).slice(0, 200)}`);
  const { directives } = (await response.json()) as { directives: { directiveId: string }[] };
  return directives.map((directive) => directive.directiveId);
}

const reasonOf = ({ verdict }: Sent) => (verdict.kind === 'failed' ? verdict.reason : verdict.kind);

/** Why an endpoint's figure has no number, if it has none. */
function whyNotMeasured(kind: QueryKind, warmUp: readonly Sent[]): string | undefined {
  const ofKind = warmUp.filter((sent) => sent.request.kind === kind);
  if (ofKind.some((sent) => sent.verdict.kind === 'no such endpoint'))
    return `${ENDPOINTS[kind]} answers 404 "Cannot GET": the service has no such endpoint yet (CONTRACT.md §5, 1.1)`;
  if (!ofKind.some((sent) => sent.verdict.kind === 'evaluated'))
    return `none of the ${ofKind.length} distinct ${ENDPOINTS[kind]} requests had anything to evaluate`;
  return undefined;
}

/**
 * Progress, unit stats, compare and a year of daily series against the service with the generated
 * country in its figures read model: units of each level, now and as of moments picked from when the
 * events were recorded, one request at a time. Each distinct request runs once unmeasured first (a warm
 * service, and which ones have something to evaluate); then the endpoints' mixes, interleaved, are timed.
 */
export async function queryStage(context: StageContext): Promise<StageOutcome> {
  const { options, progress } = context;
  const service = await context.service();
  const model = await readModelOf(context);
  const asOfs = asOfMoments(model.recorded, TIME_ZONE);
  const pool = new pg.Pool({ connectionString: context.databaseUrl, max: 1 });
  const units = await unitsByLevel(pool, model.schema, 2).finally(() => pool.end());
  const distinct = distinctRequests(await directiveIds(service), units.flat(), asOfs);
  progress.say(`query: warming up with the ${distinct.length} distinct requests (as of now and of ${asOfs.join(', ')})`);
  const warmUp = await sendAll(service, distinct, (done) =>
    progress.every(() => `query: warm-up ${formatNumber(done)} / ${formatNumber(distinct.length)}`),
  );

  // Only requests with something to evaluate are timed: an empty answer says nothing about the query.
  const evaluable = QUERY_KINDS.map((kind) =>
    warmUp.filter((sent) => sent.request.kind === kind && sent.verdict.kind === 'evaluated').map((sent) => sent.request),
  );
  const mix = balancedMix(evaluable, options.quick ? REQUESTS.quick : REQUESTS.full, String(options.generator.seed));
  progress.say(`query: timing ${formatNumber(mix.length)} requests`);
  const loadBefore = loadavg()[0]!;
  const timed = await sendAll(service, mix, (done) =>
    progress.every(() => `query: ${formatNumber(done)} / ${formatNumber(mix.length)} requests`),
  );

  const figures: Partial<Record<FigureId, number>> = {};
  const notMeasured: Partial<Record<FigureId, string>> = {};
  const endpoints: Record<string, ReturnType<typeof summarise>> = {};
  for (const kind of QUERY_KINDS) {
    const why = whyNotMeasured(kind, warmUp);
    const summary = summarise(kind, warmUp, timed);
    endpoints[kind] = summary;
    if (why === undefined) figures[QUERY_FIGURES[kind]] = summary.p95;
    else notMeasured[QUERY_FIGURES[kind]] = why;
    progress.say(
      why !== undefined
        ? `query: ${kind} not measured: ${why}`
        : `query: ${kind} p50 ${summary.p50.toFixed(1)} ms, p95 ${summary.p95.toFixed(1)} ms, p99 ${summary.p99.toFixed(1)} ms over ${formatNumber(summary.timed)} requests (${formatNumber(summary.timedAsOf)} as of)`,
    );
  }
  const failures = [...warmUp, ...timed].filter((sent) => sent.verdict.kind === 'failed');
  const details = {
    events: model.events,
    filledBy: model.filledBy,
    fillSeconds: model.seconds,
    schema: model.schema,
    recorded: model.recorded,
    asOf: asOfs,
    units,
    endpoints,
    failures: failures.length,
    loadAverage1m: { before: loadBefore, after: loadavg()[0]! },
  };
  const problems = [
    ...Object.entries(notMeasured).map(([figure, why]) => `${figure} not measured: ${why}`),
    ...(failures.length > 0 ? [`${failures.length} requests failed, e.g. ${failures[0]!.url} → ${reasonOf(failures[0]!)}`] : []),
  ];
  return { figures, details, notMeasured, ...(problems.length > 0 ? { problem: problems.join('; ') } : {}) };
}
