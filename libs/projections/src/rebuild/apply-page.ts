import { categoryOfStream, type StoredEvent } from '@vigil/contract';
import type { PoolClient } from 'pg';
import { applyWithFallback } from '../runner/apply-with-fallback';
import type { RebuildTarget } from './rebuild-target';

/**
 * One page of the log (in position order) into each target, inside the caller's transaction: the
 * events of the target's categories it has not yet got, its per-stream guard rows (so the live
 * consumer continues on this version without applying anything twice) and its rebuild position.
 * Returns the events applied across targets.
 */
export async function applyPage(
  client: PoolClient,
  targets: readonly RebuildTarget[],
  events: readonly StoredEvent[],
  through: bigint,
): Promise<number> {
  let applied = 0;
  for (const target of targets) {
    if (through <= target.position) continue;
    const categories = new Set<string>(target.projection.categories);
    const mine = events.filter((e) => e.position > target.position && categories.has(categoryOfStream(e.streamId)));
    const outcome = await applyWithFallback(client, target.projection, target.schema, mine);
    await saveStreamHeads(client, target.schema, mine);
    await client.query('UPDATE projection_versions SET rebuild_position = $3 WHERE projection = $1 AND version = $2', [
      target.projection.name,
      target.version,
      String(through),
    ]);
    target.unapplicable += outcome.unapplicable.length;
    applied += outcome.applied.length;
  }
  return applied;
}

/** The guard row of every stream in `events`: its last revision and position (events are in log order). */
async function saveStreamHeads(client: PoolClient, schema: string, events: readonly StoredEvent[]): Promise<void> {
  if (events.length === 0) return;
  const heads = new Map<string, StoredEvent>();
  for (const event of events) heads.set(event.streamId, event);
  const last = [...heads.values()];
  await client.query(
    `INSERT INTO ${schema}.applied_streams (stream_id, revision, position)
     SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[])
     ON CONFLICT (stream_id) DO UPDATE SET revision = excluded.revision, position = excluded.position`,
    [last.map((e) => e.streamId), last.map((e) => String(e.revision)), last.map((e) => String(e.position))],
  );
}
