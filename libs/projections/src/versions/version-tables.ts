import type { PoolClient } from 'pg';
import type { Projection } from '../projection';
import { REBUILD_ROWS_DDL } from '../rebuild/rebuild-rows';

/**
 * A version's schema: the projection's own tables plus the per-stream guard table and the rows a rebuild
 * keeps, and the indexes of its queries unless a rebuild builds them later (`finishTarget`). Idempotent.
 */
export async function createVersionTables(
  client: PoolClient,
  projection: Projection,
  schema: string,
  { queryIndexes = true } = {},
): Promise<void> {
  await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  // The last revision applied per stream (the redelivery guard) and its log position (for status).
  await client.query(
    `CREATE TABLE IF NOT EXISTS ${schema}.applied_streams (
       stream_id text PRIMARY KEY, revision bigint NOT NULL, position bigint NOT NULL DEFAULT 0)
     WITH (fillfactor = 70)`, // updated by every batch: room for in-place (HOT) updates
  );
  await client.query(REBUILD_ROWS_DDL(schema));
  await projection.createTables(client, schema);
  if (queryIndexes) await createQueryIndexes(client, projection, schema);
}

export async function createQueryIndexes(client: PoolClient, projection: Projection, schema: string): Promise<void> {
  for (const statement of projection.queryIndexes?.(schema) ?? []) await client.query(statement);
}
