import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { firstSent } from './dead-letters-sent';
import type { DeadLetter } from './delivered-event';

// A batch delivered again sends its dead letters again only if its first transaction never committed.
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 2 });

const deadLetter = (offset: string): DeadLetter => ({
  reason: 'the value is not JSON',
  original: { topic: 'vigil.cases.v1', partition: 2, offset, key: 'case-LC-2024-000001', value: 'not json' },
});

async function inTransaction<T>(work: (client: import('pg').PoolClient) => Promise<T>, commit: boolean): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query(commit ? 'COMMIT' : 'ROLLBACK');
    return result;
  } finally {
    client.release();
  }
}

afterAll(async () => {
  await pool.end();
});

describe('firstSent', () => {
  const projection = `cases_${randomUUID().slice(0, 8)}`;
  const offsets = (letters: DeadLetter[]) => letters.map((letter) => letter.original.offset);

  it('sends again what a rolled-back batch sent, not what a committed one did', async () => {
    const batch = [deadLetter('7'), deadLetter('9')];
    expect(offsets(await inTransaction((client) => firstSent(client, projection, batch), false))).toEqual(['7', '9']);
    expect(offsets(await inTransaction((client) => firstSent(client, projection, batch), true))).toEqual(['7', '9']);
    expect(await inTransaction((client) => firstSent(client, projection, batch), true)).toEqual([]);
    expect(offsets(await inTransaction((client) => firstSent(client, projection, [...batch, deadLetter('12')]), true))).toEqual([
      '12',
    ]);
  });

  it('keeps each projection to its own', async () => {
    expect(offsets(await inTransaction((client) => firstSent(client, `${projection}_other`, [deadLetter('7')]), true))).toEqual([
      '7',
    ]);
  });
});
