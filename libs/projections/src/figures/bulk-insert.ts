import type { PoolClient } from 'pg';

export interface Column {
  readonly name: string;
  /** The column's SQL type; values travel as text and are cast, so one shape serves every type. */
  readonly type: string;
}

type Cell = string | number | boolean | bigint | null;

/** Inserts rows in one statement (`INSERT … SELECT FROM unnest(…)`), one text array per column. */
export async function insertRows(
  client: PoolClient,
  table: string,
  columns: readonly Column[],
  rows: readonly (readonly Cell[])[],
  onConflict = '',
): Promise<void> {
  if (rows.length === 0) return;
  const arrays = columns.map((_, index) => rows.map((row) => (row[index] === null ? null : String(row[index]))));
  const names = columns.map((column) => column.name).join(', ');
  const unnested = columns.map((_, index) => `$${index + 1}::text[]`).join(', ');
  const casts = columns.map((column, index) => `c${index}::${column.type}`).join(', ');
  const aliases = columns.map((_, index) => `c${index}`).join(', ');
  await client.query(
    `INSERT INTO ${table} (${names}) SELECT ${casts} FROM unnest(${unnested}) AS r(${aliases}) ${onConflict}`,
    arrays,
  );
}
