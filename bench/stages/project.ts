import { waitServiceIdle } from '../harness/service-idle';
import { processCpuMicros } from '../harness/process-cpu';
import { formatNumber } from '../report/progress';
import { readProjectorCounters } from './project-metrics';
import { guardedEvents, incomplete } from './project-completeness';
import { projectorService, siblingDatabaseUrl } from './project-service';
import { overallRate, spanRate, timeProjections } from './project-timing';
import { fillTopics } from './project-topics';
import type { StageContext, StageOutcome } from './stage';

const rateText = (rate: number) => (Number.isNaN(rate) ? 'too few to time' : `${formatNumber(rate)}/s`);

/**
 * The projector alone, from full topics: the log (what ingest stored, or N generated events) is
 * published to a namespace of its own first; then an all-in-one service of that namespace starts on
 * a fresh database and its projector applies every message. events/s run from the first batch any
 * projection committed to the moment the last projection committed its last message.
 */
export async function projectStage(context: StageContext): Promise<StageOutcome> {
  const { progress } = context;
  const namespace = `${context.namespace}.project`;
  // The run's service (if ingest started it) must not be projecting its own backlog meanwhile.
  await waitServiceIdle(context, progress, 'project');
  const events = await fillTopics(context, namespace);

  const service = await projectorService(context, namespace);
  try {
    const started = performance.now();
    const running = await service.start();
    const cpuAtStart = processCpuMicros(running.pid) ?? 0;
    progress.say(`project: the projector of ${namespace} applies ${formatNumber(events)} events`);
    const spans = await timeProjections(context.kafkaBrokers, namespace, progress, () => service.alive);
    const cpuMicros = (processCpuMicros(running.pid) ?? Number.NaN) - cpuAtStart;
    running.memory.stop();
    const counters = await readProjectorCounters(running.baseUrl, running.token);
    const deadLettered = Object.values(counters.deadLettered).reduce((sum, n) => sum + n, 0);
    // Nothing lost: every projection's guard holds every event of its topics.
    const messages = Object.fromEntries(spans.map((s) => [s.name, s.messages]));
    const guarded = await guardedEvents(siblingDatabaseUrl(context.databaseUrl, 'project'), Object.keys(messages));
    const missing = incomplete(messages, guarded);

    const measured = overallRate(events, spans);
    const first = Math.min(...spans.map((s) => s.first));
    // A small log (--quick) can be applied before the first reading: then from the service's start to
    // the last commit, a lower bound (it includes the start-up).
    const fromStart = !Number.isFinite(measured.rate);
    const seconds = fromStart ? (Math.max(...spans.map((s) => s.last)) - started) / 1000 : measured.seconds;
    const rate = fromStart ? events / seconds : measured.rate;
    const perProjection = Object.fromEntries(
      spans.map((s) => [
        s.name,
        {
          messages: s.messages,
          applied: counters.applied[s.name] ?? 0,
          guarded: guarded[s.name] ?? 0,
          deadLettered: counters.deadLettered[s.name] ?? 0,
          appliedAtFirstReading: s.atFirst,
          seconds: (s.last - s.first) / 1000,
          rate: spanRate(s),
        },
      ]),
    );
    progress.say(
      `project: ${formatNumber(events)} events in ${seconds.toFixed(1)} s (${formatNumber(rate)} events/s); ` +
        spans.map((s) => `${s.name} ${rateText(perProjection[s.name]!.rate)}`).join(', ') +
        `; service RSS peak ${formatNumber(running.memory.peakMiB)} MiB`,
    );
    const outcome = {
      figures: { 'project.rate': rate, 'memory.peak': running.memory.peakMiB },
      details: {
        events,
        seconds,
        secondsToFirstApplied: (first - started) / 1000,
        rateFromServiceStart: fromStart,
        projections: perProjection,
        // CPU of the whole service process from start-up to the end: steadier than events/s on a shared machine.
        serviceCpuMicrosPerEvent: cpuMicros / events,
        serviceRssPeakMiB: running.memory.peakMiB,
        pollErrorSeconds: 0.1,
        serviceLog: running.logFile,
      },
    };
    // A dead-lettered or a lost event was consumed but not projected: the figure would flatter the projector.
    const problems = [
      ...(deadLettered > 0 ? [`${deadLettered} events dead-lettered: ${JSON.stringify(counters.deadLettered)}`] : []),
      ...(missing.length > 0 ? [`not every event was projected: ${missing.join('; ')}`] : []),
    ];
    return problems.length > 0 ? { ...outcome, problem: problems.join('; ') } : outcome;
  } finally {
    await service.stop();
  }
}
