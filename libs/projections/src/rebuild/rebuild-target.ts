import { inTransaction } from '@vigil/platform';
import type { Pool } from 'pg';
import type { Projection, RebuildMemory } from '../projection';
import { createVersionTables, nextVersionNumber, versionSchemaOf, versionsOf } from '../versions';

/** The version a rebuild fills, and how far it has read the event store. */
export interface RebuildTarget {
  readonly projection: Projection;
  readonly version: number;
  readonly schema: string;
  /** Every event of the log up to this position is in the version (0: none yet). */
  position: bigint;
  /**
   * It has read the log to its head and done its deferred work (`finishTarget`): the pages after that
   * go in as a live version's batches do (guarded, current sums kept), until the switch.
   */
  caughtUp: boolean;
  /** Events the projection could not apply (the live consumer dead-lettered them too). */
  unapplicable: number;
  readonly resumed: boolean;
  /** This run's memory of the version (`RebuildRows`); a new run starts with none and reads back the table. */
  readonly memory: RebuildMemory;
}

/**
 * Resumes an interrupted (or failed) rebuild of the same code version where its last page
 * committed, or starts a new version. Rebuilds left by other code versions can never go live:
 * they are dropped.
 */
export async function openRebuildTarget(pool: Pool, projection: Projection): Promise<RebuildTarget> {
  return inTransaction(pool, async (client) => {
    const unfinished = (await versionsOf(client, projection.name)).filter(
      (v) => v.state === 'rebuilding' || v.state === 'failed',
    );
    for (const stale of unfinished.filter((v) => v.codeVersion !== projection.codeVersion)) {
      await client.query(`DROP SCHEMA IF EXISTS ${stale.schema} CASCADE`);
      await client.query('DELETE FROM projection_versions WHERE projection = $1 AND version = $2', [
        projection.name,
        stale.version,
      ]);
    }
    const resumable = unfinished.find((v) => v.codeVersion === projection.codeVersion);
    let target: RebuildTarget;
    if (resumable) {
      await client.query(
        `UPDATE projection_versions SET state = 'rebuilding', reason = NULL WHERE projection = $1 AND version = $2`,
        [projection.name, resumable.version],
      );
      target = {
        projection,
        version: resumable.version,
        schema: resumable.schema,
        position: resumable.rebuildPosition ?? 0n,
        caughtUp: resumable.caughtUp,
        unapplicable: 0,
        resumed: true,
        memory: new Map(),
      };
    } else {
      const version = await nextVersionNumber(client, projection.name, projection.codeVersion);
      const schema = versionSchemaOf(projection.name, version);
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`); // left by a version whose row was deleted
      await client.query(
        `INSERT INTO projection_versions (projection, version, schema_name, state, code_version, rebuild_position)
         VALUES ($1, $2, $3, 'rebuilding', $4, 0)`,
        [projection.name, version, schema, projection.codeVersion],
      );
      target = {
        projection,
        version,
        schema,
        position: 0n,
        caughtUp: false,
        unapplicable: 0,
        resumed: false,
        memory: new Map(),
      };
    }
    await createVersionTables(client, projection, target.schema, { queryIndexes: target.caughtUp });
    return target;
  });
}

/** Records why a rebuild stopped; the live version is untouched and the rebuild can be started again. */
export async function markRebuildFailed(pool: Pool, target: RebuildTarget, reason: string): Promise<void> {
  await pool.query(
    `UPDATE projection_versions SET state = 'failed', reason = $3 WHERE projection = $1 AND version = $2 AND state = 'rebuilding'`,
    [target.projection.name, target.version, reason],
  );
}
