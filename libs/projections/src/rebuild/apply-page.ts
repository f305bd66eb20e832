import { categoryOfStream, type StoredEvent } from '@vigil/contract';
import type { PoolClient } from 'pg';
import { applyBatch } from '../engine/apply-batch';
import type { RebuildPipeline } from '../projection';
import type { RebuildTarget } from './rebuild-target';

/**
 * One page of the log (in position order) into each target, inside the caller's transaction, by the
 * engine's one path (`applyBatch`): the events of the target's categories it has not yet got, with
 * their per-stream guard rows (so the live consumer continues on this version without applying
 * anything twice), then the target's rebuild position. A target that has caught up (`finishTarget`)
 * takes them as a live version does: guarded, its current sums kept. A pipelined page (`PagePipeline`)
 * hands its last writes over instead of awaiting them. Returns the events applied across targets.
 */
export async function applyPage(
  client: PoolClient,
  targets: readonly RebuildTarget[],
  events: readonly StoredEvent[],
  through: bigint,
  options: { unguarded: boolean; pipeline?: RebuildPipeline },
): Promise<number> {
  let applied = 0;
  for (const target of targets) {
    if (through <= target.position) continue;
    const categories = new Set<string>(target.projection.categories);
    const mine = events.filter((e) => e.position > target.position && categories.has(categoryOfStream(e.streamId)));
    // Nobody else writes a version under rebuild: the guard needs no row locks there, or none at all
    // until the target has caught up, when the store can tell every stream's head (`finishTarget`).
    const outcome = await applyBatch(client, target.projection, target.schema, mine, {
      exclusive: true,
      setAsideDataErrors: true,
      ...(target.caughtUp
        ? {}
        : { rebuilding: true, memory: target.memory, unguarded: options.unguarded, pipeline: options.pipeline }),
    });
    const move = () =>
      client.query('UPDATE projection_versions SET rebuild_position = $3 WHERE projection = $1 AND version = $2', [
        target.projection.name,
        target.version,
        String(through),
      ]);
    if (options.pipeline) options.pipeline.deferAfterPrior(move);
    else await move();
    // A stored log has no gaps; should one ever show, its events are set aside like unapplicable ones.
    target.unapplicable += outcome.unapplicable.length + outcome.gaps.length;
    applied += outcome.applied.length;
  }
  return applied;
}
