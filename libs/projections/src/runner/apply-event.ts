import type { StoredEvent } from '@vigil/contract';
import type { Pool } from 'pg';
import type { Projection } from '../projection';
import { liveVersion, lockLiveVersionShared } from '../versions';
import { lockAppliedRevisions, saveAppliedRevisions } from './stream-revisions';

export type ApplyEventOutcome = { status: 'applied' } | { status: 'skipped'; reason: string };

/**
 * One event into a projection's live version outside the consumer (a dead letter retried by an operator), in one
 * transaction with its stream's guard row. An event set aside as unapplicable was already stepped
 * over by the guard, so `pastGuard` applies it anyway; otherwise it must be the stream's next revision.
 * `UnapplicableEventError` and any other failure roll back and propagate.
 */
export async function applyEventOutsideConsumer(
  pool: Pool,
  projection: Projection,
  event: StoredEvent,
  pastGuard: boolean,
): Promise<ApplyEventOutcome> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await lockLiveVersionShared(client, projection.name);
    const schema = (await liveVersion(client, projection.name))?.schema;
    if (!schema) throw new Error(`projection ${projection.name} has no live version`);
    const applied = (await lockAppliedRevisions(client, schema, [event.streamId])).get(event.streamId) ?? -1n;
    const next = applied + 1n;
    if (!pastGuard && event.revision !== next) {
      await client.query('ROLLBACK');
      const reason =
        event.revision < next
          ? `${event.streamId}@${event.revision} is already applied`
          : `${event.streamId}@${event.revision} still follows a gap (next expected revision ${next})`;
      return { status: 'skipped', reason };
    }
    await projection.apply(client, schema, [event]);
    if (event.revision >= next) {
      await saveAppliedRevisions(
        client,
        schema,
        new Map([[event.streamId, { revision: event.revision, position: event.position }]]),
      );
    }
    await client.query('COMMIT');
    return { status: 'applied' };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
