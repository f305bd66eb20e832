import { Pool } from 'pg';
import { describeEventStoreContract } from '../testing/event-store-contract';
import { PostgresEventStore } from './postgres-event-store';

// The same contract suite the KurrentDB adapter runs; PostgreSQL always runs it.
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 8 });
afterAll(() => pool.end());

describeEventStoreContract('PostgreSQL', async () => ({
  store: new PostgresEventStore(pool),
  reset: async () => undefined,
}));
