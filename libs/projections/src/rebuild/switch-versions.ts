import type { EventStore } from '@vigil/event-store';
import { inTransaction } from '@vigil/platform';
import type { Pool } from 'pg';
import { liveVersion, lockLiveVersionExclusive, lockServingViews, pointServingViews } from '../versions';
import { applyPage } from './apply-page';
import type { RebuildTarget } from './rebuild-target';

export interface SwitchedVersion {
  readonly name: string;
  readonly version: number;
  readonly previous: { version: number; schema: string } | null;
}

/**
 * The atomic switch of targets that have caught up (`finishTarget`): holding each projection's lock
 * exclusively (the live consumers' batches in flight finish first, the next ones wait), applies the
 * last events appended since each target's final page, as live batches, then makes the rebuilt
 * versions live and points the serving views at them, all in one transaction. The previous live version becomes `retired`; the caller drops it unless kept.
 */
export async function switchVersions(
  pool: Pool,
  store: EventStore,
  targets: readonly RebuildTarget[],
  pageSize: number,
): Promise<SwitchedVersion[]> {
  const { switched, through } = await inTransaction(pool, async (client) => {
    const ordered = [...targets].sort((a, b) => a.projection.name.localeCompare(b.projection.name));
    for (const target of ordered) await lockLiveVersionExclusive(client, target.projection.name);

    if (targets.some((target) => !target.caughtUp)) throw new Error('a rebuild switches only targets that caught up');
    // The live consumers wait on the locks now: none has applied anything past the head as it is now, and
    // what comes after is theirs to apply to the new versions. So the switch stops there, however fast
    // the log grows meanwhile.
    const head = await store.headPosition();
    let from = targets.reduce((lowest, t) => (t.position < lowest ? t.position : lowest), targets[0]!.position);
    while (from < head) {
      const page = await store.readAll(from, pageSize);
      if (page.events.length === 0) break;
      await applyPage(client, targets, page.events, page.nextPosition, { unguarded: false });
      from = page.nextPosition;
    }
    await lockServingViews(
      client,
      ordered.map((target) => target.projection.name),
    );
    const switched: SwitchedVersion[] = [];
    for (const target of ordered) {
      const name = target.projection.name;
      const previous = await liveVersion(client, name);
      if (previous)
        await client.query(`UPDATE projection_versions SET state = 'retired' WHERE projection = $1 AND version = $2`, [
          name,
          previous.version,
        ]);
      await client.query(
        `UPDATE projection_versions SET state = 'live', reason = NULL, switched_at = now() WHERE projection = $1 AND version = $2`,
        [name, target.version],
      );
      await pointServingViews(client, name, target.schema);
      switched.push({
        name,
        version: target.version,
        previous: previous ? { version: previous.version, schema: previous.schema } : null,
      });
    }
    return { switched, through: from };
  });
  for (const target of targets) if (through > target.position) target.position = through;
  return switched;
}

/** Drops a retired version's tables (after the switch, when not kept). */
export async function dropVersion(pool: Pool, name: string, version: { version: number; schema: string }): Promise<void> {
  await inTransaction(pool, async (client) => {
    await client.query(`DROP SCHEMA IF EXISTS ${version.schema} CASCADE`);
    await client.query(`DELETE FROM projection_versions WHERE projection = $1 AND version = $2 AND state = 'retired'`, [
      name,
      version.version,
    ]);
  });
}
