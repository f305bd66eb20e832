import type { Pool } from 'pg';
import { type Projection, schemaOf } from '../projection';

/**
 * Creates the projection's schema, its tables and its guard table, and records the version in
 * `projection_versions`: live when no other version of it is, otherwise left to a rebuild to switch.
 * Serialised by an advisory lock, since concurrent `CREATE … IF NOT EXISTS` may still collide.
 */
export async function prepareProjection(pool: Pool, projection: Projection): Promise<string> {
  const schema = schemaOf(projection);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [schema]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${schema}.applied_streams (stream_id text PRIMARY KEY, revision bigint NOT NULL)`,
    );
    // The log position of each stream's last applied event: what `vigil projections status` reports.
    await client.query(`ALTER TABLE ${schema}.applied_streams ADD COLUMN IF NOT EXISTS position bigint NOT NULL DEFAULT 0`);
    await projection.createTables(client, schema);
    await client.query(
      `INSERT INTO projection_versions (projection, version, schema_name, state, switched_at)
       SELECT $1, $2, $3, live.state, CASE live.state WHEN 'live' THEN now() END
       FROM (SELECT CASE WHEN EXISTS (SELECT 1 FROM projection_versions WHERE projection = $1 AND state = 'live')
                    THEN 'rebuilding' ELSE 'live' END AS state) AS live
       ON CONFLICT DO NOTHING`,
      [projection.name, projection.version, schema],
    );
    await client.query('COMMIT');
    return schema;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
