import { Pool } from 'pg';
import { describeEventStoreContract } from '../testing/event-store-contract';
import { PostgresEventStore } from './postgres-event-store';

// The same contract suite the KurrentDB adapter runs; PostgreSQL always runs it, once as it runs
// in production (planned without the lock, written under it) and once with every append taking
// the lock first, the path it falls back to when other writers keep getting in between.
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 8 });
afterAll(() => pool.end());

describeEventStoreContract('PostgreSQL', async () => ({
  store: new PostgresEventStore(pool),
  reset: async () => undefined,
}));

describeEventStoreContract('PostgreSQL, every append locked first', async () => ({
  store: new PostgresEventStore(pool, undefined, 0),
  reset: async () => undefined,
}));
