import { CATEGORIES } from '@vigil/contract';
import type { SerializedEvent } from '@vigil/event-store';
import { ensureTopics, topicOf } from '@vigil/messaging';
import type { Kafka, Producer } from 'kafkajs';
import { KeyCachingPartitioner } from './key-partitioner';
import { toTopicMessages } from './topic-messages';

/**
 * The relay's Kafka producer. Idempotent with one request in flight, so a retried request can
 * neither duplicate nor reorder a stream's messages; `acks: -1` waits for every in-sync replica.
 * After any failure the producer is dropped and the next call starts a fresh one.
 */
export class EventPublisher {
  private producer: Producer | null = null;
  private topicsEnsured = false;

  constructor(
    private readonly kafka: Kafka,
    private readonly namespace: string,
    private readonly partitions: number,
  ) {}

  get connected(): boolean {
    return this.producer !== null;
  }

  async connect(): Promise<void> {
    if (this.producer) return;
    await this.ensureTopics();
    const producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      // A missing topic must fail loudly, not be auto-created with the broker's default partitions.
      allowAutoTopicCreation: false,
      createPartitioner: KeyCachingPartitioner,
    });
    try {
      await producer.connect();
    } catch (error) {
      await producer.disconnect().catch(() => undefined);
      throw error;
    }
    this.producer = producer;
  }

  /** Resolves once Kafka acknowledged every event of the page. */
  async publish(events: readonly SerializedEvent[]): Promise<void> {
    await this.connect();
    try {
      await this.producer!.sendBatch({ topicMessages: toTopicMessages(this.namespace, events), acks: -1 });
    } catch (error) {
      await this.disconnect();
      throw error;
    }
  }

  async disconnect(): Promise<void> {
    const producer = this.producer;
    this.producer = null;
    await producer?.disconnect().catch(() => undefined);
  }

  /** The services create their topics at start too; the relay does not rely on having started after them. */
  private async ensureTopics(): Promise<void> {
    if (this.topicsEnsured) return;
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const topics = CATEGORIES.map((category) => topicOf(this.namespace, category));
      await ensureTopics(admin, topics, this.partitions);
      this.topicsEnsured = true;
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }
}
