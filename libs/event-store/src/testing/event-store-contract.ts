import { randomUUID } from 'node:crypto';
import type { StoredEvent } from '@vigil/contract';
import { type AppendedEvent, type EventStore, WrongExpectedRevisionError } from '../event-store.port';
import {
  appended,
  arrestMade,
  caseCleared,
  caseOpened,
  collectSubscription,
  eventually,
  expectIncreasing,
  expectWrongRevision,
  newCase,
  pause,
  PRINCIPAL,
  readAllAfter,
  withData,
  write,
} from './contract-fixtures';

export interface EventStoreFixture {
  store: EventStore;
  /** Brings the store to a state the suite can run in; the suite never relies on an empty log. */
  reset(): Promise<void>;
}

// A remote store (KurrentDB over gRPC) answers slower than jest's 5 s default allows for a whole test.
const TEST_TIMEOUT_MS = 30_000;

/**
 * The behaviour every EventStore adapter owes the port, with concrete values. Each test writes to
 * streams of its own (random ids), so runs against a shared store do not interfere; figures about
 * the global log are taken relative to the head read at the start of the test.
 */
export function describeEventStoreContract(name: string, factory: () => Promise<EventStoreFixture>): void {
  describe(name, () => {
    jest.setTimeout(TEST_TIMEOUT_MS);
    let store: EventStore;

    beforeAll(async () => {
      const fixture = await factory();
      store = fixture.store;
      await fixture.reset();
    }, TEST_TIMEOUT_MS);

    afterAll(async () => {
      await store?.close();
    }, TEST_TIMEOUT_MS);

    describe('appending to a new stream', () => {
      it('numbers the events 0, 1, 2 and places them past the head in increasing positions', async () => {
        const head = await store.headPosition();
        const { caseId, streamId } = newCase();
        const events = [caseOpened(caseId), arrestMade(caseId, 2), caseCleared(caseId)];

        const outcomes = await store.appendMany([write(streamId, 'no_stream', events)]);

        expect(outcomes.map((o) => [o.eventId, o.status, o.streamId])).toEqual(
          events.map((e) => [e.envelope.eventId, 'appended', streamId]),
        );
        const placed = outcomes.map(appended);
        expect(placed.map((o) => o.revision)).toEqual([0n, 1n, 2n]);
        expect(placed[0]!.position).toBeGreaterThan(head);
        expectIncreasing(placed.map((o) => o.position));
      });

      it('reads the stream back in revision order, as posted, with the principal and one recordedAt', async () => {
        const { caseId, streamId } = newCase();
        const events = [caseOpened(caseId), arrestMade(caseId, 3), caseCleared(caseId)];
        const before = Date.now();
        const placed = (await store.appendMany([write(streamId, 'no_stream', events)])).map(appended);
        const after = Date.now();

        const stored = await store.readStream(streamId);

        expect(stored).toEqual(
          events.map((e, i) => ({
            eventId: e.envelope.eventId,
            type: e.envelope.type,
            occurredAt: e.envelope.occurredAt,
            data: e.envelope.data,
            metadata: { ...(e.envelope.metadata ?? {}), principal: PRINCIPAL },
            streamId,
            revision: BigInt(i),
            position: placed[i]!.position,
            recordedAt: stored[0]!.recordedAt,
          })),
        );
        expect(stored[0]!.recordedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
        const recordedAt = Date.parse(stored[0]!.recordedAt);
        expect(recordedAt).toBeGreaterThanOrEqual(before - 1_000);
        expect(recordedAt).toBeLessThanOrEqual(after + 1_000);
      });

      it('reads no events from a stream that does not exist', async () => {
        expect(await store.readStream(newCase().streamId)).toEqual([]);
        expect(await store.readStreams([newCase().streamId])).toEqual(new Map());
      });

      it('reads several streams at once, leaving out missing ones', async () => {
        const a = newCase();
        const b = newCase();
        await store.appendMany([
          write(a.streamId, 'no_stream', [caseOpened(a.caseId), caseCleared(a.caseId)]),
          write(b.streamId, 'no_stream', [caseOpened(b.caseId)]),
        ]);
        const missing = newCase().streamId;

        const streams = await store.readStreams([a.streamId, b.streamId, missing]);

        expect([...streams.keys()].sort()).toEqual([a.streamId, b.streamId].sort());
        expect(streams.get(a.streamId)!.map((e) => [e.type, e.revision])).toEqual([
          ['CaseOpened', 0n],
          ['CaseCleared', 1n],
        ]);
        expect(streams.get(b.streamId)!.map((e) => [e.type, e.revision])).toEqual([['CaseOpened', 0n]]);
      });
    });

    describe('expected revision', () => {
      it("rejects 'no_stream' for a stream that exists, writing nothing", async () => {
        const { caseId, streamId } = newCase();
        await store.appendMany([write(streamId, 'no_stream', [caseOpened(caseId)])]);
        const rejected = arrestMade(caseId, 1);

        await expectWrongRevision(store.appendMany([write(streamId, 'no_stream', [rejected])]), {
          streamId,
          expected: 'no_stream',
          actual: 0n,
        });

        expect((await store.readStream(streamId)).map((e) => e.type)).toEqual(['CaseOpened']);
        expect((await store.findByEventIds([rejected.envelope.eventId])).size).toBe(0);
      });

      it('appends at the exact current revision and rejects a stale one', async () => {
        const { caseId, streamId } = newCase();
        await store.appendMany([write(streamId, 'no_stream', [caseOpened(caseId), arrestMade(caseId, 1)])]);

        const [next] = await store.appendMany([write(streamId, 1n, [arrestMade(caseId, 2)])]);
        expect(appended(next!).revision).toBe(2n);

        await expectWrongRevision(store.appendMany([write(streamId, 1n, [caseCleared(caseId)])]), {
          streamId,
          expected: 1n,
          actual: 2n,
        });
        expect(await store.readStream(streamId)).toHaveLength(3);
      });

      it("rejects 'exists' for a missing stream and accepts it for an existing one", async () => {
        const { caseId, streamId } = newCase();

        await expectWrongRevision(store.appendMany([write(streamId, 'exists', [caseOpened(caseId)])]), {
          streamId,
          expected: 'exists',
          actual: 'no_stream',
        });
        expect(await store.readStream(streamId)).toEqual([]);

        await store.appendMany([write(streamId, 'no_stream', [caseOpened(caseId)])]);
        const [next] = await store.appendMany([write(streamId, 'exists', [caseCleared(caseId)])]);
        expect(appended(next!).revision).toBe(1n);
      });

      it("accepts 'any' for a missing stream and for an existing one", async () => {
        const { caseId, streamId } = newCase();
        const [first] = await store.appendMany([write(streamId, 'any', [caseOpened(caseId)])]);
        const [second] = await store.appendMany([write(streamId, 'any', [caseCleared(caseId)])]);
        expect([appended(first!).revision, appended(second!).revision]).toEqual([0n, 1n]);
      });

      it('lets exactly one of several concurrent writers expecting the same revision through', async () => {
        const { caseId, streamId } = newCase();
        await store.appendMany([write(streamId, 'no_stream', [caseOpened(caseId)])]);
        const attempts = [1, 2, 3, 4].map((persons) => arrestMade(caseId, persons));

        const results = await Promise.allSettled(attempts.map((event) => store.appendMany([write(streamId, 0n, [event])])));

        const won = results.flatMap((result, i) => (result.status === 'fulfilled' ? [attempts[i]!] : []));
        expect(won).toHaveLength(1);
        for (const result of results.filter((r) => r.status === 'rejected')) {
          expect(result.reason).toBeInstanceOf(WrongExpectedRevisionError);
          expect(result.reason).toMatchObject({ streamId, expected: 0n });
        }
        const stored = await store.readStream(streamId);
        expect(stored.map((e) => [e.eventId, e.revision])).toEqual([
          [stored[0]!.eventId, 0n],
          [won[0]!.envelope.eventId, 1n],
        ]);
      });

      it("numbers concurrent 'any' writes to one stream contiguously, each write's events together", async () => {
        const { caseId, streamId } = newCase();
        const writes = [0, 1, 2, 3, 4].map(() => [arrestMade(caseId, 1), arrestMade(caseId, 2)]);

        const outcomes = await Promise.all(writes.map((events) => store.appendMany([write(streamId, 'any', events)])));

        const revisions = outcomes.map((placed) => placed.map((o) => appended(o).revision));
        expect(revisions.flat().sort((a, b) => Number(a - b))).toEqual([0n, 1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n, 9n]);
        for (const [first, second] of revisions) expect(second).toBe(first! + 1n);
        expect((await store.readStream(streamId)).map((e) => e.revision)).toEqual([0n, 1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n, 9n]);
      });
    });

    describe('appendMany', () => {
      it('appends writes to several streams in one call, answering in input order', async () => {
        const a = newCase();
        const b = newCase();
        const c = newCase();
        const writes = [
          write(a.streamId, 'no_stream', [caseOpened(a.caseId), arrestMade(a.caseId, 4)]),
          write(b.streamId, 'no_stream', [caseOpened(b.caseId)]),
          write(c.streamId, 'any', [caseOpened(c.caseId)]),
        ];

        const placed = (await store.appendMany(writes)).map(appended);

        expect(placed.map((o) => [o.eventId, o.status, o.streamId, o.revision])).toEqual([
          [writes[0]!.events[0]!.envelope.eventId, 'appended', a.streamId, 0n],
          [writes[0]!.events[1]!.envelope.eventId, 'appended', a.streamId, 1n],
          [writes[1]!.events[0]!.envelope.eventId, 'appended', b.streamId, 0n],
          [writes[2]!.events[0]!.envelope.eventId, 'appended', c.streamId, 0n],
        ]);
        expectIncreasing(placed.map((o) => o.position));
        expect((await store.readStream(a.streamId)).map((e) => e.position)).toEqual([placed[0]!.position, placed[1]!.position]);
      });

      it('takes several writes to one stream in order, each checked against the revision before it', async () => {
        const { caseId, streamId } = newCase();

        const placed = (
          await store.appendMany([
            write(streamId, 'no_stream', [caseOpened(caseId)]),
            write(streamId, 0n, [arrestMade(caseId, 1), caseCleared(caseId)]),
          ])
        ).map(appended);

        expect(placed.map((o) => o.revision)).toEqual([0n, 1n, 2n]);
        expectIncreasing(placed.map((o) => o.position));
      });

      it('writes nothing when one of its writes fails the revision check', async () => {
        const fresh = newCase();
        const existing = newCase();
        await store.appendMany([write(existing.streamId, 'no_stream', [caseOpened(existing.caseId)])]);
        const freshEvent = caseOpened(fresh.caseId);

        await expectWrongRevision(
          store.appendMany([
            write(fresh.streamId, 'no_stream', [freshEvent]),
            write(existing.streamId, 'no_stream', [caseCleared(existing.caseId)]),
          ]),
          { streamId: existing.streamId, expected: 'no_stream', actual: 0n },
        );

        expect(await store.readStream(fresh.streamId)).toEqual([]);
        expect(await store.readStream(existing.streamId)).toHaveLength(1);
        expect((await store.findByEventIds([freshEvent.envelope.eventId])).size).toBe(0);
      });
    });

    describe('idempotency on eventId', () => {
      it('answers a retry duplicate with the original revisions and positions, writing nothing', async () => {
        const head = await store.headPosition();
        const { caseId, streamId } = newCase();
        const events = [caseOpened(caseId), arrestMade(caseId, 2)];
        const original = (await store.appendMany([write(streamId, 'no_stream', events)])).map(appended);

        // The same request again: its expected revision is stale now, and must not matter.
        const retry = await store.appendMany([write(streamId, 'no_stream', events)]);

        expect(retry).toEqual(original.map((o) => ({ ...o, status: 'duplicate' })));
        expect(await store.readStream(streamId)).toHaveLength(2);
        const logged = (await readAllAfter(store, head)).filter((e) => e.streamId === streamId);
        expect(logged.map((e) => e.eventId)).toEqual(events.map((e) => e.envelope.eventId));
      });

      it('answers the same eventId with other content conflict, in any stream, writing nothing', async () => {
        const { caseId, streamId } = newCase();
        const other = newCase();
        const first = arrestMade(caseId, 2);
        await store.appendMany([write(streamId, 'no_stream', [first])]);
        const changed = withData(first, { ...first.envelope.data, persons: 3 });

        const sameStream = await store.appendMany([write(streamId, 'any', [changed])]);
        const otherStream = await store.appendMany([write(other.streamId, 'no_stream', [changed])]);

        const conflict = { eventId: first.envelope.eventId, status: 'conflict', streamId };
        expect(sameStream).toEqual([conflict]);
        expect(otherStream).toEqual([conflict]);
        expect((await store.readStream(streamId)).map((e) => e.data)).toEqual([first.envelope.data]);
        expect(await store.readStream(other.streamId)).toEqual([]);
      });

      it('treats the same content with its keys in another order as a duplicate', async () => {
        const { caseId, streamId } = newCase();
        const first = caseOpened(caseId);
        const [original] = await store.appendMany([write(streamId, 'no_stream', [first])]);
        const { caseId: id, unitId, category, severity } = first.envelope.data as Record<string, string>;
        const reordered = withData(first, { severity, category, unitId, caseId: id });

        const [retry] = await store.appendMany([write(streamId, 'no_stream', [reordered])]);

        expect(retry).toEqual({ ...original, status: 'duplicate' });
      });

      it('appends the new events of a write and answers its stored ones duplicate', async () => {
        const { caseId, streamId } = newCase();
        const stored = caseOpened(caseId);
        const [original] = await store.appendMany([write(streamId, 'no_stream', [stored])]);
        const fresh = caseCleared(caseId);

        const outcomes = await store.appendMany([write(streamId, 0n, [stored, fresh])]);

        expect(outcomes[0]).toEqual({ ...original, status: 'duplicate' });
        expect(outcomes[1]).toMatchObject({ eventId: fresh.envelope.eventId, status: 'appended', streamId, revision: 1n });
      });

      it('lets racing copies of one write through once: the others answer duplicate, never a revision error', async () => {
        const cases = [newCase(), newCase(), newCase()];
        const writes = cases.map(({ caseId, streamId }) =>
          write(streamId, 'no_stream', [caseOpened(caseId), arrestMade(caseId, 1), caseCleared(caseId)]),
        );
        const eventIds = writes.flatMap((w) => w.events.map((e) => e.envelope.eventId));

        const answers = await Promise.all(Array.from({ length: 8 }, () => store.appendMany(writes)));

        const placed = answers.map((outcomes) => outcomes.map(appended));
        const appendedIds = placed.flat().flatMap((o) => (o.status === 'appended' ? [o.eventId] : []));
        expect(appendedIds.sort()).toEqual([...eventIds].sort());
        for (const outcomes of placed) {
          expect(outcomes.map((o) => [o.eventId, o.streamId, o.revision, o.position])).toEqual(
            placed[0]!.map((o) => [o.eventId, o.streamId, o.revision, o.position]),
          );
        }
        for (const { streamId } of cases) expect((await store.readStream(streamId)).map((e) => e.revision)).toEqual([0n, 1n, 2n]);
      });

      it('answers an eventId repeated within one call as a duplicate of its first occurrence', async () => {
        const { caseId, streamId } = newCase();
        const event = caseOpened(caseId);

        const [first, again] = await store.appendMany([write(streamId, 'no_stream', [event, event])]);

        expect(first).toMatchObject({ status: 'appended', revision: 0n });
        expect(again).toEqual({ ...first, status: 'duplicate' });
        expect(await store.readStream(streamId)).toHaveLength(1);
      });
    });

    describe('findByEventIds', () => {
      it('returns the stored copies of known ids and leaves unknown ids out', async () => {
        const { caseId, streamId } = newCase();
        const events = [caseOpened(caseId), caseCleared(caseId)];
        await store.appendMany([write(streamId, 'no_stream', events)]);
        const stored = await store.readStream(streamId);
        const unknown = randomUUID();

        const found = await store.findByEventIds([events[1]!.envelope.eventId, unknown, events[0]!.envelope.eventId]);

        expect(found.size).toBe(2);
        expect(found.get(events[0]!.envelope.eventId)).toEqual(stored[0]);
        expect(found.get(events[1]!.envelope.eventId)).toEqual(stored[1]);
        expect(found.has(unknown)).toBe(false);
        expect((await store.findByEventIds([])).size).toBe(0);
      });
    });

    describe('readAll', () => {
      it('pages through the log in position order, every event exactly once', async () => {
        const head = await store.headPosition();
        const a = newCase();
        const b = newCase();
        const placed = (
          await store.appendMany([
            write(a.streamId, 'no_stream', [caseOpened(a.caseId), arrestMade(a.caseId, 1), caseCleared(a.caseId)]),
            write(b.streamId, 'no_stream', [caseOpened(b.caseId), caseCleared(b.caseId)]),
          ])
        ).map(appended);
        const ours = new Set([a.streamId, b.streamId]);

        const seen: StoredEvent[] = [];
        let after = head;
        for (let pages = 0; ; pages++) {
          expect(pages).toBeLessThan(10_000);
          const page = await store.readAll(after, 2);
          expect(page.events.length).toBeLessThanOrEqual(2);
          if (!page.isEnd) expect(page.events).toHaveLength(2);
          expectIncreasing([after, ...page.events.map((e) => e.position)]);
          expect(page.nextPosition).toBe(page.events.length > 0 ? page.events[page.events.length - 1]!.position : after);
          seen.push(...page.events.filter((e) => ours.has(e.streamId)));
          after = page.nextPosition;
          if (page.isEnd) break;
        }

        const byPosition = [...placed].sort((x, y) => (x.position < y.position ? -1 : 1));
        expect(seen.map((e) => [e.eventId, e.streamId, e.revision, e.position])).toEqual(
          byPosition.map((o) => [o.eventId, o.streamId, o.revision, o.position]),
        );
        const last = byPosition[byPosition.length - 1]!.position;
        expect((await store.readAll(last, 10)).events.filter((e) => ours.has(e.streamId))).toEqual([]);
      });

      it('gives the same events as readStream, and starts strictly after `after`', async () => {
        const head = await store.headPosition();
        const { caseId, streamId } = newCase();
        const placed = (await store.appendMany([write(streamId, 'no_stream', [caseOpened(caseId), caseCleared(caseId)])])).map(
          appended,
        );

        const logged = await readAllAfter(store, head, new Set([streamId]));
        const fromFirst = await store.readAll(placed[0]!.position, 10);

        expect(logged).toEqual(await store.readStream(streamId));
        expect(fromFirst.events.filter((e) => e.streamId === streamId).map((e) => e.eventId)).toEqual([placed[1]!.eventId]);
      });
    });

    describe('headPosition', () => {
      it('is at or past the last appended event, with nothing of ours after it', async () => {
        const { caseId, streamId } = newCase();
        const [placed] = (await store.appendMany([write(streamId, 'no_stream', [caseOpened(caseId)])])).map(appended);

        const head = await store.headPosition();

        expect(head).toBeGreaterThanOrEqual(placed!.position);
        expect(head).toBeGreaterThan(0n);
        expect((await store.readAll(head, 10)).events.filter((e) => e.streamId === streamId)).toEqual([]);
      });
    });

    describe('subscribe', () => {
      it('delivers events appended after it started, in order, and nothing once stopped', async () => {
        const { caseId, streamId } = newCase();
        const received: StoredEvent[] = [];
        const batchSizes: number[] = [];
        let stopped = false;
        let callsAfterStop = 0;
        const subscription = store.subscribe({
          after: await store.headPosition(),
          batchSize: 10,
          handle: async (events) => {
            if (stopped) callsAfterStop++;
            batchSizes.push(events.length);
            received.push(...events.filter((e) => e.streamId === streamId));
          },
        });
        let placed: AppendedEvent[];
        try {
          const events = [caseOpened(caseId), arrestMade(caseId, 5), caseCleared(caseId)];
          placed = (await store.appendMany([write(streamId, 'no_stream', events)])).map(appended);
          await eventually(() => received.length >= 3, 'three events delivered');
        } finally {
          await subscription.stop();
          stopped = true;
        }

        expect(received.map((e) => [e.eventId, e.revision, e.position])).toEqual(
          placed.map((o) => [o.eventId, o.revision, o.position]),
        );
        expect(Math.max(...batchSizes)).toBeLessThanOrEqual(10);

        await store.appendMany([write(streamId, 2n, [arrestMade(caseId, 1)])]);
        await pause(300);
        expect(received).toHaveLength(3);
        expect(callsAfterStop).toBe(0);
      });

      it('catches up from a position, strictly after it, in batches of at most batchSize', async () => {
        const { caseId, streamId } = newCase();
        const head = await store.headPosition();
        const events = [
          caseOpened(caseId),
          arrestMade(caseId, 1),
          arrestMade(caseId, 2),
          arrestMade(caseId, 3),
          caseCleared(caseId),
        ];
        const placed = (await store.appendMany([write(streamId, 'no_stream', events)])).map(appended);

        const fromHead = await collectSubscription(store, head, 2, streamId, 5);
        const fromThird = await collectSubscription(store, placed[2]!.position, 2, streamId, 2);

        expect(fromHead.events.map((e) => e.eventId)).toEqual(placed.map((o) => o.eventId));
        expect(fromHead.events.map((e) => e.position)).toEqual(placed.map((o) => o.position));
        expect(fromThird.events.map((e) => e.eventId)).toEqual(placed.slice(3).map((o) => o.eventId));
        for (const size of [...fromHead.batchSizes, ...fromThird.batchSizes]) {
          expect(size).toBeGreaterThanOrEqual(1);
          expect(size).toBeLessThanOrEqual(2);
        }
      });

      it('reports a handler failure and delivers the failed batch again', async () => {
        const { caseId, streamId } = newCase();
        const errors: unknown[] = [];
        const delivered: StoredEvent[] = [];
        let failed = false;
        const subscription = store.subscribe({
          after: await store.headPosition(),
          handle: async (events) => {
            const ours = events.filter((e) => e.streamId === streamId);
            if (ours.length > 0 && !failed) {
              failed = true;
              throw new Error('handler failed once');
            }
            delivered.push(...ours);
          },
          onError: (error) => errors.push(error),
        });
        let placed: AppendedEvent[];
        try {
          placed = (await store.appendMany([write(streamId, 'no_stream', [caseOpened(caseId), caseCleared(caseId)])])).map(
            appended,
          );
          await eventually(() => delivered.length >= 2, 'both events delivered after the failure');
        } finally {
          await subscription.stop();
        }

        expect(errors[0]).toBeInstanceOf(Error);
        expect((errors[0] as Error).message).toBe('handler failed once');
        expect(delivered.map((e) => e.eventId)).toEqual(placed.map((o) => o.eventId));
      });
    });
  });
}
