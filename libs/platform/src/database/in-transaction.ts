import type { Pool, PoolClient } from 'pg';
import { isDatabaseUnavailable } from './database-faults';

/** `work` on one client between BEGIN and COMMIT; rolled back if it throws. */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    // A connection that failed goes out of the pool rather than back to it.
    if (isDatabaseUnavailable(error)) broken = error as Error;
    await client.query('ROLLBACK').catch((rollbackFailed: Error) => (broken ??= rollbackFailed));
    throw error;
  } finally {
    client.release(broken);
  }
}
