import type { EventEnvelope } from '@vigil/contract';
import pg from 'pg';
import { MINISTRY_SOURCE, generateEvents, upstreamOf } from '../generator';
import { AutoAnalyze } from '../harness/auto-analyze';
import { IngestTally, poster } from '../ingest/poster';
import { UpstreamLanes } from '../ingest/upstream-lanes';
import { formatNumber } from '../report/progress';
import { percentile } from '../report/stats';
import type { StageContext, StageOutcome } from './stage';

async function storedEvents(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM events');
    return Number(rows[0]!.n);
  } finally {
    await client.end();
  }
}

/** Events answered per second since the previous call. */
function windowedRate(tally: IngestTally) {
  let previous = { at: performance.now(), answered: 0 };
  return () => {
    const now = { at: performance.now(), answered: tally.answered };
    const rate = ((now.answered - previous.answered) * 1000) / Math.max(1, now.at - previous.at);
    previous = now;
    return rate;
  };
}

/**
 * POST /v1/events with the generated country, batches of 500, a few requests in flight: events/s
 * from the first request to the last answer, the latency of each batch, and a count of the store.
 * The ministry's tree and directives go first, in order, as they would on the day Vigil opens.
 */
export async function ingestStage(context: StageContext): Promise<StageOutcome> {
  const { options, progress } = context;
  const service = await context.service();
  const tally = new IngestTally();
  const post = poster(service.baseUrl, service.token, tally);
  const total = options.generator.events;
  const recentRate = windowedRate(tally);
  const line = () =>
    `ingest: ${formatNumber(tally.answered)} / ${formatNumber(total)} events, ${formatNumber(recentRate())} events/s, service RSS ${formatNumber(service.memory.currentMiB)} MiB`;
  progress.say(
    `ingest: ${formatNumber(total)} events (seed ${options.generator.seed}), batches of ${options.batchSize}, ${options.concurrency} in flight`,
  );
  const analyzer = await AutoAnalyze.forDatabase(context.databaseUrl, options.analyzeEvery);
  if (analyzer)
    progress.say(`ingest: autovacuum is off on this cluster; ANALYZE every ${formatNumber(options.analyzeEvery)} events instead`);

  const events = generateEvents(options.generator);
  const started = performance.now();
  let next = events.next();
  let setup: EventEnvelope[] = [];
  for (; !next.done && upstreamOf(next.value) === MINISTRY_SOURCE; next = events.next()) {
    setup.push(next.value);
    if (setup.length === options.batchSize) {
      await post(setup);
      setup = [];
    }
  }
  if (setup.length > 0) await post(setup);

  const lanes = new UpstreamLanes(post, {
    batchSize: options.batchSize,
    concurrency: options.concurrency,
    maxWaiting: options.concurrency * 4,
  });
  for (; !next.done; next = events.next()) {
    await lanes.add(next.value, upstreamOf(next.value));
    analyzer?.after(tally.answered);
    progress.every(line);
  }
  await lanes.drain();
  await analyzer?.stop();
  const seconds = (performance.now() - started) / 1000;
  const stored = await storedEvents(context.databaseUrl);

  const details = {
    events: total,
    seconds,
    batches: tally.latenciesMs.length,
    ...tally.statuses,
    stored,
    concurrency: options.concurrency,
    analyzeRuns: analyzer?.runs ?? 'autovacuum on',
  };
  const figures = {
    'ingest.rate': total / seconds,
    'ingest.p50': percentile(tally.latenciesMs, 50),
    'ingest.p99': percentile(tally.latenciesMs, 99),
  };
  progress.say(`ingest: ${formatNumber(total)} events in ${seconds.toFixed(1)} s; ${formatNumber(stored)} in the store`);
  if (tally.statuses.rejected > 0) {
    return { figures, details, problem: `${tally.statuses.rejected} events rejected, e.g. ${tally.rejections.join('; ')}` };
  }
  if (stored !== tally.statuses.appended) {
    return { figures, details, problem: `${tally.statuses.appended} events answered appended but ${stored} are in the store` };
  }
  return { figures, details };
}
