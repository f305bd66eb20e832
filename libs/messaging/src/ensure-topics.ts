import type { Admin } from 'kafkajs';

const LEADER_WAIT_MS = 30_000;

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
