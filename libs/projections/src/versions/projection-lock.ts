import type { PoolClient } from 'pg';

/**
 * One advisory lock per projection orders writers against a version switch: every transaction that
 * applies to the live version holds it shared; the switch holds it exclusive, so it waits for the
 * batches in flight and the next batch sees the new live version.
 */
const key = (name: string) => `vigil.projection:${name}`;

export async function lockLiveVersionShared(client: PoolClient, name: string): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock_shared(hashtext($1))', [key(name)]);
}

export async function lockLiveVersionExclusive(client: PoolClient, name: string): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [key(name)]);
}

/** Held for a whole rebuild (session level), so two rebuilds of one projection never run at once. */
export async function tryLockRebuild(client: PoolClient, name: string): Promise<boolean> {
  const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [
    `vigil.rebuild:${name}`,
  ]);
  return rows[0]!.locked;
}

export async function unlockRebuild(client: PoolClient, name: string): Promise<void> {
  await client.query('SELECT pg_advisory_unlock(hashtext($1))', [`vigil.rebuild:${name}`]);
}
