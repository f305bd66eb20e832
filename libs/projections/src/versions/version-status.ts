import type { Category } from '@vigil/contract';
import type { Pool } from 'pg';

export interface ProjectionVersionStatus {
  version: number;
  /** The projection code version that built it. */
  codeVersion: number;
  schema: string;
  state: string;
  reason: string | null;
  /** Position of the last event applied (0: none). */
  lastPosition: string;
  /** Events of the projection's categories stored after it, and how old the oldest of them is. */
  lagEvents: number;
  lagSeconds: number;
}

/** Every version of a projection recorded in `projection_versions`, with how far each has got. */
export async function projectionStatus(
  pool: Pool,
  name: string,
  categories: readonly Category[],
  now = new Date(),
): Promise<ProjectionVersionStatus[]> {
  const { rows } = await pool.query<{
    version: number;
    schema_name: string;
    state: string;
    reason: string | null;
    code_version: number;
    rebuild_position: string | null;
  }>(
    `SELECT version, schema_name, state, reason, code_version, rebuild_position::text AS rebuild_position
     FROM projection_versions WHERE projection = $1 ORDER BY version`,
    [name],
  );
  const statuses: ProjectionVersionStatus[] = [];
  for (const row of rows) {
    // A rebuild has read the whole log up to its position; a live version is as far as its last applied event.
    const unfinished = row.state === 'rebuilding' || row.state === 'failed';
    const last = unfinished && row.rebuild_position !== null ? row.rebuild_position : await lastPosition(pool, row.schema_name);
    const lag = await pool.query<{ events: string; oldest: Date | null }>(
      `SELECT count(*)::text AS events, min(e.recorded_at) AS oldest
       FROM events e JOIN streams s ON s.stream_id = e.stream_id
       WHERE e.position > $1 AND s.category = ANY($2::text[])`,
      [last, [...categories]],
    );
    const oldest = lag.rows[0]?.oldest;
    statuses.push({
      version: row.version,
      codeVersion: row.code_version,
      schema: row.schema_name,
      state: row.state,
      reason: row.reason,
      lastPosition: last,
      lagEvents: Number(lag.rows[0]?.events ?? 0),
      lagSeconds: oldest ? Math.max(0, Math.round((now.getTime() - oldest.getTime()) / 1000)) : 0,
    });
  }
  return statuses;
}

async function lastPosition(pool: Pool, schema: string): Promise<string> {
  const exists = await pool.query(
    'SELECT 1 FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 AND column_name = $3',
    [schema, 'applied_streams', 'position'],
  );
  if (exists.rowCount === 0) return '0';
  const { rows } = await pool.query<{ last: string | null }>(`SELECT max(position)::text AS last FROM ${schema}.applied_streams`);
  return rows[0]?.last ?? '0';
}
