import type { Admin, Kafka } from 'kafkajs';
import { quietTwin } from './kafka-client';

const READY_WAIT_MS = 30_000;
const POLL_MS = 100;

/** A short-lived admin client: connected for `work`, disconnected after whatever happened. */
export async function withAdmin<T>(kafka: Kafka, work: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/**
 * THE way a service or a command makes sure its topics exist and are served before it produces or
 * consumes. Runs on the client's quiet twin: the answers it expects on a fresh broker (a topic
 * another service created first, a partition whose leader is not serving yet) are not errors.
 */
export function ensureTopicsExist(kafka: Kafka, topics: string[], numPartitions: number): Promise<string[]> {
  return withAdmin(quietTwin(kafka), (admin) => ensureTopics(admin, topics, numPartitions));
}

/** Creates the topics that do not exist yet (existing ones are left as they are) and waits until each partition is served. */
export async function ensureTopics(admin: Admin, topics: string[], numPartitions: number): Promise<string[]> {
  const existing = new Set(await admin.listTopics());
  const missing = topics.filter((topic) => !existing.has(topic));
  if (missing.length > 0) {
    // kafkajs' own waitForLeaders gives up on the broker's first "does not host this topic-partition".
    await admin
      .createTopics({ waitForLeaders: false, topics: missing.map((topic) => ({ topic, numPartitions, replicationFactor: -1 })) })
      // Another service of the namespace may create the same topics at the same moment; the wait below tells.
      .catch(() => undefined);
  }
  await waitForLeaders(admin, topics);
  return missing;
}

/**
 * Waits until every partition of the topics answers a ListOffsets from its leader. The metadata
 * names a new partition's leader before that broker has created the partition's log (on a fresh
 * broker, a second or two for a few dozen partitions); a consumer that joins in between is told
 * "This server is not the leader for that topic-partition" and rejoins its group again and again.
 */
export async function waitForLeaders(admin: Admin, topics: string[]): Promise<void> {
  const deadline = Date.now() + READY_WAIT_MS;
  for (;;) {
    try {
      const { topics: described } = await admin.fetchTopicMetadata({ topics });
      const led = described.every(
        (topic) => topic.partitions.length > 0 && topic.partitions.every((partition) => partition.leader >= 0),
      );
      if (led) {
        await Promise.all(topics.map((topic) => admin.fetchTopicOffsets(topic)));
        return;
      }
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    if (Date.now() > deadline) throw new Error(`topics not served after ${READY_WAIT_MS} ms: ${topics.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
