import type { StoredEvent } from '@vigil/contract';
import { Pool } from 'pg';
import { appended, arrestMade, caseOpened, eventually, newCase, pause, write } from '../testing/contract-fixtures';
import { PostgresEventStore } from './postgres-event-store';

// Behind the head the subscription reads the next page while the handler works on the current one.
describe('PostgreSQL subscription: reading ahead', () => {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
  const store = new PostgresEventStore(pool);
  afterAll(() => pool.end());

  async function appendCase(events: number) {
    const { caseId, streamId } = newCase();
    const head = await store.headPosition();
    const all = [caseOpened(caseId), ...Array.from({ length: events - 1 }, (_, i) => arrestMade(caseId, i + 1))];
    const placed = (await store.appendMany([write(streamId, 'no_stream', all)])).map(appended);
    return { head, streamId, eventIds: placed.map((o) => o.eventId) };
  }

  it('after a failed page, delivers that page again and then the rest, once each, in order', async () => {
    const { head, streamId, eventIds } = await appendCase(12);
    const delivered: StoredEvent[] = [];
    let failures = 0;
    const subscription = store.subscribe({
      after: head,
      batchSize: 3,
      handle: async (batch) => {
        const ours = batch.filter((e) => e.streamId === streamId);
        if (ours.some((e) => e.eventId === eventIds[4]) && failures < 2) {
          failures += 1;
          await pause(50); // the next page is read meanwhile, and must be dropped
          throw new Error('handler failed');
        }
        delivered.push(...ours);
      },
      onError: () => undefined,
    });
    try {
      await eventually(() => delivered.length >= eventIds.length, 'every event delivered');
      await pause(100);
    } finally {
      await subscription.stop();
    }
    expect(failures).toBe(2);
    expect(delivered.map((e) => e.eventId)).toEqual(eventIds);
  });

  it('calls the handler no more once stopped in the middle of catching up', async () => {
    const { head } = await appendCase(40);
    let calls = 0;
    let stopped = false;
    let callsAfterStop = 0;
    const subscription = store.subscribe({
      after: head,
      batchSize: 2,
      handle: async () => {
        calls += 1;
        if (stopped) callsAfterStop += 1;
        await pause(10);
      },
    });
    await eventually(() => calls >= 3, 'a few pages handled');
    await subscription.stop();
    stopped = true;
    await pause(100);
    expect(callsAfterStop).toBe(0);
  });
});
