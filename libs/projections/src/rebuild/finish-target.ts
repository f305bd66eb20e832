import type { EventStore } from '@vigil/event-store';
import { inTransaction } from '@vigil/platform';
import type { Pool, PoolClient } from 'pg';
import { writeStreamHeads } from '../engine/stream-revisions';
import type { RebuildTarget } from './rebuild-target';

/**
 * A target that has read the log to its head, made a version like a live one: the work its pages
 * deferred (`finishRebuild`, its set-based aggregations), its query indexes built from the loaded
 * tables, and, when its pages wrote no guard, each stream's head as of its position. These steps are
 * independent and idempotent, so they run at once, each in a transaction of its own (PostgreSQL
 * works them on both cores); only then is the version marked caught up, with the rows kept for it let
 * go, so a run stopped between them does them all again when it resumes. From then on its pages go in
 * guarded with current sums kept, as a live batch does (`applyPage`), so the switch has only the last
 * events to apply. Each target finishes as soon as it is there, while the slower ones are still reading.
 */
export async function finishTarget(pool: Pool, store: EventStore, target: RebuildTarget): Promise<void> {
  const { projection, schema } = target;
  const steps: ((client: PoolClient) => Promise<unknown>)[] = [
    ...(projection.finishRebuild?.(schema) ?? []),
    ...(projection.queryIndexes?.(schema) ?? []).map((statement) => (client: PoolClient) => client.query(statement)),
  ];
  const heads = async () => {
    const read = await store.streamHeads!(target.position, projection.categories); // before taking a connection to write them
    await inTransaction(pool, (client) => writeStreamHeads(client, schema, read));
  };
  const done = await Promise.allSettled([
    ...steps.map((step) => inTransaction(pool, step)),
    ...(store.streamHeads !== undefined ? [heads()] : []),
  ]);
  const failed = done.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (failed) throw failed.reason;
  await inTransaction(pool, async (client) => {
    await client.query(`TRUNCATE ${schema}.rebuild_rows`);
    await client.query('UPDATE projection_versions SET rebuild_caught_up = true WHERE projection = $1 AND version = $2', [
      projection.name,
      target.version,
    ]);
  });
  target.memory.clear();
  target.caughtUp = true;
}
