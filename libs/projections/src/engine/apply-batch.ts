import type { StoredEvent } from '@vigil/contract';
import type { PoolClient } from 'pg';
import type { Projection, RebuildMemory, RebuildPipeline } from '../projection';
import { applyWithFallback } from './apply-with-fallback';
import { type SelectOptions, type SetAside, selectNextEvents } from './select-next-events';
import {
  lockAppliedRevisions,
  type MovedStreams,
  readAppliedRevisions,
  saveAppliedRevisions,
  upsertAppliedRevisions,
} from './stream-revisions';

/** What became of each event of a batch. */
export interface BatchResult {
  /** In the read model now. */
  applied: StoredEvent[];
  /** At or below its stream's applied revision (redelivered, republished): skipped. */
  redelivered: StoredEvent[];
  /** After a missing revision: not applied, and its stream does not move. */
  gaps: SetAside[];
  /** The projection cannot apply them (`UnapplicableEventError`, or any error with `isolateFailures`): its stream moves past them. */
  unapplicable: SetAside[];
}

export interface ApplyBatchOptions extends SelectOptions {
  /**
   * The caller is the only writer of this version (a rebuild's new version, until its switch): the
   * guard reads the revisions without locking their rows and writes them in one upsert. A live
   * version has concurrent writers (two consumers across a rebalance) and needs the locks.
   */
  exclusive?: boolean;
  /**
   * The events are the log itself, in order, each once (a rebuild's page of the store), into a version
   * nobody else writes: no guard is read or written; the rebuild writes every stream's head at its
   * switch instead (`writeStreamHeads`).
   */
  unguarded?: boolean;
  /** A rebuild's page: the projection may defer its aggregations to `finishRebuild`. */
  rebuilding?: boolean;
  /** A rebuild run's memory of the version (`ApplyMode.memory`). */
  memory?: RebuildMemory;
  /** A pipelined rebuild's page (`ApplyMode.pipeline`). */
  pipeline?: RebuildPipeline;
  /** Set aside an event whatever the projection's error but a transient database one (see `FallbackMode`). */
  isolateFailures?: boolean;
  /** A rebuild's page: events whose values the read model cannot hold are set aside (`FallbackMode`). */
  setAsideDataErrors?: boolean;
}

export const NOTHING_APPLIED: BatchResult = Object.freeze({ applied: [], redelivered: [], gaps: [], unapplicable: [] });

/**
 * THE path from stored events to a read model, whoever delivers them (the live consumer, a rebuild's
 * page of the log, a dead letter retried by an operator), inside the caller's transaction: the
 * per-stream revision guard (rows locked), the projection's `apply` with the per-event fallback that
 * sets unapplicable events aside, and each stream's new revision and log position. The caller
 * commits the read model's change and the revisions together, or neither.
 */
export async function applyBatch(
  client: PoolClient,
  projection: Projection,
  schema: string,
  events: readonly StoredEvent[],
  options: ApplyBatchOptions = {},
): Promise<BatchResult> {
  if (events.length === 0) return NOTHING_APPLIED;
  if (options.unguarded) {
    const outcome = await applyWithFallback(client, projection, schema, events, fallbackMode(options));
    return { applied: outcome.applied, redelivered: [], gaps: [], unapplicable: outcome.unapplicable };
  }
  const streamIds = [...new Set(events.map((event) => event.streamId))];
  const applied = await (options.exclusive ? readAppliedRevisions : lockAppliedRevisions)(client, schema, streamIds);
  const selection = selectNextEvents(events, applied, options);
  // Where each stream moves does not depend on the outcome (an event set aside moves it too), so it is
  // saved first: a projection's last writes (e.g. the figures' current sums, rows every batch shares)
  // then hold their row locks only until the commit, not through this statement as well.
  await (options.exclusive ? upsertAppliedRevisions : saveAppliedRevisions)(
    client,
    schema,
    movedStreams(selection.next, applied),
  );
  const outcome = await applyWithFallback(client, projection, schema, selection.next, fallbackMode(options));
  return {
    applied: outcome.applied,
    redelivered: selection.redelivered,
    gaps: selection.gaps,
    unapplicable: outcome.unapplicable,
  };
}

const fallbackMode = ({ rebuilding, isolateFailures, setAsideDataErrors, memory, pipeline }: ApplyBatchOptions) => ({
  rebuilding,
  isolateFailures,
  setAsideDataErrors,
  memory,
  pipeline,
});

/** Where each stream moves: its last event past the guard, applied or set aside as unapplicable (consumed either way). */
function movedStreams(next: readonly StoredEvent[], applied: ReadonlyMap<string, bigint>): MovedStreams {
  const moved = new Map<string, { revision: bigint; position: bigint }>();
  for (const { streamId, revision, position } of next) {
    if (revision > (moved.get(streamId)?.revision ?? applied.get(streamId) ?? -1n)) moved.set(streamId, { revision, position });
  }
  return moved;
}
