import type { PoolClient } from 'pg';
import { quoted } from '../tables';
import { bigintArray, copyRows, instantText } from './copy-rows';
import { addValues, isZero, signed, type FactDelta } from './fact-delta';
import type { RollupDelta } from './rollup-deltas';

/** The fact deltas, as rows of `facts` (COPY). */
export async function writeFacts(
  client: PoolClient,
  schema: string,
  deltas: readonly FactDelta[],
  dayOf: (instant: number) => string,
): Promise<void> {
  await copyRows(
    client,
    `${quoted(schema)}.facts`,
    [
      'unit_id',
      'family',
      'day',
      'key',
      'occurred_at',
      'known_at',
      'v1',
      'v2',
      'v3',
      'v4',
      'item',
      'positions',
      'cleared_at',
      'prosecuted_at',
    ],
    deltas.map(({ fact, sign, knownAt }) => {
      const [v1, v2, v3, v4] = signed(fact.values, sign);
      return [
        fact.unitId,
        fact.family,
        dayOf(fact.occurredAt),
        fact.key,
        instantText(fact.occurredAt),
        instantText(knownAt),
        v1,
        v2,
        v3,
        v4,
        fact.item,
        bigintArray(fact.positions),
        instantText(fact.clearedAt),
        instantText(fact.prosecutedAt),
      ];
    }),
  );
}

/**
 * The rollup deltas: each with its knowledge instant into `rollup_log` (COPY), and summed into the
 * current sums (one upsert, rows in key order so that two batches committing at once never deadlock).
 */
export async function writeRollups(client: PoolClient, schema: string, deltas: readonly RollupDelta[]): Promise<void> {
  if (deltas.length === 0) return;
  const s = quoted(schema);
  await copyRows(
    client,
    `${s}.rollup_log`,
    ['unit_id', 'family', 'grain', 'bucket', 'key', 'known_at', 'v1', 'v2', 'v3', 'v4'],
    deltas.map((d) => [d.unitId, d.family, d.grain, d.bucket, d.key, instantText(d.knownAt), ...d.values]),
  );
  const now = new Map<string, Omit<RollupDelta, 'knownAt'>>();
  for (const delta of deltas) {
    const id = `${delta.unitId}\u0000${delta.family}\u0000${delta.grain}\u0000${delta.bucket}\u0000${delta.key}`;
    const held = now.get(id);
    now.set(id, held === undefined ? delta : { ...held, values: addValues(held.values, delta.values) });
  }
  const rows = [...now.entries()]
    .filter(([, row]) => !isZero(row.values))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, row]) => row);
  if (rows.length === 0) return;
  await client.query(
    `INSERT INTO ${s}.rollup_now (unit_id, family, grain, bucket, key, v1, v2, v3, v4)
     SELECT * FROM unnest($1::text[], $2::text[], $3::"char"[], $4::date[], $5::text[], $6::bigint[], $7::bigint[], $8::bigint[], $9::bigint[])
     ON CONFLICT (unit_id, family, grain, bucket, key) DO UPDATE
       SET v1 = rollup_now.v1 + excluded.v1, v2 = rollup_now.v2 + excluded.v2,
           v3 = rollup_now.v3 + excluded.v3, v4 = rollup_now.v4 + excluded.v4`,
    [
      rows.map((r) => r.unitId),
      rows.map((r) => r.family),
      rows.map((r) => r.grain),
      rows.map((r) => r.bucket),
      rows.map((r) => r.key),
      ...[0, 1, 2, 3].map((i) => rows.map((r) => r.values[i])),
    ],
  );
}
