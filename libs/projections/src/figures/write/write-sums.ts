import type { PoolClient } from 'pg';
import { quoted } from '../tables';
import { bigintArray, copyRows, instantText } from './copy-rows';
import { signed, type FactDelta } from './fact-delta';
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
    ['unit_id', 'family', 'day', 'key', 'occurred_at', 'known_at', 'v1', 'v2', 'v3', 'v4', 'item', 'positions', 'cleared_at', 'prosecuted_at'],
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
 * The rollup deltas: each with its knowledge instant into `rollup_log` (COPY; the non-zero slots only),
 * and summed into the current sums by day and by month (one upsert, rows in key order so that two
 * batches committing at once never deadlock).
 */
export async function writeRollups(client: PoolClient, schema: string, deltas: readonly RollupDelta[]): Promise<void> {
  if (deltas.length === 0) return;
  const s = quoted(schema);
  await copyRows(
    client,
    `${s}.rollup_log`,
    ['unit_id', 'family', 'day', 'known_at', 'slots', 'vals'],
    deltas.map((d) => {
      const slots: number[] = [];
      const vals: number[] = [];
      d.row.forEach((v, slot) => {
        if (v !== 0) {
          slots.push(slot);
          vals.push(v);
        }
      });
      return [d.unitId, d.family, d.day, instantText(d.knownAt), `{${slots.join(',')}}`, `{${vals.join(',')}}`];
    }),
  );
  const now = new Map<string, { unitId: string; family: string; grain: string; bucket: string; row: number[] }>();
  for (const delta of deltas) {
    for (const [grain, bucket] of [
      ['d', delta.day],
      ['m', `${delta.day.slice(0, 7)}-01`],
    ] as const) {
      const id = `${delta.unitId}\u0000${delta.family}\u0000${grain}\u0000${bucket}`;
      const held = now.get(id);
      if (held === undefined) now.set(id, { unitId: delta.unitId, family: delta.family, grain, bucket, row: [...delta.row] });
      else delta.row.forEach((v, i) => (held.row[i] = held.row[i]! + v));
    }
  }
  const rows = [...now.entries()]
    .filter(([, row]) => row.row.some((v) => v !== 0))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, row]) => row);
  if (rows.length === 0) return;
  await client.query(
    `INSERT INTO ${s}.rollup_now (unit_id, family, grain, bucket, v)
     SELECT unit_id, family, grain, bucket, string_to_array(v, ',')::bigint[]
       FROM unnest($1::text[], $2::text[], $3::"char"[], $4::date[], $5::text[]) AS r(unit_id, family, grain, bucket, v)
     ON CONFLICT (unit_id, family, grain, bucket) DO UPDATE SET v = ${s}.add_values(rollup_now.v, excluded.v)`,
    [rows.map((r) => r.unitId), rows.map((r) => r.family), rows.map((r) => r.grain), rows.map((r) => r.bucket), rows.map((r) => r.row.join(','))],
  );
}
