import type { PoolConfig } from 'pg';

/** A request waits this long for a connection (pool exhausted, database unreachable) before it is answered 503. */
const CONNECTION_TIMEOUT_MS = 10_000;

/**
 * Every Vigil session turns PostgreSQL's JIT off: its statements are many and short, their cost
 * estimates high (recursive tree walks, unnest of a batch), and compiling them took longer than running
 * them (a figures batch of 50 events: 97 ms with JIT, 21 ms without). It also prices a random page
 * read as the SSD and cache it runs on do (1.1, not the spinning disk's 4): a province's year of daily
 * figures then reads its units' facts by index (118 ms) instead of scanning a year of facts (300 ms).
 * Sockets keep alive, and getting a connection gives up after a while, so a database that vanished is
 * noticed instead of waited on.
 */
export function vigilPoolConfig(connectionString: string, max: number, applicationName: string): PoolConfig {
  return {
    connectionString,
    max,
    application_name: applicationName,
    options: '-c jit=off -c random_page_cost=1.1',
    keepAlive: true,
    connectionTimeoutMillis: CONNECTION_TIMEOUT_MS,
  };
}
