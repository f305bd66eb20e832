import { randomUUID } from 'node:crypto';
import type { StoredEvent } from '@vigil/contract';
import { contentHash } from '../content-hash';
import type { EventToAppend, StreamWrite } from '../event-store.port';
import { describeEventStoreContract } from '../testing/event-store-contract';
import { MARKER_EVENT_TYPE } from './event-id-marker';
import { KurrentDbEventStore } from './kurrentdb-event-store';
import { InMemoryKurrentClient } from './testing/in-memory-kurrent-client';

// The adapter's own logic (claims, planning, read-back, batching) against a model of the server;
// kurrentdb-event-store.int-spec.ts runs the same contract against a real KurrentDB.
describeEventStoreContract('KurrentDB adapter against an in-memory model of the client', async () => ({
  store: new KurrentDbEventStore(new InMemoryKurrentClient()),
  reset: async () => undefined,
}));

const PRINCIPAL = { role: 'upstream', unit: 'VN-LCI' };

function caseOpened(caseId: string, eventId: string = randomUUID()): EventToAppend {
  return {
    envelope: {
      eventId,
      type: 'CaseOpened',
      occurredAt: '2024-03-01T08:00:00Z',
      data: { caseId, unitId: 'VN-LCI', category: 'drugs', severity: 'serious' },
    },
    principal: PRINCIPAL,
  };
}

function newStream(): { caseId: string; streamId: string } {
  const caseId = `C-${randomUUID()}`;
  return { caseId, streamId: `case-${caseId}` };
}

describe('KurrentDbEventStore, KurrentDB specifics', () => {
  let client: InMemoryKurrentClient;
  let store: KurrentDbEventStore;

  beforeEach(() => {
    client = new InMemoryKurrentClient();
    store = new KurrentDbEventStore(client, { clock: () => new Date('2024-03-01T09:00:00.123Z') });
  });
  afterEach(() => store.close());

  it('claims each event id in the same atomic append, with the stream id and content hash', async () => {
    const { caseId, streamId } = newStream();
    const event = caseOpened(caseId);

    await store.appendMany([{ streamId, expectedRevision: 'no_stream', events: [event] }]);

    expect(client.appends).toHaveLength(1);
    expect(client.appends[0]!.map((request) => [request.streamName, request.expectedState])).toEqual([
      [streamId, 'no_stream'],
      [`$vigil-eventid-${event.envelope.eventId}`, 'no_stream'],
    ]);
    const claim = client.appends[0]![1]!.events[0]!;
    expect(claim.type).toBe(MARKER_EVENT_TYPE);
    expect(claim.data).toEqual({ streamId, contentHash: contentHash(event.envelope) });
    const stored = client.appends[0]![0]!.events[0]!;
    expect(stored.id).toBe(event.envelope.eventId);
    expect(stored.metadata).toEqual({
      occurredAt: '2024-03-01T08:00:00Z',
      recordedAt: '2024-03-01T09:00:00.123Z',
      principal: JSON.stringify(PRINCIPAL),
    });
  });

  it('writes nothing at all for a retry whose events are all stored', async () => {
    const { caseId, streamId } = newStream();
    const write: StreamWrite = { streamId, expectedRevision: 'no_stream', events: [caseOpened(caseId)] };
    await store.appendMany([write]);

    const [retry] = await store.appendMany([write]);

    expect(retry!.status).toBe('duplicate');
    expect(client.appends).toHaveLength(1);
  });

  it('answers duplicate when another append claims the same id between look-up and append', async () => {
    const { caseId, streamId } = newStream();
    const event = caseOpened(caseId);
    const rival = new KurrentDbEventStore(client);
    client.beforeAppend = async () => {
      client.beforeAppend = null;
      await rival.appendMany([{ streamId, expectedRevision: 'no_stream', events: [event] }]);
    };

    const [outcome] = await store.appendMany([{ streamId, expectedRevision: 'no_stream', events: [event] }]);

    expect(outcome).toMatchObject({ status: 'duplicate', streamId, revision: 0n });
    expect(await store.readStream(streamId)).toHaveLength(1);
  });

  it('finds an event posted with an upper-case id under its lower-case id', async () => {
    const { caseId, streamId } = newStream();
    const eventId = randomUUID();
    await store.appendMany([{ streamId, expectedRevision: 'no_stream', events: [caseOpened(caseId, eventId.toUpperCase())] }]);

    const [retry] = await store.appendMany([{ streamId, expectedRevision: 'any', events: [caseOpened(caseId, eventId)] }]);
    const found = await store.findByEventIds([eventId.toUpperCase()]);

    expect(retry).toMatchObject({ eventId, status: 'duplicate', revision: 0n });
    expect([...found.keys()]).toEqual([eventId]);
  });

  it('says which server version it needs when multi-stream append is not implemented', async () => {
    client.appendFailure = Object.assign(new Error('12 UNIMPLEMENTED'), { code: 12 });
    const { caseId, streamId } = newStream();

    await expect(store.appendMany([{ streamId, expectedRevision: 'no_stream', events: [caseOpened(caseId)] }])).rejects.toThrow(
      'KurrentDB 25.1 or later is required',
    );
  });

  it('resubscribes after the last handled event when the server subscription drops', async () => {
    const { caseId, streamId } = newStream();
    const received: StoredEvent[] = [];
    const errors: unknown[] = [];
    const subscription = store.subscribe({
      after: 0n,
      handle: async (events) => void received.push(...events),
      onError: (error) => errors.push(error),
    });
    await store.appendMany([{ streamId, expectedRevision: 'no_stream', events: [caseOpened(caseId)] }]);
    await until(() => received.length === 1);

    client.dropSubscriptions(new Error('connection dropped'));
    await store.appendMany([{ streamId, expectedRevision: 0n, events: [caseOpened(caseId)] }]);
    await until(() => received.length === 2);
    await subscription.stop();

    expect(errors.map((error) => (error as Error).message)).toEqual(['connection dropped']);
    expect(received.map((event) => event.revision)).toEqual([0n, 1n]);
  });

  it('hands the handler what arrived while it was busy as one batch', async () => {
    const { caseId, streamId } = newStream();
    const batches: number[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const subscription = store.subscribe({
      after: 0n,
      batchSize: 100,
      handle: async (events) => {
        batches.push(events.length);
        if (batches.length === 1) await gate;
      },
    });
    await store.appendMany([{ streamId, expectedRevision: 'no_stream', events: [caseOpened(caseId)] }]);
    await until(() => batches.length === 1);
    for (let revision = 0n; revision < 5n; revision++) {
      await store.appendMany([{ streamId, expectedRevision: revision, events: [caseOpened(caseId)] }]);
    }
    await new Promise((resolve) => setImmediate(resolve));
    release();
    await until(() => batches.reduce((sum, size) => sum + size, 0) === 6);
    await subscription.stop();

    expect(batches).toEqual([1, 5]);
  });

  it('stops its subscriptions and disposes of the client on close', async () => {
    const subscription = store.subscribe({ after: 0n, handle: async () => undefined });

    await store.close();
    await subscription.stop();

    expect(client.disposed).toBe(true);
  });
});

async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met within 5 s');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
