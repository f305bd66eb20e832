import { randomUUID } from 'node:crypto';
import { createLogger } from '@vigil/platform';
import type { Kafka } from 'kafkajs';
import { ensureTopics } from './ensure-topics';
import { IdempotentProducer } from './idempotent-producer';
import { createKafka } from './kafka-client';

// The shared producer of the relay and the dead letters, against the real broker.
const BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';

async function readAll(kafka: Kafka, topic: string, count: number): Promise<string[]> {
  const consumer = kafka.consumer({ groupId: `reader-${randomUUID()}` });
  const values: string[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({ eachMessage: async ({ message }) => void values.push(message.value!.toString()) });
  const deadline = Date.now() + 30_000;
  while (values.length < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  await consumer.disconnect();
  return values;
}

describe('IdempotentProducer', () => {
  // Few retries: a send to a missing topic fails in a second instead of a minute.
  const kafka = createKafka(BROKERS, 'idempotent-producer-int-spec', createLogger('fatal'), {
    retry: { initialRetryTime: 100, retries: 1 },
  });
  const producer = new IdempotentProducer(kafka);
  const topic = `test-${randomUUID().slice(0, 8)}.producer.v1`;

  beforeAll(async () => {
    const admin = kafka.admin();
    await admin.connect();
    await ensureTopics(admin, [topic], 2);
    await admin.disconnect();
  });
  afterAll(() => producer.disconnect());

  it('drops itself after a failed send, and the next send goes through a fresh producer exactly once', async () => {
    const missing = `test-${randomUUID().slice(0, 8)}.missing.v1`;
    await expect(producer.send([{ topic: missing, messages: [{ key: 'k', value: 'lost' }] }])).rejects.toThrow(
      'This server does not host this topic-partition',
    );
    expect(producer.connected).toBe(false);

    await producer.send([{ topic, messages: ['a', 'b', 'c'].map((value) => ({ key: 'k', value })) }]);
    expect(producer.connected).toBe(true);
    await producer.send([{ topic, messages: [{ key: 'k', value: 'd' }] }]);
    expect(await readAll(kafka, topic, 4)).toEqual(['a', 'b', 'c', 'd']);
  });
});
