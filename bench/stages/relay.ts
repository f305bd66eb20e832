import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { formatNumber } from '../report/progress';
import { startRelayApp } from './relay-app';
import { checkpointOf, watchCheckpoint } from './relay-checkpoint';
import { storedEventsForRelay } from './relay-events';
import { profiled } from './relay-profile';
import { STALL_MS, timeRelay } from './relay-timing';
import type { StageContext, StageOutcome } from './stage';

/** The service's own relay (if the service runs) publishes the same log: let it finish first, so it does not compete. */
async function serviceRelayIdle(context: StageContext, pool: pg.Pool): Promise<void> {
  if ((await checkpointOf(pool, context.namespace)) === undefined) return;
  const { rows } = await pool.query<{ position: string }>('SELECT position FROM event_log_head');
  const head = BigInt(rows[0]!.position);
  const say = (position: bigint) =>
    context.progress.every(
      () =>
        `relay: waiting for the service's relay to catch up: ${formatNumber(Number(position))} / ${formatNumber(Number(head))}`,
    );
  await watchCheckpoint(pool, context.namespace, (position) => position >= head, say, STALL_MS);
}

/**
 * A relay of a namespace of its own, in this process, publishes the log from position 0 to Kafka:
 * events/s acknowledged by Kafka (its checkpoint) from its first page until it passes the N-th
 * event. Its start-up (lock, topics, producer, first page) is reported apart.
 */
export async function relayStage(context: StageContext): Promise<StageOutcome> {
  const { progress } = context;
  const pool = new pg.Pool({ connectionString: context.databaseUrl, max: 2 });
  try {
    const target = await storedEventsForRelay(context, pool, context.options.relayEvents);
    await serviceRelayIdle(context, pool);
    const namespace = `${context.namespace}.relay`;
    const profile = context.options.cpuProfile ? join(tmpdir(), `${namespace}.cpuprofile`) : undefined;
    progress.say(`relay: publishing positions 1 … ${formatNumber(Number(target))} to Kafka as namespace ${namespace}`);

    const started = performance.now();
    const app = await startRelayApp({ databaseUrl: context.databaseUrl, kafkaBrokers: context.kafkaBrokers, namespace });
    const { first, last, cpuMicros } = await profiled(profile, () => timeRelay(pool, namespace, target, progress)).finally(() =>
      app.close(),
    );

    const seconds = (last.at - first.at) / 1000;
    const events = Number(last.position - first.position);
    // The relay's CPU per event: steadier than events/s on a machine shared with other work.
    const cpuMicrosPerEvent = cpuMicros / events;
    progress.say(
      `relay: ${formatNumber(events)} events in ${seconds.toFixed(1)} s after a first page of ${first.position}; ${cpuMicrosPerEvent.toFixed(1)} µs of CPU per event in this process`,
    );
    if (profile) progress.say(`relay: CPU profile in ${profile}`);
    return {
      figures: { 'relay.rate': events / seconds },
      details: {
        events: Number(target),
        firstPage: Number(first.position),
        secondsToFirstPage: (first.at - started) / 1000,
        timedEvents: events,
        seconds,
        cpuMicrosPerEvent,
      },
    };
  } finally {
    await pool.end();
  }
}
