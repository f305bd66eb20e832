// The local PostgreSQL: started when it is down (on this machine's cluster), the database
// created when missing, and the migrations applied with node-pg-migrate.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { runner } from 'node-pg-migrate';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '']);

/** libpq falls back to the OS user when a URL names none; node-postgres needs it said. */
export function withDefaultUser(databaseUrl) {
  const url = new URL(databaseUrl);
  if (!url.username) url.username = process.env.PGUSER || userInfo().username;
  return url.toString();
}

/** `fresh` drops the database first: the test suite starts from an empty store every run. */
export async function prepareDatabase({ databaseUrl: given, root, log, fresh = false }) {
  const databaseUrl = withDefaultUser(given);
  const url = new URL(databaseUrl);
  const database = decodeURIComponent(url.pathname.slice(1));
  if (!database) throw new Error(`DATABASE_URL names no database: ${databaseUrl}`);
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  await ensureServer(admin.toString(), url.hostname, log);
  if (fresh) await dropDatabase(admin.toString(), database);
  await createDatabaseIfMissing(admin.toString(), database, log);
  await migrate(databaseUrl, join(root, 'migrations'), log);
}

async function canConnect(connectionString) {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return null;
  } catch (error) {
    return error;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function ensureServer(adminUrl, host, log) {
  const first = await canConnect(adminUrl);
  if (!first) return;
  if (first.code !== 'ECONNREFUSED' || !LOCAL_HOSTS.has(host) || !existsSync('/etc/postgresql')) {
    throw new Error(`PostgreSQL at ${host} does not answer: ${first.message}`);
  }
  const version = readdirSync('/etc/postgresql')[0];
  log(`PostgreSQL does not answer (${first.code ?? first.message}); starting the local cluster ${version}/main`);
  execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start'], { stdio: 'inherit' });
  for (let attempt = 0; attempt < 60; attempt += 1) {
    if (!(await canConnect(adminUrl))) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('PostgreSQL did not come up within 30 s');
}

async function dropDatabase(adminUrl, database) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(database)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

async function createDatabaseIfMissing(adminUrl, database, log) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (rowCount === 0) {
      await client.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`);
      log(`created database ${database}`);
    }
  } catch (error) {
    // Two processes racing to create it: the other one won.
    if (error.code !== '42P04') throw error;
  } finally {
    await client.end();
  }
}

async function migrate(databaseUrl, dir, log) {
  const applied = await runner({
    databaseUrl,
    dir,
    direction: 'up',
    migrationsTable: 'pgmigrations',
    checkOrder: true,
    singleTransaction: true,
    log: () => undefined,
  });
  if (applied.length > 0) log(`applied migrations: ${applied.map((migration) => migration.name).join(', ')}`);
}
