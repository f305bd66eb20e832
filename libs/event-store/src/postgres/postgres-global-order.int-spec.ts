import { randomUUID } from 'node:crypto';
import type { EventEnvelope, StoredEvent } from '@vigil/contract';
import { Pool } from 'pg';
import { PostgresEventStore } from './postgres-event-store';

// Guarantee 4 (no lost tail): concurrent writers commit in any order; a reader following the
// log while they write must see every event exactly once, in position order, without gaps.
const WRITERS = 6;
const BATCHES_PER_WRITER = 25;
const EVENTS_PER_BATCH = 20;

const principal = { role: 'operator', unit: 'VN' };

function weaponsCollected(unitId: string): EventEnvelope {
  return {
    eventId: randomUUID(),
    type: 'WeaponsCollected',
    occurredAt: '2024-05-01T08:00:00+07:00',
    data: { unitId, items: 2, kind: 'homemade' },
  } as EventEnvelope;
}

describe('PostgreSQL event store: global order under concurrent writers', () => {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: WRITERS + 4 });
  const store = new PostgresEventStore(pool);
  afterAll(() => pool.end());

  it('a concurrent reader sees every committed event exactly once, gap-free and in order', async () => {
    const start = await store.headPosition();
    const seen: StoredEvent[] = [];
    const subscription = store.subscribe({ after: start, batchSize: 137, handle: async (events) => void seen.push(...events) });

    const written = new Set<string>();
    await Promise.all(
      Array.from({ length: WRITERS }, async (_, writer) => {
        const streamId = `measure-ORDER-${writer}-${randomUUID()}`;
        for (let batch = 0; batch < BATCHES_PER_WRITER; batch += 1) {
          const events = Array.from({ length: EVENTS_PER_BATCH }, () => ({
            envelope: weaponsCollected(`U${writer}`),
            principal,
          }));
          events.forEach((event) => written.add(event.envelope.eventId));
          await store.appendMany([{ streamId, expectedRevision: 'any', events }]);
        }
      }),
    );

    const total = WRITERS * BATCHES_PER_WRITER * EVENTS_PER_BATCH;
    const deadline = Date.now() + 15_000;
    while (seen.length < total && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
    await subscription.stop();

    expect(seen).toHaveLength(total);
    expect(new Set(seen.map((event) => event.eventId))).toEqual(written);
    const positions = seen.map((event) => event.position);
    expect(positions).toEqual(positions.map((_, index) => start + BigInt(index + 1)));
  });

  it('revisions of each stream are contiguous from 0 however writers interleave', async () => {
    const streamId = `measure-REV-${randomUUID()}`;
    await Promise.all(
      Array.from({ length: 5 }, () =>
        store.appendMany([{ streamId, expectedRevision: 'any', events: [{ envelope: weaponsCollected('U1'), principal }] }]),
      ),
    );
    const events = await store.readStream(streamId);
    expect(events.map((event) => event.revision)).toEqual([0n, 1n, 2n, 3n, 4n]);
  });
});
