import { loadavg } from 'node:os';
import { figuresProjection, schemaOf } from '@vigil/projections';
import pg from 'pg';
import type { RunningService } from '../harness/service';
import { formatNumber } from '../report/progress';
import { percentile } from '../report/stats';
import { loadFigures } from './query-load';
import { progressRequests, progressUrl, shuffledMix, type ProgressRequest } from './query-mix';
import type { StageContext, StageOutcome } from './stage';

const PAGE_SIZE = 10_000;
const REQUESTS = { full: 2_000, quick: 200 };
/** Waiting for the service's projector when ingest filled the store: give up after this long without progress. */
const STALL_MS = 120_000;

/** The schema the service reads the figures from: the live version, or the one it would create. */
async function liveFiguresSchema(pool: pg.Pool): Promise<string> {
  const { rows } = await pool.query<{ schema_name: string }>(
    `SELECT schema_name FROM projection_versions WHERE projection = $1 AND state = 'live'`,
    [figuresProjection.name],
  );
  return rows[0]?.schema_name ?? schemaOf(figuresProjection);
}

const count = async (pool: pg.Pool, sql: string) => Number((await pool.query<{ n: string }>(sql)).rows[0]!.n);

/** When ingest ran first, the service projects what it stored: wait until every stored event is applied. */
async function projectedByService(context: StageContext, pool: pg.Pool, schema: string, stored: number): Promise<void> {
  let applied = 0;
  let progressAt = Date.now();
  while (applied < stored) {
    const now = await count(pool, `SELECT coalesce(sum(revision + 1), 0) AS n FROM ${schema}.applied_streams`);
    if (now > applied) progressAt = Date.now();
    applied = now;
    if (Date.now() - progressAt > STALL_MS) throw new Error(`the projector stalled at ${applied} of ${stored} events`);
    context.progress.every(() => `query: the service has projected ${formatNumber(applied)} / ${formatNumber(stored)} events`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await pool.query('ANALYZE');
}

/** The read model filled: by the service when the store has events, otherwise straight from the generator. */
async function fillReadModel(
  context: StageContext,
  pool: pg.Pool,
  schema: string,
): Promise<{ events: number; seconds: number; how: string }> {
  const started = performance.now();
  const stored = await count(pool, 'SELECT count(*) AS n FROM events');
  if (stored > 0) {
    context.progress.say(`query: ${formatNumber(stored)} events in the store; waiting for the service to project them`);
    await projectedByService(context, pool, schema, stored);
    return { events: stored, seconds: (performance.now() - started) / 1000, how: 'projected by the service' };
  }
  const { generator } = context.options;
  context.progress.say(
    `query: applying ${formatNumber(generator.events)} generated events to ${schema} in pages of ${formatNumber(PAGE_SIZE)}`,
  );
  const events = await loadFigures(pool, schema, generator, PAGE_SIZE, (applied) =>
    context.progress.every(() => `query: applied ${formatNumber(applied)} / ${formatNumber(generator.events)} events`),
  );
  const seconds = (performance.now() - started) / 1000;
  context.progress.say(
    `query: ${formatNumber(events)} events applied in ${seconds.toFixed(1)} s, ${formatNumber(events / seconds)} events/s`,
  );
  return { events, seconds, how: 'applied directly' };
}

interface Timed {
  readonly latenciesMs: number[];
  readonly failures: string[];
  /** The requests answered with at least one target (a directive as of before its targets were set has none). */
  readonly withTargets: ProgressRequest[];
}

/** Requests one after the other (a latency, not a throughput), each timed from send to the end of its body. */
async function timeRequests(
  service: RunningService,
  requests: readonly ProgressRequest[],
  onEach: (done: number) => void,
): Promise<Timed> {
  const latenciesMs: number[] = [];
  const failures: string[] = [];
  const withTargets: ProgressRequest[] = [];
  for (const request of requests) {
    const url = progressUrl(service.baseUrl, request);
    const started = performance.now();
    const response = await fetch(url, { headers: { authorization: `Bearer ${service.token}` } });
    const body = (await response.json()) as { targets?: unknown[] };
    latenciesMs.push(performance.now() - started);
    if (!response.ok || !Array.isArray(body.targets))
      failures.push(`${url} → ${response.status} ${JSON.stringify(body).slice(0, 200)}`);
    else if (body.targets.length > 0) withTargets.push(request);
    onEach(latenciesMs.length);
  }
  return { latenciesMs, failures, withTargets };
}

/**
 * GET /v1/directives/{id}/progress against the service with the generated country in its figures read
 * model: every directive, for its own target units and for units of each level, now and as of past
 * moments, one request at a time. Each distinct request runs once unmeasured first (a warm service).
 */
export async function queryStage(context: StageContext): Promise<StageOutcome> {
  const { options, progress } = context;
  const service = await context.service();
  const pool = new pg.Pool({ connectionString: context.databaseUrl, max: 2 });
  try {
    const schema = await liveFiguresSchema(pool);
    const filled = await fillReadModel(context, pool, schema);
    const distinct = await progressRequests(pool, schema);
    progress.say(`query: warming up with the ${distinct.length} distinct requests`);
    const warmUp = await timeRequests(service, distinct, () => undefined);
    // Only requests with something to evaluate are timed: an empty answer says nothing about the query.
    const mix = shuffledMix(warmUp.withTargets, options.quick ? REQUESTS.quick : REQUESTS.full, String(options.generator.seed));
    progress.say(`query: timing ${formatNumber(mix.length)} requests drawn from the ${warmUp.withTargets.length} with targets`);
    const loadBefore = loadavg()[0]!;
    const timed = await timeRequests(service, mix, (done) =>
      progress.every(() => `query: ${formatNumber(done)} / ${formatNumber(mix.length)} requests`),
    );
    const figures = { 'query.p95': percentile(timed.latenciesMs, 95) };
    const details = {
      events: filled.events,
      filledBy: filled.how,
      fillSeconds: filled.seconds,
      schema,
      distinctRequests: distinct.length,
      distinctWithTargets: warmUp.withTargets.length,
      requests: timed.latenciesMs.length,
      p50: percentile(timed.latenciesMs, 50),
      p95: figures['query.p95'],
      p99: percentile(timed.latenciesMs, 99),
      max: Math.max(...timed.latenciesMs),
      warmUpP95: percentile(warmUp.latenciesMs, 95),
      failures: timed.failures.length + warmUp.failures.length,
      loadAverage1m: { before: loadBefore, after: loadavg()[0]! },
    };
    progress.say(
      `query: p50 ${details.p50.toFixed(1)} ms, p95 ${details.p95.toFixed(1)} ms, p99 ${details.p99.toFixed(1)} ms over ${formatNumber(details.requests)} requests (load ${loadBefore.toFixed(1)})`,
    );
    const failures = [...warmUp.failures, ...timed.failures];
    if (failures.length > 0) return { figures, details, problem: `${failures.length} requests failed, e.g. ${failures[0]}` };
    return { figures, details };
  } finally {
    await pool.end();
  }
}
