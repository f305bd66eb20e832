import type { PoolClient } from 'pg';
import { quoted } from '../tables';

/** Fresh rows a process appends to a version before it merges them (about a second of a busy projector). */
export const COMPACT_AFTER_ROWS = 50_000;

const appendedSince = new Map<string, number>();

/**
 * Counts the fresh `rollup_known` rows a batch appended, and merges every fresh row once this process
 * has appended COMPACT_AFTER_ROWS of them. Fresh rows are exact as they are; merging only keeps the
 * rows a read sums few, so it can wait.
 */
export async function compactWhenDue(client: PoolClient, schema: string, appended: number): Promise<void> {
  const count = (appendedSince.get(schema) ?? 0) + appended;
  if (count < COMPACT_AFTER_ROWS) {
    appendedSince.set(schema, count);
    return;
  }
  appendedSince.set(schema, 0);
  await compactKnownLevels(client, schema);
}

/**
 * Merges the fresh rows with the rows of the same cell and span, in the caller's transaction: one
 * statement deletes every row of the spans that have fresh rows and inserts their sums. A sum never
 * changes, so readers before and after see the same figures. Rows appended meanwhile by other
 * transactions are not seen and stay fresh; a concurrent merge (another instance) is skipped, not
 * waited for.
 */
export async function compactKnownLevels(client: PoolClient, schema: string): Promise<void> {
  const s = quoted(schema);
  const { rows } = await client.query<{ locked: boolean }>(`SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked`, [
    `${s}.rollup_known`,
  ]);
  if (!rows[0]!.locked) return;
  const span = 'unit_id, grain, level, known_from, bucket, family, key';
  await client.query(
    `WITH spans AS (
       SELECT DISTINCT ${span} FROM ${s}.rollup_known WHERE fresh
     ), gone AS (
       DELETE FROM ${s}.rollup_known k USING spans
        WHERE (k.unit_id, k.grain, k.level, k.known_from, k.bucket, k.family, k.key) = (spans.unit_id, spans.grain, spans.level, spans.known_from, spans.bucket, spans.family, spans.key)
       RETURNING k.*
     )
     INSERT INTO ${s}.rollup_known (${span}, v1, v2, v3, v4, fresh)
     SELECT ${span}, sum(v1), sum(v2), sum(v3), sum(v4), false FROM gone GROUP BY ${span}
     HAVING sum(v1) <> 0 OR sum(v2) <> 0 OR sum(v3) <> 0 OR sum(v4) <> 0`,
  );
}
