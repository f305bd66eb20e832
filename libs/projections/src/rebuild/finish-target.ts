import type { EventStore } from '@vigil/event-store';
import { inTransaction } from '@vigil/platform';
import type { Pool } from 'pg';
import { writeStreamHeads } from '../engine/stream-revisions';
import { createQueryIndexes } from '../versions/version-tables';
import type { RebuildTarget } from './rebuild-target';

/**
 * A target that has read the log to its head, made a version like a live one, in one transaction of
 * its own: the work its pages deferred (`finishRebuild`, its set-based aggregations), its query
 * indexes built from the loaded tables, the rows kept for it let go, and, when its pages wrote no
 * guard, each stream's head as of its position. From then on its pages go in guarded with current
 * sums kept, as a live batch does (`applyPage`), so the switch has only the last events to apply.
 * Each target finishes as soon as it is there, while the slower ones are still reading.
 */
export async function finishTarget(pool: Pool, store: EventStore, target: RebuildTarget): Promise<void> {
  const { projection, schema } = target;
  await inTransaction(pool, async (client) => {
    await projection.finishRebuild?.(client, schema);
    await createQueryIndexes(client, projection, schema);
    await client.query(`TRUNCATE ${schema}.rebuild_rows`);
    if (store.streamHeads !== undefined)
      await writeStreamHeads(client, schema, await store.streamHeads(target.position, projection.categories));
    await client.query('UPDATE projection_versions SET rebuild_caught_up = true WHERE projection = $1 AND version = $2', [
      projection.name,
      target.version,
    ]);
  });
  target.memory.clear();
  target.caughtUp = true;
}
