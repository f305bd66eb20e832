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

/** Where each stream moved to: its last applied (or set aside) event's revision and log position. */
export type MovedStreams = ReadonlyMap<string, { revision: bigint; position: bigint }>;

export async function saveAppliedRevisions(client: PoolClient, schema: string, moved: MovedStreams) {
  if (moved.size === 0) return;
  const entries = [...moved.values()];
  await client.query(
    `UPDATE ${schema}.applied_streams AS applied SET revision = moved.revision, position = moved.position
     FROM unnest($1::text[], $2::bigint[], $3::bigint[]) AS moved (stream_id, revision, position)
     WHERE applied.stream_id = moved.stream_id`,
    [[...moved.keys()], entries.map((entry) => String(entry.revision)), entries.map((entry) => String(entry.position))],
  );
}

/**
 * The last revision applied per stream, without locking: for a version only its caller writes (a
 * rebuild's new version before the switch), where no other writer can race it.
 */
export async function readAppliedRevisions(
  client: PoolClient,
  schema: string,
  streamIds: readonly string[],
): Promise<Map<string, bigint>> {
  const { rows } = await client.query<{ stream_id: string; revision: string }>(
    `SELECT stream_id, revision FROM ${schema}.applied_streams WHERE stream_id = ANY($1::text[]) AND revision <> -1`,
    [streamIds],
  );
  return new Map(rows.map((row) => [row.stream_id, BigInt(row.revision)]));
}

/** `saveAppliedRevisions` for streams that may have no row yet (see `readAppliedRevisions`): one upsert. */
export async function upsertAppliedRevisions(client: PoolClient, schema: string, moved: MovedStreams) {
  if (moved.size === 0) return;
  const entries = [...moved.values()];
  await client.query(
    `INSERT INTO ${schema}.applied_streams (stream_id, revision, position)
     SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[])
     ON CONFLICT (stream_id) DO UPDATE SET revision = excluded.revision, position = excluded.position`,
    [[...moved.keys()], entries.map((entry) => String(entry.revision)), entries.map((entry) => String(entry.position))],
  );
}

/** Every stream's head (last revision and position) into the guard, in one COPY-sized statement: a rebuilt version's guard. */
export async function writeStreamHeads(
  client: PoolClient,
  schema: string,
  heads: readonly { streamId: string; revision: bigint; position: bigint }[],
): Promise<void> {
  if (heads.length === 0) return;
  await client.query(
    `INSERT INTO ${schema}.applied_streams (stream_id, revision, position)
     SELECT * FROM json_to_recordset($1::json) AS h(stream_id text, revision bigint, position bigint)
     ON CONFLICT (stream_id) DO UPDATE SET revision = excluded.revision, position = excluded.position`,
    [JSON.stringify(heads.map((h) => ({ stream_id: h.streamId, revision: String(h.revision), position: String(h.position) })))],
  );
}
