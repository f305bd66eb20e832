import pg from 'pg';
import { importScript, type InfrastructureScript, type PostgresScript } from './scripts';

export const BENCH_DATABASE = 'vigil_bench';

export interface Infrastructure {
  readonly databaseUrl: string;
  readonly kafkaBrokers: string;
  /** Stops Kafka if this run started it; leaves the database for inspection. */
  release(): Promise<void>;
}

/**
 * The same set-up as `npm start`/`npm test` (the cluster, the database and its migrations, the
 * local broker), on a database of its own, dropped first so every run starts from nothing.
 */
export async function prepareBenchInfrastructure(): Promise<Infrastructure> {
  const { withDefaultUser } = await importScript<PostgresScript>('scripts/lib/postgres.mjs');
  const { prepareInfrastructure } = await importScript<InfrastructureScript>('scripts/lib/infrastructure.mjs');
  const base = process.env.VIGIL_BENCH_DATABASE_URL || `postgres://localhost:5432/${BENCH_DATABASE}`;
  const databaseUrl = withDefaultUser(base);
  let cluster: Awaited<ReturnType<typeof prepareInfrastructure>> | undefined;
  try {
    await dropDatabase(databaseUrl);
  } catch (error) {
    if ((error as { code?: string }).code !== 'ECONNREFUSED') throw error;
    cluster = await prepareInfrastructure({ databaseUrl }); // starts the local cluster (and broker)
    await dropDatabase(databaseUrl);
  }
  const prepared = await prepareInfrastructure({ databaseUrl });
  return {
    databaseUrl,
    kafkaBrokers: prepared.kafkaBrokers,
    release: async () => {
      await prepared.release();
      await cluster?.release();
    },
  };
}

async function dropDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const database = decodeURIComponent(url.pathname.slice(1));
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString(), connectionTimeoutMillis: 2000 });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(database)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

export async function postgresVersion(databaseUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;
  } finally {
    await client.end();
  }
}
