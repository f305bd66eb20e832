import { CATEGORIES } from '@vigil/contract';
import type { SerializedEvent } from '@vigil/event-store';
import type { Kafka } from 'kafkajs';
import { toTopicMessages } from '../codec/stored-event-messages';
import { ensureTopicsExist } from '../kafka/ensure-topics';
import { IdempotentProducer } from '../kafka/idempotent-producer';
import { KeyCachingPartitioner } from '../kafka/key-partitioner';
import { topicOf } from '../kafka/topics';
import { PublishSpans } from './publish-spans';

/**
 * The relay's Kafka producer: idempotent with one request in flight, so a retried request can
 * neither duplicate nor reorder a stream's messages, and `acks: -1` (see `IdempotentProducer`).
 * After any failure the producer is dropped and the next call starts a fresh one.
 */
export class EventPublisher {
  private readonly producer: IdempotentProducer;
  private topicsEnsured = false;

  constructor(
    private readonly kafka: Kafka,
    private readonly namespace: string,
    private readonly partitions: number,
  ) {
    this.producer = new IdempotentProducer(kafka, { createPartitioner: KeyCachingPartitioner });
  }

  get connected(): boolean {
    return this.producer.connected;
  }

  async connect(): Promise<void> {
    if (this.producer.connected) return;
    await this.ensureTopics();
    await this.producer.connect();
  }

  /** Resolves once Kafka acknowledged every event of the page. */
  async publish(events: readonly SerializedEvent[]): Promise<void> {
    await this.connect();
    const spans = new PublishSpans(this.namespace, events);
    try {
      await this.producer.send(toTopicMessages(this.namespace, events, spans.headerOf));
      spans.end();
    } catch (error) {
      spans.end(error);
      throw error;
    }
  }

  async disconnect(): Promise<void> {
    await this.producer.disconnect();
  }

  /** The services create their topics at start too; the relay does not rely on having started after them. */
  private async ensureTopics(): Promise<void> {
    if (this.topicsEnsured) return;
    const topics = CATEGORIES.map((category) => topicOf(this.namespace, category));
    await ensureTopicsExist(this.kafka, topics, this.partitions);
    this.topicsEnsured = true;
  }
}
