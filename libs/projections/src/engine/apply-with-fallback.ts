import type { StoredEvent } from '@vigil/contract';
import type { PoolClient } from 'pg';
import { type ApplyMode, type Projection, UnapplicableEventError } from '../projection';
import type { SetAside } from './select-next-events';

export interface ApplyOutcome {
  applied: StoredEvent[];
  unapplicable: SetAside[];
}

/**
 * The whole batch in one `apply` (the fast path, set-based in the projections). When it holds an
 * event the projection cannot apply, the batch is rolled back to the savepoint and applied again
 * one event at a time, each in its own savepoint: the bad ones are set aside, the others applied.
 * Any other error propagates and the caller's transaction fails as a whole. A rebuild's memory
 * (`ApplyMode.memory`) is cleared at each rollback: it is read back from the version's tables.
 */
export async function applyWithFallback(
  client: PoolClient,
  projection: Projection,
  schema: string,
  events: readonly StoredEvent[],
  mode: ApplyMode = {},
): Promise<ApplyOutcome> {
  if (events.length === 0) return { applied: [], unapplicable: [] };
  await client.query('SAVEPOINT batch');
  try {
    await projection.apply(client, schema, events, mode);
    await client.query('RELEASE SAVEPOINT batch');
    return { applied: [...events], unapplicable: [] };
  } catch (error) {
    if (!(error instanceof UnapplicableEventError)) throw error;
    await client.query('ROLLBACK TO SAVEPOINT batch');
    mode.memory?.clear(); // it may hold what was just rolled back
  }
  const outcome: ApplyOutcome = { applied: [], unapplicable: [] };
  for (const event of events) {
    await client.query('SAVEPOINT one');
    try {
      await projection.apply(client, schema, [event], mode);
      await client.query('RELEASE SAVEPOINT one');
      outcome.applied.push(event);
    } catch (error) {
      if (!(error instanceof UnapplicableEventError)) throw error;
      await client.query('ROLLBACK TO SAVEPOINT one');
      mode.memory?.clear();
      outcome.unapplicable.push({ event, reason: error.message });
    }
  }
  return outcome;
}
