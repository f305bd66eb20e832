import { randomUUID } from 'node:crypto';
import { deadLetterTopic, inboundRejectedTopic } from '@vigil/messaging';
import type { IHeaders, Kafka } from 'kafkajs';
import type { Pool } from 'pg';

export interface DeadLetterEntry {
  /** `<topic>:<partition>:<offset>` of the dead letter itself. */
  id: string;
  kind: 'projection' | 'inbound';
  /** The projection that could not apply it (projection dead letters only). */
  projection?: string;
  reason: string;
  original: { topic: string; partition: number; offset: string; key: string | null; value: string | null };
  /** Headers of the dead-letter message (an inbound rejection keeps the original's, minus the token). */
  headers: Record<string, string>;
}

export function parseDeadLetterId(id: string): { topic: string; partition: number; offset: string } | null {
  const match = /^(.+):(\d+):(\d+)$/.exec(id);
  return match ? { topic: match[1]!, partition: Number(match[2]), offset: match[3]! } : null;
}

function headerStrings(headers: IHeaders | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) result[name] = first.toString();
  }
  return result;
}

function toEntry(kind: DeadLetterEntry['kind'], id: string, value: string, headers: IHeaders | undefined): DeadLetterEntry {
  const body = JSON.parse(value) as {
    projection?: string;
    reason: string | { code: string; message: string };
    original: DeadLetterEntry['original'];
  };
  const reason = typeof body.reason === 'string' ? body.reason : `${body.reason.code}: ${body.reason.message}`;
  return {
    id,
    kind,
    ...(body.projection ? { projection: body.projection } : {}),
    reason,
    original: body.original,
    headers: headerStrings(headers),
  };
}

/**
 * Both dead-letter topics of the namespace from the beginning up to their high watermarks as they
 * were when asked (a throw-away consumer group, so no service's offsets move), minus resolved ones.
 */
export async function listDeadLetters(kafka: Kafka, pool: Pool, namespace: string): Promise<DeadLetterEntry[]> {
  const topics = { [deadLetterTopic(namespace)]: 'projection', [inboundRejectedTopic(namespace)]: 'inbound' } as const;
  const admin = kafka.admin();
  await admin.connect();
  const remaining = new Map<string, bigint>();
  try {
    const existing = new Set(await admin.listTopics());
    for (const topic of Object.keys(topics).filter((name) => existing.has(name))) {
      for (const partition of await admin.fetchTopicOffsets(topic)) {
        if (BigInt(partition.high) > BigInt(partition.low))
          remaining.set(`${topic}:${partition.partition}`, BigInt(partition.high));
      }
    }
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
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
              if (message.value)
                entries.push(toEntry(topics[topic]!, `${key}:${message.offset}`, message.value.toString(), message.headers));
              if (BigInt(message.offset) + 1n >= high) remaining.delete(key);
              if (remaining.size === 0) resolve();
            },
          })
          .catch(reject);
      });
    } finally {
      await consumer.disconnect().catch(() => undefined);
      const admin2 = kafka.admin();
      await admin2.connect();
      await admin2.deleteGroups([groupId]).catch(() => undefined);
      await admin2.disconnect().catch(() => undefined);
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
