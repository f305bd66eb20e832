import type { PoolClient } from 'pg';
import type { DeadLetter } from '../codec/dead-letters';

/**
 * Records `deadLetters` as sent by `projection` in the caller's transaction and returns those not
 * recorded before: the ones a batch delivered again must not send twice.
 */
export async function firstSent(
  client: PoolClient,
  projection: string,
  deadLetters: readonly DeadLetter[],
): Promise<DeadLetter[]> {
  if (deadLetters.length === 0) return [];
  const { rows } = await client.query<{ topic: string; partition: number; offset: string }>(
    `INSERT INTO dead_letters_sent (projection, topic, "partition", "offset")
     SELECT $1, * FROM unnest($2::text[], $3::int[], $4::bigint[])
     ON CONFLICT DO NOTHING
     RETURNING topic, "partition" AS partition, "offset"::text AS offset`,
    [
      projection,
      deadLetters.map((d) => d.original.topic),
      deadLetters.map((d) => d.original.partition),
      deadLetters.map((d) => d.original.offset),
    ],
  );
  const fresh = new Set(rows.map((row) => `${row.topic}:${row.partition}:${row.offset}`));
  return deadLetters.filter((d) => fresh.has(`${d.original.topic}:${d.original.partition}:${d.original.offset}`));
}
