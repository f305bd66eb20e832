import { randomUUID } from 'node:crypto';
import type { Admin, Kafka } from 'kafkajs';
import { eventually } from './vigil-under-test';

/** What the relay put in a message's value that the checks need. */
export interface PublishedEvent {
  eventId: string;
  streamId: string;
  revision: number;
  position: number;
}

/** Messages in each partition now (high watermark − low), keyed `topic/partition`. */
async function highWatermarks(admin: Admin, topics: readonly string[]): Promise<Map<string, number>> {
  const marks = new Map<string, number>();
  for (const topic of topics) {
    for (const partition of await admin.fetchTopicOffsets(topic)) {
      marks.set(`${topic}/${partition.partition}`, Number(partition.high) - Number(partition.low));
    }
  }
  return marks;
}

/** Every message of `topics`, from the beginning up to their high watermarks as they are now, in a throw-away group. */
export async function readTopics(
  kafka: Kafka,
  admin: Admin,
  topics: readonly string[],
  timeoutMs: number,
): Promise<PublishedEvent[]> {
  const marks = await highWatermarks(admin, topics);
  const expected = [...marks.values()].reduce((sum, count) => sum + count, 0);
  const groupId = `services-apart-reader-${randomUUID().slice(0, 8)}`;
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
  const received: PublishedEvent[] = [];
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [...topics], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const value = JSON.parse(message.value!.toString()) as Record<string, string>;
        received.push({
          eventId: value.eventId!,
          streamId: value.streamId!,
          revision: Number(value.revision),
          position: Number(value.position),
        });
      },
    });
    await eventually(async () => (received.length >= expected ? true : undefined), timeoutMs).catch(() => {
      throw new Error(`read ${received.length} of the ${expected} messages of ${topics.join(', ')} in ${timeoutMs / 1000} s`);
    });
  } finally {
    await consumer.disconnect().catch(() => undefined);
    await admin.deleteGroups([groupId]).catch(() => undefined);
  }
  return received;
}

/** Messages of `topics` a consumer group has not committed yet (a partition it never committed counts whole). */
export async function groupLag(admin: Admin, groupId: string, topics: readonly string[]): Promise<number> {
  let lag = 0;
  for (const { topic, partitions } of await admin.fetchOffsets({ groupId, topics: [...topics] })) {
    const marks = await admin.fetchTopicOffsets(topic);
    for (const { partition, offset } of partitions) {
      const mark = marks.find((candidate) => candidate.partition === partition)!;
      const committed = Number(offset) < 0 ? Number(mark.low) : Number(offset);
      lag += Number(mark.high) - committed;
    }
  }
  return lag;
}
