import type { PoolClient } from 'pg';
import { servingSchemaOf } from './schemas';

const RETRY_MS = 20;
const GIVE_UP_MS = 30_000;

/**
 * Locks every serving view of the projections at once, before they are repointed. A query reading
 * two of them (the cases register walks the units' tree) takes their locks one after the other, so
 * a switch that waited for one view while holding another could deadlock with it. Instead the switch
 * never waits holding a view: NOWAIT, and on a busy view it lets go of all of them and tries again
 * shortly — queries last milliseconds.
 */
export async function lockServingViews(client: PoolClient, names: readonly string[]): Promise<void> {
  const { rows } = await client.query<{ view: string }>(
    `SELECT format('%I.%I', table_schema, table_name) AS view FROM information_schema.views
     WHERE table_schema = ANY($1::text[]) ORDER BY 1`,
    [names.map((name) => servingSchemaOf({ name }))],
  );
  if (rows.length === 0) return;
  const views = rows.map((row) => row.view).join(', ');
  const deadline = Date.now() + GIVE_UP_MS;
  for (;;) {
    await client.query('SAVEPOINT serving_views_lock');
    try {
      await client.query(`LOCK TABLE ${views} IN ACCESS EXCLUSIVE MODE NOWAIT`);
      await client.query('RELEASE SAVEPOINT serving_views_lock');
      return;
    } catch (error) {
      await client.query('ROLLBACK TO SAVEPOINT serving_views_lock');
      const lockNotAvailable = (error as { code?: string }).code === '55P03';
      if (!lockNotAvailable || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  }
}
