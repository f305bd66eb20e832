import { deadLetterTopic } from '@vigil/messaging';
import type { Kafka, Message, Producer } from 'kafkajs';
import type { DeadLetter } from './delivered-event';

export const REASON_HEADER = 'vigil-reason';

export function toDeadLetterMessage(projection: string, deadLetter: DeadLetter): Message {
  return {
    key: deadLetter.original.key,
    value: JSON.stringify({ projection, reason: deadLetter.reason, original: deadLetter.original }),
    headers: { [REASON_HEADER]: deadLetter.reason },
  };
}

/** Sends a projection's poison messages to `<namespace>.dead-letters.v1` and waits for every replica. */
export class DeadLetterPublisher {
  private producer: Producer | null = null;

  constructor(
    private readonly kafka: Kafka,
    private readonly namespace: string,
    private readonly projection: string,
  ) {}

  async publish(deadLetters: readonly DeadLetter[]): Promise<void> {
    if (deadLetters.length === 0) return;
    const producer = await this.connected();
    try {
      await producer.send({
        topic: deadLetterTopic(this.namespace),
        acks: -1,
        messages: deadLetters.map((deadLetter) => toDeadLetterMessage(this.projection, deadLetter)),
      });
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

  private async connected(): Promise<Producer> {
    if (this.producer) return this.producer;
    const producer = this.kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    this.producer = producer;
    return producer;
  }
}
