import { randomUUID } from 'node:crypto';
import type { EventEnvelope, StoredEvent } from '@vigil/contract';
import { Pool } from 'pg';
import { WrongExpectedRevisionError } from '../event-store.port';
import { appended } from '../testing/contract-fixtures';
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
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 16 });
  const store = new PostgresEventStore(pool);
  /** Takes the head lock before it reads, as `store` does once other writers got in its way 3 times. */
  const lockedFirst = new PostgresEventStore(pool, undefined, 0);
  /** Falls back to the lock after a single collision. */
  const impatient = new PostgresEventStore(pool, undefined, 1);
  afterAll(() => pool.end());

  async function followWhileWriting(writerStores: PostgresEventStore[], streamsPerBatch: number) {
    const start = await store.headPosition();
    const seen: StoredEvent[] = [];
    const subscription = store.subscribe({ after: start, batchSize: 137, handle: async (events) => void seen.push(...events) });

    const written = new Set<string>();
    await Promise.all(
      writerStores.map(async (writerStore, writer) => {
        const streamIds = Array.from({ length: streamsPerBatch }, (_, i) => `measure-ORDER-${writer}-${i}-${randomUUID()}`);
        for (let batch = 0; batch < BATCHES_PER_WRITER; batch += 1) {
          const writes = streamIds.map((streamId) => ({
            streamId,
            expectedRevision: 'any' as const,
            events: Array.from({ length: EVENTS_PER_BATCH / streamsPerBatch }, () => ({
              envelope: weaponsCollected(`U${writer}`),
              principal,
            })),
          }));
          writes.forEach((w) => w.events.forEach((event) => written.add(event.envelope.eventId)));
          await writerStore.appendMany(writes);
        }
      }),
    );
    const total = written.size;
    const deadline = Date.now() + 15_000;
    while (seen.length < total && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
    await subscription.stop();
    return { start, seen, written };
  }

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

  it('stays gap-free with several streams per append and writers taking the lock first among them', async () => {
    const writers = Array.from({ length: WRITERS }, (_, i) => [store, lockedFirst, impatient][i % 3]!);
    const { start, seen, written } = await followWhileWriting(writers, 4);

    expect(seen).toHaveLength(WRITERS * BATCHES_PER_WRITER * EVENTS_PER_BATCH);
    expect(new Set(seen.map((event) => event.eventId))).toEqual(written);
    expect(seen.map((event) => event.position)).toEqual(seen.map((_, index) => start + BigInt(index + 1)));
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

  it('keeps revisions contiguous when a dozen writers, some quick to give up on the optimistic path, append to one stream', async () => {
    const streamId = `measure-REV-${randomUUID()}`;
    const writers = Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? store : impatient));
    const outcomes = await Promise.all(
      writers.map((writer) =>
        writer.appendMany([
          {
            streamId,
            expectedRevision: 'any',
            events: [0, 1, 2].map(() => ({ envelope: weaponsCollected('U1'), principal })),
          },
        ]),
      ),
    );
    const events = await store.readStream(streamId);
    expect(events.map((event) => event.revision)).toEqual(Array.from({ length: 36 }, (_, i) => BigInt(i)));
    // Each writer's three events stay together, in the order it gave them.
    for (const placed of outcomes) {
      expect(placed.map((o) => appended(o).revision - appended(placed[0]!).revision)).toEqual([0n, 1n, 2n]);
    }
  });

  it("places concurrent 'any' writes to one stream each in one statement, none retried or locked, each answered its revisions", async () => {
    const counted = new Pool({ connectionString: process.env.DATABASE_URL, max: 12 });
    try {
      // Every placing statement of the optimistic path, and how each ended.
      const placings: Promise<unknown>[] = [];
      const query = counted.query.bind(counted) as (...args: unknown[]) => Promise<unknown>;
      counted.query = ((...args: unknown[]) => {
        const result = query(...args);
        if ((args[0] as { name?: string }).name === 'vigil-place-rows') placings.push(result);
        return result;
      }) as typeof counted.query;
      // Falls back to the lock after a single collision: any collision would show.
      const writer = new PostgresEventStore(counted, undefined, 1);
      const streamId = `measure-NOCOLLIDE-${randomUUID()}`;
      const outcomes = await Promise.all(
        Array.from({ length: 12 }, () =>
          writer.appendMany([
            { streamId, expectedRevision: 'any', events: [0, 1, 2].map(() => ({ envelope: weaponsCollected('U1'), principal })) },
          ]),
        ),
      );

      const ended = await Promise.allSettled(placings);
      expect(ended.map((placing) => placing.status)).toEqual(Array.from({ length: 12 }, () => 'fulfilled'));
      const stored = await store.readStream(streamId);
      expect(stored.map((event) => event.revision)).toEqual(Array.from({ length: 36 }, (_, i) => BigInt(i)));
      const answered = outcomes.flat().map(appended);
      expect(new Map(answered.map((o) => [o.eventId, [o.revision, o.position]]))).toEqual(
        new Map(stored.map((event) => [event.eventId, [event.revision, event.position]])),
      );
    } finally {
      await counted.end();
    }
  });

  it('lets exactly one of several writers expecting the same revision through; the others are told the actual one', async () => {
    const streamId = `measure-EXPECT-${randomUUID()}`;
    const results = await Promise.allSettled(
      [store, store, store, impatient, lockedFirst].map((writer) =>
        writer.appendMany([
          { streamId, expectedRevision: 'no_stream', events: [{ envelope: weaponsCollected('U1'), principal }] },
        ]),
      ),
    );
    const won = results.filter((result) => result.status === 'fulfilled');
    const lost = results.flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []));
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(4);
    for (const error of lost) {
      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      expect(error).toMatchObject({ streamId, expected: 'no_stream', actual: 0n });
    }
    expect(await store.readStream(streamId)).toHaveLength(1);
  });

  it('stores an event posted by concurrent writers once; the others answer it duplicate, at its position', async () => {
    const event = { envelope: weaponsCollected('U1'), principal };
    const outcomes = await Promise.all(
      [store, store, impatient, lockedFirst].map((writer, i) =>
        writer.appendMany([{ streamId: `measure-DUP-${i}-${randomUUID()}`, expectedRevision: 'any', events: [event] }]),
      ),
    );
    const answers = outcomes.map(([outcome]) => outcome!);
    const stored = answers.filter((outcome) => outcome.status === 'appended').map(appended);
    expect(stored).toHaveLength(1);
    expect(answers.filter((outcome) => outcome.status === 'duplicate')).toEqual(
      Array.from({ length: 3 }, () => ({ ...stored[0], status: 'duplicate' })),
    );
    expect((await store.findByEventIds([event.envelope.eventId])).get(event.envelope.eventId)!.position).toBe(
      stored[0]!.position,
    );
  });
});
