import { Kafka, logLevel } from 'kafkajs';

/** Deletes the topics the run's service created under its own namespace; the broker is shared. */
export async function deleteNamespaceTopics(brokers: string, namespace: string): Promise<number> {
  const admin = new Kafka({ clientId: 'vigil-bench', brokers: brokers.split(','), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(`${namespace}.`));
    if (topics.length > 0) await admin.deleteTopics({ topics });
    return topics.length;
  } finally {
    await admin.disconnect();
  }
}
