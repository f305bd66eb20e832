import type { PoolClient } from 'pg';

/**
 * The guard table of a projection's schema: the last revision applied per stream, changed in the
 * same transaction as the read model. Rows are locked, so a consumer that lost its partitions in
 * a rebalance and one that just got them cannot both apply the same events.
 */
export async function lockAppliedRevisions(
  client: PoolClient,
  schema: string,
  streamIds: readonly string[],
): Promise<Map<string, bigint>> {
  // A placeholder row (-1: nothing applied) for new streams, so that they are locked too.
  await client.query(
    `INSERT INTO ${schema}.applied_streams (stream_id, revision)
     SELECT unnest($1::text[]), -1 ORDER BY 1 ON CONFLICT (stream_id) DO NOTHING`,
    [streamIds],
  );
  const { rows } = await client.query<{ stream_id: string; revision: string }>(
    `SELECT stream_id, revision FROM ${schema}.applied_streams WHERE stream_id = ANY($1::text[]) ORDER BY stream_id FOR UPDATE`,
    [streamIds],
  );
  return new Map(rows.filter((row) => row.revision !== '-1').map((row) => [row.stream_id, BigInt(row.revision)]));
}

export async function saveAppliedRevisions(client: PoolClient, schema: string, revisions: ReadonlyMap<string, bigint>) {
  if (revisions.size === 0) return;
  await client.query(
    `UPDATE ${schema}.applied_streams AS applied SET revision = moved.revision
     FROM unnest($1::text[], $2::bigint[]) AS moved (stream_id, revision)
     WHERE applied.stream_id = moved.stream_id`,
    [[...revisions.keys()], [...revisions.values()].map(String)],
  );
}
