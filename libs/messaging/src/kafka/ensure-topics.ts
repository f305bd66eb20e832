import type { Admin, Kafka } from 'kafkajs';

const LEADER_WAIT_MS = 30_000;

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

/** THE way a service or a command makes sure its topics exist before it produces or consumes. */
export function ensureTopicsExist(kafka: Kafka, topics: string[], numPartitions: number): Promise<string[]> {
  return withAdmin(kafka, (admin) => ensureTopics(admin, topics, numPartitions));
}

/** Creates the topics that do not exist yet (existing ones are left as they are) and waits for their leaders. */
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

export async function waitForLeaders(admin: Admin, topics: string[]): Promise<void> {
  const deadline = Date.now() + LEADER_WAIT_MS;
  for (;;) {
    try {
      const { topics: described } = await admin.fetchTopicMetadata({ topics });
      if (described.every((topic) => topic.partitions.length > 0 && topic.partitions.every((partition) => partition.leader >= 0)))
        return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    if (Date.now() > deadline) throw new Error(`topics without a leader after ${LEADER_WAIT_MS} ms: ${topics.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
