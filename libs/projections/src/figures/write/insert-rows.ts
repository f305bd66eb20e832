import type { PoolClient } from 'pg';

type Cell = string | number | boolean | null;

/** Inserts rows in one statement (`INSERT … SELECT FROM unnest(…)`): one text array per column, cast to its type. */
export async function insertRows(
  client: PoolClient,
  table: string,
  columns: readonly string[],
  types: readonly string[],
  rows: readonly (readonly Cell[])[],
  onConflict = '',
): Promise<void> {
  if (rows.length === 0) return;
  const arrays = columns.map((_, i) => rows.map((row) => (row[i] === null ? null : String(row[i]))));
  const casts = types.map((type, i) => `c${i}::${type}`).join(', ');
  const aliases = columns.map((_, i) => `c${i}`).join(', ');
  const unnested = columns.map((_, i) => `$${i + 1}::text[]`).join(', ');
  await client.query(
    `INSERT INTO ${table} (${columns.join(', ')}) SELECT ${casts} FROM unnest(${unnested}) AS r(${aliases}) ${onConflict}`,
    arrays,
  );
}
