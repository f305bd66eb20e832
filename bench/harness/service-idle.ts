import pg from 'pg';
import { formatNumber, type Progress } from '../report/progress';
import { checkpointOf, watchCheckpoint } from '../stages/relay-checkpoint';
import { ProjectorOffsets } from './projector-offsets';

const STALL_MS = 60_000;

/**
 * When the service of `namespace` runs (its relay has a checkpoint, or `running` says it was
 * started), waits until its relay has published the whole log and its projector has applied all of
 * it, so a stage that follows measures on a quiet machine rather than against the service's backlog.
 */
export async function waitServiceIdle(
  settings: { databaseUrl: string; kafkaBrokers: string; namespace: string },
  progress: Progress,
  stage: string,
  running = false,
): Promise<void> {
  const pool = new pg.Pool({ connectionString: settings.databaseUrl, max: 1 });
  try {
    if (!running && (await checkpointOf(pool, settings.namespace)) === undefined) return;
    const { rows } = await pool.query<{ position: string }>('SELECT position FROM event_log_head');
    const head = BigInt(rows[0]!.position);
    await watchCheckpoint(
      pool,
      settings.namespace,
      (position) => position >= head,
      (position) =>
        progress.every(
          () => `${stage}: waiting for the service's relay: ${formatNumber(Number(position))} / ${formatNumber(Number(head))}`,
        ),
      STALL_MS,
    );
  } finally {
    await pool.end();
  }
  const offsets = new ProjectorOffsets(settings.kafkaBrokers, settings.namespace);
  await offsets.connect();
  try {
    await offsets.waitCaughtUp(STALL_MS, (readings) =>
      progress.every(
        () =>
          `${stage}: waiting for the service's projector to catch up: ${readings.map((r) => `${r.name} ${formatNumber(r.committed)}/${formatNumber(r.end)}`).join(', ')}`,
      ),
    );
  } finally {
    await offsets.disconnect();
  }
}
