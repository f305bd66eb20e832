import type { Kafka } from 'kafkajs';
import { type DeadLetter, projectionDeadLetterMessage } from '../codec/dead-letters';
import { IdempotentProducer } from '../kafka/idempotent-producer';
import { deadLetterTopic } from '../kafka/topics';

/**
 * Sends a projection's poison messages to `<namespace>.dead-letters.v1` and waits for every replica;
 * idempotent, so a retried send does not duplicate a dead letter.
 */
export class DeadLetterPublisher {
  private readonly producer: IdempotentProducer;

  constructor(
    kafka: Kafka,
    private readonly namespace: string,
    private readonly projection: string,
  ) {
    this.producer = new IdempotentProducer(kafka);
  }

  async publish(deadLetters: readonly DeadLetter[]): Promise<void> {
    if (deadLetters.length === 0) return;
    const messages = deadLetters.map((deadLetter) => projectionDeadLetterMessage(this.projection, deadLetter));
    await this.producer.send([{ topic: deadLetterTopic(this.namespace), messages }]);
  }

  async disconnect(): Promise<void> {
    await this.producer.disconnect();
  }
}
