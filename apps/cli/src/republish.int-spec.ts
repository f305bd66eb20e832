import { randomUUID } from 'node:crypto';
import { CATEGORIES, type StoredEvent } from '@vigil/contract';
import { type EventToAppend, PostgresEventStore } from '@vigil/event-store';
import { topicOf } from '@vigil/messaging';
import type { Consumer } from 'kafkajs';
import { Pool } from 'pg';
import { captureOutput, eventually, freshNamespace, testKafka } from './cli-test-support';
import { run } from './run';

interface Received {
  topic: string;
  key: string;
  position: string;
  revision: string;
  type: string | undefined;
}

const caseOpened = (caseId: string): EventToAppend => ({
  envelope: {
    eventId: randomUUID(),
    type: 'CaseOpened',
    occurredAt: '2024-03-01T08:00:00Z',
    data: { caseId, unitId: 'VN-LCI', category: 'drugs', severity: 'serious' },
    metadata: { correlationId: 'corr-republish' },
  },
  principal: { role: 'upstream', unit: 'VN-LCI' },
});
const arrest = (caseId: string, n: number): EventToAppend => ({
  envelope: {
    eventId: randomUUID(),
    type: 'ArrestMade',
    occurredAt: '2024-03-02T08:00:00Z',
    data: { caseId, arrestId: `${caseId}:A${n}`, persons: 1 },
  },
  principal: { role: 'upstream', unit: 'VN-LCI' },
});

// `vigil republish`: stored events to Kafka again, exactly the range asked, in order per key.
describe('vigil republish', () => {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  const store = new PostgresEventStore(pool);
  const kafka = testKafka();
  const consumers: Consumer[] = [];
  let output: ReturnType<typeof captureOutput>;
  let appended: StoredEvent[];

  beforeAll(async () => {
    const cases = [`C-${randomUUID()}`, `C-${randomUUID()}`, `C-${randomUUID()}`];
    for (let round = 0; round < 4; round += 1) {
      await store.appendMany(
        cases.map((caseId) => ({
          streamId: `case-${caseId}`,
          expectedRevision: 'any' as const,
          events: [round === 0 ? caseOpened(caseId) : arrest(caseId, round)],
        })),
      );
    }
    const streams = await store.readStreams(cases.map((caseId) => `case-${caseId}`));
    appended = [...streams.values()].flat().sort((a, b) => Number(a.position - b.position));
  });
  beforeEach(() => {
    output = captureOutput();
  });
  afterEach(() => {
    jest.restoreAllMocks();
    delete process.env.VIGIL_NAMESPACE;
  });
  afterAll(async () => {
    await Promise.all(consumers.map((consumer) => consumer.disconnect()));
    await pool.end();
  });

  /** Everything on the namespace's event topics, until `count` messages came and nothing more for a moment. */
  async function consume(namespace: string, count: number): Promise<Received[]> {
    const received: Received[] = [];
    const consumer = kafka.consumer({ groupId: `${namespace}.spec`, maxWaitTimeInMs: 200 });
    consumers.push(consumer);
    await consumer.connect();
    await consumer.subscribe({ topics: CATEGORIES.map((category) => topicOf(namespace, category)), fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic, message }) => {
        const value = JSON.parse(message.value!.toString()) as { position: string; revision: string };
        received.push({
          topic,
          key: message.key!.toString(),
          position: value.position,
          revision: value.revision,
          type: message.headers?.type?.toString(),
        });
      },
    });
    await eventually(async () => (received.length >= count ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    return received;
  }

  const byKey = (received: readonly Received[]) => {
    const keys = new Map<string, string[]>();
    for (const item of received) keys.set(item.key, [...(keys.get(item.key) ?? []), item.position]);
    return keys;
  };

  it('publishes exactly the positions asked for, in order per key, as the relay would', async () => {
    const namespace = freshNamespace('republish');
    process.env.VIGIL_NAMESPACE = namespace;
    const from = appended[2]!.position;
    const to = appended[9]!.position;
    expect(await run(['republish', '--from-position', String(from), '--to-position', String(to)])).toBe(0);

    // The shared database may hold other tests' events in between: the store says what the range is.
    const expected = (await store.readAll(from - 1n, Number(to - from + 1n))).events;
    const received = await consume(namespace, expected.length);
    expect(received.map((item) => item.position).sort()).toEqual(expected.map((event) => String(event.position)).sort());
    for (const [key, positions] of byKey(received)) {
      expect(positions).toEqual(expected.filter((event) => event.streamId === key).map((event) => String(event.position)));
    }
    const mine = received.find((item) => item.position === String(appended[3]!.position))!;
    expect(mine).toMatchObject({ topic: `${namespace}.cases.v1`, key: appended[3]!.streamId, type: appended[3]!.type });
    expect(output.err.join('')).toMatch(new RegExp(`republish: ${expected.length}/\\d+ events, \\d+ events/s`));
    expect(output.out).toEqual([]);
  });

  it('publishes one stream only with --stream, and a recordedAt range with --from-time/--to-time', async () => {
    const streamId = appended[0]!.streamId;
    const namespace = freshNamespace('republish-stream');
    process.env.VIGIL_NAMESPACE = namespace;
    expect(await run(['republish', '--from-position', '1', '--stream', streamId])).toBe(0);
    const received = await consume(namespace, 4);
    expect(received.map((item) => [item.key, item.revision])).toEqual([0, 1, 2, 3].map((r) => [streamId, String(r)]));

    const timed = freshNamespace('republish-time');
    process.env.VIGIL_NAMESPACE = timed;
    const fromTime = appended[0]!.recordedAt;
    const toTime = appended[appended.length - 1]!.recordedAt;
    expect(await run(['republish', '--from-time', fromTime, '--to-time', toTime, '--stream', streamId])).toBe(0);
    expect((await consume(timed, 4)).map((item) => item.revision)).toEqual(['0', '1', '2', '3']);
  });

  it('exits 2 with the usage line for a bad range, 1 with the reason when Kafka is unreachable', async () => {
    expect(await run(['republish', '--from-position', '9', '--to-position', '3'])).toBe(2);
    expect(await run(['republish'])).toBe(2);
    expect(await run(['republish', '--from-time', 'yesterday', '--to-time', '2024-01-01T00:00:00Z'])).toBe(2);
    expect(await run(['republish', '--from-position', '1', '--from-time', '2024-01-01T00:00:00Z'])).toBe(2);
    expect(output.err.join('')).toMatch(/--from-position 9 is after --to-position 3\nusage: vigil republish/);

    output.err.length = 0;
    process.env.KAFKA_BROKERS = '127.0.0.1:1';
    try {
      expect(await run(['republish', '--from-position', String(appended[0]!.position)])).toBe(1);
    } finally {
      process.env.KAFKA_BROKERS = '127.0.0.1:9092';
    }
    expect(output.err.join('')).toMatch(/^vigil: .*(ECONNREFUSED|Connection|connect)/im);
  });
});
