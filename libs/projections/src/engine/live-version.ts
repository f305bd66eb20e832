import type { StoredEvent } from '@vigil/contract';
import { inTransaction } from '@vigil/platform';
import type { Pool, PoolClient } from 'pg';
import type { Projection } from '../projection';
import { liveVersion, lockLiveVersionShared } from '../versions';
import { type ApplyBatchOptions, applyBatch, type BatchResult, NOTHING_APPLIED } from './apply-batch';

export interface LiveBatchOptions<T> extends ApplyBatchOptions {
  /** Runs in the same transaction once the batch is applied, before it commits (e.g. recording its dead letters). */
  readonly beforeCommit?: (client: PoolClient, result: BatchResult) => Promise<T>;
}

/**
 * A batch into the projection's live version, in one transaction: resolved under the lock a
 * rebuild's switch takes exclusively, so the batch lands wholly on the old version or wholly on the
 * new one. Used by the live consumer and by an operator's retry of a dead letter.
 */
export async function applyToLiveVersion<T = void>(
  pool: Pool,
  projection: Projection,
  events: readonly StoredEvent[],
  options: LiveBatchOptions<T> = {},
): Promise<{ result: BatchResult; after: T | undefined }> {
  return inTransaction(pool, async (client) => {
    const result =
      events.length === 0
        ? NOTHING_APPLIED
        : await applyBatch(client, projection, await liveSchema(client, projection), events, options);
    const after = await options.beforeCommit?.(client, result);
    return { result, after };
  });
}

async function liveSchema(client: PoolClient, projection: Projection): Promise<string> {
  await lockLiveVersionShared(client, projection.name);
  const live = await liveVersion(client, projection.name);
  if (!live) throw new Error(`projection ${projection.name} has no live version`);
  return live.schema;
}
