import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import { inboundRejectedTopic } from '@vigil/messaging';
import { eventually } from './vigil-under-test';

export interface Rejection {
  reason: { code: string; message: string; eventId?: string; problems?: { path: string; message: string; code: string }[] };
  original: { partition: number; offset: string; key: string | null; value: string | null };
}

/** The first `count` records of a namespace's rejected-inbound topic, in the order of the messages they reject. */
export async function readRejections(kafka: Kafka, namespace: string, count: number): Promise<Rejection[]> {
  // A group of its own each time, so every call reads the topic from its beginning.
  const consumer = kafka.consumer({ groupId: `${namespace}.rejected-reader-${randomUUID().slice(0, 8)}` });
  await consumer.connect();
  await consumer.subscribe({ topic: inboundRejectedTopic(namespace), fromBeginning: true });
  const seen: Rejection[] = [];
  await consumer.run({ eachMessage: async ({ message }) => void seen.push(JSON.parse(message.value!.toString())) });
  try {
    await eventually(async () => (seen.length >= count ? true : undefined), 30_000);
  } finally {
    await consumer.disconnect();
  }
  return seen.sort((a, b) => Number(a.original.offset) - Number(b.original.offset));
}
