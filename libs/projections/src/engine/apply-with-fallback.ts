import type { StoredEvent } from '@vigil/contract';
import { databaseFaultOf, describeDatabaseError, isDataError } from '@vigil/platform';
import type { PoolClient } from 'pg';
import { type ApplyMode, type Projection, UnapplicableEventError } from '../projection';
import type { SetAside } from './select-next-events';

export interface ApplyOutcome {
  applied: StoredEvent[];
  unapplicable: SetAside[];
}

export interface FallbackMode extends ApplyMode {
  /**
   * Any error of the projection's `apply` but a transient database one (connection lost, database
   * restarting, serialization failure) sets the event that causes it aside, as an
   * `UnapplicableEventError` does: a value the read model cannot store, a date PostgreSQL cannot
   * hold, a bug. The caller asks for it once retries of the whole batch failed the same way.
   */
  readonly isolateFailures?: boolean;
  /**
   * A database data error (a value the read model cannot hold) sets the event aside at once: a
   * rebuild's pages, which cannot wait for an operator, do what the live projector did after its
   * retries. Any other error still fails the rebuild (a bug in the projection must not go unseen).
   */
  readonly setAsideDataErrors?: boolean;
}

/**
 * The whole batch in one `apply` (the fast path, set-based in the projections). When it holds an
 * event the projection cannot apply, the batch is rolled back to the savepoint and split in halves,
 * each applied in its own savepoint, and so on down to the events that fail alone: those are set
 * aside with the reason, the others applied in their order. Any other error propagates and the
 * caller's transaction fails as a whole.
 */
export async function applyWithFallback(
  client: PoolClient,
  projection: Projection,
  schema: string,
  events: readonly StoredEvent[],
  mode: FallbackMode = {},
): Promise<ApplyOutcome> {
  const outcome: ApplyOutcome = { applied: [], unapplicable: [] };
  if (events.length > 0) await applyOrSplit(client, projection, schema, events, mode, outcome);
  return outcome;
}

async function applyOrSplit(
  client: PoolClient,
  projection: Projection,
  schema: string,
  events: readonly StoredEvent[],
  mode: FallbackMode,
  outcome: ApplyOutcome,
): Promise<void> {
  await client.query('SAVEPOINT part');
  try {
    await projection.apply(client, schema, events, { rebuilding: mode.rebuilding, memory: mode.memory, pipeline: mode.pipeline });
    // A pipelined page's writes may still be running: the release is queued behind them, not awaited.
    const release = client.query('RELEASE SAVEPOINT part');
    if (mode.pipeline) mode.pipeline.defer(release);
    else await release;
    outcome.applied.push(...events);
    return;
  } catch (error) {
    const reason = setAsideReason(projection, error, mode);
    if (reason === null) throw error;
    await client.query('ROLLBACK TO SAVEPOINT part');
    await client.query('RELEASE SAVEPOINT part');
    mode.memory?.clear(); // a rebuild's memory may hold what was just rolled back: read back from its tables
    if (events.length === 1) {
      outcome.unapplicable.push({ event: events[0]!, reason });
      return;
    }
  }
  const half = Math.ceil(events.length / 2);
  await applyOrSplit(client, projection, schema, events.slice(0, half), mode, outcome);
  await applyOrSplit(client, projection, schema, events.slice(half), mode, outcome);
}

/** Why an event is set aside, or null when the error is not the event's (the transaction fails instead). */
function setAsideReason(projection: Projection, error: unknown, mode: FallbackMode): string | null {
  if (error instanceof UnapplicableEventError) return error.message;
  if (mode.setAsideDataErrors && isDataError(error)) return `${projection.name} cannot apply it: ${describeDatabaseError(error)}`;
  if (!mode.isolateFailures || databaseFaultOf(error) === 'transient') return null;
  return `${projection.name} cannot apply it: ${describeDatabaseError(error)}`;
}
