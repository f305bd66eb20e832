import type { ICustomPartitioner, Kafka, Producer, TopicMessages } from 'kafkajs';

export interface IdempotentProducerOptions {
  /** kafkajs' default partitioner (murmur2 of the key) when absent. */
  createPartitioner?: ICustomPartitioner;
}

/**
 * A lazily connected idempotent producer with one request in flight, so a retried request can
 * neither duplicate nor reorder a key's messages; a send resolves once every in-sync replica has
 * it (`acks: -1`). A missing topic fails loudly instead of being auto-created with the broker's
 * default partitions. After any failure the producer is dropped and the next send starts a fresh one.
 */
export class IdempotentProducer {
  private producer: Producer | null = null;

  constructor(
    private readonly kafka: Kafka,
    private readonly options: IdempotentProducerOptions = {},
  ) {}

  get connected(): boolean {
    return this.producer !== null;
  }

  async connect(): Promise<Producer> {
    if (this.producer) return this.producer;
    const producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: this.options.createPartitioner,
    });
    try {
      await producer.connect();
    } catch (error) {
      await producer.disconnect().catch(() => undefined);
      throw error;
    }
    this.producer = producer;
    return producer;
  }

  async send(topicMessages: TopicMessages[]): Promise<void> {
    const producer = await this.connect();
    try {
      await producer.sendBatch({ topicMessages, acks: -1 });
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
}
