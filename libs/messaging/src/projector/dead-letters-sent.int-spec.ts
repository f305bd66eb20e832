import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { inTransaction } from '@vigil/platform';
import { firstSent } from './dead-letters-sent';
import type { DeadLetter } from '../codec/dead-letters';

// A batch delivered again sends its dead letters again only if its first transaction never committed.
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 2 });

const deadLetter = (offset: string): DeadLetter => ({
  reason: 'the value is not JSON',
  original: { topic: 'vigil.cases.v1', partition: 2, offset, key: 'case-LC-2024-000001', value: 'not json' },
});
const offsets = (letters: readonly DeadLetter[]) => letters.map((letter) => letter.original.offset);

/** The offsets `firstSent` returns in a transaction that commits. */
const committed = async (projection: string, letters: DeadLetter[]) =>
  offsets(await inTransaction(pool, (client) => firstSent(client, projection, letters)));

/** The offsets `firstSent` returns in a transaction that then fails (a crash before the commit). */
async function rolledBack(projection: string, letters: DeadLetter[]): Promise<string[]> {
  let sent: DeadLetter[] = [];
  const crash = new Error('crashed before the commit');
  await expect(
    inTransaction(pool, async (client) => {
      sent = await firstSent(client, projection, letters);
      throw crash;
    }),
  ).rejects.toBe(crash);
  return offsets(sent);
}

afterAll(async () => {
  await pool.end();
});

describe('firstSent', () => {
  const projection = `cases_${randomUUID().slice(0, 8)}`;

  it('sends again what a rolled-back batch sent, not what a committed one did', async () => {
    const batch = [deadLetter('7'), deadLetter('9')];
    expect(await rolledBack(projection, batch)).toEqual(['7', '9']);
    expect(await committed(projection, batch)).toEqual(['7', '9']);
    expect(await committed(projection, batch)).toEqual([]);
    expect(await committed(projection, [...batch, deadLetter('12')])).toEqual(['12']);
  });

  it('keeps each projection to its own', async () => {
    expect(await committed(`${projection}_other`, [deadLetter('7')])).toEqual(['7']);
  });
});
