import pg from 'pg';
import { formatNumber } from '../report/progress';
import { startRelayApp } from './relay-app';
import { watchCheckpoint } from './relay-checkpoint';
import { storedEventsForRelay } from './relay-events';
import type { StageContext } from './stage';

const STALL_MS = 60_000;

/**
 * Fills the topics of `namespace` with the whole log before any projector reads them: the store
 * holds what ingest stored, or N generated events appended straight to it; the relay's own modules,
 * in this process, publish them and are closed again. Returns the events published.
 */
export async function fillTopics(context: StageContext, namespace: string): Promise<number> {
  const { progress } = context;
  const pool = new pg.Pool({ connectionString: context.databaseUrl, max: 2 });
  try {
    const { rows } = await pool.query<{ position: string }>('SELECT position FROM event_log_head');
    const stored = Number(rows[0]!.position);
    const target = await storedEventsForRelay(context, pool, Math.max(stored, context.options.generator.events));
    progress.say(`project: publishing the ${formatNumber(Number(target))} stored events to the topics of ${namespace}`);
    const started = performance.now();
    const app = await startRelayApp({ databaseUrl: context.databaseUrl, kafkaBrokers: context.kafkaBrokers, namespace });
    try {
      await watchCheckpoint(
        pool,
        namespace,
        (position) => position >= target,
        (position) =>
          progress.every(() => `project: published ${formatNumber(Number(position))} / ${formatNumber(Number(target))} events`),
        STALL_MS,
      );
    } finally {
      await app.close();
    }
    progress.say(`project: topics filled in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return Number(target);
  } finally {
    await pool.end();
  }
}
