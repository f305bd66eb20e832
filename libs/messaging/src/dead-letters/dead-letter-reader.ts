import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import type { Pool } from 'pg';
import { type DeadLetterEntry, decodeDeadLetter } from '../codec/dead-letters';
import { withAdmin } from '../kafka/ensure-topics';
import { deadLetterTopic, inboundRejectedTopic } from '../kafka/topics';

/**
 * Both dead-letter topics of the namespace from the beginning up to their high watermarks as they
 * were when asked (a throw-away consumer group, so no service's offsets move), minus resolved ones.
 */
export async function listDeadLetters(kafka: Kafka, pool: Pool, namespace: string): Promise<DeadLetterEntry[]> {
  const topics = { [deadLetterTopic(namespace)]: 'projection', [inboundRejectedTopic(namespace)]: 'inbound' } as const;
  const remaining = await withAdmin(kafka, async (admin) => {
    const ends = new Map<string, bigint>();
    const existing = new Set(await admin.listTopics());
    for (const topic of Object.keys(topics).filter((name) => existing.has(name))) {
      for (const partition of await admin.fetchTopicOffsets(topic)) {
        if (BigInt(partition.high) > BigInt(partition.low)) ends.set(`${topic}:${partition.partition}`, BigInt(partition.high));
      }
    }
    return ends;
  });
  const entries: DeadLetterEntry[] = [];
  if (remaining.size > 0) {
    const groupId = `${namespace}.cli-dead-letters-${randomUUID()}`;
    const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 200 });
    await consumer.connect();
    try {
      const subscribed = [...new Set([...remaining.keys()].map((key) => key.slice(0, key.lastIndexOf(':'))))];
      await consumer.subscribe({ topics: subscribed, fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        consumer.on(consumer.events.CRASH, ({ payload }) => reject(payload.error));
        void consumer
          .run({
            autoCommit: false,
            eachMessage: async ({ topic, partition, message }) => {
              const key = `${topic}:${partition}`;
              const high = remaining.get(key);
              if (high === undefined || BigInt(message.offset) >= high) return;
              const entry = decodeDeadLetter(topics[topic]!, { topic, partition, message });
              if (entry) entries.push(entry);
              if (BigInt(message.offset) + 1n >= high) remaining.delete(key);
              if (remaining.size === 0) resolve();
            },
          })
          .catch(reject);
      });
    } finally {
      await consumer.disconnect().catch(() => undefined);
      await withAdmin(kafka, (admin) => admin.deleteGroups([groupId])).catch(() => undefined);
    }
  }
  const resolved = await pool.query<{ id: string }>('SELECT id FROM dead_letter_resolutions WHERE id = ANY($1::text[])', [
    entries.map((entry) => entry.id),
  ]);
  const done = new Set(resolved.rows.map((row) => row.id));
  return entries.filter((entry) => !done.has(entry.id)).sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
}

/** False when it was resolved already. */
export async function recordResolution(pool: Pool, id: string, action: 'retried' | 'discarded'): Promise<boolean> {
  const { rowCount } = await pool.query(
    'INSERT INTO dead_letter_resolutions (id, action) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING',
    [id, action],
  );
  return rowCount === 1;
}
