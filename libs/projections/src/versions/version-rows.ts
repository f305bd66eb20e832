import type { Pool, PoolClient } from 'pg';

export type VersionState = 'live' | 'rebuilding' | 'failed' | 'retired';

/** A row of `projection_versions`: one build of a read model. */
export interface ProjectionVersion {
  readonly projection: string;
  readonly version: number;
  readonly schema: string;
  readonly state: VersionState;
  readonly codeVersion: number;
  /** How far a rebuild has read the event store (null for a version built by the projector). */
  readonly rebuildPosition: bigint | null;
  /** A rebuild's version that has caught up with the log and finished its deferred work (`finishTarget`). */
  readonly caughtUp: boolean;
}

interface Row {
  projection: string;
  version: number;
  schema_name: string;
  state: VersionState;
  code_version: number;
  rebuild_position: string | null;
  rebuild_caught_up: boolean;
}

const COLUMNS =
  'projection, version, schema_name, state, code_version, rebuild_position::text AS rebuild_position, rebuild_caught_up';

const fromRow = (row: Row): ProjectionVersion => ({
  projection: row.projection,
  version: row.version,
  schema: row.schema_name,
  state: row.state,
  codeVersion: row.code_version,
  rebuildPosition: row.rebuild_position === null ? null : BigInt(row.rebuild_position),
  caughtUp: row.rebuild_caught_up,
});

export async function liveVersion(db: Pool | PoolClient, name: string): Promise<ProjectionVersion | null> {
  const { rows } = await db.query<Row>(`SELECT ${COLUMNS} FROM projection_versions WHERE projection = $1 AND state = 'live'`, [
    name,
  ]);
  return rows[0] ? fromRow(rows[0]) : null;
}

export async function versionsOf(db: Pool | PoolClient, name: string): Promise<ProjectionVersion[]> {
  const { rows } = await db.query<Row>(`SELECT ${COLUMNS} FROM projection_versions WHERE projection = $1 ORDER BY version`, [
    name,
  ]);
  return rows.map(fromRow);
}

/** The next free version number: the code version for a first build, one past the highest otherwise. */
export async function nextVersionNumber(client: PoolClient, name: string, codeVersion: number): Promise<number> {
  const { rows } = await client.query<{ highest: number | null }>(
    'SELECT max(version) AS highest FROM projection_versions WHERE projection = $1',
    [name],
  );
  const highest = rows[0]?.highest ?? null;
  return highest === null ? codeVersion : Math.max(highest + 1, codeVersion);
}
