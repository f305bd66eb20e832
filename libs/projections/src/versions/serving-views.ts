import type { PoolClient } from 'pg';
import { servingSchemaOf } from './schemas';

/**
 * Points the serving schema's views at a version's tables, inside the caller's transaction (so a
 * switch is atomic for queries). Views of the same shape are replaced in place; a view whose
 * columns changed (a new code version) is dropped and created again; views of tables the version
 * no longer has are dropped.
 */
export async function pointServingViews(client: PoolClient, name: string, versionSchema: string): Promise<void> {
  const serving = servingSchemaOf({ name });
  await client.query(`CREATE SCHEMA IF NOT EXISTS ${serving}`);
  const tables = await namesIn(client, versionSchema, 'BASE TABLE');
  for (const table of tables) {
    const definition = `SELECT * FROM ${versionSchema}.${table}`;
    await client.query('SAVEPOINT serving_view');
    try {
      await client.query(`CREATE OR REPLACE VIEW ${serving}.${table} AS ${definition}`);
      await client.query('RELEASE SAVEPOINT serving_view');
    } catch {
      await client.query('ROLLBACK TO SAVEPOINT serving_view');
      await client.query(`DROP VIEW ${serving}.${table}`);
      await client.query(`CREATE VIEW ${serving}.${table} AS ${definition}`);
    }
  }
  for (const stale of await namesIn(client, serving, 'VIEW')) {
    if (!tables.includes(stale)) await client.query(`DROP VIEW ${serving}.${stale}`);
  }
}

async function namesIn(client: PoolClient, schema: string, type: 'BASE TABLE' | 'VIEW'): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = $1 AND table_type = $2 ORDER BY 1`,
    [schema, type],
  );
  return rows.map((row) => row.name);
}
