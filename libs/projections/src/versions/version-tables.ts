import type { PoolClient } from 'pg';
import type { Projection } from '../projection';

/** A version's schema: the projection's own tables plus the per-stream guard table. Idempotent. */
export async function createVersionTables(client: PoolClient, projection: Projection, schema: string): Promise<void> {
  await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  // The last revision applied per stream (the redelivery guard) and its log position (for status).
  await client.query(
    `CREATE TABLE IF NOT EXISTS ${schema}.applied_streams (
       stream_id text PRIMARY KEY, revision bigint NOT NULL, position bigint NOT NULL DEFAULT 0)`,
  );
  await projection.createTables(client, schema);
}
