import type { EventEnvelope } from '@vigil/contract';
import type { RunningService } from '../harness/service';
import { processCpuMicros } from '../harness/process-cpu';
import { waitServiceIdle } from '../harness/service-idle';
import { formatNumber } from '../report/progress';
import { percentile } from '../report/stats';
import { postEvents } from './freshness-http';
import { FreshnessLoad } from './freshness-load';
import { type ProbeWatch } from './freshness-watch';
import { watchProbes } from './freshness-poll';
import type { StageContext, StageOutcome } from './stage';

const RATE = 1_000;
/** 20 posts of 50 events a second: a steady flow, as one busy upstream system would post. */
const TICK_MS = 50;
const PER_TICK = (RATE * TICK_MS) / 1000;
/** A probe every 100 ms. */
const PROBE_EVERY_TICKS = 2;
/** Posts in flight at once; a tick finding this many is skipped and counted. */
const MAX_IN_FLIGHT = 8;
/** After the load, how long probes may still take to show: at least this, or twice the load's length. */
const SETTLE_MS = 30_000;

const sleepUntil = (at: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, at - performance.now())));

interface LoadTally {
  appended: number;
  rejected: string[];
  skippedTicks: number;
  postMs: number[];
  failures: string[];
}

async function postAll(service: RunningService, events: EventEnvelope[]): Promise<void> {
  const results = await postEvents(service, events);
  const notAppended = results.filter((r) => r.status !== 'appended');
  if (notAppended.length > 0) throw new Error(`the freshness tree was not appended: ${JSON.stringify(notAppended[0])}`);
}

/**
 * Posts the load at a steady RATE for `seconds`, one probe case in every other post once the
 * warm-up is over, and tells `watch` when each probe was answered `appended`.
 */
async function runLoad(
  service: RunningService,
  load: FreshnessLoad,
  watch: ProbeWatch,
  timing: { seconds: number; warmUpSeconds: number },
  say: (line: () => string) => void,
): Promise<LoadTally & { seconds: number; probes: number }> {
  const tally: LoadTally = { appended: 0, rejected: [], skippedTicks: 0, postMs: [], failures: [] };
  const inFlight = new Set<Promise<void>>();
  const ticks = Math.round((timing.seconds * 1000) / TICK_MS);
  const warmUpTicks = Math.round((timing.warmUpSeconds * 1000) / TICK_MS);
  let probes = 0;
  const started = performance.now();
  for (let tick = 0; tick < ticks; tick += 1) {
    await sleepUntil(started + tick * TICK_MS);
    if (inFlight.size >= MAX_IN_FLIGHT) {
      tally.skippedTicks += 1;
      continue;
    }
    const probe = tick >= warmUpTicks && (tick - warmUpTicks) % PROBE_EVERY_TICKS === 0 ? probes++ : undefined;
    const batch = probe === undefined ? load.events(PER_TICK) : [load.probe(probe), ...load.events(PER_TICK - 1)];
    const sent = performance.now();
    const post = postEvents(service, batch)
      .then((results) => {
        const answeredAt = performance.now();
        tally.postMs.push(answeredAt - sent);
        const appended = batch.filter((_, i) => results[i]?.status === 'appended');
        tally.appended += appended.length;
        for (const r of results.filter((r) => r.status !== 'appended').slice(0, 5 - tally.rejected.length))
          tally.rejected.push(`${r.status} ${r.code ?? ''} ${r.message ?? ''}`);
        load.acknowledge(appended);
        if (probe !== undefined && results[0]?.status === 'appended') watch.appended(probe, load.probeCaseId(probe), answeredAt);
        else if (probe !== undefined) tally.failures.push(`probe ${probe} was not appended: ${JSON.stringify(results[0])}`);
      })
      .catch((error: unknown) => void tally.failures.push(error instanceof Error ? error.message : String(error)))
      .finally(() => inFlight.delete(post));
    inFlight.add(post);
    say(
      () =>
        `freshness: ${formatNumber(tally.appended)} events appended, ${formatNumber((tally.appended * 1000) / (performance.now() - started))} events/s, ${probes} probes, ${watch.sightings.length} sightings`,
    );
  }
  await Promise.all(inFlight);
  return { ...tally, seconds: (performance.now() - started) / 1000, probes };
}

const quantiles = (values: readonly number[]) => ({
  p50: percentile(values, 50),
  p95: percentile(values, 95),
  p99: percentile(values, 99),
  max: values.length > 0 ? Math.max(...values) : Number.NaN,
});

/**
 * Append → visible at a steady 1,000 events/s: a tree of its own, then the load over HTTP; every
 * 100 ms one event is a case opened in a commune only the probes use, and the time from its
 * `appended` answer to the first answer of the cases register (cases projection) and of the unit's
 * stats (figures projection) that shows it. The figure is the p99 of the slower of the two.
 */
export async function freshnessStage(context: StageContext): Promise<StageOutcome> {
  const { progress, options } = context;
  const service = await context.service();
  // Whatever the service still has to relay or project would be measured as staleness.
  await waitServiceIdle(context, progress, 'freshness', true);
  const load = new FreshnessLoad(context.namespace.replace(/\D/g, ''));
  await postAll(service, load.tree());
  await waitServiceIdle(context, progress, 'freshness', true);

  const seconds = options.freshnessSeconds;
  const warmUpSeconds = Math.min(2, seconds / 5);
  progress.say(
    `freshness: ${formatNumber(RATE)} events/s for ${seconds} s (${warmUpSeconds} s warm-up), posts of ${PER_TICK} every ${TICK_MS} ms, a probe every ${TICK_MS * PROBE_EVERY_TICKS} ms`,
  );
  const cpuAtStart = processCpuMicros(service.pid) ?? Number.NaN;
  const polling = watchProbes(service, load.probeUnit);
  let tally: Awaited<ReturnType<typeof runLoad>>;
  let serviceCpuPct: number;
  try {
    tally = await runLoad(service, load, polling.watch, { seconds, warmUpSeconds }, (line) => progress.every(line));
    // Share of one core the service used under the load: near 100 %, its one thread is the bottleneck.
    serviceCpuPct = ((processCpuMicros(service.pid) ?? Number.NaN) - cpuAtStart) / (tally.seconds * 10_000);
  } finally {
    await polling.stop(Math.max(SETTLE_MS, 2_000 * seconds));
  }
  const { watch } = polling;
  const unseen = watch.giveUp(performance.now());

  const register = watch.latencies('register');
  const figures = watch.latencies('figures');
  const slower = watch.latencies();
  const errors = watch.sightings.filter((s) => !s.unseen).map((s) => s.errorMs);
  const details = {
    targetRate: RATE,
    seconds: tally.seconds,
    warmUpSeconds,
    appended: tally.appended,
    rate: tally.appended / tally.seconds,
    skippedTicks: tally.skippedTicks,
    post: quantiles(tally.postMs),
    serviceCpuPct,
    probes: tally.probes,
    // Probes never seen count with the time until the watch gave up: the quantiles are then lower bounds.
    unseen,
    register: quantiles(register),
    figures: quantiles(figures),
    slowerOfTheTwo: quantiles(slower),
    // How much later than the true moment a sighting may be: the gap since the previous query of its view.
    pollErrorMs: quantiles(errors),
    queries: {
      register: { count: polling.queryMs.register.length, ...quantiles(polling.queryMs.register) },
      figures: { count: polling.queryMs.figures.length, ...quantiles(polling.queryMs.figures) },
    },
  };
  const p99 = details.slowerOfTheTwo.p99;
  if (unseen.register + unseen.figures > 0)
    progress.say(`freshness: probes never seen: ${unseen.register} in the register, ${unseen.figures} in the figures`);
  if (details.rate < RATE * 0.95)
    progress.say(
      `freshness: the service took ${formatNumber(details.rate)} events/s, not ${formatNumber(RATE)} (${tally.skippedTicks} posts skipped with ${MAX_IN_FLIGHT} in flight): the figure is not at the budget's load`,
    );
  progress.say(
    `freshness: ${formatNumber(tally.appended)} events at ${formatNumber(details.rate)} events/s; append → visible p50 ${formatNumber(details.slowerOfTheTwo.p50)} ms, p99 ${formatNumber(p99)} ms (register p99 ${formatNumber(details.register.p99)}, figures p99 ${formatNumber(details.figures.p99)}), polls late by ≤ ${formatNumber(details.pollErrorMs.p99)} ms (p99)`,
  );
  const problems = [
    ...tally.failures.slice(0, 3),
    ...(tally.rejected.length > 0 ? [`events not appended: ${tally.rejected.join('; ')}`] : []),
    // Too slow a projector is a speed, which --quick never judges; a full run's figure is then only a lower bound.
    ...(unseen.register + unseen.figures > 0 && !options.quick
      ? [
          `probes never seen, counted as seen when the watch gave up (the p99 is a lower bound): ${unseen.register} in the register, ${unseen.figures} in the figures`,
        ]
      : []),
    ...(polling.failure ? [polling.failure] : []),
  ];
  return { figures: { 'freshness.p99': p99 }, details, ...(problems.length > 0 ? { problem: problems.join('; ') } : {}) };
}
